@availability @dom_down @mock_dom
Feature: Availability while DOM does not answer
  When DOM does not answer a GetInventoryAvailability request, the storefront still shows the last
  availability the commerce server knew (a stale record beats no answer); for an item it never knew, the
  look-up fails with an error the storefront can show.

  Background:
    Given DOM keeps its availability changes to itself

  Scenario: The last known availability is served while DOM is down
    Given an item the commerce server re-checks with DOM on every look-up
    And DOM holds 7 units of the item online
    And a shopper has looked up the availability of the item
    And DOM stops answering
    When another shopper looks up the availability of the item
    Then the item is Available online with 7 units

  Scenario: An item never cached cannot be shown while DOM is down
    Given an item the commerce cache does not hold
    And DOM stops answering
    When a shopper looks up the availability of the item
    Then the look-up is refused with _ERR_DOM_UNAVAILABLE
