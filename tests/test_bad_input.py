"""Each kind of bad input: one clear error naming file:line, nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pytest_console_scripts import ScriptRunner


def add_chapter(repo: Path, body: bytes) -> None:
    """Append chapter ``bad`` (title on lines 1-2, body from line 4)."""
    (repo / "docs/bad.rst").write_bytes(b"Bad\n===\n\n" + body)
    index = repo / "docs/index.rst"
    index.write_text(index.read_text() + "   bad\n")


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        + oct(p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


CASES = {
    "absolute path": (
        b".. tangle:file:: /etc/motd\n\n   hi\n",
        "docs/bad.rst:4: WARNING: path '/etc/motd' is absolute",
    ),
    "dot-dot": (
        b".. tangle:file:: pkg/../../x\n\n   hi\n",
        "docs/bad.rst:4: WARNING: path 'pkg/../../x' contains '..'",
    ),
    "create of existing": (
        b".. tangle:file:: pkg/calc.py\n\n   x = 1\n",
        "docs/bad.rst:4: WARNING: create: pkg/calc.py already exists"
        " (written at docs/two.rst:15); use :action: replace",
    ),
    "append to missing": (
        b".. tangle:file:: missing.txt\n   :action: append\n\n   more\n",
        "docs/bad.rst:4: WARNING: append: missing.txt does not exist yet",
    ),
    "replace of missing": (
        b".. tangle:file:: missing.txt\n   :action: replace\n\n   more\n",
        "docs/bad.rst:4: WARNING: replace: missing.txt does not exist yet",
    ),
    "missing region": (
        b".. tangle:file:: bin/hello.sh\n   :action: region\n   :region: farewell\n\n"
        b"   echo bye\n",
        "docs/bad.rst:4: WARNING: region 'farewell' not found in bin/hello.sh"
        " (regions there: greeting)",
    ),
    "case collision": (
        b".. tangle:file:: PKG/calc.py\n\n   x = 1\n",
        "docs/bad.rst:4: WARNING: folder PKG/ of PKG/calc.py differs only in case"
        " or Unicode normalisation from folder pkg/ of pkg/calc.py",
    ),
    "the example root as a target": (
        b".. tangle:file:: .\n\n   hi\n",
        "docs/bad.rst:4: WARNING: path '.' names the example root, not a file",
    ),
    "an over-long name": (
        b".. tangle:file:: " + b"x" * 256 + b".txt\n\n   hi\n",
        "is longer than 255 bytes",
    ),
    "a file block inside only": (
        b".. only:: latex\n\n   .. tangle:file:: pdf.txt\n\n      for print\n",
        "docs/bad.rst:6: WARNING: tangle blocks and doctests cannot sit inside"
        " `.. only::`",
    ),
    "a doctest inside only": (
        b".. only:: html\n\n   >>> 1 + 1\n   2\n",
        "docs/bad.rst:6: WARNING: tangle blocks and doctests cannot sit inside",
    ),
    "a checkpoint inside only": (
        b".. only:: html\n\n   .. tangle:checkpoint:: bad\n",
        "docs/bad.rst:6: WARNING: tangle blocks and doctests cannot sit inside",
    ),
    "a tab in a reST file block": (
        b".. tangle:file:: Makefile\n\n   all:\n   \techo hi\n",
        "docs/bad.rst:4: ERROR: Makefile: line 7 holds a tab, which reST turns into"
        " spaces; put this block in a MyST (.md) page",
    ),
    "trailing whitespace in a reST file block": (
        b".. tangle:file:: a.txt\n\n   a  \n   b\n",
        "docs/bad.rst:4: ERROR: a.txt: line 6 ends with whitespace",
    ),
    "a Windows device name": (
        b".. tangle:file:: aux.py\n\n   hi\n",
        "docs/bad.rst:4: WARNING: path 'aux.py': 'aux.py' is a reserved device name",
    ),
    "not UTF-8": (
        b"Some text.\n\n.. tangle:file:: x.txt\n\n   caf\xe9\n",
        "docs/bad.rst:8: not valid UTF-8 (byte 0xe9); save the file as UTF-8",
    ),
    "unclassified block": (
        b"A plain literal block::\n\n   echo untested\n",
        "docs/bad.rst:6: WARNING: literal block is not tangled, run or marked"
        " illustrative",
    ),
    "unclassified code-block": (
        b".. code-block:: python\n\n   print('untested')\n",
        "docs/bad.rst:4: WARNING: literal block is not tangled",
    ),
    "illustration without reason": (
        b".. tangle:illustration:: text\n\n   a tree\n",
        "docs/bad.rst:4: ERROR: an illustration needs a :reason:",
    ),
    "region without action": (
        b".. tangle:file:: bin/hello.sh\n   :region: greeting\n\n   echo\n",
        "docs/bad.rst:4: ERROR: :region: NAME goes with :action: region",
    ),
    "command without prompt": (
        b".. tangle:command::\n\n   ls\n",
        "docs/bad.rst:4: ERROR: a command block starts with a '$ ' prompt line",
    ),
    "unknown tier": (
        b".. tangle:command::\n   :needs: cloud\n\n   $ ls\n",
        "unknown tier 'cloud'",
    ),
    "unknown normalizer": (
        b".. tangle:command::\n   :normalize: uuid\n\n   $ ls\n",
        "docs/bad.rst:4: ERROR: unknown normalizer 'uuid'; conf.py declares: duration",
    ),
    "reuses what it does not create": (
        b".. tangle:command::\n   :creates: a.lock\n   :reuses: b.lock\n\n"
        b"   $ touch a.lock\n",
        "docs/bad.rst:4: ERROR: :reuses: names b.lock, which :creates: does not list",
    ),
    "a placeholder in a command": (
        b".. tangle:command::\n\n   $ git clone <your-fork>\n",
        "docs/bad.rst:4: ERROR: `git clone <your-fork>` holds the placeholder"
        " '<your-fork>': a command the tests run must run as the reader copies it",
    ),
    "an ellipsis in a command": (
        b".. tangle:command::\n\n   $ ls ...\n",
        "docs/bad.rst:4: ERROR: `ls ...` holds the placeholder '...'",
    ),
    "output that the copy button takes for a command": (
        b".. tangle:command::\n\n   $ printf '>>> hi\\n'\n   >>> hi\n",
        "docs/bad.rst:4: ERROR: the copy button would copy other text than the"
        " commands the tests run",
    ),
    "a served URL off this machine": (
        b".. tangle:command::\n   :serves: http://example.org/ 200\n\n   $ serve\n",
        'docs/bad.rst:4: ERROR: Error in "tangle:command" directive:\ninvalid'
        " option value: (option: \"serves\"; value: 'http://example.org/ 200')\n"
        "'http://example.org/' is not an http URL on 127.0.0.1 or localhost.",
    ),
    "a served URL without a status": (
        b".. tangle:command::\n   :serves: http://127.0.0.1:8000/ ok\n\n   $ serve\n",
        "needs an HTTP status after the URL",
    ),
    "two commands that serve": (
        b".. tangle:command::\n   :serves: http://127.0.0.1:8000/ 200\n\n"
        b"   $ serve\n   $ serve again\n",
        "docs/bad.rst:4: ERROR: :serves: takes one command and no output lines",
    ),
    "a served command that makes files": (
        b".. tangle:command::\n   :serves: http://127.0.0.1:8000/ 200\n"
        b"   :creates: db.sqlite3\n\n   $ serve\n",
        "docs/bad.rst:4: ERROR: :serves: cannot be combined with :creates:",
    ),
    "duplicate checkpoint": (
        b".. tangle:checkpoint:: one\n",
        "docs/bad.rst:4: WARNING: checkpoint 'one' already defined at docs/one.rst:28",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input(script_runner: ScriptRunner, minirepo: Path, case: str) -> None:
    assert script_runner.run(["guide", "tangle"], cwd=minirepo).success
    before = snapshot(minirepo / "examples")
    body, message = CASES[case]
    add_chapter(minirepo, body)
    result = script_runner.run(["guide", "tangle"], cwd=minirepo)
    assert result.returncode == 1
    assert message in result.stderr
    errors = [line for line in result.stderr.splitlines() if "docs/" in line]
    assert len(errors) == 1, result.stderr
    assert snapshot(minirepo / "examples") == before


def test_symlink_out_of_the_example(
    script_runner: ScriptRunner, minirepo: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    add_chapter(
        minirepo,
        f".. tangle:command::\n\n   $ ln -s {outside} out\n\n"
        ".. tangle:file:: out/x.txt\n\n   escaped\n".encode(),
    )
    replay = tmp_path / "replay"
    result = script_runner.run(["guide", "run", "--keep", str(replay)], cwd=minirepo)
    assert result.returncode == 1
    assert (
        "docs/bad.rst:8: path 'out/x.txt' resolves outside the example root"
        " through a symlink"
    ) in result.stderr
    assert list(outside.iterdir()) == []
