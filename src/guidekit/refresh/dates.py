"""The cut-off date: ``YYYY-MM-DD`` in, uv's ``exclude-newer`` value out."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import re

from guidekit.refresh.errors import BadInputError


def parse_day(text: str) -> dt.date:
    """``--date``'s argparse type: a calendar date, nothing more."""
    # fromisoformat alone would also take "20260301" and week dates.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text)
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")


def today_utc() -> dt.date:
    """Today where uv's timestamps live."""
    return dt.datetime.now(dt.UTC).date()


def cutoff(day: dt.date, today: dt.date) -> str:
    """``exclude-newer`` for 00:00 UTC of ``day``, which may not be after today.

    A future cut-off would freeze nothing: whatever is uploaded until then
    would still change the resolution.
    """
    if day > today:
        raise BadInputError(f"--date {day} is in the future (today is {today}, UTC)")
    return f"{day.isoformat()}T00:00:00Z"
