"""Offline, deterministic analysis that turns a call transcript into the handoff brief."""

from __future__ import annotations

import asyncio

from domain.analysis.builder import build_brief
from domain.analysis.compliance import DEFAULT_REQUIRED_DISCLOSURES, FLAG_TYPES, RequiredDisclosure
from domain.brief import AgentAssistPortal, BriefResult, CallRecord

__all__ = [
    "DEFAULT_REQUIRED_DISCLOSURES",
    "FLAG_TYPES",
    "OfflineAnalyzer",
    "RequiredDisclosure",
    "build_brief",
]


class OfflineAnalyzer:
    """The brief analyzer that needs no network: rules and lexicons only, same input gives the same brief."""

    name = "offline"

    def __init__(
        self, *, required_disclosures: tuple[RequiredDisclosure, ...] = DEFAULT_REQUIRED_DISCLOSURES
    ) -> None:
        self._required = required_disclosures

    async def analyze(self, call: CallRecord) -> BriefResult:
        return BriefResult(brief=await self.brief_soon(call), analyzer=self.name)

    def brief(self, call: CallRecord) -> AgentAssistPortal:
        """The brief itself, synchronously (the LLM analyzers start from it and fall back to it)."""
        return build_brief(call, required_disclosures=self._required)

    async def brief_soon(self, call: CallRecord) -> AgentAssistPortal:
        """`brief` from async code. A call of ordinary length (a brief in milliseconds) is analyzed right away;
        a very long transcript in a worker thread, so the event loop keeps answering other requests meanwhile
        (the thread holds the GIL in turns of a few milliseconds, not for the whole analysis)."""
        if sum(len(u.content) for u in call.turns) < LONG_TRANSCRIPT_CHARS:
            return self.brief(call)
        return await asyncio.to_thread(self.brief, call)


# About twenty minutes of speech: a brief of this much text takes some 25 ms here, and more beyond it.
LONG_TRANSCRIPT_CHARS = 20_000
