"""Which brief analyzer the settings build: offline by default, llm and hybrid only with a model named."""

from __future__ import annotations

import pytest

from domain.analysis import OfflineAnalyzer
from infra.llm import build_analyzer
from infra.settings import Settings, SettingsError

pytestmark = pytest.mark.unit


def test_offline_is_the_default() -> None:
    settings = Settings.from_env({})
    assert settings.analyzer == "offline"
    assert isinstance(build_analyzer(settings), OfflineAnalyzer)


@pytest.mark.parametrize("mode", ["llm", "hybrid"])
def test_llm_modes_are_built_from_the_environment(mode: str) -> None:
    env = {
        "AGENT_ASSIST_ANALYZER": mode,
        "AGENT_ASSIST_LLM_BASE_URL": "http://127.0.0.1:8080/v1",
        "AGENT_ASSIST_LLM_MODEL": "small",
        "AGENT_ASSIST_LLM_TIMEOUT_S": "2.5",
        "AGENT_ASSIST_LLM_MAX_TOKENS": "300",
    }
    analyzer = build_analyzer(Settings.from_env(env))
    assert analyzer.name == mode


def test_an_llm_mode_without_a_model_is_refused() -> None:
    with pytest.raises(SettingsError, match="AGENT_ASSIST_LLM_MODEL"):
        build_analyzer(Settings.from_env({"AGENT_ASSIST_ANALYZER": "llm"}))


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({"AGENT_ASSIST_ANALYZER": "gpt"})
