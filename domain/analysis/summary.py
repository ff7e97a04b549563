"""Writes the extractive call summary (3–5 bullets) and the rule-based next steps (1–3)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Final, NamedTuple

from domain.analysis._text import (
    BUSINESS_SUFFIX,
    NUMBER_WORDS,
    alnum_key,
    clip,
    end_sentence,
    led_by,
    lower,
    narrowed,
    quote_at,
    sentence_at,
    word_tokens,
)
from domain.analysis.entities import (
    AFFIRMED,
    ANSWER_LEAD,
    CANNOT_FIND,
    HESITATIONS,
    LANGUAGES,
    NO_MATCH,
    SENSITIVE_KEYS,
    Entity,
    goes_on,
    spoken_numbers,
)
from domain.analysis.markers import (
    ASKED_IF_AI,
    ASKED_IF_AI_GATE,
    ASSISTANT_FAILURE,
    ASSISTANT_HANDOFF,
    CLAIMS_HUMAN,
    CLAIMS_HUMAN_WORDS,
    DONE,
    HANDOFF_GATE,
    Hit,
    maybe,
)
from domain.analysis.sentiment import LABELS, THREAT_CUE, TurnSentiment, rank
from domain.analysis.triggers import COMPLAINT_CUE, EARLIER_COMPLAINT, Trigger, kept_by_offer
from domain.brief import Confidence, NextStep

# A turn of courtesies only ("Hi there.", "Perfect, thank you.", "Okay, great, thanks so much!"). No two
# alternatives match the same words ("thank you" is "thank" then "you"), so a long run cannot backtrack.
_COURTESY: Final = (
    r"(?:hi|hello|hey|good\s+(?:morning|afternoon|evening)|yes|yeah|yep|no|ok(?:ay)?|sure|thanks?|bye"
    r"|goodbye|perfect|great|alright|all\s+right|fine|cool|correct|exactly|right|that's\s+(?:right|correct|me)"
    r"|sounds\s+(?:good|great|right)|there|again|so\s+much|you"
    # the answer to "Is this Priya?": "Yes it is.", "Yes, speaking.", "Yeah, this is she."
    r"|it\s+is|it's\s+me|that's\s+it|speaking|this\s+is\s+(?:she|he|me)|i\s+am)"
)
_GREETING_ONLY: Final = re.compile(rf"^\W*{_COURTESY}\b(?:[\W\s]+{_COURTESY}\b)*[\W\s]*$", re.IGNORECASE)
# A sentence that only greets or says who is calling ("Hi, this is Maria Gonzalez."): not the request.
_INTRODUCTION: Final = re.compile(
    r"^\W*(?:(?i:hi|hello|hey|good\s+(?:morning|afternoon|evening))(?:\s+there)?\W*)?(?:(?i:yes|yeah|sure)\W*)?"
    r"(?i:my\s+name\s+is|my\s+name's|this\s+is|i'm|i\s+am|it's)\s+(?:(?i:mr|mrs|ms|dr)\.?\s+)?"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    r"(?:\W+(?i:without|with)\s+(?:the\s+|an?\s+)?[a-zA-Z])?\W*$"  # "It's Jon, without the h."
)
_FILLER_ONLY: Final = re.compile(
    r"^\W*(?:(?:hi|hello|hey|yes|yeah|yep|ok(?:ay)?|so|um+|uh+|well|right|sure|there)\b\W*)+$", re.IGNORECASE
)
_SENTENCES: Final = re.compile(r"\s(?<=[.!?]\s)\s*")  # opens with the space: `re` skips ahead to spaces
_MASK_KEYS: Final = SENSITIVE_KEYS | {"phone_number", "email"}
# The agent's open question ("How can I help?", "What's the reason for your call?"): the caller's answer to the
# first one is their request.
_OPEN_QUESTION: Final = re.compile(
    r"\bhow\s+(?:can|may|could|might)\s+(?:i|we)\s+(?:help|assist)|\bwhat\s+can\s+(?:i|we)\s+(?:do|help)"
    r"|\breason\s+for\s+(?:your|the|today's)\s+call|\bwhat(?:'s|\s+is)\s+(?:it|this|the\s+call)\s+(?:about|regarding)"
    r"|\bwhat(?:'s|\s+is)\s+(?:the\s+(?:problem|issue|matter)|going\s+on|happened)|\bwhat\s+(?:brings|seems)"
    r"|\bhow\s+can\s+i\s+be\s+of\s+help|\bwhat\s+(?:are\s+you|were\s+you)\s+calling\s+about"
)
# An agent question for one detail or a confirmation ("Can I take your name?", "Is that right?"): the answer to
# it is the detail, not the request.
_DETAIL_QUESTION: Final = re.compile(
    # (a word or two may name which: "your tracking number", "the account number", "your library card number")
    r"\b(?:your|the|an?|[a-z]+'s)\s+(?:full\s+|first\s+|last\s+)?(?:[a-z]+\s+){0,2}?(?:name|number|e-?mail|address|post\s*code"
    r"|postal\s+code|zip|date\s+of\s+birth|birthday|account|policy|order|reference|phone|mobile|last\s+four|pin"
    r"|password|id|code)\b"
    r"|\b(?:what|which)\s+(?:date|day|time|e-?mail|address|number|phone|account)\b|\bwhere\s+(?:are\s+you|will\s+you\s+be)\s+(?:flying|travell?ing|leaving|departing)"
    r"|\b(?:who\s+)?am\s+i\s+(?:speaking|talking)|\bconfirm\b|\bis\s+that\s+(?:right|correct)\b|\bmaiden\s+name\b"
    # ("Name on the application?", "And the OTP?")
    r"|^\W*(?:and\s+)?(?:the\s+)?(?:full\s+|first\s+|last\s+)?(?:name|date\s+of\s+birth|post\s*code|zip\s+code|otp)\b"
    r"|\b(?:does|did)\s+that\s+(?:sound|look)\b|\bspell\b"
)
# The answer to a detail question: this many words at most, or fewer than the second figure with the detail in
# it. A longer answer carries more than the detail (often the request itself).
_DETAIL_ANSWER_WORDS: Final = 6
_LONG_DETAIL_ANSWER_WORDS: Final = 12
# Words an answer spends on saying a value aloud, not counted in its length: numbers said as words, spelled
# letters, the words of a spoken address ("k as in kilo, w, o, n, g at brightmail dot com") and hesitations.
_SPELLING_WORDS: Final = frozenset(
    [
        *NUMBER_WORDS,
        *HESITATIONS,
        "oh",
        "double",
        "triple",
        "as",
        "in",
        "at",
        "dot",
        "dash",
        "underscore",
        "hyphen",
    ]
)


def _answer_length(text: str) -> int:
    """How many words `text` has, less those it spends on saying a value aloud (`_SPELLING_WORDS`, digit groups
    and letters other than "I" and "a")."""
    n = 0
    for word in lower(text).split():
        word = word.strip(".,!?;:'\"")
        if word not in _SPELLING_WORDS and (len(word) != 1 or word in "ia") and not word.isdigit():
            n += 1
    return n


# Sentences about the call itself, not the caller's business: "Are you a robot?", "Just answer the question."
_ABOUT_THE_LINE: Final = re.compile(
    # "Hold on one sec, let me find my account number."
    r"^\W*(?:(?:hold\s+on|hang\s+on|one\s+(?:sec|second|moment)|just\s+a\s+(?:sec|second|moment)|give\s+me\s+a\s+"
    r"(?:sec|second|moment))\b\W*(?:(?:one|a)\s+(?:sec|second|moment)\b\W*)?(?:let\s+me\s+(?:find|get|grab|check|look)"
    r"[^.?!]*)?[.?!]?\s*$|"
    r"(?:sorry\W*)?(?:(?:just\s+)?answer\s+(?:the|my)\s+question\b|(?:can|could)\s+you\s+(?:please\s+)?"
    r"(?:repeat|say)\s+(?:that|it)(?:\s+again)?\W*$|what\s+was\s+(?:that|the\s+\w+)\s+again\W*$"
    r"|you're\s+(?:going|talking|speaking)\s+too\s+fast\W*$|(?:please\s+)?slow\s+down\W*$"
    # "Hello? Are you still there?"
    r"|(?:hello\W+)?(?:are\s+you\s+(?:still\s+)?there|is\s+(?:any|some)(?:one|body)\s+there|can\s+you\s+hear\s+me)\W*$"
    # "Hello? Is this the clinic?", "Am I through to the right department?"
    r"|(?:hello\W+)?(?:is\s+this|is\s+that|am\s+i\s+(?:through\s+to|speaking\s+to|calling))\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?"
    r"(?:clinic|bank|office|surgery|practice|pharmacy|hospital|company|department|line|number|place|store|shop|helpline"
    r"|team|council)\W*$"
    # "Is this call being recorded?"
    r"|(?:is|are)\s+(?:this|the|my|these|you)\s+(?:call\s+|calls\s+|conversation\s+)?(?:being\s+)?recorded\W*$"
    # a word the speech recognition got wrong, said again or spelled: "No! I said Boston, not Austin.", "B-O-S-T-O-N."
    r"|(?:no\W+)?i\s+said\s+[^.?!]{1,40}\W*$|(?:[a-z][-\s.]){2,}[a-z]\W*$"
    # "No, let me finish! Stop interrupting me."
    r"|(?:no\W+)?(?:let\s+me\s+finish|stop\s+interrupting(?:\s+me)?)\W*$"
    # a remark on being answered by a machine: "Oh great, another automated system.", "Ugh, I hate these robots."
    r"|(?:(?:(?:oh\s+)?(?:great|perfect|wonderful|fantastic|brilliant|lovely)|ugh|oh\s+no|not)\W+(?:another|a|an)|another)"
    r"\s+(?:automated\s+(?:system|assistant|voice|line|menu)|robot|bot|machine|computer)\W*$"
    r"|(?:ugh\W+)?i\s+hate\s+(?:these|this|talking\s+to)\s+(?:\w+\s+)?(?:systems?|robots?|bots?|machines?|computers?)\W*$))",
    re.IGNORECASE,
)


def _about_the_line(sentence: str) -> bool:
    low = lower(sentence)
    return _ABOUT_THE_LINE.match(low) is not None or (
        any(k in low for k in ASKED_IF_AI_GATE) and ASKED_IF_AI.search(low) is not None
    )


# What a relay operator says before the caller's own words ("The customer says: ...", "caller says i need ..."), and
# a turn in which the operator only introduces the call ("this is the relay service with a call for you ... go
# ahead").
_RELAYED: Final = re.compile(
    r"\b(?:the\s+)?(?:customer|caller|user)\s+(?:says|said|types|typed|writes|wrote)\s*:\s*"
    r"|^\W*(?:the\s+)?(?:customer|caller|user)\s+(?:says|said|types|typed|writes|wrote)\b\W*",
    re.IGNORECASE,
)
_RELAY_ONLY: Final = re.compile(
    r"^\W*(?:(?:hello|hi)\W+)?this\s+is\s+(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+){0,2}relay\s+(?:operator|service)\b"
    r"(?!.*\b(?:says|said|need|needs|want|wants|would\s+like|calling\s+(?:about|to|because))\b)",
    re.IGNORECASE,
)


def _substance(text: str) -> str | None:
    """`text` without its opening greetings, fillers and introduction, and without questions about who is on the
    line ("Am I talking to a real person?"), or None when that is all it says."""
    if "relay" in text and _RELAY_ONLY.match(text):
        return None  # the operator introducing the call: the caller's words come next
    relayed = _RELAYED.search(text) if ":" in text or " says" in text or " types" in text else None
    if relayed is not None:  # "... with a call from a deaf customer. The customer says: I need to reset ..."
        text = text[relayed.end() :]
    if len(text.split()) < 3 or _GREETING_ONLY.match(text):
        return None
    sentences = [s for s in _SENTENCES.split(text.strip()) if not _about_the_line(s)]
    if "record" in text.lower():  # (`caller_intent` falls back on a refusal of the recording)
        sentences = _without_refusal(sentences)
    if not sentences:
        return None
    while sentences and _says_nothing(sentences[0]):
        sentences.pop(0)
    if not sentences:
        return None  # only an introduction, or a "No!" before words about the line: the request comes later
    return clip(" ".join(sentences), 160)


def _without_refusal(sentences: list[str]) -> list[str]:
    """`sentences` without a refusal of the recording and a "Please turn it off." after one."""
    rest: list[str] = []
    refused = False
    for sentence in sentences:
        low = lower(sentence)
        if "record" in low and _NO_RECORDING.search(low):
            refused = True
        elif not refused or not _TURN_IT_OFF.match(low):
            rest.append(sentence)
    return rest


def _says_nothing(sentence: str) -> bool:
    """Whether a sentence only greets, fills or introduces the caller ("Hi there.", "Um, so", "This is Maria.")."""
    return bool(
        _GREETING_ONLY.match(sentence) or _FILLER_ONLY.match(sentence) or _INTRODUCTION.match(sentence)
    )


# The AI agent could not find the detail the caller gave ("I don't see a card ending 4417 on your profile."): the
# caller's next words give it again, they are not the request.
_DETAIL_NOT_FOUND: Final = re.compile(
    rf"\b{CANNOT_FIND}\b[^.?!]{{0,40}}"
    r"\b(?:card|account|order|booking|reservation|number|record|policy|email|address|ending)\b"
    rf"|\b{NO_MATCH}\b"
)


# A detail asked for at the very end of a turn, without a question mark ("may i have your name", "can i take your
# account number", "Please tell me your National Insurance number.").
_DETAIL_NOUN: Final = (
    r"(?:name|number|e-?mail|address|post\s*code|postal\s+code|zip(?:\s+code)?|date\s+of\s+birth|birthday|pin|password|id"
    r"|reference|otp|code|passcode)(?:\s+please)?\W*$"
)
_DETAIL_ASKED_AT_END: Final = re.compile(
    r"\b(?:(?:can|may|could)\s+i\s+(?:have|get|take|grab)|please\s+(?:tell\s+me|give\s+me|say|confirm|provide|state|read"
    rf"\s+me)|(?:tell|give)\s+me|what(?:'s|\s+is))\s+(?:your|the)\s+(?:[a-z]+\s+){{0,3}}?{_DETAIL_NOUN}"
    # the next detail after thanks for the last ("thanks 441922806 and your date of birth")
    r"|^\W*(?:thanks|thank\s+you|got\s+it|okay|ok|great)\b[^.?!]*\band\s+(?:your\s+|the\s+)?(?:[a-z]+\s+){0,4}?"
    + _DETAIL_NOUN
)


_READ_BACK: Final = re.compile(r"\W*(?:so\s+|and\s+)?(?:that's|that\s+is|that\s+was)\s+[^.?!]*\d")


def _asks_for_detail(low_prompt: str) -> bool:
    """Whether the agent turn ends on a question for one detail or a confirmation, not an open question, or says
    it could not find the detail given."""
    mark = low_prompt.rfind("?")
    if mark < 0:
        # asked without a question mark (speech-to-text: "this call may be recorded may i have your name", or
        # "Please tell me your National Insurance number.")
        return (
            _DETAIL_NOT_FOUND.search(low_prompt) is not None
            or _DETAIL_ASKED_AT_END.search(low_prompt) is not None
        )
    asked = low_prompt[low_prompt.rfind(".", 0, mark) + 1 : mark]
    if _READ_BACK.match(asked):
        return True  # "That's QQ 12 34 56 C?": a value read back to check
    return _DETAIL_QUESTION.search(asked) is not None and _OPEN_QUESTION.search(asked) is None


_CUT_OFF: Final = ("-", "—", "–", "...", "…")
_CUT_OFF_WORDS: Final = 8
# Words no sentence ends on: a turn ending on one without a full stop was cut off mid-sentence.
_UNFINISHED: Final = frozenset(
    [
        "and",
        "but",
        "so",
        "or",
        "because",
        "to",
        "the",
        "a",
        "an",
        "my",
        "of",
        "for",
        "with",
        "that",
        "if",
        "when",
    ]
)


def _cut_off(text: str) -> bool:
    said = text.rstrip()
    if said.endswith(_CUT_OFF):
        return True
    last = said.rsplit(None, 1)[-1] if said else ""
    return last.isalpha() and last.lower() in _UNFINISHED


def caller_intent(
    turns: list[tuple[str, str]], entities: Sequence[Entity] = (), lows: Sequence[str] | None = None
) -> str | None:
    """Why the caller called: the first caller turn that says something beyond a greeting, an introduction or
    the short answer to a question for one detail ("Can I take your postcode?" "Yes, it's SW1A 2AA."; short: a
    few words, or under a dozen with the detail in them, as `entities` found). Opening sentences that only greet
    or introduce the caller are left out ("Hi, this is Maria. My bill is wrong."). `lows` are the turns
    ASCII-lowered, when the caller has them."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    with_values = {e.turn_index for e in entities}
    detail_asked = False
    prompt = ""  # the AI agent's last turn
    refusal = None  # a refusal of the recording: the request when the caller asks for nothing else
    for i, (role, text) in enumerate(turns):
        if role == "assistant":
            if not goes_on(lows[i]):
                detail_asked = _asks_for_detail(lows[i])
                prompt = lows[i]
            continue
        if prompt and _echoes(lows[i], prompt):
            continue  # "Yes, that's 14 Elm Street.": a read-back confirmed, not the request
        said = _substance(text)
        if said is None and refusal is None and "record" in lows[i] and _NO_RECORDING.search(lows[i]):
            refusal = clip(text.strip(), 160)
        if said is None or (len(text.split()) <= _CUT_OFF_WORDS and _cut_off(text)):
            continue  # (or cut off before it said anything: "I wanted to—", "So last month I was travelling and")
        if detail_asked:
            words = _answer_length(text)
            if words <= _DETAIL_ANSWER_WORDS or (words < _LONG_DETAIL_ANSWER_WORDS and i in with_values):
                # the detail asked for, not the request; unless a sentence after it asks ("Mark Oduya. I need to
                # update my direct deposit.")
                then = _ASKS_AFTER.search(text)
                if then is None:
                    continue
                said = clip(text[then.end() :].strip(), 160)
        return _real_reason(turns, lows, i) or said
    return refusal


