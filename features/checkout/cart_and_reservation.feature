@checkout @mock_dom
Feature: Cart and reservation at DOM
  Adding an item to the cart runs ChangeOrder Create, and the commerce server checks the inventory
  (CheckInventory, from its cache or DOM). Proceeding to checkout prepares the order (ProcessOrder Prepare):
  the commerce server reserves the items at DOM (ProcessInventoryRequirement ReserveInventory) and keeps
  DOM's verdict per item.

  Scenario: An item in stock goes into the cart
    Given a plentiful item
    And a guest shopper
    When the shopper adds 2 units of the item to the cart
    Then the cart is pending with 2 units of the item

  Scenario: An item DOM has none of cannot go into the cart
    Given an unavailable item
    And a guest shopper
    When the shopper adds 1 unit of the item to the cart
    Then the shopper is told _ERR_PROD_NOT_ORDERABLE

  Scenario: Proceeding to checkout reserves the items at DOM
    Given a plentiful item
    And a guest shopper with 2 units of the item in the cart
    When the shopper proceeds to checkout
    Then the cart's items are allocated
    And DOM holds a reservation of 2 units of the item for the cart

  Scenario: Two shoppers want the last unit
    Given a plentiful item
    And DOM holds 1 unit of the item online
    And two guest shoppers with 1 unit of the item in their carts
    When both shoppers proceed to checkout at the same time
    Then exactly one shopper gets the last unit
    And the other shopper is told _ERR_INSUFFICIENT_INVENTORY
