"""The tangle core on its own: steps in, tree out, errors with locations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guidekit.tangle import (
    Action,
    CheckpointStep,
    CommandStep,
    FileStep,
    Location,
    TangleError,
    tangle,
)
from guidekit.tangle.engine import Tangler, steps_upto
from guidekit.tangle.paths import check_inside
from guidekit.tangle.replay import ReplayOptions, replay
from guidekit.tangle.steps import (
    Command,
    DoctestStep,
    Step,
    step_from_json,
    step_to_json,
)
from guidekit.tangle.writer import replace_directory, write_file

AT = Location("docs/a.rst", 3)


def put(
    path: str, content: str, action: Action = Action.CREATE, **extra: object
) -> FileStep:
    return FileStep(AT, path, action, content, **extra)  # type: ignore[arg-type]


def test_create_replace_append_region() -> None:
    tree = tangle(
        [
            put("a.py", "# region body\nx = 1\n# endregion body\ny = 2"),
            put("a.py", "x = 10", Action.REGION, region="body"),
            put("a.py", "z = 3", Action.APPEND),
            put("b.txt", "old"),
            put("b.txt", "new", Action.REPLACE),
        ]
    )
    assert tree.files["a.py"].content == (
        "# region body\nx = 10\n# endregion body\ny = 2\nz = 3\n"
    )
    assert tree.files["b.txt"].content == "new\n"
    assert [str(o) for o in tree.files["a.py"].owners] == ["docs/a.rst:3"] * 3


def test_region_markers_in_other_comment_syntaxes() -> None:
    html = "<ul>\n{# region items #}\n<li>a</li>\n{# endregion items #}\n</ul>"
    tree = tangle(
        [
            put("t.html", html),
            put("t.html", "<li>b</li>", Action.REGION, region="items"),
        ]
    )
    assert "<li>b</li>" in (tree.files["t.html"].content or "")
    assert "<li>a</li>" not in (tree.files["t.html"].content or "")


def test_region_inside_an_indented_block_keeps_its_indentation() -> None:
    source = "APPS = [\n    # region apps\n    'a',\n    # endregion apps\n]"
    tree = tangle(
        [put("s.py", source), put("s.py", "'a',\n\n'b',", Action.REGION, region="apps")]
    )
    assert tree.files["s.py"].content == (
        "APPS = [\n    # region apps\n    'a',\n\n    'b',\n    # endregion apps\n]\n"
    )


def test_executable_bit_is_set_and_kept() -> None:
    tree = tangle(
        [
            put("run.sh", "echo", executable=True),
            put("run.sh", "echo 2", Action.REPLACE),
        ]
    )
    assert tree.files["run.sh"].executable is True
    tree = tangle(
        [
            put("run.sh", "echo", executable=True),
            put("run.sh", "echo 2", Action.REPLACE, executable=False),
        ]
    )
    assert tree.files["run.sh"].executable is False


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/etc/passwd", "docs/a.rst:3: path '/etc/passwd' is absolute"),
        ("a/../../x", "docs/a.rst:3: path 'a/../../x' contains '..'"),
        ("a//b", "docs/a.rst:3: path 'a//b' is not normalised; write a/b"),
        ("./a", "docs/a.rst:3: path './a' is not normalised; write a"),
        ("a\\b", "docs/a.rst:3: path 'a\\\\b' uses '\\'; write it with '/'"),
        (".", "docs/a.rst:3: path '.' names the example root, not a file"),
        ("x/CON", "docs/a.rst:3: path 'x/CON': 'CON' is a reserved device name"),
        ("nul.txt", "docs/a.rst:3: path 'nul.txt': 'nul.txt' is a reserved device"),
        ("Com1.py", "docs/a.rst:3: path 'Com1.py': 'Com1.py' is a reserved device"),
        ("a./b", "docs/a.rst:3: path 'a./b': 'a.' ends with a dot or a space"),
        ("a ", "docs/a.rst:3: path 'a ': 'a ' ends with a dot or a space"),
        ("a?b", "docs/a.rst:3: path 'a?b': 'a?b' contains '?', which Windows"),
        ("a:b", "docs/a.rst:3: path 'a:b': 'a:b' contains ':', which Windows"),
        ('a"b', "docs/a.rst:3: path 'a\"b': 'a\"b' contains '\"', which Windows"),
        ("a\tb", "docs/a.rst:3: path 'a\\tb': 'a\\tb' contains '\\t', which"),
        ("x" * 256, f"docs/a.rst:3: path '{'x' * 256}': '{'x' * 256}' is longer than"),
        ("é" * 128, f"docs/a.rst:3: path '{'é' * 128}': '{'é' * 128}' is longer than"),
    ],
)
def test_bad_paths(path: str, message: str) -> None:
    with pytest.raises(TangleError) as caught:
        tangle([put(path, "x")])
    assert str(caught.value).startswith(message)


def test_create_of_existing_file() -> None:
    second = FileStep(Location("docs/b.rst", 9), "a.py", Action.CREATE, "y")
    with pytest.raises(TangleError) as caught:
        tangle([put("a.py", "x"), second])
    assert str(caught.value) == (
        "docs/b.rst:9: create: a.py already exists (written at docs/a.rst:3);"
        " use :action: replace"
    )


@pytest.mark.parametrize("action", [Action.REPLACE, Action.APPEND])
def test_change_of_missing_file(action: Action) -> None:
    with pytest.raises(TangleError) as caught:
        tangle([put("a.py", "x", action)])
    assert str(caught.value) == (
        f"docs/a.rst:3: {action}: a.py does not exist yet; use :action: create"
    )


def test_missing_region() -> None:
    with pytest.raises(TangleError) as caught:
        tangle(
            [
                put("a.py", "# region one\n# endregion one"),
                put("a.py", "x", Action.REGION, region="two"),
            ]
        )
    assert str(caught.value) == (
        "docs/a.rst:3: region 'two' not found in a.py (regions there: one)"
    )


def test_paths_differing_only_in_case() -> None:
    with pytest.raises(TangleError) as caught:
        tangle([put("README.md", "x"), put("readme.md", "y")])
    assert (
        "readme.md differs only in case or Unicode normalisation from README.md"
        in str(caught.value)
    )


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (
            "docs/a.txt",
            "Docs/b.txt",
            "folder Docs/ of Docs/b.txt differs only in case or Unicode"
            " normalisation from folder docs/ of docs/a.txt",
        ),
        (
            "caf\u00e9.txt",
            "cafe\u0301.txt",
            "caf\u0065\u0301.txt differs only in case or Unicode normalisation"
            " from caf\u00e9.txt",
        ),
        (
            "\u00e9t\u00e9/a",
            "E\u0301TE\u0301/b",
            "folder E\u0301TE\u0301/ of E\u0301TE\u0301/b differs only",
        ),
    ],
    ids=["folder-case", "nfc-nfd", "folder-case-and-nfd"],
)
def test_names_a_case_or_normalisation_blind_disk_merges(
    first: str, second: str, message: str
) -> None:
    with pytest.raises(TangleError, match=re.escape(message)):
        tangle([put(first, "x"), put(second, "y")])


def test_file_and_folder_of_the_same_name() -> None:
    with pytest.raises(TangleError, match=r"cannot both exist \(file vs folder\)"):
        tangle([put("a", "x"), put("a/b", "y")])


def test_content_that_is_not_utf8() -> None:
    # Undecodable bytes reach Python as lone surrogates (surrogateescape).
    with pytest.raises(TangleError) as caught:
        tangle([put("a.txt", "caf\udce9")])
    assert str(caught.value).startswith(
        "docs/a.rst:3: content of a.txt is not valid UTF-8"
    )


def test_checkpoints() -> None:
    steps: list[Step] = [
        put("a", "1"),
        CheckpointStep(AT, "first"),
        put("a", "2", Action.REPLACE),
        CheckpointStep(AT, "second"),
    ]
    assert tangle(steps, upto="first").files["a"].content == "1\n"
    assert tangle(steps).files["a"].content == "2\n"
    with pytest.raises(TangleError) as caught:
        steps_upto(steps, "third")
    assert str(caught.value) == "unknown checkpoint 'third' (known: first, second)"
    with pytest.raises(TangleError, match=r"checkpoint 'first' already defined at"):
        tangle([*steps, CheckpointStep(Location("docs/z.rst", 1), "first")])


def test_generated_files_are_owned_by_their_command() -> None:
    make_lock = CommandStep(
        Location("docs/c.rst", 4), (Command("uv lock", ""),), creates=("uv.lock",)
    )
    tree = tangle([make_lock])
    assert tree.files["uv.lock"].generated
    assert tree.shown() == {}
    with pytest.raises(TangleError, match=r"made by a command at docs/c\.rst:4"):
        tangle([make_lock, put("uv.lock", "x", Action.APPEND)])
    replaced = tangle([make_lock, put("uv.lock", "x", Action.REPLACE)])
    assert replaced.files["uv.lock"].content == "x\n"


def test_symlink_out_of_the_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "escape").symlink_to(tmp_path)
    with pytest.raises(TangleError) as caught:
        check_inside(root, "escape/x.txt", AT)
    assert str(caught.value).startswith(
        "docs/a.rst:3: path 'escape/x.txt' resolves outside the example root"
    )


def test_steps_round_trip_through_json() -> None:
    steps: list[Step] = [
        put("a.py", "x", executable=True),
        CommandStep(
            AT,
            (Command("ls", "a.py"),),
            needs=frozenset({"network"}),
            creates=("b", "c"),
            reuses=("c",),
            normalize=("duration",),
            returncode=2,
            hide_output=True,
        ),
        DoctestStep(AT, ">>> 1\n1\n"),
        CheckpointStep(AT, "end"),
    ]
    again = [step_from_json(json.loads(json.dumps(step_to_json(s)))) for s in steps]
    assert again == steps


def _write(tree_steps: list[FileStep], dest: Path) -> None:
    tree = tangle(tree_steps)

    def fill(tmp: Path) -> None:
        for path, file in tree.shown().items():
            write_file(tmp, path, file)

    replace_directory(dest, fill)


def test_writing_is_deterministic(tmp_path: Path) -> None:
    steps = [put("b/run.sh", "echo", executable=True), put("a.txt", "é")]
    _write(steps, tmp_path / "one")
    _write(steps, tmp_path / "two")
    for name in ("b/run.sh", "a.txt"):
        one, two = tmp_path / "one" / name, tmp_path / "two" / name
        assert one.read_bytes() == two.read_bytes()
        assert one.stat().st_mode == two.stat().st_mode
    assert (tmp_path / "one/b/run.sh").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "one/a.txt").stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_the_old_tree(tmp_path: Path) -> None:
    dest = tmp_path / "example"
    _write([put("keep.txt", "old")], dest)

    def explode(tmp: Path) -> None:
        (tmp / "half.txt").write_text("half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        replace_directory(dest, explode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example"]
    assert [p.name for p in dest.iterdir()] == ["keep.txt"]


def test_tangler_keeps_state_between_steps() -> None:
    tangler = Tangler()
    tangler.apply(put("a", "1"))
    tangler.apply(DoctestStep(AT, ">>> 1\n1\n"))
    assert tangler.tree.files["a"].content == "1\n"


@pytest.mark.parametrize(
    ("committed_lock", "expected"),
    [("pinned\n", "pinned\n"), (None, "resolved today\n")],
    ids=["committed copy kept", "not committed yet"],
)
def test_reused_file_comes_from_the_committed_example(
    tmp_path: Path, committed_lock: str | None, expected: str
) -> None:
    # The "lock" command keeps an existing file, as `uv lock` keeps its pins.
    lock = CommandStep(
        AT,
        (Command("test -f app.lock || echo 'resolved today' > app.lock", ""),),
        creates=("app.lock",),
        reuses=("app.lock",),
    )
    committed = tmp_path / "committed"
    committed.mkdir()
    if committed_lock is not None:
        (committed / "app.lock").write_text(committed_lock)
    reader = tmp_path / "reader"
    reader.mkdir()
    replay([lock], reader, ReplayOptions(committed=committed))
    assert (reader / "app.lock").read_text() == expected


def test_reuse_without_a_committed_tree_resolves_afresh(tmp_path: Path) -> None:
    lock = CommandStep(
        AT,
        (Command("echo fresh > app.lock", ""),),
        creates=("app.lock",),
        reuses=("app.lock",),
    )
    replay([lock], tmp_path, ReplayOptions(committed=None))
    assert (tmp_path / "app.lock").read_text() == "fresh\n"


# Region edits: one rule, checked on every write (see regions.py).
@pytest.mark.parametrize(
    ("source", "body", "message"),
    [
        (
            "# region a\nx\n# endregion a\n# region a\ny\n# endregion a",
            "z",
            "region 'a' appears twice in r.py",
        ),
        (
            "# region a\n# region a\nx\n# endregion a\n# endregion a",
            "z",
            "region 'a' appears twice in r.py",
        ),
        (
            'S = """\n# region a\n"""\n# region a\nx\n# endregion a',
            "z",
            "region 'a' appears twice in r.py",
        ),
        (
            "# region a\nx\n# endregion a",
            "y\n# endregion a\nz",
            "the body of region 'a' holds a marker line (endregion a",
        ),
        (
            "# region a\nx\n# endregion a",
            "# region b\ny\n# endregion b",
            "the body of region 'a' holds a marker line (region b",
        ),
    ],
    ids=["twice", "nested-same-name", "in-string-literal", "own-end", "other-marker"],
)
def test_region_edits_that_would_corrupt_are_refused(
    source: str, body: str, message: str
) -> None:
    tangler = Tangler()
    with pytest.raises(TangleError, match=re.escape(message)) as caught:
        tangler.apply(put("r.py", source))
        tangler.apply(put("r.py", body, Action.REGION, region="a"))
    assert str(caught.value).startswith("docs/a.rst:3: ")


