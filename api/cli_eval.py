"""`agent-assist eval`: runs a brief analyzer over a labelled dialogue file and prints the quality metrics."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol, TextIO

import msgspec

from domain.analysis import OfflineAnalyzer
from domain.brief import AgentAssistPortal, BriefResult, CallRecord, Utterance
from domain.evaluation import score

EVAL_PHONE_NUMBER = "unknown"
_METRIC_LABELS = (
    ("conversations", "conversations"),
    ("missing_briefs", "missing briefs"),
    ("info_recall", "info recall"),
    ("info_values", "  caller-stated values"),
    ("info_precision", "info precision"),
    ("info_extracted", "  extracted values"),
    ("frustration_f1", "frustrated-turn F1"),
    ("frustration_precision", "  precision"),
    ("frustration_recall", "  recall"),
    ("frustration_gold_turns", "  gold frustrated turns"),
    ("identity_f1", "identity-verified F1"),
)


class Analyzer(Protocol):
    name: str

    async def analyze(self, call: CallRecord) -> BriefResult: ...


class RunStats:
    """How the briefs of one run were made: by which analyzer, how long each took, what was dropped."""

    def __init__(self) -> None:
        self.analyzers: dict[str, int] = {}
        self.seconds: list[float] = []
        self.llm_seconds: list[float] = []
        self.dropped: dict[str, int] = {}

    def add(self, result: BriefResult, seconds: float) -> None:
        self.analyzers[result.analyzer] = self.analyzers.get(result.analyzer, 0) + 1
        self.seconds.append(seconds)
        if result.llm_call is not None:
            self.llm_seconds.append(result.llm_call.seconds)
        for kind, count in result.dropped.items():
            self.dropped[kind] = self.dropped.get(kind, 0) + count

    def summary(self) -> str:
        n = len(self.seconds)
        mean = sum(self.seconds) / n if n else 0.0
        parts = [
            "briefs by analyzer: " + ", ".join(f"{k}={v}" for k, v in sorted(self.analyzers.items())),
            f"mean seconds per brief: {mean:.3f}",
        ]
        if self.llm_seconds:
            ordered = sorted(self.llm_seconds)
            parts.append(
                f"LLM calls: {len(ordered)}, mean {sum(ordered) / len(ordered):.3f}s, "
                f"p50 {ordered[len(ordered) // 2]:.3f}s, max {ordered[-1]:.3f}s"
            )
        if self.dropped:
            parts.append(
                "dropped by grounding: " + ", ".join(f"{k}={v}" for k, v in sorted(self.dropped.items()))
            )
        return "\n".join(parts)


class _Turn(msgspec.Struct):
    role: Literal["user", "assistant"]
    content: str


class _Conversation(msgspec.Struct):
    id: str
    turns: list[_Turn]
    labels: dict[str, Any]


class EvalInputError(ValueError):
    """A line of the file is not a labelled conversation; says which line and what is wrong."""


_line_decoder = msgspec.json.Decoder()
_conv_decoder = msgspec.json.Decoder(_Conversation)
_encoder = msgspec.json.Encoder()


def read_labelled(path: Path, data: bytes, limit: int | None) -> list[tuple[_Conversation, dict[str, Any]]]:
    """Every non-blank line of `data` (the first `limit`), typed and as the plain object score.py reads;
    EvalInputError names the first line that is not a labelled conversation, before any brief is made."""
    out: list[tuple[_Conversation, dict[str, Any]]] = []
    for number, line in enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(), start=1):
        if not line.strip():
            continue
        if limit is not None and len(out) >= limit:
            break
        try:
            conv = _conv_decoder.decode(line)
        except msgspec.DecodeError as exc:  # ValidationError is one: a missing field, a wrong role
            raise EvalInputError(f"{path}:{number}: {exc}") from None
        out.append((conv, _line_decoder.decode(line)))
    return out


def to_call(turns: list[_Turn]) -> CallRecord:
    """Eval dialogues carry no caller id; the header still needs a string."""
    return CallRecord(
        phone_number=EVAL_PHONE_NUMBER, turns=[Utterance(role=t.role, content=t.content) for t in turns]
    )


class _Progress:
    """A one-line progress bar on stderr, drawn only for a terminal so logs and pipes stay clean."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled and total > 0
        self.done = 0
        self._last = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


