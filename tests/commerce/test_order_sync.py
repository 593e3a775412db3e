"""DOM's fulfillment updates (flow step 7) and cancels at the commerce OrderServices: SyncOrder Change from
the mock DOM's pushes and as sent by a test, redelivery, out-of-order updates, errors, WS-Security, Cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from bods import codec, factory
from bods.messages import Envelope, Order, OrderAction, Shipment, UsernameToken

if TYPE_CHECKING:
    from checkout_support import World

pytest_plugins = ["checkout_support"]

ORDER_SERVICES = "/webapp/wcs/services/OrderServices"


def transferred(world: World, *lines: tuple[str, float]) -> str:
    order_id = world.buy(*(lines or (("12001", 1),)))
    world.drain()
    return order_id


def item_ids(world: World, order_id: str) -> list[str]:
    return [item["orderItemId"] for item in world.order(order_id)["orderItem"]]


def sync(world: World, order_id: str, status: str, at: float, soap: bool = False, **kwargs):
    items = kwargs.pop("item_statuses", None) or {
        i: ("D" if status == "S" else status) for i in item_ids(world, order_id)
    }
    bod = factory.sync_order(order_id, status=status, item_statuses=items, now=at, **kwargs)
    return world.shop.post_bod("OrderServices", bod, soap=soap), bod


def test_a_shipment_pushed_by_dom_ships_the_order_and_emails_the_shopper(world: World) -> None:
    order_id = transferred(world, ("12001", 1), ("12002", 2))
    world.dom.ship(order_id, carrier="FedEx", tracking_number="TRK123")
    world.deliver_pushes()
    order = world.order(order_id)
    assert order["orderStatus"] == "S"
    assert {i["orderItemStatus"] for i in order["orderItem"]} == {"D"}
    assert {(s["carrier"], s["trackingNumber"]) for s in order["shipments"]} == {("FedEx", "TRK123")}
    world.drain()
    shipped = [m for m in world.shop.mail(order_id=order_id) if m["kind"] == "OrderShipped"]
    assert len(shipped) == 1
    assert "TRK123" in shipped[0]["body"]


def test_a_release_pushed_by_dom_moves_the_order_to_r(world: World) -> None:
    order_id = transferred(world)
    world.dom.advance(order_id)  # scheduled (no WCS code)
    world.dom.advance(order_id)  # released
    world.deliver_pushes()
    assert world.order(order_id)["orderStatus"] == "R"


def test_every_push_is_confirmed_so_dom_marks_it_sent(world: World) -> None:
    order_id = transferred(world)
    world.dom.ship(order_id)
    report = world.deliver_pushes()
    assert report["sent"] >= 1
    assert {p["status"] for p in world.dom.pushes()} == {"sent"}


def test_a_redelivered_sync_order_is_applied_once_and_confirmed_alike(world: World) -> None:
    order_id = transferred(world)
    first, bod = sync(world, order_id, "S", world.clock.now(), shipment=Shipment("1ZX", "UPS"))
    again = world.shop.post_bod("OrderServices", bod, soap=False)
    assert first.succeeded
    assert again.succeeded
    assert again.bod.application_area.bodid == first.bod.application_area.bodid
    world.drain()
    assert [m["kind"] for m in world.shop.mail(order_id=order_id)] == ["OrderConfirmation", "OrderShipped"]


def test_a_reused_bodid_with_other_content_is_refused(world: World) -> None:
    order_id = transferred(world)
    _, bod = sync(world, order_id, "R", world.clock.now())
    changed = bod.__class__(bod.application_area, Order(order_id=order_id, status="B"))
    refused = world.shop.post_bod("OrderServices", changed, soap=False)
    assert refused.change_status.reason_code == "_ERR_BOD_DUPLICATE_BODID.-1"
    assert world.order(order_id)["orderStatus"] == "R"


def test_an_out_of_order_update_never_moves_the_order_backwards(world: World) -> None:
    order_id = transferred(world)
    now = world.clock.now()
    shipped, _ = sync(world, order_id, "S", now + 10)
    late, _ = sync(world, order_id, "R", now + 5)
    assert shipped.succeeded
    assert late.succeeded  # an old update is not an error: DOM just learns nothing changed
    assert world.order(order_id)["orderStatus"] == "S"


def test_an_older_update_of_equal_rank_is_ignored(world: World) -> None:
    order_id = transferred(world)
    now = world.clock.now()
    sync(world, order_id, "R", now + 10)
    sync(world, order_id, "B", now + 5)
    assert world.order(order_id)["orderStatus"] == "R"
    sync(world, order_id, "B", now + 20)
    assert world.order(order_id)["orderStatus"] == "B"


def test_an_update_for_an_unknown_order_is_refused_in_the_documented_form(world: World) -> None:
    exchange, _ = sync(world, "59999", "R", world.clock.now(), item_statuses={"79999": "R"})
    assert exchange.status == 200
    assert exchange.type_name == "ConfirmBOD"
    assert exchange.change_status.reason_code == "_ERR_ORDER_NOT_FOUND.-1"
    assert exchange.change_status.code  # the correlation id


def test_a_status_dom_may_not_send_is_refused_and_changes_nothing(world: World) -> None:
    order_id = transferred(world)
    before = world.order(order_id)
    exchange, _ = sync(world, order_id, "P", world.clock.now())
    assert exchange.change_status.reason_code == "_ERR_CMD_INVALID_PARAM.-1"
    assert world.order(order_id) == before


def test_a_status_outside_the_schema_is_refused_by_validation(world: World) -> None:
    order_id = transferred(world)
    exchange, _ = sync(world, order_id, "Q", world.clock.now())
    assert exchange.change_status.reason_code == "_ERR_BOD_SCHEMA_INVALID.-1"
    assert world.order(order_id)["orderStatus"] == "M"


def test_an_update_for_a_cart_is_refused(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 1).get("orderId")
    exchange, _ = sync(world, order_id, "R", world.clock.now())
    assert exchange.change_status.reason_code == "_ERR_ORDER_NOT_SUBMITTED.-1"


def test_soap_in_gets_soap_out_and_bare_in_gets_bare_out(world: World) -> None:
    order_id = transferred(world)
    soap, _ = sync(world, order_id, "R", world.clock.now(), soap=True)
    bare, _ = sync(world, order_id, "S", world.clock.now() + 1, soap=False)
    assert b"Envelope" in soap.body
    assert b"Envelope" not in bare.body
    assert soap.succeeded
    assert bare.succeeded


def test_ws_security_is_checked_when_configured(make_world) -> None:
    secured = make_world(ws=("domadmin", "changeme"))
    order_id = transferred(secured)
    bod = factory.sync_order(
        order_id, status="R", item_statuses={i: "R" for i in item_ids(secured, order_id)}
    )
    refused = secured.shop.post_bod("OrderServices", bod, soap=True)
    assert refused.change_status.reason_code == "_ERR_AUTHENTICATION_ERROR.-1"
    assert secured.order(order_id)["orderStatus"] == "M"
    signed = codec.render(bod, envelope=Envelope(soap=True, security=UsernameToken("domadmin", "changeme")))
    assert secured.shop.post_bod("OrderServices", signed).succeeded
    assert secured.order(order_id)["orderStatus"] == "R"


def test_dom_cancel_cancels_the_order_and_emails_the_shopper(world: World) -> None:
    order_id = transferred(world)
    cancel = factory.process_order(Order(order_id=order_id, store_id="10101"), action=OrderAction.CANCEL)
    exchange = world.shop.post_bod("OrderServices", cancel, soap=False)
    assert exchange.type_name == "AcknowledgeOrder"
    assert exchange.succeeded
    assert exchange.bod.order.status == "X"
    order = world.order(order_id)
    assert order["orderStatus"] == "X"
    assert {i["orderItemStatus"] for i in order["orderItem"]} == {"X"}
    assert "OrderCanceled" in [m["kind"] for m in world.shop.mail(order_id=order_id)]


def test_a_cancel_pushed_by_dom_cancels_the_order(world: World) -> None:
    order_id = transferred(world)
    world.dom.cancel(order_id)
    world.deliver_pushes()
    assert world.order(order_id)["orderStatus"] == "X"


def test_cancel_of_a_cart_cancels_it_without_an_email(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 1).get("orderId")
    cancel = factory.process_order(Order(order_id=order_id, store_id="10101"), action=OrderAction.CANCEL)
    assert world.shop.post_bod("OrderServices", cancel, soap=True).succeeded
    assert world.order(order_id)["orderStatus"] == "X"
    assert world.shop.mail(order_id=order_id) == []


def test_a_shipped_order_cannot_be_canceled(world: World) -> None:
    order_id = transferred(world)
    sync(world, order_id, "S", world.clock.now())
    cancel = factory.process_order(Order(order_id=order_id, store_id="10101"), action=OrderAction.CANCEL)
    exchange = world.shop.post_bod("OrderServices", cancel, soap=False)
    assert exchange.type_name == "AcknowledgeOrder"
    assert exchange.change_status.reason_code == "_ERR_ORDER_NOT_CANCELABLE.-1"
    assert world.order(order_id)["orderStatus"] == "S"


def test_a_transfer_sent_to_the_commerce_server_is_refused(world: World) -> None:
    exchange = world.shop.post_bod("OrderServices", factory.process_order(), soap=False)
    assert exchange.change_status.reason_code.startswith("_ERR_")
    assert "Cancel" in exchange.change_status.reason


def test_a_broken_envelope_gets_a_soap_fault(world: World) -> None:
    response = world.shop.client.post(
        ORDER_SERVICES,
        content=b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><x/></soapenv:Envelope>',
        headers={"Content-Type": "text/xml"},
    )
    assert response.status_code == 500
    assert b"Fault" in response.content


def test_the_wsdl_describes_both_operations_and_its_schemas_resolve(world: World) -> None:
    response = world.shop.client.get(ORDER_SERVICES + "?wsdl")
    assert response.status_code == 200
    wsdl = etree.fromstring(response.content)
    names = {op.get("name") for op in wsdl.iter("{http://schemas.xmlsoap.org/wsdl/}operation")}
    assert names == {"SyncOrder", "ProcessOrder"}
    locations = [i.get("schemaLocation") for i in wsdl.iter("{http://www.w3.org/2001/XMLSchema}import")]
    for location in locations:
        assert world.shop.client.get(location).status_code == 200