# An answer that confirms or corrects what the AI agent read back: it opens with an answer ("yes", "no", "that's")
# and says nothing the AI agent's turn did not ("Your order goes to 14 Elm Street?" "Yes, that's 14 Elm Street.").
_CONFIRMS: Final = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|no|nope|correct|right|that's|thats|that\s+is|it's|its|it\s+is)\b"
)
_ECHO_FILLER: Final = frozenset(
    [
        "yes",
        "yeah",
        "yep",
        "yup",
        "no",
        "nope",
        "correct",
        "right",
        "that",
        "thats",
        "s",
        "is",
        "it",
        "its",
        "the",
        "a",
    ]
)
_ALNUM_RUN: Final = re.compile(r"[a-z0-9]+")


def _echoes(low: str, prompt: str) -> bool:
    """Whether a caller turn (lowered) only confirms or corrects words of the AI agent's turn `prompt`."""
    if _CONFIRMS.match(low) is None or len(low.split()) > _LONG_DETAIL_ANSWER_WORDS:
        return False
    said = [w for w in _ALNUM_RUN.findall(low) if w not in _ECHO_FILLER]
    return bool(said) and set(said) <= set(_ALNUM_RUN.findall(prompt))


# The caller setting what they first asked aside for what they called about ("Actually never mind that. The real
# reason I'm calling is I got in an accident this morning.").
_REAL_REASON: Final = led_by(
    r"[airmw]",
    r"\b(?:real|main|actual)\s+reason\s+(?:i'm|i\s+am|im|i\s+was|i'm\s+really)\s+calling\b"
    r"|\bi'm\s+(?:really|actually)\s+calling\s+(?:about|because|for)\b"
    r"|\bwhat\s+i'm\s+(?:really|actually)\s+calling\s+(?:about|for)\b",
)


# A sentence after the answer to a question for a detail that says what the caller wants (speech-to-text may write
# it without the full stop: "mark oduya i need to update my direct deposit").
_ASKS_AFTER: Final = re.compile(
    r"[.!?,]?\s+(?=(?:i\s+need|i\s+want|i'd\s+like|i\s+would\s+like|i'm\s+calling|i\s+am\s+calling|i'm\s+trying"
    r"|can\s+you|could\s+you|can\s+i|could\s+i)\b)",
    re.IGNORECASE,
)


