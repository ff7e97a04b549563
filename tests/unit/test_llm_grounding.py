"""Grounding of a language model's brief: crafted answers with invented or misplaced items are caught."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

from domain.analysis import OfflineAnalyzer
from domain.brief import CallRecord, Utterance
from domain.grounding import ground_brief, ground_narrative, is_grounded, normalize
from domain.llm_brief import (
    DraftBrief,
    DraftNarrative,
    InvalidOutput,
    brief_messages,
    json_schema,
    parse_draft,
    render_transcript,
)

pytestmark = pytest.mark.unit

CALL = CallRecord(
    phone_number="+15551234567",
    turns=[
        Utterance(
            role="assistant", content="Thanks for calling Acme, this call may be recorded. How can I help?"
        ),
        Utterance(
            role="user",
            content="Hi, this is Dana Wright. My account number is 4481-2290 and I was charged twice.",
        ),
        Utterance(
            role="assistant",
            content="Thank you Dana, I've verified your identity. I will refund the $42.50 today.",
        ),
        Utterance(role="user", content="This is the third time I'm calling! I want a manager now."),
    ],
)
OFFLINE = OfflineAnalyzer().brief(CALL)


def answer(**overrides: Any) -> dict[str, Any]:
    """A well-grounded answer, with the given fields replaced."""
    good: dict[str, Any] = {
        "caller_name": "Dana Wright",
        "information_collected": [
            {"key": "account number", "value": "4481 2290", "turn_index": 1},
            {"key": "name", "value": "Dana Wright", "turn_index": 1},
        ],
        "markers": [
            {"turn_index": 1, "type": "key_info", "description": "Caller gave the account number."},
            {"turn_index": 2, "type": "identity_verified", "description": "Agent verified the caller."},
            {"turn_index": 3, "type": "frustration", "description": "Third call about the same charge."},
        ],
        "sentiment": "angry",
        "transfer_reason": "Caller asked for a manager after a double charge.",
        "call_summary": [
            "Caller was charged twice on account 44812290.",
            "Agent verified identity and promised a refund of $42.50.",
            "Caller is calling for the third time and wants a manager.",
        ],
        "suggested_next_steps": [{"action": "Confirm the refund was issued.", "confidence": "high"}],
    }
    good.update(overrides)
    return good


def ground(obj: dict[str, Any]) -> tuple[Any, dict[str, int]]:
    draft, dropped = parse_draft(json.dumps(obj), DraftBrief)
    return ground_brief(CALL, draft, OFFLINE, dropped)


def test_a_grounded_answer_is_kept_whole() -> None:
    brief, dropped = ground(answer())
    assert dropped == {}
    assert brief is not None
    assert [(i.key, i.value, i.turn_index) for i in brief.information_collected] == [
        ("account_number", "4481 2290", 1),
        ("name", "Dana Wright", 1),
    ]
    assert [[m.type for m in t.markers] for t in brief.transcript] == [
        [],
        ["key_info"],
        ["identity_verified"],
        ["frustration"],
    ]
    assert brief.header.sentiment.level == "angry"
    assert brief.header.sentiment.label == "Angry"
    assert brief.header.caller_name == "Dana Wright"
    assert brief.header.phone_number == CALL.phone_number
    assert brief.compliance_flags == OFFLINE.compliance_flags
    assert is_grounded(CALL, brief) == []


def test_an_invented_account_number_is_dropped() -> None:
    info = [
        *answer()["information_collected"],
        {"key": "account number", "value": "99812345", "turn_index": 1},
        {"key": "order id", "value": "ORD-7781", "turn_index": 3},
    ]
    brief, dropped = ground(answer(information_collected=info))
    assert brief is not None
    assert dropped == {"information_collected": 2}
    assert [i.value for i in brief.information_collected] == ["4481 2290", "Dana Wright"]


def test_an_invented_number_in_the_summary_is_dropped() -> None:
    summary = [*answer()["call_summary"], "Refund reference 7730091 was created."]
    brief, dropped = ground(answer(call_summary=summary))
    assert brief is not None
    assert dropped == {"call_summary": 1}
    assert all("7730091" not in point for point in brief.call_summary)


def test_a_value_cited_on_the_wrong_turn_is_moved_to_the_turn_that_says_it() -> None:
    info = [{"key": "name", "value": "dana WRIGHT", "turn_index": 3}]
    brief, dropped = ground(answer(information_collected=info))
    assert brief is not None and dropped == {}
    assert brief.information_collected[0].turn_index == 1


def test_a_short_number_must_be_a_whole_number_of_the_turn() -> None:
    # "229" sits inside 4481-2290 but is not a number the caller said.
    info = [*answer()["information_collected"], {"key": "count", "value": "229", "turn_index": 1}]
    _, dropped = ground(answer(information_collected=info))
    assert dropped == {"information_collected": 1}


def test_a_marker_on_a_nonexistent_turn_is_dropped() -> None:
    markers = [*answer()["markers"], {"turn_index": 9, "type": "frustration", "description": "Angry."}]
    brief, dropped = ground(answer(markers=markers))
    assert brief is not None
    assert dropped == {"markers": 1}
    assert len(brief.transcript) == len(CALL.turns)


def test_a_marker_on_the_wrong_speaker_is_dropped() -> None:
    markers = [
        *answer()["markers"],
        {"turn_index": 0, "type": "frustration", "description": "The agent is frustrated."},
        {"turn_index": 1, "type": "ai_commitment", "description": "Caller committed."},
    ]
    brief, dropped = ground(answer(markers=markers))
    assert brief is not None
    assert dropped == {"markers": 2}
    assert brief.transcript[0].markers == []
    assert [m.type for m in brief.transcript[1].markers] == ["key_info"]


def test_an_out_of_enum_level_or_marker_type_is_rejected() -> None:
    markers = [*answer()["markers"], {"turn_index": 3, "type": "furious", "description": "Very angry."}]
    steps = [
        {"action": "Escalate to a manager.", "confidence": "certain"},
        {"action": "Confirm the refund was issued.", "confidence": "high"},
    ]
    brief, dropped = ground(answer(sentiment="livid", markers=markers, suggested_next_steps=steps))
    assert brief is not None
    assert dropped == {"sentiment": 1, "markers": 1, "suggested_next_steps": 1}
    assert brief.header.sentiment == OFFLINE.header.sentiment  # the offline level stands in
    assert [s.action for s in brief.suggested_next_steps] == ["Confirm the refund was issued."]


def test_lists_longer_than_allowed_are_cut_and_counted() -> None:
    summary = [f"Point {word}." for word in ("one", "two", "three", "four", "five", "six", "seven")]
    brief, dropped = ground(answer(call_summary=summary))
    assert brief is not None
    assert len(brief.call_summary) == 5
    assert dropped == {"call_summary": 2}


def test_an_invented_caller_name_is_replaced_by_the_offline_one() -> None:
    brief, dropped = ground(answer(caller_name="John Smith"))
    assert brief is not None
    assert dropped == {"caller_name": 1}
    assert brief.header.caller_name == OFFLINE.header.caller_name


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param(
            {"call_summary": ["Caller was charged twice.", "Account 5550001 is closed."]}, id="summary"
        ),
        pytest.param({"suggested_next_steps": [{"action": "   ", "confidence": "high"}]}, id="no-step"),
        pytest.param({"transfer_reason": "Order 123456 was lost."}, id="reason"),
        pytest.param(
            {
                "information_collected": [
                    {"key": "account", "value": "11112222", "turn_index": 1},
                    {"key": "email", "value": "dana@example.com", "turn_index": 1},
                    {"key": "name", "value": "Dana Wright", "turn_index": 1},
                ],
                "markers": [],
            },
            id="mostly-invented",
        ),
    ],
)
def test_too_little_left_means_no_llm_brief(overrides: dict[str, Any]) -> None:
    brief, dropped = ground(answer(**overrides))
    assert brief is None
    assert dropped


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '{"call_summary": "one string"}', '{"markers": 3'])
def test_an_answer_that_is_not_the_expected_object_is_invalid(raw: str) -> None:
    with pytest.raises(InvalidOutput):
        parse_draft(raw, DraftBrief)


def test_hybrid_keeps_offline_facts_and_takes_the_prose_that_passes() -> None:
    obj = {
        "transfer_reason": "Caller wants a manager about a double charge.",
        "call_summary": ["Charged twice.", "Third call."],  # too few: the offline summary stays
        "suggested_next_steps": [
            {"action": "Refund the duplicate charge of $42.50.", "confidence": "high"},
            {"action": "Refund invoice 88812.", "confidence": "medium"},  # invented number
        ],
    }
    draft, dropped = parse_draft(json.dumps(obj), DraftNarrative)
    brief, dropped = ground_narrative(CALL, draft, OFFLINE, dropped)
    assert brief is not None
    assert brief.transfer_reason == obj["transfer_reason"]
    assert brief.call_summary == OFFLINE.call_summary
    assert [s.action for s in brief.suggested_next_steps] == ["Refund the duplicate charge of $42.50."]
    assert brief.information_collected == OFFLINE.information_collected
    assert brief.transcript == OFFLINE.transcript
    assert brief.compliance_flags == OFFLINE.compliance_flags
    assert dropped == {"call_summary": 2, "suggested_next_steps": 1}


def test_hybrid_with_nothing_usable_is_no_brief() -> None:
    obj = {"transfer_reason": "", "call_summary": [], "suggested_next_steps": []}
    draft, dropped = parse_draft(json.dumps(obj), DraftNarrative)
    brief, _ = ground_narrative(CALL, draft, OFFLINE, dropped)
    assert brief is None


def test_the_schema_is_generated_strict_and_self_contained() -> None:
    schema = json_schema(DraftBrief)
    text = json.dumps(schema)
    assert "$ref" not in text and "$defs" not in text
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {f.name for f in msgspec.structs.fields(DraftBrief)}
    marker = schema["properties"]["markers"]["items"]
    assert marker["additionalProperties"] is False
    assert set(marker["properties"]["type"]["enum"]) == {
        "frustration",
        "identity_verified",
        "ai_commitment",
        "escalation_trigger",
        "key_info",
        "sentiment_shift",
    }
    assert schema["properties"]["call_summary"]["minItems"] == 3
    assert schema["properties"]["suggested_next_steps"]["maxItems"] == 3


def test_the_prompt_numbers_turns_and_keeps_the_newest_when_long() -> None:
    assert "[1] caller: Hi, this is Dana Wright." in brief_messages(CALL)[1]["content"]
    long_call = CallRecord(
        phone_number="x", turns=[Utterance(role="user", content=f"turn {i} " + "x" * 90) for i in range(200)]
    )
    text = render_transcript(long_call, max_chars=1000)
    assert text.startswith("[…]")
    assert "[199] caller: turn 199" in text
    assert "[0] caller" not in text


def test_offline_briefs_pass_the_same_checks() -> None:
    assert is_grounded(CALL, OFFLINE) == []


def test_normalize() -> None:
    assert normalize("Order #55-123!") == "order55123"
    assert normalize("  ") == ""
