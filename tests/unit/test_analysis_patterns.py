"""The look-ahead classes of `_text.led_by` patterns hold every character a match can start with.

A class that missed one would silently drop matches, so each is checked against the pattern's own parse tree
(`re._parser`, the parser `re.compile` uses): the set of characters a match can open with is computed from the
tree and every one of them must be in the class.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

import pytest

from domain.analysis import _text, compliance, entities, markers, sentiment, summary, triggers

pytestmark = pytest.mark.unit

# Every character below U+0250 (ASCII, Latin-1, Latin Extended) and a few a caller's text may carry.
ALPHABET = [chr(c) for c in range(0x250)] + list("’‘“”€£…٣３")
_CATEGORIES = {
    sre.CATEGORY_DIGIT: re.compile(r"\d"),
    sre.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    sre.CATEGORY_SPACE: re.compile(r"\s"),
    sre.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    sre.CATEGORY_WORD: re.compile(r"\w"),
    sre.CATEGORY_NOT_WORD: re.compile(r"\W"),
}


def _cases(ch: str, flags: int) -> set[str]:
    both = {ch, ch.lower(), ch.upper()} if flags & re.IGNORECASE else {ch}
    return {c for c in both if len(c) == 1}


def _in_class(items: list[tuple[Any, Any]], ch: str, flags: int) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
            continue
        for c in _cases(ch, flags):
            if (
                (op is sre.LITERAL and ord(c) == av)
                or (op is sre.RANGE and av[0] <= ord(c) <= av[1])
                or (op is sre.CATEGORY and _CATEGORIES[av].fullmatch(c))
            ):
                hit = True
    return hit != negate


def _first_of_sequence(items: list[tuple[Any, Any]], flags: int) -> tuple[set[str], bool]:
    """(characters a match of the sequence can start with, whether it can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_of(op, av, flags)
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_of(op: Any, av: Any, flags: int) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return _cases(chr(av), flags), False
    if op is sre.NOT_LITERAL:
        return {c for c in ALPHABET if c != chr(av)}, False
    if op is sre.ANY:
        return {c for c in ALPHABET if c != "\n" or flags & re.DOTALL}, False
    if op is sre.IN:
        return {c for c in ALPHABET if _in_class(av, c, flags)}, False
    if op is sre.BRANCH:
        out: set[str] = set()
        nullable = False
        for alternative in av[1]:
            first, empty = _first_of_sequence(alternative, flags)
            out |= first
            nullable = nullable or empty
        return out, nullable
    if op is sre.SUBPATTERN:
        _, add, remove, inner = av
        return _first_of_sequence(inner, (flags | add) & ~remove)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, inner = av
        first, nullable = _first_of_sequence(inner, flags)
        return first, nullable or low == 0
    if op is sre.ATOMIC_GROUP:
        return _first_of_sequence(av, flags)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # zero-width
    raise AssertionError(f"unhandled regex op {op}")


def first_characters(pattern: str, flags: int = 0) -> set[str]:
    first, nullable = _first_of_sequence(_parser.parse(pattern, flags).data, flags)
    return set(ALPHABET) if nullable else first


def _led_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    seen: set[int] = set()
    for module in (compliance, entities, markers, sentiment, summary, triggers):
        found: list[tuple[str, re.Pattern[str]]] = [
            (f"{module.__name__}.{name}", value)
            for name, value in vars(module).items()
            if isinstance(value, re.Pattern)
        ]
        for name, value in vars(module).items():
            if isinstance(value, tuple):  # the cue and topic tables
                for row in value:
                    if isinstance(row, tuple):
                        found += [
                            (f"{module.__name__}.{name}[{row[0]}]", v)
                            for v in row
                            if isinstance(v, re.Pattern)
                        ]
        for name, pattern in found:
            if pattern.pattern.startswith("(?=[") and id(pattern) not in seen:
                seen.add(id(pattern))
                yield name, pattern


def _split(led: re.Pattern[str]) -> tuple[re.Pattern[str], str]:
    """The look-ahead class and the inner pattern of a `led_by` pattern."""
    head, _, inner = led.pattern.partition(")(?:")
    return re.compile(head[3:], led.flags), inner[:-1]


LED = list(_led_patterns())


def test_the_hot_patterns_are_led() -> None:
    names = {name for name, _ in LED}
    for expected in ("entities._DATE", "entities._TIME", "markers.COMMITMENT", "sentiment._EMPATHY"):
        assert any(n.endswith(expected.split(".")[1]) for n in names), expected
    assert (
        sum("_CUES[" in n for n in names) == len(sentiment._CUES) - 1
    )  # all but the one that may open on \W


@pytest.mark.parametrize(("name", "led"), LED, ids=[name for name, _ in LED])
def test_lookahead_class_holds_every_first_character(name: str, led: re.Pattern[str]) -> None:
    lookahead, inner = _split(led)
    assert _text.led_by(lookahead.pattern, inner, led.flags).pattern == led.pattern
    missing = sorted(c for c in first_characters(inner, led.flags) if not lookahead.fullmatch(c))
    assert not missing, f"{name}: a match can start with {missing!r}, which {lookahead.pattern} turns away"


def test_the_check_catches_a_class_that_misses_a_first_character() -> None:
    led = _text.led_by(r"[ab]", r"\b(?:apple|banana|(?:the\s+)?cherry)\b")
    lookahead, inner = _split(led)
    assert first_characters(inner) == {"a", "b", "c", "t"}
    assert sorted(c for c in first_characters(inner) if not lookahead.fullmatch(c)) == ["c", "t"]
    # ... and what that costs: the led pattern misses "cherry", the inner one finds it.
    assert led.search("a cherry") is None
    assert re.search(inner, "a cherry") is not None


def test_a_led_pattern_hands_re_its_first_class() -> None:
    # The compiled program differs from re.compile's only by the set of first characters the search skips to;
    # a case-insensitive pattern keeps re.compile's program (that set would have to fold case).
    led = _text.led_by(r"[ab]", r"\b(?:apple|banana)\b")
    assert led != re.compile(led.pattern)
    assert [m.span() for m in led.finditer("an apple, a banana, bananas")] == [(3, 8), (12, 18)]
    folded = _text.led_by(r"[ab]", r"\b(?:apple|banana)\b", re.IGNORECASE)
    assert folded == re.compile(folded.pattern, re.IGNORECASE)
    assert folded.search("An APPLE") is not None


def test_led_patterns_find_what_their_inner_patterns_find() -> None:
    text = (
        "on the 3rd of may at 5:30 pm, order ab-12345, call (415) 555-0142, i'll refund $20 — we guarantee it"
    )
    for name, led in LED:
        _, inner = _split(led)
        plain = re.compile(inner, led.flags)
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in plain.finditer(text)], name


