"""`northstar report`, `northstar digest` and `northstar demo`."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.cli import EXTRA_COMMANDS, CliError
from bot.config import BotConfig
from bot.digest.blocks import digest_blocks, fallback_text
from bot.digest.charts import ALL_CHARTS, render_charts
from bot.digest.gather import DigestData, gather
from bot.digest.text import digest_text
from bot.kpi_format import format_value, label
from metrics.weeks import IsoWeek
from storage.clock import utc_now
from storage.db import Database
from storage.models import Workspace
from storage.workspaces import all_workspaces


def open_database() -> Database:
    db = Database(BotConfig.from_env().database_url)
    db.upgrade()
    return db


def pick_workspace(session, team: str | None) -> Workspace:
    """The workspace named by --team, or the only one there is."""
    workspaces = all_workspaces(session)
    if team:
        for workspace in workspaces:
            if workspace.id == team:
                return workspace
        raise CliError(f"no workspace {team!r} in the database "
                       f"(known: {', '.join(w.id for w in workspaces) or 'none'})")
    if len(workspaces) == 1:
        return workspaces[0]
    if not workspaces:
        raise CliError("the database has no workspace yet: run `northstar demo`, or use the bot")
    raise CliError("several workspaces: pick one with --team "
                   f"({', '.join(w.id for w in workspaces)})")


def parse_week(text: str | None, workspace: Workspace, now: datetime) -> IsoWeek:
    """--week as YYYY-Www, or by default the last complete week in the workspace's zone."""
    if not text:
        return IsoWeek.of(now.astimezone(ZoneInfo(workspace.timezone)).date()).previous()
    try:
        return IsoWeek.parse(text)
    except ValueError as error:
        raise CliError(f"--week {text!r} is not an ISO week; use e.g. 2026-W47") from error


def report_table(data: DigestData) -> str:
    lines = [f"{data.workspace.id} · {data.week} ({data.week.start} – {data.week.end})", ""]
    width = max(len(label(k, data.lang)) for k in data.report.kpis)
    for key, kpi in data.report.kpis.items():
        value = format_value(key, kpi.value, data.lang, data.currency)
        reason = f"  ({kpi.reason})" if kpi.reason else ""
        lines.append(f"{label(key, data.lang):<{width}}  {value:>16}  {kpi.window:<5}{reason}")
    if data.report.alerts:
        lines += ["", "alerts:"]
        for verdict in data.report.alerts:
            state = {True: "FIRED", False: "ok", None: "no verdict"}[verdict.fired]
            lines.append(f"  {verdict.kind:<16} {state:<10} {verdict.reason}")
    return "\n".join(lines)


def cmd_report(args: argparse.Namespace) -> int:
    db, now = open_database(), utc_now()
    with db.reader() as session:
        workspace = pick_workspace(session, args.team)
        week = parse_week(args.week, workspace, now)
        data = gather(session, workspace, week, now, record_alerts=False)
        if args.json:
            print(json.dumps(data.report.to_json_dict(workspace.id), indent=2, ensure_ascii=False))
        else:
            print(report_table(data))
    return 0


def write_digest(data: DigestData, out: Path) -> list[Path]:
    """digest.json, digest.txt and the PNG charts into a folder; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    payload = {"channel": data.workspace.kpi_channel, "text": fallback_text(data),
               "blocks": digest_blocks(data)}
    files = [out / "digest.json", out / "digest.txt"]
    files[0].write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    files[1].write_text(digest_text(data))
    for name, png in render_charts(data, ALL_CHARTS).items():
        path = out / f"chart-{name}.png"
        path.write_bytes(png)
        files.append(path)
    return files


def cmd_digest(args: argparse.Namespace) -> int:
    db, now = open_database(), utc_now()
    if args.post:
        from bot.app import web_client
        from bot.post_now import post_week_now
        from bot.services import Services

        config = BotConfig.from_env()
        if not config.bot_token:
            raise CliError("--post needs SLACK_BOT_TOKEN")
        with db.session() as session:
            workspace = pick_workspace(session, args.team)
            week = parse_week(args.week, workspace, now)
        print(post_week_now(Services(db=db), web_client(config), workspace.id, week))
        return 0
    with db.reader() as session:
        workspace = pick_workspace(session, args.team)
        week = parse_week(args.week, workspace, now)
        data = gather(session, workspace, week, now, record_alerts=False)
        if args.out:
            for path in write_digest(data, Path(args.out)):
                print(path)
        else:
            print(digest_text(data))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return run_demo(Path(args.out))


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="a week's KPIs, goals and drift verdicts")
    report.add_argument("--week", help="ISO week, e.g. 2026-W47 (default: last complete week)")
    report.add_argument("--json", action="store_true", help="JSON with the keys of KPIS.md")
    report.add_argument("--team", help="workspace id (needed with several workspaces)")
    report.set_defaults(func=cmd_report)

    digest = sub.add_parser("digest", help="render a week's digest, or post it to Slack")
    digest.add_argument("--week", help="ISO week, e.g. 2026-W47 (default: last complete week)")
    digest.add_argument("--team", help="workspace id (needed with several workspaces)")
    target = digest.add_mutually_exclusive_group()
    target.add_argument("--out", help="write digest.json, digest.txt and charts to this folder")
    target.add_argument("--post", action="store_true", help="post it to the KPI channel now")
    digest.set_defaults(func=cmd_digest)

    demo = sub.add_parser("demo", help="a sample business and its digest, no Slack needed")
    demo.add_argument("--out", default="northstar-demo", help="folder (default ./northstar-demo)")
    demo.set_defaults(func=cmd_demo)


EXTRA_COMMANDS.append(register)
