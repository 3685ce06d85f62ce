"""Property-based tests of the tangle engine over generated guides.

Hypothesis draws random sequences of create / replace / append / region
blocks and commands that make files, over nested paths with case and
Unicode-normalisation twins, contents with region markers in several comment
syntaxes, Turkish and CJK text, and a few bad paths and contents. For each:

* the tangle equals a small reference model (a dict of path -> content that
  applies each action simply), or both refuse at the same step;
* every refusal is a TangleError naming the failing block's location, never
  another exception;
* writing through :func:`replace_directory` (as the CLI does) leaves the old
  folder untouched on failure, and writes exactly the model's files otherwise;
* a fixed generated guide tangles to the same bytes in two processes with
  different ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from guidekit.tangle import (
    Action,
    CommandStep,
    FileStep,
    Location,
    Step,
    TangleError,
    tangle,
)
from guidekit.tangle.steps import Command, step_to_json
from guidekit.tangle.writer import replace_directory, write_file

# Folder and file names: case twins, NFC/NFD twins, Turkish dotted and dotless
# i, a German sharp s, CJK.
NAMES = [
    "a",
    "A",
    "src",
    "SRC",
    "é",
    "e\u0301",
    "É",
    "ğ",
    "Ğ",
    "ı",
    "I",
    "i",
    "İ",
    "ß",
    "ss",
    "çay.txt",
    "日本",
    "x.py",
    "b.md",
]
# Paths the engine must refuse, whatever came before.
BAD_PATHS = [
    "",
    "/abs",
    "a/../b",
    "a//b",
    "./a",
    "a/",
    "a\\b",
    "CON",
    "nul.txt",
    "a:b",
    "x.",
]
# Pieces of content: plain lines, whole regions, and lone markers.
PIECES = [
    "x = 1",
    "ğüş = 'İı'",
    "",
    "    y = 2",
    "\tz",
    "日本語",
    "# region r1\nx\n# endregion r1",
    "    # region r2\n    a\n\n    # endregion r2",
    "<!-- region h -->\n<p>ş</p>\n<!-- endregion h -->",
    "{# region j #}{# endregion j #}",
    "# region r1",
    "# endregion r1",
    "// region r2",
    "--endregion r2",
    "; region h",
]
REGIONS = ["r1", "r2", "h", "j", "zz"]
# A lone surrogate cannot be encoded: the engine refuses it.
NOT_UTF8 = "x\ud800"
# Marker lines the pieces hold (after indentation): line -> (is_end, name).
MARKERS = {
    f"{opener}{sep}{word} {name}{tail}": (word == "endregion", name)
    for opener, sep, tail in [
        ("#", " ", ""),
        ("<!--", " ", " -->"),
        ("{#", " ", " #}"),
        ("//", " ", ""),
        ("--", "", ""),
        (";", " ", ""),
    ]
    for word in ("region", "endregion")
    for name in REGIONS
}
MARKERS["{# region j #}{# endregion j #}"] = (False, "j")


class RefusedError(Exception):
    """The model refuses the step at ``index``."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


def fold(path: str) -> str:
    """What a case- and normalisation-blind disk sees."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", path).casefold())


def clashes(new: str, old: str) -> bool:
    """Whether two different paths cannot both be on one checkout."""
    if new.startswith(old + "/") or old.startswith(new + "/"):
        return True
    mine, theirs = new.split("/"), old.split("/")
    for depth in range(1, min(len(mine), len(theirs)) + 1):
        a, b = "/".join(mine[:depth]), "/".join(theirs[:depth])
        if a != b:
            return fold(a) == fold(b)
    return False


def markers(text: str) -> list[tuple[int, bool, str]]:
    return [
        (index, *MARKERS[line.strip()])
        for index, line in enumerate(text.splitlines())
        if line.strip() in MARKERS
    ]


def spans(text: str) -> dict[str, tuple[int, int]] | None:
    """Region name -> (open line, close line), or None when malformed."""
    found: dict[str, tuple[int, int]] = {}
    stack: list[tuple[str, int]] = []
    seen: set[str] = set()
    for index, is_end, name in markers(text):
        if not is_end:
            if name in seen:
                return None
            seen.add(name)
            stack.append((name, index))
        elif stack and stack[-1][0] == name:
            found[name] = (stack.pop()[1], index)
        else:
            return None
    return None if stack else found


def with_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def region_model(index: int, content: str, name: str, body: str) -> str:
    """``content`` with region ``name``'s lines replaced by ``body``, indented."""
    where = spans(content)
    if markers(body) or where is None or name not in where:
        raise RefusedError(index)
    start, end = where[name]
    lines = content.splitlines(keepends=True)
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    indented = [
        indent + line if line.strip() else line
        for line in body.splitlines(keepends=True)
    ]
    return "".join([*lines[: start + 1], *indented, *lines[end:]])


