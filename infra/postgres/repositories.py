"""PostgreSQL implementations of the domain's stores; they take and return domain Structs only."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

import asyncpg
import msgspec

from domain.auth import Organization, Role, StoredToken, TokenKind, User
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
    collapse_segments,
)
from domain.errors import Conflict, InvalidInput, NotFound
from infra.postgres.queries import Q

# Columns a partial update may touch, mapped to themselves so nothing else can reach the SQL text.
_UPDATABLE = {name: name for name in ConversationChanges.__struct_fields__}
_ENDED = ("completed", "failed", "cancelled", "transferred", "unanswered")


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def _conversation(row: asyncpg.Record) -> Conversation:
    return msgspec.convert(dict(row), Conversation)


def _segment(row: asyncpg.Record) -> TranscriptSegment:
    return TranscriptSegment(
        segment_id=row["segment_id"],
        role=row["role"],
        content=row["content"],
        final=row["final"],
        created_at=row["created_at"],
    )


def _jsonable(value: Any) -> Any:
    return msgspec.to_builtins(value) if value is not None else None


class PostgresConversationStore:
    """Conversations and transcript segments in PostgreSQL, every query scoped to one organization."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(
        self, organization_id: str, new: NewConversation, segments: Sequence[SegmentInput] = ()
    ) -> Conversation:
        conversation_id = new_id("conv")
        try:
            async with self._pool.acquire() as connection, connection.transaction():
                row = await connection.fetchrow(
                    Q["insert_conversation"],
                    conversation_id,
                    organization_id,
                    new.direction,
                    new.channel,
                    new.status,
                    new.user_id,
                    new.agent_id,
                    new.agent_version_id,
                    new.agent_number,
                    new.web_widget_id,
                    new.duration,
                    _jsonable(new.agent),
                    new.summary,
                    new.initial_context,
                    new.custom_metadata,
                    new.recording_details,
                    new.room_name,
                    new.shared_id,
                    new.handoff_state,
                    new.created_at,
                )
                if segments:
                    await _upsert(connection, conversation_id, segments)
                    row = await connection.fetchrow(Q["get_conversation"], conversation_id, organization_id)
        except asyncpg.UniqueViolationError as exc:
            raise Conflict(_unique_message(exc)) from None
        except (
            asyncpg.ForeignKeyViolationError
        ):  # only a room's metadata can name an organization that is not
            raise NotFound(f"organization {organization_id!r} not found") from None
        assert row is not None
        return _conversation(row)

    async def get(self, organization_id: str, conversation_id: str) -> Conversation:
        row = await self._pool.fetchrow(Q["get_conversation"], conversation_id, organization_id)
        if row is None:
            raise NotFound(f"conversation {conversation_id!r} not found")
        return _conversation(row)

    async def page(
        self, organization_id: str, filters: ConversationFilter, *, limit: int, after: Cursor | None
    ) -> ConversationPage:
        rows = await self._pool.fetch(
            Q["list_conversations"],
            organization_id,
            filters.user_id,
            filters.status,
            after.created_at if after else None,
            after.id if after else None,
            limit + 1,
        )
        items = [_conversation(row) for row in rows[:limit]]
        next_cursor = None
        if len(rows) > limit and items:
            next_cursor = Cursor(created_at=items[-1].created_at, id=items[-1].id)
        return ConversationPage(items=items, next_cursor=next_cursor)

    async def latest_for_caller(self, organization_id: str, user_id: str) -> Conversation:
        row = await self._pool.fetchrow(Q["latest_for_caller"], organization_id, user_id)
        if row is None:
            raise NotFound(f"no conversation found for {user_id}")
        return _conversation(row)

    async def transcript(self, organization_id: str, conversation_id: str) -> list[TranscriptSegment]:
        rows = await self._pool.fetch(Q["transcript"], conversation_id, organization_id)
        if not rows:
            raise NotFound(f"conversation {conversation_id!r} not found")
        return [_segment(row) for row in rows if row["segment_id"] is not None]

    async def append_segments(
        self, organization_id: str, conversation_id: str, segments: Sequence[SegmentInput]
    ) -> list[TranscriptSegment]:
        batch = collapse_segments(segments)
        async with self._pool.acquire() as connection, connection.transaction():
            # Serialize appends to one call so the turn count recomputed below sees every committed turn.
            locked = await connection.fetchval(Q["lock_conversation"], conversation_id, organization_id)
            if locked is None:
                raise NotFound(f"conversation {conversation_id!r} not found")
            await _upsert(connection, conversation_id, batch)
            rows = await connection.fetch(Q["segments_by_id"], conversation_id, [s.segment_id for s in batch])
        return [_segment(row) for row in rows]

    async def update(
        self, organization_id: str, conversation_id: str, changes: ConversationChanges
    ) -> Updated:
        values = changes.as_dict()
        if not values:
            same = await self.get(organization_id, conversation_id)
            return Updated(before=same, after=same)
        assignments: list[str] = []
        params: list[Any] = [conversation_id, organization_id]
        for field, value in values.items():
            params.append(value)
            assignments.append(f"{_UPDATABLE[field]} = ${len(params)}")
        status = values.get("status")
        if status in _ENDED:
            # Ending a call stamps when it ended and, unless told otherwise, how long it lasted.
            assignments.append("ended_at = coalesce(ended_at, now())")
            if "duration" not in values:
                assignments.append(
                    "duration = coalesce(duration, greatest(0, extract(epoch from now() - created_at))::int)"
                )
        elif status is not None:
            assignments.append("ended_at = null")
            if "duration" not in values:
                # A call taken up again is live: the length stamped when it ended is no longer its length.
                assignments.append("duration = case when ended_at is null then duration end")
        sql = (
            f"update conversations set {', '.join(assignments)}, updated_at = now() "
            "where id = $1 and organization_id = $2 returning *"
        )
        async with self._pool.acquire() as connection, connection.transaction():
            # The row lock serializes concurrent updates, so `before` is what this update really changed.
            before = await connection.fetchrow(
                "select * from conversations where id = $1 and organization_id = $2 for update",
                conversation_id,
                organization_id,
            )
            if before is None:
                raise NotFound(f"conversation {conversation_id!r} not found")
            try:
                row = await connection.fetchrow(sql, *params)
            except asyncpg.UniqueViolationError as exc:
                raise Conflict(_unique_message(exc)) from None
        if row is None:  # cannot happen while the row is locked; kept so a deleted row is never a crash
            raise NotFound(f"conversation {conversation_id!r} not found")
        return Updated(before=_conversation(before), after=_conversation(row))

    async def handoff_state(
        self, organization_id: str, *, conversation_id: str | None, shared_id: str | None
    ) -> HandoffState:
        if shared_id is not None:
            row = await self._pool.fetchrow(Q["handoff_by_shared_id"], organization_id, shared_id)
            missing = f"no conversation with shared_id {shared_id!r}"
        elif conversation_id is not None:
            row = await self._pool.fetchrow(Q["handoff_by_id"], organization_id, conversation_id)
            missing = f"conversation {conversation_id!r} not found"
        else:
            raise InvalidInput("give id or shared_id")
        if row is None:
            raise NotFound(missing)
        return msgspec.convert(dict(row), HandoffState)


