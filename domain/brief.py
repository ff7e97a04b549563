"""The handoff brief (`AgentAssistPortal`) and the call it is built from, exactly as seed 000 names them."""

from __future__ import annotations

from typing import Literal

import msgspec

Role = Literal["user", "assistant"]
SentimentLevel = Literal["calm", "slightly_frustrated", "frustrated", "angry", "escalated"]
Confidence = Literal["high", "medium", "low"]
MarkerType = Literal[
    "frustration",
    "identity_verified",
    "ai_commitment",
    "escalation_trigger",
    "key_info",
    "sentiment_shift",
]

SENTIMENT_LEVELS: tuple[SentimentLevel, ...] = (
    "calm",
    "slightly_frustrated",
    "frustrated",
    "angry",
    "escalated",
)
UNKNOWN_CALLER = "Unknown Caller"


class _Model(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """Base for brief values: immutable, and strict so the generated JSON schema forbids extra keys."""


class Sentiment(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    label: str
    level: SentimentLevel


class BriefHeader(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    caller_name: str
    phone_number: str
    call_duration_seconds: int | None
    sentiment: Sentiment


class InformationItem(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    key: str
    value: str
    # Added to the seed's {key, value}: the transcript turn the value was taken from.
    turn_index: int


class NextStep(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    action: str
    confidence: Confidence


class Marker(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    type: MarkerType
    description: str


class BriefTurn(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    role: Role
    content: str
    markers: list[Marker] = []


class ComplianceFlag(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    type: str
    description: str
    # Added to the seed's {type, description}: the turn that raised the flag; null when the flag is
    # about something that never happened (a disclosure that was never read).
    turn_index: int | None


class AgentAssistPortal(_Model, kw_only=True, frozen=True, forbid_unknown_fields=True):
    header: BriefHeader
    transfer_reason: str
    call_summary: list[str]
    information_collected: list[InformationItem]
    suggested_next_steps: list[NextStep]
    transcript: list[BriefTurn]
    compliance_flags: list[ComplianceFlag]


class Utterance(msgspec.Struct, kw_only=True, frozen=True):
    """One turn of the call as the analyzer sees it: who spoke and what they said."""

    role: Role
    content: str


class CallRecord(msgspec.Struct, kw_only=True, frozen=True):
    """Everything a brief is built from: the caller, what is known about the call, and its turns in order."""

    phone_number: str
    turns: list[Utterance]
    duration_seconds: int | None = None
    known_caller_name: str | None = None
    live: bool = False


class LlmCall(msgspec.Struct, kw_only=True, frozen=True):
    """One request to a language model: how it ended (ok, timeout, transport, status) and how long it took."""

    outcome: str
    seconds: float


class BriefResult(msgspec.Struct, kw_only=True, frozen=True):
    """A brief and what produced it: `offline`, `llm`, `hybrid`, or `fallback:<reason>` (the offline brief
    served because the model's answer could not be used), with the model call and the dropped items."""

    brief: AgentAssistPortal
    analyzer: str
    llm_call: LlmCall | None = None
    # Items of the model's answer that failed grounding, by kind (information, marker, summary, ...).
    dropped: dict[str, int] = {}
