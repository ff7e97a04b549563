"""LiveKit webhooks: rooms and callers become conversations, and each live room gets an observer."""

from __future__ import annotations

import logging

from litestar import Request, post
from litestar.datastructures import State
from litestar.exceptions import NotAuthorizedException
from litestar.status_codes import HTTP_200_OK

from domain.errors import Unavailable

logger = logging.getLogger(__name__)


@post("/livekit/webhook", status_code=HTTP_200_OK, tags=["live monitoring"], include_in_schema=True)
async def livekit_webhook(request: Request[object, object, State], state: State) -> dict[str, str]:
    """Receiver for LiveKit's webhooks, authenticated by LiveKit's signature (not a bearer token).

    Point LiveKit's `webhook.urls` at this path; it uses the same API key and secret as the service.
    """
    verifier = state.webhook_verifier
    if verifier is None:
        raise Unavailable("LiveKit is not configured: set LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET")
    from infra.livekit.dispatch import WebhookError

    try:
        event = verifier.verify(await request.body(), request.headers.get("Authorization"))
    except WebhookError as exc:
        raise NotAuthorizedException(detail=str(exc)) from None
    outcome: str = await state.room_events.handle(event)
    logger.info("livekit %s for room %s: %s", event.kind, event.room_name, outcome)
    return {"event": event.kind, "room": event.room_name, "result": outcome}
