"""The commerce services (WCS commands and components): Inventory (availability look-up, cache update
service), ExternalInventory (the DOM client) and the ports they use. Services receive their ports as
arguments; `harness.commerce.bootstrap` wires them."""
