"""POST /webapp/wcs/services/InventoryServices: SyncProductAvailability and SyncInventoryAvailability on the
wire, the documented ConfirmBOD answers (facts section 1 and 2), and every refusal leaving state unchanged."""

from __future__ import annotations

import logging
import uuid

import pytest

from bods import codec, samples
from bods.expression import render_query
from bods.messages import (
    ApplicationArea,
    AvailabilityQuery,
    CacheAction,
    ConfirmBOD,
    Envelope,
    ExpectedInventory,
    Family,
    FulfillmentCenterInventory,
    GetInventoryAvailability,
    InventoryAvailability,
    InventoryStatus,
    ProductAvailability,
    SyncInventoryAvailability,
    SyncProductAvailability,
    UsernameToken,
)
from harness.commerce.domain.availability import AvailabilityStatus
from harness.commerce.storage.inventory import InventoryLevel
from harness.commerce.web.app import create_app
from mock_dom.domain.timefmt import parse_datetime

ENDPOINT = "/webapp/wcs/services/InventoryServices"
SOAP = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}
AREA = ApplicationArea("2024-05-01T09:59:00.000Z", "Test", (("storeId", "10101"), ("langId", "-1")))


def sync(*products: ProductAvailability, action=CacheAction.UPDATE, area=AREA) -> SyncProductAvailability:
    return SyncProductAvailability(area, action, products)


def post(client, bod, *, soap=False, security=None, headers=None):
    body = (
        bod if isinstance(bod, bytes) else codec.render(bod, envelope=Envelope(soap=soap, security=security))
    )
    response = client.post(ENDPOINT, data=body, headers=headers or (SOAP if soap else {}))
    return response


def confirm_of(response) -> ConfirmBOD:
    document = codec.parse(response.data)
    assert isinstance(document.bod, ConfirmBOD)
    return document.bod


def state(app) -> tuple:
    services = app.extensions["commerce"]
    with services.uow_factory() as uow:
        return (
            uow.availability.count(),
            uow.inventory.level(12001, 10001, 10101),
            uow.inventory.level(12001, 10002, 10101),
            len(services.memory),
        )


def online_record(app, catentry: int):
    services = app.extensions["commerce"]
    with services.uow_factory() as uow:
        return uow.availability.get(catentry, services.availability.catalog.store_location(10101))


# --- SyncProductAvailability: success forms -----------------------------------------------------------------


def test_soap_in_gets_the_legacy_confirm_bod_in_soap(client) -> None:
    response = post(client, sync(ProductAvailability("SKU-0001", 250.0, "C62")), soap=True)
    assert response.status_code == 200
    assert response.content_type.startswith("text/xml")
    document = codec.parse(response.data)
    assert document.envelope.soap
    confirm = document.bod
    assert confirm.succeeded
    assert confirm.family is Family.LEGACY
    assert (confirm.original.bodid, confirm.original.creation_datetime) == (
        "Test",
        "2024-05-01T09:59:00.000Z",
    )
    assert confirm.original.context == ()  # ConfirmBOD1 echoes CreationDateTime and BODID only
    assert confirm.application_area.bodid != "Test"


def test_bare_in_gets_a_bare_answer(client) -> None:
    response = post(client, sync(ProductAvailability("SKU-0001", 250.0)))
    assert not codec.parse(response.data).envelope.soap
    assert confirm_of(response).succeeded


def test_global_level_is_written_to_the_default_center_and_cached(client, app) -> None:
    post(client, sync(ProductAvailability("SKU-0001", 250.0, "C62")))
    _, east, west, _ = state(app)
    assert east.quantity == 250.0
    assert online_record(app, 12001).quantity == 250.0 + west.quantity


def test_fulfillment_center_level_with_expected_inventory(client, app) -> None:
    product = ProductAvailability(
        "SKU-0002",
        fulfillment_centers=(
            FulfillmentCenterInventory(
                10001, 0.0, "C62", (ExpectedInventory(5.0, "C62", "2024-06-02T00:00:00Z"),)
            ),
            FulfillmentCenterInventory(10002, 0.0, "C62"),
        ),
    )
    assert confirm_of(post(client, sync(product))).succeeded
    record = online_record(app, 12002)
    assert record.status is AvailabilityStatus.BACKORDERABLE
    rest = client.get("/wcs/resources/store/10101/inventoryavailability/12002").get_json()
    assert rest["InventoryAvailability"][0]["availabilityDateTime"] == "2024-06-02T00:00:00.000Z"


def test_several_products_in_one_message(client, app) -> None:
    post(client, sync(ProductAvailability("SKU-0003", 3.0), ProductAvailability("SKU-0004", 4.0)))
    assert online_record(app, 12003) is not None
    assert online_record(app, 12004) is not None


