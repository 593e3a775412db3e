"""The InventoryServices WSDL is usable by a real SOAP client: zeep loads it (and the schemas it imports from
`?xsd=`) from a server on a free loopback port and calls SyncProductAvailability with a UsernameToken."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from werkzeug.serving import make_server

from harness.commerce.config import CommerceConfig, DomClientSettings
from harness.commerce.web.app import create_app

zeep = pytest.importorskip("zeep")
from zeep.wsse.username import UsernameToken  # noqa: E402

AREA = {
    "CreationDateTime": "2024-05-01T09:59:00.000Z",
    "BODID": "zeep-1",
    "BusinessContext": {"ContextData": [{"_value_1": "10101", "name": "storeId"}]},
}
DATA_AREA = {
    "Sync": {
        "ActionCriteria": [
            {
                "ActionExpression": [
                    {"_value_1": "ProductAvailability", "expressionLanguage": "XPath", "actionCode": "Update"}
                ]
            }
        ]
    },
    "ProductAvailability": [
        {"ProductIdentifier": {"SKU": "SKU-0001"}, "QuantityOnHand": {"_value_1": 250, "uom": "C62"}}
    ],
}


@pytest.fixture
def served(clock) -> Iterator[tuple[str, object]]:
    config = CommerceConfig(
        db_url="sqlite://", ws_username="wcsadmin", ws_password="passw0rd", dom=DomClientSettings(retries=0)
    )
    app = create_app(config, clock=clock)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/webapp/wcs/services/InventoryServices", app
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["commerce"].close()


def test_wsdl_points_soap_address_at_the_server_it_came_from(served) -> None:
    url, _ = served
    client = zeep.Client(url + "?wsdl")
    port = client.wsdl.services["InventoryServices"].ports["InventoryServicesSOAP11Port"]
    assert port.binding_options["address"] == url
    assert set(port.binding._operations) == {"SyncProductAvailability", "SyncInventoryAvailability"}


def test_zeep_calls_sync_product_availability_with_a_username_token(served) -> None:
    url, app = served
    client = zeep.Client(url + "?wsdl", wsse=UsernameToken("wcsadmin", "passw0rd"))
    answer = client.service.SyncProductAvailability(
        ApplicationArea=AREA, DataArea=DATA_AREA, releaseID="", versionID=""
    )
    [bod] = answer["DataArea"]["BOD"]
    assert bod["OriginalApplicationArea"]["BODID"] == "zeep-1"
    assert bod["BODFailureMessage"] is None
    services = app.extensions["commerce"]
    with services.uow_factory() as uow:
        assert uow.inventory.level(12001, 10001, 10101).quantity == 250.0


def test_zeep_with_a_wrong_password_gets_the_error_confirm_bod(served) -> None:
    url, app = served
    client = zeep.Client(url + "?wsdl", wsse=UsernameToken("wcsadmin", "nope"))
    answer = client.service.SyncProductAvailability(
        ApplicationArea=AREA, DataArea=DATA_AREA, releaseID="", versionID=""
    )
    status = answer["DataArea"]["Confirm"]["ResponseCriteria"][0]["ChangeStatus"]
    assert status["ReasonCode"] == "_ERR_AUTHENTICATION_ERROR.-1"
    services = app.extensions["commerce"]
    with services.uow_factory() as uow:
        assert uow.inventory.level(12001, 10001, 10101).quantity != 250.0


def test_unknown_schema_names_are_not_served(served) -> None:
    url, _ = served
    response = httpx.get(url, params={"xsd": "../../etc/passwd"})
    assert response.status_code == 404
    assert response.json()["errors"][0]["errorKey"] == "_ERR_SCHEMA_NOT_FOUND"
