"""Values callers say the way people speak them: names with particles and joins, spelled-out e-mails and ids,
self-corrections, non-US phone numbers and amounts, bank details and a social security number said in words.
Transcripts are hand-written."""

from __future__ import annotations

import pytest

from domain.analysis.entities import extract_turn
from domain.brief import AgentAssistPortal
from tests.unit.calls import brief_of, info

pytestmark = pytest.mark.unit

SENSITIVE = "sensitive_data_before_verification"


def pairs(text: str, prompt: str = "") -> list[tuple[str, str]]:
    return [(e.key, e.value) for e in extract_turn(text, 1, prompt)]


def sensitive_flags(brief: AgentAssistPortal) -> list[str]:
    return [f.description for f in brief.compliance_flags if f.type == SENSITIVE]


# --- 1. names with joins, prefixes and particles --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My name is Nadia Al-Harbi.", "Nadia Al-Harbi"),
        ("Hi, it's Declan O'Sullivan.", "Declan O'Sullivan"),
        ("I'm Marie-Claude Gagnon.", "Marie-Claude Gagnon"),
        ("My name is Ciara McNamara.", "Ciara McNamara"),
        ("My name is Ewan MacLeod.", "Ewan MacLeod"),
        ("My name is Joost van der Linden.", "Joost van der Linden"),
        ("My name is Tariq bin Hamdan.", "Tariq bin Hamdan"),
        ("My name is Ana Lucía Ortega de la Vega.", "Ana Lucía Ortega de la Vega"),
        ("It's Dr. Ngozi Adeyemi-Clarke.", "Dr. Ngozi Adeyemi-Clarke"),
    ],
)
def test_a_stated_name_is_kept_whole(text: str, name: str) -> None:
    assert pairs(text, "Can I take your name?") == [("name", name)]


def test_a_particle_without_a_name_after_it_is_not_part_of_the_name() -> None:
    assert ("name", "Dana Whitfield") in pairs("This is Dana Whitfield de la maison, hi.")
    assert ("name", "Dana") in pairs("I'm Dana and my order is late.")


# --- 2. e-mail addresses spelled letter by letter -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("it's k a t e underscore r twenty two at outlook dot com", "kate_r22@outlook.com"),
        ("t o m dot b a k e r at icloud dot com", "tom.baker@icloud.com"),
        ("sure, j o h n nine at aol dot com", "john9@aol.com"),
        ("lena dot fischer at gmail no sorry at proton dot me dot com", "lena.fischer@proton.me.com"),
        ("sure, it's jo dot marsh at mailbox dot org", "jo.marsh@mailbox.org"),
    ],
)
def test_a_spelled_out_email_keeps_every_letter(text: str, email: str) -> None:
    assert pairs(text, "What's your email?") == [("email", email)]


# --- 3. self-corrections --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "text", "key", "value"),
    [
        (
            "What's the order number?",
            "it's three three one eight two no sorry three three one eight seven four four",
            "order_id",
            "3318744",
        ),
        ("What's your zip code?", "it's 60614, sorry, 60616.", "zip_code", "60616"),
        ("What's your zip code?", "six oh six one four wait no six oh six one six", "zip_code", "60616"),
        ("What's the order number?", "it's 7781204 actually no it's 7781240", "order_id", "7781240"),
        ("What's the order number?", "7781204, i mean 7781240", "order_id", "7781240"),
    ],
)
def test_a_value_corrected_in_the_same_turn_is_withdrawn(
    prompt: str, text: str, key: str, value: str
) -> None:
    assert pairs(text, prompt) == [(key, value)]


def test_two_values_without_a_correction_are_both_kept() -> None:
    got = pairs("I have two orders, 7781204 and 7781240, sorry about that.", "What's the order number?")
    assert got == [("order_id", "7781204"), ("order_id", "7781240")]


def test_a_value_corrected_in_a_later_turn_replaces_the_earlier_one() -> None:
    brief = brief_of(
        ("a", "What are the last four digits of your account number?"),
        ("u", "2281."),
        ("a", "I can't find an account ending 2281."),
        ("u", "Oh sorry, no, it's 2218 not 2281."),
    )
    assert info(brief) == [("account_number_last_4", "2218")]


