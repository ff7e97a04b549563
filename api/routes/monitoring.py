"""Seed 001: listen-only tokens for live monitoring of an active call."""

from __future__ import annotations

from litestar import post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK

from api.errors import error_responses
from api.security import scopes
from domain.auth import MANAGE, READ_SENSITIVE, Principal
from domain.errors import Unavailable
from domain.monitoring import ListenerToken, listener_token
from domain.ports import ConversationStore, ListenerTokenIssuer


@post(
    "/core/conversations/{conversation_id:str}/listener-token",
    opt=scopes(READ_SENSITIVE, MANAGE),
    status_code=HTTP_200_OK,
    tags=["live monitoring"],
    responses=error_responses(400, 401, 403, 404, 409, 503),
)
async def create_listener_token(
    conversation_id: FromPath[str],
    principal: NamedDependency[Principal],
    conversations: NamedDependency[ConversationStore],
    listener_tokens: NamedDependency[ListenerTokenIssuer | None],
) -> ListenerToken:
    """A short-lived LiveKit token that can subscribe to the call's audio and transcription and nothing
    else; the listener is hidden from the caller and the agent. 409 once the call has ended."""
    if listener_tokens is None:
        raise Unavailable(
            "live monitoring is not configured: set LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET"
        )
    return await listener_token(conversations, listener_tokens, principal, conversation_id)