def test_overlapping_or_unclosed_regions_are_refused() -> None:
    for source, message in [
        ("# region a\n# region b\n# endregion a\n# endregion b", "regions must nest"),
        ("# region a\nx", "region 'a' opened at r.py line 1 never ends"),
        ("# endregion a", "'endregion a' at r.py line 1 does not close"),
    ]:
        with pytest.raises(TangleError, match=re.escape(message)):
            tangle([put("r.py", source)])


def run_step(line: str) -> CommandStep:
    return CommandStep(Location("docs/a.rst", 9), (Command(line, ""),))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "echo more >> a.txt",
            "docs/a.rst:9: a.txt on disk differs from the guide after the last step",
        ),
        (
            "chmod +x a.txt",
            "docs/a.rst:9: a.txt on disk has another executable bit than the guide"
            " shows (not executable) after the last step",
        ),
    ],
    ids=["content", "mode"],
)
def test_a_command_may_not_change_a_shown_file_even_without_a_checkpoint(
    tmp_path: Path, line: str, message: str
) -> None:
    steps: list[Step] = [put("a.txt", "shown"), run_step(line)]
    with pytest.raises(TangleError, match=re.escape(message)):
        replay(steps, tmp_path, ReplayOptions(run_all=True))


def test_a_checkpoint_checks_the_executable_bit(tmp_path: Path) -> None:
    steps: list[Step] = [
        put("a.sh", "echo", executable=True),
        run_step("chmod -x a.sh"),
        CheckpointStep(Location("docs/a.rst", 12), "one"),
    ]
    with pytest.raises(TangleError, match=r"docs/a.rst:12: a.sh .* executable bit"):
        replay(steps, tmp_path, ReplayOptions(run_all=True))


