"""Briefs of calls whose state moves while the caller talks: a caller who corrects a detail or changes their mind,
raises two issues, sets a first question aside for the real one, takes the offer made to keep them, or is told
something wrong by the AI agent before it corrects itself. The human must read what stands now. Transcripts are
hand-written."""

from __future__ import annotations

import pytest

from domain.analysis import entities
from domain.analysis._text import lower, word_tokens
from domain.analysis.sentiment import score_turn
from tests.unit.calls import brief_of, info, steps

pytestmark = pytest.mark.unit

RECORDED = "Thanks for calling, this call is recorded. How can I help?"


# --- details that stand ------------------------------------------------------------------------------------


def test_a_detail_the_caller_corrects_in_the_next_turn_replaces_the_first() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I need to change the delivery address on my package, tracking number PW88213004."),
        ("a", "Sure. What's the new address?"),
        ("u", "14 Birch Lane, Salem, Oregon 97301."),
        ("a", "Got it, 14 Birch Lane, Salem, Oregon 97301."),
        ("u", "Oh no sorry, it's 41 Birch Lane, not 14. Forty-one."),
        ("a", "Thanks. The package is already out for delivery, so I can't change the address now."),
    )
    addresses = [value for key, value in info(brief) if key == "address"]
    assert addresses == ["41 Birch Lane"]
    assert ("zip_code", "97301") in info(brief)  # what the correction did not touch stays
    assert not [
        value for key, value in info(brief) if key == "detail"
    ]  # "Forty-one" is the number said again


@pytest.mark.parametrize(
    ("before", "after", "key", "kept"),
    [
        ("Just 1 person.", "Sorry, make that two people please.", "party_size", ["2"]),
        (
            "I'd like the 6th of this month.",
            "Wait. I need to change that to the 11th of March.",
            "date",
            None,
        ),
        ("The kitchen speaker.", "Actually, play it on the Bedroom speaker.", "device", None),
    ],
)
def test_a_changed_mind_leaves_only_the_new_choice(
    before: str, after: str, key: str, kept: list[str] | None
) -> None:
    brief = brief_of(
        ("a", "What would you like?"), ("u", before), ("a", "Okay, confirming that."), ("u", after)
    )
    said_before = [value for k, value in info(brief) if k == key and value.lower() in before.lower()]
    assert not said_before
    if kept is not None:
        assert [value for k, value in info(brief) if k == key] == kept


@pytest.mark.parametrize(
    "after",
    [
        "Sorry, I also have a work number, 503-555-0177.",  # one more, not a replacement
        "Sorry, and my husband's number as well: 503-555-0177.",
        "Great, and you can also reach me on 503-555-0177.",  # no correction at all
    ],
)
def test_a_second_value_of_the_same_kind_is_kept_beside_the_first(after: str) -> None:
    brief = brief_of(
        ("a", "What's the best number to reach you?"),
        ("u", "My cell is 971-555-0144."),
        ("a", "Thanks."),
        ("u", after),
    )
    assert [value for key, value in info(brief) if key == "phone_number"] == ["971-555-0144", "503-555-0177"]


def test_a_correction_of_one_of_two_dates_takes_neither_back() -> None:
    brief = brief_of(
        ("a", "When would you like to stay?"),
        ("u", "Check in on the 11th of March, and check out on March 13th."),
        ("a", "Please confirm: March 11th to March 13th."),
        ("u", "No, sorry, please make that checkout on March 14th instead."),
    )
    dates = [value for key, value in info(brief) if key == "date"]
    assert "the 11th of March" in dates and "March 14th" in dates


# --- junk the brief no longer shows -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Two things. First, I need to update my phone number. Second, my last bill is way too high.",
        "Hm, fifty percent? Okay, that works.",
        "Then what do I do? Nobody is at the old address, I moved out last week!",
        "Forty-one.",
    ],
)
def test_counting_words_hesitations_pronouns_and_numbers_in_words_are_no_details(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said))
    assert not [value for key, value in info(brief) if key == "detail"]


