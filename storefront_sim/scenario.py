"""Scenario parameters: who shops, how, and what the DOM does meanwhile. Loaded from TOML.

A scenario file has top-level keys (name, description, random_seed, start, duration_s, shoppers) and one
table per group below ([arrivals], [session], [think], [catalog], [dom], [other_channels], [cache]); every key
is optional and defaults to the values here (no [other_channels] table: no demand besides this storefront's).
Units are in the comments next to each field. Named scenarios ship in `storefront_sim/scenarios/`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from storefront_sim.catalog import PHYSICAL_STORES
from storefront_sim.errors import ScenarioError

CacheValue = float | str  # seconds / quantity, or "never" for a NULL expiry (facts section 3)


@dataclass(frozen=True)
class Arrivals:
    """Poisson shopper arrivals, optionally shaped by an hour-of-day profile."""

    rate_per_min: float = 5.0  # shoppers / minute at profile multiplier 1.0
    daily_profile: tuple[float, ...] = ()  # 24 multipliers, index = hour of day (UTC); empty = flat


@dataclass(frozen=True)
class Session:
    """Shopper behaviour: the probabilities the journey's transitions are built from."""

    search_probability: float = 0.4  # share of visits that start with a catalogue search
    search_page_size: int = 8  # products on a search results page (one availability lookup, online only)
    leave_after_search_probability: float = 0.15  # search results page -> leave
    browse_more_probability: float = 0.45  # product page -> another product page
    add_to_cart_probability: float = 0.3  # product page -> add that product to the cart (rest: leave)
    instore_lookup_probability: float = 0.3  # product page also asks the shopper's home store availability
    pickup_share: float = 0.2  # share of adds picked up in the home store (when it shows Available)
    checkout_probability: float = 0.55  # after an add -> checkout
    abandon_probability: float = 0.2  # after an add -> abandon the cart (rest: keep shopping)
    quantity_weights: tuple[float, ...] = (0.8, 0.15, 0.05)  # P(quantity = 1, 2, 3, ...)
    payment_method: str = "COD"  # payment method of the payment instruction
    track_orders: bool = True  # placed orders are followed by order status polls until shipped
    order_poll_s: float = 120.0  # seconds between two order status polls
    order_track_limit_s: float = 7200.0  # seconds after which a shopper stops polling an unshipped order
    max_steps: int = 40  # journey steps per session at most (every session ends)


@dataclass(frozen=True)
class ThinkTimes:
    """Mean think time after each kind of page, in seconds (exponentially distributed)."""

    search_s: float = 20.0
    view_product_s: float = 30.0
    add_to_cart_s: float = 15.0
    checkout_s: float = 45.0
    review_order_s: float = 20.0  # between precheckout (items reserved) and submitting the order
    track_order_s: float = 5.0


@dataclass(frozen=True)
class Catalog:
    """Which part of the seeded catalogue shoppers see and how popular each item is."""

    first_sku: int = 1  # SKU-0001 = catalog entry 12001
    size: int = 500  # number of SKUs shoppers pick from, starting at first_sku
    zipf_exponent: float = 1.1  # popularity of the n-th item ~ 1 / n**zipf_exponent
    hot_skus: tuple[int, ...] = ()  # SKU numbers on sale
    hot_share: float = 0.0  # share of product picks that go to a hot SKU


@dataclass(frozen=True)
class DomBehaviour:
    """What happens on the DOM side during the run."""

    latency_s: float = 0.02  # seconds added to every DOM answer
    fulfillment_delay_s: float = 1800.0  # mean seconds from transfer to shipment (the DOM adapter applies it)
    tick_s: float = 30.0  # seconds between two steps of the DOM lifecycle and push queue
    outages: tuple[tuple[float, float], ...] = ()  # (start s, duration s): DOM unreachable in these windows
    replenish_interval_s: float = 900.0  # seconds between restocking rounds; 0 = never restock
    replenish_below: float = 5.0  # restock an item sold since the last round when on-hand is below this
    replenish_quantity: float = 50.0  # units added per restocked item and location
    stock_sample_s: float = 60.0  # seconds between on-hand samples of the busiest items
    busiest_items: int = 5  # how many of the most-carted items are sampled
    # DOM pushes SyncInventoryAvailability when an item's availability crosses its threshold or status (its
    # inventory monitor); false = no such pushes, commerce learns of stock changes only from its own lookups
    availability_pushes: bool = True


