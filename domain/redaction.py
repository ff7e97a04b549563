"""What the brief never shows in full: payment, gift and health card numbers, social security numbers, passwords
and PINs.

The human agent reading the brief needs to know that a card number was given, not the number; showing
it would put cardholder data on every screen the brief reaches. Stored transcripts keep what was said.
"""

from __future__ import annotations

import re

import msgspec

from domain.brief import AgentAssistPortal, BriefTurn, InformationItem

# 13-19 digits, optionally grouped by spaces or dashes, as card numbers are read out.
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
_DIGIT_RUN = re.compile(r"\d+")
# Values withheld entirely: there is nothing the agent should read back.
_WITHHELD_KEYS = frozenset({"password", "pin", "cvv", "security_answer"})
# A gift card's number spends its balance and a health card's number is a health identifier: like a payment
# card's, the agent needs only to know which one it is.
_LAST_FOUR_KEYS = frozenset({"card_number", "ssn", "gift_card_number", "health_card_number"})


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _mask_card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group())
    return f"•••• {digits[-4:]}" if _luhn(digits) else match.group()


def redact_text(text: str) -> str:
    # Most turns have no digits or only a few: counting them (one scan in C) skips the patterns that cannot
    # match, which each try every position of the text.
    digits = sum(map(len, _DIGIT_RUN.findall(text)))
    if digits >= 13:
        text = _CARD.sub(_mask_card, text)
    if digits >= 9 and "-" in text:
        text = _SSN.sub(lambda m: f"•••-••-{m.group()[-4:]}", text)
    return text


def _redact_item(item: InformationItem) -> InformationItem:
    if item.key in _WITHHELD_KEYS:
        return msgspec.structs.replace(item, value="[withheld]")
    if item.key in _LAST_FOUR_KEYS:
        digits = re.sub(r"\D", "", item.value)
        return msgspec.structs.replace(item, value=f"•••• {digits[-4:]}" if len(digits) > 4 else item.value)
    value = redact_text(item.value)
    return item if value == item.value else msgspec.structs.replace(item, value=value)


def _redact_turn(turn: BriefTurn) -> BriefTurn:
    content = redact_text(turn.content)
    return turn if content == turn.content else msgspec.structs.replace(turn, content=content)


def redact_brief(brief: AgentAssistPortal) -> AgentAssistPortal:
    """The brief with card numbers and SSNs cut to their last four digits, passwords and PINs withheld."""
    return msgspec.structs.replace(
        brief,
        call_summary=[redact_text(point) for point in brief.call_summary],
        transfer_reason=redact_text(brief.transfer_reason),
        information_collected=[_redact_item(item) for item in brief.information_collected],
        transcript=[_redact_turn(turn) for turn in brief.transcript],
    )
