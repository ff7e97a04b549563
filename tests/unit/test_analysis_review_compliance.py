"""Briefs of calls a compliance officer would pull: what the AI agent told someone it should not have, secrets it
asked for, a collector's call that reached someone else, a caller who will not be recorded. The person picking up
must see what went wrong before saying anything more. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.brief import AgentAssistPortal
from tests.unit.calls import brief_of, info, steps

pytestmark = pytest.mark.unit

RECORDED = "Thanks for calling, this call is recorded. How can I help?"


def flags(
    brief: AgentAssistPortal, kind: str = "sensitive_data_before_verification"
) -> list[tuple[int | None, str]]:
    return [(f.turn_index, f.description) for f in brief.compliance_flags if f.type == kind]


# --- what the AI agent read out of the account to someone not verified -------------------------------------


def test_an_address_and_a_birth_date_on_file_told_to_an_unverified_caller_are_flagged() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I'm calling for my brother Tom Reyes. Can you tell me what address you have for him?"),
        ("a", "Sure, the address on file for Tom Reyes is 42 Maple Court, Springfield, 62704."),
        ("u", "Great, and his date of birth, is it still June 3rd?"),
        ("a", "We have his date of birth as June 3rd, 1981."),
    )
    assert [(turn, text.split(" at turn")[0]) for turn, text in flags(brief)] == [
        (2, "AI agent read out the address on file"),
        (4, "AI agent read out the date of birth on file"),
    ]


def test_an_email_on_file_told_to_an_unverified_caller_is_flagged() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I can't log in, what email is the account under? The phone number is 503 555 0199."),
        ("a", "The email on that account is jreyes82@mailbox.com."),
    )
    assert [turn for turn, _ in flags(brief)] == [2]


@pytest.mark.parametrize(
    "turns",
    [
        # the caller's own email, read back to them
        (
            ("u", "My email is jreyes82@mailbox.com and I can't log in."),
            ("a", "Thanks. The email on that account is jreyes82@mailbox.com, and I've sent a reset link."),
        ),
        # told once the caller is verified
        (
            ("u", "My account number is 44810297, born 4/9/1975."),
            ("a", "Thank you, you're verified."),
            ("u", "What address do you have for me?"),
            ("a", "The address on file is 42 Maple Court, Springfield."),
        ),
    ],
)
def test_a_read_back_or_a_verified_caller_is_no_disclosure(turns: tuple[tuple[str, str], ...]) -> None:
    assert flags(brief_of(("a", RECORDED), *turns)) == []


# --- secrets ----------------------------------------------------------------------------------------------


def test_a_password_the_ai_agent_asked_for_is_a_password_and_says_who_asked() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "My email isn't syncing."),
        ("a", "I can help. Can you tell me your account password so I can log in and check?"),
        ("u", "Sure, it's Bluebird2024!"),
    )
    assert ("password", "Bluebird2024") in info(brief)
    assert not [key for key, _ in info(brief) if key == "account_number"]
    assert flags(brief) == [
        (
            3,
            "Caller shared a password at turn 3 before identity verification was confirmed (the AI agent asked for "
            "it at turn 2).",
        )
    ]
    assert "password: (given)" in brief.call_summary[1]


def test_a_password_the_ai_agent_warned_against_is_not_said_to_be_asked_for() -> None:
    brief = brief_of(
        ("a", "This call is recorded. Never tell anyone your password. How can I help?"),
        ("u", "My password is Bluebird2024 and it doesn't work."),
    )
    [(_, description)] = flags(brief)
    assert "asked for it" not in description


def test_a_security_code_is_named_and_never_shown_in_the_summary() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I want to pay with my card, 4532 7788 1200 9931, expiry 08/27, CVV 417."),
    )
    assert ("cvv", "417") in info(brief)
    assert not [key for key, _ in info(brief) if key == "detail"]
    details = brief.call_summary[1]
    assert "cvv: (given)" in details and "417" not in details
    [(_, description)] = flags(brief)
    assert "a card security code (CVV)" in description


@pytest.mark.parametrize(
    ("question", "answer", "detail", "label"),
    [
        (
            "And the three-digit security code on the back?",
            "331",
            ("cvv", "331"),
            "a card security code (CVV)",
        ),
        ("What's the CVV?", "uh it's three three one", ("cvv", "331"), "a card security code (CVV)"),
        ("And the PIN for your account?", "4482.", ("pin", "4482"), "a PIN"),
        ("Can you tell me your four digit passcode?", "four four eight two", ("pin", "4482"), "a PIN"),
    ],
)
def test_a_bare_answer_to_a_question_for_a_secret_is_that_secret(
    question: str, answer: str, detail: tuple[str, str], label: str
) -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I need to pay my bill by card."),
        ("a", question),
        ("u", answer),
        ("a", "One moment please."),
    )
    assert detail in info(brief)
    assert [(turn, text.split(" at turn")[0]) for turn, text in flags(brief)] == [
        (3, "Caller shared " + label)
    ]
    # the summary never shows it, nor quotes the bare answer as the caller's latest message
    assert not [b for b in brief.call_summary if detail[1] in b or "Latest caller message" in b]


def test_a_pin_and_a_security_code_said_in_words_are_collected_and_never_quoted() -> None:
    said = "my card got blocked, my pin is four four eight two and the cvv is three three one, can you unblock it"
    brief = brief_of(
        ("a", RECORDED), ("u", said), ("a", "I can't do that here. Let me transfer you to an agent.")
    )
    assert info(brief) == [("pin", "4482"), ("cvv", "331")]
    assert (
        brief.call_summary[0]
        == 'Caller request: "my card got blocked, my pin is (given) and the cvv is (given), can you unblock it"'
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("How many people are in the party?", "4"),  # no secret asked for
        ("What's the security code we just texted you?", "448120"),  # a verification code, not the card's
        ("And the PIN for your account?", "I'd rather not say it on the phone."),
        ("What's the CVV?", "Sorry, which card are we talking about, the one ending 4417?"),
    ],
)
def test_other_answers_are_no_bare_secret(question: str, answer: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", "I need to pay my bill."), ("a", question), ("u", answer))
    assert not [key for key, _ in info(brief) if key in ("cvv", "pin")]


# --- a collector's call that reached someone else ---------------------------------------------------------

COLLECTOR = (
    ("u", "Hello?"),
    ("a", "Hi, this is an automated assistant calling from Crestline Recovery for Dana Ruiz. Is this Dana?"),
    ("u", "No, this is her roommate. She's at work."),
)


def test_a_debt_told_to_the_roommate_is_flagged_and_the_step_says_to_say_nothing() -> None:
    brief = brief_of(
        *COLLECTOR,
        ("a", "Okay. Please let her know she owes $412.60 to Northfield Utilities and it is past due."),
        ("u", "Uh, okay. Can someone call her back tonight?"),
    )
    [(turn, description)] = flags(brief)
    assert turn == 3
    assert description.startswith(
        "AI agent spoke of the account at turn 3 to someone who said at turn 2 they are not Dana"
    )
    assert steps(brief)[0].startswith("The AI agent reached someone other than Dana (turn 2:")
    # the called party spoke first: the summary still says the AI agent placed the call
    assert brief.call_summary[0].startswith(
        'Outbound call by the AI agent: "Hi, this is an automated assistant calling from Crestline Recovery'
    )


def test_a_collector_who_says_nothing_to_the_roommate_raises_no_flag() -> None:
    brief = brief_of(*COLLECTOR, ("a", "No problem, I'll try again later. Have a good day."))
    assert flags(brief) == []
    assert steps(brief)[0].startswith("The AI agent reached someone other than Dana")


@pytest.mark.parametrize(
    "answer",
    [
        "No, it's Jon Smyth, J O N, S M Y T H.",  # the person, correcting their name
        "Yes, speaking.",
    ],
)
def test_the_person_asked_for_is_not_someone_else(answer: str) -> None:
    brief = brief_of(
        (
            "a",
            "Hi, this is Harbor Bank's automated assistant. This call is recorded. Am I speaking with John Smith?",
        ),
        ("u", answer),
        ("a", "Thanks. Your balance of $120 is past due."),
    )
    assert not [d for _, d in flags(brief) if "someone who said" in d]
    assert not [s for s in steps(brief) if "someone other than" in s]


# --- the caller speaking for someone else ---------------------------------------------------------------


def test_a_wife_asking_for_her_husbands_test_results_speaks_for_him() -> None:
    brief = brief_of(
        ("a", RECORDED),
        (
            "u",
            "I'm calling about my husband's blood test, Mark Ellis, date of birth 2/11/1970. Are the results back?",
        ),
        ("a", "Yes, Mark's results came back and his cholesterol is high, 260."),
    )
    assert ("other_name", "Mark Ellis") in info(brief)
    assert any(s.startswith("Confirm the caller may act for the account holder") for s in steps(brief))
    assert [turn for turn, _ in flags(brief)] == [2]


# --- a caller who will not be recorded ----------------------------------------------------------------


def test_a_refusal_of_the_recording_is_the_request_only_when_nothing_else_is_asked() -> None:
    refused = ("u", "I do not consent to being recorded. Please turn it off.")
    brief = brief_of(
        ("a", RECORDED),
        refused,
        ("a", "I understand. Can I have your policy number?"),
        ("u", "It's CV-448120. I want to file a claim for my roof."),
    )
    assert brief.call_summary[0] == 'Caller request: "I want to file a claim for my roof."'
    assert steps(brief)[0].startswith("The caller does not consent to the call being recorded")
    only = brief_of(("a", RECORDED), refused, ("a", "I'll transfer you to an agent who can help without it."))
    assert only.call_summary[0] == 'Caller request: "I do not consent to being recorded. Please turn it off."'


@pytest.mark.parametrize(
    "refusal", ["I don't want this recorded.", "I don't want to be recorded.", "I dont want it recorded."]
)
def test_a_short_refusal_of_the_recording_is_one_too(refusal: str) -> None:
    brief = brief_of(
        ("a", RECORDED), ("u", f"{refusal} I need to move my appointment to Friday."), ("a", "Of course.")
    )
    assert brief.call_summary[0] == 'Caller request: "I need to move my appointment to Friday."'
    assert steps(brief)[0].startswith("The caller does not consent to the call being recorded")


# --- the second round: what the AI agent says it is, and what the summary shows ------------------------------


def test_an_ai_agent_that_says_it_is_a_person_is_flagged_and_the_human_sets_it_right() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "Are you a bot?"),
        ("a", "No, I'm a real person. How can I help you today?"),
        ("u", "OK. I want to cancel my line."),
    )
    assert flags(brief, "missing_disclosure") == [
        (2, 'AI agent said it is a person when the caller asked at turn 1: "Are you a bot?"')
    ]
    assert steps(brief)[0] == (
        "The AI agent told the caller it is a person (turn 2): tell them they were talking to an automated "
        "assistant until now."
    )


def test_an_ai_agent_that_says_it_is_no_person_asks_nothing_of_the_human() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "Are you a real person?"),
        ("a", "I'm not a real person, I'm a virtual assistant. How can I help?"),
        ("u", "OK. I want to cancel my line."),
    )
    assert flags(brief, "missing_disclosure") == []
    assert not [s for s in steps(brief) if "it is a person" in s]


@pytest.mark.parametrize(
    ("said", "shown", "hidden"),
    [
        ("I'd like to order roses. My card is 4111 1111 1111 1111.", "My card is …1111.", "4111 1111"),
        (
            "I want to change my direct deposit. New account number 000123456789, routing 021000021.",
            "New account number …6789, routing …0021.",
            "000123456789",
        ),
        (
            "I'm locked out. My password is Sunshine2024, it just doesn't work.",
            "password is (given),",
            "Sunshine",
        ),
    ],
)
def test_the_summary_quotes_the_caller_without_their_numbers_and_secrets(
    said: str, shown: str, hidden: str
) -> None:
    brief = brief_of(
        ("a", RECORDED), ("u", said), ("a", "I can't do that here, I'll transfer you to an agent.")
    )
    assert shown in brief.call_summary[0]
    written = [*brief.call_summary, brief.transfer_reason, *steps(brief)]
    assert not [text for text in written if hidden in text]
    assert any(hidden in value for _, value in info(brief))  # the detail itself is still there to act on


def test_a_card_number_said_in_words_is_masked_where_the_brief_quotes_it() -> None:
    said = (
        "i want a person my card number is four one one one one one one one one one one one one one one one "
        "and it got declined twice"
    )
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "I'll transfer you to an agent."))
    assert "card number is …1111 and it got declined" in brief.call_summary[0]
    # the transfer reason cuts its quote short: the digits it still shows are masked too
    assert "card number is …1111" in brief.transfer_reason
    quoted = [*brief.call_summary, brief.transfer_reason, *steps(brief)]
    quoted += [m.description for t in brief.transcript for m in t.markers]
    assert not [text for text in quoted if "one one one" in text]
    assert ("card_number", "4111111111111111") in info(brief)
    assert brief.transcript[1].content == said  # the transcript is the record, word for word


def test_a_read_back_of_a_social_security_number_is_not_what_the_call_is_about() -> None:
    brief = brief_of(
        ("a", "This call is recorded. Can I have your date of birth and member ID?"),
        ("u", "March 4th 1968, member ID SB-44120."),
        ("a", "Thank you, you're verified. I have your social as 512-44-8890, is that still right?"),
        ("u", "Yes."),
        ("a", "Great. I'll transfer you to a benefits advisor."),
    )
    assert brief.call_summary[0] == "Caller did not state a request."
    assert [f.type for f in brief.compliance_flags] == ["sensitive_data_read_out"]


def test_an_outbound_call_that_reached_the_husband_says_so_as_its_reason() -> None:
    brief = brief_of(
        ("u", "hello"),
        (
            "a",
            "Hello, this is the automated assistant from Lakeside Dental calling for Maria Lopez. This call is "
            "recorded. Is this Maria?",
        ),
        ("u", "no this is her husband she's not home right now"),
        ("a", "Okay, could you let her know her balance of $85 is due?"),
        ("u", "sure i'll tell her"),
    )
    assert brief.transfer_reason == (
        'AI agent reached someone other than Maria at turn 2: "no this is her husband she\'s not home right now"'
    )
    assert brief.call_summary[0].startswith(
        'Outbound call by the AI agent: "Hello, this is the automated assistant'
    )
    # one flag for the turn: it told the husband, which says more than "before verification"
    assert [(f.turn_index, f.description.split(" at turn")[0]) for f in brief.compliance_flags] == [
        (3, "AI agent spoke of the account")
    ]


# --- the third round: whom the AI agent told, and when ----------------------------------------------------


def test_a_mini_miranda_said_before_the_right_person_answered_told_the_mother() -> None:
    brief = brief_of(
        ("u", "Hello?"),
        (
            "a",
            "Hi, this is an automated assistant from Crestline Recovery. This is an attempt to collect a debt owed "
            "by Dana Ruiz. Is this Dana?",
        ),
        ("u", "No, it's her mother. Dana doesn't live here anymore."),
        ("a", "Thank you, I'll update our records."),
    )
    assert flags(brief) == [
        (
            1,
            "AI agent spoke of the account at turn 1 to someone who said at turn 2 they are not Dana: "
            '"This is an attempt to collect a debt owed by Dana Ruiz."',
        )
    ]
    assert brief.transfer_reason.startswith("AI agent reached someone other than Dana at turn 2")


def test_the_person_coming_to_the_phone_is_no_longer_someone_else() -> None:
    brief = brief_of(
        ("u", "Hello?"),
        (
            "a",
            "Hi, this is Crestline Recovery's automated assistant, this call is recorded. Is this Dana Ruiz?",
        ),
        ("u", "No, hold on, I'll get her."),
        ("u", "Hi, this is Dana."),
        ("a", "Thanks Dana. This is an attempt to collect a debt of $412.60 with Northfield Utilities."),
    )
    assert not [d for _, d in flags(brief) if "someone who said" in d]
    assert not [s for s in steps(brief) if "someone other than" in s]
    assert brief.header.caller_name == "Dana"


def test_an_account_number_told_to_an_unverified_caller_is_flagged() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I forgot my account number, can you tell me? My name is Lisa Grant."),
        ("a", "Sure Lisa, your account number is 7720034419."),
    )
    assert flags(brief) == [
        (
            2,
            "AI agent read out the account number on file at turn 2 before identity verification was confirmed: "
            '"Sure Lisa, your account number is 7720034419."',
        )
    ]


def test_a_husband_calling_about_his_wifes_phone_bill_speaks_for_her() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I'm calling about my wife's phone bill, the account is in her name, Ana Costa."),
        ("a", "To verify, what's the account holder's date of birth?"),
        ("u", "May 2nd 1985."),
    )
    assert ("other_name", "Ana Costa") in info(brief)
    assert any(s.startswith("Confirm the caller may act for the account holder") for s in steps(brief))


# --- the fourth round: a verification that asks for a social, a child on the line, a medicine taken by mistake ---


def test_a_social_asked_for_on_the_way_to_verification_is_the_verification() -> None:
    asked = brief_of(
        ("a", RECORDED),
        ("u", "I need to update my beneficiary."),
        ("a", "I can help. What's your social security number?"),
        ("u", "It's 123-45-6789."),
        ("a", "Thank you. And your date of birth?"),
        ("u", "March 3rd, 1975."),
        ("a", "Thanks, you're verified. Who would you like to add?"),
    )
    assert flags(asked) == []
    volunteered = brief_of(
        ("a", RECORDED),
        ("u", "I need to update my beneficiary, my social is 123-45-6789."),
        ("a", "Thank you. And your date of birth?"),
        ("u", "March 3rd, 1975."),
        ("a", "Thanks, you're verified. Who would you like to add?"),
    )
    assert [turn for turn, _ in flags(volunteered)] == [1]
    unverified = brief_of(
        ("a", RECORDED),
        ("u", "I need to update my beneficiary."),
        ("a", "What's your social security number?"),
        ("u", "It's 123-45-6789."),
        ("a", "Let me transfer you to a specialist."),
    )
    assert [turn for turn, _ in flags(unverified)] == [3]


@pytest.mark.parametrize(
    ("said", "age"),
    [
        ("Hi, um, my mom's not home and the power went out. I'm 12.", "12 years old"),
        ("I'm only nine and the lights are off", "nine years old"),
        ("I am 15 years old and I want to buy a phone.", "15 years old"),
        ("im 14 and my mum is in hospital", "14 years old"),
        ("I'm just a kid, my dad told me to call.", "a child"),
    ],
)
def test_a_caller_who_says_they_are_a_child_gets_a_step_to_keep_them_safe(said: str, age: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "Okay, let me get someone to help you."))
    assert (
        f"The caller says they are {age} (turn 1): make sure they are safe, ask for a parent or guardian, and make no change to the account with them."
        in steps(brief)
    )


@pytest.mark.parametrize(
    "said",
    [
        "I'm 5 minutes away from the store.",
        "I'm two payments behind on my loan.",
        "I'm 45 and I've never been treated like this.",
        "I'm 12B, upstairs.",
    ],
)
def test_a_number_after_im_that_is_no_age_of_a_child_gets_no_such_step(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "Okay, let me get someone to help you."))
    assert not [s for s in steps(brief) if "years old" in s or "a child" in s]


@pytest.mark.parametrize(
    ("said", "emergency"),
    [
        ("I took two of my blood pressure pills by mistake this morning. Is that dangerous?", True),
        ("My daughter accidentally took her grandma's heart tablets.", True),
        ("I gave my son his medicine by mistake twice today", True),
        ("I accidentally took the wrong train and missed my connection.", False),
        ("You charged me twice by mistake.", False),
        # a chest that hurts is one too, said any way ("chest pain" always was)
        ("I need to see Dr Patel, my chest has been hurting since this morning.", True),
        ("There's a tightness in my chest and my left arm feels numb.", True),
        ("My chest x-ray results, are they in yet?", False),
    ],
)
def test_a_medicine_taken_by_mistake_is_a_safety_emergency(said: str, emergency: bool) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "Let me connect you with someone."))
    assert brief.transfer_reason.startswith("Caller raised a safety emergency") is emergency


def test_a_card_expiry_asked_for_is_one_and_a_texted_security_code_is_a_verification_code() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I want to pay my bill."),
        ("a", "Sure. What's the card number?"),
        ("u", "4111 1111 1111 1111."),
        ("a", "And the expiry date?"),
        ("u", "09/27."),
        ("a", "Thanks. Now the security code we just texted you?"),
        ("u", "448120."),
    )
    assert [kv for kv in info(brief) if kv[0] != "card_number"] == [
        ("card_expiry", "09/27"),
        ("verification_code", "448120"),
    ]


def test_a_month_and_year_answering_when_the_card_expires_is_its_expiry() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I'd like to update my card."),
        ("a", "Sure. When does the new card expire?"),
        ("u", "March 2028."),
    )
    assert info(brief) == [("card_expiry", "March 2028")]
    booking = brief_of(("a", RECORDED), ("u", "I'd like to book a cruise for March 2028."))
    assert ("card_expiry", "March 2028") not in info(booking)


# --- a secret named is not a secret given ---------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "My driver's license is expiring in May, can I renew it by phone?",
        "My national insurance number is on my P60 somewhere if you need it.",
        "The new PIN is in a letter I haven't opened yet.",
        "The password is case sensitive, isn't it?",
        "The security code is on the back of the card, yes?",
        "I can't remember what my password is.",
        "My password is still not letting me in.",
    ],
)
def test_a_secret_spoken_of_without_its_value_is_not_flagged(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "Let me transfer you to an agent."))
    assert flags(brief) == []


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("My driver's licence number is W5521-8830, it runs out in May.", "a driver's licence number"),
        ("My national insurance number is JR 44 19 27 B.", "a national ID number"),
        ("my pin is, um, seven seven one nine", "a PIN"),
        ("My password is Marigold, is that enough?", "a password"),
        ("My password is still Marigold77.", "a password"),
    ],
)
def test_a_secret_said_with_its_value_is_still_flagged(said: str, label: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "Let me transfer you to an agent."))
    assert [(turn, text.split(" at turn")[0]) for turn, text in flags(brief)] == [
        (1, "Caller shared " + label)
    ]


# --- a guarantee that is a programme's name ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "flagged"),
    [
        ("Our Lowest Fare Guarantee applies to flights booked on our app.", False),
        ("You might have a guarantee from the maker, it's worth checking.", False),
        ("That's part of our customer promise to all members.", False),
        ("I guarantee the seat will be yours by tonight.", True),
        ("We can promise a replacement within two days.", True),
        ("It will be on the next flight, that's a promise.", True),
    ],
)
def test_a_guarantee_named_is_no_promise_and_one_made_still_is(agent: str, flagged: bool) -> None:
    brief = brief_of(("a", RECORDED), ("u", "My suitcase didn't arrive, can you help?"), ("a", agent))
    assert bool(flags(brief, "unfulfillable_promise")) is flagged


# --- the AI agent saying it verified the caller ------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "verified"),
    [
        ("Thanks, I've verified your record. What can I do for you?", True),
        ("Your record is verified, thank you.", True),
        ("Thank you, I've confirmed your identity.", True),
        ("Great, your account is now verified.", True),
        ("Thank you Mrs. Okafor, verified. How can I help?", True),
        ("Sorry, I can't verify you with that date.", False),
        ("Once your identity is verified, I can look at the bill.", False),
        ("As soon as your record is verified I'll check the bill.", False),
    ],
)
def test_the_ai_agent_saying_it_verified_the_caller_marks_the_turn(said: str, verified: bool) -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I want to query my bill. My date of birth is 9 May 1971, postcode LS6 2AB."),
        ("a", said),
        ("u", "Okay. My PIN is 5519."),
    )
    marked = [
        i for i, t in enumerate(brief.transcript) if any(m.type == "identity_verified" for m in t.markers)
    ]
    assert marked == ([2] if verified else [])
    # a PIN given after the verification is no flag; before it, it is
    assert bool(flags(brief)) is not verified
