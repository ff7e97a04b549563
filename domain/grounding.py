"""Grounding: which parts of a language model's brief may be shown, checked against the call's own words.

Nothing the model says is trusted. A collected value must be written in the transcript (compared after
normalising: lower-case, letters and digits only; a number by its digits); a marker must sit on an
existing turn of the right speaker; enums and list sizes must hold; a number of three or more digits in
free text must be one the call contains. What fails is dropped and counted by field. When too little
is left, the caller serves the offline brief instead (`fallback:ungrounded`).
"""

from __future__ import annotations

import re

from domain.analysis._text import alnum_key
from domain.analysis.sentiment import LABELS
from domain.brief import (
    AgentAssistPortal,
    BriefHeader,
    BriefTurn,
    CallRecord,
    InformationItem,
    Marker,
    MarkerType,
    NextStep,
    Role,
    Sentiment,
)
from domain.llm_brief import MAX_INFORMATION, MAX_MARKERS, DraftBrief, DraftNarrative

# Which speaker each marker type may sit on (seed 000's meanings: the caller shows frustration, the AI
# agent verifies identity or commits to something; an escalation can be set off by either).
MARKER_ROLES: dict[MarkerType, frozenset[Role]] = {
    "frustration": frozenset({"user"}),
    "key_info": frozenset({"user"}),
    "sentiment_shift": frozenset({"user"}),
    "identity_verified": frozenset({"assistant"}),
    "ai_commitment": frozenset({"assistant"}),
    "escalation_trigger": frozenset({"user", "assistant"}),
}
MAX_TEXT_CHARS = 300
MAX_MARKERS_PER_TURN = 3
MAX_KEY_CHARS = 40
# A free-text number this long must be in the call; shorter ones (counts, "3 points") are not facts.
CHECKED_NUMBER_DIGITS = 3
# A collected number this short must equal a number of the turn, not just sit inside a longer one.
SHORT_NUMBER_DIGITS = 4

_NUMBER = re.compile(r"\d+(?:[ .,\-/]\d+)*")
_NOT_DIGIT = re.compile(r"\D+")


def normalize(text: str) -> str:
    """Lower-case letters and digits only: "Order #55-123" → "order55123"."""
    return alnum_key(text)


def digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


class _Turns:
    """The call's turns, normalised once for every lookup."""

    def __init__(self, call: CallRecord) -> None:
        self.roles: list[Role] = [u.role for u in call.turns]
        self.text = [normalize(u.content) for u in call.turns]
        self.numbers = [[digits(m) for m in _NUMBER.findall(u.content)] for u in call.turns]
        self.known_name = normalize(call.known_caller_name or "")

    def __len__(self) -> int:
        return len(self.roles)

    def contains(self, i: int, value: str) -> bool:
        norm = normalize(value)
        if not norm:
            return False
        if norm.isdigit():
            if len(norm) < SHORT_NUMBER_DIGITS:
                return norm in self.numbers[i]
            return any(norm in number for number in self.numbers[i])
        return norm in self.text[i]

    def locate(self, value: str, cited: int) -> int | None:
        """The turn that contains `value`: the cited one when it does, else the first that does."""
        if 0 <= cited < len(self) and self.contains(cited, value):
            return cited
        return next((i for i in range(len(self)) if self.contains(i, value)), None)

    def text_ok(self, text: str) -> bool:
        """Free text: present, not too long, and every number of three digits or more is in the call."""
        stripped = text.strip()
        if not stripped or len(stripped) > MAX_TEXT_CHARS or not any(c.isalpha() for c in stripped):
            return False
        for found in _NUMBER.findall(stripped):
            number = digits(found)
            if len(number) >= CHECKED_NUMBER_DIGITS and not any(
                number in n for turn in self.numbers for n in turn
            ):
                return False
        return True


class _Tally:
    def __init__(self, initial: dict[str, int]) -> None:
        self.dropped = dict(initial)

    def drop(self, kind: str, count: int = 1) -> None:
        if count > 0:
            self.dropped[kind] = self.dropped.get(kind, 0) + count


def _texts(turns: _Turns, items: list[str], limit: int, kind: str, tally: _Tally) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    for item in items:
        if not turns.text_ok(item):
            tally.drop(kind)
        elif normalize(item) not in seen:
            seen.add(normalize(item))
            kept.append(" ".join(item.split()))
    tally.drop(kind, len(kept) - limit)
    return kept[:limit]


def _steps(turns: _Turns, draft: DraftBrief | DraftNarrative, tally: _Tally) -> list[NextStep]:
    actions = _texts(turns, [s.action for s in draft.suggested_next_steps], 3, "suggested_next_steps", tally)
    confidence = {" ".join(s.action.split()): s.confidence for s in draft.suggested_next_steps}
    return [NextStep(action=a, confidence=confidence[a]) for a in actions]


def _information(turns: _Turns, draft: DraftBrief, tally: _Tally) -> list[InformationItem]:
    kept: list[InformationItem] = []
    seen: set[str] = set()
    for item in draft.information_collected:
        key = "_".join(item.key.lower().split())[:MAX_KEY_CHARS]
        # The cited turn must exist; a value found in another turn than cited is re-pointed there.
        cited = 0 <= item.turn_index < len(turns)
        at = turns.locate(item.value, item.turn_index) if cited and normalize(key) else None
        if at is None:
            tally.drop("information_collected")
            continue
        if normalize(item.value) in seen:
            continue  # a repeat, not an invention
        seen.add(normalize(item.value))
        kept.append(InformationItem(key=key, value=item.value.strip(), turn_index=at))
    tally.drop("information_collected", len(kept) - MAX_INFORMATION)
    return kept[:MAX_INFORMATION]


