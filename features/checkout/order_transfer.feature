@checkout @mock_dom
Feature: Submitting the order transfers it to DOM
  When the shopper submits the order (ProcessOrder Submit), the commerce server authorizes the payment,
  confirms the order by email and raises OrderSubmit; its listener transfers the order to DOM with
  ProcessOrder TransferOrder. The transfer status tells where the order is: F hold on transfer (waiting for
  DOM), H failed to transfer, G successfully transferred. A transfer DOM could not take is retried until DOM
  acknowledges it, and DOM receives every order exactly once.

  Scenario: A placed order is transferred to DOM exactly once
    Given a plentiful item
    And a guest shopper ready to pay for 1 unit of the item
    When the shopper places the order
    Then the order is placed
    And the order is successfully transferred to DOM
    And DOM received the order exactly once
    And the shopper receives an order confirmation

  @dom_down @slow
  Scenario: An order placed while DOM is down is transferred when DOM is back
    Given a plentiful item
    And a guest shopper ready to pay for 1 unit of the item
    And DOM stops taking orders
    When the shopper places the order
    Then the order is placed
    And the order waits for its transfer to DOM
    When DOM takes orders again
    Then the order is successfully transferred to DOM
    And DOM received the order exactly once
