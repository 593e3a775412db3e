"""The mock DOM's one exception family.

Every refusal carries the `reason_code` that goes on the wire (ResponseCriteria/ChangeStatus/ReasonCode,
facts section 6) and a human-readable `reason`. Inventory look-up failures use the documented
`_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_...` message keys; order and reservation failures follow the same
`<messageKey>.<errorCode>` convention with keys of our own (`_ERR_ORDER_NOT_FOUND.-1` ...).
"""

from __future__ import annotations


class DomError(Exception):
    """Base of every domain refusal. The edge turns it into the documented error answer."""

    reason_code = "_ERR_DOM_REQUEST_FAILED.-1"

    def __init__(self, reason: str, *, reason_code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if reason_code is not None:
            self.reason_code = reason_code


class UnknownItem(DomError):
    """No catalog entry with that id or part number."""

    reason_code = "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_ID.-1"

    @classmethod
    def by_id(cls, catalog_entry_id: str) -> UnknownItem:
        return cls(f'The catalog entry "{catalog_entry_id}" could not be found.')

    @classmethod
    def by_part_number(cls, part_number: str) -> UnknownItem:
        return cls(
            f'The catalog entry with part number "{part_number}" could not be found.',
            reason_code="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_PARTNUMBER.-1",
        )


class UnknownLocation(DomError):
    """No online store / physical store with that id or name."""

    reason_code = "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_ID.-1"

    @classmethod
    def online_store_by_id(cls, store_id: str) -> UnknownLocation:
        return cls(f'The online store "{store_id}" could not be found.')

    @classmethod
    def online_store_by_name(cls, name: str) -> UnknownLocation:
        return cls(
            f'The online store named "{name}" could not be found.',
            reason_code="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_NAME_IDENTIFIER.-1",
        )

    @classmethod
    def physical_store_by_id(cls, store_id: str) -> UnknownLocation:
        return cls(
            f'The physical store "{store_id}" could not be found.',
            reason_code="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_ID.-1",
        )

    @classmethod
    def physical_store_by_external_id(cls, identifier: str) -> UnknownLocation:
        return cls(
            f'The physical store with external identifier "{identifier}" could not be found.',
            reason_code="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_EXTERNAL_IDENTIFIER.-1",
        )

    @classmethod
    def no_location(cls) -> UnknownLocation:
        return cls(
            "The request names neither an online store nor a physical store.",
            reason_code="_APP_INVENTORYAVAILABILITY_INFORMATION_NOT_FOUND.-1",
        )


class InvalidQuantity(DomError):
    reason_code = "_ERR_INVALID_QUANTITY.-1"


class OrderNotFound(DomError):
    reason_code = "_ERR_ORDER_NOT_FOUND.-1"

    @classmethod
    def for_id(cls, order_id: str) -> OrderNotFound:
        return cls(f'The order "{order_id}" does not exist in DOM.')


class ReservationNotFound(DomError):
    reason_code = "_ERR_RESERVATION_NOT_FOUND.-1"

    @classmethod
    def for_id(cls, reservation_id: str) -> ReservationNotFound:
        return cls(f'The inventory reservation "{reservation_id}" does not exist.')


class IllegalTransition(DomError):
    """An admin or BOD request asks an order to move where its lifecycle does not go (e.g. ship a canceled
    order)."""

    reason_code = "_ERR_ORDER_STATUS_TRANSITION.-1"


class MissingData(DomError):
    """A BOD passed the schema but lacks something DOM needs (e.g. an order item without any item id)."""

    reason_code = "_ERR_CMD_MISSING_PARAM.-1"
