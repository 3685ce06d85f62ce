"""A refresh in order: check everything, then one step at a time.

Nothing is written until the date, every docs block and this repository's
``pyproject.toml`` have been checked. Then each step either completes or
puts back the files it touched, so that a failure leaves the earlier steps
done and the later ones not begun:

1. this repository: ``exclude-newer`` in pyproject.toml, ``uv lock
   --upgrade``, docs.lock exported (the tooling stands on its own);
2. the example, tangled from the guide as the moved sources read, every lock
   resolved afresh (it replaces the example only when it all worked);
3. the docs' sources: their ``exclude-newer`` lines, now that the example
   they describe exists (after 2 and 3 the guide and example agree again);
4. the test suite, which changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from guidekit.collector import Guide
from guidekit.locks import DOCS_LOCK
from guidekit.refresh.blocks import plan_docs
from guidekit.refresh.edits import LineEdit, apply_edits
from guidekit.refresh.errors import StepError
from guidekit.refresh.files import changed, restore, snapshot, write_atomically
from guidekit.refresh.lockdiff import Move, moves
from guidekit.refresh.own import OwnPlan, plan_own
from guidekit.settings import Settings
from guidekit.tangle.engine import tangle

LOCK = "uv.lock"


@dataclasses.dataclass(frozen=True)
class Actions:
    """The steps that reach the package index or run for long; tests swap them."""

    # Re-lock the repository at ``root`` and export docs.lock.
    relock: Callable[[Path], None]
    # Write the example into ``dest``, resolving every lock afresh.
    tangle: Callable[[Guide, Path], None]
    # Run the suite at ``root``; None skips it (``--no-test``).
    test: Callable[[Path], None] | None


@dataclasses.dataclass(frozen=True)
class Plan:
    """Everything a refresh will write, checked before anything is."""

    cutoff: str
    docs: list[LineEdit]
    own: OwnPlan
    # The guide as the moved sources will read.
    guide: Guide
    # The example's generated lock files, relative to its root.
    locks: list[str]


@dataclasses.dataclass(frozen=True)
class Report:
    """What a refresh moved; ``test_failure`` says why the suite failed."""

    plan: Plan
    changed: list[str]
    locks: dict[str, list[Move]]
    tested: bool
    test_failure: str | None


def make_plan(settings: Settings, guide: Guide, cutoff: str) -> Plan:
    """Check and plan a refresh to ``cutoff``; raises BadInputError, writes nothing."""
    edits, moved = plan_docs(guide, settings.root, cutoff)
    own = plan_own(settings.root / "pyproject.toml", cutoff)
    locks = sorted(
        path
        for path, file in tangle(guide.steps).files.items()
        if file.generated and PurePosixPath(path).name == LOCK
    )
    return Plan(cutoff, edits, own, moved, locks)


def _reason(error: Exception) -> str:
    return str(error) or type(error).__name__


def refresh(
    settings: Settings,
    plan: Plan,
    actions: Actions,
    progress: Callable[[str], None],
) -> Report:
    """Carry out ``plan``; raises StepError naming what changed before it."""
    root = settings.root
    done: list[str] = []

    def step(name: str, touches: list[Path], action: Callable[[], object]) -> None:
        progress(name)
        before = snapshot(touches)
        try:
            action()
        except Exception as error:
            restore(before)
            raise StepError(name, _reason(error), list(done)) from error
        done.extend(str(path.relative_to(root)) for path in changed(before))

    def relock() -> None:
        write_atomically(plan.own.path, plan.own.text.encode("utf-8"))
        actions.relock(root)

    example = settings.example_root
    lock_files = [root / LOCK, *(example / path for path in plan.locks)]
    old_locks = snapshot(lock_files)
    repository = [plan.own.path, root / LOCK, root / DOCS_LOCK]
    step("re-locking this repository (uv lock --upgrade)", repository, relock)
    step(
        "re-tangling the example, resolving its locks afresh",
        [],
        lambda: actions.tangle(plan.guide, example),
    )
    done.append(f"{example.relative_to(root)}/ (re-tangled)")
    step(
        "moving exclude-newer in the docs",
        sorted({edit.path for edit in plan.docs}),
        lambda: apply_edits(plan.docs),
    )
    new_locks = snapshot(lock_files)
    locks = {
        str(path.relative_to(root)): moves(old_locks[path], new_locks[path])
        for path in lock_files
        if old_locks[path] is not None or new_locks[path] is not None
    }
    failure = None
    if actions.test is not None:
        progress("running the test suite")
        try:
            actions.test(root)
        except Exception as error:  # the refreshed files stay, for review
            failure = _reason(error)
    return Report(plan, done, locks, actions.test is not None, failure)
