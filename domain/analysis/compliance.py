"""Compliance checks on a call; flag types are stable snake_case strings listed in FLAG_TYPES.

Flag types:
- ``sensitive_data_before_verification``: the caller shared genuinely sensitive data — a full payment card
  number, a CVV / security code, an SSN or national id number, a password / PIN, a bank account number
  together with its routing number or sort code, an IBAN, a security answer — before any identity verification was confirmed on the
  call. What a caller gives to identify themselves (name, account number, email, phone, zip code, date of
  birth, the last four digits of an id) is what verification is made of, and is not flagged.
- ``unfulfillable_promise``: the AI agent promised something it cannot guarantee (a guarantee, "definitely",
  a specific turnaround such as "within 24 hours").
- ``sensitive_data_read_out``: the AI agent read a full payment card or social security number out on the
  call (only its last four digits should be), verified caller or not.
- ``missing_disclosure``: a required disclosure (by default, that the call may be recorded; `DISCLOSURES` holds
  the ones a deployment can name) was never read by the AI agent; ``turn_index`` is null because the flag is
  about something that did not happen. One that belongs at the start of the call and was read later is flagged
  as late, at the turn it was read. Also: the
  caller asked whether they were talking to a person or a machine and the AI agent's answer (``turn_index``)
  did not say it is automated, nor had it said so before (laws on bots, such as California's, and the EU AI
  Act require that a person be told they are dealing with an AI).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import islice
from typing import Final

from domain.analysis._text import alnum_key, clip, led_by, lower, narrowed, quote_at, shape
from domain.analysis.entities import CARD, Entity
from domain.analysis.markers import (
    ASKED_IF_AI,
    ASKED_IF_AI_GATE,
    ASKED_IF_AI_WORDS,
    CLAIMS_HUMAN,
    CLAIMS_HUMAN_WORDS,
    Hit,
    maybe,
)
from domain.brief import ComplianceFlag

SENSITIVE_DATA_BEFORE_VERIFICATION: Final = "sensitive_data_before_verification"
UNFULFILLABLE_PROMISE: Final = "unfulfillable_promise"
MISSING_DISCLOSURE: Final = "missing_disclosure"
SENSITIVE_DATA_READ_OUT: Final = "sensitive_data_read_out"
FLAG_TYPES: tuple[str, ...] = (
    SENSITIVE_DATA_BEFORE_VERIFICATION,
    UNFULFILLABLE_PROMISE,
    MISSING_DISCLOSURE,
    SENSITIVE_DATA_READ_OUT,
)


@dataclass(frozen=True, slots=True)
class RequiredDisclosure:
    """A statement the AI agent must make on every call; `pattern` is searched in the agent's turns after
    ASCII lower-casing, so write it in lower case. One that `opens` the call must be made before the caller's
    second turn (the greeting, or the answer to the caller's first words); made later, it is flagged as late."""

    name: str
    pattern: re.Pattern[str]
    opens: bool = False


# "This call may be recorded", "calls to this line are monitored", "we record all calls for training", "we may
# record and monitor your call", "we're recording this conversation" (not "I didn't record it", "we don't record
# calls", "I'm recording your call reason", "reading 45821 recorded for account 3004552819").
_RECORDED: Final = led_by(
    r"[cilrw]",
    r"\b(?:call|conversation|line|chat)s?\s+(?:(?:to|with|on|from)\s+[^.,?!]{1,30}?\s+)?(?:may|might|will|is|are"
    r"|could|can)\s+(?:be\s+)?(?:being\s+)?(?:recorded|monitored)"
    # "Recorded for quality and training purposes." (not "reading 45821 recorded for account 3004552819")
    r"|\brecorded\s+(?:for\s+(?:quality|training|monitoring|security|compliance|legal|regulatory|your\s+(?:protection"
    r"|security)|our\s+records)|and\s+monitored)"
    r"|\b(?:we|i)(?:'re|'m|\s+are|\s+am)?\s+(?:may\s+|might\s+|do\s+|will\s+|also\s+|always\s+|routinely\s+)?"
    r"(?:record|monitor|recording|monitoring)(?:\s+(?:and|or|and/or)\s+(?:record|monitor)(?:ing)?)?\s+"
    r"(?:(?:this|the|our|your|all|every|some|these)\s+)?(?:[a-z]+\s+)?(?:calls?|conversations?|chats?)\b"
    r"(?!\s+(?:reason|details?|notes?|summary|history|logs?|back|outcome))|\brecording\s+(?:this|the)\s+(?:call|conversation)",
)
RECORDING_DISCLOSURE: Final = RequiredDisclosure(
    name="call recording disclosure", pattern=_RECORDED, opens=True
)
DEFAULT_REQUIRED_DISCLOSURES: tuple[RequiredDisclosure, ...] = (RECORDING_DISCLOSURE,)

# Entity keys that are sensitive on their own (identifiers such as an account number are not).
_SENSITIVE_LABELS: Final = {
    "card_number": "a payment card number",
    "ssn": "a social security number",
    "password": "a password",
    "pin": "a PIN",
    "security_answer": "a security answer",
    # An IBAN holds the bank and the full account number: enough to set up a direct debit, like an account
    # number with its routing number (which is flagged), so it counts as sensitive on its own.
    "iban": "an IBAN (bank account details)",
    "drivers_license": "a driver's licence number",
    "cvv": "a card security code (CVV)",
}
# An account number with what names its bank: a US routing number or a UK sort code.
_BANK_CODE_LABELS: Final = {
    "routing_number": "a bank account number with its routing number",
    "sort_code": "a bank account number with its sort code",
}
_FULL_CARD_DIGITS: Final = 13  # fewer digits is a partial number ("card number 4471"), not a card
# "My password is ...", "the CVV is ...": a secret said aloud (the value itself may be spelled out in words);
# "my password is not working" says nothing secret, nor does "my password is still not working" (an adverb before
# the words that say so), "the password is case sensitive" or "my password is on a sticky note".
_SENSITIVE_MENTION: Final = led_by(
    r"[cdmnps]",
    r"\b(password|pin|passcode|social\s+(?:security|insurance)(?:\s+number)?|ssn|national\s+(?:id|identity|insurance)"
    r"(?:\s+number)?|passport\s+number|driver'?s\s+licen[cs]e(?:\s+number)?|maiden\s+name|security\s+(?:code|answer)|cvv2?(?:\s+code)?|cvc)\s+(?:is|was)\b"
    r"(?!\s+(?:(?:still|also|just|usually|probably|always|now|definitely)\s+)?(?:not\b|wrong|incorrect|invalid|expir"
    r"|locked|blocked|working|broken|too\b|the\b|a\b|an\b|my\b|your\b|different|correct|right|fine|ok\b|okay|reset"
    r"|changed|missing|lost|stolen|compromised|on\b|in\b|at\b|under\b|from\b|with\b|for\b|by\b|of\b|to\b|about\b"
    r"|like\b|somewhere|something|what\b|how\b|case\b|sensitive|required|needed|supposed|due\b|saved|stored"
    r"|written|printed|linked|sent|being|going|getting|coming|up\b|over\b|long\b|short\b|that\b|this\b|it\b))"
    # ("I forgot what my password is.")
    r"(?!\s*(?:[.?!]|$))",
    0,
)
# What a number (a PIN, a national id, a licence, a security code) is said as, right after "is": digits ("4482",
# "D4471-2290"), a short prefix and digits ("QQ 12 34 56 C") or digit words ("four four eight two"), a filler
# before them allowed ("is, uh, 4482"). "My driver's license is expiring next month" and "my NI number is on my
# payslip" give none.
_DIGIT_WORD: Final = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_NUMBER_SAID: Final = re.compile(
    r"[\s,:]*(?:(?:uh|um|er|erm|it's|its|just|actually)[\s,]+)*(?:\d"
    r"|(?!(?:a|an|i|in|on|at|to|up|by|of|my|it|is|so|or|as|no|ok)\b)[a-z]{1,3}[\s-]?\d"
    rf"|{_DIGIT_WORD}[\s,-]+(?:{_DIGIT_WORD}\b|\d))"
)
# The secrets that are words, not numbers: said as anything at all ("my password is Bluebird"), except in a
# question, where only one word before the question's end is one ("my password is bluebird, right?"; "the password
# is case sensitive, right?" asks about a password).
_WORD_SECRETS: Final = ("password", "maiden", "answer")
_ONE_WORD_SAID: Final = re.compile(r"\s+[^\s,.?!]+\s*[,?]")
_SENTENCE_STOP: Final = re.compile(r"[.?!]")


def _asked(low: str, pos: int) -> bool:
    """Whether the sentence going on at `pos` ends in a question mark."""
    stop = _SENTENCE_STOP.search(low, pos)
    return stop is not None and stop.group() == "?"


# What a mention discloses, by the words it matched (first hit wins).
_MENTION_LABELS: tuple[tuple[str, str], ...] = (
    ("password", "a password"),
    ("passcode", "a PIN"),
    ("pin", "a PIN"),
    ("insurance", "a national ID number"),
    ("national", "a national ID number"),
    ("social", "a social security number"),
    ("ssn", "a social security number"),
    ("passport", "a passport number"),
    ("licen", "a driver's licence number"),
    ("maiden", "a security answer"),
    ("answer", "a security answer"),
    ("code", "a card security code (CVV)"),
    ("cvv", "a card security code (CVV)"),
    ("cvc", "a card security code (CVV)"),
)
_SENSITIVE_GATE: Final = (
    "licen",
    "password",
    "pin",
    "passcode",
    "social",
    "ssn",
    "national",
    "insurance",
    "passport",
    "security",
    "cvv",
    "cvc",
    "maiden",
)
_ASKS_FOR_A_SECRET: Final = (
    "maiden",
    "security question",
    "security answer",
    "pin",
    "passcode",
    "password",
    "social security",
    "ssn",
)
# ... and the other questions of a verification the AI agent asks on the way ("What's your social security number?"
# "123-45-6789." "And your date of birth?" "March 3rd, 1975." "Thanks, you're verified.").
_ASKS_TO_IDENTIFY: Final = (
    *_ASKS_FOR_A_SECRET,
    "birth",
    "name",
    "address",
    "postcode",
    "zip",
    "last four",
    "number",
)
# The AI agent asking for the caller's password ("Can you tell me your account password?"), not warning them off
# it ("never tell anyone your password", "don't give me your password").
_ASKS_PASSWORD: Final = re.compile(
    r"^(?!.*\b(?:never|don't|do\s+not)\b).*\b(?:what(?:'s|\s+is)|tell\s+me|give\s+me|(?:can|could|may)\s+i\s+"
    r"(?:have|get)|need|confirm|provide|read|spell)\b[^.?!]{0,30}\bpassword\b",
    re.DOTALL,
)
# "The last four digits of my social are 1234" identifies the caller; it does not disclose the number.
_PARTIAL: Final = led_by(r"[el]", r"\blast\s+(?:four|4)\b|\bending\s+(?:in|with)\b")


# Four groups of digits, or fifteen in a row, in a text's `shape` with hyphens read as spaces: what every CARD
# match holds (a substring test, where the regex would try every position of everything the AI agent said).
_CARD_SHAPES: Final = ("0000 0000 0000 0", "000000000000000")


# A social security number written whole ("123-45-6789", "123 45 6789"), and the shapes one of which it holds.
_FULL_SSN: Final = re.compile(r"(?<![\d-])\d{3}[-\s]\d\d[-\s]\d{4}(?![\d-])")
_SSN_SHAPE: Final = "000 00 0000"  # (in a `shape` with hyphens read as spaces)


def _may_hold_a_card(text: str) -> bool:
    return _card_shaped(text, shape(text))


def _card_shaped(text: str, form: str | None) -> bool:
    """`_may_hold_a_card`, given the text's `shape`."""
    if form is None:
        return CARD.search(text) is not None  # not ASCII: the regex decides
    form = form.replace("-", " ")
    return any(part in form for part in _CARD_SHAPES)


def _digit_count(value: str) -> int:
    return sum(c.isdigit() for c in value)


# What the AI agent may tell only the verified account holder or patient (lowered text): a balance, recent
# transactions, test results. ("Your order shipped" or "your account ending 1877" is not.)
_DISCLOSED_GATE: Final = ("balance", "deposit", "withdrawal", "transaction", "result", "available credit")
_DISCLOSED: Final = re.compile(
    r"\b(?:has|have|had)\s+(?:a|an)\s+(?:available\s+|current\s+|outstanding\s+)?balance\s+of\b"
    # ("Her balance on checking ending 4471 is $12,340.18")
    r"|\b(?:balance|available\s+credit)(?:\s+(?:on|in|for)\s+[^.?!]{1,40}?)?\s+(?:is|was|of)\s+(?:now\s+)?[$£€₹]?\d"
    r"|\b(?:last|latest|most\s+recent|recent)\s+(?:deposit|withdrawal|transaction|payment)s?\s+(?:was|were|is|of)\b"
    r"|\bresults?\s+(?:show|shows|showed|came\s+back|indicate|indicates|are|is)\b"
)


# ... and what the account holds about a person: "The address on file for Tom Reyes is 42 Maple Court", "The
# email on that account is ...", "We have his date of birth as June 3rd, 1981" (the value follows the match).
_ON_FILE_GATE: Final = ("address", "mail", "birth", "phone", "account number")
_ON_FILE_WHERE: Final = ("file", "record", "we have", "account")  # (each match holds one of these, too)
_ON_FILE: Final = led_by(
    r"[abdepwy]",
    r"\b(address|e-?mail(?:\s+address)?|date\s+of\s+birth|birthday|phone\s+number)\s+(?:on\s+file|on\s+record|we\s+have"
    r"|(?:listed\s+)?on\s+(?:the|that|this|your|his|her|their)\s+account)\b[^.?!]{0,40}?\s+(?:is|as)\s+(?=\w)"
    r"|\bwe\s+have\s+(?:his|her|your|their|the)\s+(address|e-?mail(?:\s+address)?|date\s+of\s+birth|birthday"
    r"|phone\s+number)\s+(?:on\s+file\s+)?as\s+(?=\w)"
    # ("I forgot my account number, can you tell me?" "Sure, your account number is 7720034419.")
    r"|\byour\s+(?:full\s+)?(account\s+number)\s+is\s+(?=\d)",
)
_VALUE_END: Final = re.compile(r";|,?\s(?:and|but|so)\s|[.?!](?:\s|$)")  # (of the value read out)


def _told_from_file(turns: Sequence[tuple[str, str]], lows: Sequence[str], i: int) -> str | None:
    """What the AI agent's turn `i` read out of the account about a person (an address, an email, a date of
    birth, a phone number, the account's number), unless the caller had said that very value before (a read-back, not a disclosure)."""
    low = lows[i]
    for m in _ON_FILE.finditer(low):
        end = _VALUE_END.search(low, m.end())
        value = alnum_key(low[m.end() : end.start() if end else len(low)])
        if value and not any(
            role == "user" and value in alnum_key(lows[j]) for j, (role, _) in enumerate(turns[:i])
        ):
            what = " ".join((m.group(1) or m.group(2) or m.group(3) or "").split())
            if "birth" in what or "account" in what:
                return "the " + what
            return "the " + what.replace("e-mail", "email").split()[0]
    return None


# An AI agent's turn that speaks of what an account owes or holds ("she owes $412.60", "the balance is past due").
_ACCOUNT_TALK: Final = re.compile(
    r"\b(?:owes?|owed|owing|balance|past\s+due|overdue|debt|outstanding|arrears)\b|[$£€]\s?\d"
)


def _told_someone_else(
    turns: Sequence[tuple[str, str]], lows: Sequence[str], reached: tuple[int, str] | None
) -> tuple[int, int, int, str] | None:
    """(AI agent turn, where in it, caller turn, person): the AI agent spoke of the account to the one who answered
    and said they are not the person it asked for ("Is this Dana?" "No, this is her roommate." "Please tell her she
    owes $412.60"), from its question on ("This is an attempt to collect a debt owed by Dana Ruiz. Is this Dana?"), as
    debt-collection and privacy rules forbid. `reached` is `entities.someone_else` of the call."""
    if reached is None:
        return None
    denied, person = reached
    for j in range(denied - 1, len(turns)):
        told = _ACCOUNT_TALK.search(lows[j]) if turns[j][0] == "assistant" else None
        if told is not None:
            return j, told.start(), denied, person
    return None


# The AI agent says what it is: "I'm an automated assistant", "you've reached the virtual assistant", "I'm not a
# person", "this is an AI agent".
_SAYS_AUTOMATED: Final = re.compile(
    r"\b(?:automated|virtual|digital|ai|artificial(?:ly)?(?:\s+intelligen\w+)?|computer(?:ized)?|voice|robotic)\s+"
    r"(?:assistant|agent|system|helper|receptionist|concierge)\b"
    r"|\b(?:i'm|i\s+am|this\s+is)\s+(?:an?\s+)?(?:ai|bot|robot|computer|machine|automated|virtual)\b"
    r"|\b(?:i'm|i\s+am)\s+not\s+(?:a\s+)?(?:real\s+|live\s+)?(?:person|human)"
)


AI_DISCLOSURE: Final = RequiredDisclosure(
    name="AI disclosure (that the caller is talking to an automated assistant)",
    pattern=_SAYS_AUTOMATED,
    opens=True,
)
# The FDCPA's "mini-Miranda": "This is an attempt to collect a debt, and any information obtained will be used for
# that purpose", "This call is from a debt collector". Said once the right person is on the line (a collector
# may not tell anyone else about the debt), so anywhere in the call.
_DEBT_COLLECTOR: Final = led_by(
    r"[afi]",
    r"\battempt\s+to\s+collect\s+a\s+debt\b|\b(?:from|is|am)\s+a\s+debt\s+collector\b"
    r"|\binformation\s+(?:obtained|we\s+obtain)\s+will\s+be\s+used\s+for\s+that\s+purpose\b",
)
DEBT_COLLECTION_DISCLOSURE: Final = RequiredDisclosure(
    name="debt collection disclosure (mini-Miranda)", pattern=_DEBT_COLLECTOR
)
# The disclosures a deployment can require by name (AGENT_ASSIST_REQUIRED_DISCLOSURES).
DISCLOSURES: Final[dict[str, RequiredDisclosure]] = {
    "recording": RECORDING_DISCLOSURE,
    "ai": AI_DISCLOSURE,
    "debt_collection": DEBT_COLLECTION_DISCLOSURE,
}


def _undisclosed_ai(turns: Sequence[tuple[str, str]], lows: Sequence[str]) -> tuple[int, int, int] | None:
    """(caller turn, where in it the question is, AI agent turn): the first time the caller asked whether they
    were talking to a machine and the AI agent answered without saying it is one, having never said so before;
    None when it did."""
    callers = [i for i, (role, _) in enumerate(turns) if role == "user"]
    gate = narrowed(ASKED_IF_AI_GATE, "\n".join(lows[i] for i in callers))
    for i in callers if gate else ():
        asked = ASKED_IF_AI.search(lows[i]) if any(k in lows[i] for k in gate) else None
        if asked is None:
            continue
        answer = next((j for j in range(i + 1, len(turns)) if turns[j][0] == "assistant"), None)
        if answer is None or any(
            turns[j][0] == "assistant" and _SAYS_AUTOMATED.search(lows[j]) for j in range(answer + 1)
        ):
            return None
        return i, asked.start(), answer
    return None


def _read_to_the_caller(turns: Sequence[tuple[str, str]], e: Entity) -> bool:
    """Whether value `e` is one the AI agent read out in the turn before the caller's that confirmed it ("I have
    your social as 512-44-8890, is that right?" "Yes."), not one the caller said."""
    value = alnum_key(e.value)
    if value in alnum_key(turns[e.turn_index][1]):
        return False
    before = e.turn_index - 1
    while before >= 0 and turns[before][0] != "assistant":
        before -= 1
    return before >= 0 and value in alnum_key(turns[before][1])


def check(
    turns: Sequence[tuple[str, str]],
    entities: list[Entity],
    verified_at: int | None,
    promises: list[Hit],
    required: tuple[RequiredDisclosure, ...],
    lows: Sequence[str] | None = None,
    caller_words: AbstractSet[str] | None = None,
    reached: tuple[int, str] | None = None,
) -> list[ComplianceFlag]:
    """The compliance flags of a call; `lows` are the turns already ASCII-lowered, and `caller_words` every
    `word_tokens` word of the caller's, when the caller has them; `reached` is the caller's turn that said they
    are not the person the AI agent asked for, and that person (`entities.someone_else`)."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    flags: list[ComplianceFlag] = []
    limit = verified_at if verified_at is not None else len(turns)
    shared: dict[int, list[str]] = {}  # turn -> what sensitive data it shared, in order

    # The answers to the AI agent's own security questions, asked one after the other up to the turn that verified
    # the caller ("For security, what is your mother's maiden name?" "Kowalski." "Thank you, you're verified."),
    # are the verification itself.
    answered: set[int] = set()
    j = verified_at - 1 if verified_at is not None else -1
    while (
        j >= 1
        and turns[j][0] == "user"
        and turns[j - 1][0] == "assistant"
        and any(k in lows[j - 1] for k in _ASKS_TO_IDENTIFY)
    ):
        if any(k in lows[j - 1] for k in _ASKS_FOR_A_SECRET):
            answered.add(j)
        j -= 2

    def note(turn: int, what: str) -> None:
        if turn in answered:
            return
        labels = shared.setdefault(turn, [])
        if what not in labels:
            labels.append(what)

    account_at: int | None = None
    routing_at: int | None = None
    bank_code = ""
    for e in entities:
        if e.turn_index >= limit:
            continue
        if e.key == "account_number" and account_at is None:
            account_at = e.turn_index
        elif e.key in _BANK_CODE_LABELS and routing_at is None:
            routing_at = e.turn_index
            bank_code = e.key
        if e.key not in _SENSITIVE_LABELS:
            continue
        if e.key == "card_number" and _digit_count(e.value) < _FULL_CARD_DIGITS:
            continue
        if _read_to_the_caller(turns, e):
            continue  # the AI agent said it and the caller said yes: the read-out is the AI agent's flag
        note(e.turn_index, _SENSITIVE_LABELS[e.key])
    if account_at is not None and routing_at is not None:
        note(max(account_at, routing_at), _BANK_CODE_LABELS[bank_code])
    before = [i for i, (role, _) in enumerate(turns[:limit]) if role == "user"]
    gate = narrowed(_SENSITIVE_GATE, "\n".join(lows[i] for i in before))
    for i in before if gate else ():
        if not any(k in lows[i] for k in gate) or _PARTIAL.search(lows[i]):
            continue
        for m in _SENSITIVE_MENTION.finditer(lows[i]):
            what = m.group(1)
            if not any(word in what for word in _WORD_SECRETS):
                if _NUMBER_SAID.match(lows[i], m.end()) is None:
                    continue  # the number itself is not said
            elif _asked(lows[i], m.end()) and _ONE_WORD_SAID.match(lows[i], m.end()) is None:
                continue  # a question about the secret
            note(i, next((label for word, label in _MENTION_LABELS if word in what), "credentials"))
    for turn in sorted(shared):
        labels = shared[turn]
        what = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]
        # No one should ask a caller for their password: say so when the AI agent did, just before.
        asked = next((j for j in range(turn - 1, -1, -1) if turns[j][0] == "assistant"), -1)
        why = (
            f" (the AI agent asked for it at turn {asked})"
            if "a password" in labels
            and asked >= 0
            and "password" in lows[asked]
            and _ASKS_PASSWORD.search(lows[asked])
            else ""
        )
        flags.append(
            ComplianceFlag(
                type=SENSITIVE_DATA_BEFORE_VERIFICATION,
                description=f"Caller shared {what} at turn {turn} before identity verification was confirmed{why}.",
                turn_index=turn,
            )
        )
    # ... and the AI agent telling someone who is not the account holder about the account, verified or not
    told_else = _told_someone_else(turns, lows, reached)
    if told_else is not None:
        at, pos, denied, person = told_else
        flags.append(
            ComplianceFlag(
                type=SENSITIVE_DATA_BEFORE_VERIFICATION,
                description=f"AI agent spoke of the account at turn {at} to someone who said at turn {denied} they "
                f'are not {person}: "{quote_at(turns[at][1], pos, 100)}"',
                turn_index=at,
            )
        )
    # ... and the AI agent telling an unverified caller what only the account holder or the patient may hear (said
    # once per turn: to someone else, it is the flag above)
    for i, (role, text) in enumerate(turns[:limit]):
        if told_else is not None and i == told_else[0]:
            continue
        if role != "assistant":
            continue
        personal = (
            _told_from_file(turns, lows, i)
            if any(k in lows[i] for k in _ON_FILE_GATE) and any(k in lows[i] for k in _ON_FILE_WHERE)
            else None
        )
        if personal is not None:
            flags.append(
                ComplianceFlag(
                    type=SENSITIVE_DATA_BEFORE_VERIFICATION,
                    description=f"AI agent read out {personal} on file at turn {i} before identity verification "
                    f'was confirmed: "{clip(text, 100)}"',
                    turn_index=i,
                )
            )
        if not any(k in lows[i] for k in _DISCLOSED_GATE):
            continue
        told = _DISCLOSED.search(lows[i])
        if told is not None:
            flags.append(
                ComplianceFlag(
                    type=SENSITIVE_DATA_BEFORE_VERIFICATION,
                    description=f"AI agent disclosed {'test results' if 'result' in told.group() else 'account details'}"
                    f' at turn {i} before identity verification was confirmed: "{quote_at(text, told.start(), 100)}"',
                    turn_index=i,
                )
            )
    # ... and the AI agent reading a whole card number aloud, verified caller or not (one scan of all it said
    # finds out whether any turn needs a look)
    said = "\n".join(text for role, text in turns if role == "assistant")
    form = shape(said)
    may_card = _card_shaped(said, form)
    may_ssn = form is None or _SSN_SHAPE in form.replace("-", " ")
    for i, (role, text) in enumerate(turns if may_card or may_ssn else ()):
        if role != "assistant":
            continue
        card = (
            next((m for m in CARD.finditer(text) if _digit_count(m.group()) >= _FULL_CARD_DIGITS), None)
            if may_card
            else None
        )
        if card is not None:
            flags.append(
                ComplianceFlag(
                    type=SENSITIVE_DATA_READ_OUT,
                    description=f"AI agent read out a full payment card number at turn {i} (only its last four "
                    "digits should be read).",
                    turn_index=i,
                )
            )
        elif may_ssn and _FULL_SSN.search(text) is not None:
            flags.append(
                ComplianceFlag(
                    type=SENSITIVE_DATA_READ_OUT,
                    description=f"AI agent read out a full social security number at turn {i} (only its last "
                    "four digits should be read).",
                    turn_index=i,
                )
            )
    for hit in promises:
        flags.append(
            ComplianceFlag(
                type=UNFULFILLABLE_PROMISE,
                description=f'AI agent made a promise that may not be fulfillable: "{clip(hit.sentence, 120)}"',
                turn_index=hit.turn_index,
            )
        )
    # The caller's second turn: what opens the call is said before it.
    second = next(islice((i for i, (role, _) in enumerate(turns) if role == "user"), 1, None), len(turns))
    for disclosure in required:
        given = next(
            (
                i
                for i, (role, _) in enumerate(turns)
                if role == "assistant" and disclosure.pattern.search(lows[i])
            ),
            None,
        )
        if given is None:
            flags.append(
                ComplianceFlag(
                    type=MISSING_DISCLOSURE,
                    description=f"Required {disclosure.name} was never given by the AI agent.",
                    turn_index=None,
                )
            )
        elif disclosure.opens and given > second:
            spoken = sum(role == "user" for role, _ in turns[:given])
            flags.append(
                ComplianceFlag(
                    type=MISSING_DISCLOSURE,
                    description=f"Required {disclosure.name} was given late, at turn {given}, after the caller "
                    f"had spoken {spoken} times; it belongs at the start of the call.",
                    turn_index=given,
                )
            )
    evaded = (
        _undisclosed_ai(turns, lows)
        if caller_words is None or not caller_words.isdisjoint(ASKED_IF_AI_WORDS)
        else None
    )
    if evaded is not None:
        asked, at, answer = evaded
        claimed = maybe(CLAIMS_HUMAN, CLAIMS_HUMAN_WORDS, lows[answer])
        flags.append(
            ComplianceFlag(
                type=MISSING_DISCLOSURE,
                description=f"AI agent {'said it is a person' if claimed else 'did not say it is an automated assistant'}"
                f' when the caller asked at turn {asked}: "{quote_at(turns[asked][1], at, 100)}"',
                turn_index=answer,
            )
        )
    flags.sort(key=lambda f: (f.turn_index if f.turn_index is not None else len(turns), f.type))
    return flags
