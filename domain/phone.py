"""Caller ids: phone numbers normalized to E.164 so every spelling of one number finds the same caller."""

from __future__ import annotations

import phonenumbers

from domain.errors import InvalidInput


def normalize_phone(raw: str, default_region: str = "US") -> str:
    """Return `raw` in E.164 (`+15551234567`), or raise InvalidInput saying why it is not a phone number."""
    text = raw.strip()
    if not text:
        raise InvalidInput("phone number is empty")
    if len(text) > 40:
        raise InvalidInput("phone number is too long")
    try:
        parsed = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidInput(f"{raw!r} is not a phone number: {exc._msg}") from None
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidInput(f"{raw!r} is not a possible phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def caller_id(raw: str, channel: str, default_region: str = "US") -> str:
    """The stored user_id: E.164 for telephony; other channels keep their own identifier unless it is a number."""
    if channel == "telephone":
        return normalize_phone(raw, default_region)
    try:
        return normalize_phone(raw, default_region)
    except InvalidInput:
        if not raw.strip():
            raise InvalidInput("user_id is empty") from None
        return raw.strip()