def _real_reason(turns: list[tuple[str, str]], lows: Sequence[str], first: int) -> str | None:
    """The caller's words from where a turn after `first` (the turn taken for the request) says what the call is
    really about, if one does."""
    for i in range(first, len(turns)):
        role, text = turns[i]
        m = _REAL_REASON.search(lows[i]) if role == "user" and "calling" in lows[i] else None
        if m is not None:
            start = max(text.rfind(end, 0, m.start()) for end in ".!?") + 1  # from the sentence it is in
            return clip(text[start:].strip(), 160)
    return None


def _confirmed_question(turns: list[tuple[str, str]]) -> str | None:
    """The last yes-or-no question of the AI agent's that the caller answered yes ("Is it about a payment
    arrangement?" "Yes."): what a caller who only answers questions called about."""
    confirmed = None
    for i in range(1, len(turns)):
        role, text = turns[i]
        prompt_role, prompt = turns[i - 1]
        if (
            role != "user"
            or prompt_role != "assistant"
            or len(text.split()) > 4
            or not AFFIRMED.match(lower(text))
        ):
            continue
        mark = prompt.rfind("?")
        low = lower(prompt)
        if mark >= 0 and not _asks_for_detail(low) and _OPEN_QUESTION.search(low) is None:
            question = quote_at(prompt, mark, 120)
            if sum(c.isdigit() for c in question) < _READ_BACK_DIGITS:
                confirmed = question  # (not "I have your social as 512-44-8890, is that still right?")
    return confirmed


_READ_BACK_DIGITS: Final = 9  # a question holding this many digits reads a number back to check it


# "Can I speak with someone in Spanish?", "do you have anyone who speaks French": the language to continue in.
_LANGUAGE_ASKED: Final = re.compile(
    r"\b(?:someone|somebody|anyone|agent|person|representative|talk|speak|help|service|continue)\b[^.?!]{0,25}?"
    r"\bin\s+(?P<in>" + "|".join(sorted(LANGUAGES)) + r")\b"
    r"|\b(?:who|that)\s+speaks?\s+(?P<speaks>" + "|".join(sorted(LANGUAGES)) + r")\b"
    r"|\b(?P<speaking>" + "|".join(sorted(LANGUAGES)) + r")[-\s]speaking\b"
)
# A language asked for by its own name ("español, por favor", "en français"), and the `word_tokens` pieces that
# gate the scan ("español" is "espa" and "ol" to the `[a-z]+` tokens).
_NATIVE_NAMES: Final = {
    "español": "spanish",
    "espanol": "spanish",
    "français": "french",
    "francais": "french",
    "deutsch": "german",
    "português": "portuguese",
    "portugues": "portuguese",
    "italiano": "italian",
    "polski": "polish",
}
_NATIVE_NAME_WORDS: Final = frozenset(word_tokens(name)[0] for name in _NATIVE_NAMES)
_NATIVE_ASKED: Final = re.compile(
    r"(?<!\w)("
    + "|".join(_NATIVE_NAMES)
    + r")(?!\w)(?=[^.?!]{0,20}\b(?:por\s+favor|please|s'il\s+vous|bitte))"
    r"|\b(?:en|auf|em|in)\s+(" + "|".join(_NATIVE_NAMES) + r")(?!\w)"
)
# A caller who cannot hear or follow the call ("What? I can't hear you very well.", "I can't understand this
# machine"): the human should slow down. The gate's substrings, one of which every match holds, are tested per
# caller turn before the pattern runs.
_HARD_TO_FOLLOW_GATE: Final = (
    "hear",
    "understand",
    "louder",
    "slower",
    "slowly",
    "speak up",
    "talk up",
    "too fast",
    "slow down",
)
_HARD_TO_FOLLOW_WORDS: Final = frozenset(
    ["hear", "hearing", "understand", "louder", "slower", "slowly", "up", "fast", "slow"]
)
_HARD_TO_FOLLOW: Final = re.compile(
    r"\b(?:can't|cannot|can\s+not|couldn't)\s+hear\s+(?:you|anything|a\s+thing|what|(?:very\s+|too\s+|so\s+)?well)"
    r"|\bhard\s+of\s+hearing"
    r"|\b(?:speak|talk)\s+(?:up|louder|slower|more\s+slowly)\b|\b(?:can't|cannot)\s+understand\s+(?:this|the|you|what)\b"
    r"|\b(?:going|talking|speaking)\s+too\s+fast\b|\bslow\s+down\b"
    # "I don't understand this new automated thing" ("I'm confused" is most often about what the AI agent did)
    r"|\b(?:don't|do\s+not)\s+understand\s+(?:this|the|you|what|any|how)\b"
)


# A caller who cannot read what was sent ("I'm blind", "I'm visually impaired", "my eyesight is bad").
_LOW_VISION_WORDS: Final = frozenset(["blind", "visually", "sighted", "sight", "eyesight", "vision"])
_LOW_VISION: Final = led_by(
    r"[ihlms]",
    r"\b(?:i'm|i\s+am|i've\s+gone|i\s+went|he's|she's|he\s+is|she\s+is)\s+(?:legally\s+|partially\s+|almost\s+|nearly\s+)?"
    r"(?:blind|visually\s+impaired|partially\s+sighted|sight\s+impaired)\b|\blow\s+vision\b"
    r"|\b(?:my|his|her)\s+(?:eyesight|sight|vision)\s+is\s+(?:bad|poor|very\s+poor|going)\b",
)
# A caller who says they may need more care: their age ("I'm 79 and I don't really understand the online banking",
# "I'm eighty-four"), their memory ("my memory isn't what it was"), living alone ("I'm on my own here").
_OLDER_GATE: Final = (
    "i'm ",
    "im ",
    "i am ",
    "age",
    "pensioner",
    "memory",
    "forget",
    "alone",
    "on my own",
    "myself",
)
_TENS: Final = {"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS: Final = {
    w: n for n, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], 1)
}
_OLDER: Final = re.compile(
    r"\b(?:i'm|im|i\s+am)\s+(?:now\s+|nearly\s+|almost\s+|over\s+|turning\s+)?(?:(\d{2,3})|(sixty|seventy|eighty|ninety)"
    r"(?:[-\s](one|two|three|four|five|six|seven|eight|nine))?)(?:\s+years?\s+(?:old|of\s+age))?"
    r"(?=\s*(?:[.,!?;]|$|\s(?:and|but|so|now|next|this)\b))"
    r"|\b(?:i'm|im|i\s+am)\s+(?:an?\s+)?(?:elderly|pensioner|old\s+age\s+pensioner|senior\s+citizen|old\s+(?:man|woman|lady))\b"
    r"|\bat\s+my\s+age\b"
    # (not a phone's memory: "my memory is full")
    r"|\bmy\s+memory\b(?![^.?!]{0,15}\b(?:full|card|stick|storage|space|upgrade|gb)\b)|\b(?:i\s+keep\s+forgetting"
    r"|i\s+forget\s+things)\b"
    r"|\b(?:i\s+live|i'm\s+living|i\s+am\s+living)\s+(?:all\s+)?(?:alone|on\s+my\s+own|by\s+myself)\b"
    r"|\b(?:i'm|i\s+am)\s+(?:all\s+)?(?:alone|on\s+my\s+own)\s+(?:here|at\s+home|now|these\s+days)\b"
)
_OLDEST: Final = 110


def _needs_care(
    turns: Sequence[tuple[str, str]], lows: Sequence[str], callers: Sequence[int]
) -> list[tuple[int, int]]:
    """(turn, position) of each thing a caller says of their age, memory or living alone (`_OLDER`); an age under
    65 is not one."""
    said: list[tuple[int, int]] = []
    for i in callers:
        if not any(k in lows[i] for k in _OLDER_GATE):
            continue
        for m in _OLDER.finditer(lows[i]):
            if m.group(1) is not None:
                age = int(m.group(1))
            elif m.group(2) is not None:
                age = _TENS[m.group(2)] + (_UNITS[m.group(3)] if m.group(3) else 0)
            else:
                age = 65
            if 65 <= age <= _OLDEST:
                said.append((i, m.start()))
    return said


# A caller passed from one department to another ("This is the third department I've been sent to", "Please
# don't transfer me again").
_PASSED_ON_WORDS: Final = frozenset(
    [
        "transfer",
        "transferring",
        "transferred",
        "department",
        "departments",
        "bounced",
        "passed",
        "pass",
        "passing",
    ]
)  # (one of which every _PASSED_ON match holds)
_PASSED_ON: Final = led_by(
    r"[bdfkpst\d]",
    r"\b(?:don't|do\s+not|stop)\s+(?:transfer|transferring|pass|passing)\s+me\b"
    r"|\b(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:department|time\s+i've\s+been\s+transferred)"
    r"|\bbeen\s+transferred\s+(?:\w+\s+)?(?:twice|\d+\s+times|(?:two|three|four|five|several|many)\s+times)"
    r"|\b(?:keep|kept)\s+(?:getting\s+|being\s+)?(?:transferred|bounced|passed)|\bbounced\s+around|\bpassed\s+around\b",
)


# A caller whose health depends on the service they have lost ("the power's out and I'm on an oxygen
# concentrator", "no water and I do dialysis at home").
_MEDICAL_EQUIPMENT_WORDS: Final = frozenset(
    ["oxygen", "dialysis", "ventilator", "cpap", "concentrator", "nebulizer", "nebuliser", "medical", "life"]
)
_MEDICAL_EQUIPMENT: Final = led_by(
    r"[cdlmnov]",
    r"\b(?:oxygen|dialysis|ventilator|cpap|nebuli[sz]er|life[-\s]support|medical\s+(?:device|equipment|machine))\b",
)
_OUTAGE: Final = led_by(
    r"[bcdeghnopswo]",
    r"\b(?:power|electricity|electric|gas|heat|heating|water|service)(?:'s(?:\s+been)?|\s+is|\s+has\s+been|\s+was|\s+went|\s+has"
    r"\s+gone|\s+been)?\s+(?:out|off|down|cut)\b|\bno\s+(?:power|electricity|heat|heating|water|gas)\b"
    r"|\b(?:outage|blackout|power\s+cut|disconnected|shut\s*off|cut\s+off)\b",
)


_CALLBACK: Final = re.compile(r"\bcall\s*-?\s*back\b|\bcall\s+you\b")


