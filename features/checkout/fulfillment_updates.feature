@checkout @mock_dom @slow
Feature: DOM's fulfillment updates reach the shopper
  As DOM fulfills the order it sends SyncOrder (Change) status updates to the commerce server's
  OrderServices. The commerce server updates the order and its items, and emails the shopper when the
  order ships.

  Scenario: The shopper sees the order shipped
    Given a plentiful item
    And a shopper's order of 1 unit of the item that DOM has received
    When DOM ships the order
    Then the shopper sees the order shipped with its tracking number
    And the shopper receives a shipping notice
