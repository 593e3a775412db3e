@cache_update @mock_dom @slow
Feature: DOM pushes availability changes (SyncInventoryAvailability)
  In the DOM inventory model, DOM tells the commerce server when an item's availability crosses a monitored
  level (Sterling's RTAM pushes REALTIME_AVAILABILITY_CHANGE_LIST as SyncInventoryAvailability / Change).
  The commerce server confirms the push and updates its cache, so shoppers see the new level without an
  extra GetInventoryAvailability call.

  Scenario: A pushed availability change is served from the cache
    Given an item the commerce cache does not hold
    When DOM's stock of the item drops to 3 units online
    And DOM delivers its pending updates to the commerce server
    Then the commerce server confirmed DOM's availability update
    And a shopper sees the item Available online with 3 units
    And DOM was asked for the availability of the item 0 times

  Scenario: The commerce server confirms a pushed change sent directly
    Given an item the commerce cache does not hold
    When DOM pushes Unavailable with 0 units of the item online
    Then the update is confirmed
    And a shopper sees the item Unavailable online
    And DOM was asked for the availability of the item 0 times