@pytest.mark.parametrize(
    ("prompt", "said", "amount"),
    [
        ("Yes, pets under 20 pounds are allowed in the cabin.", "Great, she's 15 pounds.", None),
        (RECORDED, "My suitcase is about fifty pounds, is that over the limit?", None),
        (RECORDED, "The parcel cost 15 pounds to send and it never arrived.", "15 pounds"),
        ("That will be twenty pounds, shall I charge your card?", "Yes, 20 pounds is fine.", "20 pounds"),
    ],
)
def test_pounds_that_weigh_something_are_no_amount(prompt: str, said: str, amount: str | None) -> None:
    amounts = [value for key, value in info(brief_of(("a", prompt), ("u", said))) if key == "amount"]
    assert amounts == ([amount] if amount else [])


# --- what the call is about now -----------------------------------------------------------------------------


def test_a_first_question_set_aside_for_the_real_reason_is_not_the_request() -> None:
    brief = brief_of(
        ("a", "Welcome to Harbor Insurance, this call is recorded. How can I help?"),
        ("u", "I wanted to ask about adding my son to my car policy."),
        ("a", "I can help with that. How old is your son?"),
        (
            "u",
            "Actually never mind that, I'll do it later. The real reason I'm calling is I got in an accident "
            "this morning.",
        ),
        ("a", "I'm sorry to hear that. Is everyone okay?"),
        ("u", "Yes, nobody's hurt. Someone rear-ended me at a light on Oak Street. My bumper's smashed."),
        ("a", "I'm glad you're okay. I'll transfer you to a claims adjuster to open the claim."),
    )
    assert brief.call_summary[0] == (
        'Caller request: "The real reason I\'m calling is I got in an accident this morning."'
    )
    # reporting an accident calmly is no frustration: "never mind" is no problem, "nobody's hurt" no complaint
    assert brief.header.sentiment.level == "calm"
    assert brief.transfer_reason.startswith("AI agent handed the call over at turn 6")


@pytest.mark.parametrize(
    ("said", "cue", "counts"),
    [
        # reassurances: "never mind" is no problem, "nobody's hurt" no complaint
        ("Actually never mind that, I'll do it later.", "reported a problem", False),
        ("Yes, nobody's hurt, thank goodness.", "negative language", False),
        ("No one was injured.", "negative language", False),
        # ... while the complaints those words make still count
        ("Nobody has called me back in a week.", "negative language", True),
        ("I never received the refund.", "reported a problem", True),
    ],
)
def test_reassurances_are_no_frustration_cue(said: str, cue: str, counts: bool) -> None:
    assert (cue in score_turn(said)[1]) is counts


def test_an_action_on_another_issue_does_not_settle_the_disputed_bill() -> None:
    brief = brief_of(
        ("a", "Thank you for calling Cascade Water, this call is recorded. How can I help?"),
        ("u", "Two things. First, I need to update my phone number. Second, my last bill is way too high."),
        ("a", "Happy to help with both. What's the new phone number?"),
        ("u", "It's 503-555-0198."),
        (
            "a",
            "Done, I've updated your phone number to 503-555-0198. Now about the bill, what's your account number?",
        ),
        ("u", "7730 2291."),
        ("a", "Thanks. Your last bill was $212.40, about three times your usual use."),
        ("u", "That's impossible. It's just me in the house. There must be a leak or the meter is wrong."),
        ("a", "I can't open a meter investigation. I'll transfer you to our field services team."),
    )
    assert brief.transfer_reason.startswith(
        "Caller raised a billing dispute, which needs a human agent, at turn 1"
    )
    assert any(step.startswith("Review the disputed charge") for step in steps(brief))


def test_an_action_on_the_disputed_bill_still_settles_it() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I was charged a $15 late fee but I paid on time, this is wrong."),
        ("a", "I'm sorry about that. I've waived the $15 late fee."),
        ("u", "Thanks. Also my internet keeps dropping every evening."),
        ("a", "I'm not able to troubleshoot that. I'll transfer you to technical support."),
    )
    assert brief.transfer_reason.startswith("AI agent handed the call over at turn 4")
    assert "was acted on at turn 2" in brief.transfer_reason


