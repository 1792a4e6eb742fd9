"""`northstar report` and `northstar digest`, and writing a digest to a folder (the demo's too)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.digest.blocks import digest_blocks, fallback_text
from bot.digest.charts import (
    ALL_CHARTS,
    render_charts,
    render_cohort_chart,
    render_experiment_charts,
)
from bot.digest.cohort_words import customers_json
from bot.digest.text import digest_text
from bot.digest.thread import thread_blocks, thread_fallback
from bot.process_config import BotConfig
from bot.surfaces.home import home_text
from cli.common import CliError, open_database, parse_week, pick_workspace
from metrics.weeks import IsoWeek
from metrics.windows import WINDOW_WEEKS, is_complete
from ritual.digest_data import DigestData, gather, kpi_settings
from ritual.experiments import experiments
from ritual.scorecard_grid import build_grid
from storage.clock import utc_now
from texts import say, t
from texts.catalogue import CATALOGUE
from texts.format import format_value, label

MAX_GRID_WEEKS = 52


def _window(kpi, lang: str) -> str:
    name = t(f"report.window.{kpi.window}", lang)
    return name if is_complete(kpi) else f"{name} {kpi.weeks_used}/{WINDOW_WEEKS[kpi.window]}"


def _alert_name(kind: str, lang: str) -> str:
    return t(f"digest.{kind}", lang) if f"digest.{kind}" in CATALOGUE else kind


def report_table(data: DigestData) -> str:
    """The week's KPIs, one a line with value, window and why a value is missing; then alerts."""
    lang = data.lang
    lines = [f"{data.workspace.id} · {data.week} ({data.week.start} – {data.week.end})", ""]
    width = max(len(label(k, lang)) for k in data.report.kpis)
    for key, kpi in data.report.kpis.items():
        value = format_value(key, kpi.value, lang, data.currency)
        reason = f"  ({say(kpi.reason, lang)})" if kpi.reason else ""
        lines.append(f"{label(key, lang):<{width}}  {value:>16}  {_window(kpi, lang):<9}{reason}")
    lines += customer_lines(data)
    if data.report.alerts:
        lines += ["", t("report.alerts", lang)]
        for verdict in data.report.alerts:
            state = t({True: "report.fired", False: "report.ok", None: "report.no_verdict"}[
                verdict.fired], lang)
            lines.append(f"  {_alert_name(verdict.kind, lang):<16} {state:<10} "
                         f"{say(verdict.reason, lang)}")
    return "\n".join(lines)


def customer_lines(data: DigestData) -> list[str]:
    """Cohorts, realised LTV beside the formula's, and what the orders leave out (English)."""
    customers = data.customers
    if not customers.cohorts and not customers.without_customer:
        return []
    check = customers.ltv
    realised = ", ".join(f"{months} months {value}" for months, value in
                         (check.contribution or check.revenue).items()) if check else ""
    lines = ["", f"cohorts: {len(customers.cohorts)} (report --json: cohorts)"]
    if realised:
        basis = "contribution" if check.contribution else "revenue"
        formula = "n/a" if customers.formula_ltv is None else f"{customers.formula_ltv:.2f}"
        lines.append(f"realised LTV ({basis}): {realised} · formula LTV: {formula}")
    return lines + [f"  {line}" for line in customers_json(customers, "en", data.currency)["notes"]]


def print_grid(session, workspace, args: argparse.Namespace, now, db=None) -> int:
    """`--weeks N`: the trailing scorecard of App Home and `/kpi report t13w`."""
    if not 1 <= args.weeks <= MAX_GRID_WEEKS:
        raise CliError(f"--weeks must be between 1 and {MAX_GRID_WEEKS}")
    end = parse_week(args.week, workspace, now) if args.week else \
        IsoWeek.of(now.astimezone(ZoneInfo(workspace.timezone)).date())
    grid = build_grid(session, workspace, end, args.weeks, db)
    print(json.dumps(grid.to_json_dict(), indent=2, ensure_ascii=False) if args.json
          else home_text(grid), end="\n" if args.json else "")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    db, now = open_database(), utc_now()
    with db.reader() as session:
        workspace = pick_workspace(session, args.team)
        if getattr(args, "weeks", None) is not None:
            return print_grid(session, workspace, args, now, db)
        week = parse_week(args.week, workspace, now)
        data = gather(session, workspace, week, now)
        if args.json:
            report = data.report.to_json_dict(workspace.id, lambda r: say(r, "en"))
            settings = kpi_settings(workspace)
            report["experiments"] = experiments(session, workspace, week, data.inputs, settings, now)
            report["change_points"] = data.bends
            report["cohorts"] = [cohort.to_json_dict() for cohort in data.customers.cohorts]
            report["customers"] = customers_json(data.customers, "en", data.currency)
            print(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            print(report_table(data))
    return 0


def write_digest(data: DigestData, out: Path) -> list[Path]:
    """digest.json, digest.txt and the PNG charts into a folder; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    payload = {"channel": data.workspace.kpi_channel, "text": fallback_text(data),
               "blocks": digest_blocks(data),
               "thread_reply": {"text": thread_fallback(data), "blocks": thread_blocks(data)}}
    files = [out / "digest.json", out / "digest.txt"]
    files[0].write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    files[1].write_text(digest_text(data))
    charts = {**render_charts(data, ALL_CHARTS), **render_experiment_charts(data),
              **render_cohort_chart(data)}
    for name, png in charts.items():
        path = out / f"chart-{name}.png"
        path.write_bytes(png)
        files.append(path)
    return files


def write_home(session, workspace, week: IsoWeek, out: Path) -> Path:
    """home.txt: the 13-week scorecard of App Home ending with `week`, as text."""
    path = out / "home.txt"
    path.write_text(home_text(build_grid(session, workspace, week)))
    return path


def cmd_digest(args: argparse.Namespace) -> int:
    db, now = open_database(), utc_now()
    if args.post:
        from bot.digest.scheduler import DigestScheduler
        from bot.oauth import secret_key_problem, team_clients
        from ritual.deps import Deps

        config = BotConfig.from_env()
        if not config.bot_token and not config.oauth_enabled:
            raise CliError("--post needs SLACK_BOT_TOKEN (or the OAuth variables)")
        if config.oauth_enabled and (problem := secret_key_problem(config.secret_key)):
            raise CliError(problem)
        with db.session() as session:
            workspace = pick_workspace(session, args.team)
            week = parse_week(args.week, workspace, now)
        deps = Deps(db=db)
        outcome = DigestScheduler(deps, team_clients(config, deps)).post_now(workspace.id, week)
        if outcome.code == "digest_refused":
            raise CliError(f"Slack refused the digest ({outcome.params['error']}): nothing was "
                           "posted; a running bot tries again later")
        if outcome.code not in ("digest_posted", "digest_already"):
            raise CliError(say(outcome, "en"))
        print(outcome.code)
        return 0
    with db.reader() as session:
        workspace = pick_workspace(session, args.team)
        week = parse_week(args.week, workspace, now)
        data = gather(session, workspace, week, now)
        if args.out:
            for path in write_digest(data, Path(args.out)):
                print(path)
        else:
            print(digest_text(data))
    return 0
