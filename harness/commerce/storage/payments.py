"""PPCPAYINST: the payment instructions of a cart (WCS Payments, flow step 5) and their authorization."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    Row,
    String,
    Table,
    bindparam,
    delete,
    insert,
    select,
    update,
)

from harness.commerce.domain.payments import PaymentInstruction, PaymentState
from harness.commerce.storage.metadata import EpochSeconds, metadata

PPCPAYINST = Table(
    "PPCPAYINST",
    metadata,
    Column("PPCPAYINST_ID", Integer, primary_key=True, autoincrement=False),
    Column(
        "ORDERS_ID", Integer, ForeignKey("ORDERS.ORDERS_ID", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("PAYMETHOD", String(64), nullable=False),
    Column("ACCOUNTSUFFIX", String(4), nullable=True),
    Column("AMOUNT", Float, nullable=True),
    Column("STATE", String(1), nullable=False),
    Column("REASON", String(254), nullable=True),
    Column("LASTUPDATE", EpochSeconds, nullable=False),
)


# Built once; values are bound per call.
_ADD = insert(PPCPAYINST)
_OF_ORDER = (
    select(PPCPAYINST)
    .where(bindparam("order_id") == PPCPAYINST.c.ORDERS_ID)
    .order_by(PPCPAYINST.c.PPCPAYINST_ID)
)
_RECORD = update(PPCPAYINST).where(bindparam("instruction_id") == PPCPAYINST.c.PPCPAYINST_ID)
_REMOVE_ALL = delete(PPCPAYINST).where(bindparam("order_id") == PPCPAYINST.c.ORDERS_ID)


class PaymentRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, order_id: int, instruction: PaymentInstruction, now: float) -> None:
        self._connection.execute(
            _ADD,
            {
                "PPCPAYINST_ID": instruction.instruction_id,
                "ORDERS_ID": order_id,
                "PAYMETHOD": instruction.method,
                "ACCOUNTSUFFIX": instruction.account_suffix,
                "AMOUNT": instruction.amount,
                "STATE": instruction.state.value,
                "LASTUPDATE": now,
            },
        )

    def of_order(self, order_id: int) -> list[PaymentInstruction]:
        rows = self._connection.execute(_OF_ORDER, {"order_id": order_id}).all()
        return [_instruction(row) for row in rows]

    def record(self, instruction: PaymentInstruction, now: float, reason: str | None = None) -> None:
        """Store the outcome of an authorization (state, amount authorized, decline reason)."""
        self._connection.execute(
            _RECORD,
            {
                "instruction_id": instruction.instruction_id,
                "STATE": instruction.state.value,
                "AMOUNT": instruction.amount,
                "REASON": reason,
                "LASTUPDATE": now,
            },
        )

    def remove_all(self, order_id: int) -> None:
        self._connection.execute(_REMOVE_ALL, {"order_id": order_id})


def _instruction(row: Row[Any]) -> PaymentInstruction:
    return PaymentInstruction(
        row.PAYMETHOD, row.ACCOUNTSUFFIX, row.AMOUNT, row.PPCPAYINST_ID, PaymentState(row.STATE)
    )
