"""``guide refresh [--date YYYY-MM-DD] [--no-test]``: arguments, output, status."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from guidekit.collector import read_guide
from guidekit.project import say
from guidekit.refresh.actions import real_actions
from guidekit.refresh.dates import cutoff, parse_day, today_utc
from guidekit.refresh.errors import BadInputError, StepError
from guidekit.refresh.run import Actions, Report, make_plan, refresh
from guidekit.settings import Settings

# The statuses of guidekit.cli (which imports this module).
OK, PROBLEM, USAGE = 0, 1, 2


def add_arguments(command: argparse.ArgumentParser) -> None:
    """``--date`` and ``--no-test``."""
    command.add_argument(
        "--date",
        type=parse_day,
        metavar="YYYY-MM-DD",
        help="resolve as of 00:00 UTC that day (default: today)",
    )
    command.add_argument(
        "--no-test", action="store_true", help="skip `uv run pytest` at the end"
    )


def cmd_refresh(settings: Settings, args: argparse.Namespace) -> int:
    """Move exclude-newer to a date, re-lock, re-tangle the example, test."""
    actions = real_actions(test=not args.no_test)
    return run_refresh(settings, args.date, actions, today_utc())


def run_refresh(
    settings: Settings,
    day: dt.date | None,
    actions: Actions,
    today: dt.date,
    progress: Callable[[str], None] = say,
) -> int:
    """Check, refresh, print what moved; return the exit status."""
    try:
        value = cutoff(day or today, today)
        progress("reading the guide")
        plan = make_plan(settings, read_guide(settings), value)
    except BadInputError as error:
        print(f"guide: {error}; nothing was written", file=sys.stderr)
        return USAGE
    try:
        report = refresh(settings, plan, actions, progress)
    except StepError as error:
        done = ", ".join(error.changed) or "nothing"
        print(
            f"guide: refresh stopped, {error}\n"
            f"guide: changed before that step (see git diff): {done}",
            file=sys.stderr,
        )
        return PROBLEM
    print(summary(report, settings.root))
    if report.test_failure is not None:
        print(
            f"guide: the refreshed files fail the tests: {report.test_failure};"
            " they are left for review (see git diff)",
            file=sys.stderr,
        )
        return PROBLEM
    return OK


def summary(report: Report, root: Path) -> str:
    """What moved: dates with file:line, then locked versions per lock file."""
    plan = report.plan
    lines = [f"exclude-newer is now {plan.cutoff}:"]
    lines += [f"  {edit.describe(root)}" for edit in [*plan.docs, plan.own.edit]]
    lines.append("Locked versions:")
    for path, moves in report.locks.items():
        lines.append(f"  {path}: {len(moves) or 'nothing'} moved")
        lines += [f"    {move}" for move in moves]
    lines.append("Changed: " + (", ".join(report.changed) or "nothing"))
    if report.tested:
        lines.append("Tests: " + ("failed" if report.test_failure else "passed"))
    else:
        lines.append("Tests: not run (--no-test)")
    return "\n".join(lines)
