"""Briefs of calls from lines the earlier reviews did not cover (a mortgage servicer, a streaming service,
property management, a pharmacy, roadside assistance, a state benefits line), read as the human picking up
would read them. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis import entities
from domain.analysis.sentiment import score_turn
from tests.unit.calls import brief_of, info, steps, topics

pytestmark = pytest.mark.unit

RECORDED = "Thanks for calling, this call is recorded."


# --- what is a legal matter --------------------------------------------------------------------------------


def test_a_court_in_an_address_and_a_caller_named_sue_are_not_legal_matters() -> None:
    assert topics("1450 Alder Court, unit 3B. Please hurry.") == []
    assert topics("Hi, this is Sue from unit 4, my name is Sue Park.") == []
    assert topics("We met at the food court.") == []
    for said in (
        "If this isn't fixed I'll take you to court.",
        "I'm going to sue you.",
        "I have a court date next week and need the records.",
        "My lawyer will be in touch.",
    ):
        assert topics(said) == ["legal_matter"], said


def test_an_address_on_a_court_keeps_the_handoff_reason_off_legal() -> None:
    b = brief_of(
        ("a", f"{RECORDED} What's your address?"),
        ("u", "1450 Alder Court, unit 3B."),
        ("a", "Thanks. A technician will call you to book a visit. I'll transfer you to scheduling now."),
    )
    assert "legal" not in b.transfer_reason
    assert ("address", "1450 Alder Court, unit 3B") in info(b)
    assert not any("legal" in s for s in steps(b))


# --- two details asked at once -----------------------------------------------------------------------------


def test_an_answer_to_a_two_part_question_keys_each_value_by_its_shape() -> None:
    asked = "Thank you. Can you please verify the last four of your SSN and your zip code?"
    found = [(e.key, e.value) for e in entities.extract_turn("4409, and 97204.", 3, asked)]
    assert found == [("ssn_last_4", "4409"), ("zip_code", "97204")]
    b = brief_of(
        ("a", f"{RECORDED} What can I help with?"),
        ("u", "I applied for benefits six weeks ago and still haven't been paid."),
        ("a", asked),
        ("u", "4409, and 97204."),
        ("a", "Thank you. Your identity is confirmed."),
    )
    assert b.compliance_flags == []  # the last four and a zip code are not a social security number


def test_a_bare_number_that_cannot_be_the_detail_asked_for_is_not_named_as_it() -> None:
    ssn = "What is your social security number?"
    assert [(e.key, e.value) for e in entities.extract_turn("12345", 1, ssn)] == [
        ("reference_number", "12345")
    ]
    assert [(e.key, e.value) for e in entities.extract_turn("123456789", 1, ssn)] == [("ssn", "123456789")]


def test_loan_and_prescription_numbers_are_named() -> None:
    found = entities.extract_turn("It's 0071 4456 2203.", 3, "Can I have your loan number, please?")
    assert [(e.key, e.value) for e in found] == [("loan_number", "0071 4456 2203")]
    found = entities.extract_turn("I need a refill. Prescription number RX 5521907.", 1)
    assert ("prescription_number", "5521907") in [(e.key, e.value) for e in found]


# --- what the AI agent did, and what it left --------------------------------------------------------------


def test_a_refund_the_ai_agent_requested_is_done_and_a_later_handoff_is_the_reason() -> None:
    b = brief_of(
        ("a", f"{RECORDED} What can I do for you?"),
        ("u", "you charged me twice this month and i want one of them back"),
        (
            "a",
            "I'm sorry. I've requested a refund for the duplicate charge, it will appear in 5 to 7 business days.",
        ),
        ("u", "ok. and just cancel the whole thing, i barely use it"),
        (
            "a",
            "I'm not able to process cancellations for accounts billed through a partner. Let me connect you with an agent.",
        ),
    )
    assert any(m.type == "ai_commitment" for m in b.transcript[2].markers)
    assert any(s.startswith("AI agent did: \"I've requested a refund") for s in b.call_summary)
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 4")
    assert "billing dispute raised at turn 1 was acted on at turn 2" in b.transfer_reason
    assert not any("disputed charge" in s for s in steps(b))
    assert any(s.startswith("Pick up what the AI agent could not do") for s in steps(b))


def test_handing_the_call_over_does_not_settle_what_the_ai_agent_could_not_do() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I'm behind on my mortgage, I lost my job and missed two payments."),
        ("a", "I'm sorry to hear that. I'm not able to review hardship programs myself."),
        ("u", "So who can? I've been on hold three times this week already and nobody can tell me anything."),
        ("a", "A loss mitigation specialist can review forbearance with you. I'll transfer you now."),
    )
    assert b.transfer_reason.startswith("Caller frustration")
    assert any(
        s.startswith("Pick up what the AI agent could not do") and "hardship programs" in s for s in steps(b)
    )


def test_after_a_frustrated_turn_the_human_picks_up_where_the_ai_agent_handed_over() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help you?"),
        ("u", "I need to refill my prescription, RX 5521907."),
        ("a", "This medication can't be refilled early; your next fill date is December 2nd."),
        (
            "u",
            "But I'm travelling on the 28th for two weeks. This happened last time too and nobody helped. "
            "It's ridiculous.",
        ),
        (
            "a",
            "A pharmacist can review a vacation supply with your doctor. I'll transfer you to a pharmacist.",
        ),
    )
    assert b.transfer_reason.startswith("Caller frustration")
    assert any(
        s.startswith("Pick up where the AI agent handed over") and "vacation supply" in s for s in steps(b)
    )


def test_an_action_taken_effective_immediately_is_not_a_promise() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "Please cancel my plan, the charges are wrong."),
        (
            "a",
            "I've processed the cancellation effective immediately and refunded the last charge. "
            "Let me transfer you to billing for the rest.",
        ),
    )
    assert not any(f.type == "unfulfillable_promise" for f in b.compliance_flags)
    assert any(m.type == "ai_commitment" for m in b.transcript[2].markers)


def test_getting_someone_on_the_line_hands_the_call_over() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "My heating stopped working last night."),
        ("a", "I'm going to get the on-call engineer on the line right away."),
    )
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 2")


# --- emergencies -------------------------------------------------------------------------------------------


def test_danger_now_is_an_emergency_first_whatever_else_the_call_is_about() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "There's water coming through my ceiling! The upstairs unit must have a burst pipe."),
        ("a", "What's your address?"),
        ("u", "1450 Alder Court, unit 3B. Please hurry."),
        ("a", "Please stay away from the kitchen. I'm getting the maintenance supervisor on the line."),
    )
    assert b.transfer_reason.startswith("Caller raised a safety emergency")
    assert steps(b)[0].startswith("Treat it as an emergency")
    for said in (
        "I smell gas in the hallway.",
        "the kitchen is on fire",
        "my basement is flooding",
        "my husband is having a heart attack",
        "there are sparks coming out of the socket",
        "someone broke in last night",
        "my garage is on fire",
    ):
        assert topics(said)[:1] == ["emergency"], said


def test_figures_of_speech_are_not_emergencies() -> None:
    for said in (
        "We've been flooded with emails since the outage.",
        "I nearly had a heart attack when I saw the bill.",
        "The water coming out of the tap is brown.",
        "You're fired as my provider.",
        "The shoes need time to break in.",
        "Your Black Friday sale is on fire, everyone at work is talking about it.",
    ):
        assert "emergency" not in topics(said), said


# --- the caller's frustration ------------------------------------------------------------------------------


def test_calling_day_after_day_and_an_exasperated_question_are_cues() -> None:
    _, cues = score_turn("I was laid off. I have rent due. I've called every day this week.")
    assert "repeated a failed step" in cues
    _, cues = score_turn("I've been calling for weeks about this.")
    assert "repeated a failed step" in cues
    _, cues = score_turn("What does that even mean?")
    assert "rhetorical question" in cues
    _, cues = score_turn("I take it every day with food.")
    assert "repeated a failed step" not in cues
    _, cues = score_turn("What does that mean for my claim?")
    assert "rhetorical question" not in cues


# --- a second round: debt collection, a hotel, a wire transfer, a gym, an ISP, a car dealer ---------------


def test_a_birth_date_and_the_last_four_of_a_social_asked_together() -> None:
    asked = "Thank you, Mr. Bell. Can you confirm your date of birth and the last four of your social?"
    found = [(e.key, e.value) for e in entities.extract_turn("June 3rd 1985, and 6671.", 3, asked)]
    assert found == [("date_of_birth", "June 3rd 1985"), ("ssn_last_4", "6671")]
    found = [(e.key, e.value) for e in entities.extract_turn("3 June 1985 and 6671", 3, asked)]
    assert found == [("date_of_birth", "3 June 1985"), ("ssn_last_4", "6671")]
    assert [(e.key, e.value) for e in entities.extract_turn("I fly out on 12 March.", 1)] == [
        ("date", "12 March")
    ]
    assert entities.extract_turn("we have 2 mar bars left", 1) == []


def test_an_account_someone_opened_in_the_callers_name_is_suspected_fraud() -> None:
    assert topics("That's not mine. Someone must have opened it in my name.")[:1] == ["fraud"]
    assert topics("They took out a loan in my name!")[:1] == ["fraud"]
    assert "fraud" not in topics("I opened the account in my name last year.")


def test_a_one_time_code_read_back_is_a_verification_code_and_masked() -> None:
    b = brief_of(
        ("a", f"{RECORDED} Can you verify your online banking username?"),
        ("u", "It's rgarcia77."),
        ("a", "Thanks. I've sent a one-time code to your phone ending in 4418. Can you read it to me?"),
        ("u", "It's 558 201."),
        ("a", "Thank you, you're verified. I see the wire is on hold for a compliance review."),
    )
    assert ("verification_code", "558 201") in info(b)
    details = next(s for s in b.call_summary if s.startswith("Details collected"))
    assert "verification code: …8201" in details and "558 201" not in details


def test_one_word_sentences_of_feeling_are_not_values() -> None:
    for said in ("Seriously? My flight got cancelled.", "Honestly. I give up.", "Unbelievable."):
        assert [e for e in entities.extract_turn(said, 1) if e.key == "detail"] == [], said


def test_a_credit_the_ai_agent_added_is_an_action_taken() -> None:
    b = brief_of(
        ("a", f"{RECORDED} What can I help you with?"),
        ("u", "A technician was supposed to come today and nobody showed up."),
        (
            "a",
            "I've added a $20 credit to your account for the missed appointment. Let me connect you with a manager.",
        ),
    )
    assert any(s.startswith("AI agent did: \"I've added a $20 credit") for s in b.call_summary)
    assert not any(i.key == "preference" for i in b.information_collected)  # "missed appointment"


# --- a third round: an IT service desk, a bereavement, a lost parcel, a food order, a student loan, a crash --


def test_a_name_asked_for_or_said_as_someone_elses_is_not_the_callers() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "My father passed away last month and I need to close his accounts. I'm the executor."),
        ("a", "I'm very sorry for your loss. Can I have your father's full name and the account number?"),
        ("u", "His name was Robert James Whitaker. I don't have the account number."),
        (
            "a",
            "Thank you. Our bereavement team will need a copy of the death certificate. I'll transfer you now.",
        ),
    )
    assert b.header.caller_name == "Unknown Caller"
    assert ("other_name", "Robert James Whitaker") in info(b)
    assert b.transfer_reason.startswith("Caller raised a bereavement")
    assert steps(b)[0].startswith("Offer condolences")
    assert not any("retention" in s for s in steps(b))  # closing a late father's accounts is not churn
    assert "bereavement" not in topics("My phone died twice today.")
    assert topics("My husband died in March.")[:1] == ["bereavement"]


def test_what_the_ai_agent_says_it_cannot_issue_or_change_is_a_failure_but_a_rule_is_not() -> None:
    b = brief_of(
        ("a", "Hi, thanks for contacting ParcelGo. This call may be recorded. How can I help?"),
        ("u", "My package says delivered but I never got it. I want a refund."),
        (
            "a",
            "I can't issue refunds, the sender has to do that. I can open a missing package claim for you.",
        ),
        ("u", "No, the sender told me to call you! Let me talk to a supervisor."),
    )
    assert any(
        s.startswith("Pick up what the AI agent could not do: \"I can't issue refunds") for s in steps(b)
    )
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "Can I change the name on my train ticket?"),
        ("a", "You can't change ticket details; instead, buy a new ticket and request a refund."),
        ("u", "Okay, thanks."),
    )
    assert not any("could not do" in s for s in steps(b))


def test_speech_to_text_forms_of_an_action_taken_and_of_an_amount() -> None:
    b = brief_of(
        ("a", "hey this is the dashbite assistant this call is recorded whats going on with your order"),
        ("u", "i got someone elses order, its 88213 and it was 34 dollars and 50 cents"),
        ("a", "ive issued a full refund of 34.50 to your card. ill connect you with our food safety team"),
    )
    assert ("amount", "34 dollars and 50 cents") in info(b)
    assert any(s.startswith('AI agent did: "ive issued a full refund') for s in b.call_summary)


def test_a_plate_and_an_employee_id_are_named() -> None:
    found = entities.extract_turn(
        "Yeah, her name is Tanya Brooks and her plate is 8KLM221.",
        5,
        "I've opened claim number CLM-55120 for you. Do you have the other driver's information?",
    )
    assert [(e.key, e.value) for e in found] == [("other_name", "Tanya Brooks"), ("license_plate", "8KLM221")]
    found = entities.extract_turn("E 4 4 7 1 9.", 3, "Can I have your employee ID?")
    assert [(e.key, e.value) for e in found] == [("employee_id", "E44719")]


# --- a fourth round: roaming charges, a medical bill, a shutoff notice, travel insurance, a donation, an outage


def test_a_bill_far_above_the_usual_is_a_dispute_across_an_exclamation() -> None:
    assert topics("My bill is 486 pounds this month! It's normally about 30.")[:1] == ["billing_dispute"]


def test_leaving_for_another_network_is_a_threat() -> None:
    _, cues = score_turn("I want it all removed or I'm leaving for another network.")
    assert "threatened to cancel or complain" in cues


def test_a_kind_named_before_a_comma_names_the_value() -> None:
    found = entities.extract_turn(
        "The doctor's office told me they got the authorization. I have the reference number, it's PA-77120.",
        5,
        "I see the claim was denied because prior authorization wasn't on file.",
    )
    assert ("reference_number", "PA-77120") in [(e.key, e.value) for e in found]


def test_a_claim_started_and_connecting_you_now() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "My trip got cancelled because I was in hospital."),
        ("a", "I'm sorry to hear that. I've started a claim for you, the reference is CL-88021."),
        ("u", "Thanks. Can the handler call me?"),
        ("a", "Of course, connecting you now."),
    )
    assert any(s.startswith("AI agent did: \"I've started a claim") for s in b.call_summary)
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 4")


def test_a_sentence_ending_in_an_acronym_splits_a_phrase() -> None:
    found = entities.extract_turn("We pay for 99.99 percent uptime SLA. I want an ETA now.", 3)
    assert "SLA. I" not in [e.value for e in found]
    assert ("detail", "SLA") in [(e.key, e.value) for e in found]


def test_asking_for_someone_by_role_is_a_request_for_a_human_not_frustration() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I filed a claim three weeks ago."),
        ("a", "I see the claim. It is with a claims handler."),
        ("u", "Can I talk to the claims handler now?"),
    )
    assert b.transfer_reason.startswith("Caller asked to speak with a human agent at turn 3")
    assert b.header.sentiment.level == "calm"
    score, cues = score_turn("Get me your incident manager.")
    assert cues == ("asked for a human",) and score == 2.0  # a demand, in so many words
    score, _ = score_turn("This is ridiculous, let me talk to the claims handler.")
    assert score >= 2.0


# --- a fifth round: a card declined abroad, a pet's surgery, a noise complaint, a visa appointment -----------


def test_speech_to_text_verification_and_cant_and_a_birth_date_in_words() -> None:
    b = brief_of(
        ("a", "hi youve reached summit bank this call is recorded how can i help"),
        ("u", "my card keeps getting declined and i cant pay for my hotel"),
        ("a", "sorry about that whats your date of birth"),
        ("u", "uh november fifth nineteen eighty eight"),
        ("a", "thank you youre verified. i see the card was blocked"),
        ("u", "can you unblock it"),
        ("a", "i cant unblock cards flagged by our fraud system ill transfer you to the fraud team"),
    )
    assert any(m.type == "identity_verified" for m in b.transcript[4].markers)
    assert any(
        s.startswith('Pick up what the AI agent could not do: "i cant unblock cards') for s in steps(b)
    )
    details = next(s for s in b.call_summary if s.startswith("Details collected"))
    assert "date of birth: (given)" in details  # no "…ight": a value in words shows none of itself


def test_a_pets_name_a_unit_and_an_application_number() -> None:
    found = entities.extract_turn("Hi, my dog Biscuit had emergency surgery last night.", 1)
    assert ("pet_name", "Biscuit") in [(e.key, e.value) for e in found]
    b = brief_of(
        ("a", f"{RECORDED} Can I have your unit number and name?"),
        ("u", "Unit 3C, Helen Park."),
    )
    assert b.header.caller_name == "Helen Park"
    found = entities.extract_turn("My application number is VAC/2024/118843.", 1)
    assert [(e.key, e.value) for e in found] == [("application_number", "VAC/2024/118843")]


def test_a_complaint_the_caller_asked_to_make_gets_its_step_whatever_the_reason() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        (
            "u",
            "I'd like to make a complaint about my neighbor in 4C. They've had loud parties every weekend.",
        ),
        ("a", "I'm sorry about that. A property manager will follow up by Monday."),
        (
            "u",
            "That's what they said last time and nothing happened. I want to talk to the property manager.",
        ),
    )
    assert b.transfer_reason.startswith("Caller asked to speak with a human agent")
    assert "Log the caller's complaint and explain how it will be handled." in steps(b)


# --- a sixth round: payroll, a port-out, a caller who cannot hear, a supplier's invoice, a lease return ------


def test_employee_and_purchase_order_numbers_and_the_callers_company() -> None:
    found = entities.extract_turn("My paycheck didn't come in. My employee number is 448120.", 1)
    assert ("employee_id", "448120") in [(e.key, e.value) for e in found]
    found = entities.extract_turn(
        "Hi, this is Dana from Brightline Manufacturing. Our PO number 7713-B was for 11,200 dollars.", 1
    )
    pairs = [(e.key, e.value) for e in found]
    assert ("company", "Brightline Manufacturing") in pairs and ("po_number", "7713-B") in pairs
    assert ("origin", "Boston") in [
        (e.key, e.value) for e in entities.extract_turn("I'm flying from Boston.", 1)
    ]


def test_a_switch_told_calmly_is_no_threat_but_one_held_over_the_agent_is() -> None:
    assert score_turn("I'm switching to another carrier and they need my port-out PIN.") == (0.0, ())
    _, cues = score_turn("Fix it or I'm switching to another bank.")
    assert "threatened to cancel or complain" in cues


def test_a_caller_who_cannot_hear_gets_a_slow_down_step() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "What? I can't hear you very well. I need my heart pills refilled."),
        ("a", "I'm sorry. I'll speak slowly. Can you tell me your member ID?"),
        ("u", "I can't understand this machine. Can I talk to a real person please?"),
    )
    assert any(s.startswith("Speak slowly and clearly") for s in steps(b))


def test_a_corrected_invoice_and_not_paying_are_billing_disputes() -> None:
    assert topics("Freight was included in the quote. I need a corrected invoice.")[:1] == ["billing_dispute"]
    assert topics("There was no damage. I'm not paying this.")[:1] == ["billing_dispute"]
    assert "billing_dispute" not in topics("I'm not paying attention to the emails, sorry.")


# --- a seventh round: an oversold hotel, a renewal price rise, a caller asking for Spanish, repeated restarts


def test_a_caller_who_asks_for_another_language_gets_it_first() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help you today?"),
        (
            "u",
            "Hola, sorry, my English is not so good. Can I speak with someone in Spanish? Es sobre mi factura.",
        ),
        ("a", "Of course. I'll connect you with a Spanish-speaking agent now."),
    )
    assert steps(b)[0] == "Continue in Spanish: the caller asked for it."
    assert ("language", "Spanish") in info(b)
    assert not any(v == "Hola" for _, v in info(b))
    assert all(e.key != "language" for e in entities.extract_turn("We want Italian food tonight.", 1))
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"), ("u", "The e-book I bought is in Portuguese, not English.")
    )
    assert not any(s.startswith("Continue in") for s in steps(b))


def test_a_manager_named_with_a_word_before_the_role_takes_the_call() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "There's no room for me even though I booked three months ago. This is unacceptable."),
        (
            "a",
            "I completely understand. The night manager will come to the front desk right away to help you.",
        ),
    )
    assert any(s.startswith("Pick up where the AI agent handed over") for s in steps(b))


def test_shopping_around_is_a_threat() -> None:
    _, cues = score_turn("Can you do better or should I shop around?")
    assert "threatened to cancel or complain" in cues


# --- an eighth round: what the AI agent told a caller it had not verified -----------------------------------


def test_the_ai_agent_disclosing_a_balance_or_results_before_verification_is_flagged() -> None:
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "Hi, what's the balance on my checking account? The number is 40021877."),
        (
            "a",
            "Your checking account ending 1877 has a balance of $3,412.56, and your last deposit was $1,200.",
        ),
        ("u", "Can someone check the recent withdrawals?"),
        ("a", "Sure. Before I go further, can you confirm your date of birth?"),
        ("u", "May 2nd 1979."),
        ("a", "Thank you, you're verified. Your last withdrawal was $200 on Monday. Let me transfer you."),
    )
    flags = [f for f in b.compliance_flags if f.description.startswith("AI agent disclosed")]
    assert [(f.type, f.turn_index) for f in flags] == [
        ("sensitive_data_before_verification", 2)
    ]  # not turn 6
    assert "account details" in flags[0].description
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "I'm calling for my husband, Raj Patel. He wants his blood test results."),
        ("a", "His results show his cholesterol is slightly high."),
    )
    assert any(
        f.description.startswith("AI agent disclosed test results at turn 2") for f in b.compliance_flags
    )
    b = brief_of(
        ("a", f"{RECORDED} How can I help?"),
        ("u", "Where is my order?"),
        ("a", "Your order of $129.99 shipped yesterday and arrives Friday."),
    )
    assert b.compliance_flags == []


# --- a ninth round: a spelled surname, swearing, a check to stop, a pet's appointment ------------------------


def test_a_lower_case_name_followed_by_its_spelling_names_the_caller() -> None:
    b = brief_of(
        ("a", "thanks for calling brightside energy this call is recorded whats the name on the account"),
        ("u", "marisol vega v e g a"),
    )
    assert b.header.caller_name == "Marisol Vega"


def test_swearing_is_no_value_and_a_check_number_and_a_pets_possessive() -> None:
    found = entities.extract_turn("Are you kidding me? Damn it, my whole thesis is on that laptop.", 3)
    assert all(e.value != "Damn" for e in found)
    found = entities.extract_turn("I want to stop a check I wrote. Check number 1043 for 250 dollars.", 1)
    assert ("check_number", "1043") in [(e.key, e.value) for e in found]
    asked = entities.extract_turn("It's 4471 2290.", 3, "Sure, would you like me to check that for you?")
    assert [e.key for e in asked] == ["reference_number"]  # "check" is a label, never a kind asked for
    found = entities.extract_turn("I'm calling about my cat Luna's appointment.", 1)
    assert ("pet_name", "Luna") in [(e.key, e.value) for e in found]


@pytest.mark.parametrize(
    ("question", "caller_name", "other"),
    [
        ("Can I take the account holder's full name?", "Unknown Caller", True),
        ("Can I take your full name?", "Margaret Hale", False),
    ],
)
def test_the_late_account_holders_name_is_not_the_callers(
    question: str, caller_name: str, other: bool
) -> None:
    brief = brief_of(
        ("a", "Hello, Crestline Bank, this call is recorded. How can I help?"),
        ("u", "Hi. My husband passed away last week. I need to do something about his accounts."),
        ("a", question),
        ("u", "Robert James Hale." if other else "Margaret Hale."),
    )
    assert brief.header.caller_name == caller_name
    assert [key for key, _ in info(brief) if key in ("name", "other_name")] == [
        "other_name" if other else "name"
    ]
