@cache_update
Feature: The inventory cache update service (SyncProductAvailability)
  DOM, or an inventory system behind it, keeps the commerce server's availability cache current by calling
  the commerce server's InventoryServices with SyncProductAvailability: "Update" caches new levels, either
  one global level or one per fulfillment center; "Delete" stops caching an item whose level changes too
  fast. Every message is answered with a ConfirmBOD: a success, or the documented error form carrying a
  ChangeStatus with a reason code. A refused message changes nothing.

  Background:
    Given DOM keeps its availability changes to itself

  @mock_dom
  Scenario: A global level update is confirmed and served from the cache
    Given an item the commerce cache does not hold
    When DOM sends a cache update of 250 units of the item
    Then the update is confirmed
    And a shopper sees the item Available online with at least 250 units
    And DOM was asked for the availability of the item 0 times

  @mock_dom
  Scenario: Fulfillment center levels are confirmed and add up online
    Given an item the commerce cache does not hold
    When DOM sends a cache update of 30 units of the item at fulfillment center 10001
    And DOM sends a cache update of 12 units of the item at fulfillment center 10002
    Then every update is confirmed
    And a shopper sees the item Available online with 42 units
    And DOM was asked for the availability of the item 0 times

  @mock_dom
  Scenario: Delete stops caching the item, so the next look-up asks DOM
    Given an item the commerce cache does not hold
    And DOM sent a cache update of 250 units of the item
    When DOM sends a cache delete of the item
    Then the update is confirmed
    And a shopper sees the item Available online
    And DOM was asked for the availability of the item 1 time

  Scenario: A redelivered update is confirmed again but applied once
    Given an item the commerce cache does not hold
    And DOM sent a cache update of 10 units of the item at fulfillment center 10001
    And DOM sent a cache update of 0 units of the item at fulfillment center 10002
    And DOM sent another cache update of 3 units of the item at fulfillment center 10001
    When DOM delivers the first update again
    Then the update is confirmed
    And a shopper sees the item Available online with 3 units

  Scenario: An update without a SKU is refused as a missing parameter
    When DOM sends this cache update:
      """
      <inv:SyncProductAvailability xmlns:inv="http://www.ibm.com/xmlns/prod/commerce/inventory"
          xmlns:wcf="http://www.ibm.com/xmlns/prod/commerce/foundation"
          xmlns:oa="http://www.openapplications.org/oagis/9" versionID="" releaseID="">
        <wcf:ApplicationArea>
          <oa:CreationDateTime>2024-05-01T09:59:00.000Z</oa:CreationDateTime>
          <oa:BODID>missing-sku</oa:BODID>
          <wcf:BusinessContext><wcf:ContextData name="storeId">10101</wcf:ContextData></wcf:BusinessContext>
        </wcf:ApplicationArea>
        <inv:DataArea>
          <oa:Sync>
            <oa:ActionCriteria>
              <oa:ActionExpression expressionLanguage="XPath" actionCode="Update">ProductAvailability</oa:ActionExpression>
            </oa:ActionCriteria>
          </oa:Sync>
          <inv:ProductAvailability>
            <wcf:ProductIdentifier></wcf:ProductIdentifier>
            <inv:QuantityOnHand uom="C62">250</inv:QuantityOnHand>
          </inv:ProductAvailability>
        </inv:DataArea>
      </inv:SyncProductAvailability>
      """
    Then the update is refused with reason code _ERR_CMD_MISSING_PARAM.-1

  Scenario: A document with an entity declaration is refused before anything is expanded
    When DOM sends this cache update:
      """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
      <inv:SyncProductAvailability xmlns:inv="http://www.ibm.com/xmlns/prod/commerce/inventory">&lol2;</inv:SyncProductAvailability>
      """
    Then the update is refused with reason code _ERR_BOD_FORBIDDEN_CONSTRUCT.-1

  Scenario: A document that is not well-formed is refused
    When DOM sends this cache update:
      """
      <inv:SyncProductAvailability xmlns:inv="http://www.ibm.com/xmlns/prod/commerce/inventory">
      """
    Then the update is refused with reason code _ERR_BOD_MALFORMED.-1
