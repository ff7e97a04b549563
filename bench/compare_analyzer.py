"""Times the offline analyzer of the work tree against the one of a git revision, brief by brief.

python bench/compare_analyzer.py REV [--turns 60] [--briefs 1500] [--compiled]

Both analyzers run in one process on the same synthetic transcripts (those of bench_analyzer.py),
alternating on every brief, so a machine whose speed drifts from minute to minute slows both alike; the
ratio of the medians is what to read. REV's `domain/` is taken with `git archive` into a temporary
directory and imported under another package name.
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
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# Like for like: REV's analyzer runs from its sources, so the work tree's does too, unless --compiled asks for
# the work tree's mypyc build (scripts/build_analyzer.py) against REV's sources.
if "--compiled" not in sys.argv[1:]:
    os.environ["AGENT_ASSIST_COMPILED_ANALYZER"] = "0"

from bench_analyzer import transcript  # noqa: E402

from domain.analysis import build_brief  # noqa: E402


def analyzer_at(rev: str, into: Path) -> Callable[[Any], Any]:
    """`build_brief` of `rev`, imported as the package `domain_at_rev`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "domain"], capture_output=True, check=True
    )
    package = into / "domain_at_rev"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    (into / "domain").rename(package)
    for path in package.rglob("*.py"):
        source = path.read_text()
        path.write_text(re.sub(r"\b(from|import) domain\b", r"\1 domain_at_rev", source))
    sys.path.insert(0, str(into))
    return importlib.import_module("domain_at_rev.analysis").build_brief  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("rev", help="a git revision, e.g. HEAD~3 or main")
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--briefs", type=int, default=1500)
    parser.add_argument("--compiled", action="store_true", help="time the work tree's compiled build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = analyzer_at(args.rev, Path(tmp))
        rng = random.Random(args.turns)
        calls = [transcript(args.turns, rng) for _ in range(20)]
        for call in calls:  # warm up both
            old(call)
            build_brief(call)
        times: dict[str, list[float]] = {args.rev: [], "work tree": []}
        for i in range(args.briefs):
            call = calls[i % len(calls)]
            for name, analyze in ((args.rev, old), ("work tree", build_brief)):
                start = time.perf_counter()
                analyze(call)
                times[name].append((time.perf_counter() - start) * 1000)
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, median in medians.items():
        print(f"{name:>12}  median {median:.3f} ms  min {min(times[name]):.3f} ms")
    print(f"{'ratio':>12}  {medians['work tree'] / medians[args.rev]:.3f} (work tree / {args.rev})")


if __name__ == "__main__":
    main()