@pytest.mark.parametrize(
    ("line", "path"), [("mkdir d", "d"), ("touch d", "d/x.txt")], ids=["dir", "file"]
)
def test_writing_where_a_command_made_something_else(
    tmp_path: Path, line: str, path: str
) -> None:
    steps: list[Step] = [run_step(line), put(path, "x")]
    with pytest.raises(TangleError, match=f"docs/a.rst:3: cannot write {path}: "):
        replay(steps, tmp_path, ReplayOptions(run_all=True))


def test_a_clash_names_the_first_file_written_under_the_other_spelling() -> None:
    # The collision checks look names up by their folded form; among several
    # files that clash, the message still names the first one written.
    with pytest.raises(TangleError) as caught:
        tangle([put("A/y", "1"), put("A/b/z", "2"), put("q", "3"), put("a/b/c", "4")])
    assert "from folder A/ of A/y (written at docs/a.rst:3)" in str(caught.value)
    with pytest.raises(TangleError, match=r"a/b and a/b/c cannot both exist"):
        tangle([put("a/b/c", "1"), put("a/b/d", "2"), put("a/b", "3")])
    with pytest.raises(TangleError, match=r"a/b/c and a/b cannot both exist"):
        tangle([put("a/x", "1"), put("a/b", "2"), put("a/b/c", "3")])
