"""Compliance checks on a call; flag types are stable snake_case strings listed in FLAG_TYPES.

Flag types:
- ``sensitive_data_before_verification``: the caller shared a card number, SSN, password/PIN, account
  number or date of birth before any identity verification was confirmed on the call.
- ``unfulfillable_promise``: the AI agent promised something it cannot guarantee (a guarantee, "definitely",
  a specific turnaround such as "within 24 hours").
- ``missing_disclosure``: a required disclosure (by default, that the call may be recorded) was never read
  by the AI agent; ``turn_index`` is null because the flag is about something that did not happen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain.analysis._text import clip, lower
from domain.analysis.entities import SENSITIVE_KEYS, Entity
from domain.analysis.markers import Hit
from domain.brief import ComplianceFlag

SENSITIVE_DATA_BEFORE_VERIFICATION = "sensitive_data_before_verification"
UNFULFILLABLE_PROMISE = "unfulfillable_promise"
MISSING_DISCLOSURE = "missing_disclosure"
FLAG_TYPES: tuple[str, ...] = (SENSITIVE_DATA_BEFORE_VERIFICATION, UNFULFILLABLE_PROMISE, MISSING_DISCLOSURE)


@dataclass(frozen=True, slots=True)
class RequiredDisclosure:
    """A statement the AI agent must make on every call; `pattern` is searched in the agent's turns after
    ASCII lower-casing, so write it in lower case."""

    name: str
    pattern: re.Pattern[str]


RECORDING_DISCLOSURE = RequiredDisclosure(
    name="call recording disclosure",
    pattern=re.compile(
        r"\b(?:call|conversation|line)s?\s+(?:may|might|will|is|are|could)\s+(?:be\s+)?(?:being\s+)?"
        r"(?:recorded|monitored)|\brecorded\s+(?:for|and\s+monitored)|\b(?:we|i)\s+(?:may\s+)?(?:record|are\s+recording)"
        r"\s+(?:this|the|our)\s+(?:call|conversation)|\brecording\s+(?:this|the)\s+(?:call|conversation)",
        0,
    ),
)
DEFAULT_REQUIRED_DISCLOSURES: tuple[RequiredDisclosure, ...] = (RECORDING_DISCLOSURE,)

_SENSITIVE_LABELS = {
    "card_number": "a payment card number",
    "ssn": "a social security number",
    "password": "a password",
    "pin": "a PIN",
    "account_number": "an account number",
    "date_of_birth": "a date of birth",
    "security_answer": "a security answer",
}
_SENSITIVE_MENTION = re.compile(
    r"\b(?:my\s+(?:password|pin|passcode|social\s+security(?:\s+number)?|ssn)\s+is|(?:card|credit\s+card|debit\s+card)"
    r"\s+number\s+is|security\s+(?:code|answer)\s+is|cvv\s+is)\b",
    0,
)
_SENSITIVE_GATE = ("password", "pin", "passcode", "social", "ssn", "card", "security", "cvv")


def check(
    turns: Sequence[tuple[str, str]],
    entities: list[Entity],
    verified_at: int | None,
    promises: list[Hit],
    required: tuple[RequiredDisclosure, ...],
    lows: Sequence[str] | None = None,
) -> list[ComplianceFlag]:
    """The compliance flags of a call; `lows` are the turns already ASCII-lowered, when the caller has them."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    flags: list[ComplianceFlag] = []
    limit = verified_at if verified_at is not None else len(turns)
    flagged_turns: set[int] = set()
    for e in entities:
        if e.key in SENSITIVE_KEYS and e.turn_index < limit and e.turn_index not in flagged_turns:
            flagged_turns.add(e.turn_index)
            flags.append(
                ComplianceFlag(
                    type=SENSITIVE_DATA_BEFORE_VERIFICATION,
                    description=f"Caller shared {_SENSITIVE_LABELS[e.key]} at turn {e.turn_index} before identity "
                    "verification was confirmed.",
                    turn_index=e.turn_index,
                )
            )
    for i, (role, _) in enumerate(turns[:limit]):
        if (
            role == "user"
            and i not in flagged_turns
            and any(k in lows[i] for k in _SENSITIVE_GATE)
            and _SENSITIVE_MENTION.search(lows[i])
        ):
            flagged_turns.add(i)
            flags.append(
                ComplianceFlag(
                    type=SENSITIVE_DATA_BEFORE_VERIFICATION,
                    description=f"Caller disclosed credentials at turn {i} before identity verification was confirmed.",
                    turn_index=i,
                )
            )
    for hit in promises:
        flags.append(
            ComplianceFlag(
                type=UNFULFILLABLE_PROMISE,
                description=f'AI agent made a promise that may not be fulfillable: "{clip(hit.sentence, 120)}"',
                turn_index=hit.turn_index,
            )
        )
    for disclosure in required:
        if not any(
            role == "assistant" and disclosure.pattern.search(lows[i]) for i, (role, _) in enumerate(turns)
        ):
            flags.append(
                ComplianceFlag(
                    type=MISSING_DISCLOSURE,
                    description=f"Required {disclosure.name} was never given by the AI agent.",
                    turn_index=None,
                )
            )
    flags.sort(key=lambda f: (f.turn_index if f.turn_index is not None else len(turns), f.type))
    return flags
