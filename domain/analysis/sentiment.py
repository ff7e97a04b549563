"""Scores caller frustration per turn from lexical cues and rolls it into a caller sentiment level."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.analysis._text import lower
from domain.brief import SENTIMENT_LEVELS, SentimentLevel

# Patterns are matched against the ASCII-lowered turn (_text.lower); IGNORECASE makes `re` several times slower.
_I = 0

# Cue name -> (pattern, weight). Weights were set so that one strong cue (profanity, a threat, asking for
# a manager) or two mild ones (a repeated failed step plus a complaint word) make a turn "frustrated".
_CUES: tuple[tuple[str, re.Pattern[str], float], ...] = (
    (
        "asked for a human",
        re.compile(
            r"\b(?:speak|talk|chat)(?:ing)?\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+|some\s*one\s+|somebody\s+)?"
            r"(?:real\s+|live\s+|actual\s+)?(?:human|person|agent|representative|rep|manager|supervisor|operator|"
            r"someone|somebody)\b"
            r"|\b(?:get|give|transfer|connect|put)\s+me\s+(?:through\s+)?(?:to|with)?\s*(?:a\s+|an\s+|the\s+|your\s+)?"
            r"(?:real\s+|live\s+)?(?:human|person|agent|representative|manager|supervisor|someone)\b"
            r"|\b(?:real|live|actual)\s+(?:human|person|agent)\b|\bhuman\s+being\b|\byour\s+(?:manager|supervisor)\b"
            r"|^\W*(?:agent|representative|operator|human)(?:\s+please)?\W*$",
            _I,
        ),
        2.0,
    ),
    (
        "threatened to cancel or complain",
        re.compile(
            r"\b(?:cancel|close|terminate)\w*\s+(?:my\s+|the\s+|this\s+)?(?:account|subscription|service|membership|"
            r"contract|card)\b|\b(?:file|make|lodge|register|submit)\s+(?:a\s+|an\s+)?(?:formal\s+)?complaint\b"
            r"|\bcomplain\w*|\b(?:lawyer|attorney|sue|suing|lawsuit|legal\s+action|small\s+claims|"
            r"better\s+business\s+bureau|bbb|consumer\s+protection|ombudsman)\b|\breport\s+(?:you|this|it)\b"
            r"|\btake\s+my\s+business\b|\bswitch(?:ing)?\s+(?:to\s+)?(?:another|a\s+different)\b"
            r"|\b(?:return|refund|money)\s+(?:of\s+)?(?:the\s+|my\s+)?money\b|\bmy\s+money\s+back\b",
            _I,
        ),
        2.0,
    ),
    (
        "profanity",
        re.compile(
            r"\b(?:damn\w*|hell|crap\w*|shit\w*|bullshit|fuck\w*|f\*+\w*|wtf|ass(?:hole)?|bloody|screw\s+(?:this|you|it)|"
            r"pissed|piss\w*|bastard\w*|sucks?)\b",
            _I,
        ),
        3.0,
    ),
    (
        "repeated a failed step",
        re.compile(
            r"\b(?:i(?:'ve|\s+have)?\s+)?(?:already|just)\s+(?:told|said|gave|given|explained|tried|done|did|sent|"
            r"provided|answered|checked|restarted|reset|tested)\b|\bi\s+(?:told|said\s+to)\s+you\b|\bas\s+i\s+"
            r"(?:said|told\s+you|mentioned|explained)\b|\bhow\s+many\s+times\b|\b(?:once\s+)?again\b"
            r"|\b(?:third|second|fifth|several|many|multiple)\s+times?\b|\bevery\s+time\b|\bkeeps?\s+\w+ing\b"
            r"|\bstill\s+(?:not|no|isn't|doesn't|don't|can't|cannot|won't|hasn't|haven't|nothing|the\s+same|"
            r"does\s+not|do\s+not|is\s+not|has\s+not|have\s+not|without|didn't|did\s+not)\b"
            r"|\bnothing\s+(?:has\s+)?(?:helped|helps|works|worked|changed|happened|brought)\b"
            r"|\b(?:didn't|did\s+not|doesn't|does\s+not|hasn't|has\s+not|won't|will\s+not)\s+(?:help|work|solve|fix|"
            r"change|bring|brought|resolve)\w*\b|\bno\s+(?:longer|more)\s+(?:works?|working)\b"
            r"|\bnot\s+(?:working|work)\s+anymore\b|\b(?:yet|anymore)\b[^.?!]*\?|\bwhat\s+now\b",
            _I,
        ),
        1.5,
    ),
    (
        "negative language",
        re.compile(
            r"\b(?:frustrat\w*|annoy\w*|angry|furious|upset|ridiculous|unacceptable|terrible|horrible|awful|useless|"
            r"pathetic|worst|incompetent|disgust\w*|outrage\w*|absurd|nonsense|joke|waste\w*|wasting|sick\s+of|"
            r"tired\s+of|fed\s+up|had\s+enough|patience|disappoint\w*|unbelievable|shame\w*|scam\w*|rip[-\s]?off|"
            r"fraud\w*|lie|lied|lying|stupid|idiot\w*|rude|hate|mess|undue|unfair|absolutely\s+not|seriously|"
            r"nobody|no\s+one|never\s+(?:again|received|arrived|got|came|answered|responded)|no\s+response|"
            r"no\s+answer|no\s+help|without\s+(?:success|result|response|an?\s+answer)|can't\s+stand|"
            r"not\s+acceptable|not\s+ok|not\s+okay|not\s+happy|unhappy|dissatisf\w*|inadmissible|"
            r"urgent\w*|immediately|expect\s+(?:a|an|my)|i\s+demand|demand\w*)\b",
            _I,
        ),
        2.0,
    ),
    (
        "reported a problem",
        re.compile(
            r"\b(?:can't|cannot|can\s+not|couldn't|could\s+not|unable|impossible|not\s+possible|doesn't\s+work|"
            r"does\s+not\s+work|not\s+working|won't|will\s+not|isn't\s+working|stopped|broken|broke|error|fail\w*|"
            r"charged|debited|billed|wrong|missing|lost|problem|issue|defect\w*|damaged|blocked|locked|"
            r"never|no\s+way|nothing)\b",
            _I,
        ),
        1.0,
    ),
    (
        "rhetorical question",
        re.compile(
            r"\b(?:why|how\s+come|what\s+is\s+going\s+on|are\s+you\s+serious|"
            r"did\s+you\s+(?:even\s+)?read|do\s+you\s+(?:even\s+)?understand)\b[^.!]*\?",
            _I,
        ),
        1.0,
    ),
    ("emphatic punctuation", re.compile(r"[!?]{2,}|!\s*$"), 1.0),
)
# Cheap substring checks that every match of a cue needs; they skip the regex on most turns (the 60-turn
# brief has a 2 ms budget).
_GATES: dict[str, tuple[str, ...]] = {
    "asked for a human": ("human", "person", "agent", "rep", "manager", "supervisor", "operator", "some"),
    "threatened to cancel or complain": (
        "cancel",
        "close",
        "terminat",
        "complain",
        "lawyer",
        "attorney",
        "sue",
        "suing",
        "lawsuit",
        "legal",
        "claims",
        "bbb",
        "bureau",
        "consumer",
        "ombudsman",
        "report",
        "business",
        "switch",
        "money",
    ),
    "profanity": (
        "damn",
        "hell",
        "crap",
        "shit",
        "fuck",
        "f*",
        "wtf",
        "ass",
        "bloody",
        "screw",
        "piss",
        "bastard",
        "suck",
    ),
    "rhetorical question": ("?",),
    "emphatic punctuation": ("!", "??", "?!"),
}
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_ACRONYMS = frozenset(
    {
        "USA",
        "PDF",
        "APP",
        "SMS",
        "FAQ",
        "ATM",
        "USB",
        "GPS",
        "PIN",
        "SSN",
        "DVD",
        "CEO",
        "NBA",
        "NFL",
        "LAX",
        "SFO",
        "JFK",
        "AMC",
        "THE",
        "BBB",
        "EUR",
        "USD",
        "BRL",
        "CHF",
        "WIFI",
        "URL",
        "NAME",
        "EMAIL",
        "NUMBER",
        "ORG",
        "PRS",
        "IOS",
        "MAC",
        "OK",
        "ID",
        "TV",
        "PC",
        "DIY",
    }
)
_POSITIVE = re.compile(
    r"\b(?:thanks?|thank\s+you|great|perfect|awesome|excellent|appreciate\w*|wonderful|fantastic|lovely|"
    r"helpful|happy|glad|cool|sounds\s+good|that\s+works|brilliant)\b",
    _I,
)
_ESCALATION_CUES = frozenset({"asked for a human", "threatened to cancel or complain", "profanity"})

FRUSTRATION_THRESHOLD = 2.0
_LEVEL_FLOORS: tuple[tuple[float, SentimentLevel], ...] = (
    (5.5, "escalated"),
    (4.0, "angry"),
    (2.0, "frustrated"),
    (1.0, "slightly_frustrated"),
)
LABELS: dict[SentimentLevel, str] = {
    "calm": "Calm",
    "slightly_frustrated": "Slightly frustrated",
    "frustrated": "Frustrated",
    "angry": "Angry",
    "escalated": "Escalated",
}


@dataclass(frozen=True, slots=True)
class TurnSentiment:
    """One caller turn: its own cue score, the cues found, and the rolling caller level after it."""

    turn_index: int
    score: float
    cues: tuple[str, ...]
    level: SentimentLevel

    @property
    def frustrated(self) -> bool:
        return self.score >= FRUSTRATION_THRESHOLD


def score_turn(text: str, previous_caller_texts: tuple[str, ...] = ()) -> tuple[float, tuple[str, ...]]:
    """Frustration score of one caller turn and the names of the cues behind it."""
    score = 0.0
    cues: list[str] = []
    low = lower(text)
    for name, pattern, weight in _CUES:
        gate = _GATES.get(name)
        if gate is not None and not any(k in low for k in gate):
            continue
        if pattern.search(low):
            score += weight
            cues.append(name)
    caps = [w for w in _CAPS_WORD.findall(text) if w not in _ACRONYMS] if low != text else []
    if len(caps) >= 2 and len(text) > 12:
        score += 2.0
        cues.append("shouting (all caps)")
    if previous_caller_texts and len(text) > 15:
        said = low.strip(" .!?")
        if any(said == lower(p).strip(" .!?") for p in previous_caller_texts):
            score += 1.5
            cues.append("repeated the same request")
    if score and _POSITIVE.search(low) and "profanity" not in cues:
        score -= 1.0
    return max(score, 0.0), tuple(cues)


def level_for(running: float, escalation_seen: bool) -> SentimentLevel:
    for floor, level in _LEVEL_FLOORS:
        if running >= floor:
            if level == "escalated" and not escalation_seen:
                return "angry"
            return level
    return "calm"


def track(caller_turns: list[tuple[int, str]]) -> list[TurnSentiment]:
    """Scores each caller turn and carries a decaying running score, so one calm reply lowers but does not
    erase the level an angry caller reached."""
    out: list[TurnSentiment] = []
    running = 0.0
    escalation_seen = False
    previous: list[str] = []
    for index, text in caller_turns:
        score, cues = score_turn(text, tuple(previous[-4:]))
        previous.append(text)
        escalation_seen = escalation_seen or any(c in _ESCALATION_CUES for c in cues)
        running = running * 0.5 + score
        out.append(TurnSentiment(index, score, cues, level_for(running, escalation_seen)))
    return out


def rank(level: SentimentLevel) -> int:
    return SENTIMENT_LEVELS.index(level)
