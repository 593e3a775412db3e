@availability
Feature: Inventory availability for the storefront
  A shopper browsing the Aurora store sees whether an item can be bought online and in nearby stores.
  The commerce server answers from its inventory cache while a cached record is still valid, and asks DOM
  (GetInventoryAvailability) when it holds no record for the item or the record has expired.

  Background:
    Given DOM keeps its availability changes to itself

  @mock_dom
  Scenario: An item the cache does not hold is fetched from DOM
    Given an item the commerce cache does not hold
    And DOM holds 42 units of the item online
    When a shopper looks up the availability of the item
    Then the item is Available online with 42 units
    And DOM was asked for the availability of the item 1 time

  @mock_dom
  Scenario: A cached item is served without calling DOM
    Given an item the commerce cache does not hold
    And a shopper has looked up the availability of the item
    When another shopper looks up the availability of the item
    Then the item is Available online
    And DOM was asked for the availability of the item 1 time

  @mock_dom
  Scenario: Items can be looked up by part number
    Given an item the commerce cache does not hold
    And DOM holds 17 units of the item online
    When a shopper looks up the availability of the item by its part number
    Then the item is Available online with 17 units

  @mock_dom
  Scenario: Availability in physical stores comes with the online availability
    Given an item the commerce cache does not hold
    And DOM holds 3 units of the item at store 20001
    And DOM holds 0 units of the item at store 20002
    When a shopper looks up the availability of the item at stores 20001,20002
    Then the item is Available at store 20001 with 3 units
    And the item is Unavailable at store 20002
    And the answer has a record online and one for each of the 2 stores
