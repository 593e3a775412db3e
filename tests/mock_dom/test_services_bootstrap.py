"""The composition root: a whole mock DOM built from settings, wired end to end with real BOD rendering."""

from __future__ import annotations

from dataclasses import dataclass

from dom_support import requirement, transfer

from bods import codec
from bods.messages import (
    ApplicationArea,
    ConfirmBOD,
    Envelope,
    Family,
    RequirementAction,
    SyncInventoryAvailability,
    SyncOrder,
)
from mock_dom.bootstrap import build
from mock_dom.pushes import InProcessPushTransport
from mock_dom.services import DomSettings

FAST = dict(schedule_delay_s=1, release_delay_s=1, ship_delay_s=1, backorder_recheck_s=1)


@dataclass
class Reply:
    status: int
    body: bytes


class CommerceStub:
    """Stands in for the commerce OrderServices/InventoryServices: validates each push, answers ConfirmBOD."""

    def __init__(self) -> None:
        self.received: list[tuple[str, object, Envelope]] = []

    def handle(self, service: str, body: bytes, headers) -> Reply:
        document = codec.parse(body)
        self.received.append((service, document.bod, document.envelope))
        confirm = ConfirmBOD(
            ApplicationArea("2024-05-01T10:00:10.000Z", "c-1"),
            document.bod.application_area,
            None,
            Family.DOM,
        )
        return Reply(200, codec.render(confirm, envelope=Envelope(soap=True)))


def wire(bod) -> bytes:
    return codec.render(bod, envelope=Envelope(soap=True))


def test_build_seeds_an_empty_database_and_answers_bods(clock) -> None:
    dom = build(DomSettings(db_url="sqlite://"), clock=clock)
    reply = dom.handle("InventoryServices", wire(requirement(RequirementAction.RESERVE, ("1", "12345", 2))))
    assert reply.status == 200
    assert dom.service.stats()["items"] == 500
    dom.close()


def test_build_accepts_a_server_config_with_dom_settings(clock) -> None:
    class Config:
        def dom_settings(self) -> DomSettings:
            return DomSettings(db_url="sqlite://", hold_time_s=60)

    dom = build(Config(), clock=clock)
    assert dom.settings.hold_time_s == 60
    dom.close()


def test_a_shipped_order_reaches_commerce_as_a_valid_soap_sync_order(clock) -> None:
    commerce = CommerceStub()
    settings = DomSettings(db_url="sqlite://", push_username="domadmin", push_password="changeme", **FAST)
    dom = build(settings, clock=clock, transport=InProcessPushTransport(commerce.handle))
    dom.handle("OrderServices", wire(transfer(("70001", "12001", 2))))
    for _ in range(3):
        clock.advance(1)
        dom.run_once()
    kinds = [
        (service, type(bod).__name__, getattr(bod, "order", None) and bod.order.status)
        for service, bod, _ in commerce.received
    ]
    assert kinds == [("OrderServices", "SyncOrder", "R"), ("OrderServices", "SyncOrder", "S")]
    shipped: SyncOrder = commerce.received[-1][1]
    assert shipped.order.items[0].status == "D"
    assert shipped.order.items[0].shipment.tracking_number
    envelope = commerce.received[-1][2]
    assert envelope.soap
    assert envelope.security.username == "domadmin"
    assert dom.service.push_counts()["sent"] == 2
    dom.close()


def test_an_availability_change_reaches_commerce_as_a_valid_sync_inventory_availability(clock) -> None:
    commerce = CommerceStub()
    dom = build(
        DomSettings(db_url="sqlite://"), clock=clock, transport=InProcessPushTransport(commerce.handle)
    )
    dom.service.set_inventory("SKU-0001", "20001", on_hand=0)
    assert dom.drain().sent == 1
    (service, bod, _) = commerce.received[0]
    assert service == "InventoryServices"
    assert isinstance(bod, SyncInventoryAvailability)
    record = bod.records[0]
    assert (record.physical_store_id, record.physical_store_name, record.status.value) == (
        "20001",
        "Store-20001",
        "Unavailable",
    )
    dom.close()


def test_state_survives_a_restart_of_the_whole_dom(file_db_url, clock) -> None:
    first = build(DomSettings(db_url=file_db_url), clock=clock)
    first.handle("OrderServices", wire(transfer(("70001", "12001", 2))))
    first.close()
    second = build(DomSettings(db_url=file_db_url), clock=clock)
    assert second.service.get_order("50001")["state"] == "created"
    assert second.service.stats()["stock_rows"] == 2500
    second.close()
