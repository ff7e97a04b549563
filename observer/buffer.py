"""A bounded, coalescing write buffer between the rooms the observer hears and PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from domain.conversations import ObservedSegment
from domain.ports import TranscriptSink

logger = logging.getLogger(__name__)

Key = tuple[str, str]


class BufferStats:
    """Counters the observer exports; plain ints so the buffer has no metrics dependency."""

    def __init__(self) -> None:
        self.received = 0
        self.written = 0
        self.coalesced = 0
        self.dropped_interim = 0
        self.waited_for_space = 0
        self.write_failures = 0


class SegmentBuffer:
    """Holds segments until they are written; nothing accepted by `put` is lost while the process lives.

    - Coalescing: one pending entry per (conversation, segment id). A newer version replaces an older
      one, except that a final is never replaced by an interim.
    - Flushing: a batch goes out when `batch_size` entries are pending or `flush_interval` has passed.
    - Failure: a failed write leaves its entries pending and is retried with exponential backoff
      (`retry_initial` doubling up to `retry_max`); entries that changed meanwhile keep the newer version.
    - Overflow, at `max_pending` distinct segments: an interim entry is dropped to make room (a later
      update or the final of the same segment supersedes it anyway); when every pending entry is a
      final, `put` waits for space, so backpressure reaches the stream reader instead of losing a final.
    - Shutdown: `aclose()` drains everything pending (retrying) until `drain_timeout` runs out.
    """

    def __init__(
        self,
        sink: TranscriptSink,
        *,
        max_pending: int = 10_000,
        batch_size: int = 500,
        flush_interval: float = 0.02,
        retry_initial: float = 0.1,
        retry_max: float = 2.0,
        drain_timeout: float = 30.0,
        on_written: Callable[[list[ObservedSegment]], None] | None = None,
    ) -> None:
        if max_pending < 1 or batch_size < 1:
            raise ValueError("max_pending and batch_size must be positive")
        self._sink = sink
        self._max_pending = max_pending
        self._batch_size = batch_size
        self._flush_interval = flush_interval
        self._retry_initial = retry_initial
        self._retry_max = retry_max
        self._drain_timeout = drain_timeout
        self._on_written = on_written
        self._pending: dict[Key, ObservedSegment] = {}
        self._wake = asyncio.Event()
        self._space = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.stats = BufferStats()
        self.healthy = True

    @property
    def depth(self) -> int:
        return len(self._pending)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="segment-buffer-flush")

    async def put(self, segment: ObservedSegment) -> None:
        if self._closing:
            raise RuntimeError("the buffer is closed")
        self.stats.received += 1
        key = segment.key
        previous = self._pending.get(key)
        if previous is not None:
            self.stats.coalesced += 1
            if not (previous.final and not segment.final):
                self._pending[key] = segment
            return
        if len(self._pending) >= self._max_pending and not self._evict_interim():
            self.stats.waited_for_space += 1
            async with self._space:
                await self._space.wait_for(lambda: len(self._pending) < self._max_pending or self._closing)
        self._pending[key] = segment
        if len(self._pending) >= self._batch_size:
            self._wake.set()

    def _evict_interim(self) -> bool:
        for key, pending in self._pending.items():
            if not pending.final:
                del self._pending[key]
                self.stats.dropped_interim += 1
                return True
        return False

    async def _run(self) -> None:
        delay = self._retry_initial
        while True:
            # Wait for the timer or a full batch, unless a full batch (or a drain) is already due.
            if not (self._closing or len(self._pending) >= self._batch_size):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._flush_interval)
            self._wake.clear()
            if not self._pending:
                if self._closing:
                    return
                continue
            if await self._flush_once():
                delay = self._retry_initial
            else:
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._retry_max)

    async def _flush_once(self) -> bool:
        batch = list(self._pending.values())[: self._batch_size]
        try:
            await self._sink.write(batch)
        except Exception as exc:  # the sink's failure modes are many (network, server restart); all retry
            self.stats.write_failures += 1
            if self.healthy:
                logger.warning("writing %d segments failed (%s); holding them and retrying", len(batch), exc)
            self.healthy = False
            return False
        if not self.healthy:
            logger.info("writes recovered; %d segments pending", len(self._pending))
        self.healthy = True
        for segment in batch:
            # Keep an entry that was updated while its older version was being written.
            if self._pending.get(segment.key) is segment:
                del self._pending[segment.key]
        self.stats.written += len(batch)
        if self._on_written is not None:
            self._on_written(batch)
        async with self._space:
            self._space.notify_all()
        return True

    async def flush(self, within: float = 10.0) -> None:
        """Wait until everything put so far is written (or raise TimeoutError after `within` seconds)."""
        deadline = time.monotonic() + within
        while self._pending:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(self._pending)} segments still pending")
            self._wake.set()
            await asyncio.sleep(0.01)

    async def aclose(self) -> None:
        """Stop accepting, drain what is pending, stop the flush task."""
        self._closing = True
        if self._task is None:
            return
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout=self._drain_timeout)
        except TimeoutError:
            logger.error("shutting down with %d segments unwritten", len(self._pending))
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        async with self._space:
            self._space.notify_all()
        self._task = None
