"""The ports the domain needs from the outside world; infra implements them, tests fake them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from domain.auth import Organization, Role, StoredToken, TokenKind, User
from domain.brief import BriefResult, CallRecord
from domain.conversations import (
    Conversation,
    ConversationChanges,
    ConversationFilter,
    ConversationPage,
    Cursor,
    HandoffState,
    NewConversation,
    ObservedSegment,
    SegmentInput,
    TranscriptSegment,
    Updated,
)

if TYPE_CHECKING:
    from domain.handoff import HandoffNotice
    from domain.monitoring import ListenerToken


@runtime_checkable
class ConversationStore(Protocol):
    """Conversations and their transcripts, always read and written inside one organization."""

    async def create(
        self, organization_id: str, new: NewConversation, segments: Sequence[SegmentInput] = ()
    ) -> Conversation:
        """Create the conversation and its first turns together: all of it is stored or none."""
        ...

    async def get(self, organization_id: str, conversation_id: str) -> Conversation:
        """The conversation, or NotFound when it is missing or another organization's."""
        ...

    async def page(
        self, organization_id: str, filters: ConversationFilter, *, limit: int, after: Cursor | None
    ) -> ConversationPage: ...

    async def latest_for_caller(self, organization_id: str, user_id: str) -> Conversation:
        """The newest conversation (by created_at) of this caller, live or ended; NotFound when none."""
        ...

    async def transcript(self, organization_id: str, conversation_id: str) -> list[TranscriptSegment]:
        """Every segment, in the order each was first seen."""
        ...

    async def append_segments(
        self, organization_id: str, conversation_id: str, segments: Sequence[SegmentInput]
    ) -> list[TranscriptSegment]:
        """Upsert by segment id: a repeated id updates its turn in place (a final is never made interim)."""
        ...

    async def update(
        self, organization_id: str, conversation_id: str, changes: ConversationChanges
    ) -> Updated:
        """Applies `changes` and returns the conversation as it was and as it is now, atomically."""
        ...

    async def handoff_state(
        self, organization_id: str, *, conversation_id: str | None, shared_id: str | None
    ) -> HandoffState:
        """Looked up by shared_id when given (it wins over the id), else by conversation id."""
        ...


@runtime_checkable
class AccessStore(Protocol):
    """Organizations, users, memberships and the hashes of their tokens."""

    async def create_organization(self, name: str) -> Organization: ...

    async def create_user(self, email: str, name: str | None = None) -> User: ...

    async def add_member(self, organization_id: str, user_id: str, role: Role) -> None: ...

    async def membership_role(self, organization_id: str, user_id: str) -> Role | None: ...

    async def save_token(self, token: StoredToken, name: str) -> None: ...

    async def find_token(self, kind: TokenKind, token_id: str) -> StoredToken | None:
        """The live (unrevoked) token with this public id, or None."""
        ...

    async def list_organizations(self) -> list[Organization]: ...


@runtime_checkable
class TranscriptSink(Protocol):
    """Where the observer's segments go: an idempotent batch upsert (a retried batch changes nothing)."""

    async def write(self, batch: Sequence[ObservedSegment]) -> None: ...


@runtime_checkable
class RoomDirectory(Protocol):
    """Conversations looked up and changed by LiveKit room, for the webhook and the observer (trusted callers
    that learn the organization from the room, not from a token)."""

    async def by_room(self, room_name: str) -> Conversation | None: ...

    async def create_for_room(self, organization_id: str, new: NewConversation) -> Conversation: ...

    async def caller_joined(self, conversation_id: str) -> None:
        """A caller is in the room: a call that was triggered or ringing is now in progress."""
        ...

    async def end_call(self, conversation_id: str) -> None:
        """The room is gone: an active call is completed, with its end time and duration."""
        ...

    async def claim_dispatch(self, conversation_id: str) -> bool:
        """True for exactly one caller: the one that should dispatch the observer now."""
        ...

    async def release_dispatch(self, conversation_id: str) -> None: ...

    async def record_event(
        self, conversation_id: str, segment_id: str | None, type: str, description: str
    ) -> None: ...


@runtime_checkable
class ObserverDispatcher(Protocol):
    """Asks LiveKit to send the observer worker into a room."""

    async def dispatch(self, room_name: str, conversation_id: str, organization_id: str) -> None: ...


@runtime_checkable
class HandoffNotifier(Protocol):
    """Delivers transfer notices in the background; `submit` never blocks the request that caused it."""

    def submit(self, notice: HandoffNotice) -> None: ...


@runtime_checkable
class ListenerTokenIssuer(Protocol):
    """Mints listen-only room tokens: subscribe, never publish, hidden from the call's participants."""

    def issue(self, room_name: str) -> ListenerToken: ...


@runtime_checkable
class BriefAnalyzer(Protocol):
    """Turns a call into a brief. The offline analyzer is the default; an LLM one may wrap it."""

    # The configured mode: offline, llm or hybrid. What produced a given brief is in its result.
    name: str

    async def analyze(self, call: CallRecord) -> BriefResult:
        """The brief, and which analyzer actually produced it (an LLM one may fall back to offline)."""
        ...