def _generated_turns(patterns: list[re.Pattern[str]], seed: int, count: int) -> list[str]:
    """Turns made of the words the patterns are written with, so that many of them match."""
    rng = random.Random(seed)
    vocabulary = sorted(
        {w for p in patterns for w in re.findall(r"[a-z]+(?:'[a-z]+)?", p.pattern)}
        | {"i", "you", "the", "my", "it", "is", "this", "that", "please", "charges", "transactions", "i'll"}
    )
    return [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 8))) + rng.choice(["", "?", ".", "!"])
        for _ in range(count)
    ]


def test_substring_gates_hold_for_every_match() -> None:
    """A gate skips a pattern when the turn has none of its substrings, so every text the pattern matches
    must contain one of them: topics and the AI agent's markers, on generated turns."""
    gated = [(f"topic {key}", pattern, markers.TOPIC_GATES[key]) for key, _, pattern in markers.TOPICS]
    gated += [
        ("identity", markers.IDENTITY_VERIFIED, markers.IDENTITY_GATE),
        ("commitment", markers.COMMITMENT, markers.COMMITMENT_GATE),
        ("unfulfillable", markers.UNFULFILLABLE, markers.UNFULFILLABLE_GATE),
        ("visit", markers.VISIT, markers.VISIT_GATE),
        ("failure", markers.ASSISTANT_FAILURE, markers.FAILURE_GATE),
        ("handoff", markers.ASSISTANT_HANDOFF, markers.HANDOFF_GATE),
    ]
    matched = 0
    for low in _generated_turns([p for _, p, _ in gated], seed=8, count=20000):
        for name, pattern, gate in gated:
            if pattern.search(low):
                matched += 1
                assert any(part in low for part in gate), (name, low)
    assert matched > 2000


