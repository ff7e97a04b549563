"""Seed 000: the handoff brief of a caller's newest conversation, built fresh on every request."""

from __future__ import annotations

import time

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from api.errors import error_responses
from api.metrics import Metrics
from api.security import scopes
from domain.auth import READ_SENSITIVE, Principal
from domain.brief import AgentAssistPortal
from domain.ports import BriefAnalyzer, ConversationStore
from domain.services import brief_for_caller
from infra.settings import Settings

# The brief carries a transcript: never let a shared browser or a proxy keep a copy.
NO_STORE = {"Cache-Control": "no-store, private", "Pragma": "no-cache"}


@get(
    "/core/agent-assist/{phone_number:str}",
    opt=scopes(READ_SENSITIVE),
    tags=["agent-assist"],
    responses=error_responses(400, 401, 403, 404, 422, 503),
)
async def get_agent_assist(
    phone_number: FromPath[str],
    principal: NamedDependency[Principal],
    conversations: NamedDependency[ConversationStore],
    analyzer: NamedDependency[BriefAnalyzer],
    settings: NamedDependency[Settings],
    metrics: NamedDependency[Metrics],
) -> Response[AgentAssistPortal]:
    """The AgentAssistPortal brief of the newest conversation whose caller is this number (404 if none)."""
    started = time.perf_counter()
    _, result = await brief_for_caller(
        conversations,
        analyzer,
        principal.organization_id,
        phone_number,
        default_region=settings.default_region,
    )
    metrics.observe_brief(result, time.perf_counter() - started)
    # Which analyzer produced this brief: offline, llm, hybrid, or fallback:<reason>.
    return Response(result.brief, headers={**NO_STORE, "X-Brief-Analyzer": result.analyzer})
