"""The service as a user runs it: `agent-assist serve --demo` on the embedded database, then curl."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Service:
    def __init__(self, process: subprocess.Popen[str], base_url: str, output: list[str]) -> None:
        self.process = process
        self.base_url = base_url
        self.output = output


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    port = free_port()
    env = {
        **os.environ,
        "AGENT_ASSIST_DATA_DIR": str(tmp_path / "data"),
        "PORT": str(port),
        "HOST": "127.0.0.1",
    }
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [str(BIN / "agent-assist"), "serve", "--demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    output: list[str] = []
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise AssertionError("service exited:\n" + "".join(output))
        output.append(line)
        if "Uvicorn running" in line or "Application startup complete" in line:
            break
    else:
        process.kill()
        raise AssertionError("service did not start:\n" + "".join(output))
    yield Service(process, base_url, output)
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.stdout.close()


def test_serve_demo_answers_health_ready_metrics_and_the_printed_curl(
    service: Service, tmp_path: Path
) -> None:
    text = "".join(service.output)
    key = re.search(r"\b(ak_[A-Za-z0-9_-]+)", text)
    assert key, text
    curl = next(
        line.strip() for line in service.output if line.strip().startswith("curl") and "agent-assist" in line
    )
    assert key.group(1) in curl

    with httpx.Client(base_url=service.base_url, timeout=10) as http:
        assert http.get("/health").json() == {"status": "ok"}
        assert http.get("/ready").status_code == 200
        assert "agent_assist_http_requests_total" in http.get("/metrics").text
        conversations = http.get(
            "/core/conversations",
            params={"user_id": "+15551234567"},
            headers={"Authorization": f"Bearer {key.group(1)}"},
        )
        assert conversations.status_code == 200
        assert len(conversations.json()["items"]) == 2

    # The printed curl line, run as printed.
    result = subprocess.run(curl, shell=True, capture_output=True, text=True, timeout=30, check=True)
    assert '"caller_name":"Maria Gonzalez"' in result.stdout

    # A second process on the same data dir attaches to the same embedded server (and sees the same data).
    env = {**os.environ, "AGENT_ASSIST_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    second = subprocess.run(
        [str(BIN / "agent-assist"), "org", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Northwind Energy (demo)" in second.stdout
    with httpx.Client(base_url=service.base_url, timeout=10) as http:
        assert http.get("/ready").status_code == 200


def test_observer_without_livekit_exits_cleanly_with_a_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIVEKIT_")}
    result = subprocess.run(
        [str(BIN / "agent-assist"), "observe"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "LIVEKIT_URL" in result.stderr
