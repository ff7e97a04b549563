"""The composition root of the HTTP service: create_app(settings) builds everything and owns its lifetime."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any, TypeVar

import asyncpg
from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.di import Provide
from litestar.logging.config import LoggingConfig
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.params import HeaderParameter

from api.errors import domain_error_handler, failure_handler, log_failure
from api.metrics import Metrics, MetricsMiddleware
from api.routes.agent_assist import get_agent_assist
from api.routes.conversations import ConversationController
from api.routes.handoff import get_handoff_state
from api.routes.livekit import livekit_webhook
from api.routes.monitoring import create_listener_token
from api.routes.ops import health, metrics, ready
from api.routes.portal import create_portal_link, portal_lifespan, portal_routes, portal_template_config
from api.security import current_principal, require_scope
from domain.errors import DomainError
from domain.ports import (
    BriefAnalyzer,
    ConversationStore,
    HandoffNotifier,
    ListenerTokenIssuer,
    ObserverDispatcher,
)
from domain.rooms import RoomEventHandler
from infra.postgres.database import Database
from infra.postgres.repositories import PostgresAccessStore, PostgresConversationStore, PostgresRoomDirectory
from infra.settings import Settings

logger = logging.getLogger(__name__)
T = TypeVar("T")


def default_analyzer(settings: Settings) -> BriefAnalyzer:
    """The brief analyzer AGENT_ASSIST_ANALYZER names: offline (default), llm or hybrid."""
    from infra.llm import build_analyzer

    return build_analyzer(settings)


def _conversation_store(state: State) -> ConversationStore:
    store: ConversationStore = state.conversation_store
    return store


def _room_events(state: State) -> RoomEventHandler:
    handler: RoomEventHandler = state.room_events
    return handler


def _constant(value: T) -> Callable[[], T]:
    def provide() -> T:
        return value

    return provide


def listener_token_issuer(settings: Settings) -> ListenerTokenIssuer | None:
    if not settings.livekit_configured:
        return None
    from infra.livekit.tokens import LiveKitListenerTokenIssuer

    assert settings.livekit_url and settings.livekit_api_key and settings.livekit_api_secret
    return LiveKitListenerTokenIssuer(
        url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=settings.livekit_api_secret,
        ttl=timedelta(seconds=settings.listener_token_ttl_s),
    )


def observer_dispatcher(settings: Settings) -> ObserverDispatcher | None:
    if not settings.livekit_configured:
        return None
    from infra.livekit.dispatch import LiveKitObserverDispatcher

    assert settings.livekit_url and settings.livekit_api_key and settings.livekit_api_secret
    return LiveKitObserverDispatcher(
        url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=settings.livekit_api_secret,
        agent_name=settings.observer_agent_name,
    )


def webhook_verifier(settings: Settings) -> Any:
    if not settings.livekit_configured:
        return None
    from infra.livekit.dispatch import LiveKitWebhookVerifier

    assert settings.livekit_api_key and settings.livekit_api_secret
    return LiveKitWebhookVerifier(api_key=settings.livekit_api_key, api_secret=settings.livekit_api_secret)


def transfer_notifier(settings: Settings, metrics: Metrics) -> Any:
    if not settings.notify_urls:
        return None
    from infra.notify import WebhookNotifier

    return WebhookNotifier(
        settings.notify_urls,
        secret=settings.notify_secret,
        on_outcome=lambda outcome: metrics.transfer_notices.labels(outcome).inc(),
    )


def _notifier(state: State) -> HandoffNotifier | None:
    notifier: HandoffNotifier | None = state.notifier
    return notifier


def create_app(settings: Settings, *, analyzer: BriefAnalyzer | None = None) -> Litestar:
    app_metrics = Metrics()
    brief_analyzer = analyzer or default_analyzer(settings)
    issuer = listener_token_issuer(settings)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        database = await Database.open(settings)
        app.state.database = database
        app.state.conversation_store = PostgresConversationStore(database.pool)
        app.state.access_store = PostgresAccessStore(database.pool)
        app.state.room_events = RoomEventHandler(
            PostgresRoomDirectory(database.pool),
            observer_dispatcher(settings),
            default_organization=settings.default_organization,
            default_region=settings.default_region,
        )
        app.state.notifier = transfer_notifier(settings, app_metrics)
        app_metrics.watch_pool(database.pool)
        try:
            yield
        finally:
            app_metrics.watch_pool(None)
            if app.state.notifier is not None:
                await app.state.notifier.aclose()
            await database.close()

    core = Router(
        path="/",
        route_handlers=[
            ConversationController,
            get_agent_assist,
            get_handoff_state,
            create_listener_token,
            create_portal_link,
        ],
        guards=[require_scope],
        dependencies={"principal": Provide(current_principal, sync_to_thread=False)},
        security=[{"bearer": []}],
        parameters={
            "x_anyreach_org": HeaderParameter(
                name="X-Anyreach-Org",
                required=False,
                description="The organization a personal token (pat_) acts in; an API key (ak_) has its own",
            )
        },
    )
    return Litestar(
        route_handlers=[core, health, ready, metrics, livekit_webhook, *portal_routes()],
        lifespan=[lifespan, portal_lifespan(settings)],
        template_config=portal_template_config(),
        dependencies={
            "conversations": Provide(_conversation_store, sync_to_thread=False),
            "room_events": Provide(_room_events, sync_to_thread=False),
            "notifier": Provide(_notifier, sync_to_thread=False),
            "analyzer": Provide(_constant(brief_analyzer), use_cache=True, sync_to_thread=False),
            "settings": Provide(_constant(settings), use_cache=True, sync_to_thread=False),
            "listener_tokens": Provide(_constant(issuer), use_cache=True, sync_to_thread=False),
            "metrics": Provide(_constant(app_metrics), use_cache=True, sync_to_thread=False),
        },
        middleware=[DefineMiddleware(MetricsMiddleware, metrics=app_metrics)],
        exception_handlers={
            DomainError: domain_error_handler,
            asyncpg.PostgresError: failure_handler,
            OSError: failure_handler,
            UnicodeDecodeError: failure_handler,
            RecursionError: failure_handler,
        },
        after_exception=[log_failure],
        # Logging (level, format) is the entry point's to set: Litestar leaves the root logger alone, and failed
        # requests are logged by log_failure, not by Litestar (which would log every 4xx, or nothing).
        logging_config=LoggingConfig(configure_root_logger=False, log_exceptions="never"),
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="Agent Assist",
            version="0.1.0",
            description="Handoff briefs, listen-only monitoring and handoff states for AI voice agents on LiveKit.",
            path="/schema",
            render_plugins=[ScalarRenderPlugin()],
            components=Components(
                security_schemes={
                    "bearer": SecurityScheme(
                        type="http",
                        scheme="bearer",
                        description="An organization API key (ak_…) or a personal token (pat_…)",
                    )
                }
            ),
        ),
        state=State({"webhook_verifier": webhook_verifier(settings)}),
    )


def create_app_from_env() -> Litestar:
    """Factory for ASGI servers: `uvicorn --factory api.app:create_app_from_env`."""
    return create_app(Settings.from_env())
