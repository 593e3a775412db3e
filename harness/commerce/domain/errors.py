"""The commerce server's one exception family.

Every refusal carries a WCS message key (`message_key`) and the parameters of the message; `reason_code` is
the `<messageKey>.<errorCode>` form ConfirmBOD's ChangeStatus/ReasonCode uses (facts section 6) and the
REST error body shows `errorKey` / `errorParameters` (facts section 5). Inventory look-up failures use the
documented `_APP_INVENTORYAVAILABILITY_...` keys; the rest follow the same convention with WCS's generic
command keys (`_ERR_CMD_INVALID_PARAM`, `_ERR_CMD_MISSING_PARAM`) or keys of our own where WCS has none
documented (`_ERR_DOM_UNAVAILABLE`, `_ERR_BOD_DUPLICATE_BODID`).
"""

from __future__ import annotations


class CommerceError(Exception):
    """Base of every refusal; the edge (REST or BOD handler) renders it in its documented error form."""

    message_key = "_ERR_GENERIC"

    def __init__(self, reason: str, *parameters: str, message_key: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.parameters = tuple(parameters)
        if message_key is not None:
            self.message_key = message_key

    @property
    def reason_code(self) -> str:
        return f"{self.message_key}.-1"


class NotFound(CommerceError):
    """A store, physical store, catalog entry or fulfillment center the request names does not exist."""


class UnknownStore(NotFound):
    message_key = "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_ID"

    @classmethod
    def by_id(cls, store_id: object) -> UnknownStore:
        return cls(f'The online store "{store_id}" could not be found.', str(store_id))

    @classmethod
    def by_name(cls, name: str) -> UnknownStore:
        return cls(
            f'The online store named "{name}" could not be found.',
            name,
            message_key="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_NAME_IDENTIFIER",
        )


class UnknownPhysicalStore(NotFound):
    message_key = "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_ID"

    @classmethod
    def by_id(cls, stloc: object) -> UnknownPhysicalStore:
        return cls(f'The physical store "{stloc}" could not be found.', str(stloc))

    @classmethod
    def by_external_identifier(cls, identifier: str) -> UnknownPhysicalStore:
        return cls(
            f'The physical store with external identifier "{identifier}" could not be found.',
            identifier,
            message_key="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_EXTERNAL_IDENTIFIER",
        )


class UnknownCatalogEntry(NotFound):
    message_key = "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_ID"

    @classmethod
    def by_id(cls, catentry: object) -> UnknownCatalogEntry:
        return cls(f'The catalog entry "{catentry}" could not be found.', str(catentry))

    @classmethod
    def by_part_number(cls, part_number: str) -> UnknownCatalogEntry:
        return cls(
            f'The catalog entry with part number "{part_number}" could not be found.',
            part_number,
            message_key="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_PARTNUMBER",
        )


class UnknownFulfillmentCenter(NotFound):
    message_key = "_ERR_CMD_INVALID_PARAM"

    @classmethod
    def by_id(cls, ffmcenter: object, parameter: str) -> UnknownFulfillmentCenter:
        return cls(f'The fulfillment center "{ffmcenter}" ({parameter}) could not be found.', parameter)


class InvalidParameter(CommerceError):
    """A parameter is present but its value is unusable (CMN1025E-style)."""

    message_key = "_ERR_CMD_INVALID_PARAM"

    @classmethod
    def named(cls, parameter: str, value: object) -> InvalidParameter:
        return cls(f'The value "{value}" of parameter "{parameter}" is not valid.', parameter, str(value))


class MissingParameter(CommerceError):
    """A required command parameter is empty (the documented CMN0206E answer)."""

    message_key = "_ERR_CMD_MISSING_PARAM"

    @classmethod
    def named(cls, parameter: str) -> MissingParameter:
        return cls(f'CMN0206E Please check all fields. "{parameter}" is a required field.', parameter)


class UnsupportedInventorySystem(CommerceError):
    """The store's INVENTORYSYSTEM is not one whose availability this server looks up through DOM."""

    message_key = "_APP_GET_INVENTORYAVAILABILITY_INVALID_INVENTORY_SYSTEM"


class AvailabilityNotFound(CommerceError):
    """Nothing is cached for the item and DOM was not (or could not be) asked."""

    message_key = "_APP_INVENTORYAVAILABILITY_INFORMATION_NOT_FOUND"


class DomUnavailable(CommerceError):
    """DOM did not answer: connection refused, timeout, HTTP error or the circuit breaker is open."""

    message_key = "_ERR_DOM_UNAVAILABLE"


class DomRejected(CommerceError):
    """DOM answered with a ChangeStatus; `message_key` is DOM's reason code without its error-code suffix."""

    message_key = "_ERR_DOM_REJECTED"


class BodConflict(CommerceError):
    """A BODID that was already applied arrives again with different content."""

    message_key = "_ERR_BOD_DUPLICATE_BODID"


class AuthenticationFailed(CommerceError):
    """WS-Security UsernameToken missing or wrong while the server requires one."""

    message_key = "_ERR_AUTHENTICATION_ERROR"
