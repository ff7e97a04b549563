"""Finds the details a caller states: ids, contact details, amounts, dates, times, places and booking slots."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain
from typing import Final, NamedTuple

from domain.analysis._text import (
    BUSINESS_SUFFIX,
    COMMON_WORDS,
    MONTH_OR_DAY_WORDS,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    alnum_key,
    capitals,
    digit_runs,
    led_by,
    lower,
    number_value,
    shape,
    word_tokens,
)

# Keys whose values identify or authenticate the caller: the summary shows only their last characters.
# (compliance.py decides separately which of them must not be shared before verification.)
SENSITIVE_KEYS: frozenset[str] = frozenset(
    {
        "card_number",
        "ssn",
        "password",
        "pin",
        "account_number",
        "routing_number",
        "iban",
        "security_answer",
        "date_of_birth",
        "other_date_of_birth",
        "verification_code",
        "cvv",
        "health_card_number",
        "gift_card_number",
    }
)


class Entity(NamedTuple):  # a tuple: built for every value found, several times cheaper than a dataclass
    key: str
    value: str
    turn_index: int
    # Values (as `alnum_key` gives them) this one corrects: "it's 4471, not 4417" withdraws 4417, also where an
    # earlier turn said it (`dedupe` drops those).
    withdraws: tuple[str, ...] = ()


# Most patterns run on the ASCII-lowered turn (see _text.lower) and are written in lower case: `re` is
# several times faster without IGNORECASE.
_I: Final = 0

# What an id is called when the caller names it ("order number is ...", "account ID: ...").
_ID_KINDS: tuple[tuple[str, str], ...] = (
    ("account", "account_number"),
    ("order", "order_id"),
    ("ticket", "ticket_id"),
    ("case", "case_id"),
    ("confirmation", "confirmation_number"),
    ("reference", "reference_number"),
    ("police report", "report_number"),
    ("report", "report_number"),  # "the officer gave me report number 24-118832"
    ("contract", "contract_number"),
    ("promo code", "promo_code"),
    ("promotional code", "promo_code"),
    ("promotion code", "promo_code"),
    ("coupon", "promo_code"),
    ("coupon code", "promo_code"),
    ("discount code", "promo_code"),
    ("voucher", "voucher_code"),
    ("voucher code", "voucher_code"),
    ("tag", "tag_number"),
    ("booking", "booking_id"),
    ("pnr", "pnr_number"),  # a train or flight booking's reference ("PNR 2650041178"), no phone number
    ("reservation", "reservation_id"),
    ("tracking", "tracking_number"),
    ("invoice", "invoice_number"),
    ("policy", "policy_number"),
    ("member", "member_id"),
    ("customer", "customer_id"),
    ("claim", "claim_number"),
    ("loan", "loan_number"),
    ("application", "application_number"),
    ("prescription", "prescription_number"),
    ("rx", "prescription_number"),
    ("username", "username"),
    ("user name", "username"),
    ("user id", "username"),
    # a card that is no payment card holds a membership's number ("your library card number?")
    ("library card", "library_card_number"),
    # a gift card's number holds the money on it, not a bank's card; a health card's identifies a patient
    ("gift card", "gift_card_number"),
    ("health card", "health_card_number"),
    ("membership card", "member_id"),
    ("loyalty card", "loyalty_number"),
    ("rewards card", "loyalty_number"),
    ("card", "card_number"),
    ("routing", "routing_number"),
    ("social security", "ssn"),
    ("social", "ssn"),  # "my social is ...", "the last four of your social"
    ("sort code", "sort_code"),
    ("iban", "iban"),
    ("ssn", "ssn"),
    ("license plate", "license_plate"),
    ("licence plate", "license_plate"),
    ("plate", "license_plate"),
    ("employee", "employee_id"),
    # a device or a vehicle ("the IMEI is 356938035643809", "serial number 5CG1234XYZ", "the VIN is ...")
    ("imei", "imei"),
    ("serial", "serial_number"),
    ("model", "model_number"),
    ("vin", "vin"),
    ("po", "po_number"),
    ("purchase order", "po_number"),
    ("license", "drivers_license"),
    ("licence", "drivers_license"),
    # national health and business numbers: grouped like a phone number ("943 476 5919"), never one
    ("nhs", "nhs_number"),
    ("medicare", "medicare_number"),
    ("abn", "abn"),
    ("zip", "zip_code"),
    ("postal", "zip_code"),
    ("postcode", "postcode"),
    ("phone", "phone_number"),
    ("mobile", "phone_number"),
    ("cell", "phone_number"),
    ("callback", "phone_number"),
    ("pin", "pin"),
    ("passcode", "pin"),
    # a code the business sent to the caller's phone, read back to verify them
    ("one-time code", "verification_code"),
    ("one time code", "verification_code"),
    ("verification code", "verification_code"),
    (
        "security code",
        "verification_code",
    ),  # "the security code we just texted you" (a card's is too short to take)
    ("otp", "verification_code"),
    ("password", "password"),
    ("email", "email"),
    ("e-mail", "email"),
    ("name", "name"),
    ("speaking with", "name"),  # "Who am I speaking with?"
    ("speaking to", "name"),
    ("talking to", "name"),
    ("talking with", "name"),
    ("address", "address"),
    ("birth", "date_of_birth"),
    ("dob", "date_of_birth"),
)


def _trie(words: list[str]) -> str:
    """One regex alternation shaped as a prefix tree: `re` tries a flat alternation branch by branch at every
    position, a tree only along the letters that match. Callers must not depend on branch order."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[:1], []).append(w[1:])
    parts: list[str] = []
    for head, tails in heads.items():
        if head == "":
            continue
        rest = [t for t in tails if t]
        sub = _trie(rest) if rest else ""
        if "" in tails:
            parts.append(re.escape(head) + (f"(?:{sub})?" if sub else ""))
        else:
            parts.append(re.escape(head) + (f"(?:{sub})" if len(rest) > 1 or "|" in sub else sub))
    return "|".join(parts)


# With the trailing \b at most one kind can match at a position, so the tree finds what the flat list did.
_ID_KIND_RE: Final = led_by(r"[abcdefghilmnoprstuvz]", r"\b(" + _trie([k for k, _ in _ID_KINDS]) + r")\b", _I)
_ID_KIND_KEY: Final = {k: v for k, v in _ID_KINDS}
# A username of letters, the clause ending after it (a word such as "locked" or "same" says how it is).
_USERNAME: Final = re.compile(
    r"\buser\s?name\s+(?:is\s+)?([a-z][a-z0-9._@-]*[a-z0-9])(?=\s*(?:[.,;!?]|$|\s+(?:and|but)\b))"
)
_NOT_A_USERNAME: Final = frozenset(
    [
        "same",
        "different",
        "wrong",
        "correct",
        "right",
        "invalid",
        "reset",
        "old",
        "new",
        "case",
        "fine",
        "lost",
        "gone",
    ]
)
# Labels that name a value only right before it ("check number 1043"): not kinds a question asks for ("Would
# you like me to check ...?" asks for none).
_LABEL_ONLY_KEYS: Final = {"check": "check_number", "cheque": "check_number", "tag": "tag_number"}
_WHOSE: Final = re.compile(r"\s*(?:holder|owner)|'s\b", _I)
# The agent asked for the caller's name ("can I get your full name?", "who am I speaking with?"), not for a
# place to be named ("can you name your favourite hotel?").
_NAME_ASKED: Final = re.compile(
    r"\b(?:your|'s|full|first|last|the)\s+name\b|\bname\s+(?:please|on\s+the)\b|\bwho\s+(?:am\s+i|i'm)\s+"
    r"(?:speaking|talking)\s+(?:with|to)\b"
)

_EMAIL: Final = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MAC: Final = re.compile(r"(?<![\w:-])[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}(?![\w:-])")
_IPV4: Final = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w]|\.\d)"
)
# A card's security code ("CVV 417", "the security code is 0452"): three or four digits, never kept after a payment.
_CVV: Final = re.compile(
    r"\b(?:cvv2?|cvc2?|card\s+security\s+code|security\s+code)(?:\s+(?:code|number))?\s*(?:is|:)?\s*(\d{3,4})\b"
)
# The AI agent's question for a card's security code or for a PIN, and a bare answer to it ("And the three-digit
# code on the back?" "331."; "Your PIN?" "uh four four eight two"): the secret, so that the brief can say it was
# shared (the summary never shows it). A "security code" alone is the one texted to the caller (`_ID_KINDS`).
_ASKS_CVV: Final = re.compile(
    r"\b(?:cvv2?|cvc2?|(?:card'?s?\s+)?security\s+code\s+(?:on|of|for|from)\s+(?:the|your|that)\s+(?:back|card)"
    r"|(?:three|four|3|4)[\s-]digit\s+(?:security\s+)?code|card'?s?\s+security\s+code|code\s+on\s+the\s+back)\b"
)
_ASKS_PIN: Final = re.compile(r"\b(?:pin|passcode)\b")
# What opens a bare answer before its value ("uh it's 331", "yes, 4482").
ANSWER_LEAD: Final = r"^\W*(?:(?:it's|its|it\s+is|sure|yes|yeah|yep|ok|okay|um|uh|er|that's|thats)\W+)*"
_BARE_SECRET: Final = re.compile(ANSWER_LEAD + r"(\d{3,4}|\d(?:\s\d){2,3})\W*$")
# A secret named just before its digits said in words: "my pin is four four eight two", "the cvv is three three one".
_SECRET_LABEL: Final = re.compile(
    r"\b(?:(?P<pin>pin|passcode)(?:\s+(?:number|code))?|(?P<cvv>cvv2?|cvc2?|(?:card\s+)?security\s+code))"
    r"(?:\s+(?:is|was|:))?[\s,:]*$"
)
_BARE_SPOKEN_WORDS: Final = 7
_SECRET_LABEL_WORDS: Final = frozenset(
    ["pin", "passcode", "cvv", "cvv2", "cvc", "cvc2", "security"]
)  # the most words of a spoken answer ("uh yeah it's four four eight two")
_ERROR_CODE: Final = re.compile(r"\berror(?:\s+code)?\s*[:#]?\s*([a-z]{0,4}-?\d{2,6}[a-z]?)\b")
_SPOKEN_EMAIL: Final = re.compile(
    # the domain's name may be said in two words: "g mail", "hot mail", "proton mail"
    # (and with a dash: "walsh dash design dot co dot uk")
    r"\b([a-z0-9_]+(?:\s+(?:dot|underscore)\s+[a-z0-9_]+)*)\s+at\s+(?:sign\s+)?([a-z0-9-]+(?:\s+mail|(?:\s+dash\s+[a-z0-9]+)+)?"
    r"(?:\s+dot\s+[a-z0-9-]+)*"
    r"\s+dot\s+(?:com|net|org|edu|gov|io|co|us|uk|ca|de|info|biz))\b",
    _I,
)
# A number said in groups ("4481 2290", "558-213-990") or digit by digit ("7 7 3 4 1 2 9"): speech-to-text
# writes a long number the way the caller paused in it.
_DIGIT_GROUPS: Final = r"(?:\d(?:\s\d){3,}|\d{2,6}(?:[ -]\d{2,6})+(?:[ -]\d(?!\d))?)"
_LABELLED: Final = led_by(
    r"[abcdeghilmnoprstuvz]",
    r"\b(?P<label>account|order|ticket|case|confirmation|reference|booking|reservation|tracking|invoice"
    r"|policy|member(?:ship)?|customer|claim|loan|application|prescription|rx|employee|po|purchase\s+order"
    r"|che(?:ck|que)(?=\s+(?:number|no\.?|#))|(?:(?:library|membership|loyalty|rewards|gift|health)\s+)?card|routing|pnr|contract"
    r"|tag(?=\s+(?:number|no\.?|#))"
    r"|promo(?:tion(?:al)?)?\s+code|coupon(?:\s+code)?|discount\s+code|voucher(?:\s+code)?"
    r"|user\s?name|user"
    r"|social(?:\s+security)?"
    r"|sort\s+code|nhs|medicare"
    r"|abn|(?:driver'?s\s+)?licen[cs]e|pin|passcode|password"
    r"|zip|postal)"
    r"(?:\s+(?:number|no\.?|id|#|code))?\s*(?:is|was|:|#|number)?\s*(?:is\s+)?"
    # (an id may hold slashes: "VAC/2024/118843")
    rf"(?P<value>{_DIGIT_GROUPS}|(?=[a-z0-9/-]*\d)[a-z0-9][a-z0-9/-]{{2,}}[a-z0-9])\b",
    _I,
)
# The same, unlabelled (a bare answer, "It's 4481 2290."): five digits at least, not an ISO date, once phone
# numbers, cards and amounts have claimed theirs.
_GROUPED_DIGITS: Final = led_by(
    r"[\d]", rf"(?<![\w$.,:/-])(?!\d{{4}}-\d\d-\d\d(?!\d)){_DIGIT_GROUPS}(?![\w.,:/-]?\d|\w)"
)
_PHONE: Final = led_by(
    r"[\d(+]", r"(?<![\w$])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w])"
)
# A phone number said with its area code apart ("area code 415, then 555 0142").
_AREA_CODE: Final = re.compile(
    r"\barea\s+code\s+(?:is\s+)?(\d{3})\W+(?:(?:and\s+)?(?:then\s+)?(?:the\s+number\s+is\s+|it's\s+)?)?(\d{3})[\s.-]?(\d{4})(?!\d)"
)
# Numbers outside the North American plan, as they are written: with a country code ("+44 7700 900456",
# "+91 98765 43210"), a UK national number with its trunk 0 and a space or hyphen ("07700 900456",
# "020 7946 0018"), or an Indian mobile in two groups of five ("98765 43210"). Digit counts are checked by
# the rule that uses it.
_INTL_PHONE: Final = led_by(
    r"[\d+]",
    r"(?<![\w$.,:/+-])(?:\+\d{1,3}(?:[\s.-]?\d{2,5}){2,4}|0[1-9]\d{1,3}[\s-]\d{3,4}(?:[\s-]?\d{3,4})?"
    r"|[6-9]\d{4}[\s-]\d{5})(?![\w,:/-]?\d|\w|[.]\d)",
)
_DIGIT_WORD: Final = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double\s+\w+|triple\s+\w+)"
# Inside a number said digit by digit, a pair of digits said as one number ("four fifteen five five five oh one
# nine eight", "eight hundred", "nine twenty two"): a teen, a ten with or without its unit, or "hundred".
_PAIR_WORD: Final = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight"
    r"|nine))?)"
)
_PAIR_LEAD: Final = _PAIR_WORD.replace("|hundred", "")  # (no number opens with "hundred")
_SPOKEN_DIGITS: Final = led_by(  # (or by pairs from the start: "forty four eighty one twenty two ninety")
    r"[defnostz]",
    rf"\b(?:{_DIGIT_WORD}(?:[\s,-]+(?:{_DIGIT_WORD}|{_PAIR_WORD})){{4,}}"
    rf"|{_PAIR_LEAD}(?:[\s,-]+{_PAIR_WORD}){{2,}}(?:[\s,-]+(?:{_DIGIT_WORD}|{_PAIR_WORD}))*)\b",
    _I,
)
# Four digits said as words ("six six two oh"): the answer to a question for the last four of an id.
_SPOKEN_FOUR: Final = led_by(  # (two words may be four digits: "triple seven two")
    r"[defnostz]", r"\b" + _DIGIT_WORD + r"(?:[\s,-]+" + _DIGIT_WORD + r"){1,4}\b", _I
)
_SSN: Final = led_by(r"[\d]", r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
# An IBAN ("GB33 BUKB 2020 1555 5555 55"): a country, two check digits and up to 30 letters and digits, in
# groups of four or not. Matched on the original text (written in capitals) and kept only if its checksum holds.
_IBAN: Final = led_by(r"[A-Z]", r"(?<![\w-])[A-Z]{2}\d\d(?: ?[A-Z\d]{4}){2,7}(?: ?[A-Z\d]{1,3})?(?![\w-])")
CARD: Final = led_by(r"[\d]", r"(?<!\d)(?:\d{4}[ -]){3}\d{1,7}(?!\d)|(?<![\d.])\d{15,16}(?![\d.])")
# Five digits or more, with hyphenated groups after them ("98101-2034", an account "30018822-04").
# (a capital-letter suffix belongs to the id: "61247-C")
_DIGIT_RUN: Final = led_by(r"[\d]", r"(?<![\w$.,:/-])\d{5,}(?:-\d{2,6})*(?:-[A-Z]{1,3}\b)?(?![\w.,:/]\d|\w)")
_ALNUM_ID: Final = re.compile(r"\b(?=[a-z-]*\d)(?=\d*[a-z])[a-z0-9][a-z0-9-]{4,}\b", _I)
_ORDINAL_OR_TIME: Final = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|d|k|s|mm|gb|mb|mph)$", re.IGNORECASE)
_AMOUNT: Final = led_by(
    r"[\d$£€₹]",
    # euros as written on the continent first: "€1.234,50", "1.234,50 €" (the English reading gave €1.23)
    r"(?:€\s?\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?![\d.])|€\s?\d+,\d{2}(?!\d)"
    r"|\b\d{1,3}(?:\.\d{3})*,\d{2}\s?(?:€|euros?\b)"
    r"|[$€£₹]\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?(?:k|million|thousand|lakh|crore))?"
    r"|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:dollars?|bucks|usd|euros?|pounds|cents|rupees?|rs|inr)\b"
    r"(?:\s+and\s+\d{1,2}\s+(?:cents|pence|p)\b)?)",  # "34 dollars and 50 cents" is one amount
    _I,
)
# "Rs 2,349", "INR 999": its own pattern, run only on a turn with the word, so that _AMOUNT need not be tried
# at every "r" and "i".
_RUPEE_AMOUNT: Final = led_by(r"[ri]", r"\b(?:rs\.?|inr)\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?(?:lakh|crore))?")
_ORD: Final = (
    r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first)"
)
# "the 2nd" / "the second" alone is a date only when no noun follows ("the second time", "the 3rd floor"):
# the next word, if any, must be one of these.
_AFTER_BARE_ORDINAL: Final = (
    r"(?!\s+(?!(?:at|in|on|of|or|and|to|till|until|through|thru|from|for|by|please|instead|if|then|is|was|would"
    r"|will|works?|around|because|but|so|only|as|with|that|i|we|it|right|too|okay|ok|maybe|also|be|are|could"
    r"|should|sounds?|onwards?)\b)[a-z])"
)
_DATE: Final = led_by(
    r"[\dacdefijlmnostwy]",
    r"\b(?:"
    rf"(?:the\s+)?{_ORD}\s+of\s+(?:(?:the|this|next|each|every)\s+month|{MONTHS})\b(?:,?\s+\d{{4}})?"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\s+(?!may\b){MONTHS}\b(?:,?\s+\d{{4}})?"
    # "3 June 1985", as written outside the US (a month's full name: "2 mar" is not a date)
    r"|\d{1,2}\s+(?:january|february|march|april|june|july|august|september|october|november|december)\b"
    r"(?:,?\s+\d{4})?"
    rf"|{MONTHS}\.?\s+(?:the\s+)?(?:{_ORD}|\d{{1,2}})\b(?:,?\s+\d{{4}})?"
    rf"|{WEEKDAYS}\s+(?:of\s+)?(?:next|this)\s+week"
    rf"|(?:next|this|coming|last)\s+(?:{WEEKDAYS}|week(?:end)?|month)(?:\s+(?:next|this)\s+week)?"
    rf"|(?:on\s+)?{WEEKDAYS}(?:\s+(?:of\s+)?(?:next|this)\s+week)?"
    r"|day\s+after\s+tomorrow|later\s+today|today|tomorrow|tonight|yesterday"
    rf"|the\s+{_ORD}{_AFTER_BARE_ORDINAL}"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}"
    rf"|in\s+{MONTHS}(?:\s+\d{{4}})?"
    r")\b",
    _I,
)
# A month and a year ("March 2028", "march of 28"), a card's expiry when that was asked.
_MONTH_YEAR: Final = re.compile(rf"\b{MONTHS}\.?\s+(?:of\s+)?(?:20\d\d|'?\d\d)\b")
# The AI agent asking for a card's expiry ("And the expiry date?", "When does the card expire?").
_EXPIRY_ASKED: Final = re.compile(r"\bexpir(?:y|ation|es|e)\b")
# What names a card's expiry date right before it ("expiry 09/27", "expires 11/26", "exp. date is 04/28").
_EXPIRY_BEFORE: Final = re.compile(r"\b(?:expiry|expiration|expires|exp\.?)(?:\s+date)?(?:\s+is)?[\s:]*$")
# A year said in words after a birth date ("nineteen fifty eight", "ninety one", "two thousand and three").
_TENS: Final = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT: Final = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN: Final = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SPOKEN_YEAR: Final = re.compile(
    rf",?\s+(?:(?:nineteen|twenty)\s+(?:{_TENS}(?:[\s-]{_UNIT})?|oh\s+{_UNIT}|{_TEEN})"
    rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{_UNIT}|{_TEEN}|{_TENS}(?:[\s-]{_UNIT})?))?"
    rf"|{_TENS}(?:[\s-]{_UNIT})?)\b"
)
_BARE_ORDINAL_PREPOSITIONS: Final = frozenset(
    [
        "on",
        "by",
        "until",
        "till",
        "before",
        "after",
        "from",
        "since",
        "for",
        "to",
        "through",
        "thru",
        "and",
        "or",
        "starting",
        "between",
        "except",
        "than",
    ]
)
_NUMW: Final = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PART: Final = r"(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)"
_HALF: Final = r"(?:(?:a\s+)?(?:half|quarter)\s+(?:past|to)\s+)"
_AMPM: Final = r"(?:\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w))"
_OCLOCK: Final = r"(?:\s+o['\"’]?\s?clock)"
_TIME: Final = led_by(
    r"[\daefhlmnoqst]",
    r"\b(?:"
    rf"\d{{1,2}}\s\d\d{_AMPM}"  # "12 30 pm": speech-to-text without the colon
    rf"|{_PART}\s+(?:at\s+)?{_HALF}?(?:\d{{1,2}}(?::\d{{2}})?|{_NUMW})\b{_AMPM}?{_OCLOCK}?"
    rf"|{_HALF}?(?:\d{{1,2}}:\d{{2}}|\d{{1,2}}|{_NUMW})(?:{_AMPM}{_OCLOCK}?|{_OCLOCK}{_AMPM}?"
    rf"|(?=\s+in\s+the\s+{_PART}))(?:\s+in\s+the\s+{_PART})?"
    rf"|\d{{1,2}}:\d{{2}}{_AMPM}?"
    rf"|(?:half|quarter)\s+(?:past|to)\s+(?:\d{{1,2}}|{_NUMW})\b"  # "half past three": a time on its own
    r"|noon|midnight|midday"
    r")",
    _I,
)
_COUNT_NOUNS: tuple[tuple[str, str], ...] = (
    (r"tickets?|tix|tickts", "number_of_tickets"),
    (r"people|persons?|adults?|guests?|of\s+us|travell?ers|passengers?|riders?|kids|children", "party_size"),
    (r"(?:bed\s?)?rooms?(?=\s+(?:apartment|house|place|home|property))|bed\s?rooms?|beds?", "bedrooms"),
    (r"bath\s?rooms?|baths?", "bathrooms"),
    (r"rooms?", "number_of_rooms"),
    (r"seats?", "number_of_seats"),
    (r"days?|nights?|weeks?", "duration"),
    (r"stops?", "stops"),
    (r"items?|units?|pieces?|bags?", "quantity"),
)
_COUNT: Final = led_by(
    r"[\dbcefginoprst]",
    r"\b(?P<n>\d{1,2}|"
    + _NUMW
    + r")\s+(?:more\s+|additional\s+|extra\s+)?(?P<noun>"
    + "|".join(f"(?:{p})" for p, _ in _COUNT_NOUNS)
    + r")\b"
    r"|\b(?:table|reservation|booking|reserve|book|party|group|ride|cab|it)\s+(?:for|of)\s+(?P<n2>\d{1,2}|"
    + _NUMW
    + r")\b(?!\s*(?::|am\b|pm\b|o['\"’]?\s?clock|in\s+the|st\b|nd\b|rd\b|th\b|%|dollars|bucks))",
    _I,
)
_COUNT_KEYS: Final = [(re.compile(p, _I), k) for p, k in _COUNT_NOUNS]
_STAR_WORDS: Final = frozenset(["star", "stars", "rating"])  # one of which each _STAR match holds
_STAR: Final = led_by(
    r"[\dr]",
    r"\b(\d(?:\.\d)?)[\s-]?stars?\b|\brating\s+(?:of\s+|is\s+|above\s+|at\s+least\s+)*(\d\.\d)\b"
    r"|\b(\d\.\d)\s+(?:or\s+(?:higher|more|above)|rating|stars?)\b",
    _I,
)
# Kinds of street said before the name, as in Spanish and French ("Calle Verde", "rue de la Paix").
_STREET_FIRST_WORDS: Final = frozenset(["calle", "camino", "avenida", "paseo", "rue"])
_ADDRESS: Final = led_by(
    r"[\d]",
    r"\b\d{1,6}\s+(?:(?:[a-z0-9][\w.'-]*\s+){1,4}?(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive"
    r"|dr|way|court|ct|place|pl|parkway|pkwy|highway|hwy|terrace|circle|square)\b\.?"
    # a street named after its kind, as in Spanish and French ("2210 Calle Verde", "14 rue de la Paix")
    rf"|(?:{'|'.join(sorted(_STREET_FIRST_WORDS))})\s+(?:(?:de|del|la|las|los|el|des|du)\s+){{0,2}}[a-z][\w'-]*)"
    r"(?:,?\s*(?:#|apt\.?|apartment|suite|unit)\s*\w+)?",
    _I,
)
# A house number said in words ("fourteen twenty two birchwood lane", "two oh five east maple street apartment
# three c"): digits, digit pairs and "hundred", as numbers are said digit by digit (_digits_from_words).
_HOUSE_WORD: Final = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_HOUSE_WORDS: Final = frozenset(re.findall(r"[a-z]+", _HOUSE_WORD))
_SPOKEN_ADDRESS: Final = led_by(
    r"[efhnostz]",
    rf"\b({_HOUSE_WORD}(?:[\s-]+{_HOUSE_WORD}){{0,3}})\s+((?:(?!{_HOUSE_WORD}\b)[a-z][\w.'-]*\s+){{1,3}}?"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|parkway|pkwy|highway"
    r"|hwy|terrace|circle|square)\b\.?(?:,?\s*(?:apt\.?|apartment|suite|unit)\s+\w+(?:\s+[a-z]\b)?)?)",
)
# A UK postcode ("SW1A 2AA", "M1 1AE"), matched on the original text: it is written in capitals.
_POSTCODE: Final = led_by(r"[A-Z]", r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
_ZIP: Final = led_by(r"[pz]", r"\b(?:zip|postal)(?:\s+code)?\s*(?:is|:)?\s*(\d{5}(?:-\d{4})?)\b", _I)
# A capitalised name word: Latin letters with their accents and marks too ("Nguyễn Thị Thu Hương", "Łukasz").
_NAME_UP: Final = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ"
_NAME_LO: Final = "a-zß-öø-ÿĀ-ɏḀ-ỿ'-"
# One word of a name: capitalised parts joined by a hyphen or an apostrophe, or glued after "Mc" / "Mac"
# ("Al-Rashid", "O'Connor", "Jean-François", "McCarthy", "MacDonald"). A part starts only right after one of
# these (the look-behinds), so a word splits in one way only: the repetition cannot backtrack.
_NAME_PART: Final = rf"[{_NAME_UP}][{_NAME_LO}]+(?:(?:(?<=[-'])|(?<=Mc)|(?<=Mac))[{_NAME_UP}][{_NAME_LO}]+)*"
# Lower-case particles inside a name ("van der Berg", "bin Saeed", "de la Cruz"): kept only when a capitalised
# word follows them.
_NAME_PARTICLE: Final = (
    r"(?:van|von|der|den|de|del|della|di|da|das|do|dos|du|la|le|bin|binti|bint|ibn|ben|al|el|ter|ten|zu|y)"
)
_STATED_NAME: Final = led_by(
    r"[CIMNTcimnt]",
    r"\b(?:(?i:my\s+name\s+is|my\s+name's|my\s+names|name\s+is|name's|this\s+is|it's|call\s+me|i\s+am|i'm))\s+"
    rf"((?:Dr\.?\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+)?{_NAME_PART}"
    rf"(?:\s+(?:{_NAME_PARTICLE}\s+){{0,2}}{_NAME_PART}){{0,4}})\b",
)
# A capitalised phrase: names of places, venues, events, people, brands. Lower-case glue words may join
# capitalised words ("District of Columbia", "Shine a Light"); ", WA"-style state suffixes are kept.
# The pattern opens with the character class `[A-Z\d]` (the "not after [\w#']" test follows it as a two-
# character look-behind) so that `re` can skip ahead to capitals and digits instead of trying every position:
# same matches as `(?<![\w#'])(?:[A-Z]...|\d+...)`, about a third faster.
_CAP_PHRASE: Final = re.compile(
    r"[A-Z\d](?<![\w#'].)(?:(?<=[A-Z])[\w'’&.-]*|(?<=\d)\d*[A-Za-z]*(?=\s+[A-Z]))"
    r"(?:\s+(?:(?:of|the|de|la|le|del|du|von|van|vs\.?|a|&)\s+)?(?:[A-Z][\w'’&.-]*|\d[\w-]*\b(?=\s|$|[.,!?])))*"
    r"(?:,\s+[A-Z]{2}\b|,\s+England\b)?"
)
# A phrase is kept only if one of its words is not a common word, a month or a day: a capitalised word (the
# pattern's own reading of one: a capital not glued to a word, then its run of word characters), a number or a
# joining word such as "de". Most turns have only "I", "I'm" and a sentence-initial "Hi" or "Can"; this
# test finds that out in one scan and skips the phrase scan and its per-match filtering.
_CAPITALISED: Final = re.compile(r"[A-Z](?<![\w#'].)[\w'’&.-]*")
_UNCOMMON_GLUE: Final = (
    frozenset(["of", "the", "de", "la", "le", "del", "du", "von", "van", "vs", "a"]) - COMMON_WORDS
)


# The AI agent addressing the caller by name at the start of a sentence: "Thanks, Kim." / "Hi Mr. Okafor," /
# "Thank you Priya!" ("… called Great Clips." is not a greeting).
_ADDRESSED: Final = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:thanks|thank\s+you|hi|hello|hey|okay|great|perfect|alright|sure),?\s+"
    r"((?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][a-z'-]+)(?=\s*[.!,?]|\s*$)",
    re.IGNORECASE,
)


