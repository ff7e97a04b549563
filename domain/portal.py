"""What the handoff page shows beyond the brief itself: the caller's sentiment over the call."""

from __future__ import annotations

import msgspec

from domain.analysis import sentiment
from domain.brief import AgentAssistPortal, SentimentLevel


class SentimentPoint(msgspec.Struct, kw_only=True, frozen=True):
    """The caller's rolling sentiment level right after one of their turns."""

    turn_index: int
    level: SentimentLevel
    label: str
    rank: int


def sentiment_curve(brief: AgentAssistPortal) -> list[SentimentPoint]:
    """Per caller turn of the brief's transcript, the level the offline scorer tracks (whatever analyzer
    wrote the brief, the curve comes from the same deterministic scorer, so reloads draw the same line)."""
    turns = brief.transcript
    replies: dict[int, str] = {}
    reply = ""
    for index in range(len(turns) - 1, -1, -1):
        turn = turns[index]
        if turn.role == "assistant":
            reply = turn.content
        elif reply:
            replies[index] = reply
    caller_turns = [(index, turn.content) for index, turn in enumerate(turns) if turn.role == "user"]
    return [
        SentimentPoint(
            turn_index=mood.turn_index,
            level=mood.level,
            label=sentiment.LABELS[mood.level],
            rank=sentiment.rank(mood.level),
        )
        for mood in sentiment.track(caller_turns, replies)
    ]
