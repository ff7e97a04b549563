"""Builds the handoff brief from a call: runs every analysis once and assembles the AgentAssistPortal."""

from __future__ import annotations

import re
from itertools import chain
from typing import Final

from domain.analysis import compliance, entities, markers, sentiment, summary, triggers
from domain.analysis._text import clip, lower, narrowed, quote_at, sentence_at, word_tokens
from domain.analysis.compliance import DEFAULT_REQUIRED_DISCLOSURES, RequiredDisclosure
from domain.analysis.markers import Hit
from domain.analysis.sentiment import LABELS, noticeable_shift
from domain.brief import (
    UNKNOWN_CALLER,
    AgentAssistPortal,
    BriefHeader,
    BriefTurn,
    CallRecord,
    InformationItem,
    Marker,
    Sentiment,
    SentimentLevel,
)


def _promise_in(text: str, low: str, first: int, visit_gate: tuple[str, ...]) -> str | None:
    """The first sentence of an agent turn that binds the business to something it may not control: a
    turnaround, "definitely" or "100%" inside a commitment ("you will definitely get a refund within 24 hours")
    or an assurance for someone else ("the doctor will definitely call you back"), or a guarantee or promise
    that is not denied ("I can't guarantee a time, but I'll escalate it" is the opposite of one)."""
    visits = markers.VISIT.finditer(low) if markers.maybe(markers.VISIT, visit_gate, low) else ()
    for m in chain(markers.UNFULFILLABLE.finditer(low, first), visits):  # `first`: the gated search's first
        if low.startswith(markers.PROMISE_WORDS, m.start()):
            if markers.PROMISE.match(low, m.start()):  # made, not denied (its look-behinds see before it)
                return sentence_at(text, m.start())
            continue
        said = sentence_at(text, m.start())
        said_low = lower(said)
        if (
            any(not markers.DONE.match(said_low, c.start()) for c in markers.COMMITMENT.finditer(said_low))
            or markers.PROMISE.search(said_low)
            or markers.ASSURED.search(said_low)
            # "Your claim will be approved by Friday" (not "will be approved if your documents check out")
            or (low.startswith("be approved", m.start()) and not _HEDGED.search(said_low))
            or (
                low.startswith(_DEADLINES, m.start())
                and _WILL.search(said_low) is not None
                and not _HEDGED.search(said_low)
            )
        ):
            return said
    return None


# A deadline stated as what will happen ("Your refund will be processed within 24 hours", "A manager will call
# you back within the hour"), not hedged ("should arrive", "usually takes", "once it is approved").
_DEADLINES: Final = ("within", "by", "before", "right away", "immediately")
_WILL: Final = re.compile(r"\bwill\b(?!\s+(?:you|i)\b)")
_HEDGED: Final = re.compile(
    r"\b(?:usually|typically|normally|generally|may|might|should|could|up\s+to|can\s+take|around|about|roughly"
    r"|approximately|estimated|if|once|unless)\b"
)


def _capitalised(word: str) -> str:
    """A name word as the header shows it: as said when it has capitals ("Al-Rashid", "McCarthy", "DJ"), else
    each part capitalised ("raghunathan-iyer" is "Raghunathan-Iyer", "o'brien" "O'Brien")."""
    if word != word.lower():
        return word
    return re.sub(r"(?:^|(?<=[-'’]))\w", lambda m: m.group().upper(), word)


# How an AI agent introduces itself ("My name is Claire", "Hi, I'm Ava, your virtual assistant").
_SELF_NAMED: Final = re.compile(r"\b(?i:my\s+name\s+is|my\s+name's|i'm|i\s+am|this\s+is)\s+([A-Z][a-z]+)\b")
_NAME_KEYS: Final = frozenset(["name", "detail", "other_name"])
_INTRODUCTION_TURNS: Final = 3  # an agent introduces itself in its first turns


def _agent_names(turns: list[tuple[str, str]]) -> frozenset[str]:
    """The names the AI agent gave itself in its first turns, lower-cased."""
    said = [text for role, text in turns if role == "assistant"][:_INTRODUCTION_TURNS]
    return frozenset(m.group(1).lower() for text in said for m in _SELF_NAMED.finditer(text))


def _caller_name(call: CallRecord, found: list[entities.Entity]) -> str:
    """The name the call record knows, else the one the caller gave, else the one the AI agent greeted the
    caller by ("Thanks, Kim."): an AI agent that does so read it from the account."""
    if call.known_caller_name and call.known_caller_name.strip():
        return call.known_caller_name.strip()
    name: list[str] = []
    for e in found:
        if e.key == "name":
            words = e.value.split()
            # The first name given, or a fuller form of it said later ("Whitfield. Jonathan Whitfield.").
            if not name or (len(words) > len(name) and all(w.lower() in map(str.lower, words) for w in name)):
                name = words
    if name:
        return " ".join(map(_capitalised, name))
    for u in call.turns:
        if u.role == "assistant":
            greeted = entities.addressed_name(u.content)
            if greeted:
                return greeted
    return UNKNOWN_CALLER