def addressed_name(agent_text: str) -> str | None:
    """The name an AI agent turn addresses the caller by, if it does."""
    for m in _ADDRESSED.finditer(agent_text):
        name = m.group(1)
        last = name.split()[-1]
        if last[0].isupper() and last.lower() not in COMMON_WORDS and last.lower() not in MONTH_OR_DAY_WORDS:
            return name
    return None


def _shouted(text: str) -> bool:
    """A turn typed or transcribed in capitals ("THE ROUTER KEEPS DISCONNECTING"): its capitals name nothing."""
    upper = capitals(text)
    return upper >= 12 and upper >= 0.6 * sum(1 for c in text if c.isalpha())


def _may_hold_a_phrase(text: str, words: AbstractSet[str], has_digit: bool) -> bool:
    if has_digit or "&" in text or not words.isdisjoint(_UNCOMMON_GLUE):
        return True
    for word in _CAPITALISED.findall(text):
        low = word.lower()
        if low.strip(".,'’") not in COMMON_WORDS and low.strip(".,") not in MONTH_OR_DAY_WORDS:
            return True
    return False


# "<kind> <head noun>": booking preferences people state in lower case ("Thai food", "regular show").
_HEADS: Final = (
    r"movies?|films?|food|cuisine|restaurants?|events?|games?|match|concerts?|shows?|rides?|cabs?|cars?|seats?"
    r"|class|account|speaker|flights?|hotel|bus|priced|price\s+range|tickets|music|songs?|appointment"
    r"|doctor|dentist|apartment|house|room"
)
# From a head word found in a turn, through the word after it: where a _CATEGORY match can end at the latest.
_HEAD_END: Final = re.compile(r"\w*(?:\s+\w+)?")
# The first word may not follow an apostrophe: "it's account" must not give "s account".
_CATEGORY: Final = re.compile(r"(?<![\w'’])((?:[A-Za-z0-9][\w-]*\s+){1,2}?)(" + _HEADS + r")\b", _I)
# Words that say nothing about what kind of account it is ("bank account", "online account").
_GENERIC_ACCOUNT_WORDS: Final = frozenset(
    ["bank", "online", "user", "customer", "web", "existing", "same", "whole", "entire", "actual"]
)
_ADJECTIVE_NOISE: Final = COMMON_WORDS | frozenset(
    [
        # what the caller is doing, not a kind of thing ("I'm moving house")
        "moving",
        "selling",
        "buying",
        "renting",
        "leaving",
        "visiting",
        # what happened to it, not what kind it is ("the missed appointment", "my leased car")
        "missed",
        "leased",
        "cancelled",
        "canceled",
        "rescheduled",
        "few",
        "several",
        "cheap",
        "cheaper",
        "expensive",
        "big",
        "small",
        "large",
        "little",
        "long",
        "short",
        "nearby",
        "local",
        "same",
        "different",
        "particular",
        "specific",
        "favorite",
        "favourite",
        "popular",
        "interesting",
        "fun",
        "nice",
        "cool",
        "lovely",
        "famous",
        "decent",
        "cozy",
        "my",
        "your",
        "his",
        "her",
        "our",
        "their",
        "its",
        "an",
        "the",
        "a",
        "some",
        "any",
        "this",
        "that",
        "these",
        "those",
        "another",
        "other",
        "more",
        "most",
        "less",
        "good",
        "great",
        "best",
        "better",
        "new",
        "old",
        "first",
        "last",
        "next",
        "whole",
        "entire",
        "single",
        "double",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "table",
        "bus",
        "movie",
        "film",
        "event",
        "show",
        "ticket",
        "tickets",
        "car",
        "cab",
        "ride",
        "restaurant",
        "room",
        "house",
        "hotel",
        "flight",
        "local",
        "place",
        "online",
        "reserve",
        "booking",
        "book",
        "buy",
        "watch",
        "see",
        "find",
        "get",
        "play",
        "watching",
        "seeing",
        "buying",
        "playing",
        "eating",
        "looking",
        "searching",
        "finding",
        "theater",
        "theatre",
    ]
)
_VALUE_WORD: Final = re.compile(r"[\w'’-]+")
_ASKED: Final = led_by(
    r"[abcemnoprtuz]",
    r"\b(user\s?name|account|order|ticket|case|confirmation|reference|member(?:ship)?|phone|number|email"
    r"|e-mail|zip|postal|name|address|birth|card|pin|password)\b",
    _I,
)


