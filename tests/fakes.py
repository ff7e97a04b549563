"""In-memory implementations of the domain's ports, for unit tests; the conformance tests hold them to
the same behaviour as the PostgreSQL adapters."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

import msgspec

from domain.auth import Organization, Role, StoredToken, TokenKind, User
from domain.conversations import (
    ENDED_STATUSES,
    Conversation,
    ConversationChanges,
    ConversationFilter,
    ConversationPage,
    Cursor,
    HandoffState,
    NewConversation,
    SegmentInput,
    TranscriptSegment,
    Updated,
    collapse_segments,
)
from domain.errors import Conflict, InvalidInput, NotFound


def _now() -> datetime:
    return datetime.now(UTC)


class InMemoryConversationStore:
    def __init__(self) -> None:
        self._rows: dict[str, Conversation] = {}
        self._segments: dict[str, dict[str, TranscriptSegment]] = {}

    def _check_unique(
        self, organization_id: str, shared_id: str | None, room_name: str | None, skip: str
    ) -> None:
        for row in self._rows.values():
            if row.id == skip:
                continue
            if (
                shared_id is not None
                and row.organization_id == organization_id
                and row.shared_id == shared_id
            ):
                raise Conflict("another conversation already has this shared_id")
            if room_name is not None and row.room_name == room_name:
                raise Conflict("another conversation already uses this room_name")

    async def create(
        self, organization_id: str, new: NewConversation, segments: Sequence[SegmentInput] = ()
    ) -> Conversation:
        self._check_unique(organization_id, new.shared_id, new.room_name, skip="")
        now = _now()
        fields = msgspec.structs.asdict(new)
        created_at = fields.pop("created_at") or now
        conversation = Conversation(
            id=f"conv_{secrets.token_hex(12)}",
            organization_id=organization_id,
            created_at=created_at,
            updated_at=now,
            user_turn_count=0,
            ended_at=now if new.status in ENDED_STATUSES else None,
            **fields,
        )
        self._rows[conversation.id] = conversation
        self._segments[conversation.id] = {}
        if segments:
            self._upsert(conversation.id, segments)
        return self._rows[conversation.id]

    async def get(self, organization_id: str, conversation_id: str) -> Conversation:
        row = self._rows.get(conversation_id)
        if row is None or row.organization_id != organization_id:
            raise NotFound(f"conversation {conversation_id!r} not found")
        return row

    async def page(
        self, organization_id: str, filters: ConversationFilter, *, limit: int, after: Cursor | None
    ) -> ConversationPage:
        rows = sorted(
            (
                r
                for r in self._rows.values()
                if r.organization_id == organization_id
                and (filters.user_id is None or r.user_id == filters.user_id)
                and (filters.status is None or r.status == filters.status)
                and (after is None or (r.created_at, r.id) < (after.created_at, after.id))
            ),
            key=lambda r: (r.created_at, r.id),
            reverse=True,
        )
        items = rows[:limit]
        more = len(rows) > limit
        return ConversationPage(
            items=items,
            next_cursor=Cursor(created_at=items[-1].created_at, id=items[-1].id) if more else None,
        )

    async def latest_for_caller(self, organization_id: str, user_id: str) -> Conversation:
        page = await self.page(organization_id, ConversationFilter(user_id=user_id), limit=1, after=None)
        if not page.items:
            raise NotFound(f"no conversation found for {user_id}")
        return page.items[0]

    async def transcript(self, organization_id: str, conversation_id: str) -> list[TranscriptSegment]:
        await self.get(organization_id, conversation_id)
        return list(self._segments[conversation_id].values())

    def _upsert(self, conversation_id: str, segments: Sequence[SegmentInput]) -> None:
        stored = self._segments[conversation_id]
        for segment in collapse_segments(segments):
            previous = stored.get(segment.segment_id)
            if previous is not None and previous.final and not segment.final:
                continue
            stored[segment.segment_id] = TranscriptSegment(
                segment_id=segment.segment_id,
                role=segment.role,
                content=segment.content,
                final=segment.final,
                created_at=previous.created_at if previous else _now(),
            )
        count = sum(1 for s in stored.values() if s.role == "user" and s.final)
        self._rows[conversation_id] = msgspec.structs.replace(
            self._rows[conversation_id], user_turn_count=count, updated_at=_now()
        )

    async def append_segments(
        self, organization_id: str, conversation_id: str, segments: Sequence[SegmentInput]
    ) -> list[TranscriptSegment]:
        await self.get(organization_id, conversation_id)
        self._upsert(conversation_id, segments)
        ids = {s.segment_id for s in segments}
        return [s for s in self._segments[conversation_id].values() if s.segment_id in ids]

    async def update(
        self, organization_id: str, conversation_id: str, changes: ConversationChanges
    ) -> Updated:
        row = await self.get(organization_id, conversation_id)
        values = changes.as_dict()
        self._check_unique(organization_id, values.get("shared_id"), values.get("room_name"), skip=row.id)
        now = _now()
        if values.get("status") in ENDED_STATUSES:
            values.setdefault("duration", row.duration or max(0, int((now - row.created_at).total_seconds())))
            values["ended_at"] = row.ended_at or now
        elif "status" in values:
            values["ended_at"] = None
            if "duration" not in values and row.ended_at is not None:
                values["duration"] = None
        updated = msgspec.structs.replace(row, updated_at=now, **values)
        self._rows[row.id] = updated
        return Updated(before=row, after=updated)

    async def handoff_state(
        self, organization_id: str, *, conversation_id: str | None, shared_id: str | None
    ) -> HandoffState:
        if shared_id is not None:
            match = [
                r
                for r in self._rows.values()
                if r.organization_id == organization_id and r.shared_id == shared_id
            ]
            if not match:
                raise NotFound(f"no conversation with shared_id {shared_id!r}")
            row = match[0]
        elif conversation_id is not None:
            row = await self.get(organization_id, conversation_id)
        else:
            raise InvalidInput("give id or shared_id")
        return HandoffState(
            conversation_id=row.id,
            shared_id=row.shared_id,
            handoff_state=row.handoff_state,
            status=row.status,
            updated_at=row.updated_at,
        )


class InMemoryAccessStore:
    def __init__(self) -> None:
        self.organizations: dict[str, Organization] = {}
        self.users: dict[str, User] = {}
        self.members: dict[tuple[str, str], Role] = {}
        self.tokens: dict[str, StoredToken] = {}

    async def create_organization(self, name: str) -> Organization:
        org = Organization(id=f"org_{secrets.token_hex(12)}", name=name)
        self.organizations[org.id] = org
        return org

    async def list_organizations(self) -> list[Organization]:
        return list(self.organizations.values())

    async def create_user(self, email: str, name: str | None = None) -> User:
        if any(u.email == email for u in self.users.values()):
            raise Conflict(f"a user with email {email!r} already exists")
        user = User(id=f"usr_{secrets.token_hex(12)}", email=email, name=name)
        self.users[user.id] = user
        return user

    async def add_member(self, organization_id: str, user_id: str, role: Role) -> None:
        if organization_id not in self.organizations or user_id not in self.users:
            raise NotFound("no such organization or user")
        self.members[(organization_id, user_id)] = role

    async def membership_role(self, organization_id: str, user_id: str) -> Role | None:
        return self.members.get((organization_id, user_id))

    async def save_token(self, token: StoredToken, name: str) -> None:
        self.tokens[token.id] = token

    async def find_token(self, kind: TokenKind, token_id: str) -> StoredToken | None:
        token = self.tokens.get(token_id)
        return token if token is not None and token.kind == kind else None
