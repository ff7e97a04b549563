"""Briefs of calls as speech-to-text writes them down and as the human picks them up mid-call: hesitations and
restarts, values spelled with the phonetic alphabet or split over several turns, read-backs the caller says
yes to, a caller cut off mid-sentence, a caller who asks for another language in that language. Transcripts
are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis import entities
from domain.analysis._text import lower, word_tokens
from domain.analysis.sentiment import score_turn
from tests.unit.calls import brief_of, info, steps, topics

pytestmark = pytest.mark.unit

RECORDED = "Thanks for calling, this call is recorded. How can I help?"


def spoken(text: str) -> str | None:
    low = lower(text)
    return entities.spoken_form(text, low, frozenset(word_tokens(low)))


# --- what speech-to-text writes down -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        (
            "uh yeah it's um four four seven one uh nine nine two zero",
            "yeah it's four four seven one nine nine two zero",
        ),
        ("it's it's Marcus uh Marcus Feldman", "it's Marcus Feldman"),
        (
            "It's k as in kilo, w as in whiskey, o, n, g at brightmail dot com.",
            "It's k w o n g at brightmail dot com.",
        ),
        ("Yeah. It's H as in hotel, Q, 7, R as in Romeo, 2, M.", "Yeah. It's HQ7R2M."),
        ("b for bravo, r, o, w, n", "b r o w n"),
    ],
)
def test_hesitations_restarts_and_spelling_aids_are_read_as_meant(said: str, meant: str) -> None:
    assert spoken(said) == meant


@pytest.mark.parametrize(
    "said",
    [
        "We ate at Layang Layang on Friday.",  # a name that repeats a word
        "Only on the device, it asked for an update Update now?",  # not the same word twice as said
        "It's unit 3R, R for rear.",  # "for" explains; only a phonetic-alphabet word spells
        "I was in the ER yesterday.",
        "four four seven one",  # digits said twice are digits
        "My card ends in 4417.",
    ],
)
def test_words_that_only_look_like_speech_artefacts_stay(said: str) -> None:
    assert spoken(said) is None


def test_a_number_said_with_hesitations_and_a_name_said_twice_are_collected() -> None:
    b = brief_of(
        ("a", "Thanks for calling Lakeside Energy, this call is recorded. Can I have your account number?"),
        ("u", "uh yeah it's um four four seven one uh nine nine two zero"),
        ("a", "Thanks. And the name on the account?"),
        ("u", "it's it's Marcus uh Marcus Feldman"),
        ("a", "Thank you Marcus, I've verified the account. What can I do for you?"),
        ("u", "so my bill this month is like three hundred and forty dollars and it's usually about ninety"),
    )
    assert ("account_number", "44719920") in info(b)
    assert ("name", "Marcus Feldman") in info(b)
    assert b.header.caller_name == "Marcus Feldman"
    assert [m.type for m in b.transcript[4].markers] == ["identity_verified"]
    # the request is the bill, not the answers to the AI agent's questions
    assert b.call_summary[0].startswith('Caller request: "so my bill this month')


def test_an_email_spelled_with_the_phonetic_alphabet_is_collected_whole() -> None:
    b = brief_of(
        (
            "a",
            "Thanks for calling Brightline Internet, this call is recorded. What's the email on your account?",
        ),
        ("u", "It's k as in kilo, w as in whiskey, o, n, g at brightmail dot com."),
        ("a", "Thanks. What can I help with?"),
        ("u", "My internet drops every evening around 7."),
    )
    assert info(b) == [("email", "kwong@brightmail.com")]
    assert b.call_summary[0] == 'Caller request: "My internet drops every evening around 7."'


def test_a_code_spelled_letter_by_letter_is_one_value() -> None:
    b = brief_of(
        ("a", "Thank you for calling Cascadia Air. Could you please provide your confirmation code?"),
        ("u", "Yeah. It's H as in hotel, Q, 7, R as in Romeo, 2, M."),
    )
    assert info(b) == [("confirmation_number", "HQ7R2M")]


# --- values over several turns, and read back ----------------------------------------------------------------


SPLIT = (
    ("a", "Hi, this is Parcelpoint's virtual assistant. This call is recorded. What's your tracking number?"),
    ("u", "It's PP 3391"),
    ("a", "Go on."),
    ("u", "sorry, 0472 88"),
    ("a", "So that's PP 3391 0472 88?"),
    ("u", "Yes."),
    ("a", "Thanks. That parcel is marked delivered yesterday at 2:14 PM, left at the front door."),
    ("u", "It's not there. Someone must have stolen it. I want to file a claim."),
)


def test_a_value_split_over_turns_and_read_back_is_the_value_the_caller_confirmed() -> None:
    b = brief_of(*SPLIT)
    assert info(b) == [("tracking_number", "PP 3391 0472 88")]
    assert b.information_collected[0].turn_index == 5  # where the caller said yes to it
    assert (
        b.call_summary[0]
        == 'Caller request: "It\'s not there. Someone must have stolen it. I want to file a claim."'
    )


def test_go_on_asks_for_nothing_new() -> None:
    # without the read-back, the second piece still answers "What's your tracking number?"
    b = brief_of(*SPLIT[:4])
    assert ("tracking_number", "0472 88") in info(b)
    for said in ("go on.", "okay, go ahead.", "mm-hmm.", "sure, and the rest?", "please"):
        assert entities.goes_on(said)
    for said in ("okay, what's the zip code?", "thanks for calling", "i can't find that number."):
        assert not entities.goes_on(said)


def test_a_read_back_that_restates_a_date_or_time_takes_nothing_back() -> None:
    b = brief_of(
        ("a", "What time would you like?"),
        ("u", "Is there anything at 16:00 on the 9th?"),
        ("a", "Just to confirm, I can book you at 4 pm on March 9th?"),
        ("u", "Yes."),
    )
    assert ("time", "16:00") in info(b)
    assert ("date", "the 9th") in info(b)


def test_a_correction_of_the_read_back_is_not_the_request() -> None:
    b = brief_of(
        ("a", "Thanks for calling Rivergate Bank, this call is recorded. What's your zip code?"),
        ("u", "60614."),
        ("a", "Thanks. I have the zip code as 60641, is that right?"),
        ("u", "No, 60614. Six oh six one four."),
        ("a", "Got it. How can I help?"),
        ("u", "I need to dispute a charge from a hotel, they charged me for a night I cancelled."),
    )
    assert b.call_summary[0].startswith('Caller request: "I need to dispute a charge')


def test_a_caller_cut_off_mid_sentence_is_summarised_by_what_they_said_next() -> None:
    b = brief_of(
        (
            "a",
            "Hello, you've reached Summit Health scheduling. This call is recorded. How can I help you today?",
        ),
        ("u", "I wanted to—"),
        ("a", "Sorry, go ahead."),
        ("u", "I need to reschedule my MRI, it's on Thursday the 14th at 9 AM but I can't make it."),
    )
    assert b.call_summary[0].startswith('Caller request: "I need to reschedule my MRI')
    assert b.header.sentiment.level == "calm"


@pytest.mark.parametrize(
    "said",
    ["I can't make it on Thursday.", "I won't be able to make it Friday.", "She can't attend the hearing."],
)
def test_a_date_the_caller_cannot_keep_is_no_problem_report(said: str) -> None:
    assert score_turn(said) == (0.0, ())


@pytest.mark.parametrize("said", ["I can't log in.", "The app won't open.", "It won't be able to connect."])
def test_what_does_not_work_is_still_a_problem_report(said: str) -> None:
    assert score_turn(said)[1] == ("reported a problem",)


def test_the_fourth_time_calling_is_a_repeated_contact() -> None:
    assert "repeated a failed step" in score_turn("This is the fourth time I'm calling about it.")[1]


# --- other languages ---------------------------------------------------------------------------------------


def test_a_caller_who_asks_for_spanish_in_spanish_is_served_in_it() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Hola, sorry, my English not so good. My name is Rosa Delgado. No water since morning."),
        ("a", "I'm sorry, Rosa. Can I have your service address?"),
        ("u", "Sí, 2210 Calle Verde, apartment 4, Santa Ana."),
        ("a", "Thank you. Would you like to speak with someone in another language?"),
        ("u", "Sí, sí, español por favor. Gracias."),
    )
    assert info(b) == [
        ("language", "limited English"),
        ("name", "Rosa Delgado"),
        ("address", "2210 Calle Verde, apartment 4"),
        ("city", "Santa Ana"),
    ]
    assert steps(b)[0] == "Continue in Spanish: the caller asked for it."


# --- who needs a person first ------------------------------------------------------------------------------


def test_a_caller_on_medical_equipment_without_power_is_a_priority() -> None:
    b = brief_of(
        ("a", "Thanks for calling Lakeside Energy, this call is recorded. How can I help?"),
        (
            "u",
            "Yeah hi, um, my power's been out since last night and I've got a medical device, an oxygen "
            "concentrator, so I need this fixed now.",
        ),
    )
    assert steps(b)[0].startswith("Treat it as a priority: the caller relies on medical equipment")
    # equipment alone (a pharmacy call) or an outage alone is not that
    assert not any(
        s.startswith("Treat it as a priority")
        for s in steps(
            brief_of(("a", RECORDED), ("u", "I need a refill for my oxygen concentrator filters."))
        )
    )
    assert not any(
        s.startswith("Treat it as a priority")
        for s in steps(brief_of(("a", RECORDED), ("u", "My power's been out since last night.")))
    )


# --- numbers as callers say them ---------------------------------------------------------------------------


def test_a_last_four_said_with_triple_is_four_digits() -> None:
    b = brief_of(("a", "And the last four of the account holder's social?"), ("u", "triple seven two"))
    assert info(b) == [("ssn_last_4", "7772")]


@pytest.mark.parametrize("said", ["Area code 415, then 555 0142.", "area code is 415 and then 555-0142"])
def test_a_phone_number_said_with_its_area_code_apart_is_one_number(said: str) -> None:
    b = brief_of(("a", "What's the best number to reach you?"), ("u", said))
    assert info(b) == [("phone_number", "(415) 555-0142")]


def test_the_card_given_again_after_the_agent_could_not_find_it_is_not_the_request() -> None:
    b = brief_of(
        (
            "a",
            "Thanks for calling Summit Bank, this call is recorded. What are the last four digits of your card?",
        ),
        ("u", "It's 4417."),
        ("a", "Thanks. I don't see a card ending 4417 on your profile."),
        ("u", "Oh wait, that's my old card. The new one ends in 8820."),
        ("a", "Thank you, I found card ending 8820. How can I help?"),
        ("u", "It was declined at a gas station this morning and I have money in the account."),
    )
    assert b.call_summary[0].startswith('Caller request: "It was declined at a gas station')


@pytest.mark.parametrize(
    "said",
    ["Within 24 hours? Water is coming into the garage right now!", "Change it. I can't make it then."],
)
def test_words_that_open_a_sentence_about_the_service_are_no_values(said: str) -> None:
    assert info(brief_of(("a", RECORDED), ("u", said))) == []


# --- the call as it stands ---------------------------------------------------------------------------------


def test_a_call_that_ends_on_the_callers_question_asks_the_human_to_answer_it() -> None:
    b = brief_of(
        ("a", "Thanks for calling Summit Bank, this call is recorded. How can I help?"),
        ("u", "I got a 35 dollar overdraft fee because my paycheck was a day late."),
        ("a", "I'm sorry about that. I see the overdraft fee of $35 on November 3rd."),
        ("u", "So can you waive the fee or not?"),
    )
    assert 'Answer the question the caller is waiting on: "So can you waive the fee or not?"' in steps(b)


@pytest.mark.parametrize(
    "last",
    [
        "Hello? Are you still there?",  # about the line
        "Can I speak to a real person?",  # the transfer reason's own quote
        "Okay, thanks.",  # no question
    ],
)
def test_no_open_question_step_for_questions_about_the_line_or_the_transfer(last: str) -> None:
    b = brief_of(("a", RECORDED), ("u", "My refund never arrived."), ("a", "Let me check."), ("u", last))
    assert not any(s.startswith("Answer the question") for s in steps(b))


def test_a_question_the_ai_agent_answered_is_not_open() -> None:
    b = brief_of(
        ("a", RECORDED),
        ("u", "Can you waive the late fee?"),
        ("a", "I've waived the $35 late fee. It will show in two days."),
    )
    assert not any(s.startswith("Answer the question") for s in steps(b))


# --- cards and numbers -------------------------------------------------------------------------------------


def test_a_card_number_read_out_is_not_to_be_repeated() -> None:
    b = brief_of(
        ("a", "Hi, you've reached Lumen Electric. This call is recorded. How can I help?"),
        ("u", "I want to pay my bill, my card is 4111 1111 1111 1111, expiry 09/27."),
    )
    assert (
        "Do not repeat the card number the caller read out; take any payment through the secure payment process."
        in steps(b)
    )
    assert [f.type for f in b.compliance_flags] == ["sensitive_data_before_verification"]
    # the last four alone is no card number
    quiet = brief_of(("a", "The last four of your card?"), ("u", "4417."))
    assert not any(s.startswith("Do not repeat the card number") for s in steps(quiet))


@pytest.mark.parametrize(
    ("prompt", "said", "key"),
    [
        ("What's your library card number?", "It's 2 2 9 1 0 0 4 8 7 3.", "library_card_number"),
        ("How can I help?", "My library card number is 22910 04873.", "library_card_number"),
        ("How can I help?", "My loyalty card number is 7700 1234 56.", "loyalty_number"),
    ],
)
def test_a_card_that_is_no_payment_card_names_its_number(prompt: str, said: str, key: str) -> None:
    b = brief_of(("a", prompt), ("u", said))
    assert [k for k, _ in info(b)] == [key]
    assert not b.call_summary[0].startswith("Caller request: \"It's 2 2 9")


# --- numbers said in pairs, charges said in words ------------------------------------------------------------


def test_an_account_number_said_in_pairs_keeps_its_first_pair() -> None:
    b = brief_of(("a", "What's your account number?"), ("u", "forty four eighty one twenty two ninety"))
    assert info(b) == [("account_number", "44812290")]
    # a year is no number to collect
    assert info(brief_of(("a", "How can I help?"), ("u", "we moved here in nineteen eighty two"))) == []


def test_an_answer_to_a_question_for_a_good_callback_number_is_not_the_request() -> None:
    b = brief_of(
        ("a", "What's a good callback number?"),
        ("u", "area code four one five, five five five, oh one four two"),
        ("a", "Thanks. How can I help?"),
        ("u", "my modem keeps rebooting every hour"),
    )
    assert b.call_summary[0] == 'Caller request: "my modem keeps rebooting every hour"'


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("you charged me for an annual plan i never signed up for", ["billing_dispute"]),
        ("They billed me for a membership I never agreed to.", ["billing_dispute"]),
        ("I never signed up for this. Stop calling me.", []),  # marketing calls, not a charge
        (
            "i lost my debit card yesterday and i think someone used it there are two charges i don't recognize",
            ["fraud", "billing_dispute"],
        ),
    ],
)
def test_charges_for_what_the_caller_never_signed_up_for_and_a_lost_card_someone_used(
    said: str, expected: list[str]
) -> None:
    assert topics(said) == expected


def test_asking_for_someone_about_a_named_matter_is_routing_more_than_anger() -> None:
    b = brief_of(
        ("a", RECORDED),
        (
            "u",
            "I need to talk to someone about my mortgage application but I can't hold, I'm at work. Can someone "
            "call me back after 5?",
        ),
        ("a", "I've requested a callback from a mortgage advisor to this number after 5 PM today."),
    )
    assert b.header.sentiment.level == "slightly_frustrated"
    assert (
        "Call the caller back as the AI agent arranged: \"I've requested a callback from a mortgage advisor to this "
        'number after 5 PM today."' in steps(b)
    )


# --- values given again, and misheard --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "kept"),
    [
        (
            [
                ("a", "What's your account number?"),
                ("u", "It's 4417 2290."),
                ("a", "I can't find account 4417 2290."),
                ("u", "Sorry, it's 4471 2290. I always swap those."),
            ],
            [("account_number", "4471 2290")],
        ),
        (
            [
                ("a", "What's the prescription number?"),
                ("u", "It's RX 4471—"),
                ("a", "Sorry, could you repeat the whole number?"),
                ("u", "RX 447 1920."),
            ],
            [("prescription_number", "447 1920")],
        ),
    ],
)
def test_a_number_given_again_when_the_agent_asks_for_it_again_replaces_the_first(
    turns: list[tuple[str, str]], kept: list[tuple[str, str]]
) -> None:
    assert info(brief_of(*turns)) == kept


def test_a_new_choice_after_a_search_found_nothing_keeps_the_first() -> None:
    b = brief_of(
        ("a", "What time would you like?"),
        ("u", "Friday at 17:00."),
        ("a", "I can't find a table at 17:00. Would 17:15 work?"),
        ("u", "Yes, 17:15 then."),
    )
    assert ("time", "17:00") in info(b)
    assert ("time", "17:15") in info(b)


def test_a_word_said_again_for_the_speech_recognition_is_not_the_request() -> None:
    b = brief_of(
        ("a", "Thanks for calling Jetstream Air, this call is recorded. Where are you flying from?"),
        ("u", "Boston."),
        ("a", "Got it, flights from Austin. What date?"),
        ("u", "No! I said BOSTON, not Austin. B-O-S-T-O-N."),
        ("a", "Sorry about that, Boston. What date?"),
        ("u", "December 20th, to Denver."),
        ("a", "I found a flight at 7:10 AM for $219. Shall I book it?"),
    )
    assert b.call_summary[0] == "Caller did not state a request."
    assert steps(b) == ['Continue from the AI agent\'s last question: "Shall I book it?"']
    assert b.header.sentiment.level == "calm" and "peaked at Slightly frustrated" in b.call_summary[2]


def test_an_answer_to_am_i_speaking_with_is_not_the_request() -> None:
    b = brief_of(
        ("a", "Thanks for calling Meridian Insurance, this call is recorded. Am I speaking with John Smith?"),
        ("u", "No, it's Jon Smyth, J O N, S M Y T H."),
        ("a", "Thank you, Mr. Smyth. How can I help?"),
        ("u", "My premium went up 40 percent at renewal."),
    )
    assert b.call_summary[0] == 'Caller request: "My premium went up 40 percent at renewal."'
    assert ("name", "Jon Smyth") in info(b)


@pytest.mark.parametrize(
    ("said", "values"),
    [
        (
            "I'd like to move my haircut from half past three to quarter to five on Saturday.",
            [("time", "half past three"), ("time", "quarter to five"), ("date", "Saturday")],
        ),
        ("I applied for benefits six weeks ago.", [("date", "six weeks ago")]),
        ("We'd like to stay for two weeks.", [("number_of_weeks", "2")]),
        (
            "Hi, this is Dana Reyes calling from Birchwood Dental.",
            [("name", "Dana Reyes"), ("company", "Birchwood Dental")],
        ),
    ],
)
def test_times_said_as_the_clock_reads_weeks_ago_and_a_callers_company(
    said: str, values: list[tuple[str, str]]
) -> None:
    assert info(brief_of(("a", "How can I help?"), ("u", said))) == values


# --- an AI agent that talks over the caller, or hands over to another AI agent ------------------------------


def test_a_caller_the_ai_agent_interrupts() -> None:
    b = brief_of(
        ("a", "Thanks for calling Granite Mobile, this call is recorded. How can I help?"),
        ("u", "So last month I was travelling and"),
        ("a", "I can help with international roaming. Would you like to add a travel pass?"),
        (
            "u",
            "No, let me finish! Stop interrupting me. I was charged 180 dollars in roaming even though I had a "
            "travel pass.",
        ),
    )
    # the request is the charge, not the sentence cut off nor the words about the interruption
    assert b.call_summary[0] == (
        'Caller request: "I was charged 180 dollars in roaming even though I had a travel pass."'
    )
    assert "negative language" in b.transcript[3].markers[0].description
    assert b.transfer_reason.startswith("Caller raised a billing dispute")


def test_a_transfer_to_another_automated_assistant_is_no_handover() -> None:
    b = brief_of(
        ("a", "Hi, I'm the Cobalt Bank assistant. This call is recorded. How can I help?"),
        ("u", "I want to increase my credit limit."),
        ("a", "Let me transfer you to our credit assistant."),
        ("a", "Hi, I'm the credit assistant. Can I have the last four digits of your card?"),
        ("u", "5521."),
        ("a", "Thanks. I'm not able to change credit limits. Let me get a credit specialist."),
    )
    assert b.transfer_reason.startswith("AI agent handed the call over at turn 5")


def test_a_relative_who_names_themselves_after_the_patient_is_the_caller() -> None:
    b = brief_of(
        ("a", "Thanks for calling Beacon Health, this call is recorded. And the patient's name?"),
        ("u", "Harold Jensen, I'm his daughter Karen."),
        ("a", "Thank you, Karen. How can I help?"),
        ("u", "Dad was discharged yesterday and his new prescription wasn't sent over."),
    )
    assert ("other_name", "Harold Jensen") in info(b)
    assert ("name", "Karen") in info(b)
    assert b.header.caller_name == "Karen"
    assert steps(b)[0].startswith("Confirm the caller may act for the account holder")


@pytest.mark.parametrize(
    ("said", "email"),
    [("m dot rossi at sign outlook dot com", "m.rossi@outlook.com")],
)
def test_an_email_said_with_at_sign(said: str, email: str) -> None:
    assert info(brief_of(("a", "What's your email?"), ("u", said))) == [("email", email)]


def test_charged_twice_with_words_between_is_a_billing_dispute() -> None:
    assert topics("I was charged the annual fee twice.") == ["billing_dispute"]


# --- what must not be said, recorded or pressed --------------------------------------------------------------


def test_an_ai_agent_reading_a_whole_social_security_number_out_is_flagged() -> None:
    b = brief_of(
        ("a", "Thanks for calling Unity Credit Union, this call is recorded. What's your account number?"),
        ("u", "55120934."),
        ("a", "Thanks. I have your social security number as 123-45-6789. Is that right?"),
        ("u", "Yes, why are you reading that out loud?"),
    )
    assert [(f.type, f.turn_index) for f in b.compliance_flags] == [("sensitive_data_read_out", 2)]
    # the last four is what may be read
    quiet = brief_of(
        ("a", "This call is recorded. I have the last four of your social as 6789. Is that right?"),
        ("u", "Yes."),
    )
    assert quiet.compliance_flags == []


def test_a_caller_who_refuses_recording_and_asks_whether_the_call_is_recorded() -> None:
    b = brief_of(
        ("a", "Hi, this is Ava from Sunline Solar. How can I help?"),
        ("u", "Are you recording this call?"),
        ("a", "I'm here to help with your solar account. What's your account number?"),
        ("u", "I asked if you're recording. I don't consent to being recorded."),
    )
    assert steps(b)[0].startswith("The caller does not consent to the call being recorded")
    # asking about the recording is not asking whether the agent is a machine ("Are you a recording?" is)
    assert [f.description for f in b.compliance_flags] == [
        "Required call recording disclosure was never given by the AI agent."
    ]


def test_a_caller_who_cannot_pay_because_of_illness_is_offered_the_hardship_options() -> None:
    b = brief_of(
        ("a", RECORDED),
        (
            "u",
            "I can't pay my bill this month, I've been in hospital for chemotherapy and I'm off work. Can I get "
            "more time?",
        ),
    )
    assert any(s.startswith("Offer the hardship options") for s in steps(b))
    ill_first = brief_of(("a", RECORDED), ("u", "I've been ill for months and now I can't pay my bill."))
    assert any(s.startswith("Offer the hardship options") for s in steps(ill_first))
    plain = brief_of(("a", RECORDED), ("u", "I can't pay my bill online, the page gives an error."))
    assert not any(s.startswith("Offer the hardship options") for s in steps(plain))


# --- ultimatums, callers on the road, what is wanted in writing ------------------------------------------------


def test_match_it_or_im_switching_is_a_threat_to_leave() -> None:
    level, cues = score_turn(
        "Comcast is offering me the same speed for 40 dollars. Match it or I'm switching."
    )
    assert "threatened to cancel or complain" in cues
    assert level >= 2.0
    # a decision told calmly is not
    assert score_turn("I'm switching to another carrier next month and they need my PIN.") == (0.0, ())


@pytest.mark.parametrize(
    ("said", "driving"),
    [
        ("I'm driving right now so I can't write anything down. Can you text it to me?", True),
        ("I'm in the car, can you just tell me the balance?", True),
        ("What are my parking options if I am driving to the guesthouse?", False),
        ("I'm driving my Honda. Can I park it there?", False),
    ],
)
def test_a_caller_driving_now_is_not_asked_to_write_anything_down(said: str, driving: bool) -> None:
    b = brief_of(("a", RECORDED), ("u", said))
    assert any("(they are driving)" in s for s in steps(b)) is driving


def test_a_caller_who_wants_it_in_writing_is_sent_a_written_confirmation() -> None:
    b = brief_of(
        ("a", RECORDED),
        (
            "u",
            "The landlord agreed to waive my late fee for October. Can you confirm that in writing, by email?",
        ),
    )
    assert "Send the caller written confirmation (email or letter) of what is agreed." in steps(b)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I need to talk to someone about a bill I already paid.", ["billing_dispute"]),
        ("You sent me an invoice that we already paid in March.", ["billing_dispute"]),
        ("I already paid my bill yesterday, thanks.", []),  # told, not disputed
    ],
)
def test_a_bill_already_paid_is_a_billing_dispute(said: str, expected: list[str]) -> None:
    assert topics(said) == expected