# Id kinds whose values may mix letters and digits; a bare "QX7P2L" answering the question takes its key.
_ALNUM_ASKED_KEYS: Final = frozenset(
    [
        "username",
        "order_id",
        "account_number",
        "member_id",
        "ticket_id",
        "confirmation_number",
        "reference_number",
        "customer_id",
        "booking_id",
        "reservation_id",
        "case_id",
        "claim_number",
        "loan_number",
        "application_number",
        "prescription_number",
        "policy_number",
        "invoice_number",
        "tracking_number",
        "drivers_license",
        "license_plate",
        "employee_id",
        "po_number",
        "imei",
        "serial_number",
        "model_number",
        "vin",
        "password",  # ("Can you tell me your account password?" "Sure, it's Bluebird2024!")
    ]
)
# The last four digits of an id, asked for ("the last four digits of your account number") or stated ("my card
# ending in 4471"): they identify the caller and are named as such ("account_number_last_4").
_LAST4_ASKED: Final = led_by(r"[l]", r"\blast\s+(?:four|4)\b")
_LAST4_CUE: Final = led_by(r"[el]", r"\blast\s+(?:four|4)\b|\bend(?:s|ing)\s+(?:in\b|with\b|(?=\d{4}\b))")
_FOUR: Final = led_by(r"[\d]", r"(?<![\w$.,:/-])\d{4}(?![\w:/-]|[.,]\d)")  # "4409, and ..." (not "4409,12")
_FOUR_SPACED: Final = led_by(r"[\d]", r"(?<![\w$.,:/-])\d\s\d\s\d\s\d(?![\w:/-]|[.,]\d|\s\d)")  # "5 0 3 8"
# National numbers grouped the way phone numbers are (NHS "943 476 5919", ABN "51 824 753 556").
_PHONE_SHAPED_KINDS: Final = frozenset(["nhs_number", "medicare_number", "abn"])
_PHONE_SHAPED_WORDS: Final = ("nhs", "medicare", "abn")  # the kinds of _ID_KINDS that name them
# The end of a date that a year may follow ("June 3rd 1985", "3 June, 1985", "the 3rd of June 1985").
_YEAR_OF_DATE: Final = re.compile(r"(?:\d(?:st|nd|rd|th)|\b" + MONTHS + r"\.?(?:\s+\d{1,2})?)\s*,?\s*$")
_LAST4_KINDS: Final = frozenset(
    ["account_number", "card_number", "ssn", "phone_number", "member_id", "customer_id", "policy_number"]
)
# What continues a business's name, not a person's ("Harrington & Cole Ltd", "Koala Freight Pty Ltd").
_COMPANY_NEXT: Final = re.compile(
    r"\s*(?:&|\+|\band\s+[A-Z][a-z]|(?:Ltd|Limited|Inc|LLC|LLP|PLC|Plc|Corp|Corporation|Co|Company|Group|GmbH|Pty|"
    r"Partners|Associates|Solutions|Services|Holdings)\b)"
)
_OTHER_PERSON: Final = led_by(r"['hty]", r"(?:'s|\b(?:his|her|their|your))\s+(?:\w+\s+)?$")
# A question for someone else's name ("your father's full name", "the patient's name"; not the account holder's,
# the cardholder's or the policyholder's, most often the caller's own) and an answer that says whose it is ("His
# name was ...").
_OTHERS_NAME_ASKED: Final = re.compile(
    r"\b(?:the|your|his|her|their)\s+(?!(?:account\s+|card\s*|policy\s*)?(?:holder|owner)'s)(?:[a-z-]+\s+)?[a-z-]+'s\s+"
    r"(?:full\s+)?name\b"
)
_THEIR_NAME: Final = re.compile(r"\b(?:his|her|their)\s+(?:full\s+)?name\s+(?:is|was|'s)\s*$")
_AFTER_STATE: Final = re.compile(r",\s*[A-Z]{2}\s*$")
_STATE_BEFORE: Final = re.compile(r"\b[A-Z]{2}\s*$")
# Both are searched for in the few characters before a number only: searched from the start of the turn for
# each number, a turn of thousands of numbers took quadratic time.
_STATE_WINDOW: Final = 16
_FIELD_ACRONYMS: Final = frozenset(
    [
        "CVV",
        "CVC",
        "CVV2",
        "PIN",
        "SSN",
        "ID",
        "DOB",
        "ZIP",
        "OTP",
        "IBAN",
        "SWIFT",
        "BIC",
        "SIN",
        "VIN",
        "IMEI",
        # ... and the laws a caller cites ("I'm on his HIPAA release form")
        "HIPAA",
        "GDPR",
        "CCPA",
        "FDCPA",
        "FCRA",
        "TCPA",
        "PCI",
    ]
)
# Words one of the date / time / category patterns needs; a turn without any skips that pattern.
_DATE_WORDS: Final = MONTH_OR_DAY_WORDS | frozenset(
    [
        "apr",
        "aug",
        "dec",
        "eighteenth",
        "eighth",
        "eleventh",
        "feb",
        "fifteenth",
        "fifth",
        "first",
        "fourteenth",
        "fourth",
        "jan",
        "jul",
        "jun",
        "mar",
        "month",
        "nineteenth",
        "ninth",
        "nov",
        "oct",
        "second",
        "sep",
        "sept",
        "seventeenth",
        "seventh",
        "sixteenth",
        "sixth",
        "tenth",
        "third",
        "thirteenth",
        "thirtieth",
        "thirty",
        "today",
        "tomorrow",
        "tonight",
        "twelfth",
        "twentieth",
        "twenty",
        "week",
        "weekend",
        "yesterday",
    ]
)
# Spelled hours a caller may give a time in ("at five", "seven thirty").
_CLOCK_NUMBERS: Final = tuple(w for w, n in NUMBER_WORDS.items() if 1 <= n <= 12 and " " not in w)
_TIME_WORDS: Final = frozenset(
    [*_CLOCK_NUMBERS, "noon", "midnight", "midday", "morning", "afternoon", "evening", "night"]
)
_HEAD_WORDS: Final = frozenset(
    [
        "movie",
        "movies",
        "film",
        "films",
        "food",
        "cuisine",
        "restaurant",
        "restaurants",
        "event",
        "events",
        "game",
        "games",
        "match",
        "concert",
        "concerts",
        "show",
        "shows",
        "ride",
        "rides",
        "cab",
        "cabs",
        "car",
        "cars",
        "seat",
        "seats",
        "class",
        "account",
        "speaker",
        "flight",
        "flights",
        "hotel",
        "bus",
        "priced",
        "price",
        "tickets",
        "music",
        "song",
        "songs",
        "appointment",
        "doctor",
        "dentist",
        "apartment",
        "house",
        "room",
    ]
)
_DIGIT_WORDS: Final = frozenset(
    ["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
)
# More gates: each is a necessary condition for its pattern to match (a word of the turn's `word_tokens`, a
# character, or enough digits), checked before the pattern scans the turn.
_DATE_GATE: Final = _DATE_WORDS | {"st", "nd", "rd", "th"}
# What each numeric-date branch of _DATE needs ("3/14", "2024-03-14", "14.03.2024"): a lone "$129.99" or
# "555-0142" does not open the (costly) date scan.
_DATE_DIGITS: Final = re.compile(r"\d(?:/\d|-\d\d-\d|\.\d\d?\.\d)")
_DATE_DIGIT_SHAPES: Final = ("0/0", "0-00-0", "0.0.0", "0.00.0")  # the same in a turn's `shape`
_TIME_GATE: Final = _TIME_WORDS | {"am", "pm", "m", "clock", "oclock"}
_COUNT_NOUN_WORDS: Final = frozenset(
    [
        "ticket",
        "tickets",
        "tix",
        "tickts",
        "people",
        "person",
        "persons",
        "adult",
        "adults",
        "guest",
        "guests",
        "us",
        "traveler",
        "travelers",
        "traveller",
        "travellers",
        "passenger",
        "passengers",
        "rider",
        "riders",
        "kids",
        "children",
        "bed",
        "beds",
        "bedroom",
        "bedrooms",
        "room",
        "rooms",
        "bath",
        "baths",
        "bathroom",
        "bathrooms",
        "seat",
        "seats",
        "day",
        "days",
        "night",
        "nights",
        "week",
        "weeks",
        "stop",
        "stops",
        "item",
        "items",
        "unit",
        "units",
        "piece",
        "pieces",
        "bag",
        "bags",
    ]
)
# "a table for 4": the booking branch of _COUNT needs one of these and "for" / "of".
_COUNT_BOOKING_WORDS: Final = frozenset(
    ["table", "reservation", "booking", "reserve", "book", "party", "group", "ride", "cab", "it"]
)
_STREET_NAME_ENDS: Final = frozenset(
    ["street", "avenue", "road", "boulevard", "lane", "drive", "highway", "parkway"]
)
_STREET_WORDS: Final = frozenset(
    [
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "drive",
        "dr",
        "way",
        "court",
        "ct",
        "place",
        "pl",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
        "terrace",
        "circle",
        "square",
    ]
)
_CURRENCY_WORDS: Final = frozenset(["dollar", "dollars", "bucks", "usd", "euro", "euros", "pounds", "cents"])
# Written amounts in rupees ("Rs 2,349", "999 rupees"); not said in words, so not in _CURRENCY_WORDS.
_RUPEE_WORDS: Final = frozenset(["rs", "inr", "rupee", "rupees"])
# Words that make a bare "49.99" just after them an amount ("I was charged 49.99 twice").
_MONEY_WORDS: Final = frozenset(
    [
        "charged",
        "charge",
        "paid",
        "pay",
        "cost",
        "costs",
        "price",
        "refund",
        "refunded",
        "bill",
        "billed",
        "fee",
        "fees",
        "balance",
        "owe",
        "amount",
        "total",
        "credit",
        "credited",
        "debit",
        "debited",
        "payment",
    ]
)
# "Pounds" weigh a pet, a parcel or a person when the turn or the question is about one and says nothing of money
# ("Pets under 20 pounds fly in the cabin." "She's 15 pounds."); "it cost 15 pounds to send" is money.
_WEIGHT_WORDS: Final = frozenset(
    [
        "weigh",
        "weighs",
        "weight",
        "heavy",
        "heavier",
        "lbs",
        "kilos",
        "pet",
        "pets",
        "dog",
        "cat",
        "baby",
        "bag",
        "bags",
        "luggage",
        "suitcase",
        "package",
        "parcel",
        "box",
    ]
)


def _weighed(words: AbstractSet[str], low_prompt: str) -> bool:
    """Whether "pounds" in a caller turn (its `words`; `low_prompt` the question it answers) are a weight."""
    if not words.isdisjoint(_MONEY_WORDS):
        return False
    if not words.isdisjoint(_WEIGHT_WORDS):
        return True
    asked = frozenset(word_tokens(low_prompt))
    return asked.isdisjoint(_MONEY_WORDS) and not asked.isdisjoint(_WEIGHT_WORDS)


_BARE_AMOUNT: Final = led_by(r"[\d]", r"(?<![\w$€£.,:/-])\d{1,3}(?:,\d{3})*\.\d\d(?![\w.,:/-]?\d|\w)")
# A bare "22.99" followed by the period it is charged for is a price.
_PER_PERIOD: Final = re.compile(
    r"(?:\s+to\s+\$?\d[\d,]*(?:\.\d\d)?)?"  # "from 12.99 to 22.99 a month": both are prices
    r"(?:\s*(?:a|per|/|each|every)\s*(?:month|year|week|night|day)\b|\s+(?:monthly|yearly|annually|each)\b)"
)
_PERIOD_WORDS: Final = frozenset(
    ["month", "year", "week", "night", "day", "monthly", "yearly", "annually", "each"]
)
# Amounts said in words ("a late fee of twenty five dollars", "twelve hundred dollars").
_UNITS: Final = {
    **{w: n for w, n in NUMBER_WORDS.items() if " " not in w and w != "oh"},
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMBER_WORDS: Final = frozenset(NUMBER_WORDS) | frozenset(_UNITS) | {"hundred", "thousand"}
_CURRENCY_SIGNS: Final = {"dollars": "$", "bucks": "$", "pounds": "£", "euros": "€", "euro": "€"}
_SCALES: Final = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_AMOUNT_WORDS: Final = frozenset(_UNITS) | frozenset(_SCALES)
_NUMBER_WORD: Final = "(?:" + "|".join(sorted(_AMOUNT_WORDS, key=len, reverse=True)) + ")"
_SPOKEN_AMOUNT: Final = re.compile(
    rf"\b((?:a\s+)?{_NUMBER_WORD}(?:(?:\s+and\s+|[\s-]+){_NUMBER_WORD})*)\s+(dollars|bucks|pounds|euros?|cents)\b"
)
# The pence or cents said after the unit ("forty-five pounds ninety-nine", "twelve dollars and fifty cents"): a
# number from ten to ninety-nine that ends the sentence or names its unit ("fifty dollars twenty minutes ago"
# is not $50.20).
_SPOKEN_CENTS: Final = re.compile(
    rf"\s+(?:and\s+)?({_TENS}(?:[\s-]{_UNIT})?|{_TEEN})(\s+(?:cents|pence|p)\b|(?=\s*(?:[.,!?;]|$)))"
)


def _spoken_number(words: list[str]) -> int | None:
    """ "twelve hundred" 1200, "twenty five" 25, "a thousand and fifty" 1050; None when the words do not make
    one number ("five six dollars")."""
    total = current = 0
    last = ""  # the kind of the previous word: "unit", "ten", "teen" or "scale"
    for word in words:
        if word in ("a", "and"):
            continue
        if word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
            last = "scale"
            continue
        n = _UNITS[word]
        kind = "ten" if n >= 20 else ("teen" if n >= 10 else "unit")
        if last in ("unit", "teen") or (last == "ten" and kind != "unit"):
            return None
        current += n
        last = kind
    return total + current


_LABEL_PARTS: Final = (
    "account",
    "order",
    "ticket",
    "case",
    "confirmation",
    "reference",
    "booking",
    "reservation",
    "tracking",
    "invoice",
    "policy",
    "member",
    "customer",
    "claim",
    "loan",
    "application",
    "employee",
    "check n",
    "cheque n",
    "contract",
    "promo",
    "coupon",
    "discount code",
    "voucher",
    "tag n",
    "tag #",
    "po ",
    "purchase order",
    "prescription",
    "rx",
    "card",
    "pnr",
    "routing",
    "user",
    "social",
    "sort code",
    "nhs",
    "medicare",
    "abn",
    "licen",
    "pin",
    "pass",
    "zip",
    "postal",
)
# A letter (or hyphen) next to a digit. Written to start with \d so `re` skips straight to the digits instead of
# trying a match at every letter (3x faster than `[a-z-]\d|\d[a-z]`, which matches the same turns).
_LETTER_DIGIT: Final = re.compile(r"\d(?:(?<=[a-z-]\d)|[a-z])")
_LETTER_DIGIT_SHAPES: Final = ("a0", "-0", "0a")  # the same in a turn's `shape`


def _may_be_labelled(low: str) -> bool:
    """Whether `low` has one of _LABEL_PARTS, which every _LABELLED match holds (a loop of `in` tests turns a turn
    away faster than one alternation, which `re` tries branch by branch at every position)."""
    for part in _LABEL_PARTS:
        if part in low:
            break
    else:
        return False
    return True


# Substrings of the lowered turn one of which _STATED_NAME needs (tested with `in`: cheaper than a regex), and
# the capitalised word after a space that it keeps: one that is not a common word ("Hi, I'm calling about ..."
# has the hint and "I'm", which the rule would drop). A word glued to a further word character ("ItsX") may be
# read shorter by the pattern, so it counts too.
_NAME_HINTS: Final = ("name", "this is", "i'm", "i am", "it's", "call me")
_NAME_WORD: Final = re.compile(rf"\s([{_NAME_UP}][{_NAME_LO}]+)(\w?)")
# Speech-to-text often writes a name in lower case ("my name is john smith and ...", "My name is carlos mendez",
# "my names carlos mendez"): after "my name is" / "my name's" only, the words up to the first common word.
# (Matched on the lowered turn, the name read from the turn.)
_LOWER_NAME: Final = re.compile(
    r"\b(my|his|her|their)\s+name(?:\s+is|'s|s|\s+was)\s+([a-z][a-z'-]*(?:\s+[a-z][a-z'-]*){0,2})"
)
# A given name after a surname and a comma, ending the sentence ("Kowalczyk, Piotr.").
_GIVEN_NAME_AFTER: Final = re.compile(rf",\s+([{_NAME_UP}][{_NAME_LO}]+)(?=\s*(?:[.!?]|$))")
_NOT_GIVEN_NAMES: Final = COMMON_WORDS | frozenset(
    ["mom", "mum", "dad", "mother", "father", "sir", "madam", "ma'am", "love", "mate", "buddy"]
)
_NOT_A_NAME: Final = frozenset(["spelled", "listed", "registered", "calling", "written"])


def _may_state_a_name(text: str, low: str) -> bool:
    for hint in _NAME_HINTS:
        if hint in low:
            break
    else:
        return False
    return any(glued or word.lower() not in COMMON_WORDS for word, glued in _NAME_WORD.findall(text))


def _categories(low: str, heads: AbstractSet[str]) -> Iterator[re.Match[str]]:
    """The _CATEGORY matches of `low`, whose words of _HEAD_WORDS are `heads` (not empty). Every match ends with
    one of them, at most two tokens after its start: the scan runs from two tokens before the first one to the
    end of the word after the last one ("price range"), a word boundary, so `\b` reads there as it does in the
    whole turn."""
    last = _HEAD_END.match(low, max(map(low.rfind, heads)))
    end = last.end() if last is not None else len(low)
    return _CATEGORY.finditer(low, _scan_start(low, min(map(low.find, heads)), 3), end)


def _scan_start(low: str, first: int, tokens: int) -> int:
    """Where a scan of `low` may start for a pattern whose every match starts within `tokens` whitespace-separated
    tokens before a piece of evidence (counting the token the evidence is in), `first` being where the first
    evidence is: that many tokens before it (0 when there are fewer). A scan from there finds the same matches as
    one from the start, and `re`, which tries a match at each position, skips the turn up to there."""
    parts = low[:first].rsplit(None, tokens)
    return len(parts[0]) if len(parts) > tokens else 0


def _g(text: str, m: re.Match[str], group: int | str = 0) -> str:
    """A match group read from the original text, so values keep the caller's capitalisation."""
    return text[m.start(group) : m.end(group)]


# Greetings: never a name ("Hiya, it's Pauline Marsh", "G'day, it's Bruce Taylor", "howdy jake morrison").
GREETINGS: Final = frozenset(
    [
        "hi",
        "hiya",
        "heya",
        "hey",
        "hello",
        "hullo",
        "hallo",
        "howdy",
        "g'day",
        "gday",
        "yo",
        "greetings",
        "namaste",
        "hola",
        "bonjour",
        "salaam",
        "salam",
        "shalom",
        "aloha",
        "ciao",
        "morning",
        "afternoon",
        "evening",
        "cheers",
    ]
)
# A caller's reaction said as a word of its own ("Brilliant, thanks.", "Amazing, thank you so much!", "Ta. Also
# ..."): never a value.
_REACTIONS: Final = frozenset(
    [
        "brilliant",
        "amazing",
        "awesome",
        "fantastic",
        "wonderful",
        "excellent",
        "lovely",
        "perfect",
        "great",
        "cool",
        "sweet",
        "superb",
        "terrific",
        "marvellous",
        "marvelous",
        "fabulous",
        "fab",
        "splendid",
        "smashing",
        "incredible",
        "outstanding",
        "stellar",
        "cracking",
        "beautiful",
        "gorgeous",
        "delightful",
        "legend",
        "bingo",
        "wow",
        "whoa",
        "yay",
        "hooray",
        "phew",
        "blimey",
        "crikey",
        "gosh",
        "jeez",
        "geez",
        "ugh",
        "ta",
        "righto",
        "bravo",
    ]
)
_GREETINGS_AND_REACTIONS: Final = GREETINGS | _REACTIONS
# Words that end an answer but are not a name ("it's on the account", "the same as before").
_NOT_NAME_WORDS: Final = (
    _NOT_A_NAME
    | GREETINGS
    | frozenset(word for kind, _ in _ID_KINDS for word in kind.split())
    | _HEAD_WORDS
    | frozenset(NUMBER_WORDS)
)


HESITATIONS: Final = frozenset(["uh", "um", "uhm", "umm", "er", "erm", "ah", "hm", "hmm", "mm"])
# The AI agent could not find a value ("I can't find account 4417 2290.", "That doesn't match our records."): the
# words, as pattern text, for the rules that read the caller's next turn as that value given again.
CANNOT_FIND: Final = r"(?:can't|cannot|couldn't|could\s+not|don't|do\s+not)\s+(?:find|see|locate)"
NO_MATCH: Final = r"(?:doesn't|does\s+not|didn't|did\s+not)\s+match"

# What speech-to-text writes down that is not what the caller meant to say: hesitations ("four four seven one
# uh nine nine two zero"), a word said twice while the caller restarts ("it's it's Marcus uh Marcus Feldman"), a
# letter spelled with a word for it ("k as in kilo", "b for bravo") and commas between spelled letters ("o, n,
# g"). `spoken_form` removes them for the rules that read values; the transcript keeps the words as said.
_HESITATION: Final = re.compile(r"(?<![\w'-])(?:(?i:uh+|u+m+|uhm|erm|hm+|mm|ah)|er)(?![\w'-])[,.]?\s*")
# (a capitalised word only with a hesitation between: "Marcus uh Marcus", but "Layang Layang", "Bora Bora")
_SAID_TWICE: Final = re.compile(r"(?<![\w'-])([a-z]{2,}(?:'[a-z]+)?)(?:,?\s+\1)+(?![\w'-])")
_RESTARTED: Final = re.compile(
    r"(?<![\w'-])([A-Z][a-z]+)[,.]?\s+(?i:uh+|u+m+|uhm|erm|er)[,.]?\s+\1(?![\w'-])"
)
# (any word for the letter after "as in"; after "for" or "like", a word of the phonetic alphabet: "R for rear"
# explains, it does not spell)
_PHONETIC: Final = (
    "alfa|alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike|november|oscar"
    "|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky|x-ray|xray|yankee|zulu"
)
_LETTER_FOR: Final = re.compile(
    rf"(?<![\w'-])([a-z])\s+(?:as\s+in\s+\1[a-z]+|(?:for|like)\s+(?=\1)(?:{_PHONETIC}))\b", re.IGNORECASE
)
_PHONETIC_WORDS: Final = frozenset(re.findall(r"[a-z]+", _PHONETIC))  # (every match but "as in" has one)
_LETTER_COMMA: Final = re.compile(r"(?<![\w'-])([a-z0-9]),\s+(?=[a-z0-9](?![\w'-]))", re.IGNORECASE)
_SPELLED_RUN: Final = re.compile(r"(?<![\w'-])[A-Za-z0-9](?:\s+[A-Za-z0-9]){3,}(?![\w'-])")
_NOT_REPEATS: Final = frozenset([*NUMBER_WORDS, "oh", "double", "triple", "bye", "no", "yes", "very", "ha"])


def _spelled_id_written(m: re.Match[str]) -> str:
    """A run of spelled letters and digits written as one id, when it has both ("H Q 7 R 2 M" is HQ7R2M); letters
    alone are a word spelled, left to the rules that read spellings."""
    run = m.group()
    if any(c.isdigit() for c in run) and any(c.isalpha() for c in run):
        return "".join(run.split()).upper()
    return run


def spoken_form(text: str, low: str, words: AbstractSet[str]) -> str | None:
    """`text` without the hesitations, restarts and spelling aids of speech (see `_HESITATION`), or None when it
    has none. `words` are the turn's `[a-z]+` words. A restart is looked for only where the caller hesitates
    ("it's it's Marcus uh Marcus Feldman"): elsewhere a word said twice changes no value the rules read."""
    hesitates = not words.isdisjoint(HESITATIONS)
    spells = (" as in " in low or not words.isdisjoint(_PHONETIC_WORDS)) and _LETTER_FOR.search(
        text
    ) is not None
    if not (hesitates or spells):
        return None
    said = text
    if hesitates:
        said = _HESITATION.sub("", _RESTARTED.sub(r"\1", said))
        said = _SAID_TWICE.sub(lambda m: m.group(1) if m.group(1) not in _NOT_REPEATS else m.group(), said)
    if spells:
        said = _LETTER_COMMA.sub(r"\1 ", _LETTER_FOR.sub(r"\1", said))
        # an id spelled out ("H as in hotel, Q, 7, R as in Romeo, 2, M") is written as one: HQ7R2M
        said = _SPELLED_RUN.sub(_spelled_id_written, said)
    return said if said != text else None


def _answered_name(text: str) -> tuple[int, str] | None:
    """The name a short lower-case answer to "what's your name?" ends with ("it's priya raman"): its last one
    to three words of two letters or more that are not common words. (Position, name) or None."""
    said = text.split()
    while len(said) > 2 and len(said[-1].strip(".,!?")) == 1 and said[-1].strip(".,!?").isalpha():
        said.pop()  # "marisol vega v e g a": the surname spelled after the name
    # Hesitations are not words of the answer ("uh hi yeah this is marcus delgado" is short).
    if len(said) - sum(w.strip(",.") in HESITATIONS for w in said) > 6:
        return None
    tail: list[str] = []
    for word in reversed(said):
        word = word.strip(".,!?")
        if (
            len(word) < 2
            or not word.replace("'", "").replace("-", "").isalpha()
            or word in COMMON_WORDS
            or word in MONTH_OR_DAY_WORDS
            or word in _NOT_NAME_WORDS
        ):
            break
        tail.append(word)
    if not tail or len(tail) > 3:
        return None
    name = " ".join(reversed(tail))
    start = text.rfind(name)
    return (start, name) if start >= 0 else None


# What opens an answer before the name in it ("its robert hale ...", "yeah this is mark oduya ...").
_NAME_LEAD: Final = re.compile(
    r"^\W*(?:(?:yes|yeah|hi|hiya|hello|hey|howdy|g'?day|um+|uh+|sure|ok(?:ay)?)\W+)*(?:(?:it'?s|this\s+is|my\s+name\s+is|i'?m)\s+)?"
)
# The words that may follow a name said first, opening the caller's next clause ("mark oduya i need ...").
_AFTER_NAME_FIRST: Final = frozenset(
    ["i", "im", "i'm", "and", "her", "his", "my", "calling", "from", "speaking"]
)


def _name_first(text: str) -> tuple[int, str] | None:
    """The name a lower-case answer to "who am I speaking with?" opens with, before the caller goes on ("mark
    oduya i need to update my direct deposit", "its robert hale her name was linda hale"): one to three words of
    two letters or more that are not common words, followed by a word that opens the next clause. (Position,
    name) or None."""
    start = _NAME_LEAD.match(text)
    rest = text[start.end() if start else 0 :]
    words = rest.split()
    name: list[str] = []
    for word in words[:4]:
        bare = word.strip(".,!?")
        if (
            len(bare) < 2
            or not bare.replace("'", "").replace("-", "").isalpha()
            or bare in COMMON_WORDS
            or bare in MONTH_OR_DAY_WORDS
            or bare in _NOT_NAME_WORDS
        ):
            break
        name.append(bare)
    if not name or len(name) > 3 or len(words) == len(name) or words[len(name)] not in _AFTER_NAME_FIRST:
        return None
    said = " ".join(name)
    at = text.find(said)
    return (at, said) if at >= 0 else None


# A turn opening with a greeting and the words that introduce the caller ("hi its ...", "hello this is ...").
_GREETED_INTRO: Final = re.compile(
    r"^\W*(?:(?:hi|hiya|hello|hey|howdy|g'?day|good\s+(?:morning|afternoon|evening)|morning|evening)\W+)+"
    r"(?:it'?s|this\s+is|my\s+name\s+is|my\s+name'?s|i'?m|i\s+am)\s+[a-z]"
)


_OPEN_ASK: Final = re.compile(r"\bhow\s+(?:can|may|could)\s+(?:i|we)\s+help\b|\bwhat\s+can\s+(?:i|we)\s+do\b")


def _asked_kinds(prompt: str) -> list[str]:
    """Every detail the agent's last question asked for, in the order asked ("the last four of your SSN and
    your zip code?"), used to name a bare answer ("7916676427"): looked for in the question itself first
    ("Let's secure your account. Can I have your full name?" asks for a name), then in the rest of the turn. A
    kind that only says whose detail it is ("the account holder's name", "the cardholder's address") is passed
    over."""
    mark = prompt.rfind("?")
    if mark > 0:
        start = max(prompt.rfind(". ", 0, mark), prompt.rfind("! ", 0, mark), prompt.rfind("? ", 0, mark)) + 1
        asked = _kinds_in(prompt, start, len(prompt))
        if asked or not start or _OPEN_ASK.search(prompt, start, mark):
            return asked  # ("Thanks for calling Vox Mobile. How can I help?" asks for no phone number)
        # Only the turn before the question is left to search: every kind found from `start` on was passed over,
        # and none spans the sentence end just before it.
        return _kinds_in(prompt, 0, start)
    return _kinds_in(prompt, 0, len(prompt))


def _kinds_in(prompt: str, start: int, end: int) -> list[str]:
    kinds: list[str] = []
    head = -1  # where a kind word right after the last one starts (a secret there is what is asked for)
    for m in _ID_KIND_RE.finditer(prompt, start, end):
        if not _WHOSE.match(prompt, m.end()):
            if m.group(1) == "social" and _NOT_SSN.match(prompt, m.end()):
                continue
            kind = _ID_KIND_KEY.get(m.group(1).lower())
            if kind is None:
                break
            if m.start() == head and kinds and kind in ("password", "pin"):
                kinds.pop()  # "your account password": a password, not an account number ("booking reference": a booking)
            if kind not in kinds:
                kinds.append(kind)
            head = m.end() + 1 if prompt.startswith(" ", m.end()) else -1
    return kinds


# How many digits a value of these kinds has: a bare answer of another length is not one of them ("4409, and
# 97204" answers "the last four of your SSN and your zip code?" with a zip code, not a social security number).
_DIGIT_COUNTS: Final = {
    "ssn": frozenset([9]),
    "zip_code": frozenset([5, 9]),
    "routing_number": frozenset([9]),
    "sort_code": frozenset([6]),
    "card_number": frozenset(range(13, 20)),
}
_NOT_DIGITS: Final = frozenset(["name", "email", "date_of_birth"])


# "social" names a social security number, but not in "social media" or "social worker".
_NOT_SSN: Final = re.compile(r"\s+(?:media|worker|services?|network|life|club|event)")


# Words before a spoken address that are not part of it ("my email is", "it's", "sure, that's").
_EMAIL_LEAD: Final = frozenset(
    ["is", "it's", "its", "it", "email", "e-mail", "mail", "address", "my", "me", "that's", "thats", "the"]
)
_SPOKEN_SYMBOLS: Final = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-"}


# A spelled piece of an address: one letter or digit, a number word, or a symbol said as a word.
def _spelled_piece(word: str) -> bool:
    return len(word) == 1 or word in _UNITS or word in NUMBER_WORDS or word in _SPOKEN_SYMBOLS


def _spoken_local_part(low: str, start: int, words: list[str]) -> tuple[int, list[str]]:
    """The spoken words of an e-mail address's local part, with the words said before the one the pattern took
    ("it's d kowalski eighty seven at gmail dot com": "d kowalski eighty seven"), and where they start: any
    number of spelled pieces ("m a r i a underscore g seventy seven"), at most four words in all otherwise.
    Stops at a lead-in ("my email is", "it's") or a common word."""
    before = low[max(0, start - 120) : start].split()
    taken = 0
    for word in reversed(before):
        if word in _EMAIL_LEAD or not word.isalnum():
            break
        spelled = _spelled_piece(word)
        if not spelled and (taken >= 4 or (len(word) > 1 and word in COMMON_WORDS)):
            break
        if spelled and taken >= 4 and not _spelled_piece(before[-taken]):
            break  # four words already, and this one is not part of the same spelling
        taken += 1
    if taken:
        start = low.rfind(before[-taken], 0, start)
        words = before[-taken:] + words
    return start, words


# "maria dot gonzalez at gmail no sorry at yahoo dot com": the domain said first is taken back; what the pattern
# matched as the local part ("sorry") is the correction, and the address's local part is said before it.
_RETRACTED_DOMAIN: Final = re.compile(
    r"\s+at\s+[a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)*[\s,]+(?:no[\s,]+)?(?:i\s+)?$"
)
_EMAIL_CORRECTIONS: Final = frozenset(["sorry", "wait", "mean", "meant", "actually"])


def _spelled_out(words: list[str]) -> str:
    """The local part as written: number words as digits ("eighty seven" is 87, "four two" is 42), "dot",
    "underscore" and "dash" as symbols, everything else run together."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        n = _UNITS.get(word, NUMBER_WORDS.get(word))  # "oh" is a zero in an address
        following = _UNITS.get(words[i + 1], 0) if i + 1 < len(words) else 0
        if n is not None and n >= 20 and 1 <= following <= 9:
            out.append(str(n + following))  # "eighty seven"
            i += 2
            continue
        out.append(_SPOKEN_SYMBOLS.get(word, word) if n is None else str(n))
        i += 1
    return "".join(out)


_TENS_WORDS: Final = frozenset(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])


def _digits_from_words(text: str) -> str:
    out: list[str] = []
    words = re.split(r"[\s,-]+", text.lower())
    repeat = 1
    tens = False  # the last word was "twenty" ... "ninety": a unit after it is its second digit
    for w in words:
        if w == "double":
            repeat = 2
            continue
        if w == "triple":
            repeat = 3
            continue
        d = NUMBER_WORDS.get(w)
        if d is not None and d < 10:
            if tens and repeat == 1 and d > 0:
                out[-1] = out[-1][0] + str(d)  # "twenty two" is 22, not 202
            else:
                out.append(str(d) * repeat)
        elif w == "hundred":
            out.append("00")
        elif w in _UNITS and 10 <= _UNITS[w] < 100:
            out.append(str(_UNITS[w]))
        tens = w in _TENS_WORDS
        repeat = 1
    return "".join(out)


_SAYS_A_DIGIT: Final = re.compile(r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b")


def spoken_numbers(text: str) -> list[tuple[int, int, str]]:
    """Where `text` says a number digit by digit in words ("four one one one one ...", "four four eight two"):
    (start, end, digits) of each such run of two words or more, as the value rules read it, in order."""
    low = lower(text)
    if _SAYS_A_DIGIT.search(low) is None:
        return []
    runs = [(m.start(), m.end(), _digits_from_words(m.group())) for m in _SPOKEN_DIGITS.finditer(low)]
    for m in _SPOKEN_FOUR.finditer(low):  # the shorter ones: a PIN, a card's security code
        if not any(start < m.end() and m.start() < end for start, end, _ in runs):
            runs.append((m.start(), m.end(), _digits_from_words(m.group())))
    return sorted(runs)


def _spoken_digits_joined(value: str) -> str:
    """ "7 7 3 4" -> "7734": a number said digit by digit is written as one; "4481 2290" keeps its groups."""
    groups = value.split()
    return "".join(groups) if len(groups) > 1 and all(len(g) == 1 for g in groups) else value


# What may stand between an id kind and its value: "account number is", "routing no.:", "social's".
_KIND_TO_VALUE: Final = re.compile(
    r"(?:\s+(?:number|no\.?|id|#|code))?\s*(?:is|was|:|#|'s)?\s*,?\s*(?:it's\s+|it\s+is\s+)?$"
)


# Letters an id opens with, written apart from its digits ("HH 448 2210", "ZP 448120"): capitals only, so that a
# word ("is", "at", "uh") is never one; the abbreviations that label a value are not part of it.
_ID_PREFIX: Final = re.compile(r"(?<![\w'’.-])[A-Z]{2,3}[ -]$")
_NOT_ID_PREFIXES: Final = frozenset(
    [
        "ID",
        "NO",
        "PIN",
        "SSN",
        "DOB",
        "ZIP",
        "PO",
        "RX",
        "NHS",
        "ABN",
        "BSB",
        "OK",
        "AM",
        "PM",
        "IS",
        "MY",
        "IT",
        "TO",
        "AT",
    ]
)


def _with_prefix(text: str, low: str, values: _TurnValues, start: int, key: str) -> tuple[int, str]:
    """Where an id whose digits start at `start` starts, with a capital-letter prefix written before them ("HH 448
    2210"), and its key: a reference number takes the kind a label before the prefix names ("tag number is ZP
    448120"). Phone numbers and zip codes have no prefix."""
    if key in ("phone_number", "zip_code"):
        return start, key
    m = _ID_PREFIX.search(text, max(0, start - 4), start)
    if m is None or text[m.start() : start].rstrip(" -") in _NOT_ID_PREFIXES:
        return start, key
    if text[max(0, m.start() - 2) : m.start()].strip() == ",":
        place = text[: max(0, m.start() - 2)].split()[-1:]
        if place and place[0][:1].isupper():
            return start, key  # "Madison, WI 53703-2219": a state before a zip code (not "sorry, VP 448 210")
    if not values.free(m.start(), start):
        return start, key
    return m.start(), (_kind_before(low, m.start()) or key) if key == "reference_number" else key


def _kind_before(low: str, start: int) -> str | None:
    """The key of the id kind named just before `start` ("my account number is ..."), if one is."""
    kind = None
    for m in _ID_KIND_RE.finditer(low, max(0, start - 30), start):
        kind = m
    if kind is None or not _KIND_TO_VALUE.match(low, kind.end(), start):
        return None
    return _ID_KIND_KEY.get(kind.group(1))


def _iban_checks(value: str) -> bool:
    """The IBAN checksum: the country and check digits moved to the end, letters as 10-35, modulo 97 is 1."""
    code = value.replace(" ", "")
    if not 15 <= len(code) <= 34:
        return False
    return int("".join(str(int(c, 36)) for c in code[4:] + code[:4])) % 97 == 1


_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_WORD_LETTERS: Final = frozenset("astmdi")
_SPELLED_TOKEN: Final = re.compile(r"[a-z0-9'’]+")
_SPELLED_SYMBOLS: Final = {"dash": "-", "hyphen": "-"}


def _spelled_ids(low: str) -> Iterator[tuple[int, int, str]]:
    """Ids said one letter or digit at a time ("k m seven seven two four one nine" is KM772419, "c s dash four
    four nine one oh" CS-44910) as (start, end, value): runs of single letters, digits, digit words and "dash"
    with a letter and two digits at least. A lone "a" or "i" before digits is a word ("it's a seven ..."), and
    "oh" before a letter an interjection."""
    run: list[tuple[int, int, str]] = []
    for m in _SPELLED_TOKEN.finditer(low):
        word = m.group()
        gap = low[run[-1][1] : m.start()] if run else ""
        if run and gap.strip(" ,"):
            yield from _spelled_id(run)
            run = []
        if len(word) == 1:
            piece = word.upper() if word.isalpha() else word
        elif word in _SPELLED_SYMBOLS:
            piece = _SPELLED_SYMBOLS[word]
        else:
            n = NUMBER_WORDS.get(word)
            piece = str(n) if n is not None and n < 10 else ""
        if piece:
            run.append((m.start(), m.end(), piece))
        elif run:
            yield from _spelled_id(run)
            run = []
    if run:
        yield from _spelled_id(run)


def _letters_said(words: AbstractSet[str], low: str) -> bool:
    """Whether the turn has a letter said alone: not just what contractions leave ("it's", "don't", "I'm", "I'd")
    unless it stands alone too, nor only the words "a" and "I"."""
    letters = words & _LETTERS
    return bool(letters) and any(
        c not in _WORD_LETTERS or (c not in "ai" and f" {c} " in f" {low} ") for c in letters
    )


def _spelled_id(run: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    while len(run) > 1 and (
        (run[0][2] in ("A", "I") and not run[1][2].isalpha()) or (run[0][2] == "0" and run[1][2].isalpha())
    ):
        run = run[1:]
    while run and run[-1][2] == "-":
        run = run[:-1]
    pieces = [p for _, _, p in run]
    if (
        len(pieces) >= 4
        and sum(p.isdigit() for p in pieces) >= 2
        and any(p.isalpha() or p == "-" for p in pieces)
    ):
        yield run[0][0], run[-1][1], "".join(pieces)


# What may open a bare answer before its value: nothing but "it's", "sure", "yes" and the like.
_BARE_ANSWER: Final = re.compile(
    r"^\W*(?:(?:it's|its|it\s+is|sure|yes|yeah|yep|ok|okay|um|uh|er|that's|thats|sorry|oh|no|actually)\W+)*$"
)
# Cards that pay for nothing as a bank's card does: the word before "card" names what their number is.
_OTHER_CARDS: Final = {
    "gift": "gift_card_number",
    "health": "health_card_number",
    "library": "library_card_number",
    "loyalty": "loyalty_number",
    "rewards": "loyalty_number",
    "membership": "member_id",
    "medicare": "medicare_number",
}
_CARD_WORD: Final = re.compile(r"\b(?:(\w+)\s+)?card\b")


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of `pattern` in text[start:end], if any."""
    last = None
    for last in pattern.finditer(text, start, end):  # noqa: B007 (the loop keeps the last one)
        pass
    return last


def _card_key(low: str, start: int, low_prompt: str) -> str:
    """The key of a card-shaped number at `start`: the card the turn names last before it ("the balance on my gift
    card? It's 6012 3300 4455 7788"), else the one the question names; a payment card's unless that is a gift,
    health, library or loyalty card."""
    said = _last_match(_CARD_WORD, low, max(0, start - 120), start) if "card" in low else None
    if said is None and "card" in low_prompt:
        said = _last_match(_CARD_WORD, low_prompt, 0, len(low_prompt))
    return _OTHER_CARDS.get(said.group(1) or "", "card_number") if said is not None else "card_number"


def _key_for_digits(digits: str, context: str | None, formatted_phone: bool) -> str:
    if context and context not in {"name", "address", "email"}:
        if context == "phone_number" and len(digits) < 7:
            return "reference_number"
        return context
    if formatted_phone or len(digits) in (10, 11):
        return "phone_number"
    if len(digits) == 5 and context == "address":
        return "zip_code"
    return "reference_number"


def _cap_phrases(text: str) -> Iterator[tuple[int, str]]:
    """The capitalised phrases of `text` as (start, phrase), a phrase split where a sentence ends inside it: at
    a full stop after a word of four letters or more ("Whitfield. Jonathan Whitfield." is two phrases; after
    "Dr" or "H" the full stop is an abbreviation's)."""
    for m in _CAP_PHRASE.finditer(text):
        phrase = m.group()
        if ". " not in phrase:
            yield m.start(), phrase
            continue
        first = pos = m.start()
        previous = ""
        for tok in phrase.split():
            pos = text.find(tok, pos) + len(tok)
            # a sentence ends after a word, or after the last letter of a spelling ("R E N N E R. Tobias")
            spelled = len(tok) == 2 and len(previous) == 1
            previous = tok
            acronym = len(tok) >= 3 and tok[:-1].isalpha() and tok[:-1].isupper()  # "... uptime SLA. I want"
            if tok.endswith(".") and (len(tok) > 4 or spelled or acronym) and pos < m.end():
                yield first, text[first:pos]
                first = pos + len(text[pos : m.end()]) - len(text[pos : m.end()].lstrip())
        if first < m.end():
            yield first, text[first : m.end()]


_LOWER_WORD_NEXT: Final = re.compile(r"\s+([a-z]+)")
_CHOICE_NEXT: Final = frozenset(
    [
        "is",
        "sounds",
        "sound",
        "seems",
        "seem",
        "would",
        "works",
        "work",
        "or",
        "and",
        "please",
        "here",
        "will",
        "it",
    ]
)
_SPELLED: Final = re.compile(r"[A-Z](?:[-. ][A-Z]){2,}\.?")


# The people a caller may speak of by their relation to the caller's work ("a patient, Gloria Nunez").
_IN_CARE: Final = frozenset(["patient", "client", "customer", "resident", "tenant", "student", "employee"])
_BUSINESS_NAME: Final = re.compile(rf"(?:[A-Z][\w&'’-]*\s+){{0,4}}(?i:{BUSINESS_SUFFIX})\b")
_RELATIVES: Final = frozenset(
    [
        "daughter",
        "son",
        "wife",
        "husband",
        "mother",
        "mom",
        "mum",
        "father",
        "dad",
        "brother",
        "sister",
        "friend",
        "partner",
        "boss",
        "colleague",
        "neighbor",
        "neighbour",
        "child",
        "kid",
        "grandson",
        "granddaughter",
        "grandmother",
        "grandfather",
        "aunt",
        "uncle",
        "cousin",
        "fiance",
        "fiancee",
    ]
)


# Words that say a date is a birth date, in the turn; and what names it right before or after the date.
_BIRTH_WORDS: Final = frozenset(["birth", "born", "birthday", "dob"])
_BIRTH_KEYS: Final = frozenset(["date_of_birth", "other_date_of_birth"])
_BIRTH_CUE: Final = re.compile(r"\b(?:date\s+of\s+birth|birth\s*date|birthday|dob|born)\b")
_BIRTH_AFTER: Final = re.compile(
    r"[\s,]*(?:is|was|'s)?\s*(?:my|his|her|their|\w+'s)\s+(?:date\s+of\s+birth|birth\s*date|birthday|dob)\b"
)
# Who a birth date is of: the last person named before its words in the sentence ("I was born", "he was born",
# "my son's date of birth", "Wife's name is Lakshmi Anand, date of birth ...", "her name is Amara, born ...").
_WHOSE_BIRTH: Final = re.compile(
    r"\b(?:(?P<own>i|i'm|im|me|my|myself)|(?P<other>he|she|they|him|his|her|their|he's|she's"
    r"|\w+'s(?=\s+(?:date|dob|birth|full\s+name|name)\b)|" + "|".join(sorted(_RELATIVES)) + r"))\b"
)
# A question for someone else's date of birth ("What's Ethan's date of birth?", "your mother's date of birth and
# NHS number?"): not the account holder's, the cardholder's or the policyholder's, most often the caller's own.
_OTHERS_BIRTH_ASKED: Final = re.compile(
    r"\b(?:his|her|their|(?!(?:account\s*|card\s*|policy\s*)?(?:holder|owner)'s)[\w-]+'s)\s+"
    r"(?:date\s+of\s+birth|birth\s*date|birthday|dob)\b"
)
_MONTH_IN: Final = re.compile(rf"\b{MONTHS}\b")
# What may stand between a birth date's words and the date: "born on", "date of birth is", "dob:".
_TO_BIRTH_DATE: Final = re.compile(r"(?:[\s,:]|(?:is|was|'s|on|in|the)\b)*")
# A birthday is a birth date when it is said to be one ("his birthday is October 2nd, 2008"), not when it falls on
# a day ("it's her birthday on the 20th").
_BIRTHDAY_IS: Final = re.compile(r"\s*(?:is|was|'s|:)")


def _asked_birth_key(low_prompt: str) -> str:
    """The key of a birth date the question asks for: someone else's when it names them."""
    return "other_date_of_birth" if _OTHERS_BIRTH_ASKED.search(low_prompt) else "date_of_birth"


def _said_birth_key(low: str, start: int, end: int) -> str | None:
    """The key of the date at [start, end) of a caller turn when the words of its sentence name it a birth date
    (before it, or right after: "March 3rd 1980 is my date of birth"): someone else's when the last person named
    before them is not the caller. None when they do not."""
    cue = _last_match(_BIRTH_CUE, low, max(0, start - 48), start)
    if cue is not None and (
        not _TO_BIRTH_DATE.fullmatch(low, cue.end(), start)
        or (cue.group() == "birthday" and not _BIRTHDAY_IS.match(low, cue.end(), start))
    ):
        cue = None  # ("on his birthday so March 10th": a day out, on the birthday; not a birth date said)
    at = cue.start() if cue is not None else -1
    if cue is None:
        after = _BIRTH_AFTER.match(low, end)
        if after is None or after.end() - end > 40:
            return None
        at = after.end()
    clause = max(low.rfind(". ", 0, at), low.rfind("? ", 0, at), low.rfind("! ", 0, at), at - 80, 0)
    whose = _last_match(_WHOSE_BIRTH, low, clause, at)
    return "other_date_of_birth" if whose is not None and whose.group("other") else "date_of_birth"


# "This is Dana from Brightline Manufacturing": a caller introducing themselves and where they work.
_CALLER_FROM: Final = re.compile(
    r"\b(?:this\s+is|i'm|i\s+am|it's)\s+[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?\s+(?:calling\s+|here\s+)?from\s*$"
)
# Languages a caller may ask to be served in (the "language" key, and the summary's "Continue in ..." step).
LANGUAGES: Final = frozenset(
    [
        "english",
        "spanish",
        "french",
        "german",
        "italian",
        "portuguese",
        "polish",
        "russian",
        "ukrainian",
        "arabic",
        "farsi",
        "hindi",
        "urdu",
        "punjabi",
        "bengali",
        "tamil",
        "mandarin",
        "cantonese",
        "chinese",
        "japanese",
        "korean",
        "vietnamese",
        "tagalog",
        "somali",
        "turkish",
        "greek",
        "creole",
    ]
)
_LANGUAGE_LEAD: Final = frozenset(["in", "speak", "speaks", "speaking", "my", "your"])
_PETS: Final = frozenset(["dog", "cat", "puppy", "kitten", "pet", "horse", "rabbit", "parrot"])


_WORKS_AT: Final = frozenset(
    [
        "work",
        "works",
        "working",
        "worked",
        "manager",
        "director",
        "owner",
        "administrator",
        "coordinator",
        "accountant",
        "officer",
        "assistant",
        "supervisor",
        "nurse",
        "engineer",
        "clerk",
        "receptionist",
    ]
)
_SPOKE: Final = frozenset(
    ["spoke", "spoken", "speak", "speaking", "talked", "talk", "talking", "chatted", "chat"]
)
_UNIT_LABELS: Final = frozenset(["unit", "apt", "apartment", "suite", "flat"])
_UNIT_NUMBER: Final = re.compile(r"\b(?:unit|apt\.?|apartment|suite|flat)\s+#?(?:\d+[a-z]?|[a-z]\d+)\b")
_TITLES: Final = frozenset(["Dr", "Mr", "Mrs", "Ms", "Mx", "Prof"])
_UNIT_WORDS: Final = frozenset(["Unit", "Apt", "Apt.", "Apartment", "Suite", "Flat", "Room"])
# "a company called Glowbox", "a charge from Glowbox": who took the money.
_MERCHANT_NOUNS: Final = frozenset(
    [
        "company",
        "merchant",
        "store",
        "shop",
        "website",
        "site",
        "business",
        "vendor",
        "seller",
        "app",
        "service",
    ]
)
_CHARGE_NOUNS: Final = frozenset(
    ["charge", "charges", "payment", "debit", "transaction", "subscription", "bill"]
)


# Between a street address and its city: a comma, and maybe the unit ("…, apartment 4, Santa Ana").
_TO_CITY: Final = re.compile(r"\s*,\s*(?:(?i:apt|apartment|unit|suite|ste|flat|#)\.?\s*\w{1,5}\s*,\s*)?")


def _place_key(text: str, start: int) -> str:
    before = text[max(0, start - 20) : start].lower().split()
    prev = before[-1] if before else ""
    if (
        prev in _LANGUAGE_LEAD
        and text[start : start + 16].split(None, 1)[0].strip(".,!?").lower() in LANGUAGES
    ):
        return "language"  # "someone in Spanish", "my English is not so good" (not "Italian food")
    if (
        prev in ("name,", "name")
        and len(before) >= 2
        and (before[-2].endswith(("'s", "’s")) or before[-2] in ("her", "his", "their"))
    ):
        return "other_name"  # "it's in my late husband's name, Robert Chen", "the account is in her name, Ana Costa"
    if prev == "of" and len(before) >= 2 and before[-2] == "behalf":
        # "on behalf of Northwind Traders": a business; "on behalf of Ruth Adler": the person the caller speaks for
        return "company" if _BUSINESS_NAME.match(text, start) else "other_name"
    if prev.rstrip(",") in _RELATIVES or prev.rstrip(",") in _IN_CARE:
        # "I'm his wife, Grace", "I'm his daughter Karen": the caller, speaking for a relative; "for my husband,
        # David Okoye", "my daughter Emma": the relative
        return "name" if len(before) >= 3 and before[-3] in ("i'm", "am") else "other_name"
    if prev in {"from"}:
        # "this is Dana from Brightline Manufacturing": where the caller works, not where they travel from
        if _CALLER_FROM.search(text, max(0, start - 60), start):
            return "company"
        return "merchant" if not _CHARGE_NOUNS.isdisjoint(w.strip(".,") for w in before[-4:-1]) else "origin"
    if prev in {"called", "named"} and len(before) >= 2 and before[-2] in _MERCHANT_NOUNS:
        return "merchant"
    if prev in {"flight", "flights"}:
        return "flight_number"  # "my flight BB 1422"
    if prev in {"to", "into", "towards"}:
        # "I spoke to Jessica yesterday": someone the caller talked to, not where they go; "I've never been to
        # Denver": a place, not where they go
        if len(before) >= 2 and before[-2] in _SPOKE:
            return "other_name"
        return "location" if len(before) >= 2 and before[-2] == "been" else "destination"
    if prev in {"in", "around", "near", "within", "nearby"}:
        return "location"
    if prev in {"at"}:
        # "office manager at Birchwood Dental", "I work at Contoso": where the caller works
        return "company" if len(before) >= 2 and before[-2] in _WORKS_AT else "venue"
    if prev in _PETS:
        return "pet_name"  # "my dog Biscuit had surgery" (a vet's or a pet insurer's caller)
    if prev.endswith(",") and any(
        w.endswith(("'s", "’s")) and w[:-2] in _RELATIVES
        for w in text[max(0, start - 40) : start].lower().split()[-4:]
    ):
        return "other_name"  # "about my husband's blood test, Mark Ellis"
    if prev in {"she's", "he's"} or (prev == "was" and before[-3:-1] in (["his", "name"], ["her", "name"])):
        return "other_name"  # "my wife's account, she's Amy Chen", "His name was Thomas Ellison."
    if prev in {"with", "by"} and _BUSINESS_NAME.match(text, start):
        return "company"  # "his insurance is with Evergreen Mutual"
    if prev in {"by", "see", "with", "doctor", "dr", "dr.", "called", "named", "is"} or prev in _RELATIVES:
        # someone or something the caller mentions ("see Dr. Lee", "with Contoso Mutual", "my daughter Emma")
        return "other_name"
    return "detail"


# Every _TIME match is "noon" / "midnight" / "midday", or a number (digits or a spelled one) with a clock marker
# (":", am / pm, "o'clock", a part of the day). The word gate alone is loose ("I'm" has the token "m" of "p.m.",
# "I am" the token "am") and _TIME is one of the costliest patterns, so it also needs this. The markers that are
# words are looked up among the turn's words ("am" is in "same", "night" in "tonight"), the others in its text.
_TIME_MARKER_WORDS: Final = frozenset(
    ["am", "pm", "clock", "oclock", "morning", "afternoon", "evening", "night"]
)
_TIME_MARKERS: Final = (":", "a.m", "p.m", "half past", "quarter past", "quarter to")


def _may_tell_time(low: str, words: AbstractSet[str], has_digit: bool) -> bool:
    if "noon" in low or "midnight" in low or "midday" in low:
        return True
    if not has_digit and not any(number in low for number in _CLOCK_NUMBERS):
        return False
    return not words.isdisjoint(_TIME_MARKER_WORDS) or any(marker in low for marker in _TIME_MARKERS)


class _TurnValues:
    """The values found in one caller turn so far, with the character ranges they claim: a later, weaker rule
    may not reuse a range. The ranges are kept sorted and disjoint, so one bisection finds the only range a new
    one could overlap (a turn of thousands of values stays linear-logarithmic, not quadratic)."""

    __slots__ = (
        "_kinds",
        "ends",
        "found",
        "low_prompt",
        "names",
        "starts",
        "turn_index",
    )

    def __init__(self, turn_index: int, low_prompt: str) -> None:
        self.turn_index = turn_index
        self.low_prompt = low_prompt  # the agent turn answered, lowered ("" when there is none)
        self.found: list[tuple[int, int, Entity]] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.names: set[str] = set()  # the names stated so far in the turn, lower-cased
        self._kinds: list[str] | None = None  # every kind the question asked for, looked up when needed

    def asked(self) -> str | None:
        """The key the agent's question asked for first: looked up only when a rule needs it."""
        kinds = self.asked_kinds()
        return kinds[0] if kinds else None

    def asked_kinds(self) -> list[str]:
        """Every detail the question asked for, in order (see `_asked_kinds`)."""
        if self._kinds is None:
            self._kinds = _asked_kinds(self.low_prompt) if self.low_prompt else []
        return self._kinds

    def asked_for_digits(self, digits: str) -> str | None:
        """The first detail the question asked for that a bare answer of these digits can be (see
        `_DIGIT_COUNTS`); None when it fits none of them."""
        kinds = self.asked_kinds()
        for kind in kinds:
            if kind in _NOT_DIGITS and len(kinds) > 1:
                continue
            counts = _DIGIT_COUNTS.get(kind)
            if counts is None or len(digits) in counts:
                return kind
        return None

    def free(self, start: int, end: int) -> bool:
        """Whether no range claimed so far overlaps [start, end): a rule skips the work of naming a value (the
        agent's question, the words around it) that `add` would turn away."""
        i = bisect_left(self.starts, end)  # the ranges starting before `end`; the last ends furthest
        return not i or self.ends[i - 1] <= start

    def claim(self, start: int, end: int) -> bool:
        """Claims [start, end) unless a range claimed before overlaps it."""
        starts = self.starts
        i = bisect_left(starts, end)  # the ranges starting before `end`; the last ends furthest
        if i and self.ends[i - 1] > start:
            return False
        at = bisect_left(starts, start)
        starts.insert(at, start)
        self.ends.insert(at, end)
        return True

    def add(self, key: str, value: str, start: int, end: int) -> bool:
        """Keeps `value` under `key` if it is not empty once trimmed and its range is free."""
        value = value.strip(" ,.;:!?")
        if not value or not self.claim(start, end):
            return False
        self.found.append((start, end, Entity(key, value, self.turn_index)))
        if key == "name":
            self.names.add(value.lower())
        return True


def _bare_secret(text: str, low: str, has_digit: bool, values: _TurnValues) -> None:
    """A card security code or a PIN the caller gives as a bare answer to the AI agent's question for it."""
    asked = values.low_prompt
    key = "cvv" if _ASKS_CVV.search(asked) else "pin" if _ASKS_PIN.search(asked) else None
    if key is None:
        return
    if has_digit:
        m = _BARE_SECRET.match(low)
        if m is not None:
            values.add(key, m.group(1).replace(" ", ""), m.start(1), m.end(1))
    elif len(text.split()) <= _BARE_SPOKEN_WORDS:
        for m in _SPOKEN_FOUR.finditer(low):
            digits = _digits_from_words(m.group())
            if len(digits) in (3, 4):
                values.add(key, digits, m.start(), m.end())
                return


def extract_turn(
    text: str,
    turn_index: int,
    prompt: str = "",
    low: str | None = None,
    words: AbstractSet[str] | None = None,
    low_prompt: str | None = None,
) -> list[Entity]:
    """Details stated in one caller turn; `prompt` is the agent turn it answers, to name bare values.
    `low` (the ASCII-lowered turn), `words` (its `[a-z]+` tokens) and `low_prompt` (the lowered prompt) may be
    passed precomputed."""
    if low is None:
        low = lower(text)
    if low_prompt is None:
        low_prompt = lower(prompt) if prompt else ""
    values = _TurnValues(turn_index, low_prompt if prompt else "")
    # "the last four digits of your account number?", or "I can't find an account ending 4417." (the answer
    # gives the right four digits)
    asked_last4 = ("last" in low_prompt and _LAST4_ASKED.search(low_prompt) is not None) or (
        "ending" in low_prompt and _LAST4_CUE.search(low_prompt) is not None
    )

    # Strongest, most specific patterns first: they claim their characters before looser rules run.
    for m in _EMAIL.finditer(text) if "@" in text else ():
        values.add("email", _g(text, m, 0), m.start(), m.end())
    if " at " in low and " dot " in low:
        for m in _SPOKEN_EMAIL.finditer(low):
            start, local = m.start(1), m.group(1).split()
            if local[0] in _EMAIL_CORRECTIONS and len(local) == 1:
                retracted = _RETRACTED_DOMAIN.search(low, max(0, start - 80), start)
                if retracted is not None:
                    start, local = retracted.start(), []
            start, spoken = _spoken_local_part(low, start, local)
            if not spoken:
                continue
            domain = re.sub(r"\s+dot\s+", ".", _g(text, m, 2)).replace(" dash ", "-").replace(" ", "")
            values.add("email", f"{_spelled_out(spoken)}@{domain}".lower(), start, m.end())
    runs = digit_runs(text)  # one scan says whether the turn has digits, and how many
    has_digit = bool(runs)
    # A device's addresses and an error code, before the number rules read their pieces: "The MAC address is
    # 00:1A:2B:3C:4D:5E", "our server at 192.168.10.24 keeps throwing error 503".
    if has_digit and (low.count(":") >= 5 or low.count("-") >= 5):
        for m in _MAC.finditer(low):
            values.add("mac_address", m.group().upper(), m.start(), m.end())
    if has_digit and low.count(".") >= 3:
        for m in _IPV4.finditer(low):
            values.add("ip_address", m.group(), m.start(), m.end())
    if has_digit and ("cv" in low or "security code" in low):
        for m in _CVV.finditer(low):
            values.add("cvv", m.group(1), m.start(1), m.end(1))
            values.claim(m.start(), m.start(1))  # ("CVV" is no name)
    if low_prompt and (
        "pin" in low_prompt
        or "passcode" in low_prompt
        or "cv" in low_prompt
        or "security code" in low_prompt
        or "digit code" in low_prompt
        or "on the back" in low_prompt
    ):
        _bare_secret(text, low, has_digit, values)
    if words is None:
        words = set(word_tokens(low))
    if not words.isdisjoint(_SECRET_LABEL_WORDS) and not words.isdisjoint(_DIGIT_WORDS):
        for m in _SPOKEN_FOUR.finditer(low):
            secret = _SECRET_LABEL.search(low, max(0, m.start() - 30), m.start())
            digits = _digits_from_words(m.group())
            if secret is not None and len(digits) in (3, 4):
                values.add("pin" if secret.group("pin") else "cvv", digits, m.start(), m.end())
    if has_digit and "error" in low:
        for m in _ERROR_CODE.finditer(low):
            values.add("error_code", _g(text, m, 1), m.start(1), m.end(1))
    address_end = -1
    form = shape(low) if has_digit else None  # None too for a turn that is not ASCII: the regexes answer then
    weighed = "pounds" in words and _weighed(words, low_prompt)  # "she's 15 pounds": a weight, not money
    if form is not None:
        letter_digit = any(part in form for part in _LETTER_DIGIT_SHAPES)
    else:
        letter_digit = has_digit and _LETTER_DIGIT.search(low) is not None
    if has_digit:
        n_digits = sum(map(len, runs))
        longest = max(map(len, runs))
        if n_digits >= 9 and "-" in text:
            for m in _SSN.finditer(text):
                values.add("ssn", _g(text, m, 0), m.start(), m.end())
        if n_digits >= 10 and low != text and letter_digit:
            for m in _IBAN.finditer(text):
                if _iban_checks(m.group()):
                    values.add("iban", m.group(), m.start(), m.end())
        if n_digits >= 13:
            for m in CARD.finditer(text):
                values.add(_card_key(low, m.start(), low_prompt), _g(text, m, 0), m.start(), m.end())
        if n_digits == 10 and "area" in words:
            for m in _AREA_CODE.finditer(low):  # "Area code 415, then 555 0142."
                values.add("phone_number", f"({m.group(1)}) {m.group(2)}-{m.group(3)}", m.start(), m.end())
        if n_digits >= 10:
            for m in _PHONE.finditer(text):
                if not values.free(m.start(), m.end()):
                    continue
                # Shaped like a phone number, but asked for or named as a national number ("My NHS number is
                # 943 476 5919"): that. (A question asks for one only if it names it.)
                shaped_asked = any(kind in low_prompt for kind in _PHONE_SHAPED_WORDS) and (
                    values.asked() in _PHONE_SHAPED_KINDS
                )
                named = values.asked() if shaped_asked else _kind_before(low, m.start())
                if named is None and _BARE_ANSWER.match(low, 0, m.start()):
                    named = values.asked()  # "What's your case number?" "It's 100-448-2917."
                # Otherwise a phone number, whatever was asked: it has ten digits at least (_key_for_digits). So
                # is one an id's label names ("PNR 265-004-1178") or a bare answer to a question for an id alone.
                values.add(
                    named
                    if named in _PHONE_SHAPED_KINDS or (named in _ALNUM_ASKED_KEYS and named != "password")
                    else "phone_number",
                    _g(text, m, 0),
                    m.start(),
                    m.end(),
                )
        # Each branch of _INTL_PHONE needs a "+", a group of five digits or a group opening with its 0; a US
        # number ("(312) 555-0187") has none of these.
        if n_digits >= 10 and (
            "+" in text or " 0" in text or text[:1] == "0" or any(len(r) == 5 for r in runs)
        ):
            for m in _INTL_PHONE.finditer(text):
                if not values.free(m.start(), m.end()):
                    continue
                value = m.group()
                digits = re.sub(r"\D", "", value)
                plus = value[0] == "+"
                if not (11 <= len(digits) <= 13 if plus else len(digits) == (11 if value[0] == "0" else 10)):
                    continue
                if plus and value[1] == "1":
                    continue  # a North American number: _PHONE's
                # Unless it is said to be one, a number the question or a label names as something else (the
                # account number "01234 567890") is not a phone number.
                phone_kind = _kind_before(low, m.start())
                if (phone_kind or values.asked()) not in (None, "phone_number") and not plus:
                    continue
                values.add("phone_number", value, m.start(), m.end())
        if _may_be_labelled(low):
            for m in _LABELLED.finditer(low):
                if not values.free(m.start("value"), m.end("value")):
                    continue
                label = " ".join(m.group("label").split())
                key = _LABEL_ONLY_KEYS.get(label) or _ID_KIND_KEY.get(
                    label, _ID_KIND_KEY.get(label.replace(" ", ""), "reference_number")
                )
                if label.startswith("member"):
                    key = "member_id"
                elif "licen" in label:
                    key = "drivers_license"  # "driver's license", "licence number"
                value = _spoken_digits_joined(_g(text, m, "value"))
                if key in _LAST4_KINDS and len(value) == 4 and value.isdigit() and _LAST4_CUE.search(low):
                    key += "_last_4"  # "the last four of my social security number is 1234"
                if values.add(key, value, m.start("value"), m.end("value")):
                    values.claim(m.start(), m.start("value"))  # "Claim number" is a label, not a name
        if longest >= 5 and ("zip" in low or "postal" in low):
            for m in _ZIP.finditer(low):
                values.add("zip_code", _g(text, m, 1), m.start(1), m.end(1))
        if letter_digit and low != text:
            for m in _POSTCODE.finditer(text):
                values.add("postcode", m.group(), m.start(), m.end())
        if not words.isdisjoint(_STREET_WORDS) or not words.isdisjoint(_STREET_FIRST_WORDS):
            for m in _ADDRESS.finditer(low):
                if values.add("address", _g(text, m, 0), m.start(), m.end()):
                    address_end = m.end()
        if (
            "$" in text
            or "€" in text
            or "£" in text
            or "₹" in text
            or not words.isdisjoint(_CURRENCY_WORDS)
            or not words.isdisjoint(_RUPEE_WORDS)
        ):
            if "rs" in words or "inr" in words:
                for m in _RUPEE_AMOUNT.finditer(low):
                    values.add("amount", _g(text, m, 0), m.start(), m.end())
            for m in _AMOUNT.finditer(low):
                if weighed and m.group().endswith("pounds"):
                    continue  # "she's 15 pounds": a weight
                values.add("amount", _g(text, m, 0), m.start(), m.end())
        money_before = not words.isdisjoint(_MONEY_WORDS)
        if (
            "." in text
            and (form is None or "0.00" in form)  # (a "49.99" somewhere)
            and (money_before or not words.isdisjoint(_PERIOD_WORDS))
        ):
            for m in _BARE_AMOUNT.finditer(text):
                # "charged 49.99", or a price for a period: "from 12.99 to 22.99 a month"
                if (
                    money_before
                    and not _MONEY_WORDS.isdisjoint(word_tokens(low[max(0, m.start() - 24) : m.start()])[-3:])
                ) or _PER_PERIOD.match(low, m.end()):
                    values.add("amount", m.group(), m.start(), m.end())
        if longest >= 5:
            for m in _DIGIT_RUN.finditer(text):
                if not values.free(m.start(), m.end()):
                    continue
                digits = re.sub(r"\D", "", _g(text, m, 0))
                # Five digits after a state ("Seattle, WA 98101") are a zip code, whatever the agent asked.
                if len(digits) in (5, 9) and _AFTER_STATE.search(
                    text, max(0, m.start() - _STATE_WINDOW), m.start()
                ):
                    values.add("zip_code", _g(text, m, 0), m.start(), m.end())
                    continue
                named = _kind_before(low, m.start())
                if named is not None and named not in _NOT_DIGITS and named != "address":
                    key = (
                        named  # "The IMEI is 356938035643809", "PNR 2650041178" (ten digits: no phone number)
                    )
                else:
                    key = _key_for_digits(digits, values.asked_for_digits(digits), False)
                if key == "phone_number" and "-" in m.group() and values.asked() != "phone_number":
                    key = "reference_number"  # "30018822-04": ten digits, not grouped like a phone number
                if (
                    len(digits) == 5
                    and key == "reference_number"
                    and _STATE_BEFORE.search(text, max(0, m.start() - _STATE_WINDOW), m.start())
                ):
                    key = "zip_code"
                start, key = _with_prefix(text, low, values, m.start(), key)
                values.add(key, text[start : m.end()], start, m.end())
        if len(runs) >= 4 and (_letters_said(words, low) or " dash " in low):
            # an id spelled with its digits written: "c h p 7 7 0 4 1 9 2 2", "2 0 2 4 dash 0 3 dash 8 8 1 5 6"
            id_key = values.asked()
            if id_key not in _ALNUM_ASKED_KEYS:
                said_kind = _ID_KIND_RE.search(low)
                id_key = _ID_KIND_KEY.get(said_kind.group(1)) if said_kind else None
            for start, end, value in _spelled_ids(low):
                values.add(id_key if id_key in _ALNUM_ASKED_KEYS else "reference_id", value, start, end)
        if len(runs) >= 2 and n_digits >= 5:
            for m in _GROUPED_DIGITS.finditer(text):
                if not values.free(m.start(), m.end()):
                    continue
                value = _spoken_digits_joined(m.group())
                digits = re.sub(r"\D", "", value)
                if len(digits) >= 5:
                    key = _key_for_digits(digits, values.asked_for_digits(digits), False)
                    start, key = _with_prefix(text, low, values, m.start(), key)
                    values.add(key, text[start : m.start()] + value, start, m.end())
        # "the last four digits of your account number?" "It's 4471." / "my card ending in 4471"
        if (
            (asked_last4 or "last" in words or "ending" in words or "ends" in words)
            and (asked_last4 or _LAST4_CUE.search(low))
            and (_FOUR.search(text) or _FOUR_SPACED.search(text))
        ):
            kind = _ID_KIND_RE.search(low)
            base = _ID_KIND_KEY.get(kind.group(1)) if kind else None
            if base not in _LAST4_KINDS:
                # the first id the question asked for that has last four digits ("your date of birth and the last
                # four of your social?" asks for the social's)
                base = next((k for k in values.asked_kinds() if k in _LAST4_KINDS), None)
            for m in chain(_FOUR.finditer(text), _FOUR_SPACED.finditer(text)):
                if low[m.start() : m.start() + 2] in ("19", "20") and _YEAR_OF_DATE.search(
                    low, max(0, m.start() - 16), m.start()
                ):
                    continue  # "June 3rd 1985": the year of a date, which the date rule reads
                four = m.group().replace(" ", "")
                values.add(f"{base}_last_4" if base else "last_4_digits", four, m.start(), m.end())
    if not words.isdisjoint(_STREET_WORDS) and not words.isdisjoint(_HOUSE_WORDS):
        for m in _SPOKEN_ADDRESS.finditer(low):
            house = _digits_from_words(m.group(1))
            name = m.group(2).split()[:-1]
            # "one way street" is a phrase: a one-digit house needs "at" / "is" before it, and the street a name
            if len(house) < 2 and not low[: m.start()].rstrip().endswith(("at", "is", "it's")):
                continue
            if m.start() and not text[m.start()].islower():
                continue  # "the Four Points Airport Highway": a name in capitals, not a number said in words
            if all(w.strip(".,") in _STREET_WORDS for w in name):
                continue
            if values.add("address", f"{house} {_g(text, m, 2)}", m.start(), m.end()):
                address_end = m.end()
    if not words.isdisjoint(_CURRENCY_WORDS) and not words.isdisjoint(_AMOUNT_WORDS):
        for m in _SPOKEN_AMOUNT.finditer(low):
            number = _spoken_number(m.group(1).replace("-", " ").split())
            if number is not None:
                unit = m.group(2)
                if unit == "pounds" and weighed:
                    continue
                sign = _CURRENCY_SIGNS.get(unit)
                end = m.end()
                cents = _SPOKEN_CENTS.match(low, end) if sign else None
                if cents is not None:
                    pence = _spoken_number(cents.group(1).replace("-", " ").split())
                    if pence is not None:
                        end = cents.end()
                        values.add("amount", f"{sign}{number:,}.{pence:02d}", m.start(), end)
                        continue
                values.add("amount", f"{sign}{number:,}" if sign else f"{number:,} {unit}", m.start(), end)
    if not words.isdisjoint(_DIGIT_WORDS):
        if _letters_said(words, low):
            spelled_key = values.asked()
            if spelled_key not in _ALNUM_ASKED_KEYS:
                kind = _ID_KIND_RE.search(low)
                spelled_key = _ID_KIND_KEY.get(kind.group(1)) if kind else None
            if spelled_key in _ALNUM_ASKED_KEYS:
                for start, end, value in _spelled_ids(low):
                    values.add(spelled_key, value, start, end)
        for m in _SPOKEN_DIGITS.finditer(low):
            digits = _digits_from_words(_g(text, m, 0))
            # A kind named just before ("routing number is zero two one ...", "my social is ...") names it.
            kind_key = _kind_before(low, m.start())
            if kind_key in ("name", "address", "email"):
                kind_key = None
            # Seven digits or more are a number whatever was asked; five or six only answer a question for one
            # ("What's your zip code?" "nine four one zero three").
            if len(digits) >= 7 or (
                len(digits) >= 5 and (values.asked() is not None or kind_key is not None)
            ):
                key = kind_key or _key_for_digits(digits, values.asked_for_digits(digits), False)
                if key == "date_of_birth" and len(digits) in (6, 8):
                    digits = (
                        f"{digits[:2]}/{digits[2:4]}/{digits[4:]}"  # "oh three fifteen eighty two": 03/15/82
                    )
                values.add(key, digits, m.start(), m.end())
        if asked_last4 and not has_digit:
            # "And the last four of your social?" "six six two oh"
            for m in _SPOKEN_FOUR.finditer(low):
                digits = _digits_from_words(m.group())
                # (the first kind asked for that has a last four: "the name and the last four of the social?")
                base = next((k for k in values.asked_kinds() if k in _LAST4_KINDS), None)
                if len(digits) == 4 and base is not None:
                    values.add(f"{base}_last_4", digits, m.start(), m.end())
    # "my username is mkowal, ..." (one with digits is _LABELLED's)
    for m in _USERNAME.finditer(low) if "user" in low else ():
        name = m.group(1)
        if name in COMMON_WORDS or name in _NOT_A_USERNAME or name.endswith(("ed", "ing", "ly", "en")):
            continue  # "my username is locked", "... is the same as my email"
        if values.add("username", _g(text, m, 1), m.start(1), m.end(1)):
            values.claim(m.start(), m.start(1))  # "Username" is the label, not a name
    for m in _ALNUM_ID.finditer(low) if letter_digit else ():
        if not values.free(m.start(), m.end()):
            continue
        token = _g(text, m, 0)
        if _ORDINAL_OR_TIME.match(token) or "#" in text[max(0, m.start() - 1) : m.end() + 1]:
            continue
        if sum(c.isdigit() for c in token) < 2:
            continue
        asked_kind = _kind_before(low, m.start())  # "her plate is 8KLM221", whatever was asked
        if asked_kind not in _ALNUM_ASKED_KEYS:
            asked_kind = values.asked()
        values.add(
            asked_kind if asked_kind is not None and asked_kind in _ALNUM_ASKED_KEYS else "reference_id",
            token,
            m.start(),
            m.end(),
        )
    # Where a date may start: a _DATE match holds one of the words of _DATE_GATE or a _DATE_DIGITS match, with at
    # most two tokens before it ("day after tomorrow", "the 14th").
    date_from = -1
    if not words.isdisjoint(_DATE_GATE):
        date_from = min(low.find(word) for word in words & _DATE_GATE)
    if has_digit:
        date_end = len(low) if date_from < 0 else date_from
        if form is not None:
            found_at = [at for at in (form.find(part, 0, date_end) for part in _DATE_DIGIT_SHAPES) if at >= 0]
            if found_at:
                date_from = min(found_at)
        else:
            digit_date = _DATE_DIGITS.search(low, 0, date_end)
            if digit_date is not None:
                date_from = digit_date.start()
    # The answer to "can you confirm your date of birth?" (or "I was born on ...") is not an appointment date.
    date_key = ""
    birth_said = _BIRTH_WORDS
    for m in _DATE.finditer(low, _scan_start(low, date_from, 3)) if date_from >= 0 else ():
        s = m.start()
        value = _g(text, m, 0)
        if value.lower().startswith("on "):
            value, s = value[3:], s + 3
        # "may" is far more often the verb than the month.
        may = value.lower() == "may" or value.lower().startswith("may ")
        if may and not re.match(r"may\s+\d", value, re.IGNORECASE):
            continue
        # A spelled-out ordinal alone ("the second") is a date only after a date preposition ("on the second").
        if value[:4].lower() == "the " and value[4:5].isalpha() and " of " not in value.lower():
            before = low[max(0, s - 12) : s].split()
            date_asked = "date" in low_prompt or "what day" in low_prompt or "which day" in low_prompt
            if not date_asked and (not before or before[-1] not in _BARE_ORDINAL_PREPOSITIONS):
                continue  # (the answer to "What date would you like?" is one: "The fifteenth.")
        if not date_key:
            date_key = (
                _asked_birth_key(low_prompt)
                if "birth" in low_prompt  # "your name and date of birth?", "And Ethan's date of birth?"
                or ("dob" in low_prompt and values.asked() == "date_of_birth")  # it asks for "birth" or "dob"
                else "date"
            )
        key = date_key
        if not birth_said.isdisjoint(words):
            # "I was born on ...", "her date of birth is ...", "Amara, born March 22nd, 2024": the date the words
            # name, whoever's it is (the turn's other dates are what the question asked for, or days)
            key = _said_birth_key(low, s, m.end()) or (date_key if date_key != "date_of_birth" else "date")
            if key != "date" and not (any(c.isdigit() for c in value) or _MONTH_IN.search(value.lower())):
                key = "date"  # "it's my birthday tomorrow": a day, no date of birth
        end = m.end()
        if key in _BIRTH_KEYS:
            year = _SPOKEN_YEAR.match(low, end)
            if year is not None:
                end = year.end()
                value = text[s:end]
        elif ("exp" in low and _EXPIRY_BEFORE.search(low, max(0, s - 20), s)) or (
            "expir" in low_prompt and _EXPIRY_ASKED.search(low_prompt) and value[:1].isdigit()
        ):  # ("And the expiry date?" "09/27.")
            values.add("card_expiry", value, s, end)  # "expiry 09/27": a card's, not a day of the call
            continue
        values.add(key, value, s, end)
    if has_digit and "expir" in low_prompt and _EXPIRY_ASKED.search(low_prompt):
        for m in _MONTH_YEAR.finditer(low):  # ("When does the card expire?" "March 2028.")
            values.add("card_expiry", text[m.start() : m.end()], m.start(), m.end())
    time_gate = (
        not words.isdisjoint(_TIME_GATE)
        or (has_digit and ":" in low)
        or "noon" in low
        or "midnight" in low
        or "midday" in low
    ) and _may_tell_time(low, words, has_digit)
    for m in _TIME.finditer(low) if time_gate else ():
        values.add("time", _g(text, m, 0), m.start(), m.end())
    for m in _STAR.finditer(low) if not words.isdisjoint(_STAR_WORDS) else ():  # (not "it started")
        v = _g(text, m, 1) or _g(text, m, 2) or _g(text, m, 3)
        values.add("rating", v, m.start(), m.end())
    count_gate = (has_digit or not words.isdisjoint(NUMBER_WORDS)) and (
        not words.isdisjoint(_COUNT_NOUN_WORDS)
        or (("for" in words or "of" in words) and not words.isdisjoint(_COUNT_BOOKING_WORDS))
    )
    for m in _COUNT.finditer(low) if count_gate else ():
        if m.group("n") is not None:
            noun = _g(text, m, "noun").lower()
            key = next((k for rx, k in _COUNT_KEYS if rx.fullmatch(noun)), "quantity")
            if key == "duration":  # "3" alone loses the unit: name it ("number_of_weeks: 3")
                if low.startswith(" ago", m.end()):  # "six weeks ago": when something happened, not a stay
                    values.add("date", _g(text, m, 0) + " ago", m.start(), m.end() + 4)
                    continue
                key = "number_of_" + noun.rstrip("s") + "s"
            values.add(key, number_value(_g(text, m, "n")), m.start(), m.end())
        else:
            values.add("party_size", number_value(_g(text, m, "n2")), m.start("n2"), m.end("n2"))
    for m in _STATED_NAME.finditer(text) if _may_state_a_name(text, low) else ():
        name = _g(text, m, 1)
        if name.split()[0].lower() not in COMMON_WORDS and name.lower() not in MONTH_OR_DAY_WORDS:
            # "my mother's maiden name is ..." answers a security question; "my son's name is ..." is not the
            # caller's name.
            ahead = low[max(0, m.start() - 16) : m.start()]
            key = "security_answer" if ahead.endswith("maiden ") else "name"
            if key == "name" and _OTHER_PERSON.search(ahead):
                key = "other_name"
            if _COMPANY_NEXT.match(text, m.end(1)):
                continue  # "This is Harrington & Cole Ltd": a business, read as a phrase below
            if name.rsplit(None, 1)[-1].lower() in _STREET_NAME_ENDS and name.rsplit(None, 1)[-1] != "Lane":
                continue  # "And it's Willow Brook Road, not Willow Creek": a street ("Penny Lane" may be a person)
            end = m.end(1)
            given = _GIVEN_NAME_AFTER.match(text, end) if " " not in name else None
            if (
                given is not None
                and given.group(1) != name
                and given.group(1).lower() not in _NOT_GIVEN_NAMES
            ):
                # "It's Kowalczyk, Piotr.": surname first, as on a form
                name, end = f"{given.group(1)} {name}", given.end(1)
            values.add(key, name, m.start(1), end)
    # ... and "i'm calling for my mother her name is ruth adler": someone else's
    for m in _LOWER_NAME.finditer(low) if " name" in low else ():
        said: list[str] = []
        for word in _g(text, m, 2).split():
            if not word.islower():
                break  # a capitalised name is _STATED_NAME's
            if word in COMMON_WORDS or word in MONTH_OR_DAY_WORDS or word in _NOT_A_NAME:
                break
            said.append(word)
        if said:
            key = "name" if m.group(1) == "my" else "other_name"
            values.add(key, " ".join(said), m.start(2), m.start(2) + len(" ".join(said)))
    if text == low and ("name" in low_prompt or "speaking" in low_prompt) and _NAME_ASKED.search(low_prompt):
        answered = _answered_name(text) or _name_first(text)
        if answered is None and " and " in text:
            answered = _answered_name(
                text[: text.index(" and ")]
            )  # "its derek osei o s e i and the last four is ..."
        if answered is not None:
            values.add("name", answered[1], answered[0], answered[0] + len(answered[1]))
    elif text == low and _GREETED_INTRO.match(low):
        # unasked, a caller greeting and saying who they are, as speech-to-text writes it ("hi its jake morrison im
        # just calling about my bill"): a given name and a surname ("hi this is urgent" names no one)
        answered = _name_first(text) or _answered_name(text)
        if answered is not None and " " in answered[1]:
            values.add("name", answered[1], answered[0], answered[0] + len(answered[1]))
    # "I'm in unit 3F", "apartment 12B" (written in capitals, "Unit 12B" is a capitalised phrase, below)
    for m in _UNIT_NUMBER.finditer(low) if has_digit and not words.isdisjoint(_UNIT_LABELS) else ():
        if text[m.start()].islower():
            values.add("unit", _g(text, m, 0), m.start(), m.end())
    for m in _categories(low, words & _HEAD_WORDS) if not words.isdisjoint(_HEAD_WORDS) else ():
        parts = _g(text, m, 1).split()
        while parts and parts[0].lower() in _ADJECTIVE_NOISE:
            parts.pop(0)
        if not parts or any(
            w.lower() in _ADJECTIVE_NOISE or (not w.isalpha() and not w[0].isdigit()) for w in parts
        ):
            continue
        if parts[-1].lower() in MONTH_OR_DAY_WORDS:
            continue
        start = m.start(1) + _g(text, m, 1).find(parts[0])
        head = _g(text, m, 2).lower()
        if head == "account" and any(w.lower() in _GENERIC_ACCOUNT_WORDS for w in parts):
            continue
        key = (
            "preference"
            if head not in {"account", "speaker"}
            else ("account_type" if head == "account" else "device")
        )
        values.add(key, " ".join(parts) + " " + _g(text, m, 2), start, m.end())
    for start, phrase in (
        _cap_phrases(text)
        if low != text and _may_hold_a_phrase(text, words, has_digit) and not _shouted(text)
        else ()
    ):
        # Most matches are one generic capitalised word ("Hi", "Sure", "The"); they are rejected first, on the
        # match itself, before any span or context work (same outcome as the rules below: never kept).
        tokens = phrase.split()
        if len(tokens) == 1:
            one = phrase.lower()
            if one.strip(".,'’") in COMMON_WORDS or one.strip(".,") in MONTH_OR_DAY_WORDS:
                continue
            if one.strip(".,!") in GREETINGS or one.strip(".,!") in _REACTIONS:
                continue  # "Hiya, it's Pauline Marsh", "Brilliant, thanks.": a greeting or a reaction, no value
            if all(part in _NUMBER_WORDS for part in one.strip(".,").split("-")):
                continue  # "Forty-one.": a number said in words, not a name
        end = start + len(phrase)
        if text[end : end + 1] == ":":
            continue  # a field label ("Order ID: ..."), not a value
        # Sentence-initial capitals are grammar, not names: drop generic opening words ("Please", "The").
        j = start - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        at_sentence_start = j < 0 or text[j] in ".!?,:;"
        while (
            tokens
            and (
                (at_sentence_start and tokens[0].lower().rstrip(",.") in COMMON_WORDS)
                or tokens[0].lower() in {"i", "i'm", "i'd", "i'll", "i've"}
                # ("Ta. Also ...", "Howdy. Carl Jensen here.": a reaction or a greeting ending its sentence)
                or (tokens[0][-1:] in ".!," and tokens[0].lower().rstrip(".!,") in _GREETINGS_AND_REACTIONS)
            )
        ):
            if tokens[0] == "The" and len(tokens) >= 3 and tokens[1][0].isupper():
                break
            start += len(tokens[0])
            start = text.find(tokens[1], start) if len(tokens) > 1 else start
            tokens.pop(0)
        while tokens and tokens[-1].lower().strip(".,") in {
            "of",
            "the",
            "a",
            "de",
            "la",
            "&",
            "vs",
            "vs.",
            "i",
        }:
            tokens.pop()
        if not tokens:
            continue
        if len(tokens) == 1 and (tokens[0].rstrip(".,") in _FIELD_ACRONYMS or tokens[0][0].isdigit()):
            continue  # "My CVV is ...": the name of a field or a law; "It's 4471": a bare number is not a name
        if (
            len(tokens) == 1
            and at_sentence_start
            and tokens[0].endswith("ly")
            and text[start + len(tokens[0]) : start + len(tokens[0]) + 1] == ","
        ):
            continue  # "Honestly, ...": a sentence adverb
        if len(tokens) == 1 and at_sentence_start:
            after = _LOWER_WORD_NEXT.match(text, start + len(tokens[0]))
            # "Nobody explained why.", "Pending approval": the capital is the sentence's, not a name's; but
            # "Stockholm sounds good", "Hellboy or Shazam?" name a choice.
            if after and after.group(1) not in _CHOICE_NEXT:
                continue
        phrase = " ".join(tokens)
        low_phrase = phrase.lower().rstrip(".")
        if all(
            t.lower().strip(".,'’") in COMMON_WORDS or t.lower().strip(".,") in MONTH_OR_DAY_WORDS
            for t in tokens
        ):
            continue
        if len(phrase) < 2 or "#" in phrase or (len(tokens) == 1 and low_phrase in _NUMBER_WORDS):
            continue  # (a number said in words: "Forty minutes on hold. Forty.")
        if phrase.endswith(("'s", "’s")) and phrase.startswith(("Dr", "Mr", "Mrs", "Ms")) and " " in phrase:
            phrase = phrase[:-2]  # "Dr. Patel's office": the person, not the possessive ("Denny's" stays)
        key = _place_key(text, start)
        if key == "detail" and tokens[0].rstrip(".") in _TITLES and len(tokens) > 1:
            # "Dr. Amani is in my network": a person the caller names ("This is Eleanor Gustafsen. Mrs. Gustafsen.":
            # the caller again, already named)
            surname = tokens[-1].lower().strip(".,")
            if any(surname in said.split() for said in values.names):
                continue
            key = "other_name"
        elif (
            key == "detail"
            and tokens[0] in _UNIT_WORDS
            and len(tokens) == 2
            and any(c.isdigit() for c in tokens[1])
        ):
            key = "unit"  # "Unit 12B at 300 Oak Street"
        if key == "pet_name" and phrase.endswith(("'s", "’s")):
            phrase = phrase[:-2]  # "my cat Luna's appointment"
        if not values.free(start, start + len(phrase)):
            continue
        if _SPELLED.fullmatch(phrase):
            key = "spelling"  # "N-G-U-Y-E-N": how a word is written, not a name or a place
        elif key == "detail" and values.asked() == "name" and len(text[:start].split(None, 3)) <= 3:
            # the answer to "what's your name?" opens the turn ("Priya Raman.", "It's Dana Kim"); to "your father's
            # full name?", or said as "His name was ...", it is someone else's
            others = _OTHERS_NAME_ASKED.search(values.low_prompt) or _THEIR_NAME.search(low, 0, start)
            if not any(c.isdigit() for c in phrase):  # "Unit 3C, Helen Park.": the unit is no name
                key = "other_name" if others else "name"
        elif key == "detail" and address_end >= 0 and _TO_CITY.fullmatch(text, address_end, start):
            key = "city"  # "42 Elm Street, Springfield", "2210 Calle Verde, apartment 4, Santa Ana"
        elif key == "detail" and " " in phrase and not values.names.isdisjoint(low_phrase.split()):
            key = "name"  # the fuller form of a name said before in the turn ("Renner. R E N N E R. Tobias Renner.")
        elif key == "detail" and low_phrase.rsplit(None, 1)[-1] in _STREET_NAME_ENDS and " " in low_phrase:
            key = "location"  # "At the corner of Fifth Avenue and Pine Street"
        elif key == "detail" and _asked_for_person(prompt, low_phrase):
            key = "other_name"  # "May I speak with Jerome Banks?" "There's no Jerome here.": the person asked for
        if key == "language" and text[max(0, start - 3) : start].lower() == "my ":
            # "my English not so good": what the caller finds hard, not the language to serve them in
            values.add(key, f"limited {phrase}", start, start + len(phrase))
            continue
        values.add(key, phrase, start, start + len(phrase))
    found = values.found
    if len(found) > 1:
        found.sort(key=lambda pair: pair[0])
        if not words.isdisjoint(_CORRECTION_WORDS):
            return _corrected(low, found)
    return [e for _, _, e in found]


# A caller taking a value back in the same turn: "94103, sorry, 94107", "... wait no ...", "... i mean ...".
_CORRECTION_WORDS: Final = frozenset(
    ["sorry", "wait", "mean", "meant", "actually", "no", "not", "scratch", "but", "hang"]
)
_CORRECTION: Final = re.compile(
    r"\b(?:sorry|no\s+wait|wait\s+no|i\s+mean|i\s+meant|actually\s+no|actually\s+it'?s|no\s+it'?s|hang\s+on"
    r"|scratch\s+that|but\s+(?:it'?s|it\s+is)(?:\s+(?:really|actually))?)\b"  # "It shows 98450 12345 but it is ..."
)
# "it's 4471 not 4417": the value after "not" is the wrong one.
_NOT_BETWEEN: Final = re.compile(r"[\s,]*(?:and\s+)?not\s*$")
# "not 4417, it's 8812 4471 02": the value after "not" is the wrong one, the one after "it's" puts it right.
_NOT_BEFORE: Final = re.compile(r"\bnot\s+$")
_THEN_RIGHT: Final = re.compile(r"[\s,;]*(?:it'?s|it\s+is|but|i\s+mean|that\s+should\s+be)\b")
_NO_DIGIT_WORDS: Final = frozenset(["amount", "time", "date", "rating"])


def _same_kind(a: Entity, b: Entity) -> bool:
    """Two values one can correct the other: the same key, or both numbers of four digits or more (a misheard
    number may be named differently the second time)."""
    if a.key == b.key:
        return True
    if a.key in _NO_DIGIT_WORDS or b.key in _NO_DIGIT_WORDS:
        return False
    x, y = alnum_key(a.value), alnum_key(b.value)
    return len(x) >= 4 and len(y) >= 4 and x.isdigit() and y.isdigit()


def _corrected(low: str, found: list[tuple[int, int, Entity]]) -> list[Entity]:
    """The values of a turn, sorted, without those the caller took back: of two values of a kind with a
    correction cue between them the earlier one, with "not" between them the later one. The value kept
    records the one it replaced, so `dedupe` drops it from earlier turns too."""
    out: list[tuple[int, Entity]] = []  # (end, entity)
    prev_start = 0
    for start, end, e in found:
        if out:
            prev_end, prev = out[-1]
            gap = low[prev_end:start]
            if len(gap) <= 40 and _same_kind(prev, e) and not any(c.isdigit() for c in gap):
                if _CORRECTION.search(gap) or (
                    _NOT_BEFORE.search(low, max(0, prev_start - 6), prev_start) and _THEN_RIGHT.match(gap)
                ):  # ("not 4417, it's 8812 4471 02": the value after "not" is the wrong one)
                    out[-1] = (end, e._replace(withdraws=(*e.withdraws, alnum_key(prev.value))))
                    prev_start = start
                    continue
                if _NOT_BETWEEN.match(gap):
                    out[-1] = (prev_end, prev._replace(withdraws=(*prev.withdraws, alnum_key(e.value))))
                    continue
        out.append((end, e))
        prev_start = start
    return [e for _, e in out]


# The agent reads details back and asks whether they are right ("Can I confirm your mobile is 07700 900111?",
# "Just to check, that's dana.lee@icloud.com, is that right?"), and the caller's whole answer is yes.
_READ_BACK: Final = led_by(
    r"[cdhijst]",
    r"\bconfirm|\bis\s+that\s+(?:right|correct)\b|\bdid\s+you\s+say\b|\bjust\s+to\s+(?:check|be\s+sure)\b"
    r"|\bhave\s+i\s+got\s+that\s+right\b|\bso\s+(?:that's|that\s+is|it's|it\s+is|that\s+was)\b",
)
# A yes (lowered text) that takes nothing back ("Yes, that's me.", not "Yes, but the address is wrong").
AFFIRMED: Final = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|correct|right|exactly|that's\s+(?:right|correct|it|me)|that\s+is\s+(?:right|correct|me)"
    r"|speaking|it's\s+me)\b"
    r"(?![^.!?]*\b(?:but|not|no|wrong|except|actually)\b)"
)
_AFFIRMATION_WORDS: Final = 6
# An agent turn that only tells the caller to go on ("Go ahead.", "Mm-hmm.", "Okay, and the rest?"): it asks for
# nothing new, so the caller's next words still answer the question before it ("What's your tracking number?"
# "It's PP 3391" "Go on." "0472 88").
_GOES_ON: Final = re.compile(
    r"^\W*(?:(?:okay|ok|yes|yeah|sure|mm-?hmm|uh-huh|right|got\s+it|alright|sorry)\b\W*)*"
    r"(?:(?:please\s+)?(?:go\s+on|go\s+ahead|continue|keep\s+going|and\s+the\s+rest|i'm\s+listening)\b\W*)?"
    r"(?:please\W*)?$"
)
_GOES_ON_CHARS: Final = 40


def goes_on(low: str) -> bool:
    """Whether an agent turn (lowered) only tells the caller to go on."""
    return len(low) <= _GOES_ON_CHARS and _GOES_ON.match(low) is not None


# What a read-back can confirm: values, not the phrases of the agent's own sentence.
_NOT_READ_BACK: Final = frozenset(
    ["detail", "preference", "account_type", "device", "other_name", "spelling", "city"]
)


# The AI agent asks whether the caller is the person it names: "Am I speaking with Helen Park?", "Is this Mr.
# Okafor?", "I see the account under Helen Park at 88 Birch Lane. Is that you?" (the last needs that question).
_NAME: Final = rf"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?{_NAME_PART}(?:\s+{_NAME_PART}){{0,2}}"
_NAME_CONFIRMED: Final = re.compile(
    rf"\b(?i:am\s+i\s+(?:speaking|talking)\s+(?:with|to)|(?:may|can|could)\s+i\s+(?:speak|talk)\s+(?:with|to)|is\s+this"
    rf"|are\s+you)\s+(?P<asked>{_NAME})\s*\?"
    rf"|\b(?i:for|under|in\s+the\s+name\s+of)\s+(?P<read>{_NAME})\b"
)
_NAME_CONFIRM_GATE: Final = ("you", "this", "speak", "talk")
_FIRST_SENTENCE: Final = re.compile(r"[^.!?]*[.!?]")
_IS_THAT_YOU: Final = re.compile(
    r"\b(?:is\s+(?:that|this|it)\s+you|that's\s+you|are\s+you\s+(?:that|the\s+same))\b"
)


def _confirmed_name(prompt: str, low_prompt: str) -> str | None:
    """The name the AI agent asked the caller to confirm as theirs, if it did."""
    for m in _NAME_CONFIRMED.finditer(prompt):
        name = m.group("asked") or m.group("read")
        if m.group("read") and not _IS_THAT_YOU.search(low_prompt, m.end()):
            continue
        last = name.split()[-1].lower()
        if last.strip(".") in COMMON_WORDS or last in MONTH_OR_DAY_WORDS:
            continue
        return name
    return None


def _asked_for_person(prompt: str, low_phrase: str) -> bool:
    """Whether the AI agent's question `prompt` asked for a person (`_NAME_CONFIRMED`) whose name holds every word
    of `low_phrase`, a capitalised phrase of the caller's (lowered)."""
    low_prompt = lower(prompt)
    if not any(k in low_prompt for k in _NAME_CONFIRM_GATE):
        return False
    asked = _confirmed_name(prompt, low_prompt)
    return asked is not None and all(word in asked.lower().split() for word in low_phrase.split())


# An answer that says the caller is not the person the AI agent asked for ("No, this is her roommate.", "Nope,
# wrong number.", "He's not here right now.").
_NOT_THEM: Final = re.compile(
    # (not a correction of how the name is said: "No, it's Jon Smyth, J O N.")
    r"\W*(?:no|nope|nah)\b(?!\W*(?:sorry\W*)?(?:(?:it's|its|it\s+is|that's)(?!\s+(?:his|her|their)\b)|actually|my\s+name"
    r"|the\s+name|spel))"
    r"|\W*(?:(?:he|she)(?:'s|\s+is)\s+(?:not|out|at)\b|this\s+is\s+(?:his|her|their)\s+\w)"
)
_WRONG_ONE: Final = re.compile(r"\bwrong\s+(?:number|person)\b")


def someone_else(turns: Sequence[tuple[str, str]], lows: Sequence[str]) -> tuple[int, str] | None:
    """(caller turn, person): the first answer that says the caller is not the person the AI agent's question
    just before asked for (`_NAME_CONFIRMED` in its last sentence: "Is this Dana?" "No, this is her roommate.")."""
    for i in range(1, len(turns)):
        if turns[i][0] != "user" or turns[i - 1][0] != "assistant":
            continue
        low, low_prompt = lows[i], lows[i - 1].rstrip()
        if not low_prompt.endswith("?") or not (
            _NOT_THEM.match(low) or ("wrong" in low and _WRONG_ONE.search(low))
        ):
            continue
        last = max(low_prompt.rfind(". "), low_prompt.rfind("? "), low_prompt.rfind("! "))
        asked = low_prompt[last + 1 :]
        if not any(k in asked for k in _NAME_CONFIRM_GATE):
            continue
        name = _confirmed_name(turns[i - 1][1], lows[i - 1])
        if name is not None and name.lower() in asked:
            # ... unless the person comes to the phone ("No, hold on, I'll get her." ... "Hi, this is Dana.")
            words = name.lower().replace(".", "").split()
            first = words[1] if words[0] in ("mr", "mrs", "ms", "dr") and len(words) > 1 else words[0]
            came = re.compile(
                rf"\b(?:this\s+is|it's|i'm|i\s+am)\s+{re.escape(first)}\b|\b{re.escape(first)}\s+(?:here|speaking)\b"
            )
            if any(
                turns[j][0] == "user" and first in lows[j] and came.search(lows[j])
                for j in range(i + 1, len(turns))
            ):
                return None
            return i, name
    return None


def confirmed_read_back(
    prompt: str, low_prompt: str, low: str, turn_index: int, asked: str = ""
) -> list[Entity]:
    """The details the agent's question read back, when the caller's answer (`low`, lowered) is only a yes
    ("Can I confirm your mobile is 07700 900111?" "Yes, that's correct."): the caller has stated them, at
    their own turn. So is a name the agent asked the caller to confirm as theirs ("Am I speaking with Helen
    Park?" "Yes, that's me."). `asked`, the agent's question before the read-back, names a value the read-back
    does not ("What's your tracking number?" ... "So that's PP 3391 0472 88?")."""
    if not AFFIRMED.match(low):
        return []
    mark = low_prompt.rfind("?")
    if mark < 0:
        return []
    # A longer answer confirms only a name, in its first sentence ("Yes, that's me. My bill jumped ..."); the
    # caller goes on.
    goes_on = len(low.split()) > _AFFIRMATION_WORDS
    if goes_on:
        first = _FIRST_SENTENCE.match(low)
        if first is None or len(first.group().split()) > _AFFIRMATION_WORDS or "?" in first.group():
            return []
    name = _confirmed_name(prompt, low_prompt) if any(k in low_prompt for k in _NAME_CONFIRM_GATE) else None
    if name is not None:
        return [Entity("name", name, turn_index)]
    if goes_on:
        return []
    start = (
        max(low_prompt.rfind(". ", 0, mark), low_prompt.rfind("! ", 0, mark), low_prompt.rfind("? ", 0, mark))
        + 1
    )
    if not _READ_BACK.search(low_prompt, start, mark):
        return []
    question = prompt[start : mark + 1]
    return [e for e in extract_turn(question, turn_index, asked) if e.key not in _NOT_READ_BACK]


# The AI agent asks for a value again ("Could you repeat the whole number?") or could not find the one given ("I
# can't find account 4417 2290."): what the caller says next replaces it.
_ASKED_AGAIN: Final = led_by(
    r"[cdrs]",
    rf"\b(?:repeat|say\s+(?:that|it)\s+again|{CANNOT_FIND}|{NO_MATCH})\b",
)
_NOT_GIVEN_AGAIN: Final = frozenset(["date", "time", "amount", "date_of_birth"])
_ASKED_AGAIN_GATE: Final = ("repeat", "again", "t find", "t see", "t locate", "match")


def given_again(new: list[Entity], before: list[Entity], low_prompt: str) -> list[Entity]:
    """`new` (a caller turn's values) taking back the values of the same kind in `before` (the caller's turn
    before) when the AI agent's turn between asked for them again or could not find them."""
    if not any(k in low_prompt for k in _ASKED_AGAIN_GATE) or _ASKED_AGAIN.search(low_prompt) is None:
        return new
    out: list[Entity] = []
    for e in new:
        if e.key in _NOT_GIVEN_AGAIN or sum(c.isdigit() for c in e.value) < 4:
            out.append(e)  # (an id or a number is given again; a new time or preference is a new choice)
            continue
        taken = tuple(alnum_key(b.value) for b in before if b.key == e.key and b.value != e.value)
        out.append(e._replace(withdraws=e.withdraws + taken) if taken else e)
    return out


# A caller turn that opens by taking back what the caller said before ("Oh no sorry, it's 41 Birch Lane, not 14.",
# "Actually, my zip is 97302.", "Wait, I mean Thursday."), and the words that make its value one more rather than
# a replacement ("sorry, I also have a work number").
_TAKES_BACK: Final = re.compile(
    r"^\W*(?:(?:oh|uh|um|hm+)\W+)*(?:no\W+)*(?:sorry|wait|actually|i\s+mean|i\s+meant|correction|my\s+mistake"
    r"|my\s+bad|oops|scratch\s+that|no\W+it'?s|that's\s+wrong|that's\s+not\s+right)\b"
)
_ONE_MORE: Final = frozenset(["also", "another", "other", "second", "too", "plus"])
_TAKES_BACK_GATE: Final = frozenset(
    [
        "sorry",
        "wait",
        "actually",
        "mean",
        "meant",
        "correction",
        "mistake",
        "bad",
        "oops",
        "scratch",
        "no",
        "wrong",
    ]
)


def corrects(new: list[Entity], before: list[Entity], low: str, words: AbstractSet[str]) -> list[Entity]:
    """`new` (a caller turn's values) taking back the value of the same key in `before` (the caller's turn
    before; only when it gave one) when the turn opens by correcting it: the details the human reads are the ones
    that stand."""
    if (
        words.isdisjoint(_TAKES_BACK_GATE)
        or not words.isdisjoint(_ONE_MORE)
        or "as well" in low
        or not _TAKES_BACK.match(low)
    ):
        return new
    out: list[Entity] = []
    for e in new:
        same = [b for b in before if b.key == e.key and b.key != "detail"]
        # (of two dates said before, "make that checkout March 14th" replaces one, and which is not for a rule; a
        # part of the value said before, "87@gmail.com" of "dkowalski87@gmail.com", is no replacement for it)
        old = alnum_key(same[0].value) if len(same) == 1 else ""
        taken = (old,) if old and alnum_key(e.value) not in old else ()
        out.append(e._replace(withdraws=e.withdraws + taken) if taken else e)
    return out


# A caller turn that says it puts something right: "Oh shoot, sorry, my license number ends in 7-1-5, not 1-7-5.",
# "Sorry, it's 100-448-2971. I mixed it up."
_PUTS_RIGHT: Final = frozenset(
    [
        "sorry",
        "wait",
        "actually",
        "not",
        "no",
        "mean",
        "meant",
        "wrong",
        "mistake",
        "mixed",
        "correction",
        "oops",
    ]
)
# Values a caller changes rather than puts right ("March 14th" ... "no, March 13th" is another day).
_NOT_MISHEARD: Final = frozenset(
    ["date", "time", "amount", "date_of_birth", "other_date_of_birth", "card_expiry", "rating", "address"]
)
# Keys given to a value by its shape alone: the key of the value it corrects names it better.
_SHAPE_KEYS: Final = frozenset(["reference_id", "reference_number", "phone_number", "last_4_digits"])


def _misheard(a: str, b: str) -> bool:
    """Whether two ids (as `alnum_key` gives them) are one said wrong once: of the same length, five characters
    at least and a digit, with one character changed, two next to each other swapped ("4417" / "4471"), or, from
    seven characters, two changed."""
    if len(a) != len(b) or len(a) < 5 or a == b or not any(c.isdigit() for c in a):
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) == 1:
        return True
    if len(diff) != 2:
        return False
    i, j = diff
    return (j == i + 1 and a[i] == b[j] and a[j] == b[i]) or len(a) >= 7


def corrects_earlier(new: list[Entity], found: list[Entity], words: AbstractSet[str]) -> list[Entity]:
    """`new` (a caller turn's values) taking back an id said before in the call that one of them puts right, the
    same id with a character or two changed ("8812 4417 02" ... "Sorry, not 4417, it's 8812 4471 02"), when the
    turn says it corrects something. The value takes the key of the one it replaces when its own came from its
    shape alone (ten digits are no phone number then, but the account number said again)."""
    if words.isdisjoint(_PUTS_RIGHT):
        return new
    out: list[Entity] = []
    for e in new:
        n = alnum_key(e.value)
        if len(n) >= 5 and e.key not in _NOT_MISHEARD and sum(c.isdigit() for c in n) >= 4:
            for before in reversed(found):
                if (
                    before.turn_index < e.turn_index
                    and before.key not in _NOT_MISHEARD
                    and _misheard(alnum_key(before.value), n)
                ):
                    key = before.key if e.key in _SHAPE_KEYS and before.key not in _SHAPE_KEYS else e.key
                    e = e._replace(key=key, withdraws=(*e.withdraws, alnum_key(before.value)))
                    break
        out.append(e)
    return out


# The AI agent asking for the rest of an id the caller began ("And the rest?", "Okay, go ahead with the rest.",
# "Yes, please continue.", "Take your time."), in a short turn.
_ASKS_THE_REST: Final = re.compile(
    r"\b(?:the\s+rest|go\s+on|go\s+ahead|continue|keep\s+going|carry\s+on|take\s+your\s+time)\b"
)
_ASKS_THE_REST_CHARS: Final = 100
# A substring one of which every `_ASKS_THE_REST` match holds: most short agent turns have none, and these tests
# cost a fraction of the search.
_ASKS_THE_REST_PARTS: Final = ("rest", "go ", "contin", "keep going", "carry on", "your time")
# Words that may open the rest of an id ("and then five six seven eight", "...8 7 6 5 3.").
_REST_LEAD: Final = frozenset(
    [
        "and",
        "then",
        "yeah",
        "yes",
        "yep",
        "ok",
        "okay",
        "so",
        "it's",
        "its",
        "uh",
        "um",
        "sure",
        "the",
        "rest",
        "is",
    ]
)
_NOT_JOINED: Final = frozenset(["name", "address", "email", "date_of_birth", "zip_code", "postcode"])


def _id_piece(token: str) -> str | None:
    """What a token adds to an id said in pieces: its digits, a letter, a digit word, "dash"; letters and digits
    written together ("33lpx", "fr-558"). None for any other word."""
    if token.isdigit() or (len(token) == 1 and token.isalpha()):
        return token.upper()
    n = NUMBER_WORDS.get(token)
    if n is not None and n < 10:
        return str(n)
    if token in _SPELLED_SYMBOLS:
        return _SPELLED_SYMBOLS[token]
    if any(c.isdigit() for c in token) and all(c.isalnum() or c == "-" for c in token):
        return token.upper()
    return None


def _id_tail(low: str) -> str:
    """The pieces of an id a caller turn ends with ("its w a one two three four": WA1234; "it starts with L H 7 7
    0": LH770), "" when it ends otherwise."""
    pieces: list[str] = []
    for token in reversed(low.split()):
        bare = token.strip(".,;:!?…")
        if not bare and not pieces:
            continue  # a trailing "..."
        piece = _id_piece(bare)
        if piece is None or (pieces and token[-1:] in ",;"):
            break
        pieces.append(piece)
    pieces.reverse()
    if len(pieces) > 1 and pieces[0] in ("A", "I") and pieces[1][:1].isdigit():
        pieces.pop(0)  # "it's a seven ...": a word
    return "".join(pieces)


def _id_head(low: str) -> str:
    """The pieces of an id a caller turn opens with, after "and then" and the like ("...8 7 6 5 3.": 87653)."""
    pieces: list[str] = []
    for token in low.split():
        bare = token.strip(".,;:!?…")
        if not pieces and (not bare or bare in _REST_LEAD):
            continue
        piece = _id_piece(bare)
        if piece is None:
            break
        pieces.append(piece)
        if token[-1:] in ".,;!?" and not token.endswith("..."):
            break
    return "".join(pieces)


def continued_id(
    new: list[Entity],
    before: list[Entity],
    low: str,
    turn_index: int,
    said_before: str,
    answered: str,
    between: str,
) -> list[Entity]:
    """`new` (a caller turn's values, `low` the turn) with an id the caller began in their turn before
    (`said_before`, which answered the question `answered`) and went on with when the AI agent asked for the rest
    (`between`): "its w a one two three four" "and the rest" "five six seven eight" is WA12345678, under the key
    the question asked for. The pieces said on the way (in `new` and `before`) are taken back; a turn that says
    the whole id again ("77 290 ..." "Take your time." "77 290 4418") gives it as said."""
    if len(between) > _ASKS_THE_REST_CHARS or not (
        (any(part in between for part in _ASKS_THE_REST_PARTS) and _ASKS_THE_REST.search(between))
        or goes_on(between)
    ):
        return new
    kinds = _asked_kinds(answered)
    key = kinds[0] if kinds else None
    if key is None or key in _NOT_JOINED or any(k != key for k in _kinds_in(between, 0, len(between))):
        return new  # ("go ahead with your date of birth" asks for something else)
    tail, head = _id_tail(said_before), _id_head(low)
    if len(tail) < 3 or len(head) < 2 or not any(c.isdigit() for c in tail + head):
        return new
    whole = head if head.startswith(tail) else tail + head
    n = whole.lower()
    parts = [e for e in new if alnum_key(e.value) and alnum_key(e.value) in n]
    taken = tuple(k for k in (alnum_key(e.value) for e in chain(before, parts)) if k in n and k != n)
    rest = [e for e in new if e not in parts]
    return [Entity(key, whole, turn_index, taken), *rest]


# A caller putting the spelling of their name right ("It's Jon, without the h.", "Actually it's Sarah, with an h").
_RESPELLED: Final = re.compile(r"\b(?:it'?s|actually|sorry|not|spell(?:ed|t)?|without|with\s+an?)\b")


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words differ by one letter added, dropped or changed ("John" / "Jon")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _respelled_name(name: str, said: str) -> str | None:
    """`name` with the one of its words that `said` respells put right ("John Mercer", "Jon": "Jon Mercer"), or
    None when `said` respells none of them (the same first letter, one letter added, dropped or changed)."""
    words = name.split()
    low = said.lower()
    for k, word in enumerate(words):
        if word[:1].lower() == low[:1] and _one_edit(word.lower(), low):
            return " ".join([*words[:k], said, *words[k + 1 :]])
    return None


def respelled(new: list[Entity], found: list[Entity], low: str) -> list[Entity]:
    """`new` (a caller turn's values), where a one-word name that respells a word of a name the caller gave
    before ("John Mercer" ... "It's Jon, without the h.") becomes that name respelled, taking the old one back."""
    if not any(e.key == "name" and " " not in e.value for e in new) or not _RESPELLED.search(low):
        return new
    out: list[Entity] = []
    for e in new:
        if e.key == "name" and " " not in e.value:
            for before in reversed(found):
                whole = _respelled_name(before.value, e.value) if before.key == "name" else None
                if whole is not None:
                    # (the one word and its spelling, "J O N", are in the name now)
                    taken = (alnum_key(before.value), alnum_key(e.value))
                    e = e._replace(value=whole, withdraws=e.withdraws + taken)
                    break
        out.append(e)
    return out


def superseding(confirmed: list[Entity], found: list[Entity], since: int) -> list[Entity]:
    """`confirmed` (what the caller said yes to at a read-back) taking back the pieces of it the caller said
    since turn `since`, where the question was asked: "PP 3391" and "0472 88" of "PP 3391 0472 88". Only an
    id is put together that way (each word of it has a digit or is in capitals); "the 9th" stays beside "March
    9th at 5 pm". A name confirmed in full takes back the part of it the answer said ("Darnell")."""
    out: list[Entity] = []
    for read in confirmed:
        whole = _words_of(read.value)
        if read.key == "name":
            # "Am I speaking with Darnell Hughes?" "Yes, this is Darnell.": the name in full, once
            taken = tuple(
                alnum_key(e.value)
                for e in found
                if e.key == "name"
                and e.turn_index == read.turn_index
                and e.value != read.value
                and _words_of(e.value) in whole
            )
            out.append(read._replace(withdraws=read.withdraws + taken) if taken else read)
            continue
        if not all(any(c.isdigit() for c in w) or w.isupper() for w in read.value.split()):
            out.append(read)
            continue
        taken = tuple(
            alnum_key(e.value)
            for e in found
            if e.turn_index >= since and e.value != read.value and _words_of(e.value) in whole
        )
        out.append(read._replace(withdraws=read.withdraws + taken) if taken else read)
    return out


_PERSON_KEYS: Final = frozenset(["name", "other_name"])


def dedupe(entities: list[Entity]) -> list[Entity]:
    """Keeps the first mention of each value; a value contained in one of the same key said before adds
    nothing ("87@gmail.com" after "dkowalski87@gmail.com", "Whitfield" after "Jonathan Whitfield"), nor a
    detail contained in a person's name said before ("Amy" after "Amy Chen")."""
    out: list[Entity] = []
    seen: set[str] = set()
    # Values a later (or the same) turn took back: value -> the last turn that did.
    withdrawn: dict[str, int] = {}
    for e in entities:
        for n in e.withdraws:
            withdrawn[n] = e.turn_index
    said_once: dict[str, str] = {}  # a key's only value so far: its words are needed once a second one comes
    said_words: dict[str, list[str]] = {}
    names: list[str] = []  # the words of the people named so far
    for e in entities:
        n = alnum_key(e.value)
        if not n or n in seen or (withdrawn and withdrawn.get(n, -1) >= e.turn_index):
            continue
        if e.key in _PERSON_KEYS:
            names.append(_words_of(e.value))
        elif e.key == "detail" and names and any(_words_of(e.value) in name for name in names):
            continue  # "Amy, come say yes.": a person named before, called by name
        if e.key not in said_once and e.key not in said_words:
            said_once[e.key] = e.value
        else:
            earlier = said_words.get(e.key)
            if earlier is None:
                earlier = said_words[e.key] = [_words_of(said_once.pop(e.key))]
            # Whole words of an earlier value ("$12" is not part of "$120"); an address's tail after a
            # misheard one.
            words = _words_of(e.value)
            if any(words in other for other in earlier) or (
                e.key == "email" and any(other.endswith(words.lstrip()) for other in earlier)
            ):
                continue
            earlier.append(words)
        seen.add(n)
        out.append(e)
    return out


def _words_of(value: str) -> str:
    return " " + " ".join(_WORD_OR_NUMBER.findall(value.lower())) + " "


_WORD_OR_NUMBER: Final = re.compile(r"[^\W_]+")
