"""A caller in distress (afraid, in tears, panicking) is not a caller annoyed with the service: the header says so
and the human reassures before anything else. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from tests.unit.calls import brief_of, steps

pytestmark = pytest.mark.unit

GREETING = "Hello, PawSure pet insurance, this call is recorded. How can I help?"


def test_a_frightened_caller_is_shown_distressed_with_a_step_to_reassure_first() -> None:
    brief = brief_of(
        ("a", GREETING),
        ("u", "My dog's been hit by a car, she's at the emergency vet. Am I covered before they operate?"),
        ("a", "Pre-authorisation requests take 3 to 5 working days."),
        ("u", "She might not have 3 days. I can't stop shaking. I need someone now."),
    )
    assert brief.header.sentiment.label == "Frustrated and distressed"
    assert brief.header.sentiment.level == "frustrated"
    first = steps(brief)[0]
    assert first.startswith(
        'The caller is distressed (turn 3: "I can\'t stop shaking."): acknowledge how they feel'
    )
    assert not [s for s in steps(brief) if "apologise" in s]  # reassurance, not an apology for a delay
    assert "distressed at turn 3" in " ".join(brief.call_summary)
    assert 'Caller sounds distressed: "I can\'t stop shaking."' in [
        m.description for m in brief.transcript[3].markers
    ]


@pytest.mark.parametrize(
    "line",
    [
        "(crying) I don't have the money, I've got two little ones.",
        "I'm in tears here, they're cutting the power on Friday.",
        "I've been so scared about this biopsy.",
        "Sorry, I'm a bit shaky. Is there really nothing sooner?",
        "I'm at my wits' end with this house.",
        "Oh god. Please.",
    ],
)
def test_words_of_fear_or_tears_show_distress(line: str) -> None:
    brief = brief_of(("a", "How can I help?"), ("u", line))
    assert "distressed" in brief.header.sentiment.label.lower()


@pytest.mark.parametrize(
    "line",
    [
        "I'm worried the bill is wrong, can you check it?",
        "I'm not scared of the paperwork, just tell me what to send.",
        "I don't know what to do with the second form, which box is it?",
        "My god, that was quick, thank you!",
    ],
)
def test_a_concern_or_a_question_is_no_distress(line: str) -> None:
    brief = brief_of(("a", "How can I help?"), ("u", line))
    assert "distressed" not in brief.header.sentiment.label.lower()
    assert not [s for s in steps(brief) if "distressed" in s]


def test_a_bereaved_caller_gets_the_condolences_step_not_a_second_reassurance() -> None:
    brief = brief_of(
        ("a", "Thanks for calling Harbor Bank, this call is recorded. How can I help?"),
        ("u", "My husband passed away last week and I'm in tears trying to sort out his account."),
    )
    assert brief.header.sentiment.label == "Distressed"
    assert [s for s in steps(brief) if s.startswith("Offer condolences")]
    assert not [s for s in steps(brief) if s.startswith("The caller is distressed")]
