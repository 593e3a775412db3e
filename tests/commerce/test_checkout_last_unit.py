"""Two shoppers and the last unit: both may put it in their carts (the cached availability says 1), but the
reservation at DOM decides; the loser gets `_ERR_INSUFFICIENT_INVENTORY` at precheckout or at checkout."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from harness.drivers.answers import Answer

if TYPE_CHECKING:
    from checkout_support import World

pytest_plugins = ["checkout_support"]


def last_unit(world: World) -> None:
    world.dom.set_inventory("SKU-0009", "10001", 1)
    world.dom.set_inventory("SKU-0009", "10002", 0)


def side_by_side(*calls: Callable[[], Answer]) -> list[Answer]:
    """Run the calls in threads released together; their answers in call order."""
    start = threading.Barrier(len(calls))
    answers: list[Answer | None] = [None] * len(calls)

    def run(index: int) -> None:
        start.wait(10)
        answers[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(answer is not None for answer in answers)
    return [answer for answer in answers if answer is not None]


def test_both_shoppers_may_put_the_last_unit_in_their_carts(threaded_world: World) -> None:
    last_unit(threaded_world)
    ann, bob = threaded_world.shopper(), threaded_world.shopper()
    assert ann.add_to_cart("12009", 1).status == 201
    assert bob.add_to_cart("12009", 1).status == 201


def test_the_reservation_decides_who_gets_the_last_unit_at_precheckout(threaded_world: World) -> None:
    last_unit(threaded_world)
    ann, bob = threaded_world.shopper(), threaded_world.shopper()
    ann.add_to_cart("12009", 1)
    bob.add_to_cart("12009", 1)
    answers = side_by_side(ann.precheckout, bob.precheckout)
    assert sorted(a.status for a in answers) == [200, 400]
    loser = next(a for a in answers if a.status == 400)
    assert loser.error_key == "_ERR_INSUFFICIENT_INVENTORY"
    assert loser.get("orderItem")[0]["inventoryStatus"] == "Unavailable"
    winner, other = (ann, bob) if answers[0].status == 200 else (bob, ann)
    assert winner.checkout().status == 201
    assert other.checkout().error_key == "_ERR_INSUFFICIENT_INVENTORY"


def test_shoppers_who_skip_precheckout_learn_it_at_checkout(threaded_world: World) -> None:
    last_unit(threaded_world)
    ann, bob = threaded_world.shopper(), threaded_world.shopper()
    ann.add_to_cart("12009", 1)
    bob.add_to_cart("12009", 1)
    answers = side_by_side(ann.checkout, bob.checkout)
    assert sorted(a.status for a in answers) == [201, 400]
    assert next(a for a in answers if a.status == 400).error_key == "_ERR_INSUFFICIENT_INVENTORY"
    threaded_world.drain()
    assert len(threaded_world.dom.orders()) == 1
