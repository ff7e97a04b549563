"""The LLM brief path: analyzers over any OpenAI-compatible endpoint, built from the settings."""

from __future__ import annotations

from domain.analysis import DISCLOSURES, OfflineAnalyzer
from domain.ports import BriefAnalyzer
from infra.settings import Settings, SettingsError

__all__ = ["build_analyzer"]


def build_analyzer(settings: Settings, mode: str | None = None) -> BriefAnalyzer:
    """The analyzer `mode` names (default: AGENT_ASSIST_ANALYZER): offline, llm or hybrid, checking calls for
    the disclosures AGENT_ASSIST_REQUIRED_DISCLOSURES names (the LLM paths take compliance from the offline brief)."""
    mode = mode or settings.analyzer
    offline = OfflineAnalyzer(
        required_disclosures=tuple(DISCLOSURES[name] for name in settings.required_disclosures)
    )
    if mode == "offline":
        return offline
    if mode not in ("llm", "hybrid"):
        raise SettingsError(f"AGENT_ASSIST_ANALYZER must be offline, llm or hybrid, got {mode!r}")
    if not settings.llm_model:
        raise SettingsError(f"AGENT_ASSIST_ANALYZER={mode} needs AGENT_ASSIST_LLM_MODEL")
    if settings.llm_timeout_s <= 0:
        raise SettingsError("AGENT_ASSIST_LLM_TIMEOUT_S must be positive")
    from infra.llm.analyzer import LlmAnalyzer  # imports openai: only when a model is configured

    return LlmAnalyzer(
        mode="llm" if mode == "llm" else "hybrid",
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_s=settings.llm_timeout_s,
        max_tokens=settings.llm_max_tokens,
        offline=offline,
    )
