"""Gherkin conformance suites (pytest-bdd) for the commerce <-> DOM integration."""