def test_second_layer_gates_of_the_agent_markers_hold_for_every_match() -> None:
    """A gate substring listed in an `*_ONLY_WITH` table opens its pattern only beside one of the substrings
    listed for it: every match must pass that narrower gate too."""
    gated = [
        (markers.COMMITMENT, markers.COMMITMENT_GATE, markers.COMMITMENT_ONLY_WITH),
        (markers.ASSISTANT_FAILURE, markers.FAILURE_GATE, markers.FAILURE_ONLY_WITH),
    ]
    matched = 0
    for low in _generated_turns([p for p, _, _ in gated], seed=11, count=20000):
        for pattern, gate, only_with in gated:
            if pattern.search(low):
                matched += 1
                assert markers.maybe_with(pattern, gate, only_with, low) is not None, (
                    pattern.pattern[:40],
                    low,
                )
    assert matched > 1000


def test_every_action_taken_passes_the_commitment_gate() -> None:
    """Each verb of an action taken ("I've requested a refund") opens the commitment gate: random turns seldom
    put "I've" right before one of them, so each is tried."""
    verbs = set(re.findall(r"[a-z]+", markers.DONE.pattern)) - {"i", "we", "ve", "have", "s"}
    tried = 0
    for verb in sorted(verbs):
        for low in (f"i've {verb} it for you.", f"we have {verb} it."):
            if markers.COMMITMENT.search(low):
                tried += 1
                assert markers.maybe_with(
                    markers.COMMITMENT, markers.COMMITMENT_GATE, markers.COMMITMENT_ONLY_WITH, low
                ), low
    assert tried > 40


def test_word_gates_of_the_frustration_cues_hold_for_every_match() -> None:
    matched = 0
    for low in _generated_turns([p for _, p, _ in sentiment._CUES], seed=9, count=20000):
        words = set(_text.word_tokens(low))
        for name, pattern, _ in sentiment._CUES:
            if pattern.search(low):
                matched += 1
                gate_words, gate_parts = sentiment._GATES[name]
                assert not words.isdisjoint(gate_words) or any(p in low for p in gate_parts), (name, low)
                # ... and the words some gate words need beside them (`_ONLY_WITH`) are there too
                only_with = sentiment._ONLY_WITH.get(name)
                if only_with is not None:
                    assert sentiment._opens(frozenset(words), low, gate_words, gate_parts, only_with), (
                        name,
                        low,
                    )
    assert matched > 2000


def test_the_courtesy_gate_holds_for_every_match() -> None:
    matched = 0
    for low in _generated_turns([sentiment._POSITIVE], seed=10, count=20000):
        if sentiment._POSITIVE.search(low):
            matched += 1
            assert sentiment._may_be_positive(low, frozenset(_text.word_tokens(low))), low
    assert matched > 2000


