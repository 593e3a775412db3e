"""Where the storefront and DOM adapters plug in, and the SimPy environment each mode runs on.

Two modes, one module each, looked up by name so the simulation does not depend on them:

- fast: `storefront_sim.fast`, the commerce and DOM services called in process through the BOD codec, with a
  `SimClock` over `env.now`; runs on `simpy.Environment` as fast as the CPU allows.
- live: `storefront_sim.live`, WCS REST and the mock DOM admin API over real loopback sockets against running
  servers; runs on `simpy.rt.RealtimeEnvironment`, `speed` simulated seconds per wall-clock second.

An adapter module provides two functions (objects they return may have a `close()`, called after the run):

    def open_dom(scenario: Scenario, env) -> DomControl
    def open_storefront(scenario: Scenario, env, dom: DomControl) -> Storefront

`open_dom` is called first, so the storefront can be wired to the same DOM (in process) or to servers the
DOM side started (live).

What the KPIs rely on an adapter to do:
- apply `scenario.cache` (threshold, expiry_above_s, expiry_below_s: the INVCNF row) to the commerce
  server and `scenario.dom.fulfillment_delay_s` to the DOM's lifecycle;
- fill `Availability.source` (cache / dom / stale) when the commerce side can tell;
- capture every BOD both ways with `CapturedBod.at` in simulation seconds (env.now; live: convert wall time
  with the RealtimeEnvironment's start and factor), `latency` on requests and `order_id` on order BODs;
- fill `PrecheckoutResult.item_statuses` (`Allocated` or not) so backorders are not counted as oversells;
- map `DomControl` locations: `ONLINE` is the online store's fulfillment centers, else a physical store id;
- answer a storefront failure with `ok=False` and the WCS errorKey rather than raising.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any, Literal, Protocol

import simpy
import simpy.rt

from storefront_sim.errors import AdaptersUnavailable
from storefront_sim.null_storefront import NullDom, NullStorefront
from storefront_sim.ports import DomControl, Storefront
from storefront_sim.scenario import Scenario

Mode = Literal["fast", "live"]
MODES: tuple[Mode, ...] = ("fast", "live")
ADAPTER_MODULES: dict[str, str] = {"fast": "storefront_sim.fast", "live": "storefront_sim.live"}


class DomFactory(Protocol):
    def __call__(self, mode: Mode, scenario: Scenario, env: Any) -> DomControl: ...


class StorefrontFactory(Protocol):
    def __call__(self, mode: Mode, scenario: Scenario, env: Any, dom: DomControl) -> Storefront: ...


def missing_modes(modes: tuple[Mode, ...]) -> list[Mode]:
    """The modes among `modes` whose adapter module is not installed."""
    return [mode for mode in modes if importlib.util.find_spec(ADAPTER_MODULES[mode]) is None]


def require(modes: tuple[Mode, ...]) -> None:
    """Raise AdaptersUnavailable, naming what is missing, unless every mode's adapter is installed."""
    missing = missing_modes(modes)
    if missing:
        names = " and ".join(f"{mode} ({ADAPTER_MODULES[mode]})" for mode in missing)
        verb = "adapters are" if len(missing) > 1 else "adapter is"
        raise AdaptersUnavailable(
            f"the {names} storefront/DOM {verb} not available yet: this command drives the commerce "
            "server and the mock DOM through them and will not run against a stand-in"
        )


def _module(mode: Mode) -> Any:
    require((mode,))
    return importlib.import_module(ADAPTER_MODULES[mode])


def adapter_dom(mode: Mode, scenario: Scenario, env: Any) -> DomControl:
    """DomFactory backed by the installed adapter module of `mode`."""
    return _module(mode).open_dom(scenario, env)  # type: ignore[no-any-return]


def adapter_storefront(mode: Mode, scenario: Scenario, env: Any, dom: DomControl) -> Storefront:
    """StorefrontFactory backed by the installed adapter module of `mode`."""
    return _module(mode).open_storefront(scenario, env, dom)  # type: ignore[no-any-return]


def null_dom(mode: Mode, scenario: Scenario, env: Any) -> DomControl:
    """DomFactory of the null stand-in (benchmarks of the model's own cost only)."""
    return NullDom()


def null_storefront(mode: Mode, scenario: Scenario, env: Any, dom: DomControl) -> Storefront:
    if not isinstance(dom, NullDom):
        raise TypeError("the null storefront needs the null DOM")
    return NullStorefront(dom)


def make_environment(mode: Mode, speed: float = 60.0) -> simpy.Environment:
    """A plain environment for fast mode; a real-time one (`speed` sim seconds per wall second) for live."""
    if mode == "live":
        return simpy.rt.RealtimeEnvironment(factor=1.0 / speed, strict=False)
    return simpy.Environment()


def close(*parts: object) -> None:
    """Close adapters that hold resources (servers, HTTP clients); the others have nothing to close."""
    for part in parts:
        closer = getattr(part, "close", None)
        if callable(closer):
            closer()
