"""The livekit-agents worker: a hidden, subscribe-only participant per room, jobs run in threads."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from livekit import rtc
from livekit.agents import (
    AgentServer,
    AutoSubscribe,
    JobContext,
    JobExecutorType,
    JobRequest,
    WorkerPermissions,
)

from domain.conversations import ObservedSegment
from domain.ports import RoomDirectory
from domain.rooms import parse_binding
from observer.buffer import SegmentBuffer
from observer.call import CallObserver
from observer.metrics import ObserverStats
from observer.transcription import TOPIC, segment_from_stream

logger = logging.getLogger(__name__)
T = TypeVar("T")

_ROOM_GONE = {rtc.DisconnectReason.ROOM_DELETED, rtc.DisconnectReason.ROOM_CLOSED}
# Jobs join one at a time: when many rooms start together, concurrent joins from many job threads can
# starve one another past the SDK's deadline for acknowledging a connection (the FFI layer gives up
# after a few seconds). A join takes tens of milliseconds, so queueing them costs little.
_JOIN_LOCK = threading.Lock()


class MainLoop:
    """The process's main event loop, which owns the pool and the buffer. Jobs run in threads with loops
    of their own, so everything they ask of the database hops over here."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    async def run(self, coro: Coroutine[Any, Any, T]) -> T:
        if asyncio.get_running_loop() is self._loop:
            return await coro
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._loop))


class ObserverRuntime:
    """What every job shares: the main loop, the write buffer, the room directory and the counters."""

    def __init__(
        self, main: MainLoop, buffer: SegmentBuffer, rooms: RoomDirectory, stats: ObserverStats
    ) -> None:
        self.main = main
        self.buffer = buffer
        self.rooms = rooms
        self.stats = stats


def build_server(
    runtime: ObserverRuntime, *, agent_name: str, ws_url: str, api_key: str, api_secret: str, capacity: int
) -> AgentServer:
    def load(server: AgentServer) -> float:
        # Load is rooms held against capacity, not the machine's CPU: an observer room costs little CPU,
        # and a busy neighbour process on the same host must not make LiveKit stop dispatching rooms.
        # LiveKit prefers other workers once this passes its target load (0.7 by default).
        return min(1.0, len(server.active_jobs) / max(capacity, 1))

    async def admit(request: JobRequest) -> None:
        # The hard limit. The SDK's own threshold is left off: with no warm executors it counts every
        # room still being set up as a full job's load and would refuse a burst of rooms starting at once.
        if len(server.active_jobs) >= capacity:
            await request.reject(terminate=False)
        else:
            await request.accept(identity=f"observer-{request.job.id}", name="Agent Assist observer")

    server = AgentServer(
        # Jobs only read text streams and write to a shared buffer: threads hold far more rooms per
        # process than one process per room would.
        job_executor_type=JobExecutorType.THREAD,
        permissions=WorkerPermissions(
            can_publish=False,
            can_subscribe=True,
            can_publish_data=False,
            can_update_metadata=False,
            hidden=True,
        ),
        num_idle_processes=0,
        load_fnc=load,
        load_threshold=float("inf"),
        host="127.0.0.1",
        port=0,
        ws_url=ws_url,
        api_key=api_key,
        api_secret=api_secret,
        max_retry=5,
    )

    @server.rtc_session(agent_name=agent_name, on_request=admit)
    async def observe(ctx: JobContext) -> None:
        await observe_room(ctx, runtime)

    return server


async def observe_room(ctx: JobContext, runtime: ObserverRuntime) -> None:
    room_name = ctx.job.room.name
    binding = parse_binding(ctx.job.metadata)
    conversation_id = binding.conversation_id
    if conversation_id is None:
        conversation = await runtime.main.run(runtime.rooms.by_room(room_name))
        conversation_id = conversation.id if conversation else None
    if conversation_id is None:
        logger.warning("no conversation for room %s; leaving it", room_name)
        ctx.shutdown("no conversation for this room")
        return

    async def write(segment: ObservedSegment) -> None:
        await runtime.main.run(runtime.buffer.put(segment))

    async def record_event(cid: str, segment_id: str | None, kind: str, description: str) -> None:
        await runtime.main.run(runtime.rooms.record_event(cid, segment_id, kind, description))
        runtime.stats.shifts_flagged += 1

    call = CallObserver(conversation_id, write, record_event)
    readers: set[asyncio.Task[None]] = set()
    room_gone = asyncio.Event()

    def role_of(identity: str) -> str:
        participant = ctx.room.remote_participants.get(identity)
        if participant is not None and participant.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
            return "assistant"
        return "user"

    async def read(reader: rtc.TextStreamReader, identity: str) -> None:
        role = role_of(identity)
        try:
            text = await reader.read_all()
        except Exception as exc:  # a stream cut off mid-way: its next version or the final will follow
            logger.info("transcription stream %s ended early: %s", reader.info.stream_id, exc)
            return
        runtime.stats.streams_received += 1
        segment = segment_from_stream(
            conversation_id=conversation_id,
            stream_id=reader.info.stream_id,
            attributes=dict(reader.info.attributes or {}),
            text=text,
            role=role,  # type: ignore[arg-type]
        )
        if segment is not None:
            await call.on_segment(segment)

    def on_stream(reader: rtc.TextStreamReader, identity: str) -> None:
        task = asyncio.create_task(read(reader, identity))
        readers.add(task)
        task.add_done_callback(readers.discard)

    def on_participant(participant: rtc.RemoteParticipant) -> None:
        if participant.kind in (
            rtc.ParticipantKind.PARTICIPANT_KIND_STANDARD,
            rtc.ParticipantKind.PARTICIPANT_KIND_SIP,
        ):
            task = asyncio.create_task(runtime.main.run(runtime.rooms.caller_joined(conversation_id)))
            readers.add(task)
            task.add_done_callback(readers.discard)

    def on_disconnected(reason: Any) -> None:
        if reason in _ROOM_GONE:
            room_gone.set()

    async def on_shutdown(reason: str) -> None:
        if readers:
            await asyncio.gather(*readers, return_exceptions=True)
        runtime.stats.rooms_active -= 1
        if room_gone.is_set() or "room" in reason.lower():
            await runtime.main.run(runtime.rooms.end_call(conversation_id))
        logger.info("left room %s (%s); %d sentiment shifts", room_name, reason, call.shifts)

    # Registered before connecting so no stream published while we join is missed.
    ctx.room.register_text_stream_handler(TOPIC, on_stream)
    ctx.room.on("participant_connected", on_participant)
    ctx.room.on("disconnected", on_disconnected)
    ctx.add_shutdown_callback(on_shutdown)
    await asyncio.to_thread(_JOIN_LOCK.acquire)
    try:
        await ctx.connect(auto_subscribe=AutoSubscribe.SUBSCRIBE_NONE)
    finally:
        _JOIN_LOCK.release()
    runtime.stats.rooms_joined += 1
    runtime.stats.rooms_active += 1
    for participant in list(ctx.room.remote_participants.values()):
        on_participant(participant)
