"""Tangle the guide into a directory, with generated files, and check it.

Glue between :mod:`guidekit.collector` (Sphinx) and the tangle engine.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from guidekit.checkpoint_files import Recorder, store_for, write_store
from guidekit.collector import Guide
from guidekit.tangle.checkpoints import snapshots
from guidekit.tangle.compare import Finding, compare
from guidekit.tangle.engine import Tree, steps_upto, tangle
from guidekit.tangle.replay import ReplayOptions, replay
from guidekit.tangle.writer import replace_directory, write_file

# Generated files come from commands that fetch packages (``uv lock``).
GENERATION_TIERS = frozenset({"network"})


def say(message: str) -> None:
    """A progress line on stderr, so stdout stays for results."""
    print(f"guide: {message}", file=sys.stderr, flush=True)


def prune(root: Path, tree: Tree) -> None:
    """Remove what the commands left that no block owns (venvs, caches, ...)."""
    for path in sorted(root.rglob("*"), reverse=True):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink() or path.is_file():
            if relative not in tree.files:
                path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def replay_options(
    guide: Guide,
    tiers: frozenset[str],
    progress: Callable[[str], None],
    *,
    run_all: bool,
    committed: Path | None,
    on_checkpoint: Callable[[str, Path], None] | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> ReplayOptions:
    """How to replay ``guide``: its own normalisers and doctest command."""
    return ReplayOptions(
        run_all=run_all,
        tiers=tiers,
        committed=committed,
        normalizers=guide.normalizers,
        doctest_command=guide.doctest_command,
        progress=progress,
        on_checkpoint=on_checkpoint,
        extra_env=extra_env or {},
    )


def materialise(
    guide: Guide,
    dest: Path,
    upto: str | None = None,
    progress: Callable[[str], None] = say,
    *,
    committed: Path | None,
    store: Path | None = None,
) -> Tree:
    """Write the example as it stands at checkpoint ``upto`` into ``dest``.

    Runs the commands that make files, in a temporary sibling of ``dest``;
    ``dest`` is replaced only when everything succeeded. Lock files come from
    ``committed`` (the committed example) where it has them; None resolves
    them afresh. With ``store``, the generated files of earlier checkpoints
    that differ from the final ones are written there (see
    :mod:`guidekit.checkpoint_files`).
    """
    steps = steps_upto(guide.steps, upto)
    tree = tangle(steps)  # finds bad steps before anything runs or is written
    recorder = Recorder(snapshots(steps))
    options = replay_options(
        guide,
        GENERATION_TIERS,
        progress,
        run_all=False,
        committed=committed,
        on_checkpoint=recorder,
    )

    def fill(tmp: Path) -> None:
        replay(steps, tmp, options)
        prune(tmp, tree)

    replace_directory(dest, fill)
    if store is not None:
        replace_directory(store, lambda tmp: write_store(tmp, recorder.recorded, dest))
    return tree


def run_guide(
    guide: Guide,
    dest: Path,
    tiers: frozenset[str],
    *,
    upto: str | None = None,
    progress: Callable[[str], None] = say,
    on_checkpoint: Callable[[str, Path], None] | None = None,
    committed: Path | None,
    extra_env: Mapping[str, str] | None = None,
) -> list[str]:
    """Do what a reader does, in the empty folder ``dest``.

    Every file, command and doctest, in order, lock files taken from
    ``committed`` as a reader's clone has them. Returns the locations of
    commands skipped for want of a tier.
    """
    steps = steps_upto(guide.steps, upto)
    tangle(steps)  # bad steps fail before anything runs
    options = replay_options(
        guide,
        tiers,
        progress,
        run_all=True,
        committed=committed,
        on_checkpoint=on_checkpoint,
        extra_env=extra_env,
    )
    return [str(where) for where in replay(steps, dest, options).skipped]


def write_shown(guide: Guide, dest: Path, upto: str | None = None) -> Tree:
    """Write only the files that blocks show, running no command."""
    tree = tangle(steps_upto(guide.steps, upto))

    def fill(tmp: Path) -> None:
        for path, file in tree.shown().items():
            write_file(tmp, path, file)

    replace_directory(dest, fill)
    return tree


def check(guide: Guide, example_root: Path) -> tuple[Tree, list[Finding]]:
    """Tangle afresh and compare with the committed ``example_root``.

    The folder of earlier generated files beside it is compared too; its
    findings name paths from the example's parent folder.
    """
    store = store_for(example_root)
    with tempfile.TemporaryDirectory(prefix="guide-check-") as scratch:
        fresh = Path(scratch) / example_root.name
        fresh_store = store_for(fresh)
        tree = materialise(guide, fresh, committed=example_root, store=fresh_store)
        findings = [
            dataclasses.replace(f, path=f"{example_root.name}/{f.path}")
            for f in compare(fresh, example_root, tree)
        ]
        findings += [
            dataclasses.replace(f, path=f"{store.name}/{f.path}")
            for f in compare(fresh_store, store, Tree())
        ]
        return tree, findings