@dataclass(frozen=True)
class OtherChannels:
    """Demand DOM serves besides this storefront: store tills, a marketplace, a call center.

    Each sale takes units from DOM's stock and nobody tells the commerce cache (only DOM's own availability
    pushes, when on), so what shoppers see from the cache can be sold out already. Sales arrive as a Poisson
    stream, one item each, picked with the catalogue's popularity ([catalog]); a sale takes what DOM can still
    promise at its location (fewer units, or none, when it runs short). Rates 0 = no such demand.
    """

    store_sales_per_min: float = 0.0  # till sales in the physical stores, all `stores` together / minute
    stores: tuple[str, ...] = PHYSICAL_STORES  # physical store ids whose tills sell (equally busy)
    online_orders_per_min: float = 0.0  # marketplace / call-center orders / minute, shipped from the FCs
    quantity_weights: tuple[float, ...] = (0.8, 0.15, 0.05)  # P(units = 1, 2, 3, ...) per sale

    @property
    def rate_per_min(self) -> float:
        """Sales / minute over every other channel."""
        return self.store_sales_per_min + self.online_orders_per_min


@dataclass(frozen=True)
class Scenario:
    """One named simulation setup; `cache` overrides the commerce server's INVCNF settings."""

    name: str
    description: str = ""
    random_seed: int = 42  # every random stream of the run derives from this
    start: str = "2025-03-03T09:00:00Z"  # simulated wall-clock start (UTC); SimClock epoch
    duration_s: float = 3600.0  # arrival window in simulated seconds (used when no shopper count is set)
    shoppers: int | None = None  # a fixed number of shoppers instead of the arrival window
    arrivals: Arrivals = field(default_factory=Arrivals)
    session: Session = field(default_factory=Session)
    think: ThinkTimes = field(default_factory=ThinkTimes)
    catalog: Catalog = field(default_factory=Catalog)
    dom: DomBehaviour = field(default_factory=DomBehaviour)
    other_channels: OtherChannels = field(default_factory=OtherChannels)
    cache: tuple[tuple[str, CacheValue], ...] = ()  # e.g. threshold, expiry_above_s, expiry_below_s, flags

    def __post_init__(self) -> None:
        _validate(self)

    @property
    def epoch(self) -> float:
        """Simulated start as epoch seconds (UTC)."""
        return datetime.fromisoformat(self.start.replace("Z", "+00:00")).timestamp()

    @property
    def start_hour(self) -> float:
        """Hour of day (UTC, fractional) at simulated time 0."""
        return (self.epoch % 86400) / 3600

    def cache_settings(self) -> dict[str, CacheValue]:
        return dict(self.cache)

    def with_value(self, path: str, value: Any) -> Scenario:
        """A copy with one parameter changed: e.g. `arrivals.rate_per_min`, `cache.expiry_above_s`."""
        group, _, key = path.partition(".")
        if group == "cache" and key:
            settings = {**self.cache_settings(), key: value}
            return dataclasses.replace(self, cache=tuple(sorted(settings.items())))
        if not key:
            return dataclasses.replace(self, **{group: _coerce(self, group, value)})
        inner = getattr(self, group, None)
        if not dataclasses.is_dataclass(inner):
            raise ScenarioError(f"unknown scenario parameter {path!r}")
        return dataclasses.replace(
            self, **{group: dataclasses.replace(inner, **{key: _coerce(inner, key, value)})}
        )


GROUPS = {
    "arrivals": Arrivals,
    "session": Session,
    "think": ThinkTimes,
    "catalog": Catalog,
    "dom": DomBehaviour,
    "other_channels": OtherChannels,
}


def _coerce(owner: object, name: str, value: Any) -> Any:
    if not hasattr(owner, name):
        raise ScenarioError(f"unknown scenario parameter {name!r}")
    current = getattr(owner, name)
    if isinstance(current, bool) and isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if current is None or isinstance(value, type(current)) or isinstance(current, tuple):
        return value
    try:
        return type(current)(value)
    except (TypeError, ValueError) as exc:
        raise ScenarioError(f"{name}: cannot use {value!r}") from exc


