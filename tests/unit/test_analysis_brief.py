"""The offline brief: markers, sentiment levels, transfer reasons, compliance flags and the response shape."""

from __future__ import annotations

import asyncio
import re

import msgspec
import pytest

from domain.analysis import FLAG_TYPES, OfflineAnalyzer, RequiredDisclosure, build_brief
from domain.brief import SENTIMENT_LEVELS, AgentAssistPortal, BriefResult, CallRecord, Utterance

pytestmark = pytest.mark.unit

RECORDED = "Hello, this call may be recorded for quality. How can I help you today?"


def call(*turns: tuple[str, str], name: str | None = None) -> CallRecord:
    return CallRecord(
        phone_number="+15550001111",
        turns=[Utterance(role="user" if r == "u" else "assistant", content=c) for r, c in turns],
        known_caller_name=name,
    )


def marker_turns(brief: AgentAssistPortal, kind: str) -> list[int]:
    return [i for i, t in enumerate(brief.transcript) if any(m.type == kind for m in t.markers)]


def flag_types(brief: AgentAssistPortal) -> list[str]:
    return [f.type for f in brief.compliance_flags]


def test_frustration_marker_on_the_frustrated_caller_turn_only() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "Hi, I want to check on my delivery."),
            ("a", "Sure, one moment."),
            ("u", "This is ridiculous, I already told you the tracking number twice!"),
        )
    )
    assert marker_turns(brief, "frustration") == [3]


def test_identity_verified_marker_on_the_confirming_agent_turn() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "My account number is 55512345."),
            ("a", "Thanks, I've verified your account."),
            ("u", "Great."),
        )
    )
    assert marker_turns(brief, "identity_verified") == [2]


def test_no_identity_marker_when_agent_only_asks_to_verify() -> None:
    brief = build_brief(
        call(("a", "Can I verify your identity? What is your date of birth?"), ("u", "Sure."))
    )
    assert marker_turns(brief, "identity_verified") == []


def test_ai_commitment_marker_quotes_the_promise() -> None:
    brief = build_brief(
        call(
            ("u", "My parcel never arrived."),
            ("a", "I'm sorry. I'll make sure a replacement is shipped today."),
        )
    )
    assert marker_turns(brief, "ai_commitment") == [1]
    [m] = [m for m in brief.transcript[1].markers if m.type == "ai_commitment"]
    assert "replacement is shipped" in m.description


def test_escalation_trigger_marks_the_request_for_a_human() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "I need to change my flight."),
            ("a", "I can help with that."),
            ("u", "No, please let me talk to a real person."),
            ("a", "Of course."),
        )
    )
    assert marker_turns(brief, "escalation_trigger") == [3]
    assert "human" in brief.transfer_reason.lower()
    assert "turn 3" in brief.transfer_reason


def test_key_info_marker_where_details_were_shared() -> None:
    brief = build_brief(
        call(
            ("a", "What is your email address?"),
            ("u", "It's pat.lee@example.org"),
            ("u", "okay"),
        )
    )
    assert marker_turns(brief, "key_info") == [1]


def test_sentiment_shift_marks_each_change_of_level() -> None:
    brief = build_brief(
        call(
            ("u", "Hi, I have a question about my bill."),
            ("a", "Sure."),
            ("u", "I was charged twice and nobody has fixed it, this is unacceptable."),
            ("a", "Let me look."),
            ("u", "This is a damn joke, I want your supervisor NOW, I AM DONE!"),
        )
    )
    shifts = marker_turns(brief, "sentiment_shift")
    assert shifts == [2, 4]
    assert brief.header.sentiment.level == "escalated"


@pytest.mark.parametrize(
    ("caller_lines", "level"),
    [
        (["Hi, could you tell me my balance please?"], "calm"),
        (["The app shows an error when I log in."], "slightly_frustrated"),
        (["This is so frustrating, the app is broken."], "frustrated"),
        (
            ["This is ridiculous and unacceptable, I want to file a complaint about this useless service!"],
            "angry",
        ),
        (
            ["This is ridiculous.", "I already told you, get me a manager right now, this is a damn joke!"],
            "escalated",
        ),
    ],
)
def test_every_sentiment_level_is_reachable(caller_lines: list[str], level: str) -> None:
    turns: list[tuple[str, str]] = []
    for line in caller_lines:
        turns += [("a", "How can I help?"), ("u", line)]
    brief = build_brief(call(*turns))
    assert brief.header.sentiment.level == level
    assert brief.header.sentiment.label.lower().replace(" ", "_") == level


