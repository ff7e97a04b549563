"""Caller ids normalize to E.164 so every spelling finds the same caller."""

from __future__ import annotations

import pytest

from domain.errors import InvalidInput
from domain.phone import caller_id, normalize_phone

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "spelling",
    ["+15551234567", "+1 (555) 123-4567", "555-123-4567", "1 555 123 4567", "(555)1234567", " 555.123.4567 "],
)
def test_us_spellings(spelling: str) -> None:
    assert normalize_phone(spelling) == "+15551234567"


def test_other_regions_keep_their_country_code() -> None:
    assert normalize_phone("+44 20 7183 8750") == "+442071838750"
    assert normalize_phone("020 7183 8750", "GB") == "+442071838750"


@pytest.mark.parametrize("bad", ["", "   ", "hello", "12", "+1 555", "+999 1234567", "1" * 45])
def test_not_phone_numbers(bad: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_phone(bad)


def test_telephony_requires_a_number_but_web_chat_keeps_its_id() -> None:
    with pytest.raises(InvalidInput):
        caller_id("visitor-42", "telephone")
    assert caller_id("visitor-42", "webrtc") == "visitor-42"
    assert caller_id("(555) 123-4567", "text") == "+15551234567"
