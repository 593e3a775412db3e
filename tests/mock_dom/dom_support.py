"""Test doubles and small data sets for the mock DOM tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mock_dom.domain.allocation import Hold, SupplyKind
from mock_dom.domain.inventory import StockLevel
from mock_dom.seed import DEFAULT_LOCATIONS, Seed, SeedRow, write_seed_rows
from mock_dom.storage import Database

DAY = 86_400.0


class InMemoryLedger:
    """A StockLedger over a dict, for domain tests: same conditional-hold contract as the database one."""

    def __init__(self, levels: Sequence[StockLevel] = ()) -> None:
        self.stock = {(lv.part_number, lv.location_id): lv for lv in levels}

    def levels(self, part_number: str, location_ids: Sequence[str]) -> list[StockLevel]:
        return [self.stock[(part_number, loc)] for loc in location_ids if (part_number, loc) in self.stock]

    def level(self, part_number: str, location_id: str) -> StockLevel:
        return self.stock[(part_number, location_id)]

    def hold(self, part_number: str, location_id: str, quantity: float, supply: SupplyKind) -> bool:
        level = self.stock.get((part_number, location_id))
        if level is None:
            return False
        if supply is SupplyKind.ON_HAND:
            if level.available < quantity:
                return False
            level = replace(level, reserved=level.reserved + quantity)
        else:
            if level.future_available < quantity:
                return False
            level = replace(level, future_reserved=level.future_reserved + quantity)
        self.stock[(part_number, location_id)] = level
        return True

    def release(self, hold: Hold) -> None:
        level = self.stock[(hold.part_number, hold.location_id)]
        if hold.supply is SupplyKind.ON_HAND:
            level = replace(level, reserved=level.reserved - hold.quantity)
        else:
            level = replace(level, future_reserved=level.future_reserved - hold.quantity)
        self.stock[(hold.part_number, hold.location_id)] = level

    def consume(self, hold: Hold) -> None:
        level = self.stock[(hold.part_number, hold.location_id)]
        self.stock[(hold.part_number, hold.location_id)] = replace(
            level, on_hand=level.on_hand - hold.quantity, reserved=level.reserved - hold.quantity
        )


SMALL_SEED = Seed(
    DEFAULT_LOCATIONS,
    (
        SeedRow("SKU-0001", "12001", "10001", 5),
        SeedRow("SKU-0001", "12001", "10002", 3),
        SeedRow("SKU-0001", "12001", "20001", 2),
        SeedRow("SKU-0007", "12007", "10001", 11),
        SeedRow("SKU-0007", "12007", "10002", 0),
        SeedRow("SKU-0025", "12025", "10001", 0, 10, "+7d"),
        SeedRow("SKU-0025", "12025", "10002", 0),
        SeedRow("SKU-0050", "12050", "10001", 0),
        SeedRow("SKU-0050", "12050", "10002", 0),
        SeedRow("SKU-0050", "12050", "20001", 0),
    ),
)


def open_database(url: str, seed: Seed | None, now: float) -> Database:
    database = Database(url)
    database.create_schema()
    if seed is not None:
        with database.uow() as uow:
            write_seed_rows(uow, seed, now)
    return database


# --- BOD factories ------------------------------------------------------------------------------------------

from bods.expression import render_query  # noqa: E402
from bods.messages import (  # noqa: E402
    ApplicationArea,
    AvailabilityQuery,
    GetInventoryAvailability,
    InventoryRequirement,
    Order,
    OrderAction,
    OrderItem,
    ProcessInventoryRequirement,
    ProcessOrder,
    RequirementAction,
    RequirementItem,
)

FIRST_BODID = "0f6a1c2e-0000-4a11-9c01-5a5a5a5a0030"
_bodids = iter(range(1, 1_000_000))


def area() -> ApplicationArea:
    """A request ApplicationArea with a BODID of its own, as every real request has."""
    number = next(_bodids)
    bodid = FIRST_BODID if number == 1 else f"0f6a1c2e-0000-4a11-9c01-{number:012d}"
    return ApplicationArea("2024-05-01T10:00:06.000Z", bodid, (("storeId", "10101"),))


def availability_request(**query: object) -> GetInventoryAvailability:
    area = ApplicationArea(context=(("storeId", "10101"), ("langId", "-1")))
    parsed = AvailabilityQuery(**query)  # type: ignore[arg-type]
    return GetInventoryAvailability(area, render_query(parsed), parsed)


def requirement(
    action: RequirementAction,
    *lines: tuple[str, str, float] | tuple[str, str, float, str],
    order_id: str = "50001",
) -> ProcessInventoryRequirement:
    items = tuple(
        RequirementItem(
            line[0], line[2], catalog_entry_id=line[1], physical_store_id=line[3] if len(line) > 3 else None
        )
        for line in lines
    )
    return ProcessInventoryRequirement(area(), action, InventoryRequirement(order_id, "10101", items, True))


def transfer(
    *lines: tuple[str, str, float], order_id: str = "50001", action: OrderAction = OrderAction.TRANSFER_ORDER
) -> ProcessOrder:
    items = tuple(OrderItem(item, qty, catalog_entry_id=entry) for item, entry, qty in lines)
    order = Order(
        order_id,
        store_id="10101",
        store_name="AuroraESite",
        buyer_id="3003",
        buyer_logon_id="shopper1",
        ship_as_complete=True,
        items=items,
    )
    return ProcessOrder(area(), action, order)


def cancel_request(order_id: str = "50001") -> ProcessOrder:
    return ProcessOrder(area(), OrderAction.CANCEL, Order(order_id, store_id="10101"))


class Counter:
    """Deterministic ids for BODIDs and correlation codes."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"id-{self.n:04d}"
