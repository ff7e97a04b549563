"""The disclosures a deployment requires: named in AGENT_ASSIST_REQUIRED_DISCLOSURES, missing or late in a call."""

from __future__ import annotations

import pytest

from domain.analysis import DISCLOSURES, OfflineAnalyzer, RequiredDisclosure, build_brief
from domain.brief import AgentAssistPortal, CallRecord, Utterance
from infra.llm import build_analyzer
from infra.settings import DISCLOSURE_NAMES, Settings, SettingsError

pytestmark = pytest.mark.unit


def call(*turns: tuple[str, str]) -> CallRecord:
    return CallRecord(
        phone_number="+14155550100",
        turns=[Utterance(role="user" if r == "u" else "assistant", content=t) for r, t in turns],
    )


def disclosure_flags(brief: AgentAssistPortal) -> list[tuple[int | None, str]]:
    return [(f.turn_index, f.description) for f in brief.compliance_flags if f.type == "missing_disclosure"]


def required(*names: str) -> tuple[RequiredDisclosure, ...]:
    return tuple(DISCLOSURES[n] for n in names)


COLLECTION_CALL = (
    ("u", "Hello?"),
    (
        "a",
        "Hi, this is Ava, an automated assistant calling from Crestline Recovery. Am I speaking with Dana Ruiz?",
    ),
    ("u", "Yes, that's me."),
    (
        "a",
        "Thank you. This is an attempt to collect a debt, and any information obtained will be used for that "
        "purpose. Calls are recorded. You have a balance of $412.60 with Northfield Utilities.",
    ),
    ("u", "I already paid that in March."),
)


def test_the_settings_names_are_the_analyzers_catalogue() -> None:
    assert set(DISCLOSURE_NAMES) == set(DISCLOSURES)


def test_recording_is_required_by_default_and_none_requires_nothing() -> None:
    assert Settings.from_env({}).required_disclosures == ("recording",)
    assert Settings.from_env({"AGENT_ASSIST_REQUIRED_DISCLOSURES": "none"}).required_disclosures == ()
    spaced = Settings.from_env(
        {"AGENT_ASSIST_REQUIRED_DISCLOSURES": " Recording , debt_collection,recording"}
    )
    assert spaced.required_disclosures == ("recording", "debt_collection")


def test_an_unknown_disclosure_name_stops_start_up_with_the_known_names() -> None:
    with pytest.raises(SettingsError, match=r"unknown 'hipaa'.*recording, ai, debt_collection, or none"):
        Settings.from_env({"AGENT_ASSIST_REQUIRED_DISCLOSURES": "recording,hipaa"})


def test_the_service_checks_what_the_settings_require() -> None:
    silent = call(("a", "Hi, thanks for calling. How can I help?"), ("u", "What time do you close?"))
    for env, expected in (
        ({}, ["Required call recording disclosure was never given by the AI agent."]),
        ({"AGENT_ASSIST_REQUIRED_DISCLOSURES": "none"}, []),
        (
            {"AGENT_ASSIST_REQUIRED_DISCLOSURES": "ai,debt_collection"},
            [
                "Required AI disclosure (that the caller is talking to an automated assistant) was never given by "
                "the AI agent.",
                "Required debt collection disclosure (mini-Miranda) was never given by the AI agent.",
            ],
        ),
    ):
        analyzer = build_analyzer(Settings.from_env(env))
        assert isinstance(analyzer, OfflineAnalyzer)
        assert [d for _, d in disclosure_flags(analyzer.brief(silent))] == expected


def test_a_collectors_call_with_its_mini_miranda_needs_nothing_more() -> None:
    brief = build_brief(call(*COLLECTION_CALL), required_disclosures=required("ai", "debt_collection"))
    assert disclosure_flags(brief) == []


