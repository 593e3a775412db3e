"""Reservations, orders and the outbox round-trip through the database."""

from __future__ import annotations

from mock_dom.domain.allocation import Hold, SupplyKind
from mock_dom.domain.orders import DomOrder, OrderLine, OrderState, Shipment
from mock_dom.domain.reservations import Reservation, ReservationLine, ReservationState
from mock_dom.storage import NewPush, PushStatus, StoredReply

NOW = 1_714_557_600.0


def reservation(expires_at: float = NOW + 900) -> Reservation:
    line = ReservationLine("70001", "SKU-0001", "12001", 2, None, (Hold("10001", "SKU-0001", 2),))
    return Reservation("WC_50001", "50001", "10101", NOW, expires_at, (line,))


def order() -> DomOrder:
    line = OrderLine(
        "70001", "SKU-0025", "12025", 1, "20001", 9.5, (Hold("10001", "SKU-0025", 1, SupplyKind.FUTURE, 5.0),)
    )
    return DomOrder(
        "50001", "K1", "10101", OrderState.CREATED, NOW, NOW, (line,), NOW + 2, buyer_id="3003", total=9.5
    )


def push(key: str = "order:50001") -> NewPush:
    return NewPush(
        "SyncOrder", "Change", "/webapp/wcs/services/OrderServices", "b-1", NOW, {"a": 1}, key, "50001"
    )


def test_a_reservation_reads_back_as_written(db) -> None:
    with db.uow() as uow:
        uow.reservations.put(reservation())
    with db.uow(read_only=True) as uow:
        assert uow.reservations.get("WC_50001") == reservation()


def test_putting_a_reservation_again_replaces_it(db) -> None:
    with db.uow() as uow:
        uow.reservations.put(reservation())
        uow.reservations.put(reservation(expires_at=NOW + 5))
        assert uow.reservations.get("WC_50001").expires_at == NOW + 5
        assert len(uow.reservations.list()) == 1


def test_an_ended_reservation_keeps_its_lines_but_no_holds(db) -> None:
    with db.uow() as uow:
        uow.reservations.put(reservation())
        uow.reservations.end("WC_50001", ReservationState.RELEASED)
        found = uow.reservations.get("WC_50001")
    assert found.state is ReservationState.RELEASED
    assert found.lines[0].holds == ()


def test_only_active_reservations_past_their_time_are_due(db) -> None:
    with db.uow() as uow:
        uow.reservations.put(reservation(expires_at=NOW + 10))
        assert uow.reservations.due_for_expiry(NOW + 9) == []
        assert uow.reservations.due_for_expiry(NOW + 10) == ["WC_50001"]
        uow.reservations.end("WC_50001", ReservationState.EXPIRED)
        assert uow.reservations.due_for_expiry(NOW + 10) == []


def test_an_order_reads_back_as_written(db) -> None:
    with db.uow() as uow:
        uow.orders.add(order())
    with db.uow(read_only=True) as uow:
        assert uow.orders.get("50001") == order()


def test_saving_an_order_keeps_its_state_holds_and_shipment(db) -> None:
    shipped = order().moved(OrderState.SHIPPED, NOW + 9, None)
    from dataclasses import replace

    shipped = replace(shipped, shipment=Shipment("UPS", "1Z", NOW + 9))
    with db.uow() as uow:
        uow.orders.add(order())
        uow.orders.save(shipped)
    with db.uow(read_only=True) as uow:
        assert uow.orders.get("50001") == shipped
        assert uow.orders.due(NOW + 100) == []


def test_orders_are_due_once_their_time_has_come(db) -> None:
    with db.uow() as uow:
        uow.orders.add(order())
        assert uow.orders.due(NOW + 1) == []
        assert uow.orders.due(NOW + 2) == ["50001"]


def test_a_push_moves_from_pending_through_sending_to_sent(db) -> None:
    with db.uow() as uow:
        push_id = uow.outbox.add(push())
        assert uow.outbox.claim(push_id)
        assert not uow.outbox.claim(push_id)
        uow.outbox.mark_sent(push_id, NOW + 1, 200, 1)
        found = uow.outbox.get(push_id)
    assert (found.status, found.attempts, found.sent_at, found.payload) == (
        PushStatus.SENT,
        1,
        NOW + 1,
        {"a": 1},
    )


def test_failed_pushes_can_be_replayed(db) -> None:
    with db.uow() as uow:
        push_id = uow.outbox.add(push())
        uow.outbox.claim(push_id)
        uow.outbox.mark_failed(push_id, attempts=5, error="down", http_status=503)
        assert uow.outbox.counts()["failed"] == 1
        assert uow.outbox.replay(NOW + 50) == 1
        found = uow.outbox.get(push_id)
    assert (found.status, found.attempts, found.next_attempt_at) == (PushStatus.PENDING, 0, NOW + 50)


def test_pushes_caught_mid_send_go_back_to_pending(db) -> None:
    with db.uow() as uow:
        push_id = uow.outbox.add(push())
        uow.outbox.claim(push_id)
        assert uow.outbox.recover_in_flight() == 1
        assert uow.outbox.get(push_id).status is PushStatus.PENDING


def test_a_processed_bodid_returns_the_stored_reply(db) -> None:
    reply = StoredReply(200, b"<ack/>", "text/xml")
    with db.uow() as uow:
        uow.outbox.remember_reply(
            "B1", service="OrderServices", bod_type="ProcessOrder", action_code="Cancel", now=NOW, reply=reply
        )
    with db.uow(read_only=True) as uow:
        assert uow.outbox.processed_reply("B1") == reply
        assert uow.outbox.processed_reply("B2") is None


def test_the_first_answer_remembered_for_a_bodid_stays(db) -> None:
    first = StoredReply(200, b"<ack>first</ack>", "text/xml")
    with db.uow() as uow:
        uow.outbox.remember_reply(
            "B1", service="OrderServices", bod_type="ProcessOrder", action_code="Cancel", now=NOW, reply=first
        )
    with db.uow() as uow:
        uow.outbox.remember_reply(
            "B1",
            service="OrderServices",
            bod_type="ProcessOrder",
            action_code="Cancel",
            now=NOW + 1,
            reply=StoredReply(200, b"<ack>second</ack>", "text/xml"),
        )
    with db.uow(read_only=True) as uow:
        assert uow.outbox.processed_reply("B1") == first


def test_shipping_an_order_read_without_a_shipment_only_inserts_it_and_a_new_one_replaces_it(db) -> None:
    from dataclasses import replace

    from sqlalchemy import event

    with db.uow() as uow:
        uow.orders.add(order())
    written: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: written.append(args[2]))
    shipped = replace(order(), shipment=Shipment("UPS", "1Z", NOW + 9))
    with db.uow() as uow:
        uow.orders.get("50001")
        uow.orders.save(shipped)
    assert not [sql for sql in written if sql.startswith("DELETE FROM dom_shipments")]
    again = replace(shipped, shipment=Shipment("UPS", "1Z2", NOW + 10))
    with db.uow() as uow:
        uow.orders.get("50001")
        uow.orders.save(again)
    with db.uow(read_only=True) as uow:
        assert uow.orders.get("50001") == again
