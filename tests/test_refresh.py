"""``guide refresh`` on a tiny guide, offline, against a local package index.

The index holds pkg 1.0 (uploaded before date A, the guide's date) and pkg
1.1, which needs dep 2.0 (both uploaded between A and B). The example's
locks are made at A; a refresh to B must move them to 1.1 and the dates in
the sources. Re-locking the real repository and running the suite are
replaced by recording fakes: their order and what they see is checked.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_console_scripts import ScriptRunner
from support.local_index import make_wheel, serve_index

from guidekit.checkpoint_files import store_for
from guidekit.collector import Guide, read_guide
from guidekit.project import check, materialise
from guidekit.refresh.actions import tangle_afresh
from guidekit.refresh.blocks import block_start
from guidekit.refresh.command import run_refresh
from guidekit.refresh.errors import BadInputError
from guidekit.refresh.lockdiff import moves
from guidekit.refresh.own import plan_own
from guidekit.refresh.run import Actions
from guidekit.settings import Settings, load
from guidekit.tangle.errors import TangleError
from guidekit.tangle.steps import Location

ROOT = Path(__file__).parent / "roots" / "refreshrepo"
DATE_A = "2026-02-01T00:00:00Z"
DATE_B = "2026-03-01T00:00:00Z"
TODAY = dt.date(2026, 12, 1)
# The docs' exclude-newer lines, as file:line.
APP_LINE, TOOLS_LINE = "docs/app.rst:18", "docs/tools.md:14"
ADDED = (
    "# Resolve as if it were this moment, like the example; `guide refresh`\n"
    "# moves it.\n"
)
COMMENT = "  # moved by guide refresh"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """A copy of the refresh guide whose example was tangled at date A."""
    wheels = tmp_path / "wheels"
    times = {
        make_wheel(wheels, "pkg", "1.0").name: dt.datetime(2026, 1, 10, tzinfo=dt.UTC),
        make_wheel(wheels, "pkg", "1.1", ["dep>=2"]).name: dt.datetime(
            2026, 2, 10, tzinfo=dt.UTC
        ),
        make_wheel(wheels, "dep", "2.0").name: dt.datetime(2026, 2, 10, tzinfo=dt.UTC),
    }
    root = tmp_path / "repo"
    shutil.copytree(ROOT, root)
    with serve_index(wheels, times) as url:
        # The example's `uv lock` runs in the replay, which passes these on.
        monkeypatch.setenv("UV_DEFAULT_INDEX", url)
        monkeypatch.setenv("UV_CACHE_DIR", str(tmp_path / "uv-cache"))
        monkeypatch.setenv("UV_PYTHON_DOWNLOADS", "never")
        settings = load(root)
        root = settings.example_root
        materialise(read_guide(settings), root, committed=None, store=store_for(root))
        yield settings


def locked(lock: Path) -> dict[str, str]:
    packages = tomllib.loads(lock.read_text())["package"]
    return {p["name"]: p["version"] for p in packages if p["name"] in {"pkg", "dep"}}


def files(root: Path) -> dict[str, bytes]:
    """Every file of the repository but Sphinx's build folder (a cache)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "_build" not in path.relative_to(root).parts
    }


def line(settings: Settings, where: str) -> str:
    doc, number = where.split(":")
    return (settings.root / doc).read_text().splitlines()[int(number) - 1]


