"""Locust load tests for the availability hot path and the checkout flow."""
