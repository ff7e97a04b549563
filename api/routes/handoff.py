"""Seed 003: the current handoff state of a conversation, by shared_id or id."""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter

from api.errors import error_responses
from api.schemas import HandoffStateOut
from api.security import scopes
from domain.auth import READ, Principal
from domain.errors import InvalidInput
from domain.ports import ConversationStore


@get(
    "/core/handoff-state",
    opt=scopes(READ),
    tags=["handoff"],
    responses=error_responses(400, 401, 403, 404, 422, 503),
)
async def get_handoff_state(
    principal: NamedDependency[Principal],
    conversations: NamedDependency[ConversationStore],
    conversation_id: Annotated[str | None, QueryParameter(name="id")] = None,
    shared_id: FromQuery[str | None] = None,
) -> HandoffStateOut:
    """The last handoff state recorded; `shared_id` wins when both ids are given."""
    if not conversation_id and not shared_id:
        raise InvalidInput("give the conversation's id or its shared_id as a query parameter")
    state = await conversations.handoff_state(
        principal.organization_id, conversation_id=conversation_id or None, shared_id=shared_id or None
    )
    return HandoffStateOut(
        id=state.conversation_id,
        shared_id=state.shared_id,
        handoff_state=state.handoff_state,
        status=state.status,
        updated_at=state.updated_at,
    )