# A caller who refuses to be recorded ("I don't consent to being recorded", "please stop recording").
_NO_RECORDING_WORDS: Final = frozenset(["recorded", "recording", "record"])
_NO_RECORDING: Final = led_by(
    r"[dinps]",
    # (and as speech-to-text writes them: "i dont want this call recorded")
    r"\b(?:(?:don't|dont|do\s+not|didn't|didnt|did\s+not)\s+(?:consent|agree|want)\s+to\s+(?:being|be|this\s+call\s+being)"
    r"\s+recorded|(?:don't|dont|do\s+not)\s+record\s+(?:this|me|the\s+call)|(?:please\s+)?stop\s+recording"
    r"|no\s+consent\s+to\s+(?:the\s+)?record"
    # ("I don't want this call recorded", "I don't want this recorded", "don't want to be recorded")
    r"|(?:don't|dont|do\s+not)\s+want\s+(?:(?:this|the)\s+call|this|it|that|me|to\s+be)\s+recorded)\b",
)
_TURN_IT_OFF: Final = re.compile(
    r"\W*(?:please\s+)?(?:(?:turn|switch|shut)\s+(?:it|that|the\s+recording)\s+off|stop\s+(?:it|that|the\s+recording))"
    r"(?:\s+please)?\W*$"
)
# A call put through a relay service for a deaf or hard-of-hearing caller ("this is relay operator 4417 with a call
# from a deaf customer", "I'm calling through TTY").
_RELAY_WORDS: Final = frozenset(["relay", "tty", "teletype", "typetalk"])
_RELAY: Final = re.compile(
    r"\b(?:(?:video\s+|text\s+|ip\s+)?relay\s+(?:operator|service|call|assistant|agent)|tty|teletype|typetalk|relay\s+uk)\b"
)
# A caller who says they are a child ("I'm 12.", "I'm only nine", "I am 15 years old", "I'm just a kid"), not a
# number that says something else ("I'm 5 minutes away", "I'm two payments behind").
_CHILD: Final = led_by(
    r"i",
    r"\b(?:i'm|im|i\s+am)\s+(?:only\s+|just\s+)?(?:(\d{1,2})"
    r"|(five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen))(?:\s+years?\s+old)?(?=\s*(?:[.,!?;]|$|\s(?:and|but|so|now)\b))"
    r"|\b(?:i'm|im|i\s+am)\s+(?:only\s+|just\s+)a\s+(kid|child)\b",
)
_CHILD_GATE: Final = ("i'm ", "im ", "i am ")


def _says_a_child(lows: Sequence[str], callers: Sequence[int]) -> tuple[int, str] | None:
    """(caller turn, age or "a child") where the caller says they are under 18, if they do."""
    for i in callers:
        if not any(k in lows[i] for k in _CHILD_GATE):
            continue
        for m in _CHILD.finditer(lows[i]):
            if m.group(1) is not None:
                if 5 <= int(m.group(1)) < 18:
                    return i, m.group(1)
            else:
                return i, m.group(2) or "a child"
    return None


# An interpreter on the line for the caller ("I'm an interpreter, I'm helping Mr. Tran", "I'm translating for my
# mother").
_INTERPRETER_WORDS: Final = frozenset(["interpreter", "translator", "interpreting", "translating"])
_INTERPRETER: Final = re.compile(
    r"\b(?:(?:i'm|im|i\s+am)\s+(?:an|the|a|their|his|her)\s+(?:interpreter|translator)|(?:i'm|im|i\s+am)\s+"
    r"(?:interpreting|translating)\s+for|through\s+an\s+(?:interpreter|translator))\b"
)
# The language of the caller an interpreter speaks for ("Mr. Tran who speaks Vietnamese", "she speaks spanish").
_SPEAKS: Final = re.compile(r"\bspeaks?\s+(?:only\s+)?(" + "|".join(sorted(LANGUAGES)) + r")\b")
# A caller who cannot pay because of illness or lost income ("I can't pay my bill this month, I've been in hospital
# for chemotherapy and I'm off work").
_CANNOT_PAY_WORDS: Final = frozenset(["pay", "afford"])
_HARDSHIP_WORDS: Final = frozenset(
    [
        "hospital",
        "ill",
        "illness",
        "sick",
        "cancer",
        "chemo",
        "chemotherapy",
        "surgery",
        "job",
        "laid",
        "off",
        "unemployed",
        "disability",
        "redundant",
        "work",
    ]
)
_CANNOT_PAY: Final = r"(?:can't|cannot|can\s+not|couldn't|unable\s+to)\s+(?:afford|pay)"
_HARDSHIP_CAUSE: Final = (
    r"(?:hospital|ill|illness|sick|cancer|chemo\w*|surgery|lost\s+my\s+job|laid\s+off|off\s+work|unemployed"
    r"|disability|redundant)"
)
_HARDSHIP: Final = re.compile(  # the cause said after the money, or before it
    rf"\b{_CANNOT_PAY}\b(?=[^?]{{0,120}}\b{_HARDSHIP_CAUSE}\b)|\b{_HARDSHIP_CAUSE}\b[^?]{{0,120}}\b{_CANNOT_PAY}\b"
)
# The same told over two turns ("I lost my job in October" ... "I can't pay that. I don't have it."): the money
# (not a way of paying: "I can't pay online") and a cause said of the caller ("I was sick", not "sick of this").
_CANNOT_PAY_NOW: Final = re.compile(
    rf"\b{_CANNOT_PAY}\b(?!\s+(?:online|by|through|with|via|on|using|over|at|in\s+the|from|into|the\s+(?:app|website)))"
)
_HARDSHIP_TOLD: Final = re.compile(
    r"\b(?:lost\s+my\s+job|(?:i|we|i've|we've|i\s+was|we\s+were|i\s+got|i've\s+been)\s+(?:just\s+)?laid\s+off"
    r"|(?:i'm|i\s+am|i've\s+been|i\s+was)\s+(?:\w+\s+)?(?:unemployed|redundant|off\s+work|out\s+of\s+work"
    r"|(?:very\s+|really\s+|seriously\s+)?(?:ill|sick)\b(?!\s+(?:of|and\s+tired))|in\s+(?:the\s+)?hospital)"
    r"|\bmy\s+(?:chemo\w*|cancer|surgery|operation)|\bon\s+disability)\b"
)


# A caller on the road ("I'm driving right now so I can't write anything down"), and one who wants what was agreed
# in writing ("Can you confirm that in writing, by email?").
# (now, or it is a plan: "if I am driving to the guesthouse", "I'm driving my Honda. Can I park it there?")
_DRIVING: Final = re.compile(
    r"\b(?:i'm|i\s+am|we're)\s+(?:currently\s+driving|driving\s+(?:right\s+now|at\s+the\s+moment|now)\b"
    r"|driving\s*(?:,|so\b|and\s+(?:can't|cannot)))|\bwhile\s+(?:i'm\s+)?driving\b|\bi'm\s+in\s+the\s+car\b"
)
_IN_WRITING_WORDS: Final = frozenset(["writing", "written"])
_IN_WRITING: Final = re.compile(
    r"\b(?:in\s+writing|written\s+confirmation|(?:confirmation|confirm\s+(?:it|that|this))\s+in\s+writing)\b"
)


def _open_question(turns: Sequence[tuple[str, str]], trigger: Trigger) -> str | None:
    """The caller's last question when the call (so far) ends on it ("So can you waive the fee or not?"): a
    brief taken mid-call, or a handover before the AI agent answered. Not a question about the line ("Are you
    a robot?", "Hello? Are you there?") or the request for a person the transfer reason already quotes."""
    last = len(turns) - 1
    if last < 0 or trigger.turn_index == last:
        return None
    said = _last_question(turns, "user")
    if said is None or _about_the_line(said) or _GREETING_ONLY.match(said) or len(said.split()) < 3:
        return None
    return said


def _last_question(turns: Sequence[tuple[str, str]], role: str) -> str | None:
    """The last question of the call's last turn, when `role` said it."""
    if not turns or turns[-1][0] != role:
        return None
    text = turns[-1][1]
    mark = text.rfind("?")
    return quote_at(text, mark, 90) if mark >= 0 else None


def _any_caller_turn(
    pattern: re.Pattern[str], lows: Sequence[str], callers: Sequence[int], gate: tuple[str, ...] = ()
) -> bool:
    """Whether a caller turn matches `pattern`; with `gate`, only the turns holding one of its substrings (one
    of which every match holds) are scanned."""
    return any(
        (not gate or any(k in lows[i] for k in gate)) and pattern.search(lows[i]) is not None for i in callers
    )


def _done(hit: Hit) -> bool:
    return DONE.search(lower(hit.sentence)) is not None


class Settled(NamedTuple):
    """The AI agent's commitments: the actions it says it took, and what it promised (for the human to follow
    through)."""

    done: list[Hit]
    promised: list[Hit]


def settle(commitments: list[Hit]) -> Settled:
    """`commitments` sorted into done and promised; a handoff ("I'll transfer you") is neither, the handoff
    itself keeps it."""
    settled = Settled([], [])
    for c in commitments:
        if not maybe(ASSISTANT_HANDOFF, HANDOFF_GATE, lower(c.sentence)):
            (settled.done if _done(c) else settled.promised).append(c)
    return settled


def masked(text: str, entities: Sequence[Entity]) -> str:
    """`text` (a bullet, a step, the transfer reason quoting the caller) with each sensitive value the caller gave
    shown as the summary's details show it: "My card is 4111 1111 1111 1111." reads "My card is …1111.", and so
    does "my card is four one one one ... one one" (also where a quote cuts it off)."""
    spoken: list[tuple[int, int, str]] | None = None
    for e in entities:
        if e.key not in SENSITIVE_KEYS:
            continue
        if e.value in text:
            text = text.replace(e.value, _mask(e))
            continue
        digits = "".join(c for c in e.value if c.isdigit())
        # (a secret is masked whole: "four four eight two" is all of a PIN)
        shortest = min(len(digits), _SPOKEN_PART) if e.key in _SECRET_KEYS else _SPOKEN_PART
        if not digits or len(digits) < shortest:
            continue
        if spoken is None:
            spoken = spoken_numbers(text)
        said = [s for s in spoken if len(s[2]) >= shortest and s[2] in digits]
        for start, end, _ in reversed(said):  # from the end: the spans before stay where they are
            text = text[:start] + _mask(e) + text[end:]
        if said:
            spoken = spoken_numbers(text)
    return text