def test_a_caller_who_takes_the_offer_to_stay_is_no_closure_to_confirm() -> None:
    brief = brief_of(
        ("a", "Hi, you've reached StreamMax support, this call is recorded. What can I do for you?"),
        ("u", "I want to cancel my subscription. It's too expensive."),
        ("a", "I'm sorry to hear that. Before you go, I can offer 50% off for the next three months."),
        ("u", "Hm, fifty percent? Okay, that works, I'll stay if you do that."),
        (
            "a",
            "Great. I'm not able to apply the discount myself, so I'll transfer you to our retention team to set "
            "it up.",
        ),
    )
    assert brief.transfer_reason.startswith("AI agent handed the call over at turn 4")
    assert "the caller agreed at turn 3 to stay for the offer" in brief.transfer_reason
    assert "after the caller asked" not in brief.transfer_reason  # the caller answered their own question
    assert (
        'Apply the offer the caller accepted to stay: "Before you go, I can offer 50% off for the next three '
        'months."'
    ) in steps(brief)
    assert not any("offer retention options" in step for step in steps(brief))


def test_a_caller_who_turns_the_offer_down_still_wants_to_close() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I want to cancel my subscription. It's too expensive."),
        ("a", "Before you go, I can offer 50% off for the next three months."),
        ("u", "No thanks, I just want to cancel."),
        ("a", "Understood. I'll transfer you to our retention team to process that."),
    )
    assert brief.transfer_reason.startswith("Caller raised account closure")
    assert "Process the cancellation; the caller has already turned down retention offers." in steps(brief)


def test_a_question_followed_by_more_context_is_still_the_caller_s_question() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "Is there someone who can make an exception? I've been a customer for ten years."),
        ("a", "Exceptions need a supervisor. Let me transfer you."),
    )
    assert "after the caller asked (turn 1)" in brief.transfer_reason


# --- what the AI agent got wrong ------------------------------------------------------------------------------


def test_an_answer_the_ai_agent_took_back_is_a_step_for_the_human() -> None:
    brief = brief_of(
        ("a", "Thanks for calling Apex Airlines, this call is recorded. How can I help?"),
        ("u", "My flight AX 207 tomorrow, can I bring my dog in the cabin?"),
        ("a", "Yes, pets under 20 pounds are allowed in the cabin on all our flights."),
        ("u", "Great, she's 15 pounds."),
        (
            "a",
            "I apologize, I need to correct myself. AX 207 is an international flight, and pets aren't allowed in "
            "the cabin on international flights.",
        ),
        ("u", "What? You just said yes! I already told my sister I'm bringing her. This is ridiculous."),
        (
            "a",
            "I'm sorry for the confusion. Let me transfer you to a reservations agent who can look at options.",
        ),
    )
    owned = [
        s
        for s in brief.suggested_next_steps
        if s.action.startswith("Own the AI agent's earlier wrong answer")
    ]
    assert owned and owned[0].confidence == "high"
    assert "corrected at turn 4" in owned[0].action and "pets aren't allowed" in owned[0].action
    assert ("amount", "15 pounds") not in info(brief)


def test_an_agent_that_corrects_the_caller_has_not_corrected_itself() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "My order number is 55812."),
        ("a", "That's not the right order number, it should start with two letters. Let me transfer you."),
    )
    assert not any("wrong answer" in step for step in steps(brief))


def test_a_correction_withdraws_the_value_it_replaces() -> None:
    # the rule the builder applies between a caller turn and the one before it
    low = lower("Actually, it's 97302.")
    before = [entities.Entity("zip_code", "97301", 1)]
    new = [entities.Entity("zip_code", "97302", 3)]
    (kept,) = entities.corrects(new, before, low, frozenset(word_tokens(low)))
    assert kept.withdraws == ("97301",)


# --- corrections inside and across turns, second round ------------------------------------------------------


