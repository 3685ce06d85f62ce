"""The ``guide`` command on a tiny guide, in-process and as a subprocess."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytest_console_scripts import ScriptRunner

SUBCOMMANDS = [
    "build",
    "serve",
    "tangle",
    "run",
    "check",
    "blame",
    "catalogs",
    "stat",
    "refresh",
]


@pytest.mark.script_launch_mode("both")
def test_help(script_runner: ScriptRunner) -> None:
    result = script_runner.run(["guide", "--help"])
    assert result.success
    for name in SUBCOMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(script_runner: ScriptRunner, name: str) -> None:
    result = script_runner.run(["guide", name, "--help"])
    assert result.success
    assert result.stdout.startswith(f"usage: guide {name}")


def test_unknown_subcommand_is_a_usage_error(script_runner: ScriptRunner) -> None:
    result = script_runner.run(["guide", "frobnicate"])
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr


@pytest.mark.script_launch_mode("both")
def test_tangle_writes_the_final_state(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    result = script_runner.run(["guide", "tangle"], cwd=minirepo)
    assert result.success, result.stderr
    demo = minirepo / "examples/demo"
    assert (demo / "bin/hello.sh").read_text() == (
        '#!/bin/sh\n# region greeting\necho "hello, world"\n# endregion greeting\n'
    )
    assert (demo / "bin/hello.sh").stat().st_mode & 0o777 == 0o755
    assert (demo / "pkg/calc.py").read_text().endswith("return 3 * value\n")
    assert (demo / "notes.txt").read_text() == "made by a command\n"
    assert sorted(
        p.relative_to(demo).as_posix() for p in demo.rglob("*") if p.is_file()
    ) == [
        "bin/hello.sh",
        "notes.txt",
        "pkg/calc.py",
    ]


def test_two_tangles_are_byte_identical(
    script_runner: ScriptRunner, minirepo: Path, tmp_path: Path
) -> None:
    for name in ("first", "second"):
        result = script_runner.run(
            ["guide", "tangle", str(tmp_path / name)], cwd=minirepo
        )
        assert result.success, result.stderr

    def listing(root: Path) -> list[tuple[str, bytes, int]]:
        return [
            (p.relative_to(root).as_posix(), p.read_bytes(), p.stat().st_mode)
            for p in sorted(root.rglob("*"))
            if p.is_file()
        ]

    assert listing(tmp_path / "first") == listing(tmp_path / "second")


def test_tangle_upto_a_checkpoint(
    script_runner: ScriptRunner, minirepo: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "at-one"
    result = script_runner.run(
        ["guide", "tangle", "--upto", "one", str(dest)], cwd=minirepo
    )
    assert result.success, result.stderr
    assert "echo hello\n" in (dest / "bin/hello.sh").read_text()
    assert not (dest / "notes.txt").exists()


def test_unknown_checkpoint(
    script_runner: ScriptRunner, minirepo: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "nowhere"
    result = script_runner.run(
        ["guide", "tangle", "--upto", "three", str(dest)], cwd=minirepo
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "unknown checkpoint 'three' (known: one, two)"
    )
    assert not dest.exists()


def test_check_passes_then_reports_drift(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    assert script_runner.run(["guide", "tangle"], cwd=minirepo).success
    assert script_runner.run(["guide", "check"], cwd=minirepo).success
    tangled = minirepo / "examples/demo/pkg/calc.py"
    tangled.write_text(tangled.read_text() + "# edited by hand\n")
    result = script_runner.run(["guide", "check"], cwd=minirepo)
    assert result.returncode == 1
    assert (
        "demo/pkg/calc.py differs from what the guide writes"
        " (written at docs/one.rst:16, docs/two.rst:15)"
    ) in result.stdout


def test_check_reports_a_wrong_executable_bit(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    assert script_runner.run(["guide", "tangle"], cwd=minirepo).success
    (minirepo / "examples/demo/bin/hello.sh").chmod(0o644)
    result = script_runner.run(["guide", "check"], cwd=minirepo)
    assert result.returncode == 1
    assert "demo/bin/hello.sh has the wrong executable bit" in result.stdout


def test_check_reports_orphans(script_runner: ScriptRunner, minirepo: Path) -> None:
    assert script_runner.run(["guide", "tangle"], cwd=minirepo).success
    (minirepo / "examples/demo/stray.py").write_text("x = 1\n")
    (minirepo / "examples/demo/.venv").mkdir()
    (minirepo / "examples/demo/.venv/ignored").write_text("tool cache\n")
    result = script_runner.run(["guide", "check"], cwd=minirepo)
    assert result.returncode == 1
    assert "demo/stray.py is not written by any block (orphan)" in result.stdout
    assert ".venv" not in result.stdout


def test_check_reports_a_missing_file(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    assert script_runner.run(["guide", "tangle"], cwd=minirepo).success
    (minirepo / "examples/demo/notes.txt").unlink()
    result = script_runner.run(["guide", "check"], cwd=minirepo)
    assert result.returncode == 1
    assert "demo/notes.txt is missing (written at docs/two.rst:37)" in result.stdout


def test_blame(script_runner: ScriptRunner, minirepo: Path) -> None:
    result = script_runner.run(["guide", "blame", "bin/hello.sh"], cwd=minirepo)
    assert result.success
    assert result.stdout.split() == ["docs/one.rst:6", "docs/two.rst:6"]
    result = script_runner.run(["guide", "blame", "nope.txt"], cwd=minirepo)
    assert result.returncode == 1
    assert "nope.txt: no block writes this file" in result.stderr


def test_run_replays_commands_and_doctests(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    result = script_runner.run(["guide", "run", "--tiers", ""], cwd=minirepo)
    assert result.success, result.stderr
    assert "$ sh bin/hello.sh" in result.stderr
    assert "doctest at docs/two.rst" in result.stderr


def test_run_reports_wrong_output(script_runner: ScriptRunner, minirepo: Path) -> None:
    one = minirepo / "docs/one.rst"
    one.write_text(one.read_text().replace("   hello\n", "   goodbye\n"))
    result = script_runner.run(["guide", "run"], cwd=minirepo)
    assert result.returncode == 1
    assert "docs/one.rst:23: `sh bin/hello.sh` printed something else:" in result.stderr
    assert "-goodbye\n+hello" in result.stderr


def test_run_reports_a_failing_doctest(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    two = minirepo / "docs/two.rst"
    two.write_text(two.read_text().replace(">>> triple(2)\n6", ">>> triple(2)\n7"))
    result = script_runner.run(["guide", "run"], cwd=minirepo)
    assert result.returncode == 1
    assert "docs/two.rst:" in result.stderr
    assert "doctest failed" in result.stderr


def test_run_catches_a_command_that_rewrites_a_shown_file(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    two = minirepo / "docs/two.rst"
    two.write_text(
        two.read_text().replace(
            "   $ printf 'made by a command\\n' > notes.txt\n",
            "   $ printf 'made by a command\\n' > notes.txt\n"
            "   $ echo '# sneaky' >> pkg/calc.py\n",
        )
    )
    result = script_runner.run(["guide", "run"], cwd=minirepo)
    assert result.returncode == 1
    assert (
        "pkg/calc.py on disk differs from the guide at this checkpoint"
        " (a command changed it; last written at docs/two.rst:15)"
    ) in result.stderr


def test_missing_setting_names_variable_and_file(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    env_file = minirepo / "conf/guide.env"
    env_file.write_text(
        "\n".join(
            line
            for line in env_file.read_text().splitlines()
            if "EXAMPLE_ROOT" not in line
        )
    )
    result = script_runner.run(
        ["guide", "check"], cwd=minirepo, env={**os.environ, "GUIDE_EXAMPLE_ROOT": ""}
    )
    assert result.returncode == 3
    assert result.stderr.strip() == (
        f"guide: {env_file}: GUIDE_EXAMPLE_ROOT is not set (there are no defaults)"
    )


def test_empty_setting_names_its_line(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    env_file = minirepo / "conf/guide.env"
    env_file.write_text(
        env_file.read_text().replace(
            "GUIDE_BASE_URL=https://example.invalid/", "GUIDE_BASE_URL="
        )
    )
    result = script_runner.run(["guide", "blame", "x"], cwd=minirepo)
    assert result.returncode == 3
    assert result.stderr.strip() == (
        f"guide: {env_file}:1: GUIDE_BASE_URL is empty (there are no defaults)"
    )


def test_unparsable_setting_line(script_runner: ScriptRunner, minirepo: Path) -> None:
    env_file = minirepo / "conf/guide.env"
    env_file.write_text(env_file.read_text() + "this is not a setting\n")
    result = script_runner.run(["guide", "blame", "x"], cwd=minirepo)
    assert result.returncode == 3
    assert result.stderr.strip() == (
        f"guide: {env_file}:6: cannot parse 'this is not a setting'; write NAME=value"
    )
