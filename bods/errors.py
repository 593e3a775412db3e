"""The BOD error family: every way an inbound document can be refused, with the reason code the wire needs.

Servers turn a `BodError` into the documented error form (a ConfirmBOD / Acknowledge* with
ResponseCriteria/ChangeStatus, or a SOAP fault when the envelope itself is broken) without knowing which
subclass it is: `reason_code` and `reason` are all they need.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    """One schema violation: where (line, path) and which rule."""

    message: str
    line: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "line ?"
        return f"{where}: {self.path or '/'}: {self.message}"


class BodError(Exception):
    """Base of all BOD errors. `reason_code` follows the WCS `<messageKey>.<errorCode>` convention."""

    reason_code = "_ERR_BOD_INVALID.-1"

    def __init__(self, reason: str, *, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.diagnostics = diagnostics


class BodTooLarge(BodError):
    reason_code = "_ERR_BOD_TOO_LARGE.-1"


class BodSyntaxError(BodError):
    """Not well-formed XML (or not XML at all)."""

    reason_code = "_ERR_BOD_MALFORMED.-1"


class BodHostile(BodError):
    """DTDs, entity declarations or external references: refused before anything is expanded or fetched."""

    reason_code = "_ERR_BOD_FORBIDDEN_CONSTRUCT.-1"


class SoapError(BodError):
    """The SOAP envelope itself is broken (wrong namespace, no Body, several payloads)."""

    reason_code = "_ERR_SOAP_ENVELOPE.-1"


class UnknownBod(BodError):
    """Well-formed XML whose root element is not a BOD this project knows."""

    reason_code = "_ERR_BOD_UNKNOWN_TYPE.-1"


class BodInvalid(BodError):
    """Schema-invalid: `diagnostics` says which element broke which rule."""

    reason_code = "_ERR_BOD_SCHEMA_INVALID.-1"


class MissingParameter(BodInvalid):
    """A required command parameter is absent: the documented `_ERR_CMD_MISSING_PARAM.-1` answer."""

    reason_code = "_ERR_CMD_MISSING_PARAM.-1"


class BadExpression(BodError):
    """A GetInventoryAvailability expression that none of the documented variants matches."""

    reason_code = "_ERR_GET_EXPRESSION_INVALID.-1"
