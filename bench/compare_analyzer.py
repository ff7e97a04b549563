"""Times the offline analyzer of the work tree against the one of a git revision, brief by brief.

python bench/compare_analyzer.py REV [--turns 60] [--briefs 1500] [--compiled]

Both analyzers run on the same synthetic transcripts (those of bench_analyzer.py), alternating, so a machine
whose speed drifts from minute to minute slows both alike; the ratio is what to read.

From the sources (the default), both run in one process, alternating on every brief: REV's `domain/` is
taken with `git archive` into a temporary directory and imported under another package name.

With --compiled, both run compiled (scripts/build_analyzer.py; REV's tree is built in a temporary
directory, about a minute). A compiled analyzer cannot be imported twice in one process, so each runs in a
worker process of its own and the two take turns, a chunk of 60 briefs each; the figure to read is the
median of the per-chunk ratios.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 60  # briefs per turn of a worker: long enough to time, short enough that the host drifts little


def _archive(rev: str, into: Path, *paths: str) -> None:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, *paths], capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def _calls(turns: int) -> list[Any]:
    from bench_analyzer import transcript

    rng = random.Random(turns)
    return [transcript(turns, rng) for _ in range(20)]


def analyzer_at(rev: str, into: Path) -> Callable[[Any], Any]:
    """`build_brief` of `rev`, imported from its sources as the package `domain_at_rev`."""
    _archive(rev, into, "domain")
    package = into / "domain_at_rev"
    (into / "domain").rename(package)
    for path in package.rglob("*.py"):
        source = path.read_text()
        path.write_text(re.sub(r"\b(from|import) domain\b", r"\1 domain_at_rev", source))
    sys.path.insert(0, str(into))
    return importlib.import_module("domain_at_rev.analysis").build_brief  # type: ignore[no-any-return]


def compare_sources(rev: str, turns: int, briefs: int) -> None:
    os.environ["AGENT_ASSIST_COMPILED_ANALYZER"] = "0"  # like for like: REV's analyzer runs from its sources
    sys.path.insert(0, str(ROOT))
    from domain.analysis import build_brief

    with tempfile.TemporaryDirectory() as tmp:
        old = analyzer_at(rev, Path(tmp))
        calls = _calls(turns)
        for call in calls:  # warm up both
            old(call)
            build_brief(call)
        times: dict[str, list[float]] = {rev: [], "work tree": []}
        for i in range(briefs):
            call = calls[i % len(calls)]
            for name, analyze in ((rev, old), ("work tree", build_brief)):
                start = time.perf_counter()
                analyze(call)
                times[name].append((time.perf_counter() - start) * 1000)
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, median in medians.items():
        print(f"{name:>12}  median {median:.3f} ms  min {min(times[name]):.3f} ms")
    print(f"{'ratio':>12}  {medians['work tree'] / medians[rev]:.3f} (work tree / {rev})")


def worker(root: str, turns: int) -> None:
    """Serves one compiled analyzer: for each line read, times CHUNK briefs and prints their median in ms."""
    sys.path.insert(0, root)
    from domain.analysis import COMPILED, build_brief

    if not COMPILED:
        sys.exit(f"{root}: the compiled analyzer is missing or stale (scripts/build_analyzer.py)")
    calls = _calls(turns)
    for call in calls:
        build_brief(call)
    print("ready", flush=True)
    for _ in sys.stdin:
        times = []
        for i in range(CHUNK):
            call = calls[i % len(calls)]
            start = time.perf_counter()
            build_brief(call)
            times.append(time.perf_counter() - start)
        print(f"{statistics.median(times) * 1000:.4f}", flush=True)


def compare_compiled(rev: str, turns: int, briefs: int) -> None:
    build = [sys.executable, "scripts/build_analyzer.py"]
    current = subprocess.run(build, cwd=ROOT, capture_output=True, text=True)
    with tempfile.TemporaryDirectory() as tmp:
        _archive(rev, Path(tmp), "domain", "scripts", "bench")
        print(f"compiling {rev}'s analyzer ...", file=sys.stderr)
        built = subprocess.run(build, cwd=tmp, capture_output=True, text=True)
        for result, name in ((current, "work tree"), (built, rev)):
            if result.returncode != 0 or "not compiled" in result.stderr:
                sys.exit(f"{name}: the analyzer did not compile:\n{result.stderr}")
        me = [sys.executable, __file__, "--worker", "--turns", str(turns)]
        workers = [
            subprocess.Popen([*me, root], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            for root in (tmp, str(ROOT))
        ]
        try:
            for w in workers:
                assert w.stdin is not None and w.stdout is not None
                if w.stdout.readline().strip() != "ready":
                    sys.exit("a worker did not start")
            medians: tuple[list[float], list[float]] = ([], [])
            for k in range(max(1, briefs // CHUNK)):
                for j in (0, 1) if k % 2 == 0 else (1, 0):  # who goes first alternates too
                    stdin, stdout = workers[j].stdin, workers[j].stdout
                    assert stdin is not None and stdout is not None
                    stdin.write("go\n")
                    stdin.flush()
                    medians[j].append(float(stdout.readline()))
        finally:
            for w in workers:
                if w.stdin is not None:
                    w.stdin.close()
                w.wait()
    old, new = medians
    ratios = [n / o for o, n in zip(old, new, strict=True)]
    for name, chunks in ((rev, old), ("work tree", new)):
        print(
            f"{name:>12}  median {statistics.median(chunks):.3f} ms  best chunk {min(chunks):.3f} ms (compiled)"
        )
    print(
        f"{'ratio':>12}  {statistics.median(ratios):.3f} (work tree / {rev}, median of {len(ratios)} chunk pairs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("rev", help="a git revision, e.g. HEAD~3 or main (with --worker: a tree to serve)")
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--briefs", type=int, default=1500, help="briefs per analyzer")
    parser.add_argument("--compiled", action="store_true", help="compare the compiled builds")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    if args.worker:
        worker(args.rev, args.turns)
    elif args.compiled:
        compare_compiled(args.rev, args.turns, args.briefs)
    else:
        compare_sources(args.rev, args.turns, args.briefs)


if __name__ == "__main__":
    main()
