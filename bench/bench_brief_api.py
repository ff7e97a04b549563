"""End-to-end brief latency and throughput against the running service on the embedded database.

    python bench/bench_brief_api.py [--seconds 10] [--connections 16]

Starts `agent-assist serve` on a fresh data directory, loads one call each of 20, 60 and 200 turns,
then drives GET /core/agent-assist/{phone} with wrk (apt-get install wrk) and, in the same run, the
trivial JSON route GET /health, and prints p50/p95 latency, requests per second and the ratio of
the brief route's throughput to the trivial route's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analyzer import transcript

BIN = Path(sys.executable).parent
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.1f %.1f %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def request(url: str, key: str, body: dict[str, object]) -> dict[str, object]:
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as response:
        result: dict[str, object] = json.loads(response.read())
        return result


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str], script: Path) -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script)]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    match = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) (\d+)", out)
    assert match, out
    requests, micros, p50, p95, errors = match.groups()
    return {
        "rps": int(requests) / (int(micros) / 1e6),
        "p50_ms": float(p50) / 1000,
        "p95_ms": float(p95) / 1000,
        "errors": int(errors),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is needed: apt-get install wrk", file=sys.stderr)
        return 2

    data = Path(tempfile.mkdtemp(prefix="aa-bench-"))
    port = free_port()
    env = {**os.environ, "AGENT_ASSIST_DATA_DIR": str(data), "PORT": str(port)}
    env.pop("DATABASE_URL", None)
    cli = str(BIN / "agent-assist")
    server = subprocess.Popen([cli, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/ready", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        org = subprocess.run(
            [cli, "org", "create", "Bench"], env=env, capture_output=True, text=True, check=True
        )
        key = subprocess.run(
            [cli, "key", "create", "--org", org.stdout.strip(), "--role", "admin"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        script = data / "report.lua"
        script.write_text(LUA)
        auth = {"Authorization": f"Bearer {key}"}
        rng = random.Random(7)
        print(f"{'route':<34} {'turns':>5} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>9} {'errors':>6}")
        trivial = wrk(base + "/health", args.seconds, args.connections, {}, script)
        print(
            f"{'GET /health (trivial JSON)':<34} {'-':>5} {trivial['p50_ms']:8.2f} {trivial['p95_ms']:8.2f} "
            f"{trivial['rps']:9.0f} {trivial['errors']:6.0f}"
        )
        for turns in (20, 60, 200):
            phone = f"+1415555{turns:04d}"
            call = transcript(turns, rng)
            request(
                base + "/core/conversations",
                key,
                {
                    "user_id": phone,
                    "conversation": {"turns": [{"role": u.role, "content": u.content} for u in call.turns]},
                },
            )
            result = wrk(f"{base}/core/agent-assist/{phone}", args.seconds, args.connections, auth, script)
            print(
                f"{'GET /core/agent-assist/{phone}':<34} {turns:>5} {result['p50_ms']:8.2f} {result['p95_ms']:8.2f} "
                f"{result['rps']:9.0f} {result['errors']:6.0f}   {result['rps'] / trivial['rps']:.0%} of trivial"
            )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
