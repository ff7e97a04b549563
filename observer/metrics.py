"""The observer's health and Prometheus endpoint, served on its own port from the main loop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aiohttp import web
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from observer.buffer import SegmentBuffer


class ObserverStats:
    """Counts kept by the observer itself (the buffer keeps its own); plain ints, read when scraped."""

    def __init__(self) -> None:
        self.rooms_joined = 0
        self.rooms_active = 0
        self.streams_received = 0
        self.shifts_flagged = 0


class _Collector(Collector):
    def __init__(self, stats: ObserverStats, buffer: SegmentBuffer) -> None:
        self._stats = stats
        self._buffer = buffer

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        b = self._buffer.stats
        counters = {
            "agent_assist_observer_rooms_joined": ("Rooms the observer joined", self._stats.rooms_joined),
            "agent_assist_observer_streams_received": (
                "Transcription streams read (each interim update is one)",
                self._stats.streams_received,
            ),
            "agent_assist_observer_segments_received": ("Segments handed to the write buffer", b.received),
            "agent_assist_observer_segments_written": ("Segment versions written to PostgreSQL", b.written),
            "agent_assist_observer_segments_coalesced": (
                "Segment updates merged into a pending version before writing",
                b.coalesced,
            ),
            "agent_assist_observer_write_failures": (
                "Batch writes that failed and were retried",
                b.write_failures,
            ),
            "agent_assist_observer_shifts_flagged": (
                "Caller sentiment shifts recorded",
                self._stats.shifts_flagged,
            ),
        }
        for name, (help_text, value) in counters.items():
            family = CounterMetricFamily(name, help_text)
            family.add_metric([], value)
            yield family
        overflow = CounterMetricFamily(
            "agent_assist_observer_buffer_overflow",
            "Overflow handling when the buffer was full",
            labels=["action"],
        )
        overflow.add_metric(["dropped_interim"], b.dropped_interim)
        overflow.add_metric(["waited_for_space"], b.waited_for_space)
        yield overflow
        depth = GaugeMetricFamily("agent_assist_observer_buffer_depth", "Segments waiting to be written")
        depth.add_metric([], self._buffer.depth)
        yield depth
        active = GaugeMetricFamily("agent_assist_observer_rooms_active", "Rooms being observed now")
        active.add_metric([], self._stats.rooms_active)
        yield active
        healthy = GaugeMetricFamily("agent_assist_observer_database_healthy", "1 while writes succeed")
        healthy.add_metric([], 1 if self._buffer.healthy else 0)
        yield healthy


async def start_metrics_server(
    stats: ObserverStats, buffer: SegmentBuffer, host: str, port: int
) -> tuple[web.AppRunner, int]:
    """Serve GET /health (200 while writes succeed, else 503) and GET /metrics; returns the bound port."""
    registry = CollectorRegistry()
    registry.register(_Collector(stats, buffer))

    async def health(_: web.Request) -> web.Response:
        status = 200 if buffer.healthy else 503
        return web.json_response(
            {"status": "ok" if buffer.healthy else "degraded", "buffer_depth": buffer.depth}, status=status
        )

    async def metrics(_: web.Request) -> web.Response:
        return web.Response(body=generate_latest(registry), content_type="text/plain", charset="utf-8")

    app = web.Application()
    app.router.add_get("/health", health)
    app.router.add_get("/metrics", metrics)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    sockets: Any = getattr(site._server, "sockets", None) or []
    bound: int = sockets[0].getsockname()[1] if sockets else port
    return runner, bound