def test_calm_call_has_no_frustration_markers() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "I'd like to book a table for two tomorrow at 7 pm."),
            ("a", "Done, see you then."),
            ("u", "Thanks so much!"),
        )
    )
    assert marker_turns(brief, "frustration") == []
    assert marker_turns(brief, "sentiment_shift") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("I want to dispute a charge on my statement, I never authorized it.", "billing dispute"),
        ("my phone bill is way higher than it should be", "billing dispute"),
        ("there's a roaming charge on there and that's not mine", "billing dispute"),
        ("yeah i want to cancel my internet service", "account closure"),
        ("there are three transactions i didn't make on my debit card", "billing dispute"),
        ("my last bill had a late fee but i paid on time", "billing dispute"),
        ("Please close my account, I'm moving to another bank.", "account closure"),
        ("My lawyer will be in touch about this contract.", "legal matter"),
    ],
)
def test_transfer_reason_names_the_topic(line: str, expected: str) -> None:
    brief = build_brief(call(("a", RECORDED), ("u", line), ("a", "I understand.")))
    assert expected in brief.transfer_reason
    assert marker_turns(brief, "escalation_trigger") == [1]


def test_transfer_reason_for_frustration() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "The router still doesn't work and this is so frustrating."),
            ("a", "Let me check."),
        )
    )
    assert brief.transfer_reason.startswith("Caller frustration")
    assert marker_turns(brief, "escalation_trigger") == [1]


def test_transfer_reason_for_repeated_failure() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "Book the blue room for Thursday."),
            ("a", "Sorry, I didn't understand that."),
            ("u", "The blue room, Thursday."),
            ("a", "Sorry, I didn't understand that."),
        )
    )
    assert "failed" in brief.transfer_reason
    assert "2 times" in brief.transfer_reason
    assert marker_turns(brief, "escalation_trigger") == [4]


def test_transfer_reason_falls_back_when_no_trigger() -> None:
    brief = build_brief(call(("a", RECORDED), ("u", "What are your opening hours?")))
    assert brief.transfer_reason == "Caller needs assistance beyond the AI agent's scope."
    assert marker_turns(brief, "escalation_trigger") == []


def test_sensitive_data_before_verification_is_flagged() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "My card number is 4111 1111 1111 1111."),
            ("a", "Thanks, you're verified now."),
        )
    )
    [flag] = [f for f in brief.compliance_flags if f.type == "sensitive_data_before_verification"]
    assert flag.turn_index == 1
    assert "4111" not in flag.description  # the flag must not repeat the card number


def test_sensitive_data_after_verification_is_not_flagged() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("a", "Thank you, your identity has been verified."),
            ("u", "My account number is 99887766."),
        )
    )
    assert "sensitive_data_before_verification" not in flag_types(brief)


def test_unfulfillable_promise_is_flagged() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "Where is my refund?"),
            ("a", "I guarantee you'll receive the full refund within 24 hours."),
        )
    )
    [flag] = [f for f in brief.compliance_flags if f.type == "unfulfillable_promise"]
    assert flag.turn_index == 2


def test_ordinary_commitment_is_not_an_unfulfillable_promise() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "Can you email me the receipt?"),
            ("a", "I'll send the receipt to your email."),
        )
    )
    assert "unfulfillable_promise" not in flag_types(brief)


def test_missing_recording_disclosure_is_flagged_without_a_turn() -> None:
    brief = build_brief(call(("a", "Hi, how can I help?"), ("u", "Just a question.")))
    [flag] = [f for f in brief.compliance_flags if f.type == "missing_disclosure"]
    assert flag.turn_index is None


def test_recording_disclosure_said_means_no_flag_and_clean_call_has_no_flags() -> None:
    brief = build_brief(call(("a", RECORDED), ("u", "What are your opening hours?")))
    assert brief.compliance_flags == []


def test_required_disclosures_are_configurable() -> None:
    mini_miranda = RequiredDisclosure(
        name="debt collection notice", pattern=re.compile(r"this is an attempt to collect a debt")
    )
    turns = (("a", RECORDED), ("u", "Why are you calling me?"))
    brief = build_brief(call(*turns), required_disclosures=(mini_miranda,))
    assert [f.description for f in brief.compliance_flags] == [
        "Required debt collection notice was never given by the AI agent."
    ]
    assert build_brief(call(*turns), required_disclosures=()).compliance_flags == []


