"""Live monitoring (seed 001): listen-only seats on an active call."""

from __future__ import annotations

from datetime import datetime

import msgspec

from domain.auth import Principal
from domain.errors import Conflict, NotFound
from domain.ports import ConversationStore, ListenerTokenIssuer


class ListenerToken(msgspec.Struct, kw_only=True, frozen=True):
    url: str
    token: str
    room_name: str
    expires_at: datetime


async def listener_token(
    store: ConversationStore, issuer: ListenerTokenIssuer, principal: Principal, conversation_id: str
) -> ListenerToken:
    """A short-lived subscribe-only token for the conversation's room; only while the call is active."""
    conversation = await store.get(principal.organization_id, conversation_id)
    if not conversation.room_name:
        raise NotFound(f"conversation {conversation_id!r} has no LiveKit room to listen to")
    if not conversation.is_active:
        raise Conflict(
            f"conversation {conversation_id!r} is {conversation.status}; only active calls can be monitored"
        )
    return issuer.issue(conversation.room_name)
