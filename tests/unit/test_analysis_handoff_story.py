"""What the brief tells the human about why the caller called and why the call came to them: the caller's
request, the transfer reason and the steps that follow from them. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis.summary import caller_intent
from tests.unit.calls import brief_of

pytestmark = pytest.mark.unit

RECORDED = "Thanks for calling Northwind, this call may be recorded."


def intent(*turns: tuple[str, str]) -> str | None:
    return caller_intent([("user" if r == "u" else "assistant", c) for r, c in turns])


# --- the caller's request ---------------------------------------------------------------------------------


def test_the_request_is_not_the_answer_to_a_detail_question() -> None:
    assert (
        intent(
            ("a", f"{RECORDED} Can I take the postcode?"),
            ("u", "Yes, it's SW1A 2AA."),
            ("a", "Thanks. How can I help?"),
            ("u", "My broadband keeps dropping out every evening."),
        )
        == "My broadband keeps dropping out every evening."
    )
    assert (
        intent(
            ("a", "May I have your name?"),
            ("u", "yes hi it's daniel whitaker"),
            ("a", "Thanks Daniel. What's the reason for your call?"),
            ("u", "a tree came down on my garage and i need to file a claim"),
        )
        == "a tree came down on my garage and i need to file a claim"
    )


def test_courtesies_and_a_name_given_with_its_explanation_are_not_the_request() -> None:
    b = brief_of(
        ("a", f"{RECORDED} Who am I speaking with?"),
        ("u", "Zhang Wei. Zhang is my family name."),
        ("a", "Thank you. What can I do for you today?"),
        ("u", "Perfect, thank you so much."),
        ("a", "Go ahead."),
        ("u", "I need to move my flight to Tuesday."),
    )
    assert b.call_summary[0] == 'Caller request: "I need to move my flight to Tuesday."'


def test_without_an_open_question_answers_to_detail_questions_are_skipped() -> None:
    assert (
        intent(
            ("a", "Your balance is 300 dollars. Does that sound right?"),
            ("u", "Yeah, that sounds right, I think."),
            ("a", "Okay."),
            ("u", "I'd like to set up a payment plan for the balance please."),
        )
        == "I'd like to set up a payment plan for the balance please."
    )


def test_a_long_answer_to_a_detail_question_can_be_the_request() -> None:
    said = "It's Dana Kim, and I'm calling because my card was charged twice for the same order last week."
    assert intent(("a", "Can I have your full name?"), ("u", said)) == said


def test_the_first_caller_turn_with_substance_is_still_the_request_in_a_plain_call() -> None:
    assert (
        intent(("a", f"{RECORDED} How can I help?"), ("u", "Hi, this is Maria. My bill is wrong."))
        == "My bill is wrong."
    )
    assert intent(("a", "Hello?"), ("u", "Hi there."), ("u", "Thanks.")) is None


def test_a_long_run_of_courtesies_is_read_in_linear_time() -> None:
    # Every courtesy word matches one way only: a backtracking pattern would not return on this turn.
    assert intent(("a", "How can I help?"), ("u", "thank you " * 60 + "so much")) is None


def test_the_summary_and_the_fallback_step_quote_the_request() -> None:
    b = brief_of(
        ("a", f"{RECORDED} Can I take your account number?"),
        ("u", "Sure, it's 44812290."),
        ("a", "Thanks. What can I do for you today?"),
        ("u", "I want to add my son to my phone plan."),
    )
    assert b.call_summary[0] == 'Caller request: "I want to add my son to my phone plan."'
    assert "44812290" not in " ".join(s.action for s in b.suggested_next_steps)


# --- why the call came to a human ---------------------------------------------------------------------------


def test_the_handoff_quotes_the_reason_the_ai_agent_gave() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I'd like to change the excess on my car insurance."),
        ("a", "The premium change needs to be calculated by an underwriter. I'll transfer you now."),
    )
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 2:")
    assert "needs to be calculated by an underwriter. I'll transfer you now." in b.transfer_reason


def test_an_apology_before_the_handoff_is_not_its_reason() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "Can you explain this fee to me?"),
        ("a", "I'm sorry about that. Let me connect you to a specialist."),
    )
    assert "I'm sorry about that" not in b.transfer_reason
    assert '"Let me connect you to a specialist."' in b.transfer_reason


def test_a_calmed_caller_handed_over_for_a_policy_reason_keeps_that_reason() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "The sofa arrived with a broken leg and a tear in the fabric. I have called twice already."),
        ("a", "I'm sorry about that. Would you like a replacement or a refund?"),
        ("u", "A refund please. It was 899 pounds."),
        (
            "a",
            "Thank you. Refunds over 500 pounds need a supervisor to approve. I'll transfer you to a supervisor.",
        ),
    )
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 4:")
    assert "Refunds over 500 pounds need a supervisor to approve." in b.transfer_reason
    assert "caller sentiment peaked at" in b.transfer_reason


def test_a_caller_still_upset_at_the_handoff_is_the_reason() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "This is ridiculous, the sofa arrived broken and nobody answers my emails!"),
        ("a", "Refunds over 500 pounds need a supervisor to approve. I'll transfer you to a supervisor."),
    )
    assert b.transfer_reason.startswith("Caller frustration")


def test_more_ways_the_ai_agent_says_it_did_not_understand() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "It's about the thing with the meter reading from the other week."),
        ("a", "I'm sorry, I didn't quite catch that."),
        ("u", "The meter reading, the estimated one."),
        ("a", "I'm not sure I follow. Could you say more?"),
    )
    assert b.transfer_reason.startswith("AI agent failed to complete the request 2 times")


def test_fraud_comes_first_and_routes_to_the_fraud_team() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I sent 2,400 pounds to what I thought was my solicitor. It turns out it was a scam."),
        ("a", "I'm so sorry. I can't see an update on the case yet."),
        ("u", "If this isn't sorted by Friday I'm going straight to the ombudsman."),
    )
    assert b.transfer_reason.startswith("Caller raised suspected fraud")
    assert b.suggested_next_steps[0].action.startswith("Route to the fraud team")
    assert b.suggested_next_steps[0].confidence == "high"


def test_power_of_attorney_is_not_a_legal_matter_or_a_threat() -> None:
    b = brief_of(
        ("a", f"{RECORDED} Are you the account holder?"),
        ("u", "No, it's my mother's account. I have power of attorney since January."),
        ("a", "Thank you. How can I help?"),
        ("u", "I'd like to update her address please."),
    )
    assert "legal" not in b.transfer_reason
    assert b.header.sentiment.level == "calm"
    assert not any(m.type == "frustration" for t in b.transcript for m in t.markers)


@pytest.mark.parametrize(
    "said",
    ["yeah i wanna cancel my internet", "I want to cancel.", "Please cancel my home insurance policy."],
)
def test_plain_ways_to_ask_for_a_closure(said: str) -> None:
    b = brief_of(("a", f"{RECORDED} How can I help?"), ("u", said))
    assert "account closure" in b.transfer_reason


@pytest.mark.parametrize(
    "said",
    ["If I need to cancel it, would that be a problem?", "if i want to cancel, do i have to pay a fee?"],
)
def test_asking_about_the_terms_of_cancelling_is_not_a_closure_or_a_threat(said: str) -> None:
    b = brief_of(("a", f"{RECORDED} How can I help?"), ("u", said))
    assert "cancel" not in b.transfer_reason.split(":")[0]


@pytest.mark.parametrize(
    "said",
    [
        "agent agent",
        "can you just transfer me to billing",
        "is there someone else i can speak with",
        "i don't want to talk to a robot",
    ],
)
def test_more_ways_to_ask_for_a_person(said: str) -> None:
    b = brief_of(("a", f"{RECORDED} How can I help?"), ("u", said))
    assert b.transfer_reason.startswith("Caller asked to speak with a human agent")


def test_a_calm_request_for_a_person_gets_a_greeting_step_not_an_apology() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I'd like to move my direct debit date to the 15th."),
        ("a", "I can help with that. What date would you like?"),
        ("u", "Actually, could I just talk to a person please? It's a bit complicated."),
    )
    actions = [s.action for s in b.suggested_next_steps]
    assert not any("frustration" in a for a in actions)
    assert actions[0] == (
        "Introduce yourself as the person the caller asked for and pick up their request: "
        '"I\'d like to move my direct debit date to the 15th."'
    )


@pytest.mark.parametrize(
    ("said", "header"),
    [
        ("My name is Mohammed Al-Rashid.", "Mohammed Al-Rashid"),
        ("Hi, it's Siobhan O'Connor.", "Siobhan O'Connor"),
        ("my name is priya raghunathan-iyer", "Priya Raghunathan-Iyer"),
    ],
)
def test_the_header_keeps_a_name_as_it_is_written(said: str, header: str) -> None:
    b = brief_of(("a", f"{RECORDED} Can I take your name?"), ("u", said))
    assert b.header.caller_name == header


def test_greeting_the_ai_agent_by_its_name_does_not_name_the_caller() -> None:
    b = brief_of(
        ("a", "Hello, my name is Claire. This call may be recorded. How may I assist you?"),
        ("u", "Hi Claire. I have a reservation at your downtown hotel and I think the dates are wrong."),
        ("a", "May I have the name on the reservation?"),
        ("u", "Haruto Kimura."),
    )
    assert b.header.caller_name == "Haruto Kimura"
    assert all(i.value != "Claire" for i in b.information_collected)
    b = brief_of(
        ("a", "Hi, I'm Ava, your virtual assistant. This call may be recorded. How can I help?"),
        ("u", "Hi Ava. I got a text about a charge I don't recognise."),
    )
    assert b.header.caller_name == "Unknown Caller"
    assert not [i for i in b.information_collected if "Ava" in i.value]


def test_a_dispute_the_ai_agent_settled_is_not_why_a_later_handoff_happened() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I was charged a late fee I shouldn't have been."),
        ("a", "I've waived the $15 late fee. Your balance is now $0. Anything else?"),
        ("u", "Yes, my checked bag has my medication in it and I need it held in Denver."),
        (
            "a",
            "I can't change bag routing from here, only the baggage team can. I'll transfer you to an agent.",
        ),
    )
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 4:")
    assert "a billing dispute raised at turn 1 was acted on at turn 2" in b.transfer_reason
    actions = [s.action for s in b.suggested_next_steps]
    assert not any("disputed charge" in a or "Follow through" in a for a in actions)
    assert actions[0].startswith("Pick up what the AI agent could not do: \"I can't change bag routing")
    assert 'AI agent did: "I\'ve waived the $15 late fee."' in b.call_summary


def test_a_dispute_still_open_at_the_handoff_stays_the_reason() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I was charged a late fee I shouldn't have been."),
        ("a", "I understand. I'll transfer you to our billing team."),
    )
    assert b.transfer_reason.startswith("Caller raised a billing dispute")


def test_the_summary_tells_what_the_ai_agent_did_from_what_it_promised() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "My card was stolen yesterday."),
        ("a", "I've locked your card. I'll send a replacement card to your address on file."),
    )
    assert 'AI agent did: "I\'ve locked your card."' in " ".join(b.call_summary) or any(
        "did:" in s and "committed:" in s for s in b.call_summary
    )
    assert any("Follow through" in s.action and "replacement" in s.action for s in b.suggested_next_steps)


@pytest.mark.parametrize(
    ("agent", "flagged"),
    [
        ("Your refund will be processed within 24 hours.", True),
        ("A guest relations manager will call you back within 24 hours.", True),
        ("A crew will definitely be at your home within the hour.", True),
        ("I can assure you the damage charge will be put on hold.", True),
        ("I'll make sure your claim is reprocessed and you won't be sent to collections.", True),
        ("Refunds usually take 5 to 7 business days.", False),
        ("Your refund should arrive within 3 days.", False),
        ("Once approved, it will be paid within 3 days.", False),
        ("I can't assure you of anything, I'm afraid.", False),
    ],
)
def test_deadlines_and_assurances_the_business_may_not_keep(agent: str, flagged: bool) -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"), ("u", "I want a refund for the broken heater."), ("a", agent)
    )
    assert any(f.type == "unfulfillable_promise" for f in b.compliance_flags) is flagged
    if flagged:
        assert not any(s.action.startswith("Follow through") for s in b.suggested_next_steps)


def test_this_is_a_scam_said_of_a_charge_is_not_a_fraud_report() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "If that damage charge hits my card Friday I'm talking to a lawyer. This is a scam."),
    )
    assert b.transfer_reason.startswith("Caller raised a legal matter")
    assert not any("fraud" in s.action for s in b.suggested_next_steps)


def test_you_have_been_verified_is_a_verification() -> None:
    b = brief_of(
        ("a", f"{RECORDED} Thank you, Mr. Kimura, you've been verified. How can I help?"), ("u", "Thanks.")
    )
    assert [m.type for m in b.transcript[0].markers] == ["identity_verified"]


def test_a_last_sentence_of_whatever_is_exasperation() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I've asked you three times to cancel it."),
        ("a", "I'm sorry, I can't cancel it from here."),
        ("u", "Fine. Whatever."),
    )
    assert any(m.type == "frustration" for m in b.transcript[3].markers)
    assert b.header.sentiment.level != "calm"