def test_flag_types_are_documented_snake_case() -> None:
    assert FLAG_TYPES == (
        "sensitive_data_before_verification",
        "unfulfillable_promise",
        "missing_disclosure",
        "sensitive_data_read_out",
    )


def test_one_turn_call_still_has_three_to_five_bullets_and_a_next_step() -> None:
    brief = build_brief(call(("u", "Hello?")))
    assert 3 <= len(brief.call_summary) <= 5
    assert 1 <= len(brief.suggested_next_steps) <= 3
    assert brief.header.caller_name == "Unknown Caller"


def test_empty_call_still_has_a_valid_brief() -> None:
    brief = build_brief(call())
    assert 3 <= len(brief.call_summary) <= 5
    assert 1 <= len(brief.suggested_next_steps) <= 3
    assert brief.transcript == []


def test_brief_matches_the_response_schema() -> None:
    brief = build_brief(
        call(
            ("a", "Hi, this call may be recorded. Who am I speaking with?"),
            ("u", "My name is Priya Nair, I was overcharged $45.20 on my last bill and I'm really annoyed."),
            ("a", "I'm sorry, I will look into the charge."),
            ("u", "Just put me through to a supervisor please."),
        )
    )
    data = msgspec.json.decode(msgspec.json.encode(brief))
    again = msgspec.convert(data, AgentAssistPortal)  # strict: unknown fields or bad enums would fail
    assert again == brief
    assert set(data) == {
        "header",
        "transfer_reason",
        "call_summary",
        "information_collected",
        "suggested_next_steps",
        "transcript",
        "compliance_flags",
    }
    assert 3 <= len(brief.call_summary) <= 5
    assert 1 <= len(brief.suggested_next_steps) <= 3
    assert {s.confidence for s in brief.suggested_next_steps} <= {"high", "medium", "low"}
    assert brief.header.sentiment.level in SENTIMENT_LEVELS
    assert all(f.type in FLAG_TYPES for f in brief.compliance_flags)


def test_next_steps_follow_the_situation() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "I want to dispute a charge, my account number is 12345678."),
        )
    )
    actions = " ".join(s.action for s in brief.suggested_next_steps).lower()
    assert "verify the caller's identity" in actions
    assert "disputed charge" in actions


def test_caller_name_unknown_when_never_said() -> None:
    assert build_brief(call(("u", "I need help with my order."))).header.caller_name == "Unknown Caller"


def test_caller_name_from_my_name_is() -> None:
    assert build_brief(call(("u", "Hi, my name is Tomas Eriksen."))).header.caller_name == "Tomas Eriksen"


def test_known_caller_name_wins() -> None:
    brief = build_brief(call(("u", "My name is Tom."), name="Thomas Anders"))
    assert brief.header.caller_name == "Thomas Anders"


def test_header_carries_phone_and_duration() -> None:
    brief = build_brief(CallRecord(phone_number="+15557654321", turns=[], duration_seconds=93))
    assert brief.header.phone_number == "+15557654321"
    assert brief.header.call_duration_seconds == 93


def test_same_input_gives_the_same_brief() -> None:
    c = call(
        ("a", RECORDED),
        ("u", "I was charged twice!! Call me at 415 555 0199."),
        ("a", "I will refund it within 3 days, I promise."),
        ("u", "Get me a manager."),
    )
    assert msgspec.json.encode(build_brief(c)) == msgspec.json.encode(build_brief(c))


def test_transcript_keeps_exactly_the_input_turns_in_order() -> None:
    turns = [("a", RECORDED), ("u", "first"), ("u", "second"), ("a", "third"), ("u", "")]
    brief = build_brief(call(*turns))
    assert [(t.role, t.content) for t in brief.transcript] == [
        ("user" if r == "u" else "assistant", c) for r, c in turns
    ]


async def test_offline_analyzer_returns_the_built_brief() -> None:
    analyzer = OfflineAnalyzer()
    c = call(("u", "Please cancel my subscription."))
    assert analyzer.name == "offline"
    assert await analyzer.analyze(c) == BriefResult(brief=build_brief(c), analyzer="offline")


def test_names_the_caller_mentions_do_not_become_the_caller() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "Someone rear-ended me this morning. My policy number is NW-448-2291."),
            ("a", "Thank you. I've verified your policy. Who is the other driver insured with?"),
            ("u", "They're with Contoso Mutual, policy 77120934."),
        )
    )
    assert brief.header.caller_name == "Unknown Caller"
    items = {(i.key, i.value) for i in brief.information_collected}
    assert ("company", "Contoso Mutual") in items  # a business, not the caller
    assert all(value != "They're" for _, value in items)
    assert marker_turns(brief, "identity_verified") == [2]


