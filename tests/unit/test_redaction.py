"""Cardholder data and secrets never reach the brief in full."""

from __future__ import annotations

import pytest

from domain.analysis import build_brief
from domain.brief import CallRecord, Utterance
from domain.redaction import redact_brief, redact_text

pytestmark = pytest.mark.unit


def test_card_numbers_keep_only_their_last_four_digits() -> None:
    assert redact_text("my card is 4111 1111 1111 1111 ok") == "my card is •••• 1111 ok"
    assert redact_text("5500-0000-0000-0004") == "•••• 0004"
    # not a card number: fails the Luhn check (an order or tracking number keeps its digits)
    assert redact_text("tracking 1234567890123456") == "tracking 1234567890123456"
    assert redact_text("SSN 123-45-6789") == "SSN •••-••-6789"
    assert redact_text("account 88123-4471") == "account 88123-4471"


def test_the_shortest_card_and_an_ssn_in_one_turn_are_both_masked() -> None:
    # 13 digits is the shortest card number; the digit count that gates the patterns must not skip it.
    said = "Card 4222222222222, and my social is 078-05-1120."
    assert redact_text(said) == "Card •••• 2222, and my social is •••-••-1120."
    assert redact_text("call me at 415-555-0142") == "call me at 415-555-0142"


def test_the_brief_masks_the_card_everywhere_but_still_flags_it() -> None:
    call = CallRecord(
        phone_number="+15551230000",
        turns=[
            Utterance(
                role="assistant", content="Thanks for calling, this call may be recorded. How can I help?"
            ),
            Utterance(
                role="user", content="I want to pay my bill with card 4111 1111 1111 1111, my PIN is 4321."
            ),
        ],
    )
    brief = redact_brief(build_brief(call))
    text = str(brief)
    assert "4111 1111 1111 1111" not in text
    assert "•••• 1111" in brief.transcript[1].content
    assert any(f.type == "sensitive_data_before_verification" for f in brief.compliance_flags)
    values = {item.key: item.value for item in brief.information_collected}
    if "card_number" in values:
        assert values["card_number"] == "•••• 1111"
    if "pin" in values:
        assert values["pin"] == "[withheld]"


def test_gift_and_health_card_numbers_keep_only_their_last_four_digits() -> None:
    call = CallRecord(
        phone_number="+15551230000",
        turns=[
            Utterance(role="assistant", content="Hello, this call may be recorded. How can I help?"),
            Utterance(role="user", content="What's left on my gift card? It's 6011 2200 7733 5518."),
            Utterance(role="assistant", content="And for the prescription, your health card number?"),
            Utterance(role="user", content="My health card number is 4471 332 908."),
        ],
    )
    values = {item.key: item.value for item in redact_brief(build_brief(call)).information_collected}
    assert values["gift_card_number"] == "•••• 5518"
    assert values["health_card_number"] == "•••• 2908"
