"""Briefs of calls made for someone else or under rules that protect the person the account belongs to: a relative,
a carer or an attorney calling, a bereavement, a patient's results, a debt collector's call. The human must know
who is on the line, whose account it is and what may be said. Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis.sentiment import score_turn
from tests.unit.calls import brief_of, info, steps

pytestmark = pytest.mark.unit

RECORDED = "Thanks for calling, this call is recorded. How can I help?"
ACT_FOR = "Confirm the caller may act for the account holder"


# --- who is on the line, and whose account it is ----------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "other"),
    [
        ("Margaret Ellison. His name was Thomas Ellison.", "Thomas Ellison"),
        ("It's about my wife's account, she's Amy Chen. I'm David Chen.", "Amy Chen"),
    ],
)
def test_the_person_the_caller_speaks_of_is_another_name(said: str, other: str) -> None:
    brief = brief_of(("a", "Thanks for calling, this call is recorded. May I have your name?"), ("u", said))
    assert ("other_name", other) in info(brief)
    assert other not in brief.header.caller_name
    assert not [value for key, value in info(brief) if key == "detail"]


def test_a_person_named_before_and_called_by_name_is_no_new_detail() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I'm calling about my wife's account, she's Amy Chen. I'm David Chen."),
        ("a", "The account holder needs to give permission. Is Amy with you?"),
        ("u", "Yes, she's here. Amy, come say yes."),
        ("u", "Hi, this is Amy Chen, I give permission for David to be on my account."),
    )
    assert not [value for key, value in info(brief) if key == "detail"]
    assert brief.header.caller_name == "David Chen"


def test_a_name_confirmed_in_full_is_one_name() -> None:
    brief = brief_of(
        ("a", "Hello, this call may be recorded. Am I speaking with Darnell Hughes?"),
        ("u", "Yes, this is Darnell."),
    )
    assert [value for key, value in info(brief) if key == "name"] == ["Darnell Hughes"]


@pytest.mark.parametrize(
    "said",
    [
        "I'm not giving you anything. No. Human. Now.",
        "Oh. What does that mean for me?",
        "I'm on his HIPAA release form.",
        "Ugh. Whoa, that's a lot.",
    ],
)
def test_interjections_the_kinds_of_person_asked_for_and_laws_are_no_details(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said))
    assert [value for key, value in info(brief) if key == "detail"] == []


@pytest.mark.parametrize(
    "said",
    [
        "Hi, I'm Rosa Martinez, I'm the caregiver for Mr. Henry Olsen. I need to refill his prescription.",
        "I am her legal guardian and I need to ask about her bill.",
    ],
)
def test_a_carer_or_guardian_must_be_allowed_to_act_for_the_account_holder(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "Let me transfer you to a colleague."))
    assert any(step.startswith(ACT_FOR) for step in steps(brief))


def test_a_caller_who_speaks_for_themselves_needs_no_authority() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I'm a nurse and I need to ask about my own bill, it's $212 this month."),
        ("a", "Let me transfer you to a colleague."),
    )
    assert not any(step.startswith(ACT_FOR) for step in steps(brief))


# --- a bereavement ----------------------------------------------------------------------------------------


def test_a_relative_named_before_died_is_a_bereavement() -> None:
    brief = brief_of(
        ("a", RECORDED),
        (
            "u",
            "This is Brian Keller. My mom, Linda Keller, died in March and you're still billing her account.",
        ),
        ("a", "I'm so sorry for your loss. I'll transfer you to our team."),
    )
    assert brief.transfer_reason.startswith("Caller raised a bereavement")
    assert any(step.startswith("Offer condolences") for step in steps(brief))
    assert ("other_name", "Linda Keller") in info(brief)


# --- what the AI agent may say, and to whom ------------------------------------------------------------------


def test_a_balance_told_before_verification_is_flagged_whatever_account_it_names() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I have power of attorney for my mother. I need her current balance."),
        ("a", "Her balance on checking ending 4471 is $12,340.18."),
    )
    flags = [(f.type, f.turn_index) for f in brief.compliance_flags]
    assert ("sensitive_data_before_verification", 2) in flags


def test_a_balance_told_after_verification_is_not_flagged() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "What's my balance? My date of birth is March 3rd 1970."),
        ("a", "Thank you, that matches. Your balance on checking is $1,240.18."),
    )
    assert [f.type for f in brief.compliance_flags] == []
    assert [m.type for m in brief.transcript[2].markers if m.type == "identity_verified"] == [
        "identity_verified"
    ]


@pytest.mark.parametrize(
    ("reply", "verified"),
    [
        ("Thank you, that matches.", True),
        ("Great, everything matches! How can I help?", True),
        ("Okay, that matches the charge I see here.", False),
        ("Let me see if that matches.", False),
        ("I'm not sure that matches.", False),
    ],
)
def test_a_detail_said_to_match_verifies_the_caller(reply: str, verified: bool) -> None:
    brief = brief_of(
        ("a", "This call is recorded. Can you confirm your date of birth?"),
        ("u", "February 3rd, 1941."),
        ("a", reply),
    )
    marked = any(m.type == "identity_verified" for m in brief.transcript[2].markers)
    assert marked is verified


def test_a_debt_the_caller_disputes_is_recorded_and_collection_paused() -> None:
    brief = brief_of(
        ("a", "This is Meridian Recovery, this call may be recorded. This is an attempt to collect a debt."),
        ("u", "I don't owe that. I cancelled that service two years ago. I dispute this debt."),
        ("a", "I understand. I'll transfer you to a specialist to record your dispute."),
    )
    assert "Record the caller's dispute of the debt and pause collection until it is validated." in steps(
        brief
    )
    assert not any(step.startswith("Review the disputed charge") for step in steps(brief))


# --- how the caller feels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "cue", "counts"),
    [
        ("She got scammed by a roofing company.", "negative language", False),
        ("This whole thing is a scam.", "negative language", True),
        ("There's a check for $2,500 I want stopped.", "reported a problem", False),
        ("My card stopped working yesterday.", "reported a problem", True),
    ],
)
def test_a_fraud_the_caller_reports_is_no_anger_at_the_service(said: str, cue: str, counts: bool) -> None:
    _, cues = score_turn(said)
    assert (cue in cues) is counts


# --- who is calling, and how ----------------------------------------------------------------------------------


def test_the_answer_to_who_am_i_speaking_with_is_the_caller_s_name_and_the_request_follows_it() -> None:
    brief = brief_of(
        ("a", "Thanks for calling, this call is recorded. Who am I speaking with?"),
        ("u", "Mark Oduya. I need to update my direct deposit."),
        ("a", "Thanks, Mark. Let me transfer you to a specialist."),
    )
    assert brief.header.caller_name == "Mark Oduya"
    assert brief.call_summary[0] == 'Caller request: "I need to update my direct deposit."'


def test_a_relay_call_is_spoken_to_the_caller_and_the_request_is_the_caller_s() -> None:
    brief = brief_of(
        ("a", RECORDED),
        (
            "u",
            "Hello, this is relay operator 4417 with a call from a deaf customer. The customer says: I need to "
            "reset my online banking password.",
        ),
        ("a", "I can't reset passwords, I'll transfer you to a banker."),
    )
    assert brief.call_summary[0] == 'Caller request: "I need to reset my online banking password."'
    assert any(step.startswith("The caller is on a relay service") for step in steps(brief))


def test_a_question_about_the_recording_is_not_the_request() -> None:
    brief = brief_of(
        ("a", "Hello, thanks for calling. How can I help?"),
        ("u", "Is this call being recorded?"),
        ("a", "Yes, this call is recorded for quality purposes."),
        ("u", "Okay. I want to know the payoff amount for my loan."),
    )
    assert brief.call_summary[0] == 'Caller request: "I want to know the payoff amount for my loan."'


@pytest.mark.parametrize(
    ("said", "username"),
    [
        ("My username is mkowal and my password is Sunshine2024.", "mkowal"),
        ("Username is j.smith_77.", "j.smith_77"),
        ("My username is locked.", None),
        ("My username is the same as my email.", None),
        ("My user name is wrong, I think.", None),
    ],
)
def test_a_username_is_collected_and_a_word_saying_how_it_is_is_not(said: str, username: str | None) -> None:
    brief = brief_of(("a", RECORDED), ("u", said))
    assert [value for key, value in info(brief) if key == "username"] == ([username] if username else [])
    assert not [value for key, value in info(brief) if key == "detail"]


def test_a_password_read_out_must_be_changed() -> None:
    brief = brief_of(("a", RECORDED), ("u", "My password is Sunshine2024."))
    assert "Have the caller change the password they read out; never ask for it again." in steps(brief)


# --- what the AI agent may say, and to whom (2) -----------------------------------------------------------------


def test_a_number_the_ai_agent_read_out_and_the_caller_confirmed_is_the_ai_agent_s_flag_only() -> None:
    brief = brief_of(
        ("a", "Thanks for calling, this call is recorded. I have your social as 512-44-8890, is that right?"),
        ("u", "Yes."),
    )
    assert [(f.type, f.turn_index) for f in brief.compliance_flags] == [("sensitive_data_read_out", 0)]


def test_a_number_the_caller_read_out_before_verification_is_still_the_caller_s_flag() -> None:
    brief = brief_of(("a", RECORDED), ("u", "My social is 512-44-8890."))
    assert [(f.type, f.turn_index) for f in brief.compliance_flags] == [
        ("sensitive_data_before_verification", 1)
    ]


@pytest.mark.parametrize(
    ("said", "flagged"),
    [
        ("Your claim will be approved by Friday.", True),
        ("Don't worry, it'll be approved.", True),
        ("Once it is approved, the money is paid in five days.", False),
        ("It may be approved after the adjuster's visit.", False),
    ],
)
def test_an_approval_the_ai_agent_promises_may_not_be_kept(said: str, flagged: bool) -> None:
    brief = brief_of(("a", RECORDED), ("u", "When will my claim be decided?"), ("a", said))
    assert any(f.type == "unfulfillable_promise" for f in brief.compliance_flags) is flagged


# --- a caller at risk ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "My ex-husband is still on my plan and he's been tracking my location. I need him removed.",
        "I have a restraining order against him and he keeps calling from new numbers.",
        "I don't feel safe, my ex knows my password.",
    ],
)
def test_a_caller_afraid_of_someone_is_a_safety_concern(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "I'll transfer you to a specialist."))
    assert brief.transfer_reason.startswith("Caller raised a personal safety concern")
    assert any(step.startswith("Put the caller's safety first") for step in steps(brief))


def test_tracking_a_parcel_is_no_safety_concern() -> None:
    brief = brief_of(("a", RECORDED), ("u", "I've been tracking my parcel and it hasn't moved."))
    assert "safety" not in brief.transfer_reason


@pytest.mark.parametrize(
    ("said", "counts"),
    [
        ("I lost my job last month and I can't pay my bill.", False),
        ("I can't afford the new price.", False),
        ("I can't log in to the app.", True),
    ],
)
def test_a_caller_who_cannot_pay_reports_no_fault_of_the_service(said: str, counts: bool) -> None:
    _, cues = score_turn(said)
    assert ("reported a problem" in cues) is counts


# --- a third round: a business's contact, a patient, an interpreter, a medicine, a data request --------------


def test_a_business_s_contact_needs_no_authority_to_act_and_the_business_is_a_company() -> None:
    brief = brief_of(
        ("a", RECORDED),
        (
            "u",
            "Hi, I'm calling on behalf of Northwind Traders, I'm their office manager. Our invoice INV-20931 was "
            "charged twice.",
        ),
        ("a", "I can't issue refunds myself, I'll transfer you to billing."),
    )
    assert ("company", "Northwind Traders") in info(brief)
    assert not any(step.startswith(ACT_FOR) for step in steps(brief))


def test_a_person_the_caller_speaks_for_is_another_name_and_needs_authority() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "I'm calling on behalf of Ruth Adler, she's in hospital. I need to pay her bill."),
        ("a", "I'll transfer you to a colleague."),
    )
    assert ("other_name", "Ruth Adler") in info(brief)
    assert any(step.startswith(ACT_FOR) for step in steps(brief))


def test_a_patient_a_caller_names_is_another_name() -> None:
    brief = brief_of(
        ("a", RECORDED),
        (
            "u",
            "This is Nurse Patel. I'm calling to verify coverage for a patient, Gloria Nunez, member ID MH44871203.",
        ),
    )
    assert ("other_name", "Gloria Nunez") in info(brief)


def test_an_interpreter_on_the_line_is_a_step_with_the_language() -> None:
    brief = brief_of(
        ("a", RECORDED),
        (
            "u",
            "Hi, I'm an interpreter, I'm helping Mr. Tran who speaks Vietnamese. He wants to know why his bill is $340.",
        ),
        ("a", "I'll transfer you to our billing team."),
    )
    actions = steps(brief)
    assert actions[0].startswith("An interpreter speaks for the caller (Vietnamese)")
    assert not any(step.startswith("Continue in") for step in actions)


@pytest.mark.parametrize(
    ("said", "emergency"),
    [
        ("I think I gave my daughter a double dose of her seizure medication.", True),
        ("My son swallowed a button battery.", True),
        ("He took too many of his sleeping pills.", True),
        ("I was charged a double fee this month.", False),
        ("The tablet I swallowed was the right one, I just want a refill.", False),
    ],
)
def test_a_medicine_taken_wrongly_or_something_swallowed_is_an_emergency(said: str, emergency: bool) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "I'll transfer you to a pharmacist."))
    assert brief.transfer_reason.startswith("Caller raised a safety emergency") is emergency


@pytest.mark.parametrize(
    "said",
    [
        "I want a copy of all the personal data you hold on me.",
        "It's a subject access request under GDPR.",
        "What information do you have about me?",
    ],
)
def test_a_request_for_a_copy_of_the_caller_s_data_is_logged(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said), ("a", "I'll transfer you to our data protection team."))
    assert any(
        step.startswith("Log the caller's request for a copy of their personal data") for step in steps(brief)
    )


def test_an_approval_promised_on_a_condition_is_no_promise() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "Any update on my loan application?"),
        ("a", "Your application will be approved if your income documents check out."),
    )
    assert [f.type for f in brief.compliance_flags] == []


# --- the same calls as speech-to-text writes them ----------------------------------------------------------------


def test_a_name_said_before_a_contraction_without_its_apostrophe_ends_there() -> None:
    brief = brief_of(
        ("a", "Thanks for calling, this call may be recorded. Who am I speaking with?"),
        ("u", "um yeah hi my name is karen doyle im calling for my dad its his account"),
    )
    assert brief.header.caller_name == "Karen Doyle"


def test_a_spoken_answer_that_opens_with_the_name_gives_the_name_and_the_request() -> None:
    brief = brief_of(
        ("a", "Thanks for calling, this call is recorded. Who am I speaking with?"),
        ("u", "mark oduya i need to update my direct deposit"),
        ("a", "Thanks, Mark. I'll transfer you to a specialist."),
    )
    assert brief.header.caller_name == "Mark Oduya"
    assert brief.call_summary[0] == 'Caller request: "i need to update my direct deposit"'


def test_a_spoken_answer_with_the_name_of_someone_who_died() -> None:
    brief = brief_of(
        ("a", "I'm very sorry for your loss, this call is recorded. May I have your name?"),
        ("u", "its robert hale her name was linda hale"),
    )
    assert ("name", "robert hale") in info(brief)
    assert ("other_name", "linda hale") in info(brief)


@pytest.mark.parametrize(
    "said",
    [
        "thank you i need to order new checks",  # no name: a courtesy and the request
        "yes please i want to pay my bill",
    ],
)
def test_a_spoken_answer_without_a_name_gives_none(said: str) -> None:
    brief = brief_of(("a", "This call is recorded. Who am I speaking with?"), ("u", said))
    assert [value for key, value in info(brief) if key == "name"] == []


def test_a_spoken_relay_call_takes_the_caller_s_words_for_the_request() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "this is the relay service with a call for you the caller is deaf and will type go ahead"),
        ("a", "Hello, how can I help you today?"),
        ("u", "caller says i need to order new checks"),
    )
    assert brief.call_summary[0] == 'Caller request: "i need to order new checks"'


def test_a_spoken_refusal_to_be_recorded_and_a_spoken_interpreter() -> None:
    refused = brief_of(("a", RECORDED), ("u", "i dont want this call recorded"))
    assert steps(refused)[0].startswith("The caller does not consent to the call being recorded")
    interpreted = brief_of(
        ("a", RECORDED),
        ("u", "hello im an interpreter for mrs garcia she speaks spanish she wants a payment plan"),
    )
    assert steps(interpreted)[0].startswith("An interpreter speaks for the caller (Spanish)")


# --- calls the AI agent placed ---------------------------------------------------------------------------------


def test_an_outbound_call_says_what_the_ai_agent_called_about_and_what_the_person_wants() -> None:
    brief = brief_of(
        (
            "a",
            "Hi, this is Ava, an automated assistant calling from Lakeside Dental. This call may be recorded. Am I "
            "speaking with Maria Santos?",
        ),
        ("u", "Yes, this is Maria."),
        (
            "a",
            "Hi Maria, I'm calling to remind you of your cleaning appointment tomorrow at 10 am. Can you make it?",
        ),
        ("u", "Oh no, I can't do tomorrow, I have work. Can I move it to Thursday afternoon?"),
        ("a", "I'm not able to reschedule appointments myself. Let me transfer you to our front desk."),
    )
    assert brief.call_summary[0] == (
        "Outbound call by the AI agent: \"Hi Maria, I'm calling to remind you of your cleaning appointment tomorrow "
        'at 10 am." Caller: "Oh no, I can\'t do tomorrow, I have work. Can I move it to Thursday afternoon?"'
    )
    assert brief.header.caller_name == "Maria Santos"
    assert brief.header.sentiment.level == "calm"  # a day the caller cannot do is no fault of the service


@pytest.mark.parametrize(
    "opening",
    [
        "Thanks for calling Northwind, this call is recorded. Are you calling about your bill?",
        "Thanks for calling, this call is recorded. I see you're calling from the number on your account.",
        "Thanks for calling, this call is recorded. Please say what you're calling about.",
    ],
)
def test_an_inbound_call_is_not_an_outbound_one(opening: str) -> None:
    brief = brief_of(("a", opening), ("u", "I need to stop service at my old address, I'm moving out."))
    assert brief.call_summary[0].startswith("Caller request:")


def test_a_yes_to_is_this_you_is_not_the_request() -> None:
    brief = brief_of(
        ("a", "Hi, this is the automated assistant from QuickShip calling about a delivery. Is this Priya?"),
        ("u", "Yes it is."),
        ("a", "We have a package for 42 Elm Street tomorrow. Is that address correct?"),
        ("u", "No, I moved. It should go to 18 Cedar Avenue, Springfield, 62704."),
    )
    assert brief.call_summary[0].endswith(
        'Caller: "No, I moved. It should go to 18 Cedar Avenue, Springfield, 62704."'
    )


def test_the_wrong_person_reached_is_a_step_and_the_name_asked_for_is_another_name() -> None:
    brief = brief_of(
        ("a", "Hello, this is an automated call from Summit Collections. May I speak with Jerome Banks?"),
        ("u", "There's no Jerome here. You have the wrong number."),
        ("a", "I apologize. I'll transfer you to an agent to update our records."),
    )
    assert steps(brief)[0].startswith("The AI agent reached the wrong person")
    assert info(brief) == [("other_name", "Jerome")]


@pytest.mark.parametrize(
    ("said", "wrong"),
    [
        ("You've got the wrong number.", True),
        ("Wrong number.", True),
        ("He doesn't live here anymore.", True),
        ("Sorry, I gave you the wrong number, it's 555 0198.", False),
        ("The bill has the wrong address on it.", False),
    ],
)
def test_only_the_person_reached_says_the_number_is_wrong(said: str, wrong: bool) -> None:
    brief = brief_of(("a", "Hello, this is an automated call from Summit Collections."), ("u", said))
    assert any(step.startswith("The AI agent reached the wrong person") for step in steps(brief)) is wrong


def test_a_name_confirmed_to_may_i_speak_with_is_the_caller_s() -> None:
    brief = brief_of(
        ("a", "Hello, this call is recorded. May I speak with Jerome Banks?"), ("u", "Yes, speaking.")
    )
    assert brief.header.caller_name == "Jerome Banks"


def test_take_me_off_your_list_is_a_do_not_call_request() -> None:
    brief = brief_of(
        ("a", "Hi, this is an automated call from SunVista Travel with a special offer on cruises."),
        ("u", "How did you get my number? Take me off your list."),
    )
    assert "Add the caller's number to the do-not-call list and confirm it to them." in steps(brief)


def test_a_place_the_caller_has_never_been_to_is_a_location() -> None:
    brief = brief_of(
        (
            "a",
            "We noticed a purchase at ElectroMart in Denver on your card ending 4471. Did you make this purchase?",
        ),
        ("u", "No! I've never been to Denver. I didn't make that."),
    )
    assert ("location", "Denver") in info(brief)


# --- longer calls ---------------------------------------------------------------------------------------------


def test_the_account_holder_s_name_asked_for_is_the_caller_s() -> None:
    brief = brief_of(
        ("a", "Thanks for calling, this call may be recorded. Can I have the account holder's name?"),
        ("u", "Alex Moreno."),
        ("a", "Thanks, Alex. And the phone number on the account?"),
    )
    assert brief.header.caller_name == "Alex Moreno"
    assert ("name", "Alex Moreno") in info(brief)


def test_what_a_person_asked_for_will_do_is_picked_up_and_a_bare_handover_is_not() -> None:
    said = ("u", "I want to talk to a supervisor about my refund.")
    with_purpose = brief_of(
        ("a", RECORDED), said, ("a", "I'll transfer you to a supervisor who can approve a shipping refund.")
    )
    assert (
        "Pick up where the AI agent handed over: \"I'll transfer you to a supervisor who can approve a shipping "
        'refund."' in steps(with_purpose)
    )
    bare = brief_of(
        ("a", RECORDED), ("u", "My package never came."), ("a", "Okay, I'll transfer you to an agent.")
    )
    assert not any(step.startswith("Pick up where the AI agent handed over") for step in steps(bare))


def test_an_accident_report_names_its_places_the_other_insurer_and_the_police_report() -> None:
    brief = brief_of(
        ("a", "Thank you for calling claims, this call is recorded. Is anyone hurt?"),
        (
            "u",
            "No, nobody's hurt, thank God. I was rear-ended at the corner of Fifth Avenue and Pine Street.",
        ),
        ("a", "Did you get the other driver's information?"),
        ("u", "Yes, his name is Daniel Cho, his insurance is with Evergreen Mutual."),
        ("a", "Was a police report filed?"),
        ("u", "Yes, the officer gave me report number 24-118832."),
    )
    assert info(brief) == [
        ("location", "Fifth Avenue"),
        ("location", "Pine Street"),
        ("other_name", "Daniel Cho"),
        ("company", "Evergreen Mutual"),
        ("report_number", "24-118832"),
    ]


# --- devices and vehicles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "key", "value"),
    [
        ("I need my phone unlocked. The IMEI is 356938035643809.", "imei", "356938035643809"),
        ("It's model BL-P15-2023, serial number 5CG1234XYZ.", "serial_number", "5CG1234XYZ"),
        ("It's model BL-P15-2023, serial number 5CG1234XYZ.", "model_number", "BL-P15-2023"),
        ("The VIN is 1HGCM82633A004352.", "vin", "1HGCM82633A004352"),
        ("The MAC address on the sticker is 00:1A:2B:3C:4D:5E.", "mac_address", "00:1A:2B:3C:4D:5E"),
        ("Our server at 192.168.10.24 keeps throwing error 503.", "ip_address", "192.168.10.24"),
        ("Our server at 192.168.10.24 keeps throwing error 503.", "error_code", "503"),
        ("The app shows error code E-1042 every time.", "error_code", "E-1042"),
    ],
)
def test_a_device_s_numbers_are_named_for_what_they_are(said: str, key: str, value: str) -> None:
    brief = brief_of(
        ("a", "Thanks for calling Vox Mobile, this call is recorded. How can I help?"), ("u", said)
    )
    assert (key, value) in info(brief)
    assert not [k for k, _ in info(brief) if k in ("phone_number", "reference_id", "reference_number")]


@pytest.mark.parametrize(
    "said",
    ["Version 1.2.3 is out.", "It costs 12.99.", "It was on 14.03.2024.", "The error started at 9 am."],
)
def test_versions_prices_dates_and_times_are_no_addresses_or_error_codes(said: str) -> None:
    brief = brief_of(("a", RECORDED), ("u", said))
    assert not [k for k, _ in info(brief) if k in ("ip_address", "mac_address", "error_code")]


def test_a_company_name_in_the_greeting_asks_for_no_detail() -> None:
    brief = brief_of(
        ("a", "Thanks for calling Vox Mobile, this call is recorded. How can I help?"),
        ("u", "I want to ask about 5512093."),
    )
    assert [k for k, _ in info(brief)] == ["reference_number"]


def test_a_support_ticket_is_no_booking() -> None:
    brief = brief_of(
        ("a", RECORDED),
        ("u", "Our server keeps going down. Ticket 88213 is already open."),
        ("a", "I'll escalate this to our on-call engineer."),
    )
    assert "Verify the caller's identity before acting on the ticket." in steps(brief)
