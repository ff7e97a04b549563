"""The handoff page: a signed, short-lived link to one caller's brief, rendered on the server and kept live."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import msgspec
from litestar import Litestar, Request, Response, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import ServerSentEvent, ServerSentEventMessage, Template
from litestar.static_files import create_static_files_router
from litestar.status_codes import HTTP_200_OK
from litestar.template.config import TemplateConfig

from api.errors import error_responses
from api.metrics import Metrics
from api.portal_view import BRIEF_TEMPLATE, MESSAGE_TEMPLATE, PAGE_TEMPLATE, brief_context
from api.security import scopes
from domain.auth import READ_SENSITIVE, Principal
from domain.conversations import Conversation
from domain.errors import InvalidInput, NotFound
from domain.handoff import HandoffNotice, compose_notice
from domain.links import LinkExpired, LinkInvalid, PortalGrant, sign_link, verify_link
from domain.phone import normalize_phone
from domain.ports import BriefAnalyzer, ConversationStore
from domain.services import brief_for_caller, brief_of
from infra.link_secret import link_secret
from infra.postgres.notifications import PostgresChangeListener
from infra.settings import Settings

logger = logging.getLogger(__name__)

API_DIR = Path(__file__).resolve().parent.parent
TEMPLATES = API_DIR / "templates"
STATIC = API_DIR / "static"

# The page shows a transcript and its URL carries the link: nothing may keep a copy or pass the URL on.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Cache-Control": "no-store, private",
    "Pragma": "no-cache",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
}


class PortalRuntime:
    """What the page routes share in one process: the link secret, its lifetime, the change listener."""

    def __init__(
        self,
        *,
        secret: bytes,
        ttl_s: int,
        listener: PostgresChangeListener,
        stream_max_s: float = 30.0,
        keepalive_s: float = 10.0,
        debounce_s: float = 0.1,
    ) -> None:
        self.secret = secret
        self.ttl_s = ttl_s
        self.listener = listener
        # A stream ends after this long and the page reconnects: uvicorn waits for open responses before it
        # stops, so this bounds how long a deploy waits on an open page.
        self.stream_max_s = stream_max_s
        self.keepalive_s = keepalive_s
        self.debounce_s = debounce_s


def portal_lifespan(
    settings: Settings, **tuning: float
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """Starts the process's LISTEN connection and loads the link secret; runs after the database lifespan."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        secret = await asyncio.to_thread(link_secret, settings)
        listener = PostgresChangeListener(app.state.database.dsn)
        await listener.start()
        app.state.portal = PortalRuntime(
            secret=secret, ttl_s=settings.link_ttl_s, listener=listener, **tuning
        )
        try:
            yield
        finally:
            await listener.aclose()

    return lifespan


def portal_template_config() -> TemplateConfig[JinjaTemplateEngine]:
    def tidy(engine: JinjaTemplateEngine) -> None:
        engine.engine.trim_blocks = True
        engine.engine.lstrip_blocks = True

    return TemplateConfig(directory=TEMPLATES, engine=JinjaTemplateEngine, engine_callback=tidy)


def _portal(state: State) -> PortalRuntime:
    runtime: PortalRuntime = state.portal
    return runtime


_PORTAL = {"portal": Provide(_portal, sync_to_thread=False)}


class PortalLinkOut(msgspec.Struct, kw_only=True, frozen=True):
    url: str
    expires_at: datetime


