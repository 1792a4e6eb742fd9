"""Tokens never reach a log, not even with `northstar -v`."""

from __future__ import annotations

import io
import logging

import pytest

from cli.main import main

INGEST_TOKEN = "nst_" + "Ab3-_x" * 7
BOT_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp"
USER_TOKEN = "xoxp-1234-5678-90ab-cdef"
APP_TOKEN = "xapp-1-A0123456-7890123456-abcdef0123456789"
BEARER = "Bearer s3cr3t.value-9"
SECRETS = (INGEST_TOKEN, BOT_TOKEN, USER_TOKEN, APP_TOKEN, "s3cr3t.value-9",
           INGEST_TOKEN[4:], BOT_TOKEN[5:], APP_TOKEN[5:])


@pytest.fixture
def clean_logging():
    """Undo whatever a test's logging setup did to the root and the Slack loggers."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    filters = {handler: list(handler.filters) for handler in handlers}
    names = ("slack_sdk", "slack_bolt", "alembic", "apscheduler")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    for handler, before in filters.items():
        handler.filters[:] = before
    root.setLevel(level)
    for name, value in levels.items():
        logging.getLogger(name).setLevel(value)


def _log_everything() -> None:
    logging.getLogger("northstar.bot").warning("token for %s: %s", "T1", INGEST_TOKEN)
    logging.getLogger("northstar.bot").info("headers %s", {"Authorization": f"Bearer {BOT_TOKEN}"})
    logging.getLogger("northstar.bot").info("app %(token)s, user " + USER_TOKEN, {"token": APP_TOKEN})
    logging.getLogger("northstar.web").info("Authorization: %s", BEARER)
    try:
        raise RuntimeError(f"The server responded with: {{'token': '{INGEST_TOKEN}'}}")
    except RuntimeError:
        logging.getLogger("northstar.bot").exception("respond failed for %s", BOT_TOKEN)
    logging.getLogger("slack_sdk.web.base_client").debug(
        "Received the following response - status: 200, body: {'text': '%s'}", INGEST_TOKEN)
    logging.getLogger("slack_bolt.App").debug(f'Responding with status: 200 body: "{INGEST_TOKEN}"')


def test_verbose_main_logs_no_token(clean_logging, tmp_path, monkeypatch, capsys, caplog):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'n.db'}")
    assert main(["-v", "db", "upgrade"]) == 0
    capsys.readouterr()
    caplog.clear()
    _log_everything()
    err = capsys.readouterr().err
    for secret in SECRETS:
        assert secret not in err
        assert secret not in caplog.text
    assert "token for T1: nst_[redacted]" in err
    assert "xoxb-[redacted]" in err and "xapp-[redacted]" in err and "xoxp-[redacted]" in err
    assert "Authorization: Bearer [redacted]" in err
    assert "RuntimeError" in err and "respond failed" in err
    assert "Received the following response" not in err
    assert "Responding with status" not in err


def test_configured_handler_redacts_message_args_and_traceback(clean_logging):
    from cli.logging_setup import configure_logging

    stream = io.StringIO()
    configure_logging(verbose=True, stream=stream)
    _log_everything()
    out = stream.getvalue()
    for secret in SECRETS:
        assert secret not in out
    assert out.count("[redacted]") >= 7
    assert "Received the following response" not in out