def test_a_question_about_cancellation_terms_is_not_a_closure() -> None:
    brief = build_brief(call(("a", RECORDED), ("u", "What is the taxi service's cancellation policy?")))
    assert "account closure" not in brief.transfer_reason


def test_calling_again_and_what_am_i_supposed_to_do_are_frustration() -> None:
    brief = build_brief(
        call(
            ("a", RECORDED),
            ("u", "I called Dr. Patel's office twice already. What am I supposed to do, I'm out of my meds."),
            ("a", "I'm not able to override the doctor's approval."),
        )
    )
    assert marker_turns(brief, "frustration") == [1]
    assert ("other_name", "Dr. Patel") in {(i.key, i.value) for i in brief.information_collected}


def test_a_flight_number_is_named_as_one() -> None:
    brief = build_brief(call(("u", "My flight BB 1422 from Denver got cancelled")))
    assert ("flight_number", "BB 1422") in {(i.key, i.value) for i in brief.information_collected}


def test_the_caller_name_the_ai_agent_greets_by() -> None:
    greeted = build_brief(
        call(("u", "I'd like to return a jacket."), ("a", "Sure. Thanks, Kim. What's the order?"))
    )
    assert greeted.header.caller_name == "Kim"
    named = build_brief(call(("a", "We have a salon called Great Clips."), ("u", "Book it.")))
    assert named.header.caller_name == "Unknown Caller"
    own = build_brief(call(("u", "My name is Ivo Brandt."), ("a", "Thanks, Ivan.")))
    assert own.header.caller_name == "Ivo Brandt"  # what the caller says comes first


def test_a_bare_transfer_request_asks_for_a_human() -> None:
    brief = build_brief(
        call(
            ("a", "I can't remove fees. A billing specialist can review that."),
            ("u", "ok please transfer me"),
        )
    )
    assert brief.transfer_reason.startswith("Caller asked to speak with a human agent at turn 1")


def test_the_summary_masks_a_grouped_number_by_its_digits() -> None:
    brief = build_brief(call(("a", "Can I have your account number?"), ("u", "it's 5510 2283 9")))
    assert ("account_number", "5510 2283 9") in {(i.key, i.value) for i in brief.information_collected}
    assert any("account number: …2839" in line for line in brief.call_summary)
    assert "moving house" not in str(
        build_brief(call(("u", "hi, i'm moving house next week"))).information_collected
    )


async def test_a_long_transcript_is_analyzed_without_blocking_the_event_loop() -> None:
    line = "I was charged twice for order ORD-1234 on March 3rd and I want a refund to a.b@example.com now. "
    turns = [Utterance(role="user" if i % 2 else "assistant", content=line) for i in range(2000)]
    long_call = CallRecord(phone_number="+15550001111", turns=turns)
    ticks = 0
    analysis = asyncio.create_task(OfflineAnalyzer().analyze(long_call))
    while not analysis.done():  # other work the loop serves while the brief is built
        ticks += 1
        await asyncio.sleep(0.001)
    assert len((await analysis).brief.transcript) == 2000
    assert ticks > 3

    short = CallRecord(phone_number="+15550001111", turns=turns[:20])
    assert (await OfflineAnalyzer().analyze(short)).brief == build_brief(short)


def test_sentiment_shift_skips_the_one_level_easing_of_a_caller_giving_details() -> None:
    brief = build_brief(
        call(
            ("u", "This is so frustrating, the app is broken and nobody fixed it."),
            ("a", "I'm sorry. What's your account number?"),
            ("u", "It's 55120-9983."),
            ("a", "And your zip code?"),
            ("u", "98101."),
            ("a", "Thanks."),
            ("u", "Okay."),
            ("a", "Anything else?"),
            ("u", "No."),
        )
    )
    shifts = [
        (i, m.description)
        for i, t in enumerate(brief.transcript)
        for m in t.markers
        if m.type == "sentiment_shift"
    ]
    assert shifts[0] == (0, "Caller sentiment changed from calm to frustrated.")
    # the level eases down one level a turn; the reader is told when it is back to calm, not at each step
    assert [d for _, d in shifts[1:]] == ["Caller sentiment changed from frustrated to calm."]