def change_model(
    index: int, step: FileStep, text: str, old: tuple[str | None, bool]
) -> tuple[str | None, bool]:
    """What a replace, append or region block makes of an existing file."""
    content, executable = old
    if step.action is Action.REPLACE:
        content = text
    elif content is None:
        raise RefusedError(index)
    elif step.action is Action.APPEND:
        content += text
    else:
        assert step.region is not None
        content = region_model(index, content, step.region, text)
    if step.executable is not None:
        executable = step.executable
    return content, executable


def model(steps: Sequence[Step]) -> dict[str, tuple[str | None, bool]]:
    """Path -> (content, executable) after ``steps``, or :class:`RefusedError`."""
    files: dict[str, tuple[str | None, bool]] = {}

    def new_path(index: int, path: str) -> None:
        if path in BAD_PATHS or any(clashes(path, old) for old in files):
            raise RefusedError(index)

    for index, step in enumerate(steps):
        if isinstance(step, CommandStep):
            for path in step.creates:
                if path not in files:
                    new_path(index, path)
                files[path] = (None, files.get(path, (None, False))[1])
            continue
        assert isinstance(step, FileStep)
        path, action, text = step.path, step.action, with_newline(step.content)
        if path in BAD_PATHS or NOT_UTF8 in text:
            raise RefusedError(index)
        if action is Action.CREATE:
            if path in files:
                raise RefusedError(index)
            new_path(index, path)
            content: str | None = text
            executable = bool(step.executable)
        elif path in files:
            content, executable = change_model(index, step, text, files[path])
        else:
            raise RefusedError(index)
        if content is not None and spans(content) is None:
            raise RefusedError(index)
        files[path] = (content, executable)
    return files


def rarely[T](
    common: st.SearchStrategy[T], rare: st.SearchStrategy[T]
) -> st.SearchStrategy[T]:
    """``rare`` one time in eight, else ``common``: most guides get far."""
    return st.integers(0, 7).flatmap(lambda n: rare if n == 0 else common)


WHOLE = [piece for piece in PIECES if piece.strip() not in MARKERS]
paths = rarely(
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map("/".join),
    st.sampled_from(BAD_PATHS),
)
lines = rarely(st.sampled_from(WHOLE), st.sampled_from(PIECES))
contents = rarely(
    st.one_of(
        st.lists(lines, max_size=5).map("\n".join),
        st.lists(lines, max_size=3).map(lambda p: "\n".join(p) + "\n"),
    ),
    st.just(NOT_UTF8),
)


def accepts(steps: Sequence[Step]) -> bool:
    try:
        model(steps)
    except RefusedError:
        return False
    return True


@st.composite
def one_step(draw: st.DrawFn, index: int, known: list[str]) -> FileStep | CommandStep:
    """A block at position ``index``, mostly on a path used before."""
    at = Location(f"docs/page{index // 4}.rst", index + 1)
    fresh = not known or draw(st.integers(0, 2)) == 0
    path = draw(paths) if fresh else draw(st.sampled_from(known))
    kind = draw(st.sampled_from([*Action, "command"]))
    if kind == "command":
        return CommandStep(at, (Command("$ make", ""),), creates=(path,))
    action = Action(kind)
    return FileStep(
        at,
        path,
        action,
        draw(contents),
        region=draw(st.sampled_from(REGIONS)) if action is Action.REGION else None,
        executable=draw(st.sampled_from([None, True, False])),
    )


@st.composite
def guides(draw: st.DrawFn) -> list[Step]:
    """A random guide, each block one the model accepts (a few tries).

    Now and then a block is drawn freely instead, and may be refused.
    """
    steps: list[Step] = []
    known: list[str] = []
    for index in range(draw(st.integers(1, 16))):
        free = draw(st.integers(0, 7)) == 0
        for _ in range(6):
            step = draw(one_step(index, known))
            if free or accepts([*steps, step]):
                break
        steps.append(step)
        if not accepts(steps):
            break  # nothing after a refused block is read
        known.extend(step.creates if isinstance(step, CommandStep) else [step.path])
    return steps


