"""Word lists and small text helpers shared by the analysis modules."""

from __future__ import annotations

import re
from typing import Any, Final

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a couple": 2,
}
# Words that open a capitalised phrase only because they start a sentence, or that are too generic to be
# a value on their own ("Sorry", "Great"). A phrase made only of these is not a proper name.
COMMON_WORDS: frozenset[str] = frozenset(
    [
        # roles, never a name on their own ("Manager. Now.")
        "manager",
        "supervisor",
        "representative",
        "operator",
        "a",
        "about",
        "above",
        "actually",
        "after",
        "afternoon",
        "again",
        "ago",
        "agreed",
        "ah",
        "alright",
        "all",
        "also",
        "although",
        "always",
        "am",
        "an",
        "and",
        "another",
        "any",
        "anything",
        "anyway",
        "are",
        "around",
        "as",
        "ask",
        "at",
        "available",
        "away",
        "awesome",
        "back",
        "bad",
        "be",
        "because",
        "been",
        "before",
        "being",
        "best",
        "better",
        "book",
        "booking",
        "both",
        "bring",
        "but",
        "buy",
        "by",
        "call",
        "can",
        "can't",
        "cancel",
        "cannot",
        "cause",
        "check",
        "come",
        "cool",
        "correct",
        "could",
        "couldn't",
        "day",
        "dear",
        "definitely",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "don't",
        "done",
        "each",
        "either",
        "else",
        "enough",
        "even",
        "evening",
        "every",
        "everything",
        "excellent",
        "exactly",
        "excuse",
        "fantastic",
        "fine",
        "find",
        "first",
        "for",
        "found",
        "from",
        "get",
        "give",
        "glad",
        "go",
        "good",
        "goodbye",
        "got",
        "great",
        "had",
        "has",
        "have",
        "having",
        "he",
        "hello",
        "help",
        "her",
        "here",
        "hey",
        "hi",
        "him",
        "his",
        "hmm",
        "hold",
        "how",
        "however",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "in",
        "incorrect",
        "indeed",
        "instead",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "just",
        "keep",
        "kind",
        "know",
        "last",
        "later",
        "leave",
        "let",
        "let's",
        "like",
        "little",
        "look",
        "looking",
        "lot",
        "make",
        "many",
        "may",
        "maybe",
        "me",
        "mean",
        "might",
        "mine",
        "more",
        "morning",
        "most",
        "much",
        "must",
        "my",
        "need",
        "never",
        "new",
        "next",
        "nice",
        "night",
        "no",
        "nope",
        "not",
        "nothing",
        "now",
        "of",
        "off",
        "ok",
        "okay",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "perfect",
        "perhaps",
        "please",
        "plus",
        "pretty",
        "probably",
        "put",
        "quite",
        "rather",
        "ready",
        "real",
        "really",
        "reserve",
        "right",
        "say",
        "see",
        "seems",
        "send",
        "set",
        "shall",
        "she",
        "should",
        "show",
        "so",
        "some",
        "someone",
        "something",
        "sometimes",
        "soon",
        "sorry",
        "sound",
        "sounds",
        "start",
        "still",
        "stop",
        "such",
        "super",
        "sure",
        "take",
        "tell",
        "than",
        "thank",
        "thanks",
        "that",
        "that's",
        "the",
        "their",
        "them",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "thing",
        "things",
        "think",
        "this",
        "those",
        "though",
        "through",
        "till",
        "to",
        "today",
        "together",
        "tomorrow",
        "too",
        "try",
        "two",
        "uh",
        "um",
        "under",
        "unfortunately",
        "until",
        "up",
        "us",
        "use",
        "very",
        "wait",
        "want",
        "wanted",
        "was",
        "way",
        "we",
        "we'd",
        "we'll",
        "we're",
        "well",
        "were",
        "what",
        "what's",
        "whatever",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "why",
        "will",
        "wish",
        "with",
        "without",
        "won't",
        "wonderful",
        "would",
        "wouldn't",
        "wow",
        "wrong",
        "yeah",
        "yep",
        "yes",
        "yet",
        "you",
        "you're",
        "your",
        "yup",
        "hear",
        "play",
        "find",
        "search",
        "schedule",
        "tonight",
        "afternoon",
        "lovely",
        "neither",
        "awful",
        "terrible",
        "ridiculous",
        "hopefully",
        "oops",
        "whoops",
        "gosh",
        "welcome",
        "bye",
        "cheers",
        "noted",
        "understood",
        # contractions that open a sentence
        "they're",
        "he's",
        "she's",
        "who's",
        "where's",
        "it'll",
        "they'll",
        "you'll",
        "we've",
        "they've",
        "you've",
        "wasn't",
        "here's",
        "how's",
        "he'll",
        "she'll",
        "aren't",
        "weren't",
        "haven't",
        "hasn't",
        "shouldn't",
        "they'd",
        "you'd",
        "he'd",
        "she'd",
        # greetings and thanks in the languages callers open with ("Hola, sorry, my English ...")
        "hola",
        "bonjour",
        "hallo",
        "ciao",
        "namaste",
        "salaam",
        "gracias",
        "merci",
        "danke",
        "obrigado",
        "obrigada",
        "sí",
        "si",
        "oui",
        "ja",
        "claro",
        "bueno",
        "vale",
        "perdón",
        "perdon",
        # words a caller's sentence opens with about the service itself, never a value on their own ("Water is
        # coming in!", "Within 24 hours?", "Change it.")
        "within",
        "since",
        "during",
        "across",
        "toward",
        "towards",
        "upon",
        "behind",
        "beyond",
        "among",
        "change",
        "reschedule",
        "move",
        "fix",
        "update",
        "water",
        "internet",
        "wifi",
        "heat",
        "heating",
        "electricity",
        "gas",
        "phone",
        "app",
        "website",
        "payment",
        "card",
        "account",
        "order",
        "package",
        "parcel",
        "delivery",
        "refund",
        "eta",
        "asap",
        "match",
        # swearing ("Damn it, my whole thesis ..."): a cue, never a value
        "damn",
        "dammit",
        "hell",
        "crap",
        "shit",
        "fuck",
        "bloody",
        # interjections that make a sentence of their own ("Seriously?", "Honestly.")
        "seriously",
        "honestly",
        "obviously",
        "clearly",
        "literally",
        "absolutely",
        "basically",
        "unbelievable",
        "incredible",
        # the words that count a caller's points ("Second, my bill is too high.") and hesitation sounds
        "second",
        "third",
        "firstly",
        "secondly",
        "thirdly",
        "finally",
        "lastly",
        "hm",
        "mhm",
        "mm",
        "oh",
        "god",  # "thank God"
        "ohh",
        "ooh",
        "aha",
        "huh",
        "ugh",
        "whoa",
        "geez",
        "jeez",
        "yikes",
        "eh",
        "er",
        "erm",
        "uhh",
        "umm",
        # what a caller asks for by its kind ("No. Human. Now.", "Person, please.")
        "human",
        "person",
        "agent",
        # contractions as speech-to-text writes them, without the apostrophe ("my name is karen doyle im calling")
        "im",
        "ive",
        "dont",
        "cant",
        "wont",
        "didnt",
        "doesnt",
        "isnt",
        "wasnt",
        "hes",
        "shes",
        "thats",
        "whats",
        "theyre",
        "youre",
        # pronouns that open a sentence ("Nobody is at the old address.")
        "nobody",
        "everyone",
        "everybody",
        "somebody",
        "anyone",
        "anybody",
        "none",
    ]
)
# The last word of a business's name ("Northwind Traders", "Harrington & Cole Ltd"), lower case.
BUSINESS_SUFFIX: Final = (
    r"(?:ltd|limited|inc|llc|llp|plc|corp|corporation|co|company|group|gmbh|pty|partners|associates|solutions"
    r"|services|holdings|industries|enterprises|traders|trading|mutual|insurance|assurance|bank|financial|wireless"
    r"|telecom|energy|airlines|airways)"
)
WEEKDAYS: Final = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
MONTHS: Final = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
MONTH_OR_DAY_WORDS: frozenset[str] = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)