def _probabilities(session: Session) -> dict[str, float]:
    return {
        f.name: getattr(session, f.name)
        for f in dataclasses.fields(session)
        if f.name.endswith(("probability", "share"))
    }


def _validate(scenario: Scenario) -> None:
    s = scenario.session
    for name, value in _probabilities(s).items():
        if not 0.0 <= value <= 1.0:
            raise ScenarioError(f"session.{name} must be within 0..1, not {value}")
    if s.checkout_probability + s.abandon_probability > 1.0:
        raise ScenarioError("session.checkout_probability + abandon_probability must not exceed 1")
    if s.browse_more_probability + s.add_to_cart_probability > 1.0:
        raise ScenarioError("session.browse_more_probability + add_to_cart_probability must not exceed 1")
    if scenario.arrivals.daily_profile and len(scenario.arrivals.daily_profile) != 24:
        raise ScenarioError("arrivals.daily_profile needs 24 hourly multipliers")
    if scenario.arrivals.rate_per_min <= 0 or not s.quantity_weights:
        raise ScenarioError("arrivals.rate_per_min must be positive and session.quantity_weights not empty")
    if not 1 <= scenario.catalog.first_sku <= scenario.catalog.first_sku + scenario.catalog.size - 1 <= 500:
        raise ScenarioError("catalog must stay within SKU-0001..SKU-0500")
    if not isinstance(scenario.dom.availability_pushes, bool):
        raise ScenarioError("dom.availability_pushes must be true or false")
    _validate_other_channels(scenario.other_channels)


def _validate_other_channels(channels: OtherChannels) -> None:
    if channels.store_sales_per_min < 0 or channels.online_orders_per_min < 0:
        raise ScenarioError("other_channels rates must not be negative")
    unknown = [store for store in channels.stores if store not in PHYSICAL_STORES]
    if unknown or (channels.store_sales_per_min > 0 and not channels.stores):
        raise ScenarioError(
            f"other_channels.stores must name seeded physical stores ({', '.join(PHYSICAL_STORES)}) "
            f"as strings; got {list(channels.stores)}"
        )
    weights = channels.quantity_weights
    if not weights or any(w < 0 for w in weights) or not sum(weights) > 0:
        raise ScenarioError("other_channels.quantity_weights needs non-negative weights with a positive sum")


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _group(cls: type, table: dict[str, Any], where: str) -> Any:
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ScenarioError(f"[{where}] has unknown keys: {', '.join(unknown)}")
    return cls(**{key: _tuples(value) for key, value in table.items()})


def scenario_from_mapping(data: dict[str, Any], default_name: str = "unnamed") -> Scenario:
    """Build a Scenario from parsed TOML; unknown keys are errors, not silently ignored."""
    data = dict(data)
    groups = {name: _group(cls, data.pop(name, {}), name) for name, cls in GROUPS.items()}
    cache = data.pop("cache", {})
    top = {f.name for f in dataclasses.fields(Scenario)} - set(GROUPS) - {"cache"}
    unknown = sorted(set(data) - top)
    if unknown:
        raise ScenarioError(f"unknown scenario keys: {', '.join(unknown)}")
    data.setdefault("name", default_name)
    try:
        return Scenario(**data, **groups, cache=tuple(sorted(cache.items())))
    except TypeError as exc:
        raise ScenarioError(str(exc)) from exc


def list_scenarios() -> list[str]:
    """Names of the scenarios shipped with the package."""
    folder = resources.files("storefront_sim") / "scenarios"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A shipped scenario by name (`flash_sale`) or any TOML file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ScenarioError(f"no scenario file {path}")
        text, default = path.read_text(), path.stem
    else:
        resource = resources.files("storefront_sim") / "scenarios" / f"{name_or_path}.toml"
        if not resource.is_file():
            raise ScenarioError(f"no scenario {name_or_path!r}; known: {', '.join(list_scenarios())}")
        text, default = resource.read_text(), str(name_or_path)
    try:
        return scenario_from_mapping(tomllib.loads(text), default)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{name_or_path}: {exc}") from exc