def test_delete_uncaches_so_the_next_lookup_asks_dom(client, app, wire_dom) -> None:
    post(client, sync(ProductAvailability("SKU-0001", 250.0)))
    area = ApplicationArea("2024-05-01T10:00:00.000Z", "Delete-1", AREA.context)
    assert confirm_of(
        post(client, sync(ProductAvailability("SKU-0001"), action=CacheAction.DELETE, area=area))
    ).succeeded
    assert online_record(app, 12001) is None
    client.get("/wcs/resources/store/10101/inventoryavailability/12001")
    assert wire_dom.calls == 1


def test_the_update_serves_rest_from_cache_without_dom(client, wire_dom) -> None:
    post(client, sync(ProductAvailability("SKU-0001", 250.0)))
    client.get("/wcs/resources/store/10101/inventoryavailability/12001")
    assert wire_dom.calls == 0


# --- redelivery ---------------------------------------------------------------------------------------------


def test_redelivery_is_applied_once_and_answered_alike(client, app) -> None:
    first = confirm_of(post(client, sync(ProductAvailability("SKU-0001", 10.0))))
    services = app.extensions["commerce"]
    with services.uow_factory() as uow:
        uow.inventory.save([InventoryLevel(12001, 10001, 10101, 1.0)])
        uow.commit()
    again = confirm_of(post(client, sync(ProductAvailability("SKU-0001", 10.0)), soap=True))
    assert again.succeeded
    assert again.application_area == first.application_area
    assert state(app)[1].quantity == 1.0


def test_same_bodid_with_new_content_is_refused(client, app) -> None:
    post(client, sync(ProductAvailability("SKU-0001", 10.0)))
    before = state(app)
    confirm = confirm_of(post(client, sync(ProductAvailability("SKU-0001", 99.0))))
    assert confirm.change_status.reason_code == "_ERR_BOD_DUPLICATE_BODID.-1"
    assert state(app) == before


# --- refusals -----------------------------------------------------------------------------------------------

