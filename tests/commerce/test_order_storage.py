"""ORDERS/ORDERITEMS/ORDSHIPMENT, KEYS, PPCPAYINST, BODOUTBOX and MAILOUTBOX repositories."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event
from sqlalchemy.dialects import postgresql

from harness.commerce.domain.notifications import MailKind, MailMessage
from harness.commerce.domain.order_errors import ConcurrentUpdate
from harness.commerce.domain.orders import Order, OrderItem, OrderStatus, Shipment, TransferStatus
from harness.commerce.domain.payments import PaymentInstruction, PaymentState
from harness.commerce.storage import orders, outbox
from harness.commerce.storage.keys import next_id, start_ids
from harness.commerce.storage.mail import MailStatus
from harness.commerce.storage.outbox import OutboundMessage, OutboxStatus

NOW = 1_714_557_600.0


def a_cart(order_id: int = 50001, member_id: int = 3001) -> Order:
    return Order(
        order_id=order_id,
        store_id=10101,
        member_id=member_id,
        status=OrderStatus.PENDING,
        items=(OrderItem(70001, 12001, "SKU-0001", 2.0, 10.0), OrderItem(70002, 12002, "SKU-0002", 1.0, 5.5)),
        last_update=NOW,
    )


def test_ids_count_up_from_the_wcs_looking_first_id(uow_factory) -> None:
    with uow_factory() as uow:
        assert [next_id(uow.connection, "ORDERS") for _ in range(3)] == [50001, 50002, 50003]
        uow.commit()


def test_a_fresh_database_can_start_ids_elsewhere(uow_factory) -> None:
    with uow_factory() as uow:
        start_ids(uow.connection, {"ORDERS": 900001})
        assert next_id(uow.connection, "ORDERS") == 900001


def test_an_order_reads_back_with_its_items(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.commit()
    with uow_factory() as uow:
        stored = uow.orders.get(50001)
    assert stored == a_cart()
    assert stored.total == 25.5


def test_saving_replaces_items_and_bumps_the_version(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.commit()
    with uow_factory() as uow:
        cart = uow.orders.get(50001)
        changed = replace(
            cart, items=(replace(cart.items[1], quantity=3.0), OrderItem(70003, 12003, "SKU-0003", 1, 1))
        )
        saved = uow.orders.save(changed)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.orders.get(50001)
    assert saved.version == 1 == stored.version
    assert [(i.order_item_id, i.quantity) for i in stored.items] == [(70002, 3.0), (70003, 1.0)]


def test_a_save_over_a_stale_version_is_refused(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.commit()
    with uow_factory() as uow:
        uow.orders.save(replace(a_cart(), status=OrderStatus.PAYMENT_INITIATED))
        uow.commit()
    with uow_factory() as uow, pytest.raises(ConcurrentUpdate):
        uow.orders.save(replace(a_cart(), status=OrderStatus.PAYMENT_AUTHORIZED))


def test_shipments_and_transfer_status_are_kept(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        shipped = replace(
            a_cart(),
            status=OrderStatus.SHIPPED,
            transfer_status=TransferStatus.TRANSFERRED,
            shipments=(Shipment("UPS", "1ZABC", "2024-05-02", 70001),),
        )
        uow.orders.save(shipped)
        uow.orders.save(replace(shipped, version=1))  # the same shipment again is not duplicated
        uow.commit()
    with uow_factory() as uow:
        stored = uow.orders.get(50001)
    assert stored.shipments == (Shipment("UPS", "1ZABC", "2024-05-02", 70001),)
    assert stored.transfer_status is TransferStatus.TRANSFERRED


def test_the_cart_is_the_shoppers_newest_pending_order(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart(50001))
        uow.orders.add(replace(a_cart(50002), status=OrderStatus.PAYMENT_INITIATED, items=()))
        uow.orders.add(replace(a_cart(50003, member_id=3002), items=()))
        uow.commit()
    with uow_factory() as uow:
        assert uow.orders.cart_of(3001, 10101).order_id == 50001
        assert [o.order_id for o in uow.orders.history(3001, 10101)] == [50002]


def test_payment_instructions_record_their_authorization(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.payments.add(50001, PaymentInstruction("VISA", "1111", None, 90001), NOW)
        uow.payments.record(PaymentInstruction("VISA", "1111", 25.5, 90001, PaymentState.APPROVED), NOW)
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.of_order(50001) == [
            PaymentInstruction("VISA", "1111", 25.5, 90001, PaymentState.APPROVED)
        ]


def transfer_row(order_id: int = 50001) -> OutboundMessage:
    return OutboundMessage(order_id, "ProcessOrder", "TransferOrder", f"bod-{order_id}", NOW)


def test_an_outbox_row_is_claimed_by_one_sender_only(uow_factory) -> None:
    with uow_factory() as uow:
        uow.outbox.add(transfer_row())
        uow.commit()
    with uow_factory() as uow:
        (row,) = uow.outbox.due(NOW)
        assert uow.outbox.claim(row.outbox_id, NOW, 30) is True
        assert uow.outbox.claim(row.outbox_id, NOW, 30) is False
        assert uow.outbox.due(NOW) == []
        uow.commit()


def test_a_claim_left_by_a_killed_sender_expires_after_its_lease(uow_factory) -> None:
    with uow_factory() as uow:
        uow.outbox.add(transfer_row())
        uow.outbox.claim(uow.outbox.due(NOW)[0].outbox_id, NOW, 30)
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.due(NOW + 10) == []
        assert [r.status for r in uow.outbox.due(NOW + 31)] == [OutboxStatus.SENDING]


def test_a_failed_attempt_is_due_again_at_its_retry_time(uow_factory) -> None:
    with uow_factory() as uow:
        uow.outbox.add(transfer_row())
        row = uow.outbox.due(NOW)[0]
        uow.outbox.claim(row.outbox_id, NOW, 30)
        uow.outbox.retry_at(row.outbox_id, NOW + 5, 1, "DOM down")
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.due(NOW + 4) == []
        (again,) = uow.outbox.due(NOW + 5)
        assert (again.attempts, again.last_error) == (1, "DOM down")
        assert uow.outbox.next_due() == NOW + 5


def test_a_completed_row_is_not_sent_again(uow_factory) -> None:
    with uow_factory() as uow:
        uow.outbox.add(transfer_row())
        row = uow.outbox.due(NOW)[0]
        uow.outbox.claim(row.outbox_id, NOW, 30)
        uow.outbox.complete(row.outbox_id, NOW, 1)
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.due(NOW + 1000) == []
        assert uow.outbox.counts()["done"] == 1


def test_kept_mail_is_listed_and_pending_mail_is_sent_once(uow_factory) -> None:
    message = MailMessage(MailKind.ORDER_CONFIRMATION, "a@example.com", "Hi", "Body", 50001)
    with uow_factory() as uow:
        uow.mail.add(message, MailStatus.KEPT, NOW)
        uow.mail.add(message, MailStatus.PENDING, NOW)
        uow.commit()
    with uow_factory() as uow:
        (pending,) = uow.mail.pending(NOW)
        assert uow.mail.mark_sent(pending.mail_id, NOW) is True
        assert uow.mail.mark_sent(pending.mail_id, NOW) is False
        uow.commit()
    with uow_factory() as uow:
        assert [m.status for m in uow.mail.listing(order_id=50001)] == [MailStatus.KEPT, MailStatus.SENT]


def test_a_save_writes_over_the_order_an_earlier_transaction_read(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.commit()
    with uow_factory() as uow:
        cart = uow.orders.get(50001)
    changed = replace(
        cart, items=(replace(cart.items[0], quantity=5.0), OrderItem(70003, 12003, "SKU-0003", 1, 1))
    )
    with uow_factory() as uow:
        uow.orders.save(changed, read=cart)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.orders.get(50001)
    assert [(i.order_item_id, i.quantity) for i in stored.items] == [(70001, 5.0), (70003, 1.0)]


def test_a_save_in_a_fresh_transaction_reads_the_stored_items_to_compare(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.commit()
    with uow_factory() as uow:
        uow.orders.save(replace(a_cart(), items=(replace(a_cart().items[1], quantity=4.0),)))
        uow.commit()
    with uow_factory() as uow:
        stored = uow.orders.get(50001)
    assert [(i.order_item_id, i.quantity) for i in stored.items] == [(70002, 4.0)]


def test_a_save_updates_only_the_item_rows_that_changed(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.commit()
    written: list[str] = []
    with uow_factory() as uow:
        cart = uow.orders.get(50001)
        event.listen(uow.connection, "before_cursor_execute", lambda *args: written.append(args[2]))
        uow.orders.save(replace(cart, items=(cart.items[0], replace(cart.items[1], quantity=9.0))))
        uow.commit()
    item_updates = [sql for sql in written if sql.startswith('UPDATE "ORDERITEMS"')]
    assert len(item_updates) == 1
    with uow_factory() as uow:
        assert [i.quantity for i in uow.orders.get(50001).items] == [2.0, 9.0]


def test_order_watchers_hear_of_the_orders_each_commit_wrote_and_of_nothing_rolled_back(uow_factory) -> None:
    heard: list[set[int]] = []
    uow_factory.watch_orders(lambda ids: heard.append(set(ids)))
    with uow_factory() as uow:
        uow.orders.add(a_cart(50001))
        uow.orders.add(replace(a_cart(50002, member_id=3002), items=()))
        assert heard == []  # not before the commit
        uow.commit()
    assert heard == [{50001, 50002}]
    with uow_factory() as uow:
        cart = uow.orders.get(50001)
        uow.orders.save(replace(cart, status=OrderStatus.PAYMENT_INITIATED))
        uow.rollback()
        uow.commit()
    with uow_factory() as uow:
        uow.orders.save(replace(uow.orders.get(50002), status=OrderStatus.PAYMENT_INITIATED))
    with uow_factory() as uow:
        uow.orders.get(50001)
        uow.commit()  # a read commits nothing worth hearing of
        uow.orders.save(replace(uow.orders.get(50002), status=OrderStatus.PAYMENT_INITIATED))
        uow.commit()
    assert heard == [{50001, 50002}, {50002}]


def test_a_save_over_a_read_that_is_no_longer_current_is_refused(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        uow.commit()
    with uow_factory() as uow:
        cart = uow.orders.get(50001)
    with uow_factory() as uow:
        uow.orders.save(replace(cart, status=OrderStatus.PAYMENT_INITIATED), read=cart)
        uow.commit()
    with uow_factory() as uow, pytest.raises(ConcurrentUpdate):
        uow.orders.save(replace(cart, items=()), read=cart)


def test_the_last_saved_order_is_the_one_written_in_this_transaction(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        saved = uow.orders.save(replace(a_cart(), transfer_status=TransferStatus.HELD))
        assert uow.orders.last_saved(50001) == saved
        assert saved.version == 1
        uow.commit()


def test_history_reads_each_order_with_its_items_and_shipments(uow_factory) -> None:
    shipment = Shipment("UPS", "1ZABC", "2024-05-02", 70001)
    with uow_factory() as uow:
        uow.orders.add(replace(a_cart(50001), status=OrderStatus.SHIPPED, shipments=(shipment,)))
        second = OrderItem(70003, 12003, "SKU-0003", 1, 1, status=OrderStatus.PAYMENT_INITIATED)
        uow.orders.add(replace(a_cart(50002), status=OrderStatus.PAYMENT_INITIATED, items=(second,)))
        uow.commit()
    with uow_factory() as uow:
        history = uow.orders.history(3001, 10101)
    assert [o.order_id for o in history] == [50002, 50001]
    assert [[i.order_item_id for i in o.items] for o in history] == [[70003], [70001, 70002]]
    assert [o.shipments for o in history] == [(), (shipment,)]


def test_leaving_a_unit_of_work_without_commit_writes_nothing(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
    with uow_factory() as uow:
        assert uow.orders.get(50001) is None


def test_the_prebuilt_order_statements_compile_for_postgresql() -> None:
    dialect = postgresql.dialect()
    for statement in (orders._GET, orders._CART_OF, orders._UPDATE_ORDER, orders._UPDATE_ITEM, outbox._CLAIM):
        assert "?" not in str(statement.compile(dialect=dialect))


def test_a_row_added_once_per_order_and_action_is_added_only_the_first_time(uow_factory) -> None:
    with uow_factory() as uow:
        uow.orders.add(a_cart())
        first = OutboundMessage(50001, "ProcessInventoryRequirement", "DecrementCache", "b-1", NOW)
        assert uow.outbox.add_once(first) is True
        assert uow.outbox.add_once(replace(first, bodid="b-2")) is False
        uow.commit()
    with uow_factory() as uow:
        assert [row.bodid for row in uow.outbox.of_order(50001)] == ["b-1"]
