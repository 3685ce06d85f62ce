"""The ``guide`` command: build, serve, tangle, check, blame and stat.

Exit status: 0 success; 1 the guide or the example has a problem (the message
names the doc's file:line); 2 bad usage; 3 bad settings in ``conf/``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from guidekit.build import BuildError, build_site
from guidekit.catalogue_update import update_catalogues
from guidekit.checkpoint_files import store_for
from guidekit.collector import GuideError, read_guide
from guidekit.project import check, materialise, run_guide, say, write_shown
from guidekit.refresh.command import add_arguments, cmd_refresh
from guidekit.serve import serve
from guidekit.settings import Settings, SettingsError, find_root, load
from guidekit.tangle.engine import tangle
from guidekit.tangle.errors import TangleError
from guidekit.translation_progress import progress

OK, PROBLEM, USAGE, SETTINGS = 0, 1, 2, 3


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    """Tangle the example, then build both languages.

    In that order: the checkpoint archives take the files commands made
    (lock files, migrations) from the example the tangle just wrote.
    """
    if not args.no_tangle:
        say(f"tangling the example into {settings.example_root}")
        root = settings.example_root
        materialise(read_guide(settings), root, committed=root, store=store_for(root))
    index = build_site(settings, say, fresh=args.fresh)
    print(f"Open {index} (or run `guide serve`).")
    return OK


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Preview with live reload, one port per language."""
    return serve(settings, args.port)


def cmd_tangle(settings: Settings, args: argparse.Namespace) -> int:
    """Write the example (at a checkpoint, or final) into a directory."""
    dest = Path(args.dest) if args.dest else settings.example_root
    guide = read_guide(settings, args.language)
    if args.no_generate:
        tree = write_shown(guide, dest, args.upto)
    else:
        # Only the example itself keeps earlier checkpoints' generated files.
        whole = dest == settings.example_root and args.upto is None
        store = store_for(dest) if whole else None
        tree = materialise(
            guide, dest, args.upto, committed=settings.example_root, store=store
        )
    print(f"Wrote {len(tree.files)} files to {dest}.")
    return OK


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    """Compare the committed example with a fresh tangle."""
    _tree, findings = check(read_guide(settings), settings.example_root)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} problem(s); run `guide tangle` to rewrite the example.")
        return PROBLEM
    print(f"{settings.example_root} matches the guide.")
    return OK


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Replay the guide as a reader would: every file, command and doctest."""
    tiers = frozenset(args.tiers.replace(",", " ").split())
    dest = Path(args.keep) if args.keep else None
    with tempfile.TemporaryDirectory(prefix="guide-run-") as scratch:
        folder = dest or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if any(folder.iterdir()):
            print(f"guide: {folder} is not empty", file=sys.stderr)
            return USAGE
        skipped = run_guide(
            read_guide(settings, args.language),
            folder,
            tiers,
            upto=args.upto,
            committed=settings.example_root,
        )
    for where in skipped:
        print(f"skipped (needs a tier this run lacks): {where}")
    print("Every command and doctest gave what the guide shows.")
    return OK


def cmd_blame(settings: Settings, args: argparse.Namespace) -> int:
    """Which doc locations write a file of the example."""
    tree = tangle(read_guide(settings).steps)
    file = tree.files.get(args.path)
    if file is None:
        print(f"{args.path}: no block writes this file", file=sys.stderr)
        return PROBLEM
    for owner in file.owners:
        print(owner)
    return OK


def cmd_catalogs(settings: Settings, args: argparse.Namespace) -> int:
    """Update the translation catalogues from the English sources."""
    update_catalogues(settings, say)
    print(f"Updated {settings.docs_dir / 'locale'}; see `guide stat` for progress.")
    return OK


def cmd_stat(settings: Settings, args: argparse.Namespace) -> int:
    """Translation progress per document; fuzzy counts as untranslated."""
    rows = progress(settings.docs_dir / "locale", args.language)
    if not rows:
        print(f"no catalogues for {args.language}", file=sys.stderr)
        return PROBLEM
    width = max(len(r.document) for r in rows)
    for row in rows:
        print(
            f"{row.document:<{width}}  {row.percent:5.1f}%"
            f"  {row.translated}/{row.total} translated, {row.fuzzy} fuzzy"
        )
    total = sum(r.total for r in rows)
    done = sum(r.translated for r in rows)
    print(f"{'total':<{width}}  {100.0 * done / max(total, 1):5.1f}%  {done}/{total}")
    return OK


def parser() -> argparse.ArgumentParser:
    """One parser, one handler per subcommand."""
    top = argparse.ArgumentParser(
        prog="guide", description="Build, check and tangle the Django layout guide."
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, handler: Callable[[Settings, argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        doc = (handler.__doc__ or "").strip()
        command = sub.add_parser(name, help=doc, description=doc)
        command.set_defaults(handler=handler)
        return command

    build = add("build", cmd_build)
    build.add_argument("--no-tangle", action="store_true", help="only build the site")
    build.add_argument(
        "--fresh",
        action="store_true",
        help="reread every source (after tooling changes)",
    )
    serve_cmd = add("serve", cmd_serve)
    serve_cmd.add_argument(
        "--port",
        type=int,
        default=8000,
        help="first port, one per language (default 8000; 0: free ports)",
    )
    tangle_cmd = add("tangle", cmd_tangle)
    tangle_cmd.add_argument(
        "dest", nargs="?", help="target folder (default: the example root)"
    )
    tangle_cmd.add_argument("--upto", metavar="NAME", help="stop at this checkpoint")
    tangle_cmd.add_argument("--language", help="read the docs in this language")
    tangle_cmd.add_argument(
        "--no-generate",
        action="store_true",
        help="skip commands that make files (uv.lock, ...)",
    )
    run = add("run", cmd_run)
    run.add_argument("--upto", metavar="NAME", help="stop at this checkpoint")
    run.add_argument("--language", help="read the docs in this language")
    run.add_argument(
        "--tiers", default="network", help="tiers this machine has (default: network)"
    )
    run.add_argument(
        "--keep", metavar="DIR", help="replay into this empty folder and keep it"
    )
    add("check", cmd_check)
    blame = add("blame", cmd_blame)
    blame.add_argument("path", help="a path relative to the example root")
    add("catalogs", cmd_catalogs)
    stat = add("stat", cmd_stat)
    stat.add_argument(
        "--language", default="tr", help="catalogue language (default tr)"
    )
    add_arguments(add("refresh", cmd_refresh))
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``guide``; return its exit status."""
    args = parser().parse_args(argv)
    try:
        settings = load(find_root())
    except SettingsError as error:
        print(f"guide: {error}", file=sys.stderr)
        return SETTINGS
    try:
        status: int = args.handler(settings, args)
    except (TangleError, GuideError, BuildError) as error:
        print(f"guide: {error}", file=sys.stderr)
        return PROBLEM
    return status


if __name__ == "__main__":
    sys.exit(main())
