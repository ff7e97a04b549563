"""`agent-assist eval`: runs a brief analyzer over a labelled dialogue file and prints the quality metrics."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

import msgspec

from domain.analysis import OfflineAnalyzer
from domain.brief import AgentAssistPortal, CallRecord, Utterance
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

    async def analyze(self, call: CallRecord) -> AgentAssistPortal: ...


class _Turn(msgspec.Struct):
    role: str
    content: str


class _Conversation(msgspec.Struct):
    id: str
    turns: list[_Turn]


_line_decoder = msgspec.json.Decoder()
_conv_decoder = msgspec.json.Decoder(_Conversation)
_encoder = msgspec.json.Encoder()


def to_call(turns: list[_Turn]) -> CallRecord:
    """Eval dialogues carry no caller id; the header still needs a string."""
    return CallRecord(
        phone_number=EVAL_PHONE_NUMBER,
        turns=[Utterance(role="user" if t.role == "user" else "assistant", content=t.content) for t in turns],
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
) -> dict[str, Any]:
    """Briefs every conversation of `path` with `analyzer` and scores them; writes briefs if asked."""
    data = await asyncio.to_thread(path.read_bytes)
    lines = [line for line in data.splitlines() if line.strip()]
    labelled = [_line_decoder.decode(line) for line in lines]
    stream = progress_stream if progress_stream is not None else sys.stderr
    bar = _Progress(len(lines), stream, enabled=stream.isatty() and len(lines) >= 50)
    briefs: dict[str, AgentAssistPortal] = {}
    out = briefs_out.open("wb") if briefs_out else None
    try:
        for line in lines:
            conv = _conv_decoder.decode(line)
            brief = await analyzer.analyze(to_call(conv.turns))
            briefs[conv.id] = brief
            if out is not None:
                out.write(_encoder.encode({"id": conv.id, "brief": brief}) + b"\n")
            bar.step()
    finally:
        if out is not None:
            out.close()
    return score(labelled, briefs)


def format_table(metrics: dict[str, Any], title: str) -> str:
    rows = [(label, metrics[key]) for key, label in _METRIC_LABELS if key in metrics]
    width = max(len(label) for label, _ in rows)
    body = "\n".join(f"{label:<{width}}  {value:>8}" for label, value in rows)
    return f"{title}\n{body}"


def add_parser(
    subparsers: Any, *, analyzers: dict[str, Callable[[], Analyzer]] | None = None
) -> argparse.ArgumentParser:
    """Registers `eval`; `analyzers` maps --analyzer names to factories (offline is always there)."""
    choices: dict[str, Callable[[], Analyzer]] = {"offline": OfflineAnalyzer, **(analyzers or {})}
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "eval", help="measure brief quality on a labelled dialogue file (shared/eval format)"
    )
    parser.add_argument("path", type=Path, help="labelled dialogues, one JSON object per line")
    parser.add_argument("--json", action="store_true", help="print one JSON object (score.py's keys)")
    parser.add_argument("--briefs-out", type=Path, help='write {"id", "brief"} lines here')
    parser.add_argument(
        "--analyzer", choices=sorted(choices), default="offline", help="brief analyzer to measure"
    )
    parser.set_defaults(handler=run, analyzer_factories=choices)
    return parser


def run(args: argparse.Namespace, analyzer: Analyzer | None = None) -> int:
    if analyzer is None:
        factories: dict[str, Callable[[], Analyzer]] = getattr(
            args, "analyzer_factories", {"offline": OfflineAnalyzer}
        )
        analyzer = factories[getattr(args, "analyzer", "offline")]()
    if not args.path.is_file():
        print(f"eval: no such file: {args.path}", file=sys.stderr)
        return 2
    metrics = asyncio.run(evaluate(args.path, analyzer, briefs_out=args.briefs_out))
    if args.json:
        print(msgspec.json.encode(metrics).decode())
    else:
        print(format_table(metrics, f"{args.path.name} — analyzer: {analyzer.name}"))
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