async def evaluate(
    path: Path,
    analyzer: Analyzer,
    *,
    briefs_out: Path | None = None,
    progress_stream: TextIO | None = None,
    limit: int | None = None,
    stats: RunStats | None = None,
) -> dict[str, Any]:
    """Briefs every conversation of `path` (the first `limit` when given) with `analyzer` and scores
    them; writes briefs if asked, and records how each was made in `stats`."""
    data = await asyncio.to_thread(path.read_bytes)
    conversations = read_labelled(path, data, limit)
    stream = progress_stream if progress_stream is not None else sys.stderr
    bar = _Progress(len(conversations), stream, enabled=stream.isatty() and len(conversations) >= 50)
    briefs: dict[str, AgentAssistPortal] = {}
    out = briefs_out.open("wb") if briefs_out else None
    try:
        for conv, _ in conversations:
            started = time.perf_counter()
            result = await analyzer.analyze(to_call(conv.turns))
            if stats is not None:
                stats.add(result, time.perf_counter() - started)
            brief = result.brief
            briefs[conv.id] = brief
            if out is not None:
                out.write(_encoder.encode({"id": conv.id, "brief": brief}) + b"\n")
            bar.step()
    finally:
        if out is not None:
            out.close()
    return score([labelled for _, labelled in conversations], briefs)


def _from_env(mode: str) -> Analyzer:
    from infra.llm import build_analyzer
    from infra.settings import Settings

    analyzer: Analyzer = build_analyzer(Settings.from_env(), mode)
    return analyzer


def format_table(metrics: dict[str, Any], title: str) -> str:
    rows = [(label, metrics[key]) for key, label in _METRIC_LABELS if key in metrics]
    width = max(len(label) for label, _ in rows)
    body = "\n".join(f"{label:<{width}}  {value:>8}" for label, value in rows)
    return f"{title}\n{body}"


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else a usage error naming the range."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low} to {high}, got {value}")
        return value

    return parse


def add_parser(
    subparsers: Any, *, analyzers: dict[str, Callable[[], Analyzer]] | None = None
) -> argparse.ArgumentParser:
    """Registers `eval`; `analyzers` maps --analyzer names to factories (offline, llm and hybrid are always
    there; llm and hybrid read the AGENT_ASSIST_LLM_* environment when chosen)."""
    choices: dict[str, Callable[[], Analyzer]] = {
        "offline": lambda: _from_env("offline"),
        "llm": lambda: _from_env("llm"),
        "hybrid": lambda: _from_env("hybrid"),
        **(analyzers or {}),
    }
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "eval", help="measure brief quality on a labelled dialogue file (shared/eval format)"
    )
    parser.add_argument("path", type=Path, help="labelled dialogues, one JSON object per line")
    parser.add_argument("--json", action="store_true", help="print one JSON object (score.py's keys)")
    parser.add_argument("--briefs-out", type=Path, help='write {"id", "brief"} lines here')
    parser.add_argument(
        "--analyzer", choices=sorted(choices), default="offline", help="brief analyzer to measure"
    )
    parser.add_argument(
        "--limit", type=bounded_int(1, 10_000_000), help="only the first N conversations of the file"
    )
    parser.set_defaults(handler=run, analyzer_factories=choices)
    return parser


def run(args: argparse.Namespace, analyzer: Analyzer | None = None) -> int:
    if analyzer is None:
        factories: dict[str, Callable[[], Analyzer]] = getattr(
            args, "analyzer_factories", {"offline": OfflineAnalyzer}
        )
        try:
            analyzer = factories[getattr(args, "analyzer", "offline")]()
        except ValueError as exc:  # SettingsError: the LLM environment is incomplete
            print(f"eval: {exc}", file=sys.stderr)
            return 2
    if not args.path.is_file():
        what = "is a directory" if args.path.is_dir() else "no such file"
        print(f"eval: {what}: {args.path}", file=sys.stderr)
        return 2
    if args.briefs_out is not None and args.briefs_out.resolve() == args.path.resolve():
        print(
            "eval: --briefs-out would overwrite the labelled file it reads; choose another path",
            file=sys.stderr,
        )
        return 2
    stats = RunStats()
    try:
        metrics = asyncio.run(
            evaluate(
                args.path,
                analyzer,
                briefs_out=args.briefs_out,
                limit=getattr(args, "limit", None),
                stats=stats,
            )
        )
    except EvalInputError as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(msgspec.json.encode(metrics).decode())
        # score.py's keys only on stdout; how the briefs were made goes to stderr.
        print(stats.summary(), file=sys.stderr)
    else:
        print(format_table(metrics, f"{args.path.name} — analyzer: {analyzer.name}"))
        print(stats.summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="agent-assist")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    result: int = args.handler(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