def _holder_named(
    found: list[entities.Entity], turns: list[tuple[str, str]], lows: list[str], bereaved: int
) -> list[entities.Entity]:
    """`found` with the name given after turn `bereaved` (where the caller said someone died) in answer to a question
    for the account holder's name as that person's, not the caller's: "My husband passed away." ... "Can I take
    the account holder's full name?" "Robert James Hale." names the late husband, and the widow is not to be
    greeted by his name."""
    out = []
    for e in found:
        if e.key == "name" and e.turn_index > bereaved:
            prompt = next(
                (lows[j] for j in range(e.turn_index - 1, -1, -1) if turns[j][0] == "assistant"), ""
            )
            if _HOLDERS_NAME.search(prompt):
                e = e._replace(key="other_name")
        out.append(e)
    return out


_HOLDERS_NAME: Final = re.compile(
    r"\b(?:account|card|policy)\s*holder'?s\s+(?:full\s+)?name\b|\bname\s+on\s+the\s+account\b"
)


def build_brief(
    call: CallRecord,
    *,
    required_disclosures: tuple[RequiredDisclosure, ...] = DEFAULT_REQUIRED_DISCLOSURES,
) -> AgentAssistPortal:
    """The brief for `call`: deterministic, offline, and with exactly the call's turns in order."""
    turns: list[tuple[str, str]] = [(u.role, u.content) for u in call.turns]
    lows = [lower(text) for _, text in turns]  # every turn ASCII-lowered once
    n = len(turns)
    marks: list[list[Marker]] = [[] for _ in range(n)]

    # Each caller turn's answering agent turn (the first agent turn after it): its empathy is a cue.
    replies: dict[int, str] = {}
    reply = ""
    for i in range(n - 1, -1, -1):
        role, text = turns[i]
        if role == "assistant":
            reply = text
        elif reply:
            replies[i] = reply
    # Each caller turn's `[a-z]+` words, tokenised once for both the sentiment and the entity rules.
    callers = [i for i, (role, _) in enumerate(turns) if role == "user"]
    tokens = {i: word_tokens(lows[i]) for i in callers}
    word_sets = {i: frozenset(t) for i, t in tokens.items()}  # ... and their set, built once for both
    by_index = dict(enumerate(lows))
    moods = sentiment.track(
        [(i, turns[i][1]) for i in callers], replies, lows=by_index, tokens=tokens, word_sets=word_sets
    )

    found: list[entities.Entity] = []
    prompt = low_prompt = asked = ""  # the question the caller answers, and the one before it
    prompt_at = asked_at = 0
    given_before: list[entities.Entity] = []  # the values of the caller's turn before
    said_before = answered = between = (
        ""  # the caller's turn before, the question it answered, the agent's since
    )
    for i, (role, text) in enumerate(turns):
        if role == "assistant":
            between = lows[i]
            if not entities.goes_on(lows[i]):  # "Go on.": the caller still answers the question before it
                asked, asked_at = prompt, prompt_at
                prompt, low_prompt, prompt_at = text, lows[i], i
            continue
        spoken = entities.spoken_form(text, lows[i], word_sets[i])
        if spoken is None:
            given = entities.extract_turn(text, i, prompt, lows[i], word_sets.get(i), low_prompt)
        else:  # read as meant: "um four four seven one uh nine nine two zero", "k as in kilo"
            given = entities.extract_turn(spoken, i, prompt, low_prompt=low_prompt)
        if given and given_before and prompt_at > given_before[0].turn_index:
            given = entities.given_again(
                given, given_before, lows[prompt_at]
            )  # "Could you repeat that number?"
        if given and given_before:  # "Oh no sorry, it's 41, not 14"
            given = entities.corrects(given, given_before, lows[i], word_sets[i])
        if given and found:  # "John Mercer." ... "It's Jon, without the h."
            given = entities.respelled(given, found, lows[i])
            # "8812 4417 02" ... "Sorry, not 4417, it's 8812 4471 02.": the id said again, put right
            given = entities.corrects_earlier(given, found, word_sets[i])
        if between and said_before:  # "its w a one two three four" "And the rest?" "five six seven eight"
            given = entities.continued_id(given, given_before, lows[i], i, said_before, answered, between)
        found.extend(given)
        given_before = given
        said_before, answered, between = lows[i], low_prompt, ""
        if prompt:
            confirmed = entities.confirmed_read_back(prompt, low_prompt, lows[i], i, asked)
            if confirmed:
                found.extend(entities.superseding(confirmed, found, asked_at if asked else prompt_at))
    found = entities.dedupe(found)
    own = _agent_names(turns)
    if own:  # "Hi Claire." greets the AI agent by the name it gave: not the caller's, not a detail
        found = [
            e for e in found if e.key not in _NAME_KEYS or e.value.split()[0].strip(".,!?").lower() not in own
        ]

    verified_at: int | None = None
    commitments: list[Hit] = []
    promises: list[Hit] = []
    agent = [i for i, (role, _) in enumerate(turns) if role == "assistant"]
    said_by_agent = "\n".join(lows[i] for i in agent)
    identity_gate = narrowed(markers.IDENTITY_GATE, said_by_agent)
    commitment_gate = narrowed(markers.COMMITMENT_GATE, said_by_agent)
    unfulfillable_gate = narrowed(markers.UNFULFILLABLE_GATE, said_by_agent)
    visit_gate = narrowed(markers.VISIT_GATE, said_by_agent)
    for i in agent:
        text = turns[i][1]
        low = lows[i]
        if verified_at is None and markers.maybe(markers.IDENTITY_VERIFIED, identity_gate, low):
            verified_at = i
            marks[i].append(
                Marker(type="identity_verified", description="AI agent confirmed the caller's identity.")
            )
        m = markers.maybe_with(markers.COMMITMENT, commitment_gate, markers.COMMITMENT_ONLY_WITH, low)
        if m:
            said = sentence_at(text, m.start())
            marks[i].append(
                Marker(type="ai_commitment", description=f'AI agent committed: "{clip(said, 120)}"')
            )
            # every sentence of the turn that commits or acts ("I've locked your card. I'll send a new one.")
            commitments.append(Hit(i, said))
            for c in markers.COMMITMENT.finditer(low, m.end()):
                sentence = sentence_at(text, c.start())
                if sentence != commitments[-1].sentence:
                    commitments.append(Hit(i, sentence))
        turnaround = markers.maybe(markers.UNFULFILLABLE, unfulfillable_gate, low) or markers.maybe(
            markers.VISIT, visit_gate, low
        )
        if turnaround:
            promise = _promise_in(text, low, turnaround.start(), visit_gate)
            if promise is not None:
                promises.append(Hit(i, promise))

    caller_words = frozenset().union(*word_sets.values())  # every word the caller said
    found_topics = triggers.find_topics(turns, lows, caller_words)
    bereaved = next((t[2] for t in found_topics if t[0] == "bereavement"), None)
    if bereaved is not None:
        found = _holder_named(found, turns, lows, bereaved)
    settled = summary.settle(commitments)
    reached = entities.someone_else(turns, lows)  # "Is this Dana?" "No, this is her roommate."
    trigger = triggers.decide(
        turns,
        moods,
        topics=found_topics,
        lows=lows,
        done=commitments,
        acted=settled.done,
        reached=reached,
    )

    shown: SentimentLevel = "calm"  # the level the last sentiment_shift marker told the reader
    for mood in moods:
        i = mood.turn_index
        if mood.frustrated:
            marks[i].append(
                Marker(type="frustration", description="Frustration cues: " + ", ".join(mood.cues) + ".")
            )
        if noticeable_shift(shown, mood.level):
            marks[i].append(
                Marker(
                    type="sentiment_shift",
                    description=f"Caller sentiment changed from {LABELS[shown].lower()} to "
                    f"{LABELS[mood.level].lower()}.",
                )
            )
            shown = mood.level
    by_turn: dict[int, list[str]] = {}
    for e in found:
        by_turn.setdefault(e.turn_index, []).append(e.key.replace("_", " "))
    for i, keys in by_turn.items():
        marks[i].append(
            Marker(type="key_info", description="Caller shared " + ", ".join(dict.fromkeys(keys)) + ".")
        )
    # A caller in distress (afraid, in tears): the header says so, and the human reassures before anything else.
    distress_at = sentiment.distressed(callers, lows, word_sets)
    distress = None
    if distress_at is not None:
        distress = (distress_at[0], quote_at(turns[distress_at[0]][1], distress_at[1], 70))
        marks[distress[0]].append(
            Marker(type="key_info", description=f'Caller sounds distressed: "{distress[1]}"')
        )
    reason = summary.masked(trigger.reason, found)  # (a caller's words it quotes show no card number in full)
    if trigger.turn_index is not None:
        marks[trigger.turn_index].append(Marker(type="escalation_trigger", description=reason))

    level = moods[-1].level if moods else "calm"
    label = LABELS[level]
    if distress is not None:
        label = "Distressed" if level == "calm" else f"{label} and distressed"
    intent = summary.caller_intent(turns, found, lows)
    header = BriefHeader(
        caller_name=_caller_name(call, found),
        phone_number=call.phone_number,
        call_duration_seconds=call.duration_seconds,
        sentiment=Sentiment(label=label, level=level),
    )
    return AgentAssistPortal(
        header=header,
        transfer_reason=reason,
        call_summary=summary.summarise(
            turns, found, moods, verified_at, settled, trigger, intent, distress=distress
        ),
        information_collected=[
            InformationItem(key=e.key, value=e.value, turn_index=e.turn_index) for e in found
        ],
        suggested_next_steps=summary.next_steps(
            turns,
            found,
            moods,
            verified_at,
            settled,
            trigger,
            intent,
            found_topics,
            promises,
            caller_words,
            lows,
            reached,
            distress,
        ),
        transcript=[
            BriefTurn(role=u.role, content=u.content, markers=marks[i]) for i, u in enumerate(call.turns)
        ],
        compliance_flags=compliance.check(
            turns, found, verified_at, promises, required_disclosures, lows, caller_words, reached
        ),
    )
