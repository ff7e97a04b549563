"""LiveKit rooms to conversations: what a room event means for the conversation record, and the observer."""

from __future__ import annotations

import json
import logging
from typing import Any, Literal

import msgspec

from domain.conversations import Conversation, NewConversation
from domain.errors import Conflict, InvalidInput, NotFound
from domain.phone import normalize_phone
from domain.ports import ObserverDispatcher, RoomDirectory

logger = logging.getLogger(__name__)

RoomEventKind = Literal["room_started", "participant_joined", "participant_left", "room_finished", "other"]


class RoomEvent(msgspec.Struct, kw_only=True, frozen=True):
    """A verified LiveKit webhook, reduced to what the product uses."""

    kind: RoomEventKind
    room_name: str
    room_metadata: str = ""
    participant_identity: str | None = None
    # "standard", "sip", "agent", "ingress", "egress", "connector", "bridge"
    participant_kind: str | None = None
    participant_hidden: bool = False
    participant_attributes: dict[str, str] = {}


class RoomBinding(msgspec.Struct, kw_only=True, frozen=True):
    """Where a room's conversation lives, as told by room metadata (JSON) or dispatch metadata."""

    organization_id: str | None = None
    conversation_id: str | None = None
    user_id: str | None = None


def parse_binding(metadata: str) -> RoomBinding:
    """Read `{"organization_id", "conversation_id", "user_id"}` (top level or under "agent_assist") from metadata."""
    if not metadata.strip():
        return RoomBinding()
    try:
        data: Any = json.loads(metadata)
    except ValueError:
        return RoomBinding()
    if isinstance(data, dict) and isinstance(data.get("agent_assist"), dict):
        data = data["agent_assist"]
    if not isinstance(data, dict):
        return RoomBinding()

    def text(key: str) -> str | None:
        value = data.get(key)
        return str(value) if isinstance(value, str | int) and str(value).strip() else None

    return RoomBinding(
        organization_id=text("organization_id"),
        conversation_id=text("conversation_id"),
        user_id=text("user_id"),
    )


def is_caller(event: RoomEvent) -> bool:
    """A human on the call: not hidden (monitors, our observer) and not an agent, recorder or bridge."""
    return not event.participant_hidden and event.participant_kind in (None, "standard", "sip")


def caller_number(event: RoomEvent, default_region: str) -> tuple[str, str]:
    """(user_id, channel) for a joining caller: the SIP caller's number when there is one."""
    phone = event.participant_attributes.get("sip.phoneNumber")
    if phone:
        try:
            return normalize_phone(phone, default_region), "telephone"
        except InvalidInput:
            logger.warning("SIP participant in %s has an unreadable number", event.room_name)
    return (event.participant_identity or "unknown"), "webrtc"


def bound_caller(user_id: str, default_region: str) -> tuple[str, str]:
    """(user_id, channel) for the caller a room's metadata names: a phone number in any spelling is stored
    in E.164 like every other caller's, so the brief finds it; anything else is kept as a web identity."""
    try:
        return normalize_phone(user_id, default_region), "telephone"
    except InvalidInput:
        return user_id.strip(), "webrtc"


class RoomEventHandler:
    """Keeps conversations in step with LiveKit rooms and makes sure each live room has an observer.

    room_started: dispatch the observer if the room's conversation is known (or its metadata names one).
    participant_joined (a caller): create the conversation if needed — organization from the room's
    metadata, else the configured default — mark it in progress, dispatch the observer.
    room_finished: mark the conversation completed, with its duration.
    """

    def __init__(
        self,
        rooms: RoomDirectory,
        dispatcher: ObserverDispatcher | None,
        *,
        default_organization: str | None,
        default_region: str,
    ) -> None:
        self._rooms = rooms
        self._dispatcher = dispatcher
        self._default_organization = default_organization
        self._default_region = default_region

    async def handle(self, event: RoomEvent) -> str:
        """Apply the event; returns a short word for logs and the webhook response."""
        conversation = await self._rooms.by_room(event.room_name)
        binding = parse_binding(event.room_metadata)
        if event.kind == "room_finished":
            if conversation is None:
                return "ignored"
            await self._rooms.end_call(conversation.id)
            return "ended"
        if event.kind == "room_started":
            if conversation is None and binding.organization_id and binding.user_id:
                user_id, channel = bound_caller(binding.user_id, self._default_region)
                conversation = await self._create(event, binding, user_id, channel, "triggered")
            if conversation is None:
                return "waiting for a caller"
            await self.ensure_observer(conversation)
            return "observed"
        if event.kind == "participant_joined" and is_caller(event):
            user_id, channel = caller_number(event, self._default_region)
            if conversation is None:
                conversation = await self._create(event, binding, user_id, channel, "in_progress")
                if conversation is None:
                    return "ignored: no known organization for this room"
            else:
                await self._rooms.caller_joined(conversation.id)
            await self.ensure_observer(conversation)
            return "in_progress"
        return "ignored"

    async def _create(
        self, event: RoomEvent, binding: RoomBinding, user_id: str, channel: str, status: str
    ) -> Conversation | None:
        organization = binding.organization_id or self._default_organization
        if organization is None:
            logger.info("room %s has no organization in its metadata and no default is set", event.room_name)
            return None
        new = NewConversation(
            user_id=user_id,
            channel=channel,  # type: ignore[arg-type]
            status=status,  # type: ignore[arg-type]
            agent_number=event.participant_attributes.get("sip.trunkPhoneNumber"),
            room_name=event.room_name,
        )
        try:
            return await self._rooms.create_for_room(organization, new)
        except Conflict:
            # Another API process handled a concurrent event for the same room first.
            return await self._rooms.by_room(event.room_name)
        except NotFound:
            logger.warning(
                "room %s names organization %r, which does not exist", event.room_name, organization
            )
            return None

    async def ensure_observer(self, conversation: Conversation) -> None:
        """Dispatch the observer to the conversation's room once; a failed dispatch is retried on the next event."""
        if self._dispatcher is None or not conversation.room_name or not conversation.is_active:
            return
        if not await self._rooms.claim_dispatch(conversation.id):
            return
        try:
            await self._dispatcher.dispatch(
                conversation.room_name, conversation.id, conversation.organization_id
            )
        except Exception:
            logger.exception("dispatching the observer to %s failed", conversation.room_name)
            await self._rooms.release_dispatch(conversation.id)
