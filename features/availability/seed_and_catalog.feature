@availability
Feature: What the storefront shows for the seed's items and for unknown products
  The shared seed gives items of every kind: most in plentiful stock, every 50th item out of stock
  everywhere, every other 25th item only expected stock (Backorderable with a date).

  Scenario Outline: The seed's <kind> items show as <status>
    Given a <kind> item
    When a shopper looks up the availability of the item
    Then the item is <status> online

    Examples:
      | kind          | status        |
      | plentiful     | Available     |
      | unavailable   | Unavailable   |
      | backorderable | Backorderable |

  Scenario: A product the catalog does not know is refused
    When a shopper looks up the availability of product 99999
    Then the look-up is refused with _APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_ID

  Scenario: A physical store the commerce server does not know is refused
    Given a plentiful item
    When a shopper looks up the availability of the item at stores 29999
    Then the look-up is refused with _APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_ID
