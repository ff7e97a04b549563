"""The observer's write buffer: coalescing, retry without loss, bounded size, drain on close."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from domain.conversations import ObservedSegment
from observer.buffer import SegmentBuffer

pytestmark = pytest.mark.unit


class FlakySink:
    """Stores like an idempotent upsert; fails while `down` is set."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], ObservedSegment] = {}
        self.writes = 0
        self.down = False

    async def write(self, batch: Sequence[ObservedSegment]) -> None:
        await asyncio.sleep(0)
        if self.down:
            raise ConnectionError("database unreachable")
        self.writes += 1
        for segment in batch:
            current = self.rows.get(segment.key)
            if current is None or segment.final or not current.final:
                self.rows[segment.key] = segment


def seg(segment_id: str, content: str, final: bool = True, conversation: str = "c1") -> ObservedSegment:
    return ObservedSegment(
        conversation_id=conversation, segment_id=segment_id, role="user", content=content, final=final
    )


async def test_interim_updates_coalesce_and_final_wins() -> None:
    sink = FlakySink()
    buffer = SegmentBuffer(sink, flush_interval=10)
    buffer.start()
    await buffer.put(seg("s1", "I", final=False))
    await buffer.put(seg("s1", "I was", final=False))
    await buffer.put(seg("s1", "I was charged", final=True))
    await buffer.put(seg("s1", "I was ch", final=False))
    assert buffer.depth == 1
    await buffer.aclose()
    assert sink.rows[("c1", "s1")].content == "I was charged"
    assert sink.writes == 1


async def test_nothing_is_lost_while_the_sink_is_down() -> None:
    sink = FlakySink()
    sink.down = True
    buffer = SegmentBuffer(sink, flush_interval=0.005, retry_initial=0.005, retry_max=0.02)
    buffer.start()
    for i in range(50):
        await buffer.put(seg(f"s{i}", f"turn {i}"))
    await asyncio.sleep(0.1)
    assert not buffer.healthy and buffer.stats.write_failures > 0
    assert buffer.depth == 50
    sink.down = False
    await buffer.flush(within=5)
    assert buffer.healthy
    assert sorted(sink.rows) == sorted(("c1", f"s{i}") for i in range(50))
    await buffer.aclose()


async def test_an_update_during_a_failed_write_is_kept() -> None:
    sink = FlakySink()
    sink.down = True
    buffer = SegmentBuffer(sink, flush_interval=0.005, retry_initial=0.005, retry_max=0.01)
    buffer.start()
    await buffer.put(seg("s1", "hel", final=False))
    await asyncio.sleep(0.03)
    await buffer.put(seg("s1", "hello there", final=True))
    sink.down = False
    await buffer.flush(within=5)
    await buffer.aclose()
    assert sink.rows[("c1", "s1")].content == "hello there"
    assert sink.rows[("c1", "s1")].final


async def test_full_buffer_drops_interims_first_then_waits_for_space() -> None:
    sink = FlakySink()
    sink.down = True
    buffer = SegmentBuffer(sink, max_pending=3, flush_interval=0.005, retry_initial=0.005, retry_max=0.01)
    buffer.start()
    await buffer.put(seg("a", "interim", final=False))
    await buffer.put(seg("b", "final b"))
    await buffer.put(seg("c", "final c"))
    await buffer.put(seg("d", "final d"))  # evicts the interim "a"
    assert buffer.stats.dropped_interim == 1
    blocked = asyncio.create_task(buffer.put(seg("e", "final e")))  # only finals left: waits
    await asyncio.sleep(0.05)
    assert not blocked.done()
    sink.down = False
    await asyncio.wait_for(blocked, timeout=5)
    await buffer.aclose()
    assert {k[1] for k in sink.rows} == {"b", "c", "d", "e"}
    assert buffer.stats.waited_for_space == 1


async def test_close_drains_pending_segments() -> None:
    sink = FlakySink()
    buffer = SegmentBuffer(sink, flush_interval=60, batch_size=1000)
    buffer.start()
    for i in range(10):
        await buffer.put(seg(f"s{i}", "x", conversation=f"c{i % 3}"))
    await buffer.aclose()
    assert len(sink.rows) == 10
    with pytest.raises(RuntimeError):
        await buffer.put(seg("late", "x"))


async def test_batches_respect_the_batch_size() -> None:
    sink = FlakySink()
    buffer = SegmentBuffer(sink, flush_interval=60, batch_size=4)
    buffer.start()
    for i in range(10):
        await buffer.put(seg(f"s{i}", "x"))
    await buffer.aclose()
    assert len(sink.rows) == 10
    assert sink.writes == 3
