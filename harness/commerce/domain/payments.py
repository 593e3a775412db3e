"""Payment instructions and the mock authorization PrimePayment performs at submit (flow step 6).

WCS keeps a cart's payment methods as payment instructions (PPCPAYINST). This server knows two kinds: cash
on delivery (COD, the store's default: a cart without an instruction pays by COD, so a minimal checkout
needs no payment call) and a mock credit card. The card authorization is a rule, not a processor:

- a card number ending in one of `DeclineRule.declined_suffixes` (default `0002`) is declined;
- otherwise a seeded random draw declines `decline_ratio` of the authorizations (default 0).

An approved card moves the order to C (payment authorization complete); COD to M (payment initiated: the
money is collected on delivery), facts section 4.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import StrEnum

from harness.commerce.domain.errors import InvalidParameter, MissingParameter
from harness.commerce.domain.order_errors import PaymentDeclined
from harness.commerce.domain.orders import OrderStatus

CARD_METHODS = frozenset({"VISA", "MASTERCARD", "AMEX"})
DEFAULT_METHOD = "COD"


class PaymentState(StrEnum):
    """PPCPAYINST state: new, approved, declined."""

    NEW = "N"
    APPROVED = "A"
    DECLINED = "D"


@dataclass(frozen=True)
class PaymentInstruction:
    """One payment method of a cart. Only the last four digits of a card number are kept."""

    method: str
    account_suffix: str | None = None
    amount: float | None = None
    instruction_id: int = 0
    state: PaymentState = PaymentState.NEW

    @property
    def is_card(self) -> bool:
        return self.method in CARD_METHODS

    @property
    def status_after_authorization(self) -> OrderStatus:
        return OrderStatus.PAYMENT_AUTHORIZED if self.is_card else OrderStatus.PAYMENT_INITIATED


def instruction_from_request(
    method: str | None, account: str | None, amount: str | None
) -> PaymentInstruction:
    """Validate `POST .../payment_instruction` fields: payMethodId, account (cards), piAmount."""
    if not method or not method.strip():
        raise MissingParameter.named("payMethodId")
    normalised = method.strip().upper().replace(" ", "")
    if normalised != DEFAULT_METHOD and normalised not in CARD_METHODS:
        raise InvalidParameter.named("payMethodId", method)
    suffix = None
    if normalised in CARD_METHODS:
        digits = "".join(ch for ch in (account or "") if ch.isdigit())
        if len(digits) < 12:
            raise InvalidParameter.named("account", account or "")
        suffix = digits[-4:]
    return PaymentInstruction(normalised, suffix, _amount(amount))


def _amount(value: str | None) -> float | None:
    if value in (None, ""):
        return None
    try:
        amount = float(value)
    except ValueError as exc:
        raise InvalidParameter.named("piAmount", value) from exc
    if amount < 0:
        raise InvalidParameter.named("piAmount", value)
    return amount


@dataclass
class DeclineRule:
    """Which card authorizations the mock processor declines; `seed` makes the random declines repeatable."""

    declined_suffixes: tuple[str, ...] = ("0002",)
    decline_ratio: float = 0.0
    seed: int = 0
    _random: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def authorize(self, instruction: PaymentInstruction, amount: float) -> PaymentInstruction:
        """The instruction approved, or PaymentDeclined. COD is always approved."""
        if not instruction.is_card:
            return PaymentInstruction(
                instruction.method, None, amount, instruction.instruction_id, PaymentState.APPROVED
            )
        if instruction.account_suffix and instruction.account_suffix.endswith(self.declined_suffixes):
            raise PaymentDeclined(
                f"The {instruction.method} card ending {instruction.account_suffix} was declined.",
                instruction.account_suffix,
            )
        if self.decline_ratio > 0 and self._random.random() < self.decline_ratio:
            raise PaymentDeclined(f"The {instruction.method} authorization was declined.", instruction.method)
        return PaymentInstruction(
            instruction.method,
            instruction.account_suffix,
            amount,
            instruction.instruction_id,
            PaymentState.APPROVED,
        )