VALID = codec.render(sync(ProductAvailability("SKU-0001", 250.0, "C62")))
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<inv:SyncProductAvailability xmlns:inv="http://www.ibm.com/xmlns/prod/commerce/inventory">&x;</inv:SyncProductAvailability>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lolz>&lol3;</lolz>"""

REFUSALS = [
    pytest.param(
        VALID.replace(b"<wcf:SKU>SKU-0001</wcf:SKU>", b""), "_ERR_CMD_MISSING_PARAM.-1", id="missing SKU"
    ),
    pytest.param(
        VALID.replace(b'actionCode="Update"', b'actionCode="Frob"'),
        "_ERR_BOD_SCHEMA_INVALID.-1",
        id="bad action code",
    ),
    pytest.param(
        VALID.replace(b">250.0<", b">lots<"), "_ERR_BOD_SCHEMA_INVALID.-1", id="schema-invalid quantity"
    ),
    pytest.param(VALID[: len(VALID) // 2], "_ERR_BOD_MALFORMED.-1", id="malformed"),
    pytest.param(XXE, "_ERR_BOD_FORBIDDEN_CONSTRUCT.-1", id="XXE"),
    pytest.param(LAUGHS, "_ERR_BOD_FORBIDDEN_CONSTRUCT.-1", id="billion laughs"),
    pytest.param(
        VALID.replace(b"SKU-0001", b"SKU-9999"),
        "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_PARTNUMBER.-1",
        id="unknown SKU",
    ),
    pytest.param(
        VALID.replace(
            b"</inv:ProductAvailability>",
            b"<inv:FulfillmentCenterInventory fulfillmentCenterID"
            b'="77"><inv:QuantityOnHand>1</inv:QuantityOnHand></inv:FulfillmentCenterInventory>'
            b"</inv:ProductAvailability>",
        ),
        "_ERR_CMD_INVALID_PARAM.-1",
        id="unknown center",
    ),
]


@pytest.mark.parametrize(("body", "reason_code"), REFUSALS)
def test_refusals_are_confirm_bods_and_change_nothing(client, app, body, reason_code, caplog) -> None:
    before = state(app)
    with caplog.at_level(logging.WARNING):
        response = post(client, body)
    assert response.status_code == 200
    confirm = confirm_of(response)
    status = confirm.change_status
    assert status.reason_code == reason_code
    assert uuid.UUID(status.code)
    assert status.code in caplog.text
    assert state(app) == before


def test_oversized_message_is_refused(app, commerce_config, wire_dom, clock) -> None:
    small = create_app(commerce_config.with_changes(max_body_bytes=1000), dom_transport=wire_dom, clock=clock)
    before = state(small)
    response = post(small.test_client(), VALID + b" " * 2000)
    assert confirm_of(response).change_status.reason_code == "_ERR_BOD_TOO_LARGE.-1"
    assert state(small) == before
    small.extensions["commerce"].close()


def test_broken_soap_envelope_gets_a_soap_fault(client, app) -> None:
    before = state(app)
    body = (
        b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
        b"<soapenv:Header/></soapenv:Envelope>"
    )
    response = post(client, body, headers=SOAP)
    assert response.status_code == 500
    assert b"Fault" in response.data
    assert state(app) == before


def test_a_bod_this_endpoint_does_not_serve_is_refused(client) -> None:

    query = AvailabilityQuery(catalog_entry_ids=("12001",), online_store_id="10101")
    get = GetInventoryAvailability(
        ApplicationArea(context=(("storeId", "10101"),)), render_query(query), query
    )
    assert confirm_of(post(client, get)).change_status.reason_code == "_ERR_BOD_UNKNOWN_TYPE.-1"


# --- WS-Security --------------------------------------------------------------------------------------------


@pytest.fixture
def secured(commerce_config, wire_dom, clock):
    config = commerce_config.with_changes(ws_username="wcsadmin", ws_password="passw0rd")
    application = create_app(config, dom_transport=wire_dom, clock=clock)
    yield application
    application.extensions["commerce"].close()


@pytest.mark.parametrize(
    "security",
    [None, UsernameToken("wcsadmin", "wrong"), UsernameToken("someone", "passw0rd")],
    ids=["no token", "wrong password", "wrong user"],
)
def test_bad_credentials_are_refused_and_change_nothing(secured, security) -> None:
    before = state(secured)
    response = post(
        secured.test_client(), sync(ProductAvailability("SKU-0001", 1.0)), soap=True, security=security
    )
    assert confirm_of(response).change_status.reason_code == "_ERR_AUTHENTICATION_ERROR.-1"
    assert state(secured) == before


def test_good_credentials_are_accepted(secured) -> None:
    token = UsernameToken("wcsadmin", "passw0rd")
    response = post(
        secured.test_client(), sync(ProductAvailability("SKU-0001", 1.0)), soap=True, security=token
    )
    assert confirm_of(response).succeeded


# --- SyncInventoryAvailability (DOM push) -------------------------------------------------------------------


def dom_push(bodid: str = "0f6a1c2e-0000-4a11-9c01-5a5a5a5a0020", store: str = "Store-20001"):
    return SyncInventoryAvailability(
        ApplicationArea("2024-05-01T10:00:04.000Z", bodid, (("langId", "-1"), ("storeId", "10101"))),
        (
            InventoryAvailability(
                InventoryStatus.AVAILABLE,
                catalog_entry_id="12001",
                online_store_id="10101",
                quantity=57.0,
                user_data=(("customField1", "1"),),
            ),
            InventoryAvailability(
                InventoryStatus.AVAILABLE, part_number="SKU-0001", physical_store_id=store, quantity=2.0
            ),
        ),
    )


def test_dom_push_gets_a_dom_style_confirm_and_updates_the_cache(client, app, wire_dom) -> None:
    confirm = confirm_of(post(client, dom_push(), soap=True))
    assert confirm.succeeded
    assert confirm.family is Family.DOM
    assert confirm.original.context == (("langId", "-1"), ("storeId", "10101"))
    body = client.get(
        "/wcs/resources/store/10101/inventoryavailability/12001?physicalStoreId=20001"
    ).get_json()
    assert [r["availableQuantity"] for r in body["InventoryAvailability"]] == ["57.0", "2.0"]
    assert body["InventoryAvailability"][0]["x_customField1"] == "1"
    assert wire_dom.calls == 0


def test_dom_push_naming_an_unknown_store_is_refused_in_dom_form(client, app) -> None:
    before = state(app)
    confirm = confirm_of(post(client, dom_push(store="Store-99999")))
    assert confirm.family is Family.DOM
    assert confirm.change_status.reason_code == (
        "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_EXTERNAL_IDENTIFIER.-1"
    )
    assert state(app) == before


# --- the shipped samples (bods/samples) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "SyncProductAvailability_1",
        "SyncProductAvailability_2",
        "SyncProductAvailability_3",
        "SyncInventoryAvailability",
    ],
)
def test_every_shipped_sample_is_accepted(client, name) -> None:
    assert confirm_of(post(client, samples.load(name))).succeeded


def test_the_rtam_form_naming_a_physical_store_by_external_identifier_is_cached(client, app) -> None:
    post(client, samples.load("SyncInventoryAvailability"))
    services = app.extensions["commerce"]
    record = services.memory.get((12002, services.availability.catalog.physical_location(20001)))
    assert record.quantity == 5.0


def test_sample_two_writes_each_center_and_sums_them(client, app) -> None:
    post(client, samples.load("SyncProductAvailability_2"))
    services = app.extensions["commerce"]
    with services.uow_factory() as uow:
        assert uow.inventory.level(12002, 10001, 10101).quantity == 40.0
        assert uow.inventory.level(12002, 10002, 10101).quantity == 15.0
        west = uow.inventory.level(12003, 10002, 10101).quantity  # untouched by the message
    assert online_record(app, 12002).quantity == 55.0
    sku3 = online_record(app, 12003)
    assert sku3.quantity == west
    assert sku3.availability_time == parse_datetime("2024-05-15T00:00:00.000Z")
