"""Decides why the call needs a human and which turn triggered it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Final

from domain.analysis._text import clip, end_sentence, led_by, lower, narrowed, quote_at, sentence_before
from domain.analysis.markers import (
    ASSISTANT_FAILURE,
    ASSISTANT_HANDOFF,
    FAILURE_GATE,
    FAILURE_ONLY_WITH,
    HANDOFF_GATE,
    TOPIC_GATES,
    TOPICS,
    Hit,
    maybe,
    maybe_with,
)
from domain.analysis.sentiment import HUMAN_CUE, LABELS, TurnSentiment, cue_position, rank

COMPLAINT_CUE: Final = "threatened to cancel or complain"
FALLBACK_REASON: Final = "Caller needs assistance beyond the AI agent's scope."


@dataclass(frozen=True, slots=True)
class Trigger:
    # human_request | legal_matter | account_closure | cancellation_threat | billing_dispute | complaint
    # | frustration | repeated_failure | ai_handoff | ai_failure | someone_else | fallback
    kind: str
    turn_index: int | None
    reason: str
    topic: str | None = None
    failures: tuple[int, ...] = ()  # agent turns where the AI agent said it could not do something
    handled: tuple[
        str, ...
    ] = ()  # topics the AI agent acted on before handing the call over for another reason
    said: str = ""  # the AI agent's words handing the call over (an ai_handoff, or after a frustrated turn)


def _quote(text: str, pos: int | None = 0) -> str:
    """The sentence at `pos` (the words that triggered), short enough to read at a glance."""
    return quote_at(text, pos or 0, 100)


# An agent sentence that only acknowledges or apologises ("I understand.", "I'm sorry about that."): no reason.
_COURTESY: Final = re.compile(
    r"^(?:i'm\s+(?:so\s+|very\s+|really\s+)?sorry|i\s+apologi[sz]e|(?:i\s+)?understand|i\s+see|thanks?|thank\s+you"
    r"|ok(?:ay)?|alright|all\s+right|sure|of\s+course|certainly|no\s+problem|absolutely|great|perfect|got\s+it)\b"
)
_COURTESY_WORDS: Final = 8


def _handoff_quote(text: str, pos: int) -> str:
    """The sentence handing the call over, after the one before it when that one gives the reason ("Payment
    plans over $300 need a representative to approve. I'll transfer you."); an acknowledgement or apology
    before it ("I'm sorry about that.") is left out."""
    said = _quote(text, pos)
    before = sentence_before(text, pos)
    low_before = lower(before)
    if not before or (
        _COURTESY.match(low_before)
        and len(before.split()) <= _COURTESY_WORDS
        and " but " not in before
        # (not "I'm sorry, I can't change it to delivery.": the apology gives the reason)
        and not maybe_with(ASSISTANT_FAILURE, FAILURE_GATE, FAILURE_ONLY_WITH, low_before)
    ):
        return said
    return clip(f"{before} {said}", 200)


# "... or I'm cancelling my service", "if this isn't fixed I'll close my account": a threat, not a request.
_THREAT_BEFORE: Final = led_by(
    r"[io]",
    r"\bor\s+(?:else\s+)?(?:i|i'm|i'll|i\s+will|we|we're|we'll)\b|\botherwise\b"
    r"|\bif\b(?!\s+(?:possible|you\s+can|that's\s+(?:ok|okay|possible)|it's\s+(?:ok|okay|possible)))",
)
_THREAT_AFTER: Final = re.compile(  # matched at the end of the closure words
    r"[^.!?]*?\b(?:unless|if\s+(?:this|that|it|nothing|i\s+(?:don't|do\s+not|can't)|you\s+(?:don't|do\s+not|can't"
    r"|won't|cannot)))\b"
)
_CLOSURE_THREAT: Final = ("cancellation_threat", "a threat to cancel")


# "If I cancel my contract now, do I pay a fee?": the caller asks what closing would cost, and threatens nothing.
_ASKS_WHAT_IF: Final = re.compile(
    r"\bif\s+(?:i|we)\s+(?:(?:were\s+to|decide\s+to|wanted\s+to|want\s+to)\s+)?$"
)
_ENDS_ASKING: Final = re.compile(r"[^.!?]*\?")  # the rest of the sentence ends with a question mark


def _is_threat(low: str, start: int, end: int) -> bool:
    head = low[:start]
    cut = max(head.rfind("."), head.rfind("!"), head.rfind("?"))
    if _ASKS_WHAT_IF.search(head, cut + 1) is not None and _ENDS_ASKING.match(low, end) is not None:
        return False
    return _THREAT_BEFORE.search(head[cut + 1 :]) is not None or _THREAT_AFTER.match(low, end) is not None


# The caller saying they closed or cancelled something themselves, before ("I cancelled my membership last year",
# "we already closed that account").
_DONE_BY_CALLER: Final = re.compile(
    r"\b(?:i|we|i've|we've|i\s+have|we\s+have|i\s+had|we\s+had)\s+(?:already\s+)?$"
)


def _done_before(low: str, start: int, said: str) -> bool:
    first = said.split(None, 1)[0]
    return first.endswith("ed") and _DONE_BY_CALLER.search(low, max(0, start - 20), start) is not None


def _sentence_bounds(low: str, start: int, end: int) -> tuple[int, int, bool]:
    """(start, end) of the sentence of `low` holding `low[start:end]`, and whether it ends with a question mark."""
    head = max(low.rfind(".", 0, start), low.rfind("!", 0, start), low.rfind("?", 0, start)) + 1
    tail = min((at for at in (low.find(c, end) for c in ".!?") if at >= 0), default=len(low))
    return head, tail, low.startswith("?", tail)


# An emergency told as the past ("I had chest pains back in January, they put in a stent", "our basement flooded
# two years ago"), unless the sentence brings it back to now ("... and they're back again this morning").
_LONG_AGO: Final = re.compile(
    r"\b(?:(?:weeks?|months?|years?)\s+ago|back\s+in|last\s+(?:week|month|year|spring|summer|autumn|fall|winter)"
    r"|in\s+(?:january|february|march|april|june|july|august|september|october|november|december|(?:19|20)\d\d)"
    r"|a\s+(?:while|few\s+\w+)\s+back|used\s+to|history\s+of|since\s+then)\b"
)
_NOW: Final = re.compile(
    r"\b(?:now|right\s+now|still|again|today|tonight|this\s+(?:morning|afternoon|evening)|currently"
    r"|at\s+the\s+moment|just\s+(?:now|started))\b"
)
# ("... all sorted now", "I've been feeling great since")
_RECOVERED: Final = re.compile(
    r"\b(?:all\s+sorted|sorted\s+now|(?:fine|better|okay|ok)\s+now|(?:feeling|felt|been)\s+(?:fine|great|good|well"
    r"|better)|recovered|healed|all\s+good)\b"
)
# An emergency asked about, not happening ("Does my policy cover a break-in?", "What do I do if I smell gas?", "Am I
# insured in case of a burst pipe?").
_WHAT_IF: Final = re.compile(
    r"\b(?:if|in\s+case|in\s+the\s+event|cover|covers|covered|coverage|insured|insurance|policy|what\s+happens"
    r"|what\s+about)\b"
)
_IN_CASE: Final = re.compile(r"\b(?:in\s+case|in\s+the\s+event)\s+(?:of\s+)?(?:an?\s+|the\s+)?$")


def _emergency_aside(low: str, start: int, end: int) -> bool:
    head, tail, asks = _sentence_bounds(low, start, end)
    sentence = low[head:tail]
    if _LONG_AGO.search(sentence) and (not _NOW.search(sentence) or _RECOVERED.search(sentence)):
        return True
    return (asks and _WHAT_IF.search(sentence) is not None) or _IN_CASE.search(low, head, start) is not None


# Who the caller is ("I'm a lawyer", "This is Officer Jane Kowalski"), calling about their own account ("I'm
# calling about my own cable bill"), is no legal matter; acting for a client or for an investigation is.
_OWN_TRADE: Final = re.compile(r"\b(?:i'm|i\s+am|im|i\s+work\s+as)\s+(?:an?\s+)?(?:[a-z]+\s+)?$")
_ACTS_FOR_OTHERS: Final = re.compile(
    r"\b(?:client|clients|represent\w*|on\s+behalf|acting\s+for|investigat\w*|records?|subpoena|warrant|suspect"
    r"|subscriber|customer|case)\b"
)
_OWN_MATTER: Final = re.compile(
    r"\bmy\s+own\b|\bpersonal\b|\bnothing\s+(?:to\s+do\s+with\s+)?work|\bnot\s+(?:work|official|police)\b"
    r"|\boff[-\s]duty\b|\bmy\s+(?:[a-z]+\s+){0,2}(?:bill|account|plan|service|package|statement|card|loan|mortgage"
    r"|policy)\b"
)
# A matter of the caller's household ("it wasn't me, it was my wife Anna who called"): somebody known, no fraud.
_IT_WAS_SOMEONE_KNOWN: Final = re.compile(
    r"[^.?!]{0,30}?\b(?:it|that)\s+(?:was|were)\s+(?:my|our)\s+(?:[a-z]+\s+)?(?:wife|husband|partner|spouse|son"
    r"|daughter|kids?|child|children|mom|mum|mother|dad|father|parents?|brother|sister|boyfriend|girlfriend"
    r"|roommate|flatmate|family|grand\w+|assistant|accountant|colleague)\b"
)
# An app or a phone setting that tracks where the caller is ("The family app keeps tracking my location even when I
# close it"), where no person is named: a settings question, not a stalker.
_DEVICE_TRACKS: Final = re.compile(
    r"\b(?:app|application|phone|device|gps|setting|settings|feature|maps|it|service)\s+"
    r"(?:(?:keeps|keep|kept|is|was|has\s+been|are|still|on|always)\s+)*$"
)
_A_PERSON: Final = re.compile(
    r"\b(?:ex|husband|wife|partner|boyfriend|girlfriend|he|she|him|someone|somebody|man|woman|guy|neighbou?r)\b"
)
# A charge asked about, not disputed ("Is there an extra charge for adding a second line?", "Are there any hidden
# fees?"), or a copy of a bill asked for ("Can I get a duplicate bill for March?").
_ASKS_WHAT_IT_COSTS: Final = re.compile(
    r"\s*(?:and\s+|also\s+|so\s+|just\s+|um\s+)?(?:is\s+there|are\s+there|will\s+there\s+be|would\s+there\s+be|what(?:'s|\s+is|\s+are)"
    r"|how\s+much|do\s+(?:you|i|they)\s+(?:charge|pay|get)|does\s+(?:it|that|this)\s+(?:cost|come|have|include))\b"
)
_SOFT_CHARGE: Final = ("extra", "hidden", "late fee", "undue")
_DISPUTED: Final = re.compile(
    r"\b(?:wrong|never|didn't|did\s+not|don't\s+recogni|not\s+mine|dispute|mistake|error|twice|refund|overcharg"
    r"|shouldn't|should\s+not|why)\b"
)
_COPY_ASKED: Final = re.compile(r"\b(?:get|send|need|want|request|like|order|mail|email|post|print)\b")


_ASIDES: Final = frozenset(["emergency", "legal_matter", "fraud", "personal_safety", "billing_dispute"])


def _not_raised(key: str, low: str, start: int, end: int) -> bool:
    """Whether the topic words at `low[start:end]` (a caller's turn, lowered) do not raise the topic: an emergency
    in the past or asked about, the caller's own trade, a relative's doing, an app's setting, a charge asked
    about."""
    said = low[start:end]
    if key == "emergency":
        return _emergency_aside(low, start, end)
    if key == "legal_matter":
        if _ACTS_FOR_OTHERS.search(low):
            return False
        if said.startswith(
            ("this", "i")
        ):  # a rank ("This is Officer ..."): their own account, if they say so
            return _OWN_MATTER.search(low) is not None
        return _OWN_TRADE.search(low, max(0, start - 30), start) is not None
    if key == "fraud":
        return said.startswith("it") and _IT_WAS_SOMEONE_KNOWN.match(low, end) is not None
    if key == "personal_safety":
        return _DEVICE_TRACKS.search(low, max(0, start - 40), start) is not None and not _A_PERSON.search(low)
    if key == "billing_dispute":
        head, _, asks = _sentence_bounds(low, start, end)
        if said.startswith("duplicate bill"):
            return _COPY_ASKED.search(low, head, start) is not None
        return (
            asks
            and said.startswith(_SOFT_CHARGE)
            and _ASKS_WHAT_IT_COSTS.match(low, head) is not None
            and not _DISPUTED.search(low)
        )
    return False


_COMPLAINT: Final = led_by(r"[c]", r"\bcomplain\w*|\bcomplaint\b")
# A complaint made before the call ("I made a complaint two weeks ago", "the complaint reference is ..."): the
# caller follows it up.
EARLIER_COMPLAINT: Final = re.compile(
    r"\b(?:made|filed|lodged|submitted|sent|raised|opened)\s+a\s+complaint\b|\bcomplaint\s+(?:reference|ref|number|id|case)\b"
)


def find_topics(
    turns: Sequence[tuple[str, str]],
    lows: Sequence[str] | None = None,
    words: AbstractSet[str] | None = None,
) -> list[tuple[str, str, int, int]]:
    """(topic key, topic label, turn, position) for each policy topic the caller raised, first mention.
    `lows` are the turns already ASCII-lowered, and `words` every `word_tokens` word of the caller's, when the
    caller has them."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    said = "\n".join(lows[i] for i, (role, _) in enumerate(turns) if role == "user")
    vocabulary = " ".join(words) if words is not None else None
    out: list[tuple[str, str, int, int]] = []
    for key, label, pattern in TOPICS:
        # The gate narrowed to the substrings the caller said at all: a topic none of them opens is skipped.
        gate = narrowed(TOPIC_GATES[key], said, vocabulary)
        if not gate:
            continue
        for i, (role, _) in enumerate(turns):
            if role != "user":
                continue
            m = maybe(pattern, gate, lows[i])
            while m is not None and key == "account_closure" and _done_before(lows[i], m.start(), m.group()):
                m = pattern.search(lows[i], m.end())  # "I cancelled my membership last year": told, not asked
            while m is not None and key in _ASIDES and _not_raised(key, lows[i], m.start(), m.end()):
                m = pattern.search(
                    lows[i], m.end()
                )  # "Does my policy cover a break-in?": asked, not happening
            if m:
                if key == "account_closure" and _is_threat(lows[i], m.start(), m.end()):
                    out.append((*_CLOSURE_THREAT, i, m.start()))
                else:
                    out.append((key, label, i, m.start()))
                break
    return out


def decide(
    turns: Sequence[tuple[str, str]],
    moods: list[TurnSentiment],
    *,
    topics: list[tuple[str, str, int, int]] | None = None,
    lows: Sequence[str] | None = None,
    done: Sequence[Hit] = (),
    acted: Sequence[Hit] = (),
    reached: tuple[int, str] | None = None,
) -> Trigger:
    """The transfer trigger; `topics` (find_topics) and `lows` (lowered turns) may be passed precomputed; `done`
    are the AI agent's sentences that commit to or take an action, `acted` those that say it took one
    (`summary.settle`'s done); `reached`, the caller's turn that said they are not the person the AI agent asked
    for, and that person (`entities.someone_else`)."""
    if lows is None:
        lows = [lower(text) for _, text in turns]
    if topics is None:
        topics = find_topics(turns, lows)
    agent = [i for i, (role, _) in enumerate(turns) if role == "assistant"]
    gate = narrowed(FAILURE_GATE, "\n".join(lows[i] for i in agent))
    failures = (
        [i for i in agent if maybe_with(ASSISTANT_FAILURE, gate, FAILURE_ONLY_WITH, lows[i])] if gate else []
    )
    return replace(
        _choose(turns, moods, topics, lows, failures, done, acted, reached), failures=tuple(failures)
    )


# Topics an AI agent can settle itself (a fee waived, a plan cancelled); fraud, legal matters and threats to
# cancel stay with a human whatever it did.
_RECENT_TURNS: Final = 4  # an AI agent's failure this close to the end of the call is where it ended
_AI_CAN_HANDLE: Final = frozenset(["billing_dispute", "account_closure"])
_TOPIC_PATTERNS: Final = {key: pattern for key, _, pattern in TOPICS}
# What an action of the AI agent's must be about to settle each of those topics: "I've updated your phone number"
# does not act on the bill the caller also disputes.
_ACTS_ON: Final = {
    "billing_dispute": re.compile(
        r"\b(?:bill|charge|fee|refund|credit|waiv|invoice|payment|revers|adjust|dispute|statement|balance)"
    ),
    "account_closure": re.compile(
        r"\b(?:cancel|clos|plan|subscription|downgrad|switch|discount|membership|renew|offer|pause|terminat)|%"
    ),
}


def _acted_on(key: str, done: Sequence[Hit], after: int) -> int | None:
    """The turn of the first of the AI agent's action sentences `done` after turn `after` that is about topic
    `key`."""
    return next(
        (c.turn_index for c in done if c.turn_index > after and _ACTS_ON[key].search(lower(c.sentence))), None
    )


# The AI agent offering the caller something to stay ("I can offer 50% off for three months"), and the caller
# taking it ("Okay, that works, I'll stay if you do that.").
_OFFER: Final = re.compile(
    r"\b(?:offer|discount|percent\s+off|free\s+months?|half\s+price|lower\s+(?:rate|price)|waive)|%\s+off"
)
_ACCEPTED: Final = re.compile(
    r"\b(?:i'll|i\s+will|i'd|we'll)\s+stay\b|\bthat\s+works\b|\bsounds\s+good\b|\bit's\s+a\s+deal\b|^\W*deal\b"
    r"|\bi'll\s+take\s+(?:it|that|the\s+(?:offer|discount|deal))\b|\bkeep\s+my\s+(?:account|subscription|plan|membership)\b"
)


def kept_by_offer(
    turns: Sequence[tuple[str, str]], lows: Sequence[str], since: int
) -> tuple[int, int, int] | None:
    """(the AI agent's offer turn, where in it the offer is, the caller's yes to it): a caller who asked to close
    at turn `since` and then took what the AI agent offered them to stay."""
    for j in range(since + 1, len(turns) - 1):
        offer = _OFFER.search(lows[j]) if turns[j][0] == "assistant" else None
        if offer is None:
            continue
        k = next((k for k in range(j + 1, len(turns)) if turns[k][0] == "user"), None)
        if k is not None and _ACCEPTED.search(lows[k]) and "cancel" not in lows[k]:
            return j, offer.start(), k
    return None


def _choose(
    turns: Sequence[tuple[str, str]],
    moods: list[TurnSentiment],
    topics: list[tuple[str, str, int, int]],
    lows: Sequence[str],
    failures: list[int],
    done: Sequence[Hit],
    acted: Sequence[Hit],
    reached: tuple[int, str] | None,
) -> Trigger:
    human = next((m for m in moods if HUMAN_CUE in m.cues), None)
    peak = max(moods, key=lambda m: (rank(m.level), -m.turn_index), default=None)
    upset = next((m for m in moods if rank(m.level) >= rank("frustrated")), None)
    repeats = [
        m for m in moods if "repeated the same request" in m.cues or "repeated a failed step" in m.cues
    ]

    if human is not None:
        i = human.turn_index
        said = _quote(turns[i][1], cue_position(HUMAN_CUE, lows[i]))
        # A closure or a dispute the AI agent settled ("I've switched you to the basic plan") that the caller did
        # not raise again is not what the person they asked for picks up.
        settled = tuple(
            key
            for key, _, t, _ in topics
            if key in _AI_CAN_HANDLE
            and (since := _acted_on(key, acted, t)) is not None
            and not any(
                turns[j][0] == "user" and _TOPIC_PATTERNS[key].search(lows[j])
                for j in range(since, len(turns))
            )
        )
        extras: list[str] = []
        # The AI agent failing the caller again and again before they asked ("Sorry, I couldn't find that order."
        # twice, then "Let me talk to a person."): why they asked, and what the person picks up.
        failed_before = [f for f in failures if f < i]
        if len(failed_before) >= 2:
            extras.append(
                f"after the AI agent failed to complete the request {len(failed_before)} times, at turns "
                f"{_turns(failed_before)}"
            )
        labels = [label for key, label, _, _ in topics if key not in settled]
        if labels:
            extras.append(("topics: " if len(labels) > 1 else "topic: ") + ", ".join(labels))
        if peak is not None and rank(peak.level) >= rank("frustrated"):
            extras.append(f"caller sentiment {LABELS[peak.level].lower()}")
        sentence = f'Caller asked to speak with a human agent at turn {i}: "{said}"'
        # what the AI agent said the person will do, if it did ("I'll transfer you to a supervisor who can look at
        # earlier appointments and a credit.")
        handover = _handover(turns, lows, i)
        does = handover is not None and (" who can " in handover[1] or " who will " in handover[1])
        return Trigger(
            "human_request",
            i,
            f"{sentence} ({'; '.join(extras)})." if extras else end_sentence(sentence),
            handled=settled,
            said=handover[1] if handover is not None and does else "",
        )
    if topics:
        key, label, i, pos = topics[0]
        # A dispute or closure the AI agent acted on ("I've waived the $15 late fee") before handing the call over
        # for something else ("I'm not able to change bag routing. I'll transfer you.") is not why it is here.
        acted_at = _acted_on(key, done, i) if key in _AI_CAN_HANDLE else None
        kept = kept_by_offer(turns, lows, i) if key == "account_closure" else None
        if kept is not None:  # the caller took the offer to stay: what is left is the AI agent's handover
            handed = _ai_handoff(
                turns, lows, after=kept[2], mood=f"the caller agreed at turn {kept[2]} to stay for the offer"
            )
            if handed is not None:
                return handed
        if acted_at is not None:
            handed = _ai_handoff(
                turns,
                lows,
                after=acted_at,
                mood=f"{label} raised at turn {i} was acted on at turn {acted_at}",
            )
            if handed is not None:
                return replace(handed, handled=(key,))
        others = [lbl for _, lbl, _, _ in topics[1:]]
        sentence = (
            f'Caller raised {label}, which needs a human agent, at turn {i}: "{_quote(turns[i][1], pos)}"'
        )
        if others:
            sentence += f" (also {', '.join(others)})"
        if peak is not None and rank(peak.level) >= rank("frustrated"):
            sentence += f"; caller sentiment {LABELS[peak.level].lower()}"
        return Trigger(key, i, end_sentence(sentence), topic=label)
    # A complaint the caller asks to make is a reason for a human in itself, whatever the sentiment.
    complaint = next((m for m in moods if COMPLAINT_CUE in m.cues and "complain" in lows[m.turn_index]), None)
    if complaint is not None:
        i = complaint.turn_index
        found = _COMPLAINT.search(lows[i])
        said = _quote(turns[i][1], found.start() if found else 0)
        follow_up = EARLIER_COMPLAINT.search(lows[i]) is not None
        sentence = (
            f'Caller is following up on a complaint at turn {i}: "{said}"'
            if follow_up
            else f'Caller wants to make a complaint at turn {i}: "{said}"'
        )
        if peak is not None and rank(peak.level) >= rank("frustrated"):
            sentence += f" (caller sentiment {LABELS[peak.level].lower()})"
        return Trigger("complaint", i, end_sentence(sentence))
    if upset is not None and peak is not None and rank(moods[-1].level) < rank("frustrated"):
        # The caller has calmed down since, and the AI agent handed the call over later for a reason of its own
        # ("Refunds over $500 need a supervisor."): that is why the call is here; the frustration is context.
        handed = _ai_handoff(
            turns,
            lows,
            after=upset.turn_index,
            mood=f"caller sentiment peaked at {LABELS[peak.level].lower()} at turn {peak.turn_index}",
        )
        if handed is not None:
            return handed
    if upset is not None and peak is not None:
        i = upset.turn_index
        cues = ", ".join(upset.cues) or "negative tone"
        at_cue = next((p for c in upset.cues if (p := cue_position(c, lows[i])) is not None), None)
        # (a cue of the whole turn, such as shouting, quotes the turn: "ADDRESS. CHANGE MY ADDRESS.")
        quoted = _quote(turns[i][1], at_cue) if at_cue is not None else clip(turns[i][1].strip(), 100)
        if len(failures) >= 2 and failures[1] < i:
            # the AI agent had failed the caller twice before they got upset: that is what went wrong
            return _repeated_failure(
                turns,
                lows,
                failures,
                f'; the caller\'s sentiment reached {LABELS[upset.level].lower()} at turn {i}: "{quoted}"',
            )
        sentence = f'Caller frustration: sentiment reached {LABELS[upset.level].lower()} at turn {i} ({cues}): "{quoted}"'
        if rank(peak.level) > rank(upset.level):
            sentence += f"; peaked at {LABELS[peak.level].lower()} at turn {peak.turn_index}"
        # Where the AI agent handed over after it ("A pharmacist can review a vacation supply. I'll transfer
        # you."): not why the call is here, but what the human picks up once the caller is heard.
        handed = _ai_handoff(turns, lows, after=i)
        return Trigger("frustration", i, end_sentence(sentence), said=handed.said if handed else "")
    if len(failures) >= 2:
        return _repeated_failure(turns, lows, failures)
    if len(repeats) >= 2:
        i = repeats[1].turn_index
        return Trigger(
            "repeated_failure", i, f'Caller had to repeat themselves (turn {i}: "{_quote(turns[i][1])}").'
        )
    handoff = _ai_handoff(turns, lows)
    if handoff is not None:
        return handoff
    if (
        failures
        and failures[-1] >= len(turns) - _RECENT_TURNS
        and not any(c.turn_index > failures[-1] for c in done)
    ):
        # Once, without a handover, and the call ended on it: what the AI agent could not do is why a person is
        # needed. (One long before the end, the call went on past it: "I can't find any movie like that." ...)
        i = failures[-1]
        failed = ASSISTANT_FAILURE.search(lows[i])
        return Trigger(
            "ai_failure",
            i,
            f'AI agent could not do what the caller asked at turn {i}: "{_quote(turns[i][1], failed.start() if failed else 0)}"',
        )
    # an outbound call that reached someone else ("Is this Dana?" "No, this is her roommate.")
    if reached is not None:
        i, person = reached
        return Trigger(
            "someone_else",
            i,
            f'AI agent reached someone other than {person} at turn {i}: "{_quote(turns[i][1])}"',
        )
    return Trigger("fallback", None, FALLBACK_REASON)


def _repeated_failure(
    turns: Sequence[tuple[str, str]], lows: Sequence[str], failures: list[int], mood: str = ""
) -> Trigger:
    """The AI agent failing the caller at each of `failures` (two or more agent turns), quoting the last; `mood` is
    added after it."""
    last = failures[-1]
    failed = ASSISTANT_FAILURE.search(lows[last])
    at = _turns(failures)
    return Trigger(
        "repeated_failure",
        failures[1],
        end_sentence(
            f"AI agent failed to complete the request {len(failures)} times (turns {at}), last: "
            f'"{_quote(turns[last][1], failed.start() if failed else 0)}"{mood}'
        ),
    )


def _turns(indices: list[int]) -> str:
    """Turn numbers as the reason lists them: the first five ("1, 3, 5, 7, 9, …")."""
    return ", ".join(map(str, indices[:5])) + (", …" if len(indices) > 5 else "")


def _ai_handoff(
    turns: Sequence[tuple[str, str]], lows: Sequence[str], *, after: int = -1, mood: str = ""
) -> Trigger | None:
    """The AI agent's own handover after turn `after`, quoting its reason and the caller's last question;
    `mood` is added to it ("caller sentiment peaked at frustrated at turn 3")."""
    handed = _handover(turns, lows, after)
    if handed is None:
        return None
    i, said = handed
    reason = f'AI agent handed the call over at turn {i}: "{said}"'
    asked = _last_question(turns, lows, i)
    if asked is not None:
        reason += f' after the caller asked (turn {asked[0]}): "{asked[1]}"'
    if mood:
        reason += f" ({mood})"
    return Trigger("ai_handoff", i, end_sentence(reason), said=said)


def _handover(turns: Sequence[tuple[str, str]], lows: Sequence[str], after: int) -> tuple[int, str] | None:
    """The AI agent's first handover after turn `after`: its turn and the words that hand the call over."""
    for i in range(after + 1, len(turns)):
        handed = maybe(ASSISTANT_HANDOFF, HANDOFF_GATE, lows[i]) if turns[i][0] == "assistant" else None
        if handed is not None:
            return i, _handoff_quote(turns[i][1], handed.start())
    return None


# What a caller says after their own question when they have settled it ("Fifty percent? Okay, that works.").
_ANSWERED_ON: Final = re.compile(
    r"\s*(?:okay|ok|yes|yeah|sure|fine|alright|all\s+right|great|got\s+it|i\s+see)\b"
)


def _last_question(
    turns: Sequence[tuple[str, str]], lows: Sequence[str], before: int
) -> tuple[int, str] | None:
    """The caller's last question before turn `before`, if their last turn asked one ("Is there someone who can
    make an exception?"): what the human picks up."""
    for i in range(before - 1, -1, -1):
        if turns[i][0] != "user":
            continue
        at = lows[i].rfind("?")
        if at < 0 or _ANSWERED_ON.match(lows[i], at + 1):
            return None  # no question, or one the caller answered themselves ("Fifty percent? Okay, that works.")
        asked = _quote(turns[i][1], at)
        if len(asked.split()) < 3:
            # "Thursday? That's three more days. I want a credit for the whole week.": the echo, and what follows
            start = turns[i][1].find(asked)
            asked = clip(turns[i][1][start:], 140) if start >= 0 else asked
        return i, asked
    return None
