"""Shopper emails: kept in the mail outbox without an SMTP server, sent through smtplib with `--smtp`."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from smtp_support import SmtpServer

if TYPE_CHECKING:
    from checkout_support import World

pytest_plugins = ["checkout_support"]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_without_smtp_emails_are_kept_and_listed(world: World) -> None:
    order_id = world.buy(("12001", 1))
    world.drain()
    [mail] = world.shop.mail(order_id=order_id)
    assert mail["status"] == "kept"
    assert mail["recipient"].endswith("@shopper.example.com")


def test_with_smtp_the_confirmation_goes_through_the_smtp_server(make_world) -> None:
    with SmtpServer() as smtp:
        shop = make_world(smtp=smtp.address)
        shopper = shop.shopper(email="bob@example.com")
        order_id = shop.buy(("12001", 1), driver=shopper)
        assert shop.shop.mail(order_id=order_id)[0]["status"] == "pending"
        shop.drain()
        [received] = smtp.messages
    assert received.recipients == ["<bob@example.com>"]
    assert received.message["Subject"] == f"AuroraESite: order {order_id} confirmed"
    assert received.message["X-Order-Id"] == order_id
    [mail] = shop.shop.mail(order_id=order_id)
    assert mail["status"] == "sent"
    assert mail["sent"] is not None


def test_the_shipping_notice_is_sent_once(make_world) -> None:
    with SmtpServer() as smtp:
        shop = make_world(smtp=smtp.address)
        order_id = shop.buy(("12001", 1))
        shop.drain()
        shop.dom.ship(order_id)
        shop.deliver_pushes()
        shop.drain()
        shop.drain()
        subjects = [m.message["Subject"] for m in smtp.messages]
    assert subjects == [f"AuroraESite: order {order_id} confirmed", f"AuroraESite: order {order_id} shipped"]


def test_an_unreachable_smtp_server_leaves_the_email_pending_with_its_error(make_world) -> None:
    shop = make_world(smtp=f"127.0.0.1:{closed_port()}")
    order_id = shop.buy(("12001", 1))
    _, report = shop.drain()
    assert report.failed == 1
    [mail] = shop.shop.mail(order_id=order_id)
    assert mail["status"] == "pending"
    assert mail["attempts"] == 1
    assert "ConnectionRefusedError" in mail["lastError"]


def test_a_failed_email_is_tried_again_after_a_pause(make_world) -> None:
    shop = make_world(smtp=f"127.0.0.1:{closed_port()}")
    shop.buy(("12001", 1))
    shop.drain()
    assert shop.drain()[1].failed == 0
    shop.clock.advance(5.0)
    assert shop.drain()[1].failed == 1
