"""Conversations and their transcript segments, with the fields and enums of seed 002."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

import msgspec

Direction = Literal["inbound", "outbound"]
Channel = Literal["telephone", "webrtc", "email", "text"]
Status = Literal[
    "token_created",
    "triggered",
    "ringing",
    "in_progress",
    "completed",
    "failed",
    "cancelled",
    "transferred",
    "unanswered",
]
SpeakerRole = Literal["user", "assistant"]

# A call someone can still listen to; every other status means the room is over or never started.
ACTIVE_STATUSES: frozenset[str] = frozenset({"triggered", "ringing", "in_progress"})
ENDED_STATUSES: frozenset[str] = frozenset({"completed", "failed", "cancelled", "transferred", "unanswered"})


class AgentRef(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str


class Conversation(msgspec.Struct, kw_only=True, frozen=True):
    """One stored conversation: the seed's record plus what the product needs internally."""

    id: str
    organization_id: str
    direction: Direction
    channel: Channel
    status: Status
    user_id: str
    agent_id: str | None
    agent_version_id: str | None
    agent_number: str | None
    web_widget_id: str | None
    duration: int | None
    user_turn_count: int | None
    created_at: datetime
    updated_at: datetime
    agent: AgentRef | None
    summary: str | None
    initial_context: str | None
    custom_metadata: dict[str, Any] | None
    recording_details: dict[str, Any] | None
    # Internal: the LiveKit room, the integrator's own id, the last handoff state, when the call ended.
    room_name: str | None
    shared_id: str | None
    handoff_state: str | None
    ended_at: datetime | None
    observer_dispatched_at: datetime | None = None

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_over(self) -> bool:
        """Ended for good; a call not started yet (`token_created`) is neither active nor over."""
        return self.status in ENDED_STATUSES


class TranscriptSegment(msgspec.Struct, kw_only=True, frozen=True):
    """One turn of speech, keyed by its segment id so a retry or a later final replaces, never duplicates."""

    segment_id: str
    role: SpeakerRole
    content: str
    final: bool
    created_at: datetime


class SegmentInput(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    segment_id: str
    role: SpeakerRole
    content: str
    final: bool = True


class NewConversation(msgspec.Struct, kw_only=True, frozen=True):
    """What a platform pushes in to create a conversation; user_id is already normalized."""

    user_id: str
    direction: Direction = "inbound"
    channel: Channel = "telephone"
    status: Status = "in_progress"
    agent_id: str | None = None
    agent_version_id: str | None = None
    agent_number: str | None = None
    web_widget_id: str | None = None
    duration: int | None = None
    agent: AgentRef | None = None
    summary: str | None = None
    initial_context: str | None = None
    custom_metadata: dict[str, Any] | None = None
    recording_details: dict[str, Any] | None = None
    room_name: str | None = None
    shared_id: str | None = None
    handoff_state: str | None = None
    created_at: datetime | None = None


class ConversationChanges(msgspec.Struct, kw_only=True, frozen=True):
    """A partial update; UNSET fields are left as they are."""

    status: Status | msgspec.UnsetType = msgspec.UNSET
    duration: int | msgspec.UnsetType | None = msgspec.UNSET
    summary: str | msgspec.UnsetType | None = msgspec.UNSET
    custom_metadata: dict[str, Any] | msgspec.UnsetType | None = msgspec.UNSET
    recording_details: dict[str, Any] | msgspec.UnsetType | None = msgspec.UNSET
    handoff_state: str | msgspec.UnsetType | None = msgspec.UNSET
    room_name: str | msgspec.UnsetType | None = msgspec.UNSET
    shared_id: str | msgspec.UnsetType | None = msgspec.UNSET

    def as_dict(self) -> dict[str, Any]:
        return {
            field: value
            for field in self.__struct_fields__
            if (value := getattr(self, field)) is not msgspec.UNSET
        }


class Updated(msgspec.Struct, kw_only=True, frozen=True):
    """A conversation just before and just after one update: `before` is read under the same row lock the
    update takes, so of two concurrent updates exactly one sees the other's change as already made."""

    before: Conversation
    after: Conversation


class ConversationFilter(msgspec.Struct, kw_only=True, frozen=True):
    user_id: str | None = None
    status: Status | None = None


class Cursor(msgspec.Struct, kw_only=True, frozen=True, array_like=True):
    """Where a page ended: the last row's (created_at, id), so pages stay stable while rows are added."""

    created_at: datetime
    id: str


class ConversationPage(msgspec.Struct, kw_only=True, frozen=True):
    items: list[Conversation]
    next_cursor: Cursor | None


class HandoffState(msgspec.Struct, kw_only=True, frozen=True):
    conversation_id: str
    shared_id: str | None
    handoff_state: str | None
    status: Status
    updated_at: datetime


def collapse_segments(segments: Sequence[SegmentInput]) -> list[SegmentInput]:
    """One entry per segment id, in first-seen order: the last update wins, but a final is never undone."""
    merged: dict[str, SegmentInput] = {}
    for segment in segments:
        previous = merged.get(segment.segment_id)
        if previous is not None and previous.final and not segment.final:
            continue
        merged[segment.segment_id] = segment
    return list(merged.values())


class ObservedSegment(msgspec.Struct, kw_only=True, frozen=True):
    """A segment heard in a LiveKit room by the observer, addressed by conversation (no organization:
    the observer is trusted and learns the conversation from its dispatch)."""

    conversation_id: str
    segment_id: str
    role: SpeakerRole
    content: str
    final: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.conversation_id, self.segment_id)
