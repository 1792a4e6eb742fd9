"""Logging for the command line: tokens never reach a log, not even with `-v`.

Every handler on the root logger gets a filter that redacts northstar ingestion tokens
(`nst_…`), Slack tokens (`xoxb-…`, `xoxp-…`, `xoxe-…`, `xapp-…`) and `Bearer …` values from
the record's message, arguments, traceback and stack. Records of child loggers propagate to the
root's handlers, so the filter sees all of them. slack_sdk and slack_bolt stay at INFO even
with `-v`: their debug records carry whole request and response bodies and headers.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REDACTED = "[redacted]"

_PATTERNS = (
    # An ingestion token: "nst_" and secrets.token_urlsafe's alphabet.
    (re.compile(r"(?<![A-Za-z0-9])(nst_)[A-Za-z0-9_\-]+"), rf"\1{REDACTED}"),
    # Slack bot, user, refresh and configuration tokens, and app-level tokens.
    (re.compile(r"(?<![A-Za-z0-9])(xox[a-z]-|xapp-)[A-Za-z0-9\-.]+"), rf"\1{REDACTED}"),
    # Whatever follows "Bearer" in an Authorization header, however it is quoted.
    (re.compile(r"(?i)\b(bearer)(\s+|%20|\+)[^\s'\",;}\]]+"), rf"\1\2{REDACTED}"),
)

# Loggers whose DEBUG records hold request/response bodies and headers.
BODY_LOGGERS = ("slack_sdk", "slack_bolt")
QUIET_LOGGERS = ("alembic", "apscheduler")


def redact(text: str) -> str:
    """The text with every token replaced by its prefix and "[redacted]"."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactTokens(logging.Filter):
    """Redacts tokens from a record's message and args (merged into the message), its
    traceback and stack; never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: redact what there is, let the handler report
            if isinstance(record.msg, str):
                record.msg = redact(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        else:
            record.msg = redact(message)
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Put the redacting filter on every handler of the logger (default: the root), once."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactTokens) for f in handler.filters):
            handler.addFilter(RedactTokens())


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time of the record (as logging.lastResort)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(verbose: bool, stream: TextIO | None = None) -> logging.Handler:
    """The command line's logging: one stream handler on the root (stderr by default), DEBUG
    with verbose else INFO, Slack's body loggers at INFO, tokens redacted everywhere."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_northstar", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler._northstar = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name in BODY_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    if not verbose:
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
    install_redaction(root)
    return handler
