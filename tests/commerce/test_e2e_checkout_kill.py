"""Killing the commerce server loses nothing: an order whose transfer is pending when the server process
group gets SIGKILL is transferred by the restarted server, exactly once."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from e2e_support import accepted_transfers, eventually

from harness.drivers import CommerceDriver, DomDriver
from harness.run.pair import DOM_SERVICES_PATH, commerce_server, running_pair

DOWN = {"match": {"operation": "ProcessOrder"}, "fault": {"type": "httpStatus", "status": 503}}


def test_a_pending_transfer_survives_a_sigkill_and_completes_after_restart(tmp_path: Path) -> None:
    with running_pair(tmp_path) as pair:
        assert pair.commerce is not None
        assert pair.commerce.pid is not None
        dom = DomDriver(pair.dom_url)
        shop = CommerceDriver(pair.commerce_url)
        shop.guest_identity()
        dom.add_fault(DOWN)
        shop.add_to_cart("12013", 1).expect_ok()
        order_id = str(shop.checkout().expect_ok().get("orderId"))
        eventually(lambda: shop.order(order_id).get("transferStatus") == "H", what="transfer status H")

        os.killpg(pair.commerce.pid, signal.SIGKILL)
        eventually(lambda: not pair.commerce.running, what="the killed commerce server to be gone")
        dom.clear_faults()
        port = int(pair.commerce_url.rsplit(":", 1)[1])
        restarted = commerce_server(tmp_path, port, pair.dom_url.removesuffix(DOM_SERVICES_PATH))
        with restarted:
            eventually(lambda: shop.order(order_id).get("transferStatus") == "G", what="the resumed transfer")
            assert accepted_transfers(dom, order_id) == 1
            assert [o["orderId"] for o in dom.orders()].count(order_id) == 1
            assert shop.order(order_id).get("orderStatus") == "M"
        shop.close()
        dom.close()
