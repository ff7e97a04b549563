"""Seed 002's conversation record, plus the write endpoints platforms use to push calls in."""

from __future__ import annotations

import base64
from datetime import UTC
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from api.errors import bad_request, error_responses
from api.metrics import Metrics
from api.routes.portal import transfer_notice
from api.schemas import (
    AppendedTurns,
    AppendTurns,
    ConversationList,
    ConversationOut,
    CreateConversation,
    TurnOut,
    UpdateConversation,
)
from api.security import scopes
from domain.auth import READ, READ_SENSITIVE, WRITE, Principal
from domain.conversations import ConversationFilter, Cursor, NewConversation, SegmentInput, Status
from domain.handoff import is_transfer_start
from domain.phone import caller_id
from domain.ports import BriefAnalyzer, ConversationStore, HandoffNotifier
from domain.rooms import RoomEventHandler
from domain.services import create_conversation
from infra.settings import Settings

_cursor_encoder = msgspec.json.Encoder()
_cursor_decoder = msgspec.json.Decoder(Cursor)


def encode_cursor(cursor: Cursor) -> str:
    return base64.urlsafe_b64encode(_cursor_encoder.encode(cursor)).decode().rstrip("=")


def decode_cursor(text: str) -> Cursor:
    try:
        cursor = _cursor_decoder.decode(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        cursor.created_at.astimezone(UTC)  # OverflowError past year 9999 or before year 1 in UTC
        if "\x00" in cursor.id:
            raise ValueError("cursor id")
    except (ValueError, OverflowError, msgspec.DecodeError):
        raise bad_request("cursor is not one this API returned; start again without it") from None
    return cursor


class ConversationController(Controller):
    path = "/core/conversations"
    tags = ["conversations"]

    @get("/{conversation_id:str}", opt=scopes(READ), responses=error_responses(400, 401, 403, 404, 503))
    async def get_conversation(
        self,
        conversation_id: FromPath[str],
        principal: NamedDependency[Principal],
        conversations: NamedDependency[ConversationStore],
    ) -> ConversationOut:
        """One conversation. Sensitive fields only for tokens holding conversations:read_sensitive."""
        conversation = await conversations.get(principal.organization_id, conversation_id)
        sensitive = principal.can(READ_SENSITIVE)
        transcript = (
            await conversations.transcript(principal.organization_id, conversation_id) if sensitive else None
        )
        return ConversationOut.of(conversation, sensitive=sensitive, transcript=transcript)

    @get("/", opt=scopes(READ), responses=error_responses(400, 401, 403, 422, 503))
    async def list_conversations(
        self,
        principal: NamedDependency[Principal],
        conversations: NamedDependency[ConversationStore],
        settings: NamedDependency[Settings],
        user_id: FromQuery[str | None] = None,
        status: FromQuery[Status | None] = None,
        cursor: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> ConversationList:
        """The organization's conversations, newest first; pass `next_cursor` back as `cursor` for more.

        List items leave out the transcript (`conversation`); fetch one conversation for it.
        """
        filters = ConversationFilter(
            user_id=caller_id(user_id, "webrtc", settings.default_region) if user_id else None, status=status
        )
        page = await conversations.page(
            principal.organization_id,
            filters,
            limit=limit,
            after=decode_cursor(cursor) if cursor else None,
        )
        sensitive = principal.can(READ_SENSITIVE)
        return ConversationList(
            items=[ConversationOut.of(c, sensitive=sensitive) for c in page.items],
            next_cursor=encode_cursor(page.next_cursor) if page.next_cursor else None,
        )

    @post(
        "/",
        opt=scopes(WRITE),
        status_code=HTTP_201_CREATED,
        responses=error_responses(400, 401, 403, 409, 413, 422, 503),
    )
    async def create(
        self,
        data: JSONBody[CreateConversation],
        principal: NamedDependency[Principal],
        conversations: NamedDependency[ConversationStore],
        settings: NamedDependency[Settings],
        metrics: NamedDependency[Metrics],
        room_events: NamedDependency[RoomEventHandler],
    ) -> ConversationOut:
        """Create a conversation, optionally with its transcript so far (`conversation.turns`)."""
        turns = data.conversation.turns if data.conversation else []
        segments = [
            SegmentInput(
                segment_id=t.segment_id or f"turn-{i}", role=t.role, content=t.content, final=t.final
            )
            for i, t in enumerate(turns)
        ]
        fields = {f: getattr(data, f) for f in NewConversation.__struct_fields__}
        conversation = await create_conversation(
            conversations,
            principal.organization_id,
            NewConversation(**fields),
            segments,
            default_region=settings.default_region,
        )
        # A call that arrives with its LiveKit room gets the observer right away.
        await room_events.ensure_observer(conversation)
        metrics.conversations_created.inc()
        metrics.segments_written.inc(len(segments))
        sensitive = principal.can(READ_SENSITIVE)
        transcript = (
            await conversations.transcript(principal.organization_id, conversation.id) if sensitive else None
        )
        return ConversationOut.of(conversation, sensitive=sensitive, transcript=transcript)

    @post(
        "/{conversation_id:str}/turns",
        opt=scopes(WRITE),
        status_code=HTTP_200_OK,
        responses=error_responses(400, 401, 403, 404, 413, 503),
    )
    async def append_turns(
        self,
        conversation_id: FromPath[str],
        data: JSONBody[AppendTurns],
        principal: NamedDependency[Principal],
        conversations: NamedDependency[ConversationStore],
        metrics: NamedDependency[Metrics],
    ) -> AppendedTurns:
        """Add or update turns by `segment_id`: sending the same turn again never duplicates it."""
        segments = data.segments()
        if isinstance(segments, str):
            raise bad_request(segments)
        stored = await conversations.append_segments(principal.organization_id, conversation_id, segments)
        metrics.segments_written.inc(len(stored))
        return AppendedTurns(conversation_id=conversation_id, turns=[TurnOut.of(s) for s in stored])

    @patch(
        "/{conversation_id:str}",
        opt=scopes(WRITE),
        responses=error_responses(400, 401, 403, 404, 409, 413, 503),
    )
    async def update(
        self,
        conversation_id: FromPath[str],
        data: JSONBody[UpdateConversation],
        principal: NamedDependency[Principal],
        conversations: NamedDependency[ConversationStore],
        notifier: NamedDependency[HandoffNotifier | None],
        analyzer: NamedDependency[BriefAnalyzer],
        settings: NamedDependency[Settings],
        request: Request[Any, Any, Any],
    ) -> ConversationOut:
        """Change status, duration, handoff state and the other mutable fields; ending a call stamps it.

        Setting `handoff_state` to `handoff_initiated` (or `status` to `transferred`) sends a transfer notice
        with the brief's gist and a signed link to the handoff page, when notification URLs are configured.
        """
        updated = await conversations.update(principal.organization_id, conversation_id, data.changes())
        conversation = updated.after
        if notifier is not None and is_transfer_start(updated.before, conversation):
            base = settings.public_url or str(request.base_url).rstrip("/")
            notifier.submit(
                await transfer_notice(conversations, analyzer, conversation, request.app.state.portal, base)
            )
        sensitive = principal.can(READ_SENSITIVE)
        transcript = (
            await conversations.transcript(principal.organization_id, conversation.id) if sensitive else None
        )
        return ConversationOut.of(conversation, sensitive=sensitive, transcript=transcript)
