"""ConfirmBOD: the answer of the Sync* services, in its two documented forms (facts sections 1 and 2).

LEGACY (inventory cache update service, ConfirmBOD1): plain ApplicationArea, an empty `oa:Confirm`, and
`oa:BOD/oa:OriginalApplicationArea` echoing the request's CreationDateTime and BODID.
DOM (SyncInventoryAvailability_res, UpdateOrderStatus_Res): typed ApplicationArea, `oa:Confirm` holding an
OriginalApplicationArea echo as well, and the BOD echo carrying the request's BusinessContext.
Failure (both): `oa:Confirm/oa:ResponseCriteria/oa:ChangeStatus` plus
`oa:BOD/oa:BODFailureMessage/oa:ErrorProcessMessage` with the same correlation id as ID and the text.
"""

from __future__ import annotations

from lxml import etree

from bods import ns
from bods.families.common import (
    APPLICATION_AREA,
    BODID,
    CONFIRM,
    CREATION_DATETIME,
    ORIGINAL_APPLICATION_AREA,
    XSI_TYPE,
    Shape,
    bod_root,
    build,
    check_buildable,
    decode_application_area,
    decode_change_status,
    encode_application_area,
    encode_change_status,
    encode_original,
    first,
    oa,
    sub,
)
from bods.messages import ApplicationArea, ChangeStatus, ConfirmBOD, Family

ROOT = oa("ConfirmBOD")
DATA_AREA = oa("DataArea")
BOD = oa("BOD")
SUCCESS = oa("BODSuccessMessage")
FAILURE = oa("BODFailureMessage")
ERROR_MESSAGE = oa("ErrorProcessMessage")
ID = oa("ID")
DESCRIPTION = oa("Description")
REASON_CODE = oa("ReasonCode")


_ROOT = Shape(APPLICATION_AREA, DATA_AREA)
_DATA_AREA = Shape(CONFIRM, BOD)
_FAILURE = Shape(ID, REASON_CODE, DESCRIPTION, texts=(ID, REASON_CODE, DESCRIPTION))


def decode(root: etree._Element) -> ConfirmBOD:
    area, data_area = _ROOT.read(root)
    confirm, bod = _DATA_AREA.read(data_area)
    echoed = first(confirm, ORIGINAL_APPLICATION_AREA)
    original = first(bod, ORIGINAL_APPLICATION_AREA)
    if original is None:
        original = echoed
    return build(
        ConfirmBOD,
        {
            "application_area": decode_application_area(area),
            "original": decode_application_area(original) if original is not None else None,
            "change_status": decode_change_status(confirm) or _failure(bod),
            "family": Family.DOM if echoed is not None or _typed_dom(area) else Family.LEGACY,
        },
    )


def _typed_dom(area: etree._Element | None) -> bool:
    """True when the ApplicationArea is typed `ApplicationAreaType` of the versioned foundation namespace."""
    value = area.get(XSI_TYPE) if area is not None else None
    if not value:
        return False
    prefix, _, _ = value.strip().rpartition(":")
    return area.nsmap.get(prefix or None) == ns.WCF9  # type: ignore[union-attr]


def _failure(bod: etree._Element | None) -> ChangeStatus | None:
    message = first(first(bod, FAILURE), ERROR_MESSAGE)
    if message is None:
        return None
    code, reason_code, reason = _FAILURE.read(message)
    return build(ChangeStatus, {"code": code or "", "reason_code": reason_code or "", "reason": reason or ""})


check_buildable(ConfirmBOD, ChangeStatus)


def encode(bod: ConfirmBOD) -> etree._Element:
    legacy = Family(bod.family) is Family.LEGACY
    context_ns = ns.WCF if legacy else ns.WCF9
    root = bod_root(ROOT, _nsmap(bod, legacy))
    if legacy:
        typed = "wcf:ApplicationAreaType" if bod.application_area.context else None
        encode_application_area(root, bod.application_area, context_ns=ns.WCF, xsi_type=typed)
    else:
        encode_application_area(root, bod.application_area)
    data_area = sub(root, DATA_AREA)
    confirm = sub(data_area, CONFIRM)
    if not legacy and bod.original is not None:
        _echo(confirm, bod.original)
    encode_change_status(confirm, bod.change_status)
    result = sub(data_area, BOD)
    encode_original(result, bod.original, context_ns=context_ns)
    if bod.change_status is None:
        sub(result, SUCCESS)
    else:
        message = sub(sub(result, FAILURE), ERROR_MESSAGE)
        sub(message, ID, bod.change_status.code)
        sub(message, DESCRIPTION, bod.change_status.reason)
    return root


def _nsmap(bod: ConfirmBOD, legacy: bool) -> dict[str, str]:
    if not legacy:
        return ns.DOM_CONFIRM_NSMAP
    has_context = bool(bod.application_area.context or (bod.original is not None and bod.original.context))
    return {**ns.LEGACY_CONFIRM_NSMAP, "wcf": ns.WCF} if has_context else ns.LEGACY_CONFIRM_NSMAP


def _echo(confirm: etree._Element, original: ApplicationArea) -> None:
    """DOM repeats the request's CreationDateTime and BODID inside oa:Confirm."""
    echo = sub(confirm, ORIGINAL_APPLICATION_AREA)
    if original.creation_datetime is not None:
        sub(echo, CREATION_DATETIME, original.creation_datetime)
    if original.bodid is not None:
        sub(echo, BODID, original.bodid)
