"""The eval command and domain.evaluation give the reference scorer's numbers on a hand-made labelled file."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from api import cli_eval
from domain.evaluation import same, score

pytestmark = pytest.mark.unit

SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"

# Written for this test: two bookings (SGD-style INFORM labels), a support chat with frustration labels
# and a retail chat with slot mentions and agent actions.
LABELLED = [
    {
        "id": "booking-1",
        "turns": [
            {"role": "user", "content": "I need a table for two at Rosa Verde in Oakland."},
            {"role": "assistant", "content": "For what day and time?"},
            {"role": "user", "content": "The 9th of March at 7:15 pm."},
        ],
        "labels": {
            "sgd": {
                "turn_actions": [
                    {
                        "turn": 0,
                        "actions": [
                            {"act": "INFORM", "slot": "restaurant_name", "values": ["Rosa Verde"]},
                            {"act": "INFORM", "slot": "city", "values": ["Oakland"]},
                            {"act": "INFORM", "slot": "party_size", "values": ["2"]},
                        ],
                    },
                    {
                        "turn": 2,
                        "actions": [
                            {"act": "INFORM", "slot": "date", "values": ["9th of March"]},
                            {"act": "INFORM", "slot": "time", "values": ["7:15 pm"]},
                        ],
                    },
                ]
            },
            "user_turn_satisfaction": [{"turn": 0, "ratings": [3, 3, 3]}, {"turn": 2, "ratings": [2, 1, 2]}],
        },
    },
    {
        "id": "support-1",
        "turns": [
            {
                "role": "user",
                "content": "My e-reader still doesn't work after the reset, this is ridiculous.",
            },
            {"role": "assistant", "content": "I'm sorry to hear that."},
            {"role": "user", "content": "Okay, thank you."},
        ],
        "labels": {
            "turn_annotations": [
                {"turn": 0, "role": "user", "emotion": ["frustration"]},
                {"turn": 2, "role": "user", "emotion": ["neutral"]},
            ]
        },
    },
    {
        "id": "retail-1",
        "turns": [
            {"role": "assistant", "content": "May I have your username and order ID?"},
            {"role": "user", "content": "Username: rbaker112"},
            {"role": "user", "content": "Order ID: 5566778899"},
            {"role": "assistant", "content": "Thanks, your identity has been verified."},
        ],
        "labels": {
            "slot_mentions": [
                {"role": "user", "slot": "username", "turn": 1, "value": "rbaker112"},
                {"role": "user", "slot": "order_id", "turn": 2, "value": "5566778899"},
            ],
            "actions": [{"action": "verify-identity", "values": ["rbaker112"]}],
            "scenario": {"personal": {"username": "rbaker112"}, "order": {"order_id": "5566778899"}},
        },
    },
]


def write_labelled(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in LABELLED))
    return path


def run_eval(path: Path, *extra: str) -> tuple[int, dict[str, object]]:
    parser = argparse.ArgumentParser()
    cli_eval.add_parser(parser.add_subparsers())
    args = parser.parse_args(["eval", str(path), "--json", *extra])
    return args.handler(args), {}


def test_same_matches_like_the_scorer() -> None:
    assert same("(977) 625-2661", "9776252661")
    assert same("Oakland", "Oakland, CA")
    assert not same("2", "2 people")  # short values must match exactly
    assert not same("", "anything")


def test_eval_command_prints_json_metrics_and_writes_briefs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "briefs.jsonl"
    code, _ = run_eval(write_labelled(tmp_path), "--briefs-out", str(out))
    assert code == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["conversations"] == 3
    assert metrics["missing_briefs"] == 0
    assert metrics["info_recall"] == 1.0
    assert metrics["identity_f1"] == 1.0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [b["id"] for b in lines] == ["booking-1", "support-1", "retail-1"]
    assert len(lines[0]["brief"]["transcript"]) == 3


def test_eval_command_prints_a_table_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    cli_eval.add_parser(parser.add_subparsers())
    args = parser.parse_args(["eval", str(write_labelled(tmp_path))])
    assert args.handler(args) == 0
    text = capsys.readouterr().out
    assert "info recall" in text
    assert "frustrated-turn F1" in text


def test_eval_command_reports_a_missing_file(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    cli_eval.add_parser(parser.add_subparsers())
    args = parser.parse_args(["eval", str(tmp_path / "nope.jsonl")])
    assert args.handler(args) == 2


@pytest.mark.parametrize(
    ("bad_line", "says"),
    [
        ('{"id": "x", "turns": [', "Input data was truncated"),
        ('{"id": "x", "turns": []}', "labels"),
        ('{"id": 7, "turns": [], "labels": {}}', "$.id"),
        ('{"id": "x", "turns": [{"role": "caller", "content": "hi"}], "labels": {}}', "role"),
    ],
)
def test_eval_names_the_line_that_is_not_a_labelled_conversation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad_line: str, says: str
) -> None:
    path = write_labelled(tmp_path)
    path.write_text(path.read_text() + bad_line + "\n")
    out = tmp_path / "briefs.jsonl"
    code, _ = run_eval(path, "--briefs-out", str(out))
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith(f"eval: {path}:4: ") and says in error
    assert not out.exists()  # nothing is briefed before the whole file is known to be readable


def test_eval_reads_a_file_with_a_byte_order_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_labelled(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_eval(path)[0] == 0
    assert json.loads(capsys.readouterr().out)["conversations"] == 3


def test_eval_will_not_write_briefs_over_its_input(tmp_path: Path) -> None:
    path = write_labelled(tmp_path)
    before = path.read_bytes()
    assert run_eval(path, "--briefs-out", str(path))[0] == 2
    assert path.read_bytes() == before


def test_eval_limit_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        run_eval(write_labelled(tmp_path), "--limit", "-1")


@pytest.mark.skipif(not SCORER.is_file(), reason="shared/eval/score.py is not beside the clone")
def test_evaluation_agrees_with_the_reference_scorer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labelled = write_labelled(tmp_path)
    briefs = tmp_path / "briefs.jsonl"
    run_eval(labelled, "--briefs-out", str(briefs))
    ours = json.loads(capsys.readouterr().out)
    reference = json.loads(
        subprocess.run(
            [sys.executable, str(SCORER), str(labelled), str(briefs)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    assert ours == reference
    by_id = {b["id"]: b["brief"] for b in map(json.loads, briefs.read_text().splitlines())}
    assert score(LABELLED, by_id) == reference


def test_cli_module_imports_no_server_stack() -> None:
    code = "import sys, api.cli_eval; print(sorted(m for m in ('litestar', 'asyncpg') if m in sys.modules))"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root)
    assert out.stdout.strip() == "[]"
