"""Prometheus metrics of one app: HTTP traffic by route, pool usage, and domain counters."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from domain.brief import BriefResult


class _PoolCollector(Collector):
    """Reads the pool's size when scraped, so no background task is needed to keep gauges current."""

    def __init__(self, pool: Callable[[], Any]) -> None:
        self._pool = pool

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self._pool()
        if pool is None:
            return
        size = GaugeMetricFamily(
            "agent_assist_db_pool_connections", "Connections in the pool", labels=["state"]
        )
        size.add_metric(["idle"], pool.get_idle_size())
        size.add_metric(["in_use"], pool.get_size() - pool.get_idle_size())
        yield size
        limit = GaugeMetricFamily("agent_assist_db_pool_max", "Largest size the pool may grow to")
        limit.add_metric([], pool.get_max_size())
        yield limit


class Metrics:
    """Every metric the API exposes, in a registry of its own so several apps can live in one process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "agent_assist_http_requests",
            "HTTP requests by route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "agent_assist_http_request_duration_seconds",
            "Time from request to the last byte of the response",
            ["method", "route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.briefs = Counter(
            "agent_assist_briefs", "Briefs built, by analyzer", ["analyzer"], registry=self.registry
        )
        self.brief_seconds = Histogram(
            "agent_assist_brief_build_seconds",
            "Time to build one brief (load and analyze)",
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.segments_written = Counter(
            "agent_assist_segments_written",
            "Transcript segments written through the API",
            registry=self.registry,
        )
        self.conversations_created = Counter(
            "agent_assist_conversations_created", "Conversations created", registry=self.registry
        )
        self.llm_calls = Counter(
            "agent_assist_llm_calls",
            "Requests to the language model, by outcome (ok, timeout, transport, status)",
            ["outcome"],
            registry=self.registry,
        )
        self.llm_seconds = Histogram(
            "agent_assist_llm_call_seconds",
            "Time of one request to the language model, whatever its outcome",
            buckets=(0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60),
            registry=self.registry,
        )
        self.llm_fallbacks = Counter(
            "agent_assist_llm_fallbacks",
            "Briefs served by the offline analyzer because the model's answer could not be used, by reason",
            ["reason"],
            registry=self.registry,
        )
        self.llm_dropped = Counter(
            "agent_assist_llm_dropped_items",
            "Items of the model's answer dropped by grounding, by kind",
            ["kind"],
            registry=self.registry,
        )
        self.transfer_notices = Counter(
            "agent_assist_transfer_notices",
            "Transfer notices by outcome (delivered, failed) per URL",
            ["outcome"],
            registry=self.registry,
        )
        self._pool: Any = None
        self.registry.register(_PoolCollector(lambda: self._pool))

    def observe_brief(self, result: BriefResult, seconds: float) -> None:
        """Counts one served brief (taking `seconds` to load and analyze) by the analyzer that produced it,
        and its model call if there was one."""
        self.brief_seconds.observe(seconds)
        self.briefs.labels(result.analyzer).inc()
        if result.analyzer.startswith("fallback:"):
            self.llm_fallbacks.labels(result.analyzer.removeprefix("fallback:")).inc()
        if result.llm_call is not None:
            self.llm_calls.labels(result.llm_call.outcome).inc()
            self.llm_seconds.observe(result.llm_call.seconds)
        for kind, count in result.dropped.items():
            self.llm_dropped.labels(kind).inc(count)

    def watch_pool(self, pool: Any) -> None:
        self._pool = pool

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Counts and times every routed HTTP request, labelled by the route template (not the raw path)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observe(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observe)
        finally:
            route = scope.get("path_template") or "unmatched"
            method = scope.get("method", "GET")
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - started)
