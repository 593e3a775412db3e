"""The checkout flow end to end between real servers: `domh commerce` (gunicorn, its background worker
started after the fork, emails through an SMTP server) and `domh mock-dom` pushing SyncOrder over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_support import accepted_transfers, eventually
from smtp_support import SmtpServer

from harness.drivers import CommerceDriver, DomDriver
from harness.run.pair import Pair, running_pair

DOWN = {"match": {"operation": "ProcessOrder"}, "fault": {"type": "httpStatus", "status": 503}}


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpServer) -> Iterator[Pair]:
    workdir = tmp_path_factory.mktemp("e2e-checkout")
    with running_pair(workdir, commerce_args=["--smtp", smtp.address]) as running:
        yield running


@pytest.fixture
def dom(pair: Pair) -> Iterator[DomDriver]:
    driver = DomDriver(pair.dom_url)
    driver.clear_faults()
    yield driver
    driver.clear_faults()
    driver.close()


@pytest.fixture
def shop(pair: Pair) -> Iterator[CommerceDriver]:
    driver = CommerceDriver(pair.commerce_url)
    driver.guest_identity("carol@example.com")
    yield driver
    driver.close()


def emails(smtp: SmtpServer, order_id: str) -> list[str]:
    """Subjects of the emails the SMTP server received about the order."""
    return [m.message["Subject"] for m in smtp.messages if m.message["X-Order-Id"] == order_id]


def transfer_status(shop: CommerceDriver, order_id: str) -> str | None:
    return shop.order(order_id).expect_ok().get("transferStatus")


def test_a_whole_checkout_reaches_dom_and_comes_back_shipped(shop, dom, smtp) -> None:
    shop.add_to_cart("12011", 2).expect_ok()
    before = shop.availability(["12011"]).record("12011").quantity
    assert shop.precheckout().status == 200
    order_id = str(shop.checkout().expect_ok().get("orderId"))

    eventually(lambda: transfer_status(shop, order_id) == "G", what="transfer status G")
    assert accepted_transfers(dom, order_id) == 1
    eventually(
        lambda: dom.count(bodType="ProcessInventoryRequirement", actionCode="DecrementCache"),
        what="DecrementCache",
    )
    assert shop.availability(["12011"]).record("12011").quantity == before - 2

    dom.ship(order_id, carrier="UPS", tracking_number="1ZE2E0001")
    shipped = eventually(
        lambda: (o := shop.order(order_id).body)["orderStatus"] == "S" and o, what="the SyncOrder shipment"
    )
    assert shipped["shipments"][0]["trackingNumber"] == "1ZE2E0001"
    subjects = eventually(
        lambda: len(emails(smtp, order_id)) == 2 and emails(smtp, order_id), what="the emails"
    )
    assert subjects == [f"AuroraESite: order {order_id} confirmed", f"AuroraESite: order {order_id} shipped"]
    assert {m["status"] for m in shop.mail(order_id=order_id)} == {"sent"}


def test_dom_down_during_checkout_holds_the_order_then_transfers_it_exactly_once(shop, dom) -> None:
    dom.add_fault(DOWN)
    shop.add_to_cart("12012", 1).expect_ok()
    order_id = str(shop.checkout().expect_ok().get("orderId"))
    eventually(lambda: transfer_status(shop, order_id) == "H", what="transfer status H")
    dom.clear_faults()
    eventually(lambda: transfer_status(shop, order_id) == "G", what="transfer status G once DOM is back")
    assert accepted_transfers(dom, order_id) == 1
    assert [o["orderId"] for o in dom.orders()].count(order_id) == 1
