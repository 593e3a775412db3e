"""The transfer outbox under failure (facts section 4: transfer status H/F/G): DOM down or refusing, retries
with backoff, exactly one accepted TransferOrder per order, and canceled orders never sent."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from sqlalchemy import update

from harness.commerce.storage.outbox import BODOUTBOX

if TYPE_CHECKING:
    from checkout_support import World

pytest_plugins = ["checkout_support"]

DOWN = {"match": {"operation": "ProcessOrder"}, "fault": {"type": "httpStatus", "status": 503}}
REFUSING = {"match": {"operation": "ProcessOrder"}, "fault": {"type": "error"}}


def accepted_transfers(world: World, order_id: str) -> int:
    return sum(
        1
        for r in world.dom.requests(bodType="ProcessOrder", actionCode="TransferOrder")
        if r["fault"] is None and f"<_wcf:UniqueID>{order_id}</_wcf:UniqueID>" in r["requestBody"]
    )


def test_dom_down_during_checkout_holds_the_order_in_h(world: World) -> None:
    world.dom.add_fault(DOWN)
    order_id = world.buy(("12001", 1))
    report, _ = world.drain()
    assert report.failed == 1
    order = world.order(order_id)
    assert order["transferStatus"] == "H"
    assert order["transferError"]["code"] == "_ERR_DOM_UNAVAILABLE.-1"
    assert order["orderStatus"] == "M"


def test_dom_answering_with_an_error_holds_the_order_in_f(world: World) -> None:
    world.dom.add_fault(REFUSING)
    order_id = world.buy(("12001", 1))
    world.drain()
    order = world.order(order_id)
    assert order["transferStatus"] == "F"
    assert order["transferError"]["message"].startswith("DOM refused TransferOrder")


def test_a_failed_transfer_waits_for_its_backoff_before_the_next_attempt(world: World) -> None:
    world.dom.add_fault(DOWN)
    world.buy(("12001", 1))
    world.drain()
    world.dom.clear_faults()
    assert world.drain()[0].attempted == 0
    world.clock.advance(2.0)
    assert world.drain()[0].transferred == 1


def test_the_backoff_doubles_with_every_failed_attempt(world: World) -> None:
    world.dom.add_fault(DOWN)
    world.buy(("12001", 1))
    waits = []
    for _ in range(4):
        world.drain()
        [row] = [r for r in world.shop.transfers() if r["actionCode"] == "TransferOrder"]
        waits.append(row["attempts"])
        world.clock.advance(2.0 * 2 ** (row["attempts"] - 1))
    assert waits == [1, 2, 3, 4]
    world.clock.advance(20.0)  # let the circuit breaker half-open


def test_once_dom_is_back_the_order_is_transferred_exactly_once(world: World) -> None:
    world.dom.add_fault(DOWN)
    order_id = world.buy(("12001", 1))
    for _ in range(3):
        world.drain()
        world.clock.advance(60.0)
    world.dom.clear_faults()
    world.drain()
    world.clock.advance(60.0)
    world.drain()
    assert world.order(order_id)["transferStatus"] == "G"
    assert accepted_transfers(world, order_id) == 1
    assert [o["orderId"] for o in world.dom.orders()].count(order_id) == 1


def test_a_resent_transfer_is_absorbed_by_doms_idempotence(world: World) -> None:
    order_id = world.buy(("12001", 1))
    world.drain()
    with world.checkout.uow_factory() as uow:  # as if the worker died after DOM accepted, before recording G
        uow.connection.execute(update(BODOUTBOX).values(STATUS="pending", DONE=None))
        uow.commit()
    world.drain()
    assert accepted_transfers(world, order_id) == 2
    assert [o["orderId"] for o in world.dom.orders()].count(order_id) == 1
    assert world.order(order_id)["transferStatus"] == "G"


def test_concurrent_workers_send_a_transfer_once(threaded_world: World) -> None:
    world = threaded_world
    order_id = world.buy(("12001", 1))
    start = threading.Barrier(4)

    def worker() -> None:
        start.wait(5)
        world.checkout.transfer.drain()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert world.dom.count(bodType="ProcessOrder", actionCode="TransferOrder") == 1
    assert world.order(order_id)["transferStatus"] == "G"


def test_an_admin_resubmit_makes_a_held_transfer_due_now(world: World) -> None:
    world.dom.add_fault(DOWN)
    order_id = world.buy(("12001", 1))
    world.drain()
    world.dom.clear_faults()
    assert world.shop.retry_transfer(order_id).get("rescheduled") == 1
    world.drain()
    assert world.order(order_id)["transferStatus"] == "G"


def test_an_order_canceled_before_its_transfer_is_never_sent(world: World) -> None:
    world.dom.add_fault(DOWN)
    order_id = world.buy(("12001", 1))
    world.drain()
    world.dom.clear_faults()
    from bods.factory import process_order
    from bods.messages import Order, OrderAction

    cancel = process_order(Order(order_id=order_id, store_id="10101"), action=OrderAction.CANCEL)
    exchange = world.shop.post_bod("OrderServices", cancel, soap=False)
    assert exchange.succeeded
    world.clock.advance(60)
    report, _ = world.drain()
    assert report.dropped == 1
    assert world.dom.count(bodType="ProcessOrder", actionCode="TransferOrder") == 1  # only the failed attempt
    assert world.order(order_id)["orderStatus"] == "X"


def test_a_restarted_worker_resumes_pending_transfers_at_once(world: World) -> None:
    world.dom.add_fault(DOWN)
    order_id = world.buy(("12001", 1))
    world.drain()
    world.dom.clear_faults()
    assert world.checkout.transfer.resume() == 1
    world.drain()
    assert world.order(order_id)["transferStatus"] == "G"
