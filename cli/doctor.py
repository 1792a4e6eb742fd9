"""`northstar doctor`: one line per check of this installation; exit 1 when any check fails."""

from __future__ import annotations

import argparse
import logging

from bot.doctor import run_checks
from bot.process_config import BotConfig


def cmd_doctor(args: argparse.Namespace) -> int:
    if not args.verbose:  # each failure is one line below; the client's own retries need not be
        logging.getLogger("slack_sdk").setLevel(logging.CRITICAL)
    checks = run_checks(BotConfig.from_env())
    for check in checks:
        print(check.line())
    failed = sum(check.status == "FAIL" for check in checks)
    print(f"{failed} check(s) failed" if failed else "all checks passed")
    return 1 if failed else 0
