@dom_services
Feature: A DOM's BOD services (ExternalInventory and ExternalOrder)
  The commerce server calls DOM at two endpoints: InventoryServices for GetInventoryAvailability and
  ProcessInventoryRequirement (ReserveInventory), OrderServices for ProcessOrder (TransferOrder). Any DOM the
  commerce server integrates with must answer each request with the documented answer BOD, valid against
  the schemas, and answer documents it cannot accept with the documented error form (a ChangeStatus with a
  correlation code and a reason code, or a SOAP fault for a broken envelope), never with a stack trace.
  Run these scenarios against a real DOM with --dom-url; it should hold the shared seed's items.

  Scenario: GetInventoryAvailability is answered with a valid ShowInventoryAvailability
    Given a plentiful item
    When the commerce server asks DOM for the online availability of the item
    Then DOM answers with a valid ShowInventoryAvailability
    And the answer has an Available record for the item at the online store

  Scenario: GetInventoryAvailability for physical stores has a record per store
    Given a plentiful item
    When the commerce server asks DOM for the availability of the item at stores 20001,20002
    Then DOM answers with a valid ShowInventoryAvailability
    And the answer has a record for the item at each of the stores 20001,20002

  Scenario: ReserveInventory is acknowledged with every line allocated
    Given a plentiful item
    When the commerce server reserves 2 units of the item for a new order
    Then DOM answers with a valid AcknowledgeInventoryRequirement
    And every line of the reservation is Allocated

  Scenario: TransferOrder is acknowledged
    Given a plentiful item
    And the commerce server reserved 1 unit of the item for a new order
    When the commerce server transfers the order to DOM
    Then DOM answers with a valid AcknowledgeOrder

  @mock_dom
  Scenario: The mock DOM keeps what it acknowledged
    Given a plentiful item
    And the commerce server reserved 1 unit of the item for a new order
    When the commerce server transfers the order to DOM
    Then DOM holds the order with 1 unit of the item

  Scenario Outline: <document> is answered with the error form
    Given a plentiful item
    When the commerce server sends <document> to DOM's <service>
    Then DOM answers with the error form

    Examples:
      | document                                               | service           |
      | an availability request with an undocumented expression | InventoryServices |
      | a reservation of an item DOM does not know              | InventoryServices |
      | a transfer to the inventory service                     | InventoryServices |
      | a document that is not well-formed                      | InventoryServices |
      | a document with an entity declaration                   | OrderServices     |
      | a document that is not a BOD                            | OrderServices     |
