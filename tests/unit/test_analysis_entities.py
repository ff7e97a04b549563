"""Entity extraction: the details a caller states end up in information_collected, and junk does not."""

from __future__ import annotations

import random

import pytest

from domain.analysis import COMPILED
from tests.unit.calls import brief_of, info

# A gate replaced with monkeypatch is seen by the interpreted rules only (compiled ones call each other
# directly); scripts/test.sh runs the analyzer's tests interpreted as well.
_INTERPRETED_ONLY = pytest.mark.skipif(COMPILED, reason="patches reach only the interpreted analyzer")

pytestmark = pytest.mark.unit


def collected(*turns: tuple[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in brief_of(*turns).information_collected:
        out.setdefault(item.key, []).append(item.value)
    return out


def test_formatted_phone_number() -> None:
    assert collected(("u", "You can call me back on (312) 555-0187."))["phone_number"] == ["(312) 555-0187"]


def test_spoken_phone_number() -> None:
    got = collected(
        ("a", "What's the best number to reach you?"),
        ("u", "it's eight one seven, five five five, two two three four"),
    )
    assert got["phone_number"] == ["8175552234"]


def test_email_written_and_spoken() -> None:
    assert collected(("u", "Send it to mo.khan@example.net please"))["email"] == ["mo.khan@example.net"]
    assert collected(("u", "sure, it's jo dot marsh at mailbox dot org"))["email"] == ["jo.marsh@mailbox.org"]


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("My account number is 0048812734.", "account_number", "0048812734"),
        ("The order number is WX-77120, it never came.", "order_id", "WX-77120"),
        ("I have ticket #88231 open already.", "ticket_id", "88231"),
        ("My confirmation number is QK8823.", "confirmation_number", "QK8823"),
    ],
)
def test_labelled_ids(line: str, key: str, value: str) -> None:
    assert collected(("u", line))[key] == [value]


def test_bare_id_named_by_the_agents_question() -> None:
    got = collected(("a", "Could you read me the order ID?"), ("u", "6620917745"))
    assert got == {"order_id": ["6620917745"]}


@pytest.mark.parametrize(
    ("prompt", "line", "key", "value"),
    [
        (
            "",
            "Sure, my account number is 3307 5521 and my name is Ivo Brandt.",
            "account_number",
            "3307 5521",
        ),
        ("", "the policy number is 412 880 917", "policy_number", "412 880 917"),
        ("What is your member ID?", "It's 7 7 3 4 1 2 9.", "member_id", "7734129"),
        (
            "Could I have the account number on file, please?",
            "yeah it's 3307 5521",
            "account_number",
            "3307 5521",
        ),
        ("Can you read me the case number?", "6203-1187-45", "case_id", "6203-1187-45"),
        ("", "I wrote it down as 88 412 907 somewhere", "reference_number", "88 412 907"),
    ],
)
def test_numbers_said_in_groups_are_kept_whole(prompt: str, line: str, key: str, value: str) -> None:
    turns = [("a", prompt)] if prompt else []
    assert collected(*turns, ("u", line))[key] == [value]


def test_speech_to_text_forms_of_names_times_amounts_and_short_numbers() -> None:
    # lower-case transcripts: the name after "my name is", up to the first common word
    assert collected(("u", "yeah hi my name is ivo brandt and i'm calling about my bill"))["name"] == [
        "ivo brandt"
    ]
    assert "name" not in collected(("u", "my name is on the account, not my wife's"))
    assert brief_of(("u", "hi my name is ivo brandt")).header.caller_name == "Ivo Brandt"
    # "12 30 pm" is one time, not "30 pm"
    assert collected(("u", "can we do 12 30 pm on friday"))["time"] == ["12 30 pm"]
    # five spoken digits answer the agent's question; unprompted they are just counting
    got = collected(("a", "And what's the zip code there?"), ("u", "nine four one zero three"))
    assert got["zip_code"] == ["94103"]
    assert "zip_code" not in collected(("u", "one two three four five, can you hear me?"))
    # a bare amount right after a money word
    assert collected(("u", "I was charged 49.99 twice this month"))["amount"] == ["49.99"]
    assert "amount" not in collected(("u", "version 2.15 of the app costs nothing, it just crashes"))


