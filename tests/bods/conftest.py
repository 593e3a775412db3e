"""Fixtures for the BOD contract tests: shipped samples, builders and a `domh` runner limited to `bod`."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bods import factory, samples
from bods.messages import (
    Bod,
    CacheAction,
    Family,
    OrderAction,
    RequirementAction,
    Shipment,
)


def every_family() -> list[Bod]:
    """One or more valid messages of every BOD type, built with the factory."""
    requirement_request = factory.process_inventory_requirement()
    order_request = factory.process_order()
    return [
        factory.sync_product_availability(),
        factory.sync_product_availability([factory.sample_product(2, centers=(10001, 10002))]),
        factory.sync_product_availability(
            [factory.sample_product(5, on_hand=None)], action=CacheAction.DELETE
        ),
        factory.get_inventory_availability(),
        factory.get_inventory_availability(factory.availability_query(1, 2, physical_stores=("20001",))),
        factory.get_inventory_availability(factory.availability_query(3, by_part_number=True)),
        factory.show_inventory_availability(),
        factory.show_inventory_availability(change_status=factory.change_status("_APP_X.-1", "no")),
        factory.sync_inventory_availability(),
        requirement_request,
        factory.process_inventory_requirement(RequirementAction.DECREMENT_CACHE),
        factory.acknowledge_inventory_requirement(requirement_request),
        factory.acknowledge_inventory_requirement(
            requirement_request,
            inventory_status="Unavailable",
            change_status=factory.change_status("_E.-1", "x"),
        ),
        order_request,
        factory.process_order(action=OrderAction.CANCEL),
        factory.acknowledge_order(order_request),
        factory.acknowledge_order(
            order_request, change_status=factory.change_status("_ERR_PS_ENTRY_INVALID.-1", "x")
        ),
        factory.sync_order(shipment=Shipment("1Z999", "UPS", "2024-05-02T08:30:00.000Z")),
        factory.confirm(factory.new_application_area("10101"), family=Family.LEGACY),
        factory.confirm(
            factory.new_application_area("10101"),
            family=Family.DOM,
            change_status=factory.change_status("_ERR_CMD_MISSING_PARAM.-1", "missing"),
        ),
    ]


@pytest.fixture(params=samples.names())
def valid_sample(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, samples.load(request.param)


@pytest.fixture
def domh(monkeypatch: pytest.MonkeyPatch) -> Callable[..., int]:
    """Run `domh` with only the `bod` command group registered (other groups are tested elsewhere)."""
    from harness import cli

    monkeypatch.setattr(cli, "COMMAND_MODULES", ("bods.cli",))
    return lambda *argv: cli.main(list(argv))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`family_bod`: every message of `every_family()`, one test each."""
    if "family_bod" in metafunc.fixturenames:
        metafunc.parametrize("family_bod", every_family(), ids=lambda bod: type(bod).__name__)
