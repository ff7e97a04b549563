"""Listen-only LiveKit tokens for live monitoring."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from livekit import api

from domain.monitoring import ListenerToken


class LiveKitListenerTokenIssuer:
    """Signs room tokens that can subscribe and nothing else, for a participant the call cannot see."""

    def __init__(self, *, url: str, api_key: str, api_secret: str, ttl: timedelta) -> None:
        self._url = url
        self._api_key = api_key
        self._api_secret = api_secret
        self._ttl = ttl

    def issue(self, room_name: str) -> ListenerToken:
        # The SDK defaults can_publish and can_publish_data to True, so both are set explicitly.
        grants = api.VideoGrants(
            room_join=True,
            room=room_name,
            can_subscribe=True,
            can_publish=False,
            can_publish_data=False,
            can_publish_sources=[],
            can_update_own_metadata=False,
            hidden=True,
        )
        # The identity is random: it must not carry the caller's number or the listener's name into the room.
        identity = f"listener-{secrets.token_hex(8)}"
        issued_at = datetime.now(UTC)
        token = (
            api.AccessToken(self._api_key, self._api_secret)
            .with_identity(identity)
            .with_name("Monitor")
            .with_grants(grants)
            .with_ttl(self._ttl)
            .to_jwt()
        )
        return ListenerToken(
            url=self._url, token=token, room_name=room_name, expires_at=issued_at + self._ttl
        )
