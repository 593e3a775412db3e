"""ExternalInventory: the component that sends inventory requests to DOM (facts section 2,
`com.ibm.commerce.inventory.external`).

GetInventoryAvailability (access profile IBM_Store_Details) answered by ShowInventoryAvailability; the
exchange itself (style, transport, tolerant reading, refusals) is `DomClient`'s.
"""

from __future__ import annotations

from bods.expression import render_query
from bods.messages import (
    ApplicationArea,
    AvailabilityQuery,
    GetInventoryAvailability,
    InventoryAvailability,
    ShowInventoryAvailability,
)
from harness.commerce.services.dom_client import INVENTORY_SERVICES, DomClient


class ExternalInventory(DomClient):
    def get_inventory_availability(
        self, store_id: int, query: AvailabilityQuery
    ) -> tuple[InventoryAvailability, ...]:
        """DOM's records for `query`; DomUnavailable when DOM does not answer, DomRejected when it refuses."""
        request = GetInventoryAvailability(
            application_area=ApplicationArea(
                context=(("storeId", str(store_id)), ("langId", self._language_id))
            ),
            expression=render_query(query),
            query=query,
        )
        show = self._exchange(
            INVENTORY_SERVICES, request, "GetInventoryAvailability", ShowInventoryAvailability
        )
        return show.records