# The fewest digits of a sensitive value said in words that are masked where a quote shows them (a quote cut off
# after "four one one one one one" still shows six digits of the card).
_SPOKEN_PART: Final = 6


# Secrets: no part of one is shown (the last four digits of a PIN are all of it).
_SECRET_KEYS: Final = frozenset(["password", "pin", "cvv", "security_answer"])


def _mask(e: Entity) -> str:
    # The summary is skimmed on screen; full sensitive values stay in information_collected only.
    if e.key in _SECRET_KEYS:
        return "(given)"
    if e.key in SENSITIVE_KEYS and len(e.value) > 4:
        if e.key == "date_of_birth":  # its year when it ends with one ("…1941"); "03/15/82" shows nothing
            year = e.value[-4:]
            return "…" + year if year.isdigit() and not e.value[-5:-4].isdigit() else "(given)"
        digits = "".join(c for c in e.value if c.isdigit())
        # a number said in groups ("5510 2283 9") shows its last four digits, not its last four characters
        # a value in words ("november fifth nineteen eighty eight", a mother's maiden name) shows none of itself
        return "…" + digits[-4:] if len(digits) >= 4 else "(given)"
    return e.value


# An AI agent that placed the call says so in its first turn ("Hi, this is Ava, an automated assistant calling from
# Lakeside Dental", "This is an automated call from Summit Collections", "You requested a quote online"), and what it
# called about in a sentence of its first turns ("I'm calling to remind you of your appointment ...").
_OUTBOUND: Final = re.compile(
    # (not the caller's calling: "Are you calling about your bill?", "I see you're calling from ...")
    r"(?<!you\s)(?<!you're\s)(?<!youre\s)(?<!you\sare\s)\bcalling\s+(?:from|about|for|on\s+behalf\s+of|to\s+(?:remind|confirm"
    r"|let|follow|check|tell|offer|update))\b"
    r"|\b(?:this\s+is|it's)\s+an?\s+(?:automated\s+|courtesy\s+|quick\s+)?(?:call|survey|reminder)\s+from\b"
    r"|\bautomated\s+(?:survey|reminder|fraud\s+prevention\s+line)\b|\byou\s+requested\s+a\b"
)
_PURPOSE: Final = re.compile(
    r"\bcalling\s+(?:to|about|because|regarding|with)\b|\bremind|\bwe\s+(?:noticed|have\s+a|need)\b|\byou\s+requested\b"
    r"|\bspecial\s+offer\b|\bsurvey\b|\bdid\s+you\s+make\b"
)
_OUTBOUND_TURNS: Final = 2  # the AI agent's turns that may say what it called about


_ANSWERS_THE_PHONE: Final = 4  # words at most of what the person called says before the AI agent ("Hello?")


def _outbound_purpose(turns: list[tuple[str, str]]) -> str | None:
    """What the AI agent called about, when it placed the call (`_OUTBOUND` in its first turn, which opens the call
    or follows the "Hello?" of the person who picked up): the first sentence of its first turns that says it
    (`_PURPOSE`), else the one that says it is calling."""
    opening = (
        1
        if len(turns) > 1 and turns[0][0] == "user" and len(turns[0][1].split()) <= _ANSWERS_THE_PHONE
        else 0
    )
    if len(turns) <= opening or turns[opening][0] != "assistant":
        return None
    first = lower(turns[opening][1])
    if "call" not in first and "survey" not in first and "request" not in first:
        return None
    calling = _OUTBOUND.search(first)
    if calling is None:
        return None
    agent = [text for role, text in turns if role == "assistant"][:_OUTBOUND_TURNS]
    for text in agent:
        low = lower(text)
        said = _PURPOSE.search(low)
        while said is not None:
            sentence = sentence_at(text, said.start())
            if not sentence.rstrip().endswith("?") or "did you make" in sentence.lower():
                return clip(sentence, 140)
            said = _PURPOSE.search(low, said.end())
    return clip(sentence_at(turns[opening][1], calling.start()), 140)


def summarise(
    turns: list[tuple[str, str]],
    entities: list[Entity],
    moods: list[TurnSentiment],
    verified_at: int | None,
    settled: Settled,
    trigger: Trigger,
    intent: str | None,
    *,
    distress: tuple[int, str] | None = None,
) -> list[str]:
    """The summary bullets; `settled` is `settle` of the AI agent's commitments, `intent` the `caller_intent`,
    `distress` the caller's turn that shows distress and its words (`sentiment.distressed`)."""
    bullets: list[str] = []
    purpose = _outbound_purpose(turns)
    if purpose is not None:
        # the AI agent called: what it called about first, then what the person it reached wants
        bullets.append(
            f'Outbound call by the AI agent: "{purpose}"' + (f' Caller: "{intent}"' if intent else "")
        )
    elif intent:
        bullets.append(f'Caller request: "{intent}"')
    else:
        confirmed = _confirmed_question(turns)
        bullets.append(
            f'Caller did not state a request; said yes to: "{confirmed}"'
            if confirmed
            else "Caller did not state a request."
        )
    if entities:
        shown = "; ".join(f"{e.key.replace('_', ' ')}: {_mask(e)}" for e in entities[:5])
        more = f" (+{len(entities) - 5} more)" if len(entities) > 5 else ""
        bullets.append(f"Details collected: {shown}{more}.")
    else:
        bullets.append("No account or booking details were collected.")
    ai: list[str] = []
    if verified_at is not None:
        ai.append(f"verified the caller's identity at turn {verified_at}")
    done, promised = settled
    # What the AI agent already did ("I've waived the late fee") is settled; what it promised is still open.
    for hits, verb in ((done, "did"), (promised, "committed")):
        if len(hits) > 1:
            ai.append(f'{verb} {len(hits)} things, last: "{clip(hits[-1].sentence, 100)}"')
        elif hits:
            ai.append(f'{verb}: "{clip(hits[0].sentence, 110)}"')
    if ai:
        bullets.append(end_sentence("AI agent " + "; ".join(ai)))
    if moods:
        current = moods[-1].level
        peak = max(moods, key=lambda m: (rank(m.level), -m.turn_index))
        line = f"Caller sentiment: {LABELS[current]}"
        if rank(peak.level) > rank(current):
            line += f" (peaked at {LABELS[peak.level]} at turn {peak.turn_index})"
        if distress is not None:
            line += f'; distressed at turn {distress[0]}: "{distress[1]}"'
        bullets.append(end_sentence(line))
    else:
        bullets.append("The caller has not spoken yet.")
    if trigger.kind != "fallback":
        bullets.append(end_sentence(f"Handoff: {trigger.reason}"))
    elif len(moods) >= 2 and not _bare_answer(moods[-1].turn_index, turns, entities):
        bullets.append(f'Latest caller message: "{clip(turns[moods[-1].turn_index][1], 120)}"')
    if len(bullets) < 3:
        bullets.append(
            f"Call has {len(turns)} turn(s); {sum(r == 'user' for r, _ in turns)} from the caller."
        )
    return [masked(b, entities) for b in bullets[:5]]


def _bare_answer(index: int, turns: Sequence[tuple[str, str]], entities: Sequence[Entity]) -> bool:
    """Whether caller turn `index` is only a detail the caller gave ("4482", "uh it's four four eight two"), which
    the details bullet already shows (masked, it would read "(given)")."""
    text = _ANSWER_LEAD.sub("", lower(turns[index][1]))
    said = alnum_key(text)
    return any(
        e.turn_index == index
        and (alnum_key(e.value) == said or alnum_key(masked(text, [e])) == alnum_key(_mask(e)))
        for e in entities
    )


_ANSWER_LEAD: Final = re.compile(ANSWER_LEAD)


_BOOKING_PREFIXES: Final = ("booking", "reservation", "confirmation")
_DEVICE_KEYS: Final = frozenset(["imei", "vin", "mac_address"])  # a device or a vehicle on the account


# A handover that says nothing of what the person will do ("Okay, I'll transfer you to an agent.", "Connecting you
# now."): no step to pick up.
_BARE_HANDOVER: Final = re.compile(
    r"^\W*(?:(?:okay|ok|alright|sure|certainly|of\s+course|one\s+moment|please\s+hold)\W+)*(?:(?:i'll|i\s+will|let\s+me"
    r"|i'm\s+going\s+to|i\s+can)\s+)?(?:transfer(?:ring)?|connect(?:ing)?|put(?:ting)?)\s+you(?:\s+(?:through|now))?"
    r"(?:\s+(?:to|with)\s+(?:an?\s+)?(?:agent|person|human|representative|someone|somebody|live\s+agent|team\s+member)"
    r")?(?:\s+now)?\W*$"
)


def _verify_step(entities: list[Entity]) -> str:
    keys = [e.key for e in entities]
    if not any(k in _MASK_KEYS or k.startswith(("account", "customer", "member", "card")) for k in keys):
        if any(k.startswith(_BOOKING_PREFIXES) for k in keys):
            return "Verify the caller's identity before changing the booking."
        for prefix, noun in (
            ("order", "order"),
            ("claim", "claim"),
            ("policy", "policy"),
            ("case", "case"),
            ("prescription", "prescription"),
            ("ticket", "ticket"),  # a support ticket or a travel one
        ):
            if any(k.startswith(prefix) for k in keys):
                return f"Verify the caller's identity before acting on the {noun}."
    return "Verify the caller's identity before acting on the account."


