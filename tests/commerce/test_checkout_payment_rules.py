"""Payment instructions and the mock authorization rule (PrimePayment)."""

from __future__ import annotations

import pytest

from harness.commerce.domain.errors import InvalidParameter, MissingParameter
from harness.commerce.domain.order_errors import PaymentDeclined
from harness.commerce.domain.orders import OrderStatus
from harness.commerce.domain.payments import DeclineRule, PaymentState, instruction_from_request


def test_a_card_keeps_only_the_last_four_digits() -> None:
    card = instruction_from_request("VISA", "4111 1111 1111 1111", None)
    assert card.account_suffix == "1111"
    assert card.is_card


def test_a_card_without_a_number_is_refused() -> None:
    with pytest.raises(InvalidParameter):
        instruction_from_request("VISA", "", None)


def test_an_unknown_payment_method_is_refused() -> None:
    with pytest.raises(InvalidParameter):
        instruction_from_request("Bitcoin", None, None)


def test_the_payment_method_is_required() -> None:
    with pytest.raises(MissingParameter):
        instruction_from_request(None, None, None)


def test_a_card_ending_0002_is_declined() -> None:
    with pytest.raises(PaymentDeclined):
        DeclineRule().authorize(instruction_from_request("VISA", "4000000000000002", None), 10.0)


def test_an_approved_card_completes_the_authorization() -> None:
    approved = DeclineRule().authorize(instruction_from_request("VISA", "4111111111111111", None), 10.0)
    assert approved.state is PaymentState.APPROVED
    assert approved.amount == 10.0
    assert approved.status_after_authorization is OrderStatus.PAYMENT_AUTHORIZED


def test_cash_on_delivery_is_approved_and_leaves_the_payment_initiated() -> None:
    approved = DeclineRule(decline_ratio=1.0).authorize(instruction_from_request("cod", None, None), 5.0)
    assert approved.state is PaymentState.APPROVED
    assert approved.status_after_authorization is OrderStatus.PAYMENT_INITIATED


def test_random_declines_repeat_with_the_same_seed() -> None:
    card = instruction_from_request("VISA", "4111111111111111", None)

    def outcomes(seed: int) -> list[bool]:
        rule = DeclineRule(decline_ratio=0.5, seed=seed)
        results = []
        for _ in range(20):
            try:
                rule.authorize(card, 1.0)
                results.append(True)
            except PaymentDeclined:
                results.append(False)
        return results

    assert outcomes(7) == outcomes(7)
    assert True in outcomes(7)
    assert False in outcomes(7)
