"""Brief analyzers backed by any OpenAI-compatible chat endpoint, grounded and falling back to offline."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Literal

import openai

from domain.analysis import OfflineAnalyzer
from domain.brief import AgentAssistPortal, BriefResult, CallRecord, LlmCall
from domain.grounding import ground_brief, ground_narrative
from domain.llm_brief import (
    DraftBrief,
    DraftNarrative,
    InvalidOutput,
    brief_messages,
    json_schema,
    narrative_messages,
    parse_draft,
)

logger = logging.getLogger(__name__)

Mode = Literal["llm", "hybrid"]
# llama.cpp and most local servers ignore the key; the client insists on one.
NO_KEY = "not-needed"


class _CallFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LlmAnalyzer:
    """Mode `llm`: the model writes the whole brief; mode `hybrid`: the offline analyzer's extraction,
    markers and compliance checks, with the model writing the transfer reason, summary and next steps.

    The answer is asked for as structured output with the JSON schema msgspec generates from
    `domain.llm_brief`, read with msgspec, and grounded against the transcript (`domain.grounding`).
    On a timeout, a transport or HTTP error, an answer that is not the expected JSON, or too little left
    after grounding, the offline brief is served as `fallback:<reason>`. One attempt only, bounded by
    `timeout_s` end to end: a caller is waiting on the line."""

    def __init__(
        self,
        *,
        mode: Mode,
        base_url: str | None,
        model: str,
        api_key: str | None = None,
        timeout_s: float = 8.0,
        max_tokens: int = 1024,
        offline: OfflineAnalyzer | None = None,
    ) -> None:
        self.name: str = mode
        self._mode = mode
        self._base_url = base_url
        self._model = model
        self._api_key = api_key or NO_KEY
        self._timeout_s = timeout_s
        self._max_tokens = max_tokens
        self._offline = offline or OfflineAnalyzer()
        draft = DraftBrief if mode == "llm" else DraftNarrative
        self._response_format: Any = {
            "type": "json_schema",
            "json_schema": {"name": draft.__name__, "schema": json_schema(draft), "strict": True},
        }

    async def analyze(self, call: CallRecord) -> BriefResult:
        offline = await self._offline.brief_soon(call)
        if not call.turns:
            return BriefResult(brief=offline, analyzer="fallback:empty")
        messages = brief_messages(call) if self._mode == "llm" else narrative_messages(call, offline)
        started = time.perf_counter()
        try:
            content = await self._complete(messages)
        except _CallFailed as failed:
            seconds = time.perf_counter() - started
            logger.warning(
                "LLM brief failed (%s) after %.2fs; serving the offline brief", failed.reason, seconds
            )
            return BriefResult(
                brief=offline,
                analyzer=f"fallback:{failed.reason}",
                llm_call=LlmCall(outcome=failed.reason, seconds=seconds),
            )
        llm_call = LlmCall(outcome="ok", seconds=time.perf_counter() - started)
        try:
            if content is None:
                raise InvalidOutput("no content, or cut off by max_tokens")
            brief, dropped = self._ground(call, content, offline)
        except InvalidOutput as exc:
            logger.warning("LLM answer is not the expected JSON (%s); serving the offline brief", exc)
            return BriefResult(brief=offline, analyzer="fallback:invalid_json", llm_call=llm_call)
        if brief is None:
            return BriefResult(
                brief=offline, analyzer="fallback:ungrounded", llm_call=llm_call, dropped=dropped
            )
        return BriefResult(brief=brief, analyzer=self._mode, llm_call=llm_call, dropped=dropped)

    def _ground(
        self, call: CallRecord, content: str, offline: AgentAssistPortal
    ) -> tuple[AgentAssistPortal | None, dict[str, int]]:
        if self._mode == "llm":
            draft, dropped = parse_draft(content, DraftBrief)
            return ground_brief(call, draft, offline, dropped)
        narrative, dropped = parse_draft(content, DraftNarrative)
        return ground_narrative(call, narrative, offline, dropped)

    async def _complete(self, messages: list[dict[str, str]]) -> str | None:
        """One chat completion: its text (None when empty or cut off), or _CallFailed with the reason. A client per call: nothing is
        left open between requests or across event loops (the app has no hook to close a shared one)."""
        try:
            async with (
                asyncio.timeout(self._timeout_s),
                openai.AsyncOpenAI(
                    base_url=self._base_url,
                    api_key=self._api_key,
                    timeout=self._timeout_s,
                    max_retries=0,
                ) as client,
            ):
                response = await client.chat.completions.create(
                    model=self._model,
                    messages=messages,  # type: ignore[arg-type]
                    response_format=self._response_format,
                    temperature=0,
                    max_tokens=self._max_tokens,
                )
        except (TimeoutError, openai.APITimeoutError):
            raise _CallFailed("timeout") from None
        except openai.APIConnectionError:
            raise _CallFailed("transport") from None
        except openai.APIStatusError as exc:
            logger.warning("LLM endpoint answered %s: %s", exc.status_code, exc.message)
            raise _CallFailed("status") from None
        except openai.OpenAIError as exc:  # e.g. a body that is not a chat completion at all
            logger.warning("LLM call failed: %r", exc)
            raise _CallFailed("transport") from None
        choice = response.choices[0] if response.choices else None
        if choice is not None:
            logger.debug("LLM answer (%s): %s", choice.finish_reason, choice.message.content)
        if choice is None or choice.finish_reason == "length":
            return None  # cut off by max_tokens: the JSON is incomplete
        return choice.message.content or None