# The AI agent did not understand the caller, as opposed to being unable to do what was asked.
_NOT_UNDERSTOOD: Final = re.compile(
    r"\b(?:didn't|did\s+not|don't|do\s+not|couldn't|could\s+not|can't|cannot)\s+(?:quite\s+)?"
    r"(?:understand|catch|hear)\b|\brepeat\b|\b(?:say|try)\s+that\s+again\b"
)
# A caller acting for someone else: "calling on behalf of my mother", "I have power of attorney", "I'm calling
# about my son's account".
_RELATIVE_WORDS: Final = frozenset(
    [
        "mother",
        "father",
        "mom",
        "mum",
        "dad",
        "husband",
        "wife",
        "son",
        "daughter",
        "grandmother",
        "grandfather",
        "grandma",
        "grandpa",
        "parent",
        "parents",
        "aunt",
        "uncle",
        "brother",
        "sister",
        "partner",
        "client",
        "employer",
        "tenant",
    ]
)
_RELATIVE: Final = (
    r"(?:elderly\s+|late\s+)?(?:" + "|".join(sorted(_RELATIVE_WORDS, key=len, reverse=True)) + ")"
)
_CARER_WORDS: Final = ("caregiver", "carer", "guardian", "conservator")
_FOR_SOMEONE_ELSE_WORDS: Final = frozenset(["behalf", "attorney", "poa", *_CARER_WORDS])
_FOR_SOMEONE_ELSE_GATE: Final = (
    "behalf",
    "attorney",
    "poa",
    *_CARER_WORDS,
    "calling for my",
    "calling about my",
    "i'm his ",
    "i'm her ",
    "i'm their ",
)
_SPEAKING_FOR_WORDS: Final = frozenset(["calling", "his", "her", "their"])
_FOR_SOMEONE_ELSE: Final = re.compile(
    # (not "on behalf of the business" or "on behalf of Northwind Traders, I'm their office manager": a company's
    # contact, whom verification itself authorises)
    r"\bon\s+(?:behalf\s+of\b(?!\s+(?:the|my|our)\s+(?:business|company|firm|organi[sz]ation|employer|team|office)\b)"
    rf"(?!(?:\s+[a-z&'-]+){{1,4}}\s+{BUSINESS_SUFFIX}\b)(?![^.!?]{{0,60}}\bi'm\s+their\s+(?:[a-z]+\s+)?"
    r"(?:manager|owner|director|administrator|bookkeeper|accountant)\b)"
    r"|(?:my|his|her|their)\s+[a-z]+'s\s+behalf)|\bpower\s+of\s+attorney\b|\bpoa\b"
    rf"|\bi'm\s+(?:his|her|their)\s+{_RELATIVE}\b"  # "Harold Jensen, I'm his daughter Karen."
    # "I'm the caregiver for Mr. Henry Olsen", "I'm her legal guardian"
    rf"|\b(?:i'm|i\s+am)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)(?:legal\s+|primary\s+)?(?:{'|'.join(_CARER_WORDS)})\b"
    rf"|\bcalling\s+(?:for|about)\s+my\s+{_RELATIVE}(?:'s\s+(?:[a-z]+\s+)?(?:account|policy|bill|plan|claim"
    r"|appointment|prescription|card|loan|benefits|tests?|results?|records?|medication|treatment|insurance)\b|\b(?!'))"
)
# A caller who wants no more calls ("take me off your calling list", "stop calling me") or their data erased
# ("I want all my personal data deleted"): a legal obligation, not a preference.
# (each match holds one of the words of its gate)
_DO_NOT_CALL_WORDS: Final = frozenset(["list", "stop", "again", "register"])
_DELETE_WORDS: Final = frozenset(
    ["delete", "erase", "remove", "wipe", "deleted", "erased", "removed", "wiped", "forgotten", "erasure"]
)
_DO_NOT_CALL: Final = re.compile(
    r"\b(?:take|remove|put)\s+(?:me|my\s+(?:number|name))\s+(?:off|from|on)\s+(?:your|the)\s+(?:(?:calling|call|phone|contact"
    r"|do[-\s]not[-\s]call|mailing|marketing)\s+)?list|\bstop\s+calling\s+(?:me|my|this|it|us)\b(?!\s+(?:sir|ma'am|madam|by|names?\b|a\b|an\b|that))|\bdo[-\s]not[-\s]call\s+(?:list|me|register)"
    r"|\b(?:don't|do\s+not|never)\s+call\s+(?:me|this\s+number)\s+again\b"
)
# The person the AI agent called is not the one who answered ("You have the wrong number.", "He doesn't live here
# anymore"), not a caller who gave a wrong number themselves ("I gave you the wrong number").
_WRONG_PERSON_WORDS: Final = frozenset(["wrong", "live"])  # (each match has one)
_WRONG_PERSON: Final = re.compile(
    r"\b(?:you\s+have|you've\s+got|you\s+got|you\s+called|you\s+dialed|you\s+dialled|this\s+is|it's)\s+(?:the\s+|a\s+)?"
    r"wrong\s+(?:number|person)|^\W*wrong\s+number\b"
    r"|\b(?:he|she|they)\s+(?:doesn't|does\s+not|don't|do\s+not)\s+live\s+here\b"
)
_DELETE_MY_DATA: Final = re.compile(
    r"\b(?:delete|erase|remove|wipe)\s+(?:all\s+)?(?:of\s+)?my\s+(?:personal\s+)?(?:data|information|info|details)\b"
    r"|\bmy\s+(?:personal\s+)?(?:data|information|info|details)\s+(?:deleted|erased|removed|wiped)\b"
    r"|\bright\s+to\s+(?:be\s+forgotten|erasure|delete)\b"
)
# A caller asking for a copy of the personal data held on them ("a subject access request", "I want a copy of all
# the personal data you hold on me", "what information do you have on me").
_DATA_COPY_WORDS: Final = frozenset(["access", "copy", "data", "information", "info"])  # (each match has one)
_DATA_COPY: Final = re.compile(
    r"\b(?:data\s+)?subject\s+access\s+request\b|\bcopy\s+of\s+(?:all\s+)?(?:the\s+|my\s+)?(?:personal\s+)?"
    r"(?:data|information|info)\b|\bwhat\s+(?:personal\s+)?(?:data|information|info)\s+(?:do\s+)?you\s+"
    r"(?:hold|have|keep|store)\s+(?:on|about)\s+me\b"
)
# What the caller wants the person for, said with the request for one ("someone about a refund").
_ASKED_ABOUT: Final = re.compile(
    r"\b(?:someone|somebody|person|human|agent|representative|manager|supervisor|specialist)\b[^.?!]{0,30}"
    r"\b(?:about|regarding)\s+\w"
)
# The caller refuses what a retention script offers ("No thanks. I just want to cancel.", "Not the retention team").
_DECLINED_RETENTION: Final = re.compile(
    r"\bno,?\s+thanks?\b|\bnot\s+(?:the\s+)?retention\b|\bjust\s+(?:want|need)\s+(?:you\s+)?to\s+cancel"
    r"|\b(?:please|just)\s+cancel\s+it\b|\bdon't\s+want\s+(?:an?\s+|the\s+|any\s+)?(?:offer|discount|deal|plan)"
)


def _declined_retention(turns: Sequence[tuple[str, str]], since: int) -> bool:
    return any(
        role == "user" and _DECLINED_RETENTION.search(lower(text))
        for role, text in turns[max(since, 0) + 1 :]
    )


# The AI agent taking back what it told the caller ("I apologize, I need to correct myself. AX 207 is an
# international flight ..."): the caller heard something wrong, and may have acted on it.
_CORRECTED_ITSELF: Final = re.compile(
    r"\b(?:i\s+need\s+to|let\s+me|i\s+have\s+to|i\s+must)\s+correct\s+(?:myself|that|what\s+i\s+said)\b"
    r"|\bi\s+misspoke\b|\bi\s+(?:gave|told)\s+you\s+(?:the\s+)?(?:wrong|incorrect)\s+(?:information|info|answer)"
    r"|\bwhat\s+i\s+(?:said|told\s+you)\s+(?:earlier\s+|before\s+)?(?:was|is)\s+(?:wrong|incorrect|not\s+(?:right|correct))"
)
_CORRECTED_GATE: Final = ("correct", "misspoke", "wrong")


def _corrected_itself(turns: Sequence[tuple[str, str]], lows: Sequence[str]) -> tuple[int, str] | None:
    """(turn, words) where the AI agent corrected an earlier answer of its own, if it did: from the correction on,
    clipped."""
    for i, ((role, text), low) in enumerate(zip(turns, lows, strict=True)):
        m = (
            _CORRECTED_ITSELF.search(low)
            if role == "assistant" and any(k in low for k in _CORRECTED_GATE)
            else None
        )
        if m is not None:
            return i, clip(text[m.start() :], 110)
    return None


_NOT_ALNUM_RUN: Final = re.compile(r"[^a-z0-9]+")  # (a space for each: "your e-mail" reads "your e mail")
# A question the AI agent asked before and asks again once the caller has answered it: for a detail the caller gave
# ("Can I have your account number?" "It's 88120045." "Thanks. Can I have your account number?"), or about a thing
# they did, answered yes ("Have you tried restarting your router?" "Yes, five times."). Questions about what comes
# next are asked again by routine ("Do you need anything else?") and a short one may be ("Could you spell that?").
_QUESTION_WORDS: Final = 3
_DID_YOU: Final = re.compile(r"^(?:have|did)\s+you\b(?!.*\b(?:else|more|other|another)\b)")
# A detail of the caller's own, asked for as theirs ("your account number", "your date of birth").
_YOUR_DETAIL: Final = re.compile(
    # (not "your account", "your card": the things a detail is of)
    r"\byour\s+(?:\w+\s+){0,2}(?:number|email|e\s+mail|address|birth|name|postcode|zip|code|pin|id)\b"
)
_SAID_YES: Final = re.compile(r"^\W*(?:yes|yeah|yep|yup|i\s+did|i\s+have|i've|already|of\s+course)\b")


def _asked_again(
    turns: list[tuple[str, str]], lows: Sequence[str], entities: Sequence[Entity]
) -> tuple[int, int, int, str] | None:
    """The first question the AI agent asked a second time after the caller had answered it (`_QUESTION_WORDS`):
    the two agent turns, the caller's answer between them and the question as first asked. Only a question for the
    caller's own detail (`_YOUR_DETAIL`, the same detail in other words: "What's your email?" "Could you give me
    your email address?") or about a thing they did (`_DID_YOU`, in the same words) can be answered so; the others
    are not kept."""
    with_values = {e.turn_index for e in entities}
    asked: dict[str, tuple[int, str]] = {}  # each question's key (`_question_key`) -> agent turn, as said
    answered: dict[str, int] = {}  # a question's key -> the caller's turn that answered it
    open_questions: list[str] = []  # the keys of the last agent turn's questions
    for i, (role, text) in enumerate(turns):
        if role == "user":
            for open_key in open_questions:
                if i in with_values if open_key.startswith("your ") else _SAID_YES.match(lows[i]) is not None:
                    answered.setdefault(open_key, i)
            open_questions = []
            continue
        open_questions = []
        low = lows[i]
        end = low.find("?")
        begin = 0
        while end >= 0:  # each question: from the end of the sentence before it to its "?"
            begin = max(
                low.rfind(".", begin, end), low.rfind("!", begin, end), low.rfind("?", begin, end), begin - 1
            )
            begin += 1
            key = _question_key(low[begin : end + 1].strip())
            if key is not None:  # (a question this cannot be about is not kept)
                before = asked.get(key)
                if before is None:
                    asked[key] = (i, text[begin : end + 1].strip())
                elif key in answered and not _DETAIL_NOT_FOUND.search(low):
                    # (not after "That doesn't match our records.")
                    return before[0], i, answered[key], before[1]
                open_questions.append(key)
            begin = end + 1
            end = low.find("?", begin)
    return None


