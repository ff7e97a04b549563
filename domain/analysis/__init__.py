"""Offline, deterministic analysis that turns a call transcript into the handoff brief."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

from domain.brief import AgentAssistPortal, BriefResult, CallRecord

# The modules `scripts/build_analyzer.py` compiles with mypyc (all but this one, which picks the build).
COMPILED_MODULES = (
    "_text",
    "builder",
    "compliance",
    "entities",
    "markers",
    "sentiment",
    "summary",
    "triggers",
)
COMPILED_STAMP = "SOURCES.sha256"
_HERE = Path(__file__).resolve().parent


def sources_digest() -> str:
    """The digest of the compiled modules' sources: a build is used only for the sources it was built from."""
    digest = hashlib.sha256()
    for name in COMPILED_MODULES:
        digest.update(f"{name}\0".encode())
        digest.update((_HERE / f"{name}.py").read_bytes())
    return digest.hexdigest()


def _compiled_build() -> Path | None:
    """The compiled build of the analyzer when it is current and wanted (AGENT_ASSIST_COMPILED_ANALYZER=0 runs
    the sources), else None."""
    if os.environ.get("AGENT_ASSIST_COMPILED_ANALYZER", "1") == "0":
        return None
    built = _HERE / "_compiled"
    try:
        stamp = (built / COMPILED_STAMP).read_text().strip()
    except OSError:
        return None
    return built if stamp == sources_digest() else None


_build = _compiled_build()
if _build is not None:  # the package's modules are then found in the build first
    __path__.insert(0, str(_build))
# Whether this process runs the mypyc build of the analyzer (the same rules, 1.25-1.9x faster).
COMPILED = _build is not None

# Imported once the build is chosen, so they come from it.
from domain.analysis.builder import build_brief  # noqa: E402
from domain.analysis.compliance import (  # noqa: E402
    DEFAULT_REQUIRED_DISCLOSURES,
    DISCLOSURES,
    FLAG_TYPES,
    RequiredDisclosure,
)

__all__ = [
    "COMPILED",
    "DEFAULT_REQUIRED_DISCLOSURES",
    "DISCLOSURES",
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