def test_a_name_the_caller_respells_is_the_name_in_the_header() -> None:
    brief = brief_of(
        ("a", "Thanks for calling Pinecrest Bank, this call is recorded. May I have your full name?"),
        ("u", "John Mercer."),
        ("a", "Thank you, John Mercer. How can I help?"),
        ("u", "It's Jon, without the h. J O N. Anyway, I need to dispute a charge from last Friday."),
        ("a", "Sorry about that, Jon. I'll transfer you to our fraud team."),
    )
    assert brief.header.caller_name == "Jon Mercer"
    assert [value for key, value in info(brief) if key in ("name", "spelling")] == ["Jon Mercer"]
    assert brief.call_summary[0] == 'Caller request: "Anyway, I need to dispute a charge from last Friday."'


@pytest.mark.parametrize(
    "later",
    [
        "My wife Joan might call too.",  # another person's name, no respelling
        "Jon Mercer is my brother, he has an account too.",
    ],
)
def test_a_similar_name_said_without_a_respelling_leaves_the_first(later: str) -> None:
    brief = brief_of(
        ("a", "May I have your full name?"),
        ("u", "John Mercer."),
        ("a", "Thank you. How can I help?"),
        ("u", later),
    )
    assert brief.header.caller_name == "John Mercer"


def test_a_prefix_after_a_correction_in_the_same_turn_is_kept() -> None:
    brief = brief_of(("a", "What's your policy number?"), ("u", "It's VP 448 120, sorry, VP 448 210."))
    assert ("policy_number", "VP 448 210") in info(brief)
    assert [value for key, value in info(brief) if key == "policy_number"] == ["VP 448 210"]


def test_a_state_before_a_zip_is_still_no_prefix() -> None:
    brief = brief_of(("a", "What's your address?"), ("u", "It's 12 Main St, Madison, WI 53703-2219."))
    assert ("zip_code", "53703-2219") in info(brief)


def test_the_answer_to_which_email_is_a_detail_not_the_request() -> None:
    brief = brief_of(
        ("a", "Thanks for calling, this call is recorded. What email should we send the invoice to?"),
        ("u", "Send it to maria.lopez@gmail.com."),
        ("a", "Got it, maria.lopez@gmail.com."),
        ("u", "Actually, use my work email instead, m.lopez@brightco.com."),
        ("a", "Sure. I can't change the billing contact myself, so let me transfer you to billing."),
    )
    assert [value for key, value in info(brief) if key == "email"] == ["m.lopez@brightco.com"]
    assert (
        brief.call_summary[0]
        == 'Caller request: "Actually, use my work email instead, m.lopez@brightco.com."'
    )


# --- third round -------------------------------------------------------------------------------------------------


def test_an_order_the_caller_calls_old_gives_way_to_the_new_one_with_its_suffix() -> None:
    brief = brief_of(
        ("a", "Thanks for calling Brightline, this call is recorded. What's your order number?"),
        ("u", "It's 55812-A."),
        ("a", "I see order 55812-A, delivered in January."),
        ("u", "Wait, that's my old order. The new one is 61247-C, it was supposed to come yesterday."),
        ("a", "Thanks. Order 61247-C is delayed at the carrier. I can't contact the carrier myself."),
    )
    assert [value for key, value in info(brief) if key == "order_id"] == ["61247-C"]


def test_asking_for_a_supervisor_to_praise_the_service_is_no_frustration() -> None:
    for said, frustrated in [
        (
            "Thank you, that's great. I'd like to tell someone how helpful this was, can I talk to a supervisor?",
            False,
        ),
        ("Can I talk to a supervisor? I want to pass on my thanks to the agent.", False),
        ("Can I talk to a supervisor right now?", True),
    ]:
        score, cues = score_turn(said)
        assert "asked for a human" in cues
        assert (score > 0) is frustrated, said


def test_a_spelled_ordinal_that_answers_what_date_is_a_date() -> None:
    brief = brief_of(("a", "What date would you like?"), ("u", "The fifteenth."))
    assert ("date", "The fifteenth") in info(brief)
    # without the question it may be anything ("the second" of two)
    assert not [v for k, v in info(brief_of(("a", RECORDED), ("u", "The second one."))) if k == "date"]
