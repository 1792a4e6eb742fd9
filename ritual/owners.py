"""Who owns each KPI input, and who is to blame (kindly) for each gap of a week.

An input (a recorded metric, `costs`, `hours`, as the digest's missing inputs name them) is
owned by the person set with `/kpi owner`, else by the owner of a goal whose KPI needs it
(`/kpi goal … owner:@ben`), else by whoever recorded it most often in the last 8 weeks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from capture.vocabulary import input_of
from metrics.weeks import IsoWeek
from ritual.context import local_now, read_workspace, workspace_for_team
from ritual.deps import Deps
from ritual.workspace_settings import SCALAR_KPIS, SettingError
from storage.models import Workspace
from storage.own_metrics import own_metrics_of
from storage.owners import (
    OWNABLE_INPUTS,
    away_until,
    explicit_owners,
    known_none,
    set_owner,
    top_recorder,
    top_recorders,
)

DEFAULT_OWNER_WEEKS = 8
INPUTS = OWNABLE_INPUTS
CLEAR = ("-", "off", "aus", "none", "keiner", "clear")
MENTION = re.compile(r"^<@(?P<id>[UW][A-Z0-9]+)(\|[^>]*)?>$")
_MONEY = ("revenue", "costs")
# The inputs each KPI needs (KPIS.md), for owners set on a goal.
KPI_INPUTS: dict[str, tuple[str, ...]] = {
    "revenue": ("revenue",), "costs_total": ("costs",), "costs_acquisition": ("costs",),
    "costs_variable": ("costs",), "costs_fixed": ("costs",), "hours": ("hours",),
    "time_cost": ("hours",), "contribution_margin": _MONEY, "gross_margin_pct": _MONEY,
    "profit": _MONEY, "profit_after_time": (*_MONEY, "hours"),
    "roi_pct": _MONEY, "roi_incl_time_pct": (*_MONEY, "hours"),
    "return_on_sales_pct": _MONEY, "dupont_roi_pct": _MONEY, "return_on_equity_pct": _MONEY,
    "revenue_per_hour": ("revenue", "hours"), "profit_per_hour": (*_MONEY, "hours"),
    "cac": ("costs", "hours", "new_customers"),
    "arpa_month": ("revenue", "active_customers"),
    "contribution_per_customer_month": (*_MONEY, "active_customers"),
    "churn_rate_month_pct": ("churned_customers", "active_customers"),
    "ltv": (*_MONEY, "active_customers", "churned_customers"),
    "ltv_cac_ratio": (*_MONEY, "hours", "new_customers", "active_customers"),
    "payback_months": (*_MONEY, "hours", "new_customers", "active_customers"),
    "lead_to_customer_pct": ("new_customers", "leads"),
    "repurchase_rate_pct": ("repeat_orders", "orders"),
    "activation_rate_pct": ("activations", "new_customers"),
    "cost_per_lead": ("costs", "leads"), "cost_per_qualified_lead": ("costs", "qualified_leads"),
    "error_rate_per_100": ("errors", "orders"), "tickets_per_100": ("tickets", "orders"),
    "first_response_minutes_median": ("first_response_minutes",),
    "lead_to_order_days_median": ("lead_to_order_days",),
    "order_to_delivery_days_median": ("order_to_delivery_days",),
    "on_time_delivery_pct": ("deliveries", "late_deliveries"),
    "ctr_pct": ("impressions", "clicks"), "engagement_rate_pct": ("views", "likes", "comments"),
    "response_rate_pct": ("sent", "responses"),
}


@dataclass(frozen=True)
class Gap:
    """A missing input of a week, its owner (None: nobody recorded it lately) and whether
    that owner is away."""

    input: str
    owner: str | None
    away: bool = False


@dataclass(frozen=True)
class OwnerView:
    subject: str
    user_id: str | None
    explicit: bool
    lang: str


def mention_id(text: str) -> str | None:
    """The user id of a Slack mention (`<@U123|ben>`, `<@U123>`); None for anything else."""
    match = MENTION.match(text.strip())
    return match["id"] if match else None


def _kpi_owner(explicit: dict[str, str], name: str) -> str | None:
    """The owner of the most specific goal KPI that needs this input."""
    kpis = sorted((len(needs), kpi) for kpi, needs in KPI_INPUTS.items()
                  if name in needs and kpi in explicit)
    return explicit[kpis[0][1]] if kpis else None


def owner_of(session: Session, workspace_id: str, name: str, week: IsoWeek,
             explicit: dict[str, str] | None = None) -> tuple[str | None, bool]:
    """(owner, set explicitly) of an input in a week."""
    explicit = explicit_owners(session, workspace_id) if explicit is None else explicit
    if name in explicit:
        return explicit[name], True
    by_goal = _kpi_owner(explicit, name)
    if by_goal:
        return by_goal, True
    start = week.end - timedelta(weeks=DEFAULT_OWNER_WEEKS) + timedelta(days=1)
    return top_recorder(session, workspace_id, name, start, week.end), False


def owners_of(session: Session, workspace_id: str, names: list[str], week: IsoWeek,
              explicit: dict[str, str]) -> dict[str, str | None]:
    """The owner of each input in a week, as `owner_of` gives it (one query for them all)."""
    owners = {name: explicit.get(name) or _kpi_owner(explicit, name) for name in names}
    start = week.end - timedelta(weeks=DEFAULT_OWNER_WEEKS) + timedelta(days=1)
    unknown = [name for name, owner in owners.items() if owner is None]
    if unknown:
        owners |= top_recorders(session, workspace_id, unknown, start, week.end)
    return owners


def kpi_owner(session: Session, workspace_id: str, kpi: str, week: IsoWeek) -> str | None:
    """The owner of a KPI: set on its goal, else the owner of its first input."""
    explicit = explicit_owners(session, workspace_id)
    if kpi in explicit:
        return explicit[kpi]
    needs = KPI_INPUTS.get(kpi, (kpi,) if kpi in INPUTS else ())
    return owner_of(session, workspace_id, needs[0], week, explicit)[0] if needs else None


def is_away(away: dict[str, date], user_id: str | None, day: date) -> bool:
    return user_id is not None and user_id in away and away[user_id] >= day


def week_gaps(session: Session, workspace: Workspace, week: IsoWeek, missing: list[str],
              today: date) -> tuple[list[Gap], list[str]]:
    """(the gaps with their owners, the inputs known to be none this week) of missing inputs."""
    none = known_none(session, workspace.id, str(week))
    explicit, away = explicit_owners(session, workspace.id), away_until(session, workspace.id)
    gaps = []
    for name in missing:
        if name in none:
            continue
        owner = owner_of(session, workspace.id, name, week, explicit)[0]
        gaps.append(Gap(name, owner, is_away(away, owner, today)))
    return gaps, [name for name in missing if name in none]


def _subject(text: str, allowed: tuple[str, ...]) -> str:
    subject = text.lower()
    subject = subject if subject in allowed else (input_of(subject) or subject)
    if subject not in allowed:
        raise SettingError("owner_unknown_input", name=text, valid=", ".join(INPUTS))
    return subject


def change_owner(deps: Deps, team_id: str, args: list[str], user_id: str) -> OwnerView:
    """`/kpi owner INPUT @user` or `/kpi owner INPUT -`; raises SettingError."""
    if len(args) != 2:
        raise SettingError("owner_usage")
    owner = None if args[1].lower() in CLEAR else mention_id(args[1])
    now = deps.now()
    with deps.db.session() as session:
        own = tuple(metric.key for metric in own_metrics_of(session, team_id))
        subject = _subject(args[0], (*INPUTS, *SCALAR_KPIS, *own))
        if owner is None and args[1].lower() not in CLEAR:
            raise SettingError("owner_not_a_mention", text=args[1])
        workspace = workspace_for_team(session, team_id, now)
        set_owner(session, team_id, subject, owner, user_id, now)
        return OwnerView(subject, owner, owner is not None, workspace.language)


def owner_option(args: list[str]) -> tuple[list[str], str | None]:
    """Split `owner:@ben` off a goal's words: (the other words, the owner's id or None)."""
    rest, owner = [], None
    for word in args:
        if word.lower().startswith("owner:") or word.lower().startswith("verantwortlich:"):
            owner = mention_id(word.split(":", 1)[1])
            if owner is None:
                raise SettingError("owner_not_a_mention", text=word.split(":", 1)[1])
        else:
            rest.append(word)
    return rest, owner


def set_kpi_owner(deps: Deps, team_id: str, kpi: str, owner: str, user_id: str) -> None:
    now = deps.now()
    with deps.db.session() as session:
        workspace_for_team(session, team_id, now)
        set_owner(session, team_id, kpi, owner, user_id, now)


def list_owners(deps: Deps, team_id: str) -> tuple[str, list[OwnerView]]:
    """Every input's owner this week (explicit or by default), inputs nobody owns left out."""
    now = deps.now()
    with deps.db.reader() as session:
        workspace = read_workspace(session, team_id, now)
        week = IsoWeek.of(local_now(workspace, now).date())
        explicit = explicit_owners(session, team_id)
        views = []
        for name in INPUTS:
            owner, is_set = owner_of(session, team_id, name, week, explicit)
            if owner:
                views.append(OwnerView(name, owner, is_set, workspace.language))
        views += [OwnerView(kpi, user, True, workspace.language)
                  for kpi, user in sorted(explicit.items()) if kpi not in INPUTS]
        return workspace.language, views


def owner_map(deps: Deps, team_id: str) -> dict[str, str]:
    """The explicitly set owners: subject → user id."""
    with deps.db.reader() as session:
        return explicit_owners(session, team_id)


def set_owners(deps: Deps, team_id: str, owners: dict[str, str | None], user_id: str) -> None:
    """Set (or, with None, clear) the owners of several inputs at once (the settings form)."""
    now = deps.now()
    with deps.db.session() as session:
        workspace_for_team(session, team_id, now)
        for subject, owner in owners.items():
            if subject in INPUTS:
                set_owner(session, team_id, subject, owner or None, user_id, now)