def _markers(turns: _Turns, draft: DraftBrief, tally: _Tally) -> tuple[list[list[Marker]], int]:
    marks: list[list[Marker]] = [[] for _ in range(len(turns))]
    kept = 0
    for m in draft.markers:
        if not (
            0 <= m.turn_index < len(turns)
            and turns.roles[m.turn_index] in MARKER_ROLES[m.type]
            and turns.text_ok(m.description)
            and kept < MAX_MARKERS
        ):
            tally.drop("markers")
            continue
        here = marks[m.turn_index]
        if any(existing.type == m.type for existing in here) or len(here) >= MAX_MARKERS_PER_TURN:
            continue
        here.append(Marker(type=m.type, description=" ".join(m.description.split())))
        kept += 1
    return marks, kept


def _caller_name(turns: _Turns, call: CallRecord, draft: DraftBrief, offline: str, tally: _Tally) -> str:
    if call.known_caller_name and call.known_caller_name.strip():
        return offline  # what the platform told us wins, as in the offline brief
    name = (draft.caller_name or "").strip()
    if not name:
        return offline
    if any(turns.roles[i] == "user" and turns.contains(i, name) for i in range(len(turns))):
        return " ".join(name.split())
    tally.drop("caller_name")
    return offline


def ground_brief(
    call: CallRecord, draft: DraftBrief, offline: AgentAssistPortal, dropped: dict[str, int] | None = None
) -> tuple[AgentAssistPortal | None, dict[str, int]]:
    """Mode `llm`: the model's brief with every ungrounded item dropped, and the counts by field; None
    when too little is left (no reason, under 3 summary points, no next step, or more of its collected
    values and markers dropped than kept: a model inventing that much is not trusted for the rest).
    Phone number, duration and compliance flags are never the model's: they come from the call and the
    offline checks."""
    turns = _Turns(call)
    tally = _Tally(dropped or {})
    information = _information(turns, draft, tally)
    marks, marker_count = _markers(turns, draft, tally)
    reason = _texts(turns, [draft.transfer_reason], 1, "transfer_reason", tally)
    summary = _texts(turns, draft.call_summary, 5, "call_summary", tally)
    steps = _steps(turns, draft, tally)
    caller_name = _caller_name(turns, call, draft, offline.header.caller_name, tally)
    level = draft.sentiment or offline.header.sentiment.level

    checked_dropped = tally.dropped.get("information_collected", 0) + tally.dropped.get("markers", 0)
    if not reason or len(summary) < 3 or not steps or checked_dropped > len(information) + marker_count:
        return None, tally.dropped
    brief = AgentAssistPortal(
        header=BriefHeader(
            caller_name=caller_name,
            phone_number=call.phone_number,
            call_duration_seconds=call.duration_seconds,
            # (the offline label at the offline level: it may add what the level cannot say, "... and distressed")
            sentiment=offline.header.sentiment
            if level == offline.header.sentiment.level
            else Sentiment(label=LABELS[level], level=level),
        ),
        transfer_reason=reason[0],
        call_summary=summary,
        information_collected=information,
        suggested_next_steps=steps,
        transcript=[
            BriefTurn(role=u.role, content=u.content, markers=marks[i]) for i, u in enumerate(call.turns)
        ],
        compliance_flags=offline.compliance_flags,
    )
    return brief, tally.dropped


def ground_narrative(
    call: CallRecord, draft: DraftNarrative, offline: AgentAssistPortal, dropped: dict[str, int] | None = None
) -> tuple[AgentAssistPortal | None, dict[str, int]]:
    """Mode `hybrid`: the offline brief with the model's transfer reason, summary and next steps, each
    taken only when it passes (else the offline one stays); None when none of the three passes."""
    turns = _Turns(call)
    tally = _Tally(dropped or {})
    reason = _texts(turns, [draft.transfer_reason], 1, "transfer_reason", tally)
    summary = _texts(turns, draft.call_summary, 5, "call_summary", tally)
    steps = _steps(turns, draft, tally)
    if len(summary) < 3:
        tally.drop("call_summary", len(summary))  # too few to stand alone: the offline summary stays
        summary = []
    if not (reason or summary or steps):
        return None, tally.dropped
    brief = AgentAssistPortal(
        header=offline.header,
        transfer_reason=reason[0] if reason else offline.transfer_reason,
        call_summary=summary or offline.call_summary,
        information_collected=offline.information_collected,
        suggested_next_steps=steps or offline.suggested_next_steps,
        transcript=offline.transcript,
        compliance_flags=offline.compliance_flags,
    )
    return brief, tally.dropped


def is_grounded(call: CallRecord, brief: AgentAssistPortal) -> list[str]:
    """What in `brief` is not grounded in `call` (empty when all is): every collected value in its turn,
    every marker on an existing turn of the right speaker. For tests and audits."""
    turns = _Turns(call)
    problems = [
        f"information {item.key}={item.value!r} not in turn {item.turn_index}"
        for item in brief.information_collected
        if not (0 <= item.turn_index < len(turns) and turns.contains(item.turn_index, item.value))
    ]
    if len(brief.transcript) != len(turns):
        problems.append("transcript does not have the call's turns")
        return problems
    for i, turn in enumerate(brief.transcript):
        if turn.role != turns.roles[i]:
            problems.append(f"turn {i} has the wrong role")
        problems.extend(
            f"marker {m.type} on a {turn.role} turn ({i})"
            for m in turn.markers
            if turn.role not in MARKER_ROLES[m.type]
        )
    return problems
