"""Start-up problems are one line on stderr and a non-zero exit, never a traceback; help says
what each command does and which environment `run` reads."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
from pathlib import Path

import pytest

from cli.main import build_parser, main
from storage.db import Database
from storage.models import Workspace

ROOT = Path(__file__).resolve().parents[2]
NORTHSTAR = ROOT / ".venv" / "bin" / "northstar"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def northstar(cwd: Path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SLACK_", "NORTHSTAR_")) and key != "DATABASE_URL"}
    env.update(PYTHONPATH=str(ROOT), **variables)
    return subprocess.run([str(NORTHSTAR), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=90)


def assert_one_line(result: subprocess.CompletedProcess, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    assert all(word in lines[0] for word in words), lines[0]


@pytest.fixture
def slack_env(fake_slack, tmp_path) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": fake_slack.bot_token, "SLACK_SIGNING_SECRET": "secret",
            "SLACK_API_URL": fake_slack.api_url, "DATABASE_URL": f"sqlite:///{tmp_path / 'n.db'}"}


@pytest.mark.parametrize(("database_url", "words"), [
    ("not a url", ("DATABASE_URL is not a database URL",)),
    ("mysql://shop:pw@127.0.0.1/shop", ("SQLite or PostgreSQL", "'mysql'")),
    ("sqlite:///{tmp}/no/such/folder/northstar.db", ("folder", "no/such/folder", "does not exist")),
    ("postgresql://shop:secret@127.0.0.1:{port}/shop", ("cannot use the database", "refused")),
], ids=["not a URL", "another database", "missing folder", "unreachable PostgreSQL"])
def test_a_database_that_cannot_work_is_one_line(tmp_path, slack_env, database_url, words):
    url = database_url.format(tmp=tmp_path, port=closed_port())
    result = northstar(tmp_path, "run", **{**slack_env, "DATABASE_URL": url})
    assert_one_line(result, *words)
    assert "secret@" not in result.stderr


@pytest.mark.parametrize("command", [("report",), ("db", "upgrade"), ("export", "--out", "x")])
def test_other_commands_say_it_in_one_line_too(tmp_path, command):
    missing = northstar(tmp_path, *command, DATABASE_URL=f"sqlite:///{tmp_path}/gone/n.db")
    assert_one_line(missing, "folder", "does not exist")


def test_a_rejected_bot_token_is_one_line(tmp_path, slack_env):
    result = northstar(tmp_path, "run", **{**slack_env, "SLACK_BOT_TOKEN": "xoxb-revoked"})
    assert_one_line(result, "Slack refused SLACK_BOT_TOKEN (invalid_auth)", "OAuth & Permissions")
    assert "xoxb-revoked" not in result.stderr


def test_a_rejected_app_token_is_one_line(tmp_path, slack_env):
    result = northstar(tmp_path, "run", **{**slack_env, "SLACK_APP_TOKEN": "xapp-revoked"})
    assert_one_line(result, "Slack refused SLACK_APP_TOKEN (invalid_auth)", "connections:write")


def test_slack_out_of_reach_is_one_line(tmp_path, slack_env):
    api_url = f"http://127.0.0.1:{closed_port()}/api/"
    result = northstar(tmp_path, "run", **{**slack_env, "SLACK_API_URL": api_url})
    assert_one_line(result, f"cannot reach Slack at {api_url}")


@pytest.mark.parametrize(("variables", "words"), [
    ({"SLACK_APP_TOKEN": "xapp-1-A0-1-abc"}, ("SLACK_APP_TOKEN alone", "SLACK_BOT_TOKEN")),
    ({"SLACK_BOT_TOKEN": "xapp-1-A0-1-abc", "SLACK_APP_TOKEN": "xapp-1-A0-1-abc"},
     ("SLACK_BOT_TOKEN holds an app-level token",)),
    ({}, ("set SLACK_BOT_TOKEN",)),
], ids=["only the app token", "app token as bot token", "no token"])
def test_missing_or_swapped_tokens_are_one_line(tmp_path, variables, words):
    result = northstar(tmp_path, "run", DATABASE_URL=f"sqlite:///{tmp_path / 'n.db'}", **variables)
    assert_one_line(result, *words)
    assert "abc" not in result.stderr


def test_digest_post_says_why_slack_refused(sqlite_url, fake_slack, monkeypatch, capsys):
    db = Database(sqlite_url)
    with db.session() as session:
        session.add(Workspace(id="T0ACCEPT", kpi_channel="C0KPI", created_at=fake_slack_now()))
    db.dispose()
    for name in [key for key in os.environ if key.startswith(("SLACK_", "NORTHSTAR_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", fake_slack.bot_token)
    monkeypatch.setenv("SLACK_API_URL", fake_slack.api_url)
    fake_slack.fail_next("chat.postMessage", "not_in_channel")
    assert main(["digest", "--week", "2026-W46", "--post"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and fake_slack.messages_in("C0KPI") == []
    assert "northstar: Slack refused the digest (not_in_channel): nothing was posted" in err


def fake_slack_now():
    from datetime import UTC, datetime

    return datetime(2026, 11, 1, tzinfo=UTC)


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found[f"{parser.prog} {name}".removeprefix("northstar ")] = child
                found.update(subcommands(child))
    return found


def test_every_subcommand_describes_itself_and_run_names_its_environment(capsys):
    commands = subcommands(build_parser())
    assert {"run", "demo", "digest", "db upgrade"} <= commands.keys()
    for name, parser in commands.items():
        assert parser.description, f"`northstar {name} --help` has no description"
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    text = capsys.readouterr().out
    for variable in ("DATABASE_URL", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
                     "SLACK_API_URL", "SLACK_CLIENT_ID", "NORTHSTAR_SECRET_KEY"):
        assert variable in text
