"""What a language model is asked for a brief, the JSON schema of its answer, and how that answer is read."""

from __future__ import annotations

import functools
import typing
from typing import Annotated, Any, TypeVar

import msgspec

from domain.brief import AgentAssistPortal, CallRecord, Confidence, MarkerType, SentimentLevel

# Caps that also keep a small model from repeating itself until max_tokens.
MAX_INFORMATION = 15
MAX_MARKERS = 20
# The transcript shown to the model is cut (oldest turns first) to about this many characters, so a long
# call still fits a small context window; turn numbers stay those of the full call.
MAX_TRANSCRIPT_CHARS = 8000


class _Draft(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """Base of what the model fills: strict, so the generated schema says additionalProperties: false.
    Every field is required (no defaults): strict structured output wants every key listed."""


class DraftInformation(_Draft, kw_only=True, frozen=True, forbid_unknown_fields=True):
    key: str
    value: str
    turn_index: int


class DraftMarker(_Draft, kw_only=True, frozen=True, forbid_unknown_fields=True):
    turn_index: int
    type: MarkerType
    description: str


class DraftStep(_Draft, kw_only=True, frozen=True, forbid_unknown_fields=True):
    action: str
    confidence: Confidence


Summary = Annotated[list[str], msgspec.Meta(min_length=3, max_length=5)]
Steps = Annotated[list[DraftStep], msgspec.Meta(min_length=1, max_length=3)]


class DraftBrief(_Draft, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """The whole brief from the model (mode `llm`); facts come first so the prose can lean on them."""

    caller_name: str | None
    information_collected: Annotated[list[DraftInformation], msgspec.Meta(max_length=MAX_INFORMATION)]
    markers: Annotated[list[DraftMarker], msgspec.Meta(max_length=MAX_MARKERS)]
    sentiment: SentimentLevel | None
    transfer_reason: str
    call_summary: Summary
    suggested_next_steps: Steps


class DraftNarrative(_Draft, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """The prose only (mode `hybrid`): extraction, markers and compliance stay with the offline analyzer."""

    transfer_reason: str
    call_summary: Summary
    suggested_next_steps: Steps


D = TypeVar("D", DraftBrief, DraftNarrative)


class InvalidOutput(ValueError):
    """The model's answer is not JSON, or not an object of the expected shape."""


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "title"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def json_schema(draft: type[DraftBrief] | type[DraftNarrative]) -> dict[str, Any]:
    """The JSON schema msgspec generates for `draft`, with its $defs inlined (not every server follows
    $ref) and titles removed (noise in the prompt of a grammar-constrained server)."""
    schema = msgspec.json.schema(draft)
    inlined: dict[str, Any] = _inline(schema, schema.get("$defs", {}))
    return inlined


_any_object = msgspec.json.Decoder(dict[str, Any])


def _item_type(annotation: Any) -> Any:
    """list[X] or Annotated[list[X], ...] → X; anything else → None."""
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


def parse_draft(raw: str | bytes, draft: type[D]) -> tuple[D, dict[str, int]]:
    """Reads the model's answer leniently, one item at a time: an item of the wrong shape (an unknown
    marker type, a confidence outside the enum, a missing key) is dropped and counted by field, the rest
    kept. Raises InvalidOutput when the answer is not a JSON object or a list field is not a list.
    List sizes are not checked here: grounding decides what is enough."""
    try:
        obj = _any_object.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise InvalidOutput(str(exc)) from None
    dropped: dict[str, int] = {}
    values: dict[str, Any] = {}
    hints = _hints(draft)
    for field in msgspec.structs.fields(draft):
        annotation = hints[field.name]
        value = obj.get(field.name)
        item = _item_type(annotation)
        if item is not None:
            if value is None:
                value = []
            if not isinstance(value, list):
                raise InvalidOutput(f"{field.name} is not a list")
            kept = []
            for entry in value:
                try:
                    kept.append(msgspec.convert(entry, item))
                except msgspec.ValidationError:
                    dropped[field.name] = dropped.get(field.name, 0) + 1
            values[field.name] = kept
            continue
        try:
            values[field.name] = msgspec.convert(value, annotation)
        except msgspec.ValidationError:
            dropped[field.name] = dropped.get(field.name, 0) + 1
            # An optional field falls back to null (grounding then uses the offline value); a text field
            # to "", which grounding rejects.
            values[field.name] = None if _allows_none(annotation) else ""
    # The constructor does not check Meta constraints: sizes are left to grounding, on purpose.
    return draft(**values), dropped


@functools.cache
def _hints(draft: type[_Draft]) -> dict[str, Any]:
    return typing.get_type_hints(draft, include_extras=True)


def _allows_none(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


_INSTRUCTIONS_BRIEF = """\
You write the handoff brief a human contact-center agent reads when a call is transferred from an AI \
voice agent. Answer with one JSON object that follows the schema. Rules:
- Use only what the transcript says. Never invent names, numbers, dates or facts.
- information_collected: details the caller gave (account or order numbers, names, dates, amounts, \
addresses, the problem). Copy each value exactly as written in the transcript and give the number of \
the turn it is in.
- markers: notable turns, by turn number. frustration, key_info and sentiment_shift mark caller turns; \
identity_verified and ai_commitment mark agent turns; escalation_trigger marks the turn that made a \
human necessary.
- sentiment: the caller's mood at the end of the call.
- transfer_reason: one sentence, why the caller needs a human.
- call_summary: 3 to 5 short factual points.
- suggested_next_steps: 1 to 3 actions for the human agent, each with a confidence.
- caller_name: the caller's name as said in the call, or null."""

_INSTRUCTIONS_NARRATIVE = """\
You write part of the handoff brief a human contact-center agent reads when a call is transferred from \
an AI voice agent. Answer with one JSON object that follows the schema. Rules:
- Use only what the transcript says. Never invent names, numbers, dates or facts.
- transfer_reason: one sentence, why the caller needs a human.
- call_summary: 3 to 5 short factual points.
- suggested_next_steps: 1 to 3 actions for the human agent, each with a confidence."""


def render_transcript(call: CallRecord, max_chars: int = MAX_TRANSCRIPT_CHARS) -> str:
    """One numbered line per turn ("[3] caller: …"); the oldest turns are left out when it is too long."""
    lines: list[str] = []
    size = 0
    for i in range(len(call.turns) - 1, -1, -1):
        turn = call.turns[i]
        speaker = "caller" if turn.role == "user" else "agent"
        line = f"[{i}] {speaker}: {' '.join(turn.content.split())}"
        if lines and size + len(line) > max_chars:
            lines.append("[…] (earlier turns left out)")
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(reversed(lines))


def brief_messages(call: CallRecord) -> list[dict[str, str]]:
    """The chat messages asking for a whole brief (mode `llm`)."""
    return [
        {"role": "system", "content": _INSTRUCTIONS_BRIEF},
        {"role": "user", "content": "Transcript:\n" + render_transcript(call)},
    ]


def narrative_messages(call: CallRecord, offline: AgentAssistPortal) -> list[dict[str, str]]:
    """The chat messages asking for the prose only (mode `hybrid`), with the facts already extracted."""
    facts = "\n".join(f"- {i.key}: {i.value} (turn {i.turn_index})" for i in offline.information_collected)
    flags = "\n".join(f"- {f.type}: {f.description}" for f in offline.compliance_flags)
    parts = ["Transcript:\n" + render_transcript(call)]
    if facts:
        parts.append("Details already extracted:\n" + facts)
    if flags:
        parts.append("Compliance concerns already found:\n" + flags)
    return [
        {"role": "system", "content": _INSTRUCTIONS_NARRATIVE},
        {"role": "user", "content": "\n\n".join(parts)},
    ]