def test_a_lower_case_answer_to_the_name_question_names_the_caller() -> None:
    asked = ("a", "Thanks. Can I get the account holder's name?")  # the account is whose, the name is asked
    assert brief_of(asked, ("u", "it's priya raman")).header.caller_name == "Priya Raman"
    assert brief_of(("a", "Who am I speaking with?"), ("u", "ivo")).header.caller_name == "Ivo"
    assert "name" not in collected(asked, ("u", "it's the same as on the account"))
    # "name" as a verb asks for a place, not for the caller
    assert "name" not in collected(
        ("a", "Can you name your favourite hotel?"), ("u", "it's four points soho")
    )


@pytest.mark.parametrize(
    "said",
    [
        "My name is carlos mendez, I want to check my bill.",  # speech-to-text: a capital only to open the turn
        "my names carlos mendez and my bill is wrong",  # ... and the apostrophe dropped
        "Name's Carlos Mendez. My bill is wrong.",
    ],
)
def test_a_name_stated_in_the_ways_callers_say_it_names_the_caller(said: str) -> None:
    brief = brief_of(("a", "Thanks for calling. How can I help?"), ("u", said))
    assert brief.header.caller_name == "Carlos Mendez"
    assert [value.lower() for key, value in info(brief) if key == "name"] == ["carlos mendez"]
    assert "name" not in collected(("u", "My name is on the account already."))


def test_a_shouted_turn_names_nothing_by_its_capitals() -> None:
    assert collected(("u", "THE ROUTER KEEPS DISCONNECTING. I ALREADY TOLD YOU.")) == {}
    got = collected(("u", "I SAID MY ORDER NUMBER IS ORD-55821"))
    assert got == {"order_id": ["ORD-55821"]}


def test_short_digit_groups_stay_what_they_are() -> None:
    got = collected(("u", "Two adults and 3 kids, on 2024-05-17, and I paid 40 dollars."))
    assert "reference_number" not in got
    assert got["date"] == ["2024-05-17"]
    assert collected(("u", "Call me at 415 555 0142"))["phone_number"] == ["415 555 0142"]


def test_amounts_dates_and_times() -> None:
    got = collected(
        ("u", "I paid $1,250.00 on March 3rd and again 40 dollars the 14th of this month at 5:30 pm.")
    )
    assert got["amount"] == ["$1,250.00", "40 dollars"]
    assert got["date"] == ["March 3rd", "the 14th of this month"]
    assert got["time"] == ["5:30 pm"]


def test_spoken_times_and_relative_dates() -> None:
    got = collected(("u", "Could we do half past 6 in the evening on Friday next week?"))
    assert got["time"] == ["half past 6 in the evening"]
    assert got["date"] == ["Friday next week"]


def test_name_and_address_and_zip() -> None:
    got = collected(
        ("u", "My name is Ingrid Bauer and I live at 42 Willow Lane, Springfield, my zip code is 62704.")
    )
    assert got["name"] == ["Ingrid Bauer"]
    assert got["address"] == ["42 Willow Lane"]
    assert got["zip_code"] == ["62704"]


def test_booking_slots_people_state() -> None:
    got = collected(("u", "I need a table for three at Golden Lotus in Fresno, we like Vietnamese food."))
    values = [v for vs in got.values() for v in vs]
    assert "3" in got["party_size"]
    assert "Golden Lotus" in values
    assert "Fresno" in values
    assert "Vietnamese food" in values


def test_travel_slots_keep_origin_and_destination() -> None:
    got = collected(("u", "I'm flying from Portland, OR to Boston on the 2nd with 2 people."))
    assert got["origin"] == ["Portland, OR"]
    assert got["destination"] == ["Boston"]
    assert got["date"] == ["the 2nd"]
    assert got["party_size"] == ["2"]


