"""One observed call: its segments go to the write buffer, and each final caller turn is scored."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from domain.analysis.sentiment import noticeable_shift, track
from domain.brief import SentimentLevel
from domain.conversations import ObservedSegment

logger = logging.getLogger(__name__)

Write = Callable[[ObservedSegment], Awaitable[None]]
RecordEvent = Callable[[str, str | None, str, str], Awaitable[None]]

_LABELS: dict[str, str] = {
    "calm": "calm",
    "slightly_frustrated": "slightly frustrated",
    "frustrated": "frustrated",
    "angry": "angry",
    "escalated": "escalated",
}


class CallObserver:
    """Per-room state: the caller's final turns so far and their rolling sentiment level.

    Loop-agnostic: `write` and `record_event` are the only ways out, so the same object works in a job
    thread (where they hop to the process's main loop) and in unit tests.
    """

    def __init__(self, conversation_id: str, write: Write, record_event: RecordEvent) -> None:
        self.conversation_id = conversation_id
        self._write = write
        self._record_event = record_event
        self._caller_turns: list[tuple[int, str]] = []
        self._final_ids: set[str] = set()
        self.level: SentimentLevel = "calm"
        self._shown: SentimentLevel = "calm"  # the level the last recorded shift told the reader
        self.shifts = 0

    async def on_segment(self, segment: ObservedSegment) -> None:
        await self._write(segment)
        if segment.role != "user" or not segment.final or segment.segment_id in self._final_ids:
            return
        self._final_ids.add(segment.segment_id)
        self._caller_turns.append((len(self._caller_turns), segment.content))
        self.level = track(self._caller_turns)[-1].level
        if noticeable_shift(self._shown, self.level):
            description = f"Caller went from {_LABELS[self._shown]} to {_LABELS[self.level]}"
            self._shown = self.level
            self.shifts += 1
            await self._record_event(self.conversation_id, segment.segment_id, "sentiment_shift", description)
