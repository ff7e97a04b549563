"""The observer's composition root: database, write buffer, metrics endpoint and the LiveKit worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading

from infra.postgres.database import Database
from infra.postgres.repositories import PostgresRoomDirectory, PostgresTranscriptSink
from infra.settings import Settings

logger = logging.getLogger(__name__)

# How long a stop signal waits for rooms to be left before the buffer is drained and the process exits.
SHUTDOWN_TIMEOUT_S = 15


def run(settings: Settings) -> int:
    if not settings.livekit_configured:
        print(
            "agent-assist observe: LiveKit is not configured; set LIVEKIT_URL, LIVEKIT_API_KEY and "
            "LIVEKIT_API_SECRET to run the observer. Exiting.",
            file=sys.stderr,
        )
        return 0
    # The observer runs no voice models; skip livekit-agents' warm-up of its bundled turn detector.
    os.environ.setdefault("LIVEKIT_AGENTS_PRELOAD_LOCAL_INFERENCE", "0")
    status = asyncio.run(serve(settings))
    lingering = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if lingering:
        # Everything accepted is written and the database is closed; a room's job thread that did not
        # finish in time must not keep the process alive past its stop signal.
        logger.warning("exiting with %d job threads still running", len(lingering))
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status


async def serve(settings: Settings) -> int:
    from observer.buffer import SegmentBuffer
    from observer.metrics import ObserverStats, start_metrics_server
    from observer.worker import MainLoop, ObserverRuntime, build_server

    assert settings.livekit_url and settings.livekit_api_key and settings.livekit_api_secret
    database = await Database.open(settings)
    buffer = SegmentBuffer(PostgresTranscriptSink(database.pool))
    buffer.start()
    stats = ObserverStats()
    runner, port = await start_metrics_server(stats, buffer, settings.host, settings.observer_metrics_port)
    print(f"agent-assist observe: health and metrics on http://{settings.host}:{port}/metrics", flush=True)
    runtime = ObserverRuntime(
        MainLoop(asyncio.get_running_loop()), buffer, PostgresRoomDirectory(database.pool), stats
    )
    server = build_server(
        runtime,
        agent_name=settings.observer_agent_name,
        ws_url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=settings.livekit_api_secret,
        capacity=settings.observer_capacity,
    )
    registered = asyncio.Event()
    server.on("worker_registered", lambda *_: registered.set())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    worker = asyncio.create_task(server.run(devmode=False), name="livekit-worker")
    stopper = asyncio.create_task(stop.wait(), name="stop-signal")
    try:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(registered.wait()), timeout=30)
        if registered.is_set():
            print(f"agent-assist observe: registered as {settings.observer_agent_name!r}", flush=True)
        await asyncio.wait({worker, stopper}, return_when=asyncio.FIRST_COMPLETED)
        status = 0
        if worker.done() and worker.exception() is not None:
            logger.error("the LiveKit worker stopped: %s", worker.exception())
            status = 1
    finally:
        stopper.cancel()
        try:
            await asyncio.wait_for(server.aclose(), timeout=SHUTDOWN_TIMEOUT_S)
        except TimeoutError:
            logger.warning("the LiveKit worker did not close within %ss", SHUTDOWN_TIMEOUT_S)
        worker.cancel()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await worker
        await buffer.aclose()
        await runner.cleanup()
        await database.close()
    return status
