"""What the drivers give back: parsed answers as plain values, never Flask or lxml objects.

`Answer` is any JSON-over-HTTP answer (status, parsed body). WCS REST answers carry numbers as strings and
errors as `{"errors": [{"errorKey", "errorMessage", ...}]}` (facts section 5); `error_key` reads that form
and the mock DOM admin form `{"error": {"code", "message"}}` alike. `AvailabilityRecord` is one record of
the `InventoryAvailability` list. `BodExchange` is the answer of a BOD service, decoded by `bods.codec`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Self

import httpx

from bods.errors import BodError
from bods.messages import Document


class DriverError(Exception):
    """A call did not get the answer the caller required; carries the HTTP status and the parsed body."""

    def __init__(self, message: str, *, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status and parsed JSON body (the text when it is not JSON)."""

    status: int
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_response(cls, response: httpx.Response) -> Answer:
        try:
            body: Any = response.json() if response.content else None
        except ValueError:
            body = response.text
        return cls(response.status_code, body, dict(response.headers))

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def errors(self) -> list[Mapping[str, Any]]:
        """The WCS REST `errors` list, or the admin API's single `error`, as a list."""
        if not isinstance(self.body, Mapping):
            return []
        if isinstance(self.body.get("errors"), list):
            return [e for e in self.body["errors"] if isinstance(e, Mapping)]
        error = self.body.get("error")
        return (
            [{"errorKey": error.get("code"), "errorMessage": error.get("message")}]
            if isinstance(error, Mapping)
            else []
        )

    @property
    def error_key(self) -> str | None:
        """The first error's key, e.g. `_ERR_PROD_NOT_ORDERABLE`; None on success."""
        errors = self.errors
        return str(errors[0].get("errorKey")) if errors and errors[0].get("errorKey") is not None else None

    def get(self, key: str, default: Any = None) -> Any:
        return self.body.get(key, default) if isinstance(self.body, Mapping) else default

    def expect_ok(self, what: str = "call") -> Self:
        """Self when 2xx, else DriverError naming `what`, the status and the error key."""
        if not self.ok:
            raise DriverError(
                f"{what} answered {self.status} {self.error_key or ''}".strip(),
                status=self.status,
                body=self.body,
            )
        return self


@dataclass(frozen=True)
class AvailabilityRecord:
    """One InventoryAvailability record: an item at the online store or at one physical store."""

    product_id: str | None
    part_number: str | None
    status: str
    quantity: float | None
    unit_of_measure: str | None = None
    online_store_id: str | None = None
    physical_store_id: str | None = None
    availability_datetime: str | None = None

    @property
    def location(self) -> str:
        """`online` for the online store record, else the physical store id."""
        return self.physical_store_id or "online"

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AvailabilityRecord:
        quantity = raw.get("availableQuantity")
        return cls(
            product_id=_text(raw.get("productId")),
            part_number=_text(raw.get("partNumber")),
            status=str(raw.get("inventoryStatus", "")),
            quantity=float(quantity) if quantity not in (None, "") else None,
            unit_of_measure=_text(raw.get("unitOfMeasure")),
            online_store_id=_text(raw.get("onlineStoreId")),
            physical_store_id=_text(raw.get("physicalStoreId")),
            availability_datetime=_text(raw.get("availabilityDateTime")),
        )


@dataclass(frozen=True)
class AvailabilityAnswer(Answer):
    """The answer of an availability look-up with its records decoded."""

    records: tuple[AvailabilityRecord, ...] = ()

    @classmethod
    def from_response(cls, response: httpx.Response) -> AvailabilityAnswer:
        plain = Answer.from_response(response)
        raw = plain.get("InventoryAvailability") or []
        records = tuple(AvailabilityRecord.from_json(r) for r in raw if isinstance(r, Mapping))
        return cls(plain.status, plain.body, plain.headers, records)

    def record(self, item: str, location: str = "online") -> AvailabilityRecord:
        """The record of `item` (product id or part number) at `location` (`online` or a store id)."""
        for record in self.records:
            if item in (record.product_id, record.part_number) and record.location == location:
                return record
        raise DriverError(
            f"no availability record for {item} at {location}", status=self.status, body=self.body
        )


@dataclass(frozen=True)
class GuestIdentity:
    """A guest shopper (`POST guestidentity`): user id and the tokens every cart call carries."""

    user_id: str
    wc_token: str = ""
    wc_trusted_token: str = ""
    personalization_id: str = ""

    @classmethod
    def from_json(cls, body: Mapping[str, Any]) -> GuestIdentity:
        return cls(
            user_id=str(body.get("userId", "")),
            wc_token=str(body.get("WCToken", "")),
            wc_trusted_token=str(body.get("WCTrustedToken", "")),
            personalization_id=str(body.get("personalizationID", "")),
        )

    def headers(self) -> dict[str, str]:
        return {k: v for k, v in (("WCToken", self.wc_token), ("WCTrustedToken", self.wc_trusted_token)) if v}


@dataclass(frozen=True)
class BodExchange:
    """A BOD posted to a service and what came back: the decoded answer, or why it could not be decoded.

    Unpacks as `(status, document_or_error)`: `status, answer = driver.post_bod(...)`.
    """

    status: int
    body: bytes
    document: Document | None = None
    error: BodError | None = None
    content_type: str = ""

    def __iter__(self) -> Iterator[Any]:
        yield self.status
        yield self.document if self.document is not None else self.error

    @property
    def type_name(self) -> str | None:
        """The answer's BOD type (ConfirmBOD, ShowInventoryAvailability ...); None if it did not decode."""
        return self.document.type_name if self.document else None

    @property
    def bod(self) -> Any:
        return self.document.bod if self.document else None

    @property
    def change_status(self) -> Any:
        """The error form's ChangeStatus (reason code, reason, correlation code), None on success."""
        return getattr(self.bod, "change_status", None)

    @property
    def succeeded(self) -> bool:
        return self.document is not None and self.change_status is None and 200 <= self.status < 300


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