# --- 4. UK and Indian phone numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My mobile is 07911 123456.", "07911 123456"),
        ("It's +44 7911 123456.", "+44 7911 123456"),
        ("07911-123456.", "07911-123456"),
        ("It is 91234 56789.", "91234 56789"),
        ("The landline is 020 7946 0321.", "020 7946 0321"),
        ("It's +91 91234 56789.", "+91 91234 56789"),
    ],
)
def test_non_us_phone_numbers(text: str, value: str) -> None:
    assert pairs(text, "What's the best number to reach you?") == [("phone_number", value)]


def test_a_labelled_id_that_looks_like_a_uk_number_keeps_its_label() -> None:
    assert pairs("My account number is 01234 567890.") == [("account_number", "01234 567890")]
    assert pairs("My account number is 0048812734.") == [("account_number", "0048812734")]


# --- 5. spoken letters in an id -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "text", "key", "value"),
    [
        (
            "Can I have your policy number?",
            "uh yes it's r t six six one nine oh two",
            "policy_number",
            "RT661902",
        ),
        ("What's your ticket number?", "b d dash three three eight one two", "ticket_id", "BD-33812"),
        ("What's your confirmation code?", "q z nine one m four", "confirmation_number", "QZ91M4"),
    ],
)
def test_spoken_letters_of_an_id_are_kept(prompt: str, text: str, key: str, value: str) -> None:
    assert pairs(text, prompt) == [(key, value)]


def test_an_article_before_spoken_digits_is_not_a_letter_of_the_id() -> None:
    assert pairs("it's a seven seven two four one nine", "Can I have your policy number?") == [
        ("policy_number", "772419")
    ]


# --- 6. bank details ------------------------------------------------------------------------------------


def test_an_iban_is_not_a_card_number_and_is_flagged() -> None:
    brief = brief_of(("a", "How can I help?"), ("u", "The IBAN was DE89 3704 0044 0532 0130 00."))
    assert info(brief) == [("iban", "DE89 3704 0044 0532 0130 00")]
    flags = sensitive_flags(brief)
    assert len(flags) == 1 and "IBAN" in flags[0] and "card" not in flags[0]


def test_an_invalid_iban_shape_is_not_an_iban() -> None:
    assert [k for k, _ in pairs("The IBAN was DE88 3704 0044 0532 0130 00.") if k == "iban"] == []


def test_sort_code_with_account_number_is_flagged() -> None:
    brief = brief_of(
        ("a", "How can I help?"), ("u", "My sort code is 40-11-62 and my account number is 31926819.")
    )
    assert info(brief) == [("sort_code", "40-11-62"), ("account_number", "31926819")]
    assert len(sensitive_flags(brief)) == 1


def test_spoken_routing_and_account_numbers_are_named_and_flagged() -> None:
    brief = brief_of(
        ("a", "How can I help?"),
        (
            "u",
            "routing number is one two two zero zero zero two four seven and account is three one nine two "
            "six eight one nine",
        ),
    )
    assert info(brief) == [("routing_number", "122000247"), ("account_number", "31926819")]
    assert len(sensitive_flags(brief)) == 1


# --- 7. social security number in everyday words --------------------------------------------------------


def test_my_social_is_an_ssn_and_is_flagged() -> None:
    brief = brief_of(("a", "How can I help?"), ("u", "my social is four one two six six eight nine oh three"))
    assert info(brief) == [("ssn", "412668903")]
    assert len(sensitive_flags(brief)) == 1


def test_last_four_of_the_social_in_words() -> None:
    assert pairs("eight one one five", "And the last four of your social?") == [("ssn_last_4", "8115")]


# --- 8. date of birth with a spoken year ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["august second nineteen sixty four", "june twelfth eighty seven", "april first two thousand and three"],
)
def test_a_spoken_birth_year_stays_with_the_date(text: str) -> None:
    assert pairs(text, "And your date of birth?") == [("date_of_birth", text)]


def test_an_appointment_date_does_not_take_a_following_number() -> None:
    assert ("date", "march third") in pairs("can we do march third fifty minutes before close")


# --- 9. amounts in rupees and pence ---------------------------------------------------------------------


def test_rupee_amounts() -> None:
    got = pairs("My bill has come for Rs 1,875 but my plan is only 799 rupees.")
    assert got == [("amount", "Rs 1,875"), ("amount", "799 rupees")]
    assert pairs("My bill is ₹1,875 this month.")[0] == ("amount", "₹1,875")


def test_pounds_and_pence_in_words() -> None:
    assert pairs("About thirty-two pounds fifty.") == [("amount", "£32.50")]
    assert pairs("It was twelve pounds ninety-nine.") == [("amount", "£12.99")]
    assert ("amount", "$50") in pairs("I paid fifty dollars twenty minutes ago")