class Recorder:
    """Fakes for the real re-lock and test suite, noting what they saw."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.calls: list[str] = []
        self.seen: dict[str, object] = {}

    def relock(self, root: Path) -> None:
        self.calls.append("relock")
        own = tomllib.loads((root / "pyproject.toml").read_text())
        self.seen["own date at relock"] = own["tool"]["uv"]["exclude-newer"]
        self.seen["docs line at relock"] = line(self.settings, APP_LINE)
        (root / "uv.lock").write_text("version = 1\n")

    def tangle(self, guide: Guide, dest: Path) -> None:
        self.calls.append("tangle")
        tangle_afresh(guide, dest)

    def test(self, root: Path) -> None:
        self.calls.append("test")
        self.seen["docs line at test"] = line(self.settings, APP_LINE)
        self.seen["lock at test"] = locked(self.settings.example_root / "uv.lock")

    def actions(self) -> Actions:
        return Actions(self.relock, self.tangle, self.test)


def refresh(settings: Settings, actions: Actions, day: dt.date) -> int:
    return run_refresh(settings, day, actions, TODAY, progress=lambda _: None)


def test_refresh_moves_the_dates_then_the_locks(
    repo: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    example = repo.example_root
    assert locked(example / "uv.lock") == {"pkg": "1.0"}
    assert locked(example / "tools/uv.lock") == {"pkg": "1.0"}
    recorder = Recorder(repo)

    assert refresh(repo, recorder.actions(), dt.date(2026, 3, 1)) == 0

    new = f'exclude-newer = "{DATE_B}"'
    assert line(repo, APP_LINE) == f"   {new}{COMMENT}"
    assert line(repo, TOOLS_LINE) == new
    assert locked(example / "uv.lock") == {"pkg": "1.1", "dep": "2.0"}
    assert locked(example / "tools/uv.lock") == {"pkg": "1.1", "dep": "2.0"}
    own = (repo.root / "pyproject.toml").read_text()
    assert tomllib.loads(own)["tool"]["uv"]["exclude-newer"] == DATE_B
    assert f"package = false\n{ADDED}{new}\n\n# The next table's" in own
    # The repository first (its own date already moved), then the example,
    # then the docs' sources, then the tests on the finished state.
    assert recorder.calls == ["relock", "tangle", "test"]
    assert recorder.seen == {
        "own date at relock": DATE_B,
        "docs line at relock": f'   exclude-newer = "{DATE_A}"{COMMENT}',
        "docs line at test": f"   {new}{COMMENT}",
        "lock at test": {"pkg": "1.1", "dep": "2.0"},
    }
    out = capsys.readouterr().out
    assert f"{APP_LINE}: {DATE_A} -> {DATE_B}" in out
    assert f"{TOOLS_LINE}: {DATE_A} -> {DATE_B}" in out
    assert f"pyproject.toml:12: (added) -> {DATE_B}" in out
    assert (
        "examples/demo/uv.lock: 2 moved\n    dep 2.0 (new)\n    pkg 1.0 -> 1.1" in out
    )
    assert "Tests: passed" in out
    changed = "pyproject.toml, uv.lock, examples/demo/ (re-tangled), docs/app.rst"
    assert f"Changed: {changed}, docs/tools.md\n" in out
    # The sources on disk and the refreshed example agree.
    _tree, findings = check(read_guide(repo), example)
    assert findings == []


def test_a_second_refresh_to_the_same_date_moves_nothing(
    repo: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    day = dt.date(2026, 3, 1)
    assert refresh(repo, Recorder(repo).actions(), day) == 0
    before = files(repo.root)
    capsys.readouterr()
    assert refresh(repo, Recorder(repo).actions(), day) == 0
    assert files(repo.root) == before
    assert "examples/demo/uv.lock: nothing moved" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (
            "2026-02-30",
            "argument --date: expected a date as YYYY-MM-DD, got '2026-02-30'",
        ),
        ("20260301", "argument --date: expected a date as YYYY-MM-DD"),
        ("2999-01-01", "--date 2999-01-01 is in the future"),
    ],
)
def test_a_bad_date_writes_nothing(
    script_runner: ScriptRunner, repo: Settings, date: str, message: str
) -> None:
    before = files(repo.root)
    result = script_runner.run(["guide", "refresh", "--date", date], cwd=repo.root)
    assert result.returncode == 2
    assert message in result.stderr
    assert files(repo.root) == before


def test_a_pyproject_block_without_exclude_newer_writes_nothing(
    repo: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    tools = repo.root / "docs/tools.md"
    tools.write_text(tools.read_text().replace(f'exclude-newer = "{DATE_A}"\n', ""))
    before = files(repo.root)
    recorder = Recorder(repo)
    assert refresh(repo, recorder.actions(), dt.date(2026, 3, 1)) == 2
    assert "docs/tools.md:5: this tools/pyproject.toml block has no" in (
        capsys.readouterr().err
    )
    assert recorder.calls == []
    assert files(repo.root) == before


def test_a_failing_relock_puts_back_what_it_touched(
    repo: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(repo.root)
    recorder = Recorder(repo)

    def relock(root: Path) -> None:
        recorder.relock(root)  # writes uv.lock, like a half-done uv lock
        raise RuntimeError("`uv lock --upgrade` exited 2")

    actions = Actions(relock, recorder.tangle, recorder.test)
    assert refresh(repo, actions, dt.date(2026, 3, 1)) == 1
    err = capsys.readouterr().err
    assert "re-locking this repository (uv lock --upgrade) failed" in err
    assert "exited 2" in err
    assert "changed before that step (see git diff): nothing" in err
    assert recorder.calls == ["relock"]
    assert files(repo.root) == before


def test_a_failing_tangle_leaves_the_docs_and_the_example(
    repo: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(repo.root)
    recorder = Recorder(repo)

    def tangle(guide: Guide, dest: Path) -> None:
        raise TangleError(None, "`uv lock` exited 1")

    actions = Actions(recorder.relock, tangle, recorder.test)
    assert refresh(repo, actions, dt.date(2026, 3, 1)) == 1
    err = capsys.readouterr().err
    assert "re-tangling the example, resolving its locks afresh failed" in err
    assert "(see git diff): pyproject.toml, uv.lock" in err
    after = files(repo.root)
    moved = {path for path in before | after if before.get(path) != after.get(path)}
    assert moved == {"pyproject.toml", "uv.lock"}


def test_failing_tests_keep_the_refresh_for_review(
    repo: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    recorder = Recorder(repo)

    def test(root: Path) -> None:
        raise RuntimeError("`uv run pytest` exited 1 (report above)")

    actions = Actions(recorder.relock, recorder.tangle, test)
    assert refresh(repo, actions, dt.date(2026, 3, 1)) == 1
    captured = capsys.readouterr()
    assert "Tests: failed" in captured.out
    assert "fail the tests: `uv run pytest` exited 1" in captured.err
    assert locked(repo.example_root / "uv.lock") == {"pkg": "1.1", "dep": "2.0"}
    assert DATE_B in line(repo, APP_LINE)


def test_own_pyproject_moves_an_existing_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(f'[tool.uv]\nexclude-newer = "{DATE_A}"  # why\n[tool.x]\n')
    plan = plan_own(path, DATE_B)
    assert plan.text == f'[tool.uv]\nexclude-newer = "{DATE_B}"  # why\n[tool.x]\n'
    assert plan.edit.describe(tmp_path) == f"pyproject.toml:2: {DATE_A} -> {DATE_B}"


def test_own_pyproject_needs_a_tool_uv_table_header(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool]\nuv.package = false\n")
    with pytest.raises(BadInputError, match=r"no \[tool\.uv\] table header"):
        plan_own(path, DATE_B)


def test_a_block_is_found_despite_trailing_blanks_in_its_source() -> None:
    source = ["Text", "", ".. tangle:file:: pyproject.toml", "", "   [tool.uv]  ", ""]
    source += ['   exclude-newer = "x"', ""]
    where = Location("docs/x.rst", 3)
    assert block_start(source, ["[tool.uv]", "", 'exclude-newer = "x"'], where) == 4


def lock(*packages: tuple[str, str]) -> bytes:
    return "".join(
        f'[[package]]\nname = "{name}"\nversion = "{version}"\n'
        for name, version in packages
    ).encode()


def test_lock_moves_name_added_removed_and_forked_packages() -> None:
    old = lock(("a", "1"), ("b", "1"))
    new = lock(("a", "1"), ("a", "2"), ("c", "3"))
    assert [str(move) for move in moves(old, new)] == [
        "a 1 -> 1, 2",
        "b 1 (removed)",
        "c 3 (new)",
    ]
