"""`northstar doctor` against the fake Slack: one line per check, exit 1 when any fails."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from alembic import command

from bot.doctor_slack import clock_check
from bot.oauth import BOT_SCOPES
from cli.main import main
from storage.db import Database
from storage.migrate import alembic_config
from storage.secret_box import SecretBox
from storage.workspaces import ensure_workspace
from tests.bot.conftest import MovableClock
from tests.bot.oauth_helpers import SECRET_KEY, STATE_SECRET, install, start_oauth_bot
from tests.fake_workspaces import CLIENT_ID, CLIENT_SECRET, DEFAULT_TEAM

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def environment(monkeypatch):
    """A clean environment: no variable of the machine running the tests leaks in."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL",
                 "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "DATABASE_URL",
                 "NORTHSTAR_SECRET_KEY", "NORTHSTAR_METRICS_TOKEN", "NORTHSTAR_TICK_SECONDS",
                 "NORTHSTAR_PURGE_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def single(environment, sqlite_url, fake_slack):
    """Single-token HTTP mode with a workspace whose KPI channel is C0KPI."""
    db = Database(sqlite_url)
    with db.session() as session:
        ensure_workspace(session, DEFAULT_TEAM, NOW).kpi_channel = "C0KPI"
    db.dispose()
    environment.setenv("SLACK_BOT_TOKEN", fake_slack.bot_token)
    environment.setenv("SLACK_SIGNING_SECRET", "secret")
    environment.setenv("SLACK_API_URL", fake_slack.api_url)
    environment.setenv("DATABASE_URL", sqlite_url)
    return environment


def doctor(capsys) -> tuple[int, dict[str, str]]:
    """The exit code and each check's line by its name."""
    code = main(["doctor"])
    lines = capsys.readouterr().out.splitlines()
    checks: dict[str, str] = {}
    for line in lines[:-1]:  # a name seen twice (configuration) keeps both lines
        name = line[5:].split(":", 1)[0]
        checks[name] = f"{checks[name]}\n{line}" if name in checks else line
    return code, checks


def test_all_checks_pass(single, capsys):
    code, checks = doctor(capsys)
    assert code == 0, checks
    assert list(checks) == ["configuration", "schema", "secret key", "slack token", "scopes",
                            "channel", "clock"]
    assert all(line.startswith("OK   ") for line in checks.values()), checks
    assert checks["slack token"] == f"OK   slack token: @northstar in Test ({DEFAULT_TEAM})"
    assert "member of #c0kpi" in checks["channel"]


def test_a_refused_token_fails_with_what_to_do(single, capsys):
    single.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    code, checks = doctor(capsys)
    assert code == 1
    assert checks["slack token"].startswith("FAIL slack token: Slack refused it (invalid_auth)")
    assert "SLACK_BOT_TOKEN" in checks["slack token"]
    assert checks["schema"].startswith("OK")


def test_missing_scopes_and_a_channel_without_the_bot(single, fake_slack, capsys):
    fake_slack.scopes = tuple(scope for scope in BOT_SCOPES if scope != "files:write")
    fake_slack.outside_channels = {"C0KPI"}
    code, checks = doctor(capsys)
    assert code == 1
    assert checks["scopes"].startswith("FAIL scopes: missing files:write")
    assert checks["channel"].startswith("FAIL channel: northstar is not a member of #c0kpi")
    assert "/invite @northstar" in checks["channel"]


def test_configuration_problems_are_named(single, capsys):
    single.delenv("SLACK_SIGNING_SECRET")
    single.setenv("NORTHSTAR_TICK_SECONDS", "soon")
    single.setenv("NORTHSTAR_METRICS_TOKEN", "short")
    single.setenv("SLACK_BOT_TOKEN", "xoxp-a-user-token")
    single.setenv("NORTHSTAR_SECRET_KEY", "not-a-key")
    code, checks = doctor(capsys)
    assert code == 1
    assert checks["SLACK_BOT_TOKEN"].startswith("FAIL SLACK_BOT_TOKEN: not a bot token")
    assert "FAIL configuration: NORTHSTAR_SECRET_KEY: key 1 is not a Fernet key" in checks["configuration"]
    assert checks["configuration"].startswith("FAIL configuration: set SLACK_BOT_TOKEN and "
                                              "SLACK_SIGNING_SECRET")
    assert checks["NORTHSTAR_TICK_SECONDS"].startswith("FAIL")
    assert checks["NORTHSTAR_METRICS_TOKEN"].startswith("FAIL")