@pytest.mark.parametrize(
    "said",
    [
        "This is an attempt to collect a debt.",
        "Please note this call is from a debt collector.",
        "I am a debt collector, and any information we obtain will be used for that purpose.",
    ],
)
def test_the_mini_miranda_in_its_usual_wordings(said: str) -> None:
    brief = build_brief(call(("a", said), ("u", "Okay.")), required_disclosures=required("debt_collection"))
    assert disclosure_flags(brief) == []


def test_a_collector_who_never_gives_the_mini_miranda_is_flagged() -> None:
    turns = [
        t if i != 3 else ("a", "Thank you. You have a balance of $412.60.")
        for i, t in enumerate(COLLECTION_CALL)
    ]
    brief = build_brief(call(*turns), required_disclosures=required("debt_collection"))
    assert disclosure_flags(brief) == [
        (None, "Required debt collection disclosure (mini-Miranda) was never given by the AI agent.")
    ]


def test_a_recording_notice_after_the_conversation_started_is_late() -> None:
    brief = build_brief(
        call(
            ("a", "Thanks for calling Harbor Bank, how can I help?"),
            ("u", "I need to dispute a charge."),
            ("a", "Sure. Can I have your account number?"),
            ("u", "It's 44810297."),
            ("a", "Thanks. Before we go on, this call may be recorded for quality purposes."),
            ("u", "Okay."),
        )
    )
    assert disclosure_flags(brief) == [
        (
            4,
            "Required call recording disclosure was given late, at turn 4, after the caller had spoken 2 times; "
            "it belongs at the start of the call.",
        )
    ]


@pytest.mark.parametrize(
    "turns",
    [
        # in the greeting
        (
            ("a", "Thanks for calling, this call may be recorded. How can I help?"),
            ("u", "Hi."),
            ("a", "Go on."),
        ),
        # in the answer to the caller's first words (the caller spoke first, as on a call the AI agent placed)
        (
            ("u", "Hello?"),
            ("a", "Hi, this is Harbor Bank. Calls are recorded."),
            ("u", "Okay."),
            ("a", "So..."),
        ),
    ],
)
def test_a_recording_notice_at_the_start_is_on_time(turns: tuple[tuple[str, str], ...]) -> None:
    assert disclosure_flags(build_brief(call(*turns))) == []


def test_an_ai_that_names_itself_late_is_flagged_at_that_turn() -> None:
    brief = build_brief(
        call(
            ("a", "Hi, this is Sam from Orbit Mobile. How can I help?"),
            ("u", "My phone has no signal."),
            ("a", "Let me check the network in your area."),
            ("u", "Thanks."),
            ("a", "As a virtual assistant I can only restart your line; shall I?"),
            ("u", "Yes."),
        ),
        required_disclosures=required("ai"),
    )
    assert [turn for turn, _ in disclosure_flags(brief)] == [4]


@pytest.mark.parametrize(
    "said",
    [
        "Hi, Lakeview Gas here. We record all calls for training. What can I do for you?",
        "Hello, you're through to Pinecrest Water. We may record and monitor your call. How can I help?",
        "Hi there, just so you know, we monitor and record calls to improve our service. What do you need?",
        "Welcome to Ridgeway Insurance. Calls with our advisers may be recorded. How can I help?",
    ],
)
def test_a_recording_notice_in_other_natural_wordings_counts(said: str) -> None:
    brief = build_brief(call(("a", said), ("u", "I'd like to check my bill."), ("a", "Sure.")))
    assert disclosure_flags(brief) == []


@pytest.mark.parametrize(
    "said",
    [
        "Sorry, I didn't record it. Can you say the meter reading again?",
        "We don't record calls on this line. How can I help?",
        "I'm recording your call reason as a billing question. How can I help?",
        "Thanks, meter reading 20417 recorded for account 5512 0093. Anything else?",
    ],
)
def test_talk_of_recording_that_tells_no_recording_is_no_notice(said: str) -> None:
    brief = build_brief(call(("a", said), ("u", "Fine."), ("a", "Thanks.")))
    assert disclosure_flags(brief) == [
        (None, "Required call recording disclosure was never given by the AI agent.")
    ]
