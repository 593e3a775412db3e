"""The mock DOM's business rules, free of any I/O: locations and stock, the availability status rule,
reservations, allocation, the order fulfillment lifecycle and the inventory monitor.

Only the standard library and `bods.messages` are imported here (enforced by tests/test_boundaries.py).
"""