def test_settings_that_cannot_be_used_fail_without_a_traceback(single, capsys):
    single.setenv("SLACK_API_URL", "ftp://slack.example")
    single.setenv("DATABASE_URL", "nonsense")
    code, checks = doctor(capsys)
    assert code == 1
    assert checks["SLACK_API_URL"].startswith("FAIL SLACK_API_URL: 'ftp://slack.example/' is not")
    assert checks["DATABASE_URL"].startswith("FAIL DATABASE_URL: not a database URL")
    assert checks["slack"] == "FAIL slack: not asked: SLACK_API_URL is not an http(s) URL (see above)"


def test_a_schema_behind_the_code(single, sqlite_url, capsys):
    db = Database(sqlite_url)
    command.downgrade(alembic_config(db.engine), "0007")
    db.dispose()
    code, checks = doctor(capsys)
    assert code == 1
    assert checks["schema"].startswith("FAIL schema:") and "is at 0007" in checks["schema"]
    assert "northstar db upgrade" in checks["schema"]


def test_a_missing_database_is_not_created(single, tmp_path: Path, capsys):
    missing = tmp_path / "nowhere.db"
    single.setenv("DATABASE_URL", f"sqlite:///{missing}")
    code, checks = doctor(capsys)
    assert code == 1 and checks["database"].startswith(f"FAIL database: no database at {missing}")
    assert not missing.exists()


@pytest.fixture
def installed(environment, sqlite_url, fake_slack):
    """OAuth distribution with one installed workspace, its token stored encrypted."""
    bot = start_oauth_bot(sqlite_url, fake_slack, MovableClock(NOW))
    try:
        assert install(bot, "T0SHOP", "U0ADMIN")[0] == 200
    finally:
        bot.stop()
    for name, value in (("SLACK_CLIENT_ID", CLIENT_ID), ("SLACK_CLIENT_SECRET", CLIENT_SECRET),
                        ("SLACK_STATE_SECRET", STATE_SECRET), ("SLACK_SIGNING_SECRET", "secret"),
                        ("SLACK_API_URL", fake_slack.api_url), ("DATABASE_URL", sqlite_url),
                        ("NORTHSTAR_SECRET_KEY", SECRET_KEY)):
        environment.setenv(name, value)
    return environment


def test_oauth_checks_each_installed_workspace(installed, capsys):
    code, checks = doctor(capsys)
    assert checks["configuration"] == "OK   configuration: OAuth distribution"
    assert checks["secret key"].startswith("OK   secret key: opens all")
    assert checks["slack token T0SHOP"].startswith("OK")
    assert checks["scopes T0SHOP"].startswith("OK")
    assert checks["channel T0SHOP"].startswith("WARN channel T0SHOP: workspace T0SHOP has no KPI")
    assert code == 0, checks


def test_a_missing_secret_key_with_stored_tokens(installed, capsys):
    installed.delenv("NORTHSTAR_SECRET_KEY")
    code, checks = doctor(capsys)
    assert code == 1
    assert checks["configuration"].startswith("FAIL configuration: OAuth distribution stores")
    assert re.match(r"FAIL secret key: \d+ stored token\(s\) need it: ", checks["secret key"])
    assert checks["slack"].startswith("FAIL slack: not asked")


def test_a_wrong_secret_key_fails(installed, capsys):
    installed.setenv("NORTHSTAR_SECRET_KEY", SecretBox.generate_key())
    code, checks = doctor(capsys)
    assert code == 1
    assert checks["secret key"].startswith("FAIL secret key: ")
    assert "open with none of the keys in NORTHSTAR_SECRET_KEY" in checks["secret key"]
    assert checks["slack token T0SHOP"].startswith("FAIL")


@pytest.mark.parametrize("offset, status", [(0, "OK"), (-45, "OK"), (90, "WARN"), (-90, "WARN"),
                                             (400, "FAIL"), (-400, "FAIL")])
def test_the_clock_against_slacks_date(offset, status):
    slack_time = NOW - timedelta(seconds=offset)
    assert clock_check(format_datetime(slack_time, usegmt=True), NOW).status == status


def test_an_unreadable_date_is_a_warning():
    assert clock_check(None, NOW).status == "WARN"
    assert clock_check("yesterday-ish", NOW).status == "WARN"
