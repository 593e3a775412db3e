"""The one exception family of the simulation package."""

from __future__ import annotations


class SimulationError(Exception):
    """Base of every error the simulation raises on purpose."""


class ScenarioError(SimulationError):
    """A scenario file or override is malformed: unknown key, wrong type, probability out of range."""


class AdaptersUnavailable(SimulationError):
    """The storefront/DOM adapters a mode needs (live HTTP or fast in-process) are not installed yet."""