def test_social_media_is_not_a_question_for_the_ssn() -> None:
    got = pairs("it's 7781240", "Are you on social media, and what's the order number?")
    assert got == [("order_id", "7781240")]
    assert pairs("it's 7781240", "Are you on social media?") != [("ssn", "7781240")]


# --- details the agent read back and the caller confirmed -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        (
            "Can I confirm your mobile is 07700 900111?",
            "Yes, that's correct.",
            ("phone_number", "07700 900111"),
        ),
        (
            "Just to check, your email is dana.lee@icloud.com, is that right?",
            "yep",
            ("email", "dana.lee@icloud.com"),
        ),
        ("Did you say the order number is 5562903?", "That's right.", ("order_id", "5562903")),
    ],
)
def test_a_read_back_the_caller_confirms_is_collected_at_their_turn(
    question: str, answer: str, expected: tuple[str, str]
) -> None:
    b = brief_of(("a", f"This call may be recorded. {question}"), ("u", answer))
    assert info(b) == [expected]
    assert b.information_collected[0].turn_index == 1
    assert any(m.type == "key_info" for m in b.transcript[1].markers)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Can I confirm your account number is 55781234?", "Yes but my address changed last month."),
        ("Can I confirm your account number is 55781234?", "Hmm, I'm not sure."),
        ("Your account number is 55781234. Anything else?", "Yes."),
        (
            "Can I confirm your account number is 55781234?",
            "Yes, and I also need to change the plan on it today.",
        ),
    ],
)
def test_a_read_back_not_plainly_confirmed_is_not_collected(question: str, answer: str) -> None:
    b = brief_of(("a", question), ("u", answer))
    assert "55781234" not in [v for _, v in info(b)]


def test_a_read_back_the_caller_corrects_keeps_the_callers_value() -> None:
    b = brief_of(("a", "Can I confirm your account number is 55781234?"), ("u", "No, it's 55781243."))
    assert info(b) == [("account_number", "55781243")]


# --- national numbers, continental euros, hesitations -----------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "said", "expected"),
    [
        ("And his NHS number if you have it?", "Yes, it's 943 476 5919.", ("nhs_number", "943 476 5919")),
        ("How can I help?", "My NHS number is 943 476 5919.", ("nhs_number", "943 476 5919")),
        ("What's the ABN?", "51 824 753 556.", ("abn", "51 824 753 556")),
        ("What's your phone number?", "It's 415 555 0142.", ("phone_number", "415 555 0142")),
    ],
)
def test_national_numbers_grouped_like_phone_numbers_keep_their_name(
    prompt: str, said: str, expected: tuple[str, str]
) -> None:
    assert pairs(said, prompt) == [expected]


@pytest.mark.parametrize(
    ("said", "amount"),
    [
        ("I was charged €1.234,50 twice.", "€1.234,50"),
        ("The fee was 1.234,50 € in total.", "1.234,50 €"),
        ("It was €1,234.50 in total.", "€1,234.50"),
        ("It was €1.23 only.", "€1.23"),
    ],
)
def test_euros_written_either_way(said: str, amount: str) -> None:
    assert pairs(said) == [("amount", amount)]


def test_hesitations_do_not_make_a_name_answer_too_long() -> None:
    b = brief_of(("a", "Who am I speaking with?"), ("u", "uh hi yeah this is marcus delgado"))
    assert b.header.caller_name == "Marcus Delgado"


def test_a_caller_speaking_for_a_relative_heads_the_brief_and_the_relative_is_named() -> None:
    b = brief_of(
        ("a", "Who am I speaking with?"),
        ("u", "I'm calling for my husband, David Okoye. I'm his wife, Grace."),
    )
    assert b.header.caller_name == "Grace"
    assert ("other_name", "David Okoye") in info(b)


def test_a_business_is_not_the_callers_name() -> None:
    b = brief_of(
        ("a", "Who am I speaking with?"), ("u", "This is Harrington & Cole Ltd, I'm Deepa from accounts.")
    )
    assert b.header.caller_name == "Deepa"
    b = brief_of(("a", "Who am I speaking with?"), ("u", "Hi, this is Sam and I need help with my bill."))
    assert b.header.caller_name == "Sam"


