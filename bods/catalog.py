"""What the contract covers: every BOD type with its namespace, action codes, direction and answer.

Used by `domh bod types` and by documentation; the codec itself dispatches on root elements.
"""

from __future__ import annotations

from dataclasses import dataclass

from bods import ns
from bods.messages import CacheAction, OrderAction, RequirementAction


@dataclass(frozen=True)
class BodType:
    name: str
    namespace: str
    action_codes: tuple[str, ...]
    direction: str
    answer: str
    service: str


def _codes(enum: type) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


BOD_TYPES: tuple[BodType, ...] = (
    BodType(
        "SyncProductAvailability",
        ns.INV,
        _codes(CacheAction),
        "DOM/OMS -> commerce",
        "ConfirmBOD (legacy)",
        "InventoryServices",
    ),
    BodType(
        "GetInventoryAvailability", ns.INV9, (), "commerce -> DOM", "ShowInventoryAvailability", "inventory"
    ),
    BodType("ShowInventoryAvailability", ns.INV9, (), "DOM -> commerce", "-", "inventory"),
    BodType(
        "SyncInventoryAvailability",
        ns.INV9,
        ("Change",),
        "DOM -> commerce",
        "ConfirmBOD (DOM)",
        "InventoryServices",
    ),
    BodType(
        "ProcessInventoryRequirement",
        ns.INV9,
        _codes(RequirementAction),
        "commerce -> DOM",
        "AcknowledgeInventoryRequirement",
        "inventory",
    ),
    BodType("AcknowledgeInventoryRequirement", ns.INV9, (), "DOM -> commerce", "-", "inventory"),
    BodType(
        "ProcessOrder",
        ns.ORD9,
        _codes(OrderAction),
        "commerce -> DOM (Cancel: DOM -> commerce)",
        "AcknowledgeOrder",
        "order / OrderServices",
    ),
    BodType("AcknowledgeOrder", ns.ORD9, (), "DOM -> commerce", "-", "order"),
    BodType("SyncOrder", ns.ORD9, ("Change",), "DOM -> commerce", "ConfirmBOD (DOM)", "OrderServices"),
    BodType("ConfirmBOD", ns.OA, (), "answer to Sync*", "-", "InventoryServices / OrderServices"),
)