@post(
    "/core/agent-assist/{phone_number:str}/link",
    opt=scopes(READ_SENSITIVE),
    status_code=HTTP_200_OK,
    dependencies=_PORTAL,
    tags=["agent-assist"],
    responses=error_responses(400, 401, 403, 404, 422, 503),
)
async def create_portal_link(
    request: Request[Any, Any, Any],
    phone_number: FromPath[str],
    principal: NamedDependency[Principal],
    conversations: NamedDependency[ConversationStore],
    settings: NamedDependency[Settings],
    portal: NamedDependency[PortalRuntime],
) -> PortalLinkOut:
    """A signed link to the handoff page of this caller, for a browser without an API key: it shows this
    number's newest conversation in the token's organization until it expires. 404 when the number has no
    conversation, like the brief itself."""
    phone = normalize_phone(phone_number, settings.default_region)
    await conversations.latest_for_caller(principal.organization_id, phone)
    link = sign_link(
        portal.secret, principal.organization_id, phone, now=int(time.time()), ttl_s=portal.ttl_s
    )
    # Behind a proxy the request's host is the internal one: the configured public URL is what a browser uses.
    base = settings.public_url or str(request.base_url).rstrip("/")
    return PortalLinkOut(
        url=f"{base}{_page_path(phone)}?t={link.token}",
        expires_at=datetime.fromtimestamp(link.expires_at, UTC),
    )


async def transfer_notice(
    conversations: ConversationStore,
    analyzer: BriefAnalyzer,
    conversation: Conversation,
    portal: PortalRuntime,
    base_url: str,
) -> HandoffNotice:
    """A transfer notice for this conversation, carrying a fresh signed link to its handoff page."""
    result = await brief_of(conversations, analyzer, conversation)
    link = sign_link(
        portal.secret,
        conversation.organization_id,
        conversation.user_id,
        now=int(time.time()),
        ttl_s=portal.ttl_s,
    )
    url = f"{base_url}{_page_path(conversation.user_id)}?t={link.token}"
    return compose_notice(conversation, result.brief, url, datetime.fromtimestamp(link.expires_at, UTC))


def _page_path(phone: str) -> str:
    return f"/agent-assist/{quote(phone, safe='+')}"


class _Refusal(msgspec.Struct, frozen=True):
    status_code: int
    kind: str
    title: str
    message: str
    hint: str | None = None


_NO_LINK = _Refusal(
    401,
    "expired",
    "This page opens from a link",
    "Open the handoff page from the link in the transfer notification.",
    "Links are issued by POST /core/agent-assist/{phone_number}/link.",
)
_EXPIRED = _Refusal(
    401,
    "expired",
    "This link has expired",
    "Handoff links work for a short time only. Ask for a new one.",
    "The transfer notification or the tool that sent you here can issue a fresh link.",
)
_INVALID = _Refusal(
    403,
    "invalid",
    "This link is not valid",
    "The link was changed or cut short, or it belongs to another caller. Ask for a new one.",
)
_NOT_FOUND = _Refusal(
    404,
    "not-found",
    "Not Found",
    "There is no conversation for this phone number.",
)


def _authorize(
    portal: PortalRuntime, phone_number: str, token: str | None, region: str
) -> PortalGrant | _Refusal:
    try:
        phone = normalize_phone(phone_number, region)
    except InvalidInput:
        return _NOT_FOUND if token else _NO_LINK
    if not token:
        return _NO_LINK
    try:
        return verify_link(portal.secret, token, phone, now=int(time.time()))
    except LinkExpired:
        return _EXPIRED
    except LinkInvalid:
        return _INVALID


def _refusal_page(refusal: _Refusal) -> Template:
    return Template(
        template_name=MESSAGE_TEMPLATE,
        context=msgspec.structs.asdict(refusal),
        status_code=refusal.status_code,
        headers=PAGE_HEADERS,
    )


async def _brief(
    conversations: ConversationStore,
    analyzer: BriefAnalyzer,
    metrics: Metrics,
    grant: PortalGrant,
    region: str,
) -> tuple[Conversation, dict[str, Any]]:
    started = time.perf_counter()
    conversation, result = await brief_for_caller(
        conversations, analyzer, grant.organization_id, grant.phone_number, default_region=region
    )
    metrics.observe_brief(result, time.perf_counter() - started)
    return conversation, brief_context(conversation, result.brief, result.analyzer)


