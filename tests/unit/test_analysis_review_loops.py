"""Briefs of calls in which the AI agent went round in circles or the caller only remarked on it: a question asked
again after the caller answered it, a sarcastic first word about the machine, a question about what cancelling
would cost, a caller telling the AI agent to keep looking. The person picking up must not make the caller repeat
themselves, and must not read a calm caller as an upset one. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis.sentiment import score_turn
from tests.unit.calls import brief_of, steps

pytestmark = pytest.mark.unit

HELLO = "Thanks for calling Northwind Broadband, this call is recorded. I'm an automated assistant. How can I help?"


# --- a question the AI agent asked again ----------------------------------------------------------------------


def test_an_account_number_asked_for_again_after_the_caller_gave_it_gets_a_step() -> None:
    brief = brief_of(
        ("a", HELLO),
        ("u", "I'm calling about the engineer who didn't show up on Tuesday."),
        ("a", "I can help with that. Can I have your account number?"),
        ("u", "It's 88120045."),
        ("a", "Thanks. Can I have your account number?"),
        ("u", "I just gave it to you. This is going nowhere. Get me a person."),
        ("a", "I'll transfer you to an agent now."),
    )
    assert (
        'Do not ask the caller again: the AI agent asked "Can I have your account number?" at turns 2 and 4, and '
        "the caller answered at turn 3." in steps(brief)
    )
    assert brief.suggested_next_steps[0].action.startswith("Acknowledge the caller's frustration")


@pytest.mark.parametrize(
    ("turns", "question"),
    [
        # a short question
        (
            (
                ("u", "I want paperless billing."),
                ("a", "Sure. What's your email address?"),
                ("u", "It's dana.ruiz@mailbox.com."),
                ("a", "Thanks! What's your email address?"),
                ("u", "I literally just said it."),
            ),
            "What's your email address?",
        ),
        # the same detail in other words
        (
            (
                ("u", "I want to update my billing details."),
                ("a", "Sure. What's your account number?"),
                ("u", "It's 88120045."),
                ("a", "Got it. And could you give me your account number, please?"),
            ),
            "What's your account number?",
        ),
    ],
)
def test_a_detail_asked_for_again_gets_a_step(turns: tuple[tuple[str, str], ...], question: str) -> None:
    brief = brief_of(("a", HELLO), *turns)
    assert (
        f'Do not ask the caller again: the AI agent asked "{question}" at turns 2 and 4, and the caller answered at '
        "turn 3." in steps(brief)
    )


def test_a_troubleshooting_step_asked_about_again_after_a_yes_gets_a_step() -> None:
    brief = brief_of(
        ("a", HELLO),
        ("u", "My internet keeps dropping every evening."),
        ("a", "I'm sorry to hear that. Have you tried restarting your router?"),
        ("u", "Yes, I've restarted it like five times."),
        ("a", "Have you tried restarting your router?"),
        ("u", "You don't understand. I just told you I did that."),
    )
    assert any(
        s.startswith('Do not ask the caller again: the AI agent asked "Have you tried') for s in steps(brief)
    )
    # the first report, answered with the AI agent's routine "I'm sorry to hear that", was calm
    assert "frustration" not in [m.type for m in brief.transcript[1].markers]
    assert brief.transfer_reason.startswith("Caller frustration: sentiment reached frustrated at turn 3")


@pytest.mark.parametrize(
    "turns",
    [
        # asked again because the caller did not answer it
        (
            ("a", "Can I have your account number?"),
            ("u", "Sorry, which number is that?"),
            ("a", "It's on your bill. Can I have your account number?"),
            ("u", "Oh, 88120045."),
        ),
        # the answer did not match: asked again for a reason
        (
            ("a", "What's your date of birth?"),
            ("u", "It's March 3rd, 1975."),
            ("a", "That doesn't match our records. What's your date of birth?"),
            ("u", "Hmm, try March 13th, 1975."),
        ),
        # another detail, and a read-back of the one given
        (
            ("a", "What's your account number?"),
            ("u", "88120045."),
            ("a", "Thanks. What's your phone number?"),
            ("u", "503 555 0199."),
            ("a", "Is 503 555 0199 your phone number on the account?"),
            ("u", "Yes."),
        ),
        # what comes next is asked by routine
        (
            ("a", "Done, your plan is changed. Is there anything else I can help you with?"),
            ("u", "Yes, my email is wrong on the bill, it should be dana.ruiz@mailbox.com."),
            ("a", "Updated. Is there anything else I can help you with?"),
            ("u", "No, thanks."),
        ),
        # the caller said no: the AI agent asks after doing something about it
        (
            ("a", "Did you receive the code we just sent?"),
            ("u", "No, nothing came through."),
            ("a", "I've sent it again. Did you receive the code we just sent?"),
            ("u", "Yes, got it now."),
        ),
    ],
)
def test_a_question_rightly_asked_twice_gets_no_step(turns: tuple[tuple[str, str], ...]) -> None:
    brief = brief_of(("a", HELLO), ("u", "I need help with my account please."), *turns)
    assert not any(s.startswith("Do not ask the caller again") for s in steps(brief))


# --- what the caller only remarked on ------------------------------------------------------------------------


def test_a_sarcastic_remark_about_the_machine_is_not_the_request() -> None:
    brief = brief_of(
        ("a", HELLO),
        ("u", "Oh great, another automated system."),
        ("a", "I can help with most things. What do you need?"),
        ("u", "My bill doubled this month and nobody told me why."),
    )
    assert brief.call_summary[0] == 'Caller request: "My bill doubled this month and nobody told me why."'


def test_a_question_about_what_cancelling_costs_is_no_threat() -> None:
    brief = brief_of(
        ("a", HELLO),
        ("u", "If I cancel my contract now, do I pay an early termination fee?"),
        ("a", "Yes, it's 120 dollars with 8 months left."),
    )
    assert "threat" not in brief.transfer_reason
    assert brief.transfer_reason.startswith("Caller raised account closure")
    threatened = brief_of(
        ("a", HELLO), ("u", "If this isn't fixed by Friday, I'll cancel my contract."), ("a", "I understand.")
    )
    assert "a threat to cancel" in threatened.transfer_reason


@pytest.mark.parametrize(
    "line", ["Keep looking, please.", "Let's keep looking.", "I'll keep trying, thanks."]
)
def test_telling_the_ai_agent_to_keep_looking_is_calm(line: str) -> None:
    assert score_turn(line) == (0.0, ())


@pytest.mark.parametrize(
    "line",
    [
        "You keep asking me the same thing.",
        "It keeps sending me back to the main menu!",
        "I've rebooted it five times.",
    ],
)
def test_going_round_in_circles_is_still_a_step_that_failed(line: str) -> None:
    assert "repeated a failed step" in score_turn(line)[1]


# --- why the call is here: the AI agent's failures before the caller's frustration -------------------------------


def test_a_caller_upset_after_the_ai_agent_failed_twice_is_here_for_those_failures() -> None:
    brief = brief_of(
        ("a", HELLO),
        ("u", "I need to change my address."),
        ("a", "Sorry, I didn't get that. Could you repeat?"),
        ("u", "Change my address."),
        ("a", "Sorry, I didn't catch that."),
        ("u", "ADDRESS. CHANGE MY ADDRESS."),
    )
    assert brief.transfer_reason == (
        'AI agent failed to complete the request 2 times (turns 2, 4), last: "Sorry, I didn\'t catch that."; the '
        'caller\'s sentiment reached frustrated at turn 5: "ADDRESS. CHANGE MY ADDRESS."'
    )


def test_a_caller_upset_before_the_ai_agent_failed_is_here_for_the_frustration() -> None:
    brief = brief_of(
        ("a", HELLO),
        ("u", "This is ridiculous, my bill is wrong for the third time!"),
        ("a", "Sorry, I didn't get that."),
        ("u", "My bill. It's wrong."),
        ("a", "Sorry, I didn't catch that."),
    )
    assert brief.transfer_reason.startswith("Caller frustration: sentiment reached angry at turn 1")
