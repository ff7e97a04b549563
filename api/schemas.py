"""Request and response bodies of the public API; responses follow the seeds' field names exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import msgspec

from domain.conversations import (
    AgentRef,
    Channel,
    Conversation,
    ConversationChanges,
    Direction,
    SegmentInput,
    SpeakerRole,
    Status,
    TranscriptSegment,
)

Id = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
ShortText = Annotated[str, msgspec.Meta(max_length=200)]
Content = Annotated[str, msgspec.Meta(max_length=20_000)]
LongText = Annotated[str, msgspec.Meta(max_length=50_000)]
Seconds = Annotated[int, msgspec.Meta(ge=0, le=7 * 24 * 3600)]
MAX_TURNS_PER_REQUEST = 500


# How far ahead of this server's clock a client's timestamp may be: a call's start time from a platform whose
# clock runs fast is fine, a date in the future is not (it would be the caller's newest call for ever).
CLOCK_SKEW = timedelta(hours=1)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


def check_timestamp(field: str, value: datetime) -> None:
    """Raises ValueError (a 400 naming `field`) for a time before 2000 or more than CLOCK_SKEW from now; a
    time without an offset is read as UTC."""
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    try:
        too_late = moment > datetime.now(UTC) + CLOCK_SKEW
        too_early = moment < EARLIEST
    except OverflowError:  # an offset that takes it past year 9999 or before year 1
        too_late = too_early = True
    if too_late or too_early:
        raise ValueError(f"{field} must be a time between 2000 and now, not {value.isoformat()}")


class _Request(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Request bodies reject fields they do not know, so a typo is an error rather than silently ignored."""


class TurnIn(_Request):
    role: SpeakerRole
    content: Content
    # Required when appending (it is what makes a retry safe); optional when creating a conversation.
    segment_id: Id | None = None
    final: bool = True


class TranscriptIn(_Request):
    turns: Annotated[list[TurnIn], msgspec.Meta(max_length=MAX_TURNS_PER_REQUEST)]


class CreateConversation(_Request):
    user_id: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    direction: Direction = "inbound"
    channel: Channel = "telephone"
    status: Status = "in_progress"
    agent_id: ShortText | None = None
    agent_version_id: ShortText | None = None
    agent_number: ShortText | None = None
    web_widget_id: ShortText | None = None
    duration: Seconds | None = None
    agent: AgentRef | None = None
    summary: LongText | None = None
    initial_context: LongText | None = None
    custom_metadata: dict[str, Any] | None = None
    recording_details: dict[str, Any] | None = None
    conversation: TranscriptIn | None = None
    room_name: Id | None = None
    shared_id: Id | None = None
    handoff_state: ShortText | None = None
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.created_at is not None:
            check_timestamp("created_at", self.created_at)


class AppendTurns(_Request):
    turns: Annotated[list[TurnIn], msgspec.Meta(min_length=1, max_length=MAX_TURNS_PER_REQUEST)]

    def segments(self) -> list[SegmentInput] | str:
        """The turns as segments, or what is wrong with them."""
        missing = [i for i, turn in enumerate(self.turns) if turn.segment_id is None]
        if missing:
            return f"turns[{missing[0]}].segment_id is required when appending turns (it makes retries safe)"
        return [
            SegmentInput(segment_id=t.segment_id or "", role=t.role, content=t.content, final=t.final)
            for t in self.turns
        ]


class UpdateConversation(_Request):
    status: Status | msgspec.UnsetType = msgspec.UNSET
    duration: Seconds | msgspec.UnsetType | None = msgspec.UNSET
    summary: LongText | msgspec.UnsetType | None = msgspec.UNSET
    custom_metadata: dict[str, Any] | msgspec.UnsetType | None = msgspec.UNSET
    recording_details: dict[str, Any] | msgspec.UnsetType | None = msgspec.UNSET
    handoff_state: ShortText | msgspec.UnsetType | None = msgspec.UNSET
    room_name: Id | msgspec.UnsetType | None = msgspec.UNSET
    shared_id: Id | msgspec.UnsetType | None = msgspec.UNSET

    def changes(self) -> ConversationChanges:
        return ConversationChanges(**{f: getattr(self, f) for f in self.__struct_fields__})


class TurnOut(msgspec.Struct, kw_only=True):
    segment_id: str
    role: SpeakerRole
    content: str
    final: bool
    created_at: datetime

    @classmethod
    def of(cls, segment: TranscriptSegment) -> TurnOut:
        return cls(
            segment_id=segment.segment_id,
            role=segment.role,
            content=segment.content,
            final=segment.final,
            created_at=segment.created_at,
        )


class TranscriptOut(msgspec.Struct, kw_only=True):
    turns: list[TurnOut]


class ConversationOut(msgspec.Struct, kw_only=True):
    """Seed 002's record. Sensitive fields are UNSET (left out) for tokens without read_sensitive."""

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
    agent: AgentRef | msgspec.UnsetType | None = msgspec.UNSET
    summary: str | msgspec.UnsetType | None = msgspec.UNSET
    initial_context: str | msgspec.UnsetType | None = msgspec.UNSET
    custom_metadata: dict[str, Any] | msgspec.UnsetType | None = msgspec.UNSET
    conversation: TranscriptOut | msgspec.UnsetType | None = msgspec.UNSET
    recording_details: dict[str, Any] | msgspec.UnsetType | None = msgspec.UNSET

    @classmethod
    def of(
        cls,
        conversation: Conversation,
        *,
        sensitive: bool,
        transcript: list[TranscriptSegment] | None = None,
    ) -> ConversationOut:
        out = cls(
            id=conversation.id,
            organization_id=conversation.organization_id,
            direction=conversation.direction,
            channel=conversation.channel,
            status=conversation.status,
            user_id=conversation.user_id,
            agent_id=conversation.agent_id,
            agent_version_id=conversation.agent_version_id,
            agent_number=conversation.agent_number,
            web_widget_id=conversation.web_widget_id,
            duration=conversation.duration,
            user_turn_count=conversation.user_turn_count,
            created_at=conversation.created_at,
            updated_at=conversation.updated_at,
        )
        if sensitive:
            out.agent = conversation.agent
            out.summary = conversation.summary
            out.initial_context = conversation.initial_context
            out.custom_metadata = conversation.custom_metadata
            out.recording_details = conversation.recording_details
            if transcript is not None:
                out.conversation = TranscriptOut(turns=[TurnOut.of(s) for s in transcript])
        return out


class ConversationList(msgspec.Struct, kw_only=True):
    items: list[ConversationOut]
    next_cursor: str | None


class AppendedTurns(msgspec.Struct, kw_only=True):
    conversation_id: str
    turns: list[TurnOut]


class HandoffStateOut(msgspec.Struct, kw_only=True):
    id: str
    shared_id: str | None
    handoff_state: str | None
    status: Status
    updated_at: datetime