@get("/agent-assist/{phone_number:str}", include_in_schema=False, dependencies=_PORTAL)
async def portal_page(
    phone_number: FromPath[str],
    portal: NamedDependency[PortalRuntime],
    conversations: NamedDependency[ConversationStore],
    analyzer: NamedDependency[BriefAnalyzer],
    settings: NamedDependency[Settings],
    metrics: NamedDependency[Metrics],
    t: FromQuery[str | None] = None,
) -> Template:
    """The handoff page (seed 000): the whole brief on one screen; the signed link is the credential."""
    grant = _authorize(portal, phone_number, t, settings.default_region)
    if isinstance(grant, _Refusal):
        return _refusal_page(grant)
    try:
        _, context = await _brief(conversations, analyzer, metrics, grant, settings.default_region)
    except NotFound:
        return _refusal_page(_NOT_FOUND)
    events = f"{_page_path(grant.phone_number)}/events?t={quote(t or '', safe='')}"
    return Template(
        template_name=PAGE_TEMPLATE,
        context={**context, "events_url": events},
        headers=PAGE_HEADERS,
    )


@get("/agent-assist/{phone_number:str}/events", include_in_schema=False, dependencies=_PORTAL)
async def portal_events(
    request: Request[Any, Any, Any],
    phone_number: FromPath[str],
    portal: NamedDependency[PortalRuntime],
    conversations: NamedDependency[ConversationStore],
    analyzer: NamedDependency[BriefAnalyzer],
    settings: NamedDependency[Settings],
    metrics: NamedDependency[Metrics],
    t: FromQuery[str | None] = None,
) -> Response[Any]:
    """Server-sent events for an open page: `token` (a renewed link for reconnecting), `brief` (the brief's
    HTML, now and after every new final turn), `ended` when the call is over; comments keep it alive."""
    grant = _authorize(portal, phone_number, t, settings.default_region)
    if isinstance(grant, _Refusal):
        return Response(
            grant.title, status_code=grant.status_code, media_type="text/plain", headers=PAGE_HEADERS
        )
    try:
        current = await conversations.latest_for_caller(grant.organization_id, grant.phone_number)
    except NotFound:
        return Response(
            _NOT_FOUND.message,
            status_code=_NOT_FOUND.status_code,
            media_type="text/plain",
            headers=PAGE_HEADERS,
        )
    engine = request.app.template_engine
    assert engine is not None, "create_app sets portal_template_config()"
    template = engine.get_template(BRIEF_TEMPLATE)

    async def render() -> tuple[Conversation, str]:
        conversation, context = await _brief(conversations, analyzer, metrics, grant, settings.default_region)
        return conversation, template.render(**context).strip()

    return ServerSentEvent(
        _events(portal, grant, current.id, render),
        headers=PAGE_HEADERS,
    )


async def _events(
    portal: PortalRuntime,
    grant: PortalGrant,
    conversation_id: str,
    render: Callable[[], Any],
) -> AsyncIterator[ServerSentEventMessage]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + portal.stream_max_s
    renewed = sign_link(
        portal.secret, grant.organization_id, grant.phone_number, now=int(time.time()), ttl_s=portal.ttl_s
    )
    # An open page keeps working past its link's expiry: it reconnects with this renewed token.
    yield ServerSentEventMessage(event="token", data=renewed.token)
    sequence = 0
    async with portal.listener.subscribe(conversation_id) as changes:
        while True:
            conversation, html = await render()
            sequence += 1
            yield ServerSentEventMessage(event="brief", data=html, id=sequence)
            if conversation.id != conversation_id:
                return  # the caller has a newer call: the page reconnects and follows that one
            if conversation.is_over:
                yield ServerSentEventMessage(event="ended", data=conversation.status)
                return
            while True:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return
                if await changes.wait(min(portal.keepalive_s, remaining)):
                    break
                yield ServerSentEventMessage(comment="keepalive", data=None)
            # Turns of one utterance arrive close together: wait a moment and build one brief for all of them.
            await asyncio.sleep(portal.debounce_s)
            changes.drain()


def portal_routes() -> list[Any]:
    """The page, its event stream and its CSS and JavaScript (the link route joins the guarded /core)."""
    return [
        portal_page,
        portal_events,
        create_static_files_router(path="/static", directories=[STATIC], include_in_schema=False),
    ]