def _question_key(said: str) -> str | None:
    """What a lowered question asks, for `_asked_again`: "your " and the detail for one of the caller's own ("your
    email", "your account number"; not a read-back with the value in it, "Is 555-0199 your phone number?"), the
    question's words for one about a thing they did, or None for any other."""
    if said.count(" ") < _QUESTION_WORDS - 1:
        return None
    if said.startswith(_DID_YOU_WORDS):
        return None if _DID_YOU.match(said) is None else alnum_key(said)
    if "your " not in said or any(c.isdigit() for c in said):
        return None
    m = _YOUR_DETAIL.search(_NOT_ALNUM_RUN.sub(" ", said))
    if m is None:
        return None
    words = m.group().split()[1:]
    if words[-1] == "address" and len(words) > 1 and words[-2] in ("email", "mail"):
        return "your email"
    if words[-1] in _NAMED_BY_THE_WORD_BEFORE and len(words) > 1:
        return "your " + " ".join(words[-2:])  # "account number", "zip code", "last name"
    return "your " + ("email" if words[-1] == "mail" else words[-1])


_NAMED_BY_THE_WORD_BEFORE: Final = frozenset(["number", "code", "id", "name"])
_DID_YOU_WORDS: Final = ("have you", "did you")


def next_steps(
    turns: list[tuple[str, str]],
    entities: list[Entity],
    moods: list[TurnSentiment],
    verified_at: int | None,
    settled: Settled,
    trigger: Trigger,
    intent: str | None,
    topics: Sequence[str | tuple[str, str, int, int]],
    promises: Sequence[Hit] = (),
    caller_words: AbstractSet[str] | None = None,
    lows: Sequence[str] | None = None,
    reached: tuple[int, str] | None = None,
    distress: tuple[int, str] | None = None,
) -> list[NextStep]:
    """1–3 actions for the human agent, most urgent first. `topics` are topic keys or `find_topics` tuples
    (key, label, turn, position); `promises` are the AI agent's promises that may not be kept; `caller_words` every
    `word_tokens` word of the caller's, and `lows` the turns ASCII-lowered, when the caller has them; `reached`
    the caller's turn that said they are not the person the AI agent asked for, and that person
    (`entities.someone_else`), and `distress`, `settled` and `intent` as for `summarise`."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    callers = [i for i, (role, _) in enumerate(turns) if role == "user"]
    steps: list[tuple[str, Confidence]] = []
    topic_turn = {t: -1 for t in topics if isinstance(t, str)}
    topic_turn.update({t[0]: t[2] for t in topics if not isinstance(t, str)})
    for handled in trigger.handled:  # the AI agent acted on it before handing over for something else
        topic_turn.pop(handled, None)
    peak = max((rank(m.level) for m in moods), default=0)
    if caller_words is None:
        caller_words = frozenset(w for i in callers for w in word_tokens(lows[i]))
    asked_in = (
        next(
            (
                m.group("in") or m.group("speaks") or m.group("speaking")
                for i in callers
                for m in [_LANGUAGE_ASKED.search(lows[i])]
                if m
            ),
            None,
        )
        if not caller_words.isdisjoint(LANGUAGES)  # (the scan only where a language was named)
        else None
    )
    if asked_in is None and not caller_words.isdisjoint(_NATIVE_NAME_WORDS):
        asked_in = next(  # "Sí, español por favor."
            (
                _NATIVE_NAMES[m.group(1) or m.group(2)]
                for i in callers
                for m in [_NATIVE_ASKED.search(lows[i])]
                if m
            ),
            None,
        )
    # what the law makes the business do, whatever else the call is about
    agent = [i for i, (role, _) in enumerate(turns) if role == "assistant"]
    claims_gate = narrowed(CLAIMS_HUMAN_WORDS, "\n".join(lows[i] for i in agent))
    claimed = next((i for i in agent if claims_gate and maybe(CLAIMS_HUMAN, claims_gate, lows[i])), None)
    if claimed is not None:
        steps.append(
            (
                f"The AI agent told the caller it is a person (turn {claimed}): tell them they were talking to an "
                "automated assistant until now.",
                "high",
            )
        )
    if not caller_words.isdisjoint(_DO_NOT_CALL_WORDS) and _any_caller_turn(
        _DO_NOT_CALL, lows, callers, ("call", "list")
    ):
        steps.append(("Add the caller's number to the do-not-call list and confirm it to them.", "high"))
    if not caller_words.isdisjoint(_WRONG_PERSON_WORDS) and _any_caller_turn(_WRONG_PERSON, lows, callers):
        steps.append(
            (
                "The AI agent reached the wrong person: say nothing about the account, and mark the number as a "
                "wrong number.",
                "high",
            )
        )
    elif reached is not None:
        # ("Is this Dana?" "No, this is her roommate."): the right number, someone else on the line
        steps.append(
            (
                f"The AI agent reached someone other than {reached[1]} (turn {reached[0]}: "
                f'"{clip(turns[reached[0]][1], 60)}"): say nothing about the account to them.',
                "high",
            )
        )
    if not caller_words.isdisjoint(_DELETE_WORDS) and _any_caller_turn(_DELETE_MY_DATA, lows, callers):
        steps.append(
            (
                "Log the caller's request to delete their personal data under the privacy policy (GDPR / "
                "CCPA), with the identity check it needs.",
                "high",
            )
        )
    if not caller_words.isdisjoint(_DATA_COPY_WORDS) and _any_caller_turn(
        _DATA_COPY, lows, callers, ("access", "copy", "data", "info")
    ):
        steps.append(
            (
                "Log the caller's request for a copy of their personal data (a subject access request) under the "
                "privacy policy, with the identity check it needs.",
                "high",
            )
        )
    if not caller_words.isdisjoint(_NO_RECORDING_WORDS) and _any_caller_turn(_NO_RECORDING, lows, callers):
        steps.append(
            (
                "The caller does not consent to the call being recorded: follow the recording-consent procedure "
                "(stop or pause the recording) before going on.",
                "high",
            )
        )
    interpreted = not caller_words.isdisjoint(_INTERPRETER_WORDS) and _any_caller_turn(
        _INTERPRETER, lows, callers
    )
    if interpreted:
        spoken = asked_in if asked_in != "english" else None
        for i in callers if spoken is None else ():
            speaks = _SPEAKS.search(lows[i])
            if speaks is not None:
                spoken = speaks.group(1)
                break
        language = f" ({spoken.capitalize()})" if spoken is not None and spoken != "english" else ""
        steps.append(
            (
                f"An interpreter speaks for the caller{language}: speak to the caller directly and pause for the "
                "interpreter after each point.",
                "high",
            )
        )
    elif asked_in is not None and asked_in != "english":
        # (first: nothing can be done in a language not shared)
        steps.append((f"Continue in {asked_in.capitalize()}: the caller asked for it.", "high"))
    if not caller_words.isdisjoint(_RELAY_WORDS) and _any_caller_turn(
        _RELAY, lows, callers, tuple(_RELAY_WORDS)
    ):
        steps.append(
            (
                "The caller is on a relay service (deaf or hard of hearing): speak to the caller directly and give "
                "the operator time to relay each turn.",
                "high",
            )
        )
    if "emergency" in topic_turn:
        steps.append(
            (
                "Treat it as an emergency: make sure the caller is safe (emergency services if anyone is at "
                "risk), then dispatch help.",
                "high",
            )
        )
    child = _says_a_child(lows, callers)
    if child is not None:
        said = child[1] if child[1] == "a child" else f"{child[1]} years old"
        steps.append(
            (
                f"The caller says they are {said} (turn {child[0]}): make sure they are safe, ask for a parent or "
                "guardian, and make no change to the account with them.",
                "high",
            )
        )
    if (
        "emergency" not in topic_turn
        and not caller_words.isdisjoint(_MEDICAL_EQUIPMENT_WORDS)
        and _any_caller_turn(_MEDICAL_EQUIPMENT, lows, callers)
        and _any_caller_turn(_OUTAGE, lows, callers)
    ):
        steps.append(
            (
                "Treat it as a priority: the caller relies on medical equipment and is without service. Check the "
                "priority-services (medical) register and give the emergency guidance.",
                "high",
            )
        )
    if any(THREAT_CUE in m.cues for m in moods):
        steps.append(
            (
                "The caller threatened violence: stay calm, do not argue, and follow the threat procedure (alert a "
                "supervisor or security).",
                "high",
            )
        )
    if "personal_safety" in topic_turn:
        steps.append(
            (
                "Put the caller's safety first: follow the vulnerable-customer (domestic abuse) procedure, make no "
                "change the other person would be told of, and agree a safe way to reach the caller.",
                "high",
            )
        )
    if "fraud" in topic_turn:
        steps.append(
            (
                "Route to the fraud team; secure the account (block cards, stop payments, reset access) first.",
                "high",
            )
        )
    if "bereavement" in topic_turn:
        steps.append(
            (
                "Offer condolences; follow the bereavement process (death certificate, executor or next of kin) "
                "without rushing the caller.",
                "high",
            )
        )
    if "legal_matter" in topic_turn:
        steps.append(("Route to the legal or compliance team; do not admit liability on the call.", "high"))
    passed_on = not caller_words.isdisjoint(_PASSED_ON_WORDS) and _any_caller_turn(_PASSED_ON, lows, callers)
    if distress is not None and "bereavement" not in topic_turn:  # (condolences are the bereavement step's)
        steps.append(
            (
                f'The caller is distressed (turn {distress[0]}: "{distress[1]}"): acknowledge how they feel and '
                "reassure them before anything else; keep it simple and do not rush them.",
                "high",
            )
        )
    elif peak >= rank("frustrated"):
        steps.append(
            (
                "Acknowledge the caller's frustration and apologise before continuing; resolve it on this call if "
                "you can: they have been passed between departments."
                if passed_on
                else "Acknowledge the caller's frustration and apologise before continuing.",
                "high",
            )
        )
    elif trigger.kind == "human_request":
        # Asked for a person without being upset: be that person, and start from what they called about, or from
        # what they asked the person for ("can I speak to someone about a refund for last month?").
        t = trigger.turn_index if trigger.turn_index is not None else 0
        about = _ASKED_ABOUT.search(lows[t]) if " about " in lows[t] or " regarding " in lows[t] else None
        request = quote_at(turns[t][1], about.start(), 90) if about is not None else intent
        steps.append(
            (
                f'Introduce yourself as the person the caller asked for and pick up their request: "{clip(request, 90)}"'
                if request
                else "Introduce yourself as the person the caller asked for and ask how you can help.",
                "medium",
            )
        )
    again = _asked_again(turns, lows, entities)
    if again is not None:
        first, then, answered, asked = again
        steps.append(
            (
                f'Do not ask the caller again: the AI agent asked "{clip(asked, 80)}" at turns {first} and {then}, '
                f"and the caller answered at turn {answered}.",
                "high",
            )
        )
    if (
        not caller_words.isdisjoint(_CANNOT_PAY_WORDS)
        and not caller_words.isdisjoint(_HARDSHIP_WORDS)
        and (
            _any_caller_turn(_HARDSHIP, lows, callers, ("pay", "afford"))
            or (
                _any_caller_turn(_CANNOT_PAY_NOW, lows, callers, ("pay", "afford"))
                and _any_caller_turn(_HARDSHIP_TOLD, lows, callers)
            )
        )
    ):
        steps.append(
            (
                "Offer the hardship options (a payment arrangement, more time, support schemes): the caller cannot "
                "pay because of illness or lost income.",
                "medium",
            )
        )
    if ("driving" in caller_words or "car" in caller_words) and _any_caller_turn(
        _DRIVING, lows, callers, ("driving", "in the car")
    ):
        steps.append(
            (
                "Keep it short and do not ask the caller to write anything down (they are driving); offer to send the "
                "details by text or email.",
                "medium",
            )
        )
    if not caller_words.isdisjoint(_IN_WRITING_WORDS) and _any_caller_turn(_IN_WRITING, lows, callers):
        steps.append(("Send the caller written confirmation (email or letter) of what is agreed.", "medium"))
    if not caller_words.isdisjoint(_HARD_TO_FOLLOW_WORDS) and _any_caller_turn(
        _HARD_TO_FOLLOW, lows, callers, _HARD_TO_FOLLOW_GATE
    ):
        steps.append(
            (
                "Speak slowly and clearly, and confirm each detail: the caller has trouble hearing or following the call.",
                "medium",
            )
        )
    if not caller_words.isdisjoint(_LOW_VISION_WORDS) and _any_caller_turn(_LOW_VISION, lows, callers):
        steps.append(
            (
                "Read the details aloud and offer an accessible format (large print, braille, email): the caller is "
                "blind or has low vision.",
                "medium",
            )
        )
    cares = _needs_care(turns, lows, callers)
    if cares:
        # Told by the caller, so worth saying; whether they need more care is the human's judgement ("medium"),
        # unless they say it twice over (their age and their memory, or living alone).
        at, pos = cares[0]
        steps.append(
            (
                f'Take extra care: the caller may be vulnerable (turn {at}: "{quote_at(turns[at][1], pos, 80)}"). '
                "Go at their pace, check they have understood each point, and follow the vulnerable-customer "
                "procedure.",
                "high" if len(cares) > 1 else "medium",
            )
        )
    corrected = _corrected_itself(turns, lows)
    if corrected is not None:
        at, said = corrected
        steps.append(
            (f'Own the AI agent\'s earlier wrong answer, which it corrected at turn {at}: "{said}"', "high")
        )
    if trigger.said and not trigger.failures and not _BARE_HANDOVER.match(lower(trigger.said)):
        steps.append((f'Pick up where the AI agent handed over: "{clip(trigger.said, 90)}"', "medium"))
    account_related = any(
        e.key in _MASK_KEYS or e.key.endswith(("_id", "_number")) or e.key in _DEVICE_KEYS for e in entities
    )
    for_someone_else = (
        (
            not caller_words.isdisjoint(_FOR_SOMEONE_ELSE_WORDS)
            or (
                not caller_words.isdisjoint(_SPEAKING_FOR_WORDS)
                and not caller_words.isdisjoint(_RELATIVE_WORDS)
            )
        )
        and "bereavement" not in topic_turn  # (its own step asks for the executor or next of kin)
        and _any_caller_turn(_FOR_SOMEONE_ELSE, lows, callers, _FOR_SOMEONE_ELSE_GATE)
    )
    if for_someone_else:
        # Verifying the caller is not enough: they must be allowed to act for the account holder or patient.
        steps.append(
            (
                "Confirm the caller may act for the account holder (power of attorney or consent on file) before "
                "discussing the account.",
                "high",
            )
        )
    elif verified_at is None and (
        account_related or "billing_dispute" in topic_turn or "account_closure" in topic_turn
    ):
        steps.append((_verify_step(entities), "high"))
    if any(e.key == "card_number" for e in entities):
        # a whole card number said on a recorded call: it must not be said again, nor taken down outside the
        # payment process (PCI DSS)
        steps.append(
            (
                "Do not repeat the card number the caller read out; take any payment through the secure payment "
                "process.",
                "high",
            )
        )
    if any(e.key == "password" for e in entities):
        # a password said aloud is no longer secret: it is in the recording and the transcript
        steps.append(("Have the caller change the password they read out; never ask for it again.", "high"))
    if "billing_dispute" in topic_turn:
        # The amount the caller gave when raising the dispute, when there was one.
        at = topic_turn["billing_dispute"]
        amount = next((e.value for e in entities if e.key == "amount" and e.turn_index == at), None)
        if (
            amount is None
        ):  # else the first amount the caller gave before raising it ("My bill is 412 dollars")
            amount = next((e.value for e in entities if e.key == "amount" and e.turn_index < at), None)
        if "debt" in lows[at]:
            # "I dispute this debt", said to a debt collector: the law (in the US, the FDCPA) stops collection until
            # the debt is validated
            steps.append(
                (
                    "Record the caller's dispute of the debt and pause collection until it is validated.",
                    "high",
                )
            )
        else:
            charge = f"disputed charge ({amount})" if amount else "disputed charge"
            steps.append((f"Review the {charge} on the account and explain or reverse it.", "medium"))
    if (
        "account_closure" in topic_turn and "bereavement" not in topic_turn
    ):  # no retention offers to the bereaved
        kept = kept_by_offer(turns, lows, topic_turn["account_closure"])
        if kept is not None:
            offer = quote_at(turns[kept[0]][1], kept[1], 90)
            steps.append((f'Apply the offer the caller accepted to stay: "{offer}"', "high"))
        elif _declined_retention(turns, topic_turn["account_closure"]):
            steps.append(
                ("Process the cancellation; the caller has already turned down retention offers.", "high")
            )
        else:
            steps.append(("Confirm the closure request and offer retention options per policy.", "medium"))
    if "cancellation_threat" in topic_turn:
        steps.append(
            (
                "Resolve the problem behind the caller's threat to cancel before offering retention options.",
                "medium",
            )
        )
    complained = [m.turn_index for m in moods if COMPLAINT_CUE in m.cues and "complain" in lows[m.turn_index]]
    if complained:  # asked to make a complaint, whatever else brought the call here
        if any(EARLIER_COMPLAINT.search(lows[i]) for i in complained):
            steps.append(("Find the caller's open complaint and tell them where it stands.", "medium"))
        else:
            steps.append(("Log the caller's complaint and explain how it will be handled.", "medium"))
    question = _open_question(turns, trigger)
    if question is not None:
        steps.append((f'Answer the question the caller is waiting on: "{question}"', "medium"))
    if passed_on and peak < rank("frustrated"):
        steps.append(
            (
                "Resolve it on this call if you can: the caller has been passed between departments and does not "
                "want another transfer.",
                "medium",
            )
        )
    promised = {p.sentence for p in promises}
    for p in promises[:1]:
        steps.append(
            (f'Correct the AI agent\'s promise if it cannot be kept: "{clip(p.sentence, 90)}"', "medium")
        )
    to_follow = [c for c in settled.promised if c.sentence not in promised]
    # a callback the AI agent booked: whoever reads the brief next is the one to make it
    callback = next((c for c in reversed(settled.done) if _CALLBACK.search(lower(c.sentence))), None)
    if callback is not None and not to_follow:
        steps.append(
            (f'Call the caller back as the AI agent arranged: "{clip(callback.sentence, 90)}"', "medium")
        )
    if to_follow:
        steps.append(
            (
                f'Follow through on the AI agent\'s commitment: "{clip(to_follow[-1].sentence, 90)}"',
                "medium",
            )
        )
    if trigger.kind == "repeated_failure":
        steps.append(
            (
                f'Resolve the request the AI agent could not complete: "{clip(intent or "", 90)}"'
                if intent
                else "Resolve the request the AI agent could not complete.",
                "medium",
            )
        )
    elif trigger.failures and not any(
        c.turn_index > trigger.failures[-1] for c in (*settled.done, *settled.promised)
    ):
        # What the AI agent said it could not do (and did not fix afterwards: handing the call over fixes
        # nothing) is what the human is there for.
        text = turns[trigger.failures[-1]][1]
        failed = ASSISTANT_FAILURE.search(lower(text))
        said = quote_at(text, failed.start() if failed else 0, 90)
        if intent and _NOT_UNDERSTOOD.search(lower(said)):
            # "Sorry, I didn't understand that" says nothing of the task: the caller's request does.
            steps.append(
                (f'Handle the request the AI agent did not understand: "{clip(intent, 90)}"', "medium")
            )
        else:
            steps.append((f'Pick up what the AI agent could not do: "{said}"', "medium"))
    if not steps:
        pending = _last_question(turns, "assistant")
        if intent:
            steps.append((f'Confirm the caller\'s request and continue: "{clip(intent, 90)}"', "low"))
        elif pending is not None:  # a brief taken while the caller is still to answer the AI agent
            steps.append((f'Continue from the AI agent\'s last question: "{pending}"', "low"))
        else:
            steps.append(("Greet the caller and ask how you can help.", "low"))
    return [NextStep(action=masked(a, entities), confidence=c) for a, c in steps[:3]]
