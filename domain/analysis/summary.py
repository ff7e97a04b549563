"""Writes the extractive call summary (3–5 bullets) and the rule-based next steps (1–3)."""

from __future__ import annotations

import re

from domain.analysis._text import clip
from domain.analysis.entities import SENSITIVE_KEYS, Entity
from domain.analysis.markers import Hit
from domain.analysis.sentiment import LABELS, TurnSentiment, rank
from domain.analysis.triggers import Trigger
from domain.brief import Confidence, NextStep

_GREETING_ONLY = re.compile(
    r"^\W*(?:hi|hello|hey|good\s+(?:morning|afternoon|evening)|yes|yeah|no|ok(?:ay)?|sure|thanks?|thank\s+you|"
    r"bye|goodbye)\b[\W\s]*(?:there|again|so\s+much)?[\W\s]*$",
    re.IGNORECASE,
)
_MASK_KEYS = SENSITIVE_KEYS | {"phone_number", "email"}


def caller_intent(turns: list[tuple[str, str]]) -> str | None:
    """The first caller turn that says something beyond a greeting: usually why they called."""
    for role, text in turns:
        if role == "user" and len(text.split()) >= 3 and not _GREETING_ONLY.match(text):
            return clip(text, 160)
    return None


def _mask(e: Entity) -> str:
    # The summary is skimmed on screen; full sensitive values stay in information_collected only.
    if e.key in SENSITIVE_KEYS and len(e.value) > 4:
        return "…" + e.value[-4:]
    return e.value


def summarise(
    turns: list[tuple[str, str]],
    entities: list[Entity],
    moods: list[TurnSentiment],
    verified_at: int | None,
    commitments: list[Hit],
    trigger: Trigger,
) -> list[str]:
    bullets: list[str] = []
    intent = caller_intent(turns)
    bullets.append(f'Caller request: "{intent}"' if intent else "Caller did not state a request.")
    if entities:
        shown = "; ".join(f"{e.key.replace('_', ' ')}: {_mask(e)}" for e in entities[:5])
        more = f" (+{len(entities) - 5} more)" if len(entities) > 5 else ""
        bullets.append(f"Details collected: {shown}{more}.")
    else:
        bullets.append("No account or booking details were collected.")
    ai: list[str] = []
    if verified_at is not None:
        ai.append(f"verified the caller's identity at turn {verified_at}")
    if commitments:
        ai.append(f'committed: "{clip(commitments[0].sentence, 110)}"')
        if len(commitments) > 1:
            ai.append(f"{len(commitments) - 1} more commitment(s) in the transcript")
    if ai:
        bullets.append("AI agent " + "; ".join(ai) + ".")
    if moods:
        current = moods[-1].level
        peak = max(moods, key=lambda m: (rank(m.level), -m.turn_index))
        line = f"Caller sentiment: {LABELS[current]}"
        if rank(peak.level) > rank(current):
            line += f" (peaked at {LABELS[peak.level]} at turn {peak.turn_index})"
        bullets.append(line + ".")
    else:
        bullets.append("The caller has not spoken yet.")
    if trigger.kind != "fallback":
        bullets.append(f"Handoff: {trigger.reason}")
    elif len(moods) >= 2:
        bullets.append(f'Latest caller message: "{clip(turns[moods[-1].turn_index][1], 120)}"')
    if len(bullets) < 3:
        bullets.append(
            f"Call has {len(turns)} turn(s); {sum(r == 'user' for r, _ in turns)} from the caller."
        )
    return bullets[:5]


def next_steps(
    turns: list[tuple[str, str]],
    entities: list[Entity],
    moods: list[TurnSentiment],
    verified_at: int | None,
    commitments: list[Hit],
    trigger: Trigger,
    topics: list[str],
) -> list[NextStep]:
    steps: list[tuple[str, Confidence]] = []
    peak = max((rank(m.level) for m in moods), default=0)
    if "legal_matter" in topics:
        steps.append(("Route to the legal or compliance team; do not admit liability on the call.", "high"))
    if trigger.kind == "human_request" or peak >= rank("frustrated"):
        conf: Confidence = "high" if peak >= rank("frustrated") else "medium"
        steps.append(("Acknowledge the caller's frustration and apologise before continuing.", conf))
    account_related = any(e.key in _MASK_KEYS or e.key.endswith(("_id", "_number")) for e in entities)
    if verified_at is None and (
        account_related or "billing_dispute" in topics or "account_closure" in topics
    ):
        steps.append(("Verify the caller's identity before acting on the account.", "high"))
    if "billing_dispute" in topics:
        steps.append(("Review the disputed charge on the account and explain or reverse it.", "medium"))
    if "account_closure" in topics:
        steps.append(("Confirm the closure request and offer retention options per policy.", "medium"))
    if commitments:
        steps.append(
            (
                f'Follow through on the AI agent\'s commitment: "{clip(commitments[-1].sentence, 90)}"',
                "medium",
            )
        )
    intent = caller_intent(turns)
    if trigger.kind == "repeated_failure":
        steps.append(
            (
                f'Resolve the request the AI agent could not complete: "{clip(intent or "", 90)}"'
                if intent
                else "Resolve the request the AI agent could not complete.",
                "medium",
            )
        )
    if not steps:
        steps.append(
            (
                f'Confirm the caller\'s request and continue: "{clip(intent, 90)}"'
                if intent
                else "Greet the caller and ask how you can help.",
                "low",
            )
        )
    return [NextStep(action=a, confidence=c) for a, c in steps[:3]]
