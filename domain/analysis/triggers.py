"""Decides why the call needs a human and which turn triggered it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.analysis._text import clip, lower, sentence_at
from domain.analysis.markers import (
    ASSISTANT_FAILURE,
    ASSISTANT_HANDOFF,
    FAILURE_GATE,
    HANDOFF_GATE,
    TOPIC_GATES,
    TOPICS,
    maybe,
)
from domain.analysis.sentiment import LABELS, TurnSentiment, rank

HUMAN_CUE = "asked for a human"
FALLBACK_REASON = "Caller needs assistance beyond the AI agent's scope."


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: str  # human_request | legal_matter | account_closure | billing_dispute | frustration | repeated_failure
    turn_index: int | None
    reason: str
    topic: str | None = None


def _quote(text: str, pos: int = 0) -> str:
    return clip(sentence_at(text, pos), 90)


def find_topics(
    turns: Sequence[tuple[str, str]], lows: Sequence[str] | None = None
) -> list[tuple[str, str, int, int]]:
    """(topic key, topic label, turn, position) for each policy topic the caller raised, first mention.
    `lows` are the turns already ASCII-lowered, when the caller has them."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    out: list[tuple[str, str, int, int]] = []
    for key, label, pattern in TOPICS:
        gate = TOPIC_GATES[key]
        for i, (role, _) in enumerate(turns):
            if role != "user":
                continue
            m = maybe(pattern, gate, lows[i])
            if m:
                out.append((key, label, i, m.start()))
                break
    return out


def decide(
    turns: Sequence[tuple[str, str]],
    moods: list[TurnSentiment],
    *,
    topics: list[tuple[str, str, int, int]] | None = None,
    lows: Sequence[str] | None = None,
) -> Trigger:
    """The transfer trigger; `topics` (find_topics) and `lows` (lowered turns) may be passed precomputed."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    if topics is None:
        topics = find_topics(turns, lows)
    human = next((m for m in moods if HUMAN_CUE in m.cues), None)
    peak = max(moods, key=lambda m: (rank(m.level), -m.turn_index), default=None)
    upset = next((m for m in moods if rank(m.level) >= rank("frustrated")), None)
    failures = [
        i
        for i, (role, text) in enumerate(turns)
        if role == "assistant" and maybe(ASSISTANT_FAILURE, FAILURE_GATE, lows[i])
    ]
    repeats = [
        m for m in moods if "repeated the same request" in m.cues or "repeated a failed step" in m.cues
    ]

    extras: list[str] = []
    if topics:
        extras.append("topic: " + ", ".join(label for _, label, _, _ in topics))
    if peak is not None and rank(peak.level) >= rank("frustrated"):
        extras.append(f"caller sentiment {LABELS[peak.level].lower()}")

    def with_extras(sentence: str, skip: str = "") -> str:
        rest = [e for e in extras if not e.startswith(skip)] if skip else extras
        return sentence + (f" ({'; '.join(rest)})." if rest else ".")

    if human is not None:
        text = turns[human.turn_index][1]
        return Trigger(
            "human_request",
            human.turn_index,
            with_extras(
                f'Caller asked to speak with a human agent at turn {human.turn_index}: "{_quote(text)}"'
            ),
        )
    if topics:
        key, label, i, pos = topics[0]
        others = [lbl for _, lbl, _, _ in topics[1:]]
        sentence = (
            f'Caller raised {label}, which needs a human agent, at turn {i}: "{_quote(turns[i][1], pos)}"'
        )
        if others:
            sentence += f" (also {', '.join(others)})"
        if peak is not None and rank(peak.level) >= rank("frustrated"):
            sentence += f"; caller sentiment {LABELS[peak.level].lower()}"
        return Trigger(key, i, sentence + ".", topic=label)
    if upset is not None and peak is not None:
        cues = ", ".join(upset.cues) or "negative tone"
        return Trigger(
            "frustration",
            upset.turn_index,
            f"Caller frustration: sentiment reached {LABELS[upset.level].lower()} at turn {upset.turn_index} "
            f"({cues}); peaked at {LABELS[peak.level].lower()}.",
        )
    if len(failures) >= 2:
        i = failures[1]
        return Trigger(
            "repeated_failure",
            i,
            f"AI agent failed to complete the request {len(failures)} times; last at turn {i}: "
            f'"{_quote(turns[i][1])}".',
        )
    if len(repeats) >= 2:
        i = repeats[1].turn_index
        return Trigger(
            "repeated_failure", i, f'Caller had to repeat themselves (turn {i}: "{_quote(turns[i][1])}").'
        )
    handoff = next(
        (
            i
            for i, (role, _) in enumerate(turns)
            if role == "assistant" and maybe(ASSISTANT_HANDOFF, HANDOFF_GATE, lows[i])
        ),
        None,
    )
    if handoff is not None:
        return Trigger(
            "ai_handoff",
            handoff,
            f'AI agent handed the call over at turn {handoff}: "{_quote(turns[handoff][1])}".',
        )
    return Trigger("fallback", None, FALLBACK_REASON)