# Lower-cases ASCII only, so character offsets in the lowered text are valid in the original; the
# analysis matches lower-case patterns without re.IGNORECASE, which is several times faster in `re`.
ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower(text: str) -> str:
    # str.lower is ASCII-safe (same length) on ASCII text and much faster than translate.
    return text.lower() if text.isascii() else text.translate(ASCII_LOWER)


def narrowed(gate: tuple[str, ...], said: str, words: str | None = None) -> tuple[str, ...]:
    """The substrings of `gate` that occur in `said` (a call's turns joined): a turn of that call passes the gate
    exactly when it passes the narrowed one, which skips the substrings nobody said (often all of them).

    `words`, when given, are the distinct `word_tokens` of `said` joined by spaces: a substring of letters only
    lies inside one of those words wherever it occurs, so it is looked for in that text, most often a few times
    shorter than the call (its words repeat)."""
    if words is None:
        return tuple(part for part in gate if part in said)
    return tuple(part for part in gate if part in (words if part.isalpha() and part.isascii() else said))


def led_by(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a look-ahead for `first`, a character class of every character a match of it
    can start with.

    `re` jumps straight to candidate positions only when a pattern opens with a literal or a character class;
    one that opens with `\\b` or another assertion is attempted at every position of the text, each attempt
    walking its alternatives. The look-ahead turns most positions away in one test: the scans of the
    assertion-led patterns of the analysis run 1.2 to 4 times faster, with the same matches as long as
    `first` holds every possible first character (tests/unit/test_analysis_patterns.py checks each one).

    `re` itself does not read a leading look-ahead as the characters a match starts with, so the search still
    enters its matcher at every position only for the look-ahead to turn it away; `_with_first_class` hands it
    the class, and the search skips to candidate positions in its own scan loop (2 % of a compiled brief).
    """
    return _with_first_class(f"(?={first})(?:{pattern})", flags)


def _with_first_class(source: str, flags: int) -> re.Pattern[str]:
    """`source`, a pattern that opens with a look-ahead of one character class, compiled with that class as the
    set of characters a match can start with: the search skips every other position without entering the
    matcher, exactly as it does for a pattern that opens with the class itself. The matches are the same (the
    look-ahead still runs at each candidate). `re` derives that set from a pattern's first item when it is a
    literal, a class or an alternation of literals, never from a look-ahead: for the time of the compilation its
    helper is given that one case. Case-insensitive patterns are compiled as they are (the set would have to
    fold case), and so is everything on a Python whose `re` internals differ."""
    compiler = getattr(re, "_compiler", None)
    constants = getattr(re, "_constants", None)
    helper = getattr(compiler, "_get_charset_prefix", None)
    if compiler is None or constants is None or helper is None:
        return re.compile(source, flags)

    def first_class(parsed: Any, parsed_flags: int) -> Any:
        if not parsed.data:
            return helper(parsed, parsed_flags)
        op, av = parsed.data[0]
        if (
            op is constants.ASSERT
            and av[0] == 1  # ahead, not behind
            and len(av[1].data) == 1
            and av[1].data[0][0] is constants.IN
            and not parsed_flags & re.IGNORECASE
        ):
            return av[1].data[0][1]
        return helper(parsed, parsed_flags)

    compiler._get_charset_prefix = first_class
    try:
        compiled: re.Pattern[str] = compiler.compile(source, flags)
    finally:
        compiler._get_charset_prefix = helper
    return compiled


# Byte tables for the per-turn scans every rule needs (its words, its digit runs, how many capitals it has):
# `bytes.translate` runs in C over the whole turn, three to four times faster than the equivalent `re` scan. A
# non-ASCII character becomes one "?" under encode("ascii", "replace"), which none of these tables keeps.
_KEEP_LETTERS: Final = bytes([c if 97 <= c <= 122 else 32 for c in range(256)])
_KEEP_DIGITS: Final = bytes([c if 48 <= c <= 57 else 32 for c in range(256)])
_NOT_UPPER: Final = bytes([c for c in range(256) if not 65 <= c <= 90])
_NOT_ALNUM_LOW: Final = bytes([c for c in range(256) if not (48 <= c <= 57 or 97 <= c <= 122)])
_DIGIT_RUN: Final = re.compile(r"\d+")
_NOT_ALNUM: Final = re.compile(r"[\W_]+")


# Each ASCII digit as "0", each ASCII letter as "a", "-", "/" and "." kept, anything else a space (see `shape`).
_SHAPE: Final = bytes(
    [
        48 if 48 <= c <= 57 else 97 if 65 <= c <= 90 or 97 <= c <= 122 else c if c in b"-./" else 32
        for c in range(256)
    ]
)


def word_tokens(low: str) -> list[str]:
    """The `[a-z]+` tokens of an ASCII-lowered text."""
    return low.encode("ascii", "replace").translate(_KEEP_LETTERS).decode("ascii").split()


def digit_runs(text: str) -> list[bytes] | list[str]:
    """The `\\d+` runs of `text` (only their lengths are meant to be read). `\\d` also matches non-ASCII
    digits, so a non-ASCII text takes the regex."""
    if text.isascii():
        return text.encode("ascii").translate(_KEEP_DIGITS).split()
    return _DIGIT_RUN.findall(text)


def shape(text: str) -> str | None:
    """`text` with each ASCII digit written "0" and each ASCII letter "a", "-", "/" and "." kept and anything else
    a space, at the same offsets: `in` and `find` on it answer a short digit-led regex ("a letter next to a
    digit", "a digit, a slash and a digit") in C, without the regex engine's cost per character. None for a text
    that is not ASCII (`\\d` matches other digits too)."""
    if not text.isascii():
        return None
    return text.encode("ascii").translate(_SHAPE).decode("ascii")


def capitals(text: str) -> int:
    """How many ASCII capital letters `text` has."""
    return len(text.encode("ascii", "replace").translate(None, _NOT_UPPER))


def alnum_key(value: str) -> str:
    """`value` lower-cased with everything but letters and digits dropped (the form values are compared in)."""
    low = value.lower()
    if low.isascii():
        return low.encode("ascii").translate(None, _NOT_ALNUM_LOW).decode("ascii")
    # `re`'s \w is str.isalnum() plus "_", so this keeps exactly the alphanumeric characters.
    return _NOT_ALNUM.sub("", low)


# A sentence ends at . ! or ? and a space, but not after a title or an abbreviation that takes a name or a
# number after it ("Dr. Patel", "Mrs. Lee", "St. Louis", "No. 4"). The pattern opens with the space it matches
# (the look-behinds take it into account), so that `re` skips ahead to spaces instead of trying every position.
_SENTENCE_END: Final = re.compile(
    r"\s(?<=[.!?]\s)(?<!\bDr\.\s)(?<!\bMr\.\s)(?<!\bMs\.\s)(?<!\bMrs\.\s)(?<!\bSt\.\s)(?<!\bNo\.\s)(?<!\bMt\.\s)"
    r"(?<!\bJr\.\s)(?<!\bSr\.\s)(?<!\bvs\.\s)\s*"
)


def sentence_at(text: str, pos: int) -> str:
    """The sentence of `text` that contains character `pos`, trimmed, so descriptions quote one thought."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() >= pos:
            return text[start : m.start()].strip()
        start = m.end()
    return text[start:].strip()


def sentence_before(text: str, pos: int) -> str:
    """The sentence of `text` before the one that contains character `pos`, trimmed ("" when there is none)."""
    start = previous = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() >= pos:
            break
        previous, start = start, m.end()
    return text[previous:start].strip() if start else ""


def quote_at(text: str, pos: int = 0, limit: int = 100) -> str:
    """The sentence of `text` that contains character `pos`, shortened to `limit` characters so that the words
    at `pos` (what the quotation is for) stay in it: a long sentence loses its start ("…") before its end."""
    start = 0
    end = len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.start() >= pos:
            end = m.start()
            break
        start = m.end()
    sentence = text[start:end]
    at = max(0, pos - start)
    lead = len(sentence) - len(sentence.lstrip())
    sentence = sentence.strip()
    at = max(0, at - lead)
    if len(sentence) <= limit or at < limit // 2:
        return clip(sentence, limit)
    cut = sentence.find(" ", max(0, at - 25))
    cut = cut + 1 if 0 <= cut < at else max(0, at - 25)
    return clip("…" + sentence[cut:].lstrip(), limit)


def end_sentence(text: str) -> str:
    """`text` ending with a full stop, unless it already ends a sentence (also inside a closing quote)."""
    return text if text.rstrip('"”)').endswith((".", "!", "?", "…")) else text + "."


def clip(text: str, limit: int = 140) -> str:
    """Shortens a quotation on a word boundary so a brief stays one screen."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(",;: ") + "…"


def number_value(token: str) -> str:
    """'four' -> '4'; digits stay as they are (booking systems store counts as digits)."""
    low = token.lower()
    if low in NUMBER_WORDS:
        return str(NUMBER_WORDS[low])
    return token
