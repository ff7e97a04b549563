"""The compiled analyzer (scripts/build_analyzer.py): used only when it is current, and the same briefs as the
interpreted sources."""

from __future__ import annotations

import ast
import json
import os
import random
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import msgspec
import pytest

import domain.analysis
from domain.analysis import COMPILED, COMPILED_STAMP, build_brief, builder, sources_digest
from domain.brief import CallRecord, Utterance

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "domain" / "analysis"


_WHICH = (
    "import domain.analysis as a, domain.analysis.builder as b; print(a.COMPILED, a.__file__, b.__file__)"
)


def _environ() -> dict[str, str]:
    """This process's environment but its choice of analyzer build."""
    return {k: v for k, v in os.environ.items() if k != "AGENT_ASSIST_COMPILED_ANALYZER"}


def _uses_build(project: Path, env: dict[str, str] | None = None) -> bool:
    """Whether `import domain.analysis` from `project` picks the compiled build (a fresh interpreter)."""
    out = subprocess.run(
        [sys.executable, "-c", _WHICH],
        cwd=project,
        env={**_environ(), "PYTHONPATH": str(project), **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[1] == str(project / "domain" / "analysis" / "__init__.py")  # the copy, not the work tree
    compiled = out[0] == "True"
    assert compiled == out[2].endswith(sysconfig.get_config_var("EXT_SUFFIX")), (
        out
    )  # the flag tells the truth
    return compiled


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the `domain` package, with the compiled build when there is one."""
    shutil.copytree(ROOT / "domain", tmp_path / "domain", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_a_build_is_used_only_for_the_sources_it_was_built_from(project: Path) -> None:
    built = project / "domain" / "analysis" / "_compiled"
    if not (built / COMPILED_STAMP).is_file():
        built.mkdir()
    (built / COMPILED_STAMP).write_text(sources_digest() + "\n")
    has_modules = any(built.glob("*" + sysconfig.get_config_var("EXT_SUFFIX")))
    assert _uses_build(project) == has_modules
    assert not _uses_build(project, {"AGENT_ASSIST_COMPILED_ANALYZER": "0"})
    # An edited rule: the build no longer matches, and the sources run.
    entities = project / "domain" / "analysis" / "entities.py"
    entities.write_text(entities.read_text() + "\n# edited\n")
    assert not _uses_build(project)


def test_no_build_runs_the_sources(project: Path) -> None:
    shutil.rmtree(project / "domain" / "analysis" / "_compiled", ignore_errors=True)
    assert not _uses_build(project)


def test_a_current_build_is_the_one_this_process_runs() -> None:
    stamp = PACKAGE / "_compiled" / COMPILED_STAMP
    wanted = os.environ.get("AGENT_ASSIST_COMPILED_ANALYZER", "1") != "0"
    current = stamp.is_file() and stamp.read_text().strip() == sources_digest()
    assert (wanted and current) == COMPILED
    assert builder.__file__ is not None
    assert builder.__file__.endswith(sysconfig.get_config_var("EXT_SUFFIX")) == COMPILED
    assert domain.analysis.__file__ == str(PACKAGE / "__init__.py")  # the package itself always is the source


def _lines() -> list[tuple[str, str]]:
    """Every ("u"|"a", "…") turn written in the analyzer's unit tests, and the benchmark's."""
    found: list[tuple[str, str]] = []
    for path in sorted(Path(__file__).parent.glob("test_analysis_*.py")):
        if path.name == Path(__file__).name:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Tuple) or len(node.elts) != 2:
                continue
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(values) == 2 and values[0] in ("u", "a"):
                found.append(("user" if values[0] == "u" else "assistant", values[1]))
    return found


def _calls(count: int) -> list[CallRecord]:
    lines = _lines()
    callers = [t for t in lines if t[0] == "user"]
    agents = [t for t in lines if t[0] == "assistant"]
    rng = random.Random(7)
    calls = []
    for _ in range(count):
        turns = rng.randint(2, 60)
        picked = [rng.choice(agents if i % 2 == 0 else callers) for i in range(turns)]
        utterances = [Utterance(role="user" if r == "user" else "assistant", content=c) for r, c in picked]
        calls.append(CallRecord(phone_number="+14155550142", turns=utterances))
    return calls


_BRIEFS = """
import json, sys, msgspec
from domain.analysis import build_brief
from domain.brief import CallRecord
for line in sys.stdin:
    print(msgspec.json.encode(build_brief(msgspec.json.decode(line, type=CallRecord))).decode())
"""


@pytest.mark.skipif(not COMPILED, reason="no current compiled analyzer (make analyzer)")
def test_compiled_and_interpreted_briefs_are_identical() -> None:
    calls = _calls(400)
    assert len(_lines()) > 300  # the unit tests' transcripts: every rule has a turn that fires it
    interpreted = subprocess.run(
        [sys.executable, "-c", _BRIEFS],
        input="".join(msgspec.json.encode(c).decode() + "\n" for c in calls),
        cwd=ROOT,
        env={**os.environ, "AGENT_ASSIST_COMPILED_ANALYZER": "0"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    compiled = [msgspec.json.encode(build_brief(c)).decode() for c in calls]
    assert len(interpreted) == len(compiled)
    for call, a, b in zip(calls, compiled, interpreted, strict=True):
        assert json.loads(a) == json.loads(b), call