def test_a_turns_shape_answers_what_the_digit_regexes_answer() -> None:
    """`_text.shape` stands in for `_LETTER_DIGIT` and `_DATE_DIGITS` in an ASCII turn: same answer, same place."""
    rng = random.Random(11)
    pieces = ["1", "23", "4", "a", "b", "z", "-", "/", ".", " ", ",", "$", ":", "#"]
    seen_letter_digit = seen_date = 0
    for _ in range(20000):
        low = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        form = _text.shape(low)
        assert form is not None and len(form) == len(low)
        letter_digit = any(part in form for part in entities._LETTER_DIGIT_SHAPES)
        assert letter_digit == (entities._LETTER_DIGIT.search(low) is not None), low
        seen_letter_digit += letter_digit
        end = rng.randint(0, len(low))
        found = [at for at in (form.find(p, 0, end) for p in entities._DATE_DIGIT_SHAPES) if at >= 0]
        date = entities._DATE_DIGITS.search(low, 0, end)
        assert (min(found) if found else None) == (date.start() if date else None), (low, end)
        seen_date += date is not None
    assert seen_letter_digit > 1000 and seen_date > 100
    assert _text.shape("٣/٤") is None  # other digits: the regexes decide


def test_extraction_of_a_non_ascii_turn_takes_the_regexes() -> None:
    found = entities.extract_turn("Überweisung ref AB12345 am 3/14", 1)
    assert ("reference_id", "AB12345") in [(e.key, e.value) for e in found]
    assert ("date", "3/14") in [(e.key, e.value) for e in found]


def test_the_bounded_category_scan_finds_what_a_scan_of_the_whole_turn_finds() -> None:
    """`entities._categories` scans only between the turn's first and last head words: same matches."""
    rng = random.Random(12)
    heads = sorted(entities._HEAD_WORDS)
    fillers = [
        "thai",
        "my",
        "it's",
        "a",
        "the",
        "new",
        "x-ray",
        "7",
        "range",
        "carpet",
        "vip",
        "o'neil",
        "2nd",
    ]
    glue = [" ", " ", " ", ", ", ". ", "-", "'", "  ", "\n"]
    seen = 0
    for _ in range(20000):
        words = [rng.choice(heads if rng.random() < 0.3 else fillers) for _ in range(rng.randint(1, 9))]
        low = "".join(w + rng.choice(glue) for w in words).strip()
        found = frozenset(_text.word_tokens(low)) & entities._HEAD_WORDS
        if not found:
            continue
        bounded = [m.span() for m in entities._categories(low, found)]
        assert bounded == [m.span() for m in entities._CATEGORY.finditer(low)], low
        seen += bool(bounded)
    assert seen > 5000


def test_the_card_shape_gate_holds_for_every_card_the_regex_finds() -> None:
    """`compliance._may_hold_a_card` turns a text away only when `entities.CARD` finds nothing in it."""
    rng = random.Random(13)
    pieces = [
        "4111",
        "4111",
        "4111",
        "1111",
        "12",
        "3",
        "0",
        " ",
        " ",
        " ",
        "-",
        "-",
        ".",
        "$",
        "\n",
        "ab",
        ",",
    ]
    seen = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(4, 24)))
        if entities.CARD.search(text):
            seen += 1
            assert compliance._may_hold_a_card(text), text
    assert seen > 300
    assert not compliance._may_hold_a_card("I see an order from March 3rd for $129.99, account 4481 2290.")


def test_the_ssn_shape_gate_holds_for_every_number_the_read_out_check_finds() -> None:
    """The read-out check looks for a whole social security number only in agent text whose `shape` holds one of
    `compliance._SSN_SHAPE` (hyphens read as spaces): every text `compliance._FULL_SSN` matches has it."""
    rng = random.Random(17)
    pieces = ["123", "45", "6789", "1", "12", " ", " ", "-", "-", "\n", "ab", ",", "."]
    seps = [" ", "-", "\n", "\t", "  ", "--"]
    seen = 0
    for _ in range(20000):
        around = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(2)]
        planted = f"123{rng.choice(seps)}45{rng.choice(seps)}6789" if rng.random() < 0.5 else ""
        text = around[0] + planted + around[1]
        if compliance._FULL_SSN.search(text):
            seen += 1
            form = _text.shape(text)
            assert form is not None and compliance._SSN_SHAPE in form.replace("-", " "), text
    assert seen > 300
