"""Offline, deterministic analysis that turns a call transcript into the handoff brief."""

from __future__ import annotations

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
        return BriefResult(brief=self.brief(call), analyzer=self.name)

    def brief(self, call: CallRecord) -> AgentAssistPortal:
        """The brief itself, synchronously (the LLM analyzers start from it and fall back to it)."""
        return build_brief(call, required_disclosures=self._required)
