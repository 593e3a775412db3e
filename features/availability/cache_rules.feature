@availability @cache_rules @mock_dom
Feature: The inventory cache rules (INVCNF)
  An INVCNF cache configuration says how long a cached availability record stays valid: CHEXPABOVETHRES
  seconds while the cached quantity is at or above THRESHOLDQUANTITY, CHEXPBELOWTHRES seconds below it.
  An expiry of 0 means the record expires at once, NULL that it never expires; a NULL threshold counts as
  minus infinity, so the "above" expiry always applies. A valid record is served from the cache, an expired
  one makes the commerce server ask DOM again.

  Background:
    Given DOM keeps its availability changes to itself

  Scenario Outline: A cached record is valid or expired by the rules
    Given an item the commerce cache does not hold
    And the item's cache configuration has threshold <threshold>, expiry above <above> and expiry below <below>
    And DOM holds <quantity> units of the item online
    And a shopper has looked up the availability of the item
    When another shopper looks up the availability of the item
    Then the second look-up was answered by <source>

    Examples: expiry chosen by the threshold
      | quantity | threshold | above | below | source    |
      | 50       | 10        | 3600  | 0     | the cache |
      | 5        | 10        | 3600  | 0     | DOM       |
      | 50       | 10        | 0     | 3600  | DOM       |
      | 5        | 10        | 0     | 3600  | the cache |
      | 10       | 10        | 3600  | 0     | the cache |

    Examples: NULL threshold and NULL expiry
      | quantity | threshold | above | below | source    |
      | 5        | NULL      | 3600  | 0     | the cache |
      | 5        | NULL      | 0     | 3600  | DOM       |
      | 50       | 10        | NULL  | 0     | the cache |
      | 5        | 10        | 0     | NULL  | the cache |
