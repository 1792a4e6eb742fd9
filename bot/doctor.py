"""`northstar doctor`'s checks: configuration, database, secret key, Slack tokens, channels, clock.

Each check is one `Check` (OK, WARN or FAIL, and what to do about a failure). Nothing is
written: the database is not created, migrated or changed, and Slack is only asked questions.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.doctor_lines import Check, fail, ok
from bot.doctor_slack import workspace_checks
from bot.installations import TOKEN_COLUMNS
from bot.oauth import secret_key_problem, startup_problem, team_clients
from bot.process_config import BotConfig
from bot.web_api import web_client
from ritual.deps import Deps
from storage.clock import utc_now
from storage.db import Database, default_url, normalise_url
from storage.health import active_channels, head_revision, ping, schema_revision, stored_values
from storage.secret_box import InvalidToken, SecretBox

POSITIVE_NUMBERS = ("NORTHSTAR_TICK_SECONDS", "NORTHSTAR_PURGE_SECONDS")


def configuration_checks(config: BotConfig, environ: dict[str, str]) -> list[Check]:
    """The environment: the mode's variables present, URLs and numbers well-formed."""
    checks = []
    problem = startup_problem(config)
    mode = ("OAuth distribution" if config.oauth_enabled
            else "Socket Mode" if config.app_token else "HTTP mode")
    checks.append(fail("configuration", problem) if problem else ok("configuration", mode))
    if config.bot_token and "xoxb-" not in config.bot_token:
        checks.append(fail("SLACK_BOT_TOKEN", "not a bot token: copy the Bot User OAuth Token "
                           "(xoxb-…) from OAuth & Permissions"))
    if config.app_token and not config.app_token.startswith("xapp-"):
        checks.append(fail("SLACK_APP_TOKEN", "not an app-level token: create one (xapp-…) with "
                           "connections:write under Basic Information → App-Level Tokens"))
    if config.secret_key and not config.oauth_enabled and secret_key_problem(config.secret_key):
        checks.append(fail("configuration", secret_key_problem(config.secret_key)))
    if not _usable_api_url(config.api_url):
        checks.append(fail("SLACK_API_URL", f"{config.api_url!r} is not an http(s) URL; unset it "
                           "to use https://slack.com/api/"))
    try:
        make_url(normalise_url(config.database_url or default_url()))
    except ArgumentError:
        checks.append(fail("DATABASE_URL", "not a database URL; e.g. sqlite:////var/lib/northstar/"
                           "northstar.db or postgresql://user:password@host/northstar"))
    for name in POSITIVE_NUMBERS:
        value = environ.get(name)
        if value and not _positive(value):
            checks.append(fail(name, f"{value!r} is not a positive number of seconds"))
    token = environ.get("NORTHSTAR_METRICS_TOKEN")
    if token is not None and (len(token) < 16 or token != token.strip() or " " in token):
        checks.append(fail("NORTHSTAR_METRICS_TOKEN", "use at least 16 characters without spaces, "
                           "e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'"))
    return checks


def _usable_api_url(url: str) -> bool:
    parsed = urllib.parse.urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def _positive(value: str) -> bool:
    try:
        return float(value) > 0
    except ValueError:
        return False


def open_database(config: BotConfig) -> tuple[Check, Database | None]:
    """The schema check, and the database when it can be read (never created or migrated)."""
    url = normalise_url(config.database_url or default_url())
    try:
        parsed = make_url(url)
    except ArgumentError:
        return fail("database", "DATABASE_URL cannot be read (see above)"), None
    if parsed.drivername.startswith("sqlite") and parsed.database and parsed.database != ":memory:" \
            and not Path(parsed.database).is_file():
        return fail("database", f"no database at {parsed.database}; run `northstar db upgrade` "
                    "(or check DATABASE_URL and the working directory)"), None
    db = Database(url)
    shown = db.engine.url.render_as_string(hide_password=True)
    try:
        ping(db)
        revision = schema_revision(db)
    except SQLAlchemyError as error:
        db.dispose()
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return fail("database", f"{shown} cannot be reached ({reason})"), None
    if revision != head_revision():
        return fail("schema", f"{shown} is at {revision or 'no schema'}, this version needs "
                    f"{head_revision()}; run `northstar db upgrade`"), db
    return ok("schema", f"{shown} at the newest revision ({revision})"), db


def secret_key_check(config: BotConfig, db: Database) -> Check:
    """Every stored Slack token opens with NORTHSTAR_SECRET_KEY."""
    try:
        with db.read_connection() as connection:
            stored = [value for table_name, columns in TOKEN_COLUMNS.items()
                      for _, _, value in stored_values(connection, table_name, columns)]
    except SQLAlchemyError as error:
        return fail("secret key", f"the stored tokens cannot be read ({type(error).__name__})")
    if not stored:
        return ok("secret key", "no Slack tokens stored")
    problem = secret_key_problem(config.secret_key)
    if problem:
        return fail("secret key", f"{len(stored)} stored token(s) need it: {problem}")
    box = SecretBox.from_setting(config.secret_key)
    unreadable = 0
    for value in stored:
        try:
            box.decrypt(value)
        except InvalidToken:
            unreadable += 1
    if unreadable:
        return fail("secret key", f"{unreadable} of {len(stored)} stored token(s) open with none of "
                    "the keys in NORTHSTAR_SECRET_KEY; put back the key they were stored with "
                    "(then `northstar rotate-secrets`)")
    return ok("secret key", f"opens all {len(stored)} stored token(s)")


def slack_checks(config: BotConfig, db: Database | None,
                 now: Callable[[], datetime] = utc_now) -> list[Check]:
    """Per workspace: its token (auth.test) and scopes, its KPI channel; then the clock."""
    if config.oauth_enabled and db is None:
        return [fail("slack", "the installed workspaces' tokens are in the database (see above)")]
    if config.oauth_enabled and secret_key_problem(config.secret_key):
        return [fail("slack", "not asked: the stored tokens need NORTHSTAR_SECRET_KEY (see above)")]
    if not config.oauth_enabled and not config.bot_token:
        return [fail("slack", "no SLACK_BOT_TOKEN to check")]
    if not _usable_api_url(config.api_url):
        return [fail("slack", "not asked: SLACK_API_URL is not an http(s) URL (see above)")]
    channels = _channels(db)
    if config.oauth_enabled:
        return workspace_checks(channels, team_clients(config, Deps(db=db)).for_team, now)
    return workspace_checks(channels, None, now, single=web_client(config))


def _channels(db: Database | None) -> list[tuple[str, str | None]]:
    if db is None:
        return []
    try:
        with db.reader() as session:
            return active_channels(session)
    except SQLAlchemyError:
        return []


def run_checks(config: BotConfig, environ: dict[str, str] | None = None,
               now: Callable[[], datetime] = utc_now) -> list[Check]:
    """Every check, in the order they depend on each other."""
    checks = configuration_checks(config, dict(os.environ if environ is None else environ))
    database_check, db = open_database(config)
    checks.append(database_check)
    try:
        if db is not None:
            checks.append(secret_key_check(config, db))
        checks.extend(slack_checks(config, db, now))
    finally:
        if db is not None:
            db.dispose()
    return checks