async def _upsert(connection: Any, conversation_id: str, segments: Sequence[SegmentInput]) -> None:
    batch = collapse_segments(segments)
    await connection.execute(
        Q["upsert_segments"],
        conversation_id,
        [s.segment_id for s in batch],
        [s.role for s in batch],
        [s.content for s in batch],
        [s.final for s in batch],
    )
    await connection.execute(Q["refresh_turn_count"], conversation_id)


def _unique_message(exc: asyncpg.UniqueViolationError) -> str:
    constraint = getattr(exc, "constraint_name", "") or ""
    if "shared_id" in constraint:
        return "another conversation already has this shared_id"
    if "room_name" in constraint:
        return "another conversation already uses this room_name"
    return "a conversation with these values already exists"


class PostgresAccessStore:
    """Organizations, users, memberships and token hashes in PostgreSQL."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create_organization(self, name: str) -> Organization:
        row = await self._pool.fetchrow(Q["insert_organization"], new_id("org"), name)
        assert row is not None
        return Organization(id=row["id"], name=row["name"])

    async def list_organizations(self) -> list[Organization]:
        rows = await self._pool.fetch(Q["list_organizations"])
        return [Organization(id=row["id"], name=row["name"]) for row in rows]

    async def create_user(self, email: str, name: str | None = None) -> User:
        try:
            row = await self._pool.fetchrow(Q["insert_user"], new_id("usr"), email, name)
        except asyncpg.UniqueViolationError:
            raise Conflict(f"a user with email {email!r} already exists") from None
        assert row is not None
        return User(id=row["id"], email=row["email"], name=row["name"])

    async def add_member(self, organization_id: str, user_id: str, role: Role) -> None:
        try:
            await self._pool.execute(Q["upsert_membership"], organization_id, user_id, role)
        except asyncpg.ForeignKeyViolationError:
            raise NotFound("no such organization or user") from None

    async def membership_role(self, organization_id: str, user_id: str) -> Role | None:
        role: Role | None = await self._pool.fetchval(Q["membership_role"], organization_id, user_id)
        return role

    async def save_token(self, token: StoredToken, name: str) -> None:
        try:
            await self._pool.execute(
                Q["insert_token"],
                token.id,
                token.kind,
                token.secret_hash,
                name,
                token.user_id,
                token.organization_id,
                token.role,
            )
        except asyncpg.ForeignKeyViolationError:
            raise NotFound("no such organization or user") from None

    async def find_token(self, kind: TokenKind, token_id: str) -> StoredToken | None:
        row = await self._pool.fetchrow(Q["find_token"], token_id, kind)
        if row is None:
            return None
        return StoredToken(
            id=row["id"],
            kind=row["kind"],
            secret_hash=bytes(row["secret_hash"]),
            organization_id=row["organization_id"],
            user_id=row["user_id"],
            role=row["role"],
        )


class PostgresTranscriptSink:
    """The observer's writes: idempotent batch upserts keyed by (conversation, segment id)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def write(self, batch: Sequence[ObservedSegment]) -> None:
        if not batch:
            return
        conversation_ids = sorted({s.conversation_id for s in batch})
        async with self._pool.acquire() as connection, connection.transaction():
            await connection.execute(Q["lock_conversations"], conversation_ids)
            await connection.execute(
                Q["upsert_observed_segments"],
                [s.conversation_id for s in batch],
                [s.segment_id for s in batch],
                [s.role for s in batch],
                [s.content for s in batch],
                [s.final for s in batch],
            )
            await connection.execute(Q["refresh_turn_counts"], conversation_ids)


class PostgresRoomDirectory:
    """Conversations by LiveKit room, for the webhook receiver and the observer."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def by_room(self, room_name: str) -> Conversation | None:
        row = await self._pool.fetchrow(Q["conversation_by_room"], room_name)
        return _conversation(row) if row is not None else None

    async def create_for_room(self, organization_id: str, new: NewConversation) -> Conversation:
        return await PostgresConversationStore(self._pool).create(organization_id, new)

    async def caller_joined(self, conversation_id: str) -> None:
        await self._pool.execute(Q["caller_joined"], conversation_id)

    async def end_call(self, conversation_id: str) -> None:
        await self._pool.execute(Q["end_call"], conversation_id)

    async def claim_dispatch(self, conversation_id: str) -> bool:
        return await self._pool.fetchval(Q["claim_dispatch"], conversation_id) is not None

    async def release_dispatch(self, conversation_id: str) -> None:
        await self._pool.execute(Q["release_dispatch"], conversation_id)

    async def record_event(
        self, conversation_id: str, segment_id: str | None, type: str, description: str
    ) -> None:
        await self._pool.execute(Q["insert_call_event"], conversation_id, segment_id, type, description)
