#!/usr/bin/env python
"""Run Django's management commands for the twitter project."""

import os
import sys


def main() -> None:
    """Point Django at the settings package and hand over the command line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twitter.settings")
    # Imported late on purpose: Django must see the variable above first.
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
