"""The doctor's questions to Slack: each workspace's token and scopes (auth.test), whether the
bot is in its KPI channel (conversations.info), and the clock against Slack's Date header."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.clients import NotInstalled
from bot.doctor_lines import Check, fail, ok, warn
from bot.oauth import BOT_SCOPES
from storage.secret_box import InvalidToken

ClientFor = Callable[[str], WebClient]
REINSTALL = "reinstall the app (Add to Slack at /slack/install)"
CLOCK_WARN_SECONDS = 60
CLOCK_FAIL_SECONDS = 300  # Slack refuses requests signed more than five minutes off


def workspace_checks(channels: list[tuple[str, str | None]], client_for: ClientFor | None,
                     now: Callable[[], datetime], single: WebClient | None = None) -> list[Check]:
    """With `single` (SLACK_BOT_TOKEN): its workspace; else every active workspace's own token."""
    checks: list[Check] = []
    dates: list[str | None] = []
    if single is not None:
        team_id = _token_checks(single, "", checks, dates)
        mine = [(team, channel) for team, channel in channels if team == team_id]
        if team_id and not mine:
            checks.append(warn("channel", "no workspace stored yet: run `/kpi settings` in Slack "
                               "to choose the KPI channel"))
        for team, channel in mine:
            checks.append(_channel_check(single, team, channel, ""))
    else:
        if not channels:
            checks.append(ok("slack", "no workspace has installed the app yet"))
        for team, channel in channels:
            client = _installed_client(client_for, team, checks)
            if client is not None and _token_checks(client, f" {team}", checks, dates):
                checks.append(_channel_check(client, team, channel, f" {team}"))
    if dates:
        checks.append(clock_check(dates[0], now()))
    return checks


def _installed_client(client_for: ClientFor, team: str, checks: list[Check]) -> WebClient | None:
    try:
        return client_for(team)
    except NotInstalled:
        checks.append(fail(f"slack token {team}", f"no installation stored; {REINSTALL}"))
    except InvalidToken:
        checks.append(fail(f"slack token {team}", "its token does not open with "
                           "NORTHSTAR_SECRET_KEY (see the secret key line)"))
    except (SlackClientError, OSError) as error:
        checks.append(fail(f"slack token {team}", f"refreshing the token failed "
                           f"({slack_error(error)}); {REINSTALL}"))
    return None


def _token_checks(client: WebClient, suffix: str, checks: list[Check],
                  dates: list[str | None]) -> str | None:
    """auth.test's line and the scopes' line; the token's team id, None when refused."""
    try:
        answer = client.auth_test()
    except SlackApiError as error:
        dates.append(header(error.response.headers, "date"))
        hint = ("copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into SLACK_BOT_TOKEN"
                if not suffix else REINSTALL)
        checks.append(fail(f"slack token{suffix}", f"Slack refused it ({slack_error(error)}); {hint}"))
        return None
    except (SlackClientError, OSError) as error:
        checks.append(fail(f"slack token{suffix}", f"{slack_error(error)}; check the network "
                           "(and SLACK_API_URL)"))
        return None
    dates.append(header(answer.headers, "date"))
    checks.append(ok(f"slack token{suffix}", f"@{answer.get('user')} in {answer.get('team')} "
                     f"({answer.get('team_id')})"))
    missing = missing_scopes(header(answer.headers, "x-oauth-scopes"))
    if missing is None:
        checks.append(warn(f"scopes{suffix}", "Slack did not list the token's scopes"))
    elif missing:
        checks.append(fail(f"scopes{suffix}", f"missing {', '.join(missing)}: add them under OAuth & "
                           "Permissions (they are in manifest.yml), then reinstall the app"))
    else:
        checks.append(ok(f"scopes{suffix}", "every scope of manifest.yml is granted"))
    return answer.get("team_id")


def _channel_check(client: WebClient, team: str, channel: str | None, suffix: str) -> Check:
    name = f"channel{suffix}"
    if not channel:
        return warn(name, f"workspace {team} has no KPI channel yet: `/kpi settings` in Slack")
    try:
        info = client.conversations_info(channel=channel)["channel"]
    except SlackApiError as error:
        return fail(name, f"the KPI channel {channel} cannot be read ({slack_error(error)}): invite "
                    "@northstar to it, or choose another with `/kpi settings`")
    except (SlackClientError, OSError) as error:
        return fail(name, slack_error(error))
    shown = f"#{info.get('name') or channel}"
    if not info.get("is_member"):
        return fail(name, f"northstar is not a member of {shown}: type `/invite @northstar` there")
    return ok(name, f"northstar is a member of {shown} ({channel})")


def missing_scopes(granted_header: str | None) -> list[str] | None:
    """The manifest's bot scopes the token lacks; None when Slack did not say."""
    if granted_header is None:
        return None
    granted = {scope.strip() for scope in granted_header.split(",")}
    return [scope for scope in BOT_SCOPES if scope not in granted]


def clock_check(date_header: str | None, now: datetime) -> Check:
    """This machine's clock against the Date of Slack's answer."""
    if not date_header:
        return warn("clock", "Slack's answer had no Date header to compare with")
    try:
        slack_time = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return warn("clock", f"Slack's Date header {date_header!r} cannot be read")
    offset = (now - slack_time).total_seconds()
    detail = f"{abs(offset):.0f} s {'ahead of' if offset > 0 else 'behind'} Slack"
    if abs(offset) > CLOCK_FAIL_SECONDS:
        return fail("clock", f"{detail}: Slack refuses requests signed this far off; sync the "
                    "clock (NTP, e.g. timedatectl set-ntp true)")
    if abs(offset) > CLOCK_WARN_SECONDS:
        return warn("clock", f"{detail}; digests go out that much early or late: enable NTP")
    return ok("clock", f"within {CLOCK_WARN_SECONDS} s of Slack ({detail})")


def header(headers: dict, name: str) -> str | None:
    """A response header by its name in any case."""
    return next((value for key, value in (headers or {}).items() if key.lower() == name), None)


def slack_error(error: SlackClientError | OSError) -> str:
    """Slack's error code, or why Slack could not be asked."""
    if isinstance(error, SlackApiError):
        return error.response.get("error") or str(error)
    if isinstance(error, SlackClientError):
        return f"Slack not reachable: {error}"
    return f"Slack not reachable: {getattr(error, 'reason', None) or error}"
