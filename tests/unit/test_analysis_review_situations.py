"""Briefs of calls built around situations rather than lines of business: a caller who corrects themselves,
asks whether the agent is a bot, calls for a relative, takes a retention offer, only answers yes; an AI agent
that hands over in new words or fails once at the end of the call. Read as the human picking up would read
them. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis import entities
from domain.analysis.compliance import MISSING_DISCLOSURE
from domain.analysis.sentiment import HUMAN_CUE, THREAT_CUE, score_turn
from tests.unit.calls import brief_of, info, steps, topics

pytestmark = pytest.mark.unit

RECORDED = "Thanks for calling, this call may be recorded. How can I help?"


def extracted(text: str, prompt: str = "") -> list[tuple[str, str]]:
    return [(e.key, e.value) for e in entities.extract_turn(text, 1, prompt)]


# --- who the caller is ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "name"),
    [
        ("Am I speaking with Helen Park?", "Yes, speaking.", "Helen Park"),
        ("Is this Mr. Okafor?", "Yes.", "Mr. Okafor"),
        ("I have the booking under Sam Ortiz. Is that you?", "Yep, that's me.", "Sam Ortiz"),
        (
            "I see account 7781 2045 for Helen Park at 88 Birch Lane. Is that you?",
            "Yes that's me. My bill jumped from 60 dollars to 310 dollars this month.",
            "Helen Park",
        ),
    ],
)
def test_a_name_the_agent_asks_the_caller_to_confirm_names_the_caller(
    question: str, answer: str, name: str
) -> None:
    b = brief_of(("a", question), ("u", answer))
    assert b.header.caller_name == name
    assert ("name", name) in info(b)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Am I speaking with Helen Park?", "No, this is her son."),
        ("Is this Thursday's appointment?", "Yes."),
        ("I have the booking under Sam Ortiz. Can I have your email?", "Yes, sam@example.com."),
    ],
)
def test_no_name_without_a_yes_to_it_as_the_callers(question: str, answer: str) -> None:
    b = brief_of(("a", question), ("u", answer))
    assert b.header.caller_name == "Unknown Caller"
    assert all(key != "name" for key, _ in info(b))


def test_a_surname_then_a_given_name_is_one_name_in_the_usual_order() -> None:
    assert extracted("No, that's not me. It's Kowalczyk, Piotr. Date of birth 11 September 1984.")[0] == (
        "name",
        "Piotr Kowalczyk",
    )
    assert extracted("It's Sarah, Mom.")[0] == ("name", "Sarah")


def test_a_lower_case_name_with_its_spelling_in_a_two_part_answer() -> None:
    prompt = "i can help with both can i get the account holder's name and the last four of the social"
    assert extracted("its derek osei o s e i and the last four is five five one nine", prompt) == [
        ("name", "derek osei"),
        ("ssn_last_4", "5519"),
    ]


def test_a_title_and_surname_is_someone_else_unless_the_caller_just_gave_that_surname() -> None:
    assert ("other_name", "Dr. Amani") in extracted("That's wrong, Dr. Amani is in my network.")
    said = extracted(
        "This is Eleanor Gustafsen. Mrs. Gustafsen. My husband used to do all this.", "Your name?"
    )
    assert said == [("name", "Eleanor Gustafsen")]


# --- values --------------------------------------------------------------------------------------------------


def test_capital_letters_written_apart_from_an_ids_digits_belong_to_it() -> None:
    prompt = "Can you give me your mother's member ID and date of birth?"
    assert ("member_id", "HH 448 2210") in extracted("Her member ID is HH 448 2210.", prompt)
    assert extracted("The tag number is ZP 448120.") == [("tag_number", "ZP 448120")]
    assert extracted("It's CLF 220 8891.", "Can I have your lease account number?") == [
        ("account_number", "CLF 220 8891")
    ]
    # a word or a label is no prefix
    assert extracted("My member ID is 448 2210.", prompt) == [("member_id", "448 2210")]
    assert extracted("The number is AT 448120.") == [("reference_number", "448120")]


def test_contract_and_bag_tag_numbers_are_named() -> None:
    assert extracted("I'm a member, contract number AHW-550192.") == [("contract_number", "AHW-550192")]


def test_who_took_the_money_and_where_the_caller_lives() -> None:
    assert ("merchant", "Glowbox") in extracted(
        "I need to dispute a charge of 89.50 from a company called Glowbox."
    )
    assert ("merchant", "Netflix") in extracted("There is a charge from Netflix I did not make.")
    assert ("origin", "Denver") in extracted("I am flying from Denver.")
    assert extracted("The heat is out. Unit 12B at 300 Oak Street.") == [
        ("unit", "Unit 12B"),
        ("address", "300 Oak Street"),
    ]


def test_a_number_said_in_words_for_emphasis_is_not_a_value() -> None:
    assert extracted("I've been on hold for forty minutes. Forty. It's ridiculous.") == []


def test_a_date_of_birth_said_digit_by_digit_reads_as_a_date_and_the_summary_hides_it() -> None:
    b = brief_of(("a", "Can I have the patient's date of birth?"), ("u", "Oh three fifteen eighty two."))
    assert info(b) == [("date_of_birth", "03/15/82")]
    assert "date of birth: (given)" in b.call_summary[1]


# --- what the caller wants -----------------------------------------------------------------------------------


def test_asking_whether_the_agent_is_a_person_is_not_asking_for_one() -> None:
    for said in (
        "Am I talking to a real person or a robot?",
        "Are you a real person?",
        "Is this a real person?",
    ):
        assert HUMAN_CUE not in score_turn(said)[1], said
    for said in ("Can I talk to a real person?", "I want to talk to a real person, are you a real person?"):
        assert HUMAN_CUE in score_turn(said)[1], said
    assert (
        HUMAN_CUE in score_turn("If this doesn't go through I lose the house. I need someone right now.")[1]
    )


def test_an_ai_agent_that_dodges_are_you_a_robot_is_flagged_and_the_question_is_not_the_request() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Am I talking to a real person or a robot?"),
        ("a", "I'm here to help you with your policy. What can I do for you?"),
        ("u", "Just answer the question. Are you a computer?"),
        ("a", "I'm an automated assistant. I can help with claims and payments."),
        ("u", "Then get me a human. I was rear-ended this morning and I need to file a claim."),
        ("a", "I'm sorry to hear that. I'll transfer you to a claims representative."),
    )
    flags = [f for f in b.compliance_flags if f.type == MISSING_DISCLOSURE]
    assert len(flags) == 1 and flags[0].turn_index == 2
    assert "Am I talking to a real person" in flags[0].description
    assert b.call_summary[0] == (
        'Caller request: "Then get me a human. I was rear-ended this morning and I need to file a claim."'
    )
    assert b.transfer_reason.startswith(
        'Caller asked to speak with a human agent at turn 5: "Then get me a human."'
    )


@pytest.mark.parametrize(
    "answer",
    [
        "I'm an automated assistant for Pioneer.",
        "Yes, I'm a virtual agent.",
        "I'm not a real person, but I can help.",
    ],
)
def test_an_ai_agent_that_says_what_it_is_is_not_flagged(answer: str) -> None:
    b = brief_of(("a", RECORDED), ("u", "Are you a robot?"), ("a", answer))
    assert b.compliance_flags == []
    # ... nor one that said so before it was asked
    b = brief_of(
        ("a", "Hi, you've reached the Summit virtual assistant. This call is recorded."),
        ("u", "Wait, are you a real person?"),
        ("a", "How can I help you today?"),
    )
    assert b.compliance_flags == []


def test_a_closure_settled_by_a_retention_offer_is_not_what_the_person_picks_up() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "I want to cancel my subscription. It went up to 22.99 and I barely use it."),
        ("a", "I can offer you the basic plan at 9.99 a month instead. Would that work?"),
        ("u", "Oh, actually yes, that's fine, let's do that."),
        (
            "a",
            "Done, I've switched you to the basic plan at 9.99 starting next billing cycle. Anything else?",
        ),
        ("u", "Actually can I speak to someone about a refund for last month too?"),
        ("a", "Sure, I'll connect you with an account specialist."),
    )
    assert "account closure" not in b.transfer_reason
    assert not any("closure" in s or "retention" in s for s in steps(b))
    assert steps(b)[0] == (
        'Introduce yourself as the person the caller asked for and pick up their request: "Actually can I speak to '
        'someone about a refund for last month too?"'
    )
    assert any(line.startswith("AI agent did: \"Done, I've switched you") for line in b.call_summary)


def test_a_closure_raised_again_after_the_offer_stays() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "I want to cancel my subscription."),
        ("a", "I've applied a 20% discount for the next three months."),
        ("u", "No, I still want to cancel my subscription. Can I talk to a person?"),
    )
    assert "account closure" in b.transfer_reason


def test_a_caller_acting_for_someone_else_must_be_authorised() -> None:
    authorise = (
        "Confirm the caller may act for the account holder (power of attorney or consent on file) before "
        "discussing the account."
    )
    for said in (
        "My name is Grace Liu, I'm calling on behalf of my mother. I have power of attorney.",
        "Hi, I'm calling about my husband's account, he's in hospital.",
        "I'm calling for my father, his member ID is 448 2210.",
    ):
        b = brief_of(("a", RECORDED), ("u", said), ("a", "I'll transfer you to an agent."))
        assert authorise in steps(b), said
    # a company's contact, and a caller calling about their own account
    for said in (
        "Tom from Koala Freight, calling on behalf of the business. Our account number is 1234 5678.",
        "I'm calling about my account number 1234 5678.",
    ):
        b = brief_of(("a", RECORDED), ("u", said), ("a", "I'll transfer you to an agent."))
        assert authorise not in steps(b), said


def test_a_caller_who_only_said_yes_is_summarised_by_the_question_they_said_yes_to() -> None:
    b = brief_of(
        ("a", "Thanks for calling Orion Energy. This call may be recorded. Are you calling about your bill?"),
        ("u", "Yes."),
        ("a", "Is it about a payment arrangement?"),
        ("u", "Yes."),
        ("a", "Payment arrangements need a specialist. I'll transfer you now."),
    )
    assert (
        b.call_summary[0]
        == 'Caller did not state a request; said yes to: "Is it about a payment arrangement?"'
    )


def test_money_taken_by_someone_else_is_fraud() -> None:
    for said in (
        "Someone took 900 dollars out of my checking account with my debit card.",
        "There's a withdrawal of $400 yesterday and it wasn't me.",
        "Somebody spent $1,200 on my card in another state.",
    ):
        assert topics(said)[:1] == ["fraud"], said
    assert topics("Someone from your company took my order yesterday.") == []


def test_i_never_got_is_a_problem_report_not_anger() -> None:
    assert score_turn("I never got my confirmation email for a booking next weekend.")[0] < 2.0


# --- why the call is here ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "handover",
    [
        "I'm sorry, I can't change it to delivery. Let me get a pharmacist to help.",
        "I've locked your debit card. Please hold while I get a fraud specialist.",
        "I'm not able to change the network status. I'll send this to a billing specialist.",
    ],
)
def test_new_words_for_handing_the_call_over(handover: str) -> None:
    b = brief_of(("a", RECORDED), ("u", "It was supposed to be delivered."), ("a", handover))
    assert b.transfer_reason.startswith(f'AI agent handed the call over at turn 2: "{handover[:20]}')
    # (not an errand for the agent)
    b = brief_of(("a", RECORDED), ("u", "I lost my card."), ("a", "Let me get a new card sent to you."))
    assert not b.transfer_reason.startswith("AI agent handed the call over")


def test_an_ai_agent_that_failed_once_at_the_end_of_the_call_is_the_reason() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Book me a table for two at Luigi's tonight at 7."),
        ("a", "Sorry, I could not make the reservation."),
        ("u", "Okay, thanks."),
    )
    assert b.transfer_reason == (
        'AI agent could not do what the caller asked at turn 2: "Sorry, I could not make the reservation."'
    )
    # ... but not when the call went on past it, nor for what the caller cannot do
    b = brief_of(
        ("a", RECORDED),
        ("u", "Find me a comedy in San Jose."),
        ("a", "Sorry, I can't find any movie like that."),
        ("u", "Try documentaries."),
        ("a", "How about Breakthrough?"),
        ("u", "Great, what time is it on?"),
        ("a", "There's a show at 7 pm."),
        ("u", "Thanks."),
    )
    assert not b.transfer_reason.startswith("AI agent could not")
    b = brief_of(
        ("a", RECORDED), ("u", "Book the class."), ("a", "Done. If you can't make it, cancel 12 hours ahead.")
    )
    assert not b.transfer_reason.startswith("AI agent could not")


def test_a_one_word_question_is_quoted_with_what_the_caller_said_after_it() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "My internet has been down since Monday."),
        ("a", "There's an outage in your area that should be fixed by Thursday."),
        ("u", "Thursday? I want a credit for the whole week."),
        ("a", "A supervisor can review a credit. Let me transfer you."),
    )
    assert (
        'after the caller asked (turn 3): "Thursday? I want a credit for the whole week."'
        in b.transfer_reason
    )


# --- second round: transfers, accessibility, threats ---------------------------------------------------------


def test_a_payment_taken_twice_is_a_billing_dispute() -> None:
    for said in ("My mortgage payment was taken twice this month.", "You debited me two times for one bill."):
        assert topics(said) == ["billing_dispute"], said
    assert topics("I called twice already.") == []


def test_someone_the_caller_spoke_to_is_a_person_not_a_destination() -> None:
    said = extracted("I spoke to Jessica yesterday about my claim. I fly to Denver on Monday.")
    assert ("other_name", "Jessica") in said and ("destination", "Denver") in said


def test_a_threat_of_violence_escalates_and_asks_for_the_threat_procedure() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Your maintenance guy left my door unlocked and my laptop is gone."),
        ("a", "I'm very sorry. Can I have your unit number?"),
        (
            "u",
            "Unit 7. If nobody calls me back today I'm coming down there and somebody's going to get hurt.",
        ),
        ("a", "I'll transfer you to the property manager now."),
    )
    assert b.header.sentiment.level == "escalated"
    assert steps(b)[0].startswith("The caller threatened violence")
    for said in ("Be careful or you'll get hurt on those stairs.", "My son got hurt at the store."):
        assert score_turn(said)[0] == 0.0, said
    # a hazard reported is no threat
    assert THREAT_CUE not in score_turn("If nobody fixes those stairs somebody's going to get hurt.")[1]
    assert THREAT_CUE in score_turn("Fix it or else someone will get hurt.")[1]


def test_a_lawyer_who_asked_for_records_is_no_threat() -> None:
    assert (
        "threatened to cancel or complain"
        not in score_turn("My lawyer asked me to get copies of my statements.")[1]
    )
    assert "threatened to cancel or complain" in score_turn("My lawyer will be in touch.")[1]


def test_a_blind_caller_gets_details_read_aloud() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "I'm blind and I got a letter I can't read. Can you tell me what it says?"),
        ("a", "I can't read letters. Let me transfer you to an agent."),
    )
    assert any(s.startswith("Read the details aloud and offer an accessible format") for s in steps(b))
    b = brief_of(("a", RECORDED), ("u", "The blinds in my flat are broken."), ("a", "Let me transfer you."))
    assert not any(s.startswith("Read the details aloud") for s in steps(b))


def test_a_caller_passed_between_departments_should_not_be_passed_on_again() -> None:
    calm = brief_of(
        ("a", RECORDED),
        ("u", "Billing sent me to you, this is the third department I've been sent to. I need a new meter."),
        ("a", "Let me transfer you to field services."),
    )
    assert any(s.startswith("Resolve it on this call if you can") for s in steps(calm))
    upset = brief_of(
        ("a", RECORDED),
        ("u", "My payment was taken twice this month, 1,845 dollars both times."),
        ("a", "I'm not able to reverse payments. I'll connect you to the servicing team."),
        ("u", "Please don't transfer me again. I've already explained this twice, this is ridiculous."),
    )
    assert steps(upset)[0].endswith(
        "resolve it on this call if you can: they have been passed between departments."
    )
    assert "Review the disputed charge (1,845 dollars) on the account and explain or reverse it." in steps(
        upset
    )


# --- third round: cards, spelled emails, a caller who cannot keep up -----------------------------------------


def test_a_cards_expiry_is_not_a_date_of_the_call() -> None:
    said = extracted("My card is 4111 1111 1111 1111, expiry 09/27, and the security code is 123.")
    assert ("card_expiry", "09/27") in said and all(key != "date" for key, _ in said)
    assert ("date", "09/27") in extracted("The appointment is on 09/27.")


def test_a_spoken_email_with_a_dash_in_its_domain() -> None:
    said = extracted("The login email is j underscore walsh at walsh dash design dot co dot uk.")
    assert ("email", "j_walsh@walsh-design.co.uk") in said


def test_someone_trying_to_hack_the_account_is_fraud() -> None:
    said = "I also need to know why I was locked out, I think someone tried to hack us."
    assert topics(said) == ["fraud"]


def test_a_caller_who_cannot_keep_up_is_not_summarised_by_asking_to_repeat() -> None:
    b = brief_of(
        (
            "a",
            "Welcome to Metro Health. This call is recorded. Your deductible is $1,500 and your copay is $30.",
        ),
        ("u", "Sorry, can you repeat that?"),
        ("a", "Your deductible is $1,500 and your copay is $30."),
        ("u", "Sorry, what was the copay again? You're going too fast."),
        ("a", "The specialist copay is $30."),
        ("u", "Okay. Can I talk to someone to go over my whole plan? It's a lot."),
        ("a", "Sure, let me connect you with a benefits advisor."),
    )
    assert (
        b.call_summary[0] == 'Caller request: "Can I talk to someone to go over my whole plan? It\'s a lot."'
    )
    assert any(s.startswith("Speak slowly and clearly") for s in steps(b))


def test_a_rebooking_is_an_action_the_ai_agent_took() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "You cancelled my flight and nobody told me!"),
        ("a", "I'm so sorry. I've rebooked you on the 4:15 pm flight to Chicago at no charge."),
    )
    assert any(line.startswith("AI agent did: \"I've rebooked you") for line in b.call_summary)


# --- fourth round: whose name, where they work, codes --------------------------------------------------------


def test_is_that_real_about_a_text_message_is_not_a_question_about_the_agent() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "yeah sorry um i got a text saying my account is locked and to call this number is that real"),
        ("a", "We never send texts like that. I'll connect you with our fraud team."),
    )
    assert b.compliance_flags == []
    assert b.call_summary[0].startswith('Caller request: "yeah sorry um i got a text')
    for said in ("Is this a recording?", "Are you real?", "Is it a person or a machine?"):
        b = brief_of(("a", RECORDED), ("u", said), ("a", "How can I help?"))
        assert [f.type for f in b.compliance_flags] == [MISSING_DISCLOSURE], said
    b = brief_of(("a", RECORDED), ("u", "Was the late fee human error?"), ("a", "Let me check."))
    assert b.compliance_flags == []


def test_the_name_an_account_is_in_and_where_the_caller_works() -> None:
    said = extracted(
        "It's in my late husband's name, Robert Chen. He passed away in March. I'm his wife, Linda."
    )
    assert ("other_name", "Robert Chen") in said and ("name", "Linda") in said
    said = extracted("Hi, this is Priya Natarajan, office manager at Birchwood Dental.")
    assert said == [("name", "Priya Natarajan"), ("company", "Birchwood Dental")]
    assert extracted("We had dinner at Luigi Pizza.") == [("venue", "Luigi Pizza")]


def test_promo_and_voucher_codes_are_named() -> None:
    assert extracted("I used promo code SAVE50 but was charged $89.99.")[0] == ("promo_code", "SAVE50")
    assert extracted("My coupon code is WELCOME10.") == [("promo_code", "WELCOME10")]
    assert extracted("The voucher TRAVEL2024 did not work.") == [("voucher_code", "TRAVEL2024")]


# --- fifth round: what the law asks for, and what the caller did before -------------------------------------


def test_a_do_not_call_request_and_a_data_deletion_request_come_first() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "You keep calling me about solar panels. Take me off your calling list."),
        ("a", "I'll pass this to our team to update your preferences."),
    )
    assert steps(b)[0] == "Add the caller's number to the do-not-call list and confirm it to them."
    b = brief_of(
        ("a", RECORDED), ("u", "Please stop calling me sir, I'm a woman."), ("a", "Sorry! How can I help?")
    )
    assert not any("do-not-call" in s for s in steps(b))
    b = brief_of(
        ("a", RECORDED),
        ("u", "I cancelled my membership last year. I want all my personal data deleted, under the CCPA."),
        ("a", "I'm not able to process data requests. Let me transfer you to our privacy team."),
    )
    assert steps(b)[0].startswith("Log the caller's request to delete their personal data")
    # a closure the caller made before the call is no closure request, and no threat
    assert "account closure" not in b.transfer_reason and not any("retention" in s for s in steps(b))
    assert all(m.type != "frustration" for m in b.transcript[1].markers)


def test_a_closure_told_as_done_is_not_asked_for() -> None:
    def closure(said: str) -> bool:
        return "account_closure" in topics(said)

    assert not closure("I cancelled my membership last year.")
    assert closure("I want to cancel my membership.")
    assert closure("We already closed that account, please close the other account too.")
    assert "threatened to cancel or complain" not in score_turn("We closed our account in May.")[1]
    # ... and being charged after it is a billing dispute
    assert topics("I cancelled last month and you still charged me.") == ["billing_dispute"]


def test_an_ai_agent_reading_out_a_whole_card_number_is_flagged() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Which card is my booking on? Booking number HH-55102."),
        ("a", "Your booking HH-55102 is on the card 4532 7712 0091 3345, expiring 08/26."),
    )
    assert [(f.type, f.turn_index) for f in b.compliance_flags] == [("sensitive_data_read_out", 2)]
    b = brief_of(("a", RECORDED), ("u", "Which card?"), ("a", "The card ending in 3345."))
    assert b.compliance_flags == []


def test_a_caller_following_up_a_complaint_is_told_where_it_stands() -> None:
    b = brief_of(
        ("a", RECORDED),
        (
            "u",
            "I made a complaint two weeks ago about a delayed train. The complaint reference is NR-CMP-44871.",
        ),
        ("a", "I see your complaint is still open. Let me transfer you to customer relations."),
    )
    assert b.transfer_reason.startswith("Caller is following up on a complaint at turn 1")
    assert "Find the caller's open complaint and tell them where it stands." in steps(b)
    b = brief_of(
        ("a", RECORDED), ("u", "I want to make a complaint about your driver."), ("a", "Let me transfer you.")
    )
    assert "Log the caller's complaint and explain how it will be handled." in steps(b)


def test_asking_the_agent_to_hold_on_is_not_the_request() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Hold on one sec, let me find my account number."),
        ("a", "Sure, take your time."),
        ("u", "Okay, it's 8800 1923 44. I want to know my payoff amount."),
    )
    assert b.call_summary[0] == 'Caller request: "Okay, it\'s 8800 1923 44. I want to know my payoff amount."'


# --- sixth round: verification, the police, a caller who only wants a manager --------------------------------


def test_the_answer_to_the_agents_own_security_question_is_the_verification_not_a_leak() -> None:
    b = brief_of(
        (
            "a",
            "Welcome to Fidelity Trust. This call is recorded. For security, what is your mother's maiden name?",
        ),
        ("u", "My mother's maiden name is Kowalski."),
        ("a", "Thank you, you're verified. How can I help?"),
        ("u", "I need to wire 25,000 dollars to my daughter's account today."),
        ("a", "Wires over $10,000 need a banker to approve. I'll transfer you."),
    )
    assert b.compliance_flags == []
    assert (
        b.call_summary[0]
        == 'Caller request: "I need to wire 25,000 dollars to my daughter\'s account today."'
    )
    # volunteered, unasked, it is still flagged
    b = brief_of(("a", RECORDED), ("u", "My mother's maiden name is Kowalski, can you check my balance?"))
    assert [f.type for f in b.compliance_flags] == ["sensitive_data_before_verification"]


def test_a_police_officer_asking_for_records_is_a_legal_matter() -> None:
    said = "This is Officer Dan Martinez with the Portland Police Bureau. I need the call records for a customer."
    assert topics(said) == ["legal_matter"]
    assert topics("The police told me to call you about my stolen car.") == []


def test_a_role_alone_asks_for_that_person_and_is_no_value() -> None:
    b = brief_of(("a", RECORDED), ("u", "Manager. Now."), ("a", "I'll transfer you to a supervisor."))
    assert b.transfer_reason.startswith('Caller asked to speak with a human agent at turn 1: "Manager."')
    assert info(b) == []


def test_a_zip_code_after_a_state_and_an_amount_in_singular_dollars() -> None:
    said = extracted("Ship it to 77 Lakeview Drive, Apt 12, Madison, WI 53703-2219 please.")
    assert ("zip_code", "53703-2219") in said and all(key != "reference_number" for key, _ in said)
    assert extracted("I want to dispute the 45 dollar reconnection fee.") == [("amount", "45 dollar")]


# --- seventh round ---------------------------------------------------------------------------------------------


def test_a_unit_said_in_lower_case() -> None:
    assert ("unit", "unit 3F") in extracted("The stairs are broken. I'm in unit 3F.")
    assert ("unit", "apartment 12B") in extracted("I live in apartment 12B.")
    assert all(key != "unit" for key, _ in extracted("I bought one unit for 40 dollars."))


def test_a_confused_caller_is_spoken_to_slowly() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Hello dear, I don't understand this new automated thing. I need my heart pills."),
        ("a", "Let me get a pharmacist to help you."),
    )
    assert any(s.startswith("Speak slowly and clearly") for s in steps(b))


def test_turning_auto_renew_off_is_an_action_taken() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Please turn off auto-renew."),
        ("a", "I've turned off auto-renew. Is there anything else?"),
    )
    assert any(line.startswith('AI agent did: "I\'ve turned off auto-renew."') for line in b.call_summary)


# --- topics the caller only mentions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "My basement flooded back in March and the claim was paid. I need a copy of the letter.",
        "I had chest pains two years ago and had a stent put in, so this is just the yearly review.",
        "Our kitchen flooded last year and the repair was never finished.",
        "Before I renew, does the policy cover a break-in or a burst pipe?",
        "What should I do if I ever smell gas at the meter?",
        "I want cover in case of a fire in the garage.",
        "I need to change my emergency contact to my brother.",
    ],
)
def test_an_emergency_told_as_the_past_or_asked_about_is_none(said: str) -> None:
    assert "emergency" not in topics(said)


@pytest.mark.parametrize(
    "said",
    [
        "My chest hurts and my left arm is numb.",
        "I had chest pains last year and they started again this morning.",
        "Someone broke in, the back door is smashed.",
        "I can smell gas in the hallway, what do I do?",
    ],
)
def test_an_emergency_happening_now_still_is_one(said: str) -> None:
    assert topics(said)[:1] == ["emergency"]


def test_a_caller_who_is_a_lawyer_or_an_officer_calling_about_their_own_account_raises_no_legal_matter() -> (
    None
):
    assert topics("I'm an attorney, so I'm short on time. I want to switch to paperless statements.") == []
    assert topics("Hi, this is Sergeant Mia Lopez, I'm calling about my own phone plan, it's personal.") == []
    assert topics("I'm a solicitor acting for my client, Mr. Hale, in his claim against you.") == [
        "legal_matter"
    ]
    assert topics("I'm a lawyer and I'm going to sue you over this.") == ["legal_matter"]


def test_a_charge_asked_about_or_a_copy_of_a_bill_is_no_billing_dispute() -> None:
    assert topics("Is there an extra charge if I add my daughter to the plan?") == []
    assert topics("Are there any hidden fees on the premium package?") == []
    assert topics("Could you send me a duplicate bill for June? I lost mine.") == []
    assert topics("What is this extra charge on my bill? I didn't order anything.") == ["billing_dispute"]
    assert topics("There's a duplicate charge for my gym fee this month.") == ["billing_dispute"]


def test_a_relative_who_did_it_is_no_fraud() -> None:
    said = "Somebody asked for a card reader on our account, but it wasn't me, it was my husband Tom."
    assert topics(said) == []
    assert topics("There's a payment to a shop in Leeds and it wasn't me.") == ["fraud"]


def test_an_app_that_tracks_where_the_caller_is_is_a_setting_not_a_stalker() -> None:
    assert topics("The maps app keeps tracking my location in the background. Can I stop that?") == []
    assert topics("My ex-husband is tracking my location through our shared plan.") == ["personal_safety"]


def test_a_false_emergency_does_not_send_the_agent_to_dispatch_help() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "I had chest pains back in February, all sorted now. I need to move my follow-up to a Friday."),
        ("a", "Rescheduling needs the front desk. I'll transfer you."),
    )
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 2")
    assert not any(s.startswith("Treat it as an emergency") for s in steps(b))


def test_a_request_for_a_person_after_repeated_failures_names_both() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "I want to change the delivery day for my sofa."),
        ("a", "Sorry, I couldn't find an order under that name."),
        ("u", "It's order 55812."),
        ("a", "Sorry, I'm unable to change delivery days."),
        ("u", "Can I talk to a person, please?"),
    )
    assert b.transfer_reason == (
        'Caller asked to speak with a human agent at turn 5: "Can I talk to a person, please?" (after the AI agent '
        "failed to complete the request 2 times, at turns 2, 4)."
    )


@pytest.mark.parametrize(
    "said",
    [
        "Someone's breaking in downstairs right now, I can hear the glass.",
        "There's somebody trying to break in through the back door.",
    ],
)
def test_a_break_in_happening_now_is_an_emergency(said: str) -> None:
    assert topics(said)[:1] == ["emergency"]


def test_passing_the_request_to_a_staff_member_hands_the_call_over() -> None:
    brief = brief_of(
        ("a", "Thanks for calling Brookside Dental, this call may be recorded. How can I help?"),
        ("u", "I need to change my emergency contact to my sister."),
        ("a", "Got it. I'll pass that to a staff member to update, they need to confirm it with you."),
    )
    assert brief.transfer_reason.startswith("AI agent handed the call over at turn 2:")
