"""Sending the observer into rooms (AgentDispatch) and reading LiveKit's signed webhooks."""

from __future__ import annotations

import json

from livekit import api

from domain.rooms import RoomEvent

_KINDS = {
    api.ParticipantInfo.Kind.STANDARD: "standard",
    api.ParticipantInfo.Kind.INGRESS: "ingress",
    api.ParticipantInfo.Kind.EGRESS: "egress",
    api.ParticipantInfo.Kind.SIP: "sip",
    api.ParticipantInfo.Kind.AGENT: "agent",
}
_EVENTS = {"room_started", "participant_joined", "participant_left", "room_finished"}


class LiveKitObserverDispatcher:
    """Explicit dispatch by agent name, carrying the conversation in the dispatch metadata."""

    def __init__(self, *, url: str, api_key: str, api_secret: str, agent_name: str) -> None:
        self._url = url.replace("wss://", "https://").replace("ws://", "http://")
        self._api_key = api_key
        self._api_secret = api_secret
        self._agent_name = agent_name

    async def dispatch(self, room_name: str, conversation_id: str, organization_id: str) -> None:
        metadata = json.dumps({"conversation_id": conversation_id, "organization_id": organization_id})
        async with api.LiveKitAPI(self._url, self._api_key, self._api_secret) as lkapi:
            await lkapi.agent_dispatch.create_dispatch(
                api.CreateAgentDispatchRequest(agent_name=self._agent_name, room=room_name, metadata=metadata)
            )


class WebhookError(Exception):
    """A webhook whose signature or body does not check out."""


class LiveKitWebhookVerifier:
    """Verifies a webhook's signed Authorization header against the exact raw body."""

    def __init__(self, *, api_key: str, api_secret: str) -> None:
        self._receiver = api.WebhookReceiver(api.TokenVerifier(api_key, api_secret))

    def verify(self, body: bytes, authorization: str | None) -> RoomEvent:
        if not authorization:
            raise WebhookError("missing Authorization header")
        token = authorization.removeprefix("Bearer ").strip()  # LiveKit sends the bare JWT
        try:
            event = self._receiver.receive(body.decode(), token)
        except Exception as exc:  # jwt errors, hash mismatch, bad JSON: all mean "not from our LiveKit"
            raise WebhookError(f"webhook rejected: {exc}") from None
        participant = event.participant if event.HasField("participant") else None
        return RoomEvent(
            kind=event.event if event.event in _EVENTS else "other",  # type: ignore[arg-type]
            room_name=event.room.name,
            room_metadata=event.room.metadata,
            participant_identity=participant.identity if participant else None,
            participant_kind=_KINDS.get(participant.kind, "other") if participant else None,
            participant_hidden=bool(participant and participant.permission.hidden),
            participant_attributes=dict(participant.attributes) if participant else {},
        )