def on_disk(root: Path) -> dict[str, tuple[bytes, int]]:
    """Relative path -> (bytes, mode) of every file under ``root``."""
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mode)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(guides())
def test_tangle_matches_the_model_and_fails_cleanly(steps: list[Step]) -> None:
    try:
        expected: dict[str, tuple[str | None, bool]] | RefusedError = model(steps)
    except RefusedError as refusal:
        expected = refusal
    event("refused" if isinstance(expected, RefusedError) else "accepted")
    with tempfile.TemporaryDirectory() as scratch:
        dest = Path(scratch) / "example"
        dest.mkdir()
        (dest / "keep.txt").write_text("old\n")

        def fill(tmp: Path) -> None:
            for path, file in tangle(steps).shown().items():
                write_file(tmp, path, file)

        try:
            replace_directory(dest, fill)
        except TangleError as error:
            assert isinstance(expected, RefusedError), f"engine refused: {error}"
            assert error.location == steps[expected.index].location, str(error)
            assert str(error).startswith(f"{error.location}: ")
            assert on_disk(dest) == {
                "keep.txt": (b"old\n", on_disk(dest)["keep.txt"][1])
            }
            assert [p.name for p in Path(scratch).iterdir()] == ["example"]
            return
        assert not isinstance(expected, RefusedError), (
            f"the engine accepted what the model refuses at step {expected.index}:"
            f" {steps[expected.index]}"
        )
        assert tangle(steps).snapshot() == dict(sorted(expected.items()))
        written = on_disk(dest)
        shown = {p: c for p, (c, _) in expected.items() if c is not None}
        assert {p: b for p, (b, _) in written.items()} == {
            p: c.encode() for p, c in shown.items()
        }
        for path, (_, mode) in written.items():
            assert mode & 0o777 == (0o755 if expected[path][1] else 0o644), path


def fixed_guide(size: int = 400) -> list[Step]:
    """A deterministic guide the model accepts, ``size`` blocks long."""
    rng = random.Random(13)
    steps: list[Step] = []
    known: list[str] = []
    while len(steps) < size:
        at = Location(f"docs/page{len(steps) // 20}.rst", len(steps) + 1)
        path = (
            rng.choice(known)
            if known and rng.random() < 0.6
            else "/".join(rng.choices(NAMES, k=rng.randint(1, 3)))
        )
        action = rng.choice(list(Action))
        content = "\n".join(rng.choices(PIECES, k=rng.randint(0, 5)))
        step = FileStep(
            at,
            path,
            action,
            content,
            region=rng.choice(REGIONS) if action is Action.REGION else None,
            executable=rng.choice([None, True, False]),
        )
        try:
            model([*steps, step])
        except RefusedError:
            continue
        steps.append(step)
        known.append(path)
    return steps


WRITE_TREE = """
import json, sys
from pathlib import Path
from guidekit.tangle import tangle
from guidekit.tangle.steps import step_from_json
from guidekit.tangle.writer import replace_directory, write_file
steps = [step_from_json(s) for s in json.load(sys.stdin)]
tree = tangle(steps)
def fill(tmp):
    for path, file in tree.shown().items():
        write_file(tmp, path, file)
replace_directory(Path(sys.argv[1]), fill)
print(json.dumps(list(tree.snapshot().items())))
"""


def test_output_is_identical_across_hash_seeds(tmp_path: Path) -> None:
    steps = fixed_guide()
    payload = json.dumps([step_to_json(step) for step in steps])
    results = []
    for seed in ("1", "2"):
        dest = tmp_path / f"seed{seed}"
        done = subprocess.run(
            [sys.executable, "-c", WRITE_TREE, str(dest)],
            input=payload,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        results.append((done.stdout, on_disk(dest)))
    (listing, files), (other_listing, other_files) = results
    assert len(files) > 20
    assert listing == other_listing
    assert files == other_files


@pytest.mark.parametrize(
    ("first", "second"),
    [("ı/a", "I/b"), ("İ/a", "i/b"), ("ß", "ss")],
    ids=["dotless-i", "dotted-I", "sharp-s"],
)
def test_model_and_engine_agree_on_turkish_and_german_case(
    first: str, second: str
) -> None:
    # Python's casefold is not Turkish-aware: ı/I and İ/i stay apart, while a
    # sharp s folds to "ss"; the model and the engine must agree either way.
    steps: list[Step] = [
        FileStep(Location("docs/a.rst", 1), first, Action.CREATE, "x"),
        FileStep(Location("docs/a.rst", 2), second, Action.CREATE, "y"),
    ]
    try:
        model(steps)
        refused = False
    except RefusedError:
        refused = True
    if refused:
        with pytest.raises(TangleError):
            tangle(steps)
    else:
        assert set(tangle(steps).files) == {first, second}
