"""What happened in DOM that the commerce server must hear about.

Each event becomes one outbound push (see mock_dom/pushes.py): `OrderStatusChanged` a SyncOrder Change to
OrderServices, `AvailabilityChanged` a SyncInventoryAvailability Change to InventoryServices (facts section
2). Events are stored in the durable outbox as plain dicts, hence `to_dict` / `from_dict`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bods.messages import InventoryStatus
from mock_dom.domain.locations import LocationKind
from mock_dom.domain.orders import OrderState, Shipment


@dataclass(frozen=True)
class EventLine:
    order_item_id: str
    part_number: str
    catalog_entry_id: str
    quantity: float
    status: str | None


@dataclass(frozen=True)
class OrderStatusChanged:
    order_id: str
    store_id: str
    state: OrderState
    order_status: str | None
    lines: tuple[EventLine, ...]
    occurred_at: float
    external_order_id: str | None = None
    shipment: Shipment | None = None

    @property
    def part_numbers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.part_number for line in self.lines))


@dataclass(frozen=True)
class AvailabilityChanged:
    """`location_id` is the online store id or the physical store id; `location_name` the online store's
    NameIdentifier or the physical store's ExternalIdentifier; `store_id` the online store the push is for."""

    part_number: str
    catalog_entry_id: str
    location_id: str
    location_kind: LocationKind
    location_name: str
    store_id: str
    status: InventoryStatus
    quantity: float
    available_at: float | None
    occurred_at: float


Event = OrderStatusChanged | AvailabilityChanged


def to_dict(event: Event) -> dict[str, Any]:
    data = _plain(asdict(event))
    data["type"] = type(event).__name__
    return data


def from_dict(data: dict[str, Any]) -> Event:
    fields = {k: v for k, v in data.items() if k != "type"}
    if data.get("type") == "OrderStatusChanged":
        shipment = fields.get("shipment")
        return OrderStatusChanged(
            order_id=fields["order_id"],
            store_id=fields["store_id"],
            state=OrderState(fields["state"]),
            order_status=fields["order_status"],
            lines=tuple(EventLine(**line) for line in fields["lines"]),
            occurred_at=fields["occurred_at"],
            external_order_id=fields.get("external_order_id"),
            shipment=Shipment(**shipment) if shipment else None,
        )
    if data.get("type") == "AvailabilityChanged":
        return AvailabilityChanged(
            **{
                **fields,
                "location_kind": LocationKind(fields["location_kind"]),
                "status": InventoryStatus(fields["status"]),
            }
        )
    raise ValueError(f"unknown event type {data.get('type')!r}")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, InventoryStatus | OrderState | LocationKind):
        return value.value
    return value
