"""Hand-written calls for the analyzer's tests: turns written as ("u" | "a", text), caller or AI agent."""

from __future__ import annotations

from domain.analysis import build_brief
from domain.analysis.triggers import find_topics
from domain.brief import AgentAssistPortal, CallRecord, Utterance


def call(*turns: tuple[str, str]) -> CallRecord:
    return CallRecord(
        phone_number="+15550003333",
        turns=[Utterance(role="user" if r == "u" else "assistant", content=c) for r, c in turns],
    )


def brief_of(*turns: tuple[str, str]) -> AgentAssistPortal:
    return build_brief(call(*turns))


def info(brief: AgentAssistPortal) -> list[tuple[str, str]]:
    """The brief's collected details as (key, value) pairs."""
    return [(i.key, i.value) for i in brief.information_collected]


def steps(brief: AgentAssistPortal) -> list[str]:
    """The brief's suggested next steps, as their actions."""
    return [s.action for s in brief.suggested_next_steps]


def topics(*caller_turns: str) -> list[str]:
    """The policy topics `find_topics` reads in these caller turns, as their keys."""
    return [key for key, *_ in find_topics([("user", t) for t in caller_turns])]
