"""``python -m guide_standins TAG...``: make the tags available, one line each.

Exit status: 0 all available; 1 a build failed; 2 bad usage or unknown tag.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from guide_standins.build import ensure_images
from guide_standins.docker import StandinError, engine_problem
from guide_standins.table import STANDINS


def _progress(message: str) -> None:
    # Progress on stderr, so that stdout holds one line per image.
    print(f"standins: {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m guide_standins", description=__doc__.split("\n")[0]
    )
    parser.add_argument("tags", nargs="*", metavar="TAG", help="upstream image tag")
    parser.add_argument("--all", action="store_true", help="every known tag")
    parser.add_argument("--list", action="store_true", help="list known tags and exit")
    args = parser.parse_args(argv)
    if args.list:
        for spec in STANDINS.values():
            print(f"{spec.tag}: {spec.interface}")
        return 0
    tags = list(STANDINS) if args.all else args.tags
    if not tags:
        parser.print_usage(sys.stderr)
        return 2
    unknown = [tag for tag in tags if tag not in STANDINS]
    if unknown:
        print(f"no stand-in for: {', '.join(unknown)} (see --list)", file=sys.stderr)
        return 2
    problem = engine_problem()
    if problem:
        print(f"{problem} (run `bash .ci/docker-setup`)", file=sys.stderr)
        return 1
    try:
        results = ensure_images(tags, _progress)
    except StandinError as error:
        print(error, file=sys.stderr)
        return 1
    for standin in results:
        print(standin.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