@pytest.mark.parametrize(
    ("prompt", "said", "expected"),
    [
        (
            "What's the best number?",
            "four fifteen five five five oh one nine eight",
            ("phone_number", "4155550198"),
        ),
        (
            "What number should I call?",
            "one eight hundred five five five oh one nine nine",
            ("phone_number", "18005550199"),
        ),
        (
            "What's the best number?",
            "nine twenty five five five five oh one nine eight",
            ("phone_number", "9255550198"),
        ),
    ],
)
def test_digits_said_in_pairs_inside_a_number(prompt: str, said: str, expected: tuple[str, str]) -> None:
    assert pairs(said, prompt) == [expected]


def test_a_ten_then_a_digit_is_two_numbers_not_a_teen() -> None:
    assert pairs("it's five five five ten two three four", "What's your member number?") == [
        ("member_id", "55510234")
    ]


@pytest.mark.parametrize(
    ("said", "address"),
    [
        ("it's fourteen twenty two birchwood lane eugene oregon", "1422 birchwood lane"),
        ("two oh five east maple street apartment three c", "205 east maple street apartment three c"),
        ("I live at twelve hundred Market Street.", "1200 Market Street"),
        ("it's five elm street", "5 elm street"),
    ],
)
def test_a_house_number_said_in_words(said: str, address: str) -> None:
    assert ("address", address) in pairs(said, "What's the address?")


@pytest.mark.parametrize(
    "said", ["one way street is the problem", "I stayed at the Four Points Airport Highway hotel."]
)
def test_phrases_with_number_words_before_a_street_word_are_not_addresses(said: str) -> None:
    assert not [v for k, v in pairs(said, "What's the address?") if k == "address"]


def test_someone_elses_name_said_in_lower_case_is_an_other_name() -> None:
    assert pairs("i'm calling for my mother her name is ruth adler", "How can I help?") == [
        ("other_name", "ruth adler")
    ]
    assert pairs("my name is john smith and his name is bob jones") == [
        ("name", "john smith"),
        ("other_name", "bob jones"),
    ]


def test_a_drivers_licence_is_named_and_flagged_before_verification() -> None:
    b = brief_of(
        ("a", "This call may be recorded. How can I help?"), ("u", "My driver's licence number is D4402771.")
    )
    assert info(b) == [("drivers_license", "D4402771")]
    assert sensitive_flags(b) == [
        "Caller shared a driver's licence number at turn 1 before identity verification was confirmed."
    ]


def test_hang_on_no_corrects_a_value() -> None:
    assert pairs("Chicago, 60604. Hang on, no, 60640.", "What's your zip code?")[-1] == ("zip_code", "60640")
    assert ("zip_code", "60604") not in pairs("Chicago, 60604. Hang on, no, 60640.", "What's your zip code?")


def test_a_birth_date_after_the_name_answers_a_question_for_both() -> None:
    assert pairs("Anthony Ferreira, April 19th, 1986.", "Can I have your full name and date of birth?") == [
        ("name", "Anthony Ferreira"),
        ("date_of_birth", "April 19th, 1986"),
    ]


@pytest.mark.parametrize(
    ("prompt", "said", "expected"),
    [
        ("What's your policy number?", "C H P 7 7 0 4 1 9 2 2.", ("policy_number", "CHP77041922")),
        ("What's the claim number?", "2 0 2 4 dash 0 3 dash 8 8 1 5 6", ("claim_number", "2024-03-88156")),
        (
            "How can I help?",
            "My driver's license number is D 4 4 0 2 7 7 1 9.",
            ("drivers_license", "D44027719"),
        ),
        ("What's your account number?", "it's 4 4 8 1 2 2 9 0", ("account_number", "44812290")),
    ],
)
def test_an_id_spelled_with_written_digits(prompt: str, said: str, expected: tuple[str, str]) -> None:
    assert pairs(said, prompt) == [expected]


def test_a_surname_spelled_then_the_full_name_heads_the_brief() -> None:
    b = brief_of(("a", "Can I have your name?"), ("u", "Renner. R E N N E R. Tobias Renner."))
    assert b.header.caller_name == "Tobias Renner"


@pytest.mark.parametrize(
    ("said", "email"),
    [
        ("it's femi dot adebayo at proton mail dot com", "femi.adebayo@protonmail.com"),
        ("sure it's jo at g mail dot com", "jo@gmail.com"),
    ],
)
def test_a_mail_domain_said_in_two_words(said: str, email: str) -> None:
    assert pairs(said, "What's your email?") == [("email", email)]


def test_last_four_said_digit_by_digit() -> None:
    assert pairs("5 0 3 8", "What are the last four digits of your card?") == [("card_number_last_4", "5038")]
