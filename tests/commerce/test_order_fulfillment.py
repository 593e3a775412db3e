"""SyncOrder's fulfillment rules on an order (pure): codes, forward-only progress, shipments, notices."""

from __future__ import annotations

import pytest

from harness.commerce.domain.errors import InvalidParameter
from harness.commerce.domain.fulfillment import (
    FulfillmentUpdate,
    ItemUpdate,
    Notice,
    apply_update,
    status_code,
)
from harness.commerce.domain.orders import Order, OrderItem, OrderStatus, Shipment, TransferStatus

S = OrderStatus


def order(
    status: OrderStatus = S.PAYMENT_AUTHORIZED,
    *items: OrderStatus,
    transfer=TransferStatus.TRANSFERRED,
    status_time: float | None = None,
) -> Order:
    item_statuses = items or (status, status)
    return Order(
        order_id=50001,
        store_id=10101,
        member_id=3001,
        status=status,
        transfer_status=transfer,
        status_time=status_time,
        items=tuple(
            OrderItem(70001 + i, 12001 + i, f"SKU-000{i + 1}", 1.0, 10.0, status=s)
            for i, s in enumerate(item_statuses)
        ),
    )


def test_a_released_update_moves_the_order_and_its_items_to_r() -> None:
    outcome = apply_update(order(), FulfillmentUpdate(S.RELEASED))
    assert outcome.order.status is S.RELEASED
    assert [i.status for i in outcome.order.items] == [S.RELEASED, S.RELEASED]
    assert outcome.notices == ()


def test_an_order_level_shipped_update_ships_every_item_as_deposited_and_notifies() -> None:
    outcome = apply_update(order(S.RELEASED), FulfillmentUpdate(S.SHIPPED))
    assert outcome.order.status is S.SHIPPED
    assert {i.status for i in outcome.order.items} == {S.DEPOSITED}
    assert outcome.notices == (Notice.SHIPPED,)
    assert outcome.shipped_items == (70001, 70002)


def test_the_order_is_shipped_only_when_all_its_items_are() -> None:
    partial = FulfillmentUpdate(S.SHIPPED, (ItemUpdate(70001, S.DEPOSITED, Shipment("UPS", "1Z1")),))
    outcome = apply_update(order(S.RELEASED), partial)
    assert outcome.order.status is S.RELEASED
    assert outcome.order.item(70001).status is S.DEPOSITED
    assert outcome.order.shipments == (Shipment("UPS", "1Z1", None, 70001),)
    assert outcome.notices == (Notice.SHIPPED,)


def test_an_out_of_order_released_update_never_moves_a_shipped_order_back() -> None:
    shipped = order(S.SHIPPED, S.DEPOSITED, S.DEPOSITED)
    outcome = apply_update(shipped, FulfillmentUpdate(S.RELEASED))
    assert outcome.changed is False
    assert outcome.order == shipped


def test_between_equal_ranks_an_older_message_is_ignored() -> None:
    released = order(S.RELEASED, status_time=2000.0)
    outcome = apply_update(released, FulfillmentUpdate(S.BACKORDERED, message_time=1000.0))
    assert outcome.changed is False


def test_between_equal_ranks_a_newer_message_wins() -> None:
    backordered = order(S.BACKORDERED, status_time=1000.0)
    outcome = apply_update(backordered, FulfillmentUpdate(S.RELEASED, message_time=2000.0))
    assert outcome.order.status is S.RELEASED
    assert outcome.order.status_time == 2000.0


def test_cancel_is_terminal() -> None:
    canceled = apply_update(order(S.RELEASED), FulfillmentUpdate(S.CANCELED)).order
    assert canceled.status is S.CANCELED
    assert apply_update(canceled, FulfillmentUpdate(S.SHIPPED)).changed is False


def test_a_canceled_update_notifies_the_shopper() -> None:
    assert apply_update(order(), FulfillmentUpdate(S.CANCELED)).notices == (Notice.CANCELED,)


def test_a_shipped_order_is_not_canceled() -> None:
    outcome = apply_update(order(S.SHIPPED, S.DEPOSITED, S.DEPOSITED), FulfillmentUpdate(S.CANCELED))
    assert outcome.changed is False


def test_canceling_every_item_cancels_the_order() -> None:
    update = FulfillmentUpdate(None, (ItemUpdate(70001, S.CANCELED), ItemUpdate(70002, S.CANCELED)))
    assert apply_update(order(), update).order.status is S.CANCELED


def test_an_update_naming_an_unknown_item_is_refused() -> None:
    with pytest.raises(InvalidParameter):
        apply_update(order(), FulfillmentUpdate(S.RELEASED, (ItemUpdate(79999, S.RELEASED),)))


def test_a_fulfillment_update_marks_a_held_transfer_as_transferred() -> None:
    outcome = apply_update(order(transfer=TransferStatus.FAILED), FulfillmentUpdate(S.RELEASED))
    assert outcome.order.transfer_status is TransferStatus.TRANSFERRED


@pytest.mark.parametrize("code", ["P", "M", "Q", "G"])
def test_codes_dom_may_not_send_are_refused(code: str) -> None:
    with pytest.raises(InvalidParameter):
        status_code(code, "OrderStatus/Status")


def test_status_codes_are_read_case_insensitively() -> None:
    assert status_code(" s ", "x") is S.SHIPPED
    assert status_code("", "x") is None
