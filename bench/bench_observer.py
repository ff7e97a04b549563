"""Observer throughput: publish→visible-in-brief latency for one call and for N concurrent calls.

    python bench/bench_observer.py [--calls 10 50 200] [--segments 20]

Starts a real livekit-server, `agent-assist serve` and `agent-assist observe` on a fresh embedded
database (the same harness as tests/e2e), creates each call through the API with its LiveKit room
(which dispatches the observer), and has one voice-agent participant per room publish final caller
segments. For each segment it measures the time from publishing until the segment is the last turn
of GET /core/agent-assist/{phone} (polled every 5 ms). Also prints the observer process's CPU (share
of one core) and resident memory above its idle size, per room. The load generator, the API,
livekit-server and the observer share the machine, so the latency at high N includes all of them.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil
from livekit import api, rtc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.e2e.stack import API_KEY, API_SECRET, Stack

TOPIC = "lk.transcription"


def agent_token(room: str) -> str:
    grants = api.VideoGrants(
        room_join=True, room=room, can_publish=True, can_subscribe=False, can_publish_data=True
    )
    return (
        api.AccessToken(API_KEY, API_SECRET)
        .with_identity("voice-agent")
        .with_kind("agent")
        .with_grants(grants)
        .to_jwt()
    )


async def open_call(stack: Stack, http: httpx.AsyncClient, index: int, tag: str) -> tuple[rtc.Room, str, str]:
    room_name = f"bench-{tag}-{index}"
    phone = f"+1415{index:07d}"
    response = await http.post(
        "/core/conversations", json={"user_id": phone, "room_name": room_name, "status": "in_progress"}
    )
    response.raise_for_status()
    room = rtc.Room()
    await room.connect(stack.livekit.ws_url, agent_token(room_name))
    return room, phone, room_name


async def wait_observed(stack: Stack, rooms: list[str], timeout: float = 120) -> None:
    async with api.LiveKitAPI(stack.livekit.http_url, API_KEY, API_SECRET) as lk:
        deadline = time.monotonic() + timeout
        pending = set(rooms)
        while pending and time.monotonic() < deadline:
            for name in list(pending):
                listed = await lk.room.list_participants(api.ListParticipantsRequest(room=name))
                if any(p.permission.hidden for p in listed.participants):
                    pending.discard(name)
            await asyncio.sleep(0.2)
        if pending:
            raise TimeoutError(f"observer never joined {len(pending)} rooms")


async def say(room: rtc.Room, segment_id: str, text: str) -> None:
    writer = await room.local_participant.stream_text(
        topic=TOPIC,
        attributes={"lk.segment_id": segment_id, "lk.transcription_final": "true"},
        sender_identity="caller",
    )
    await writer.write(text)
    await writer.aclose()


async def visible_after(
    http: httpx.AsyncClient, room: rtc.Room, phone: str, segment_id: str, text: str
) -> float:
    started = time.perf_counter()
    await say(room, segment_id, text)
    while True:
        response = await http.get(f"/core/agent-assist/{phone}")
        turns = response.json().get("transcript", []) if response.status_code == 200 else []
        if turns and turns[-1]["content"] == text:
            return (time.perf_counter() - started) * 1000
        if time.perf_counter() - started > 30:
            raise TimeoutError(f"{segment_id} not visible after 30 s")
        await asyncio.sleep(0.005)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run_calls(
    stack: Stack, http: httpx.AsyncClient, n: int, segments: int, tag: str, idle_rss: int
) -> None:
    observer = psutil.Process(stack.observer.process.pid)  # type: ignore[union-attr]
    calls = await asyncio.gather(*(open_call(stack, http, i, tag) for i in range(n)))
    await wait_observed(stack, [name for _, _, name in calls])
    cpu_before = observer.cpu_times()
    wall = time.perf_counter()
    latencies: list[float] = []

    async def one(room: rtc.Room, phone: str, index: int) -> None:
        for s in range(segments):
            latencies.append(
                await visible_after(
                    http, room, phone, f"SG_{tag}_{index}_{s}", f"Call {index} says line {s}."
                )
            )
            await asyncio.sleep(0.2)

    await asyncio.gather(*(one(room, phone, i) for i, (room, phone, _) in enumerate(calls)))
    elapsed = time.perf_counter() - wall
    cpu = observer.cpu_times()
    cpu_share = ((cpu.user - cpu_before.user) + (cpu.system - cpu_before.system)) / elapsed
    rss = observer.memory_info().rss
    print(
        f"{n:>6} {len(latencies):>9} {statistics.median(latencies):9.1f} {pct(latencies, 0.95):9.1f} "
        f"{cpu_share * 100:7.0f}% {rss / 2**20:9.0f} {(rss - idle_rss) / 2**20 / max(n, 1):11.2f}",
        flush=True,
    )
    for room, _, _ in calls:
        await room.disconnect()


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--segments", type=int, default=20)
    args = parser.parse_args()
    stack = Stack(Path(tempfile.mkdtemp(prefix="aa-observer-bench-")))
    stack.start()
    try:
        async with httpx.AsyncClient(
            base_url=stack.api_url, headers={"Authorization": f"Bearer {stack.key}"}, timeout=60
        ) as http:
            idle_rss = psutil.Process(stack.observer.process.pid).memory_info().rss  # type: ignore[union-attr]
            print(f"observer idle: {idle_rss / 2**20:.0f} MiB")
            print(" calls  segments   p50 ms    p95 ms  obs CPU   RSS MiB  MiB/room")
            await run_calls(stack, http, 1, 50, "single", idle_rss)
            for n in args.calls:
                await run_calls(stack, http, n, args.segments, f"n{n}", idle_rss)
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    # A SIGTERM (from `timeout`, say) unwinds through main's `finally`, which stops the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(asyncio.run(main()))
