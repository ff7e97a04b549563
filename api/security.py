"""The auth guard: every /core route names the scope it needs, and the guard resolves the caller first."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from domain.access import ORG_HEADER, authenticate
from domain.auth import Principal, Scope
from domain.errors import Forbidden
from domain.ports import AccessStore


async def require_scope(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Authenticate, then check the handler's `opt["scopes"]` (any one of them is enough)."""
    store: AccessStore = connection.app.state.access_store
    principal = await authenticate(
        store, connection.headers.get("Authorization"), connection.headers.get(ORG_HEADER)
    )
    needed: tuple[Scope, ...] = handler.opt.get("scopes", ())
    if needed and not any(principal.can(scope) for scope in needed):
        raise Forbidden(f"this token's role ({principal.role}) lacks the {' or '.join(needed)} scope")
    connection.state.principal = principal


def current_principal(request: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    principal: Principal = request.state.principal
    return principal


def scopes(*needed: Scope) -> dict[str, Any]:
    """Handler options naming the scopes a route accepts."""
    return {"scopes": needed}
