"""Liveness, readiness and Prometheus metrics: no auth, so probes and scrapers can reach them."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from api.metrics import Metrics


@get("/health", media_type=MediaType.JSON, tags=["operations"], sync_to_thread=False)
def health() -> dict[str, str]:
    """The process is up and serving requests."""
    return {"status": "ok"}


@get(
    "/ready",
    media_type=MediaType.JSON,
    tags=["operations"],
    responses={
        503: ResponseSpec(data_container=dict[str, str], description="The database cannot be reached")
    },
)
async def ready(state: State) -> Response[dict[str, Any]]:
    """The database answers; 503 while it does not."""
    try:
        await state.database.pool.fetchval("select 1", timeout=2)
    except Exception as exc:  # any failure to reach the database means not ready
        return Response(
            {"status": "unavailable", "database": f"unreachable: {type(exc).__name__}"},
            status_code=HTTP_503_SERVICE_UNAVAILABLE,
        )
    return Response({"status": "ready", "database": "ok"}, status_code=HTTP_200_OK)


@get("/metrics", tags=["operations"], sync_to_thread=False, media_type="text/plain; version=0.0.4")
def metrics(metrics: NamedDependency[Metrics]) -> Response[bytes]:
    """Prometheus text exposition."""
    return Response(metrics.render(), media_type="text/plain; version=0.0.4")  # Litestar adds the charset
