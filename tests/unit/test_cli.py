"""The `agent-assist` command line: bad arguments are refused by the parser, and a failure a user can act on
(an unknown organization, a database that cannot be reached) is one line on stderr, not a traceback."""

from __future__ import annotations

import argparse

import pytest

from api import cli
from domain.errors import Conflict, NotFound

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "argv",
    [
        ["org", "create", "  "],
        ["user", "create", "notanemail"],
        ["serve", "--port", "99999"],
        ["serve", "--workers", "0"],
        ["key", "create", "--kind", "ak"],
        ["key", "create", "--kind", "ak", "--org", "org_1", "--role", "admin", "--user", "usr_1"],
        ["key", "create", "--kind", "pat", "--user", "usr_1", "--org", "org_1"],
    ],
)
def test_bad_arguments_are_refused_before_anything_runs(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    assert "error:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("failure", "says"),
    [
        (NotFound("organization 'org_x' not found"), "agent-assist: organization 'org_x' not found"),
        (Conflict("a user with this e-mail exists"), "agent-assist: a user with this e-mail exists"),
        (ConnectionRefusedError(111, "Connect call failed"), "agent-assist: cannot use the database:"),
    ],
)
def test_a_failure_the_user_can_act_on_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], failure: Exception, says: str
) -> None:
    def fails(_: argparse.Namespace) -> int:
        raise failure

    monkeypatch.setattr(cli, "cmd_org_list", fails)
    assert cli.main(["org", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(says) and "Traceback" not in err


def test_a_bug_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(_: argparse.Namespace) -> int:
        raise KeyError("a programming error")

    monkeypatch.setattr(cli, "cmd_org_list", fails)
    with pytest.raises(KeyError):
        cli.main(["org", "list"])