def test_no_junk_from_small_talk() -> None:
    assert (
        collected(("u", "Yes, thanks. That sounds great, I'm fine with that."), ("u", "Okay. Sorry! No."))
        == {}
    )


def test_agent_turns_are_not_mined_for_caller_details() -> None:
    assert collected(("a", "Our number is (800) 555-0100 and we open on Monday."), ("u", "ok")) == {}


def test_values_are_deduplicated_and_keep_the_first_turn() -> None:
    brief = brief_of(("u", "Order WX-77120 please."), ("a", "Which order?"), ("u", "WX-77120, like I said."))
    items = [(i.value, i.turn_index) for i in brief.information_collected]
    assert items == [("WX-77120", 0)]


@_INTERPRETED_ONLY
def test_the_phrase_gate_never_changes_what_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """`_may_hold_a_phrase` only skips turns in which the capitalised-phrase rule would keep nothing: on
    generated turns (capitals, months, joining words, punctuation, apostrophes) the result is the same with
    the gate and with the gate always open."""
    from domain.analysis import entities
    from domain.analysis._text import COMMON_WORDS, MONTH_OR_DAY_WORDS

    rng = random.Random(11)
    pieces = [
        *sorted(COMMON_WORDS)[::3],
        *sorted(MONTH_OR_DAY_WORDS),
        *[
            "de",
            "von",
            "vs.",
            "&",
            "Dr.",
            "O'Neil",
            "McArdle",
            "U.S.",
            "WA",
            "England",
            "I'm",
            "(Rosa",
            "x-Ray",
        ],
        *[
            "Hi,",
            "Okay.",
            "#Tag",
            "'Quote'",
            "’Curly’",
            "Éclair",
            "naïve",
            "Brandt",
            "Kowalczyk",
            "370",
            "4B",
            "12",
        ],
    ]

    def word() -> str:
        w = rng.choice(pieces)
        w = w.capitalize() if rng.random() < 0.35 else w.upper() if rng.random() < 0.15 else w
        return w + rng.choice(["", "", "", ",", ".", "!", "'s", "’s"])

    turns = [" ".join(word() for _ in range(rng.randint(1, 10))) for _ in range(3000)]
    turns.append("Hi de Hi is on tonight")  # common words joined by "de": the joining word is what is kept
    gated = [entities.extract_turn(t, 0) for t in turns]
    monkeypatch.setattr(entities, "_may_hold_a_phrase", lambda *_: True)
    assert [entities.extract_turn(t, 0) for t in turns] == gated
    assert sum(1 for found in gated if found) > 300  # the generated turns do name things
    assert gated[-1][0].value == "de Hi"


@_INTERPRETED_ONLY
def test_the_name_gate_never_changes_what_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """`_may_state_a_name` skips the stated-name pattern only when no capitalised word after a hint could be
    kept: generated self-introductions give the same details with it and with the pattern always run."""
    from domain.analysis import entities

    rng = random.Random(6)
    hints = ["my name is", "this is", "I'm", "i am", "it's", "call me", "My name's", "hi,"]
    words = ["Dana", "Whitfield", "Dr.", "Mr", "It's", "I'm", "Hi", "May", "Monday", "O'Neil", "Jean-Luc"]
    words += ["It'sX", "I", "The", "Okay", "calling", "about", "my", "card", "McArdle", "Sure", "You", "Ana9"]
    turns = [
        " ".join(rng.choice(hints if rng.random() < 0.4 else words) for _ in range(rng.randint(2, 7)))
        for _ in range(3000)
    ]
    gated = [entities.extract_turn(t, 0) for t in turns]
    monkeypatch.setattr(entities, "_may_state_a_name", lambda *_: True)
    assert [entities.extract_turn(t, 0) for t in turns] == gated
    assert sum(1 for found in gated if any(e.key == "name" for e in found)) > 200
