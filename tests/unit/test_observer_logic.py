"""The observer's pure parts: reading both transcription shapes, scoring caller turns, room events."""

from __future__ import annotations

import pytest

from domain.conversations import ObservedSegment
from domain.rooms import RoomEvent, caller_number, is_caller, parse_binding
from observer.call import CallObserver
from observer.transcription import segment_from_stream

pytestmark = pytest.mark.unit


def test_interim_and_final_streams_of_one_segment_share_its_id() -> None:
    interim = segment_from_stream(
        conversation_id="c",
        stream_id="st1",
        attributes={"lk.segment_id": "SG_1", "lk.transcription_final": "false"},
        text="I was",
        role="user",
    )
    final = segment_from_stream(
        conversation_id="c",
        stream_id="st2",
        attributes={"lk.segment_id": "SG_1", "lk.transcription_final": "true"},
        text="I was charged twice",
        role="user",
    )
    assert interim is not None and final is not None
    assert interim.key == final.key == ("c", "SG_1")
    assert (interim.final, final.final) == (False, True)


def test_a_delta_stream_is_final_when_its_trailer_says_so() -> None:
    # attributes here are the header merged with the trailer, as the SDK presents them after reading
    segment = segment_from_stream(
        conversation_id="c",
        stream_id="st9",
        attributes={"lk.segment_id": "SG_a", "lk.transcription_final": "true"},
        text="Let me check that for you. ",
        role="assistant",
    )
    assert segment is not None and segment.final and segment.content == "Let me check that for you."


def test_blank_streams_are_ignored_and_missing_ids_fall_back_to_the_stream() -> None:
    assert (
        segment_from_stream(conversation_id="c", stream_id="s", attributes={}, text="   ", role="user")
        is None
    )
    segment = segment_from_stream(
        conversation_id="c", stream_id="s7", attributes={}, text="hello", role="user"
    )
    assert segment is not None and segment.segment_id == "s7" and segment.final


async def test_a_caller_turning_angry_records_one_shift_per_change() -> None:
    written: list[ObservedSegment] = []
    events: list[tuple[str, str | None, str, str]] = []

    async def write(segment: ObservedSegment) -> None:
        written.append(segment)

    async def record(cid: str, segment_id: str | None, kind: str, description: str) -> None:
        events.append((cid, segment_id, kind, description))

    call = CallObserver("conv_1", write, record)
    lines = [
        ("u1", "Hi, I have a question about my bill."),
        ("u2", "I already told you twice, this is ridiculous!"),
        ("u3", "I want a manager RIGHT NOW or I'm cancelling and filing a complaint."),
    ]
    await call.on_segment(
        ObservedSegment(conversation_id="conv_1", segment_id="u1", role="user", content="Hi", final=False)
    )
    for segment_id, text in lines:
        await call.on_segment(
            ObservedSegment(
                conversation_id="conv_1", segment_id=segment_id, role="user", content=text, final=True
            )
        )
    # a repeated final of the same segment is not scored twice
    await call.on_segment(
        ObservedSegment(
            conversation_id="conv_1", segment_id="u3", role="user", content=lines[2][1], final=True
        )
    )
    assert len(written) == 5
    assert events, "no sentiment shift recorded"
    assert all(kind == "sentiment_shift" for _, _, kind, _ in events)
    assert events[0][3].startswith("Caller went from calm to")
    assert call.level in ("angry", "escalated", "frustrated")
    assert len(events) == call.shifts <= 3


def test_room_metadata_binds_an_organization() -> None:
    assert parse_binding('{"organization_id": "org_1"}').organization_id == "org_1"
    nested = parse_binding('{"agent_assist": {"organization_id": "org_2", "conversation_id": "conv_9"}}')
    assert (nested.organization_id, nested.conversation_id) == ("org_2", "conv_9")
    assert parse_binding("not json").organization_id is None
    assert parse_binding("").organization_id is None


def test_only_visible_humans_count_as_callers() -> None:
    sip = RoomEvent(
        kind="participant_joined", room_name="r", participant_kind="sip", participant_identity="sip-1"
    )
    monitor = RoomEvent(
        kind="participant_joined", room_name="r", participant_kind="standard", participant_hidden=True
    )
    agent = RoomEvent(kind="participant_joined", room_name="r", participant_kind="agent")
    assert is_caller(sip) and not is_caller(monitor) and not is_caller(agent)


def test_a_sip_callers_number_becomes_the_user_id() -> None:
    event = RoomEvent(
        kind="participant_joined",
        room_name="r",
        participant_kind="sip",
        participant_identity="sip_abc",
        participant_attributes={"sip.phoneNumber": "+1 (415) 555-0101"},
    )
    assert caller_number(event, "US") == ("+14155550101", "telephone")
    web = RoomEvent(
        kind="participant_joined", room_name="r", participant_kind="standard", participant_identity="web-7"
    )
    assert caller_number(web, "US") == ("web-7", "webrtc")
