"""The local package index: uv locks against it and honours exclude-newer."""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
import urllib.request
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.local_index import JSON_TYPE, make_wheel, serve_index

BEFORE_A = datetime(2026, 1, 10, tzinfo=UTC)
DATE_A = "2026-02-01T00:00:00Z"
BETWEEN = datetime(2026, 2, 10, tzinfo=UTC)
DATE_B = "2026-03-01T00:00:00Z"

PYPROJECT = """\
[project]
name = "app"
version = "0.1.0"
requires-python = ">=3.13"
dependencies = ["pkg"]

[tool.uv]
package = false
exclude-newer = "{date}"
"""
PRINT_VERSION = "import pkg; print(pkg.__version__)"


@pytest.fixture
def wheels(tmp_path: Path) -> tuple[Path, dict[str, datetime]]:
    """pkg 1.0 uploaded before A; pkg 1.1 (needing dep) and dep 2.0 after it."""
    folder = tmp_path / "wheels"
    times = {
        make_wheel(folder, "pkg", "1.0").name: BEFORE_A,
        make_wheel(folder, "pkg", "1.1", ["dep>=2"]).name: BETWEEN,
        make_wheel(folder, "dep", "2.0").name: BETWEEN,
    }
    return folder, times


def uv(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    # A private cache: nothing from another test's index or the real one.
    env |= {"UV_CACHE_DIR": str(project / ".cache"), "UV_PYTHON_DOWNLOADS": "never"}
    return subprocess.run(
        ["uv", *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def locked(project: Path) -> dict[str, str]:
    lock = tomllib.loads((project / "uv.lock").read_text())
    return {p["name"]: p["version"] for p in lock["package"] if p["name"] != "app"}


def test_make_wheel_writes_a_consistent_wheel(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, "My_Pkg", "2.0", ["dep>=1"])
    assert wheel.name == "my_pkg-2.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read("my_pkg-2.0.dist-info/METADATA").decode()
        record = archive.read("my_pkg-2.0.dist-info/RECORD").decode()
    assert names == {
        "my_pkg/__init__.py",
        "my_pkg-2.0.dist-info/METADATA",
        "my_pkg-2.0.dist-info/WHEEL",
        "my_pkg-2.0.dist-info/RECORD",
    }
    assert "Name: My_Pkg\nVersion: 2.0\nRequires-Dist: dep>=1\n" in metadata
    assert {line.split(",")[0] for line in record.splitlines()} == names


def test_the_index_answers_pep_691_json_with_upload_times(
    wheels: tuple[Path, dict[str, datetime]],
) -> None:
    folder, times = wheels
    with serve_index(folder, times) as url:
        request = urllib.request.Request(f"{url}pkg/", headers={"Accept": JSON_TYPE})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Type"] == JSON_TYPE
            page = json.load(response)
    assert page["versions"] == ["1.0", "1.1"]
    assert [f["upload-time"] for f in page["files"]] == [
        "2026-01-10T00:00:00.000000Z",
        "2026-02-10T00:00:00.000000Z",
    ]


@pytest.mark.parametrize(
    ("date", "expected"),
    [(DATE_A, {"pkg": "1.0"}), (DATE_B, {"pkg": "1.1", "dep": "2.0"})],
)
def test_uv_lock_sees_only_what_was_uploaded_before_exclude_newer(
    tmp_path: Path,
    wheels: tuple[Path, dict[str, datetime]],
    date: str,
    expected: dict[str, str],
) -> None:
    project = tmp_path / "app"
    project.mkdir()
    (project / "pyproject.toml").write_text(PYPROJECT.format(date=date))
    # As in the guide's example: uv (and pyenv's shims) pick 3.13 from it.
    (project / ".python-version").write_text("3.13\n")
    with serve_index(*wheels) as url:
        lock = uv(project, "lock", "--default-index", url)
        assert lock.returncode == 0, lock.stderr
        assert locked(project) == expected
        # The wheel installs and imports: it is a real wheel, not just a name.
        run = uv(project, "run", "--frozen", "python", "-c", PRINT_VERSION)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == expected["pkg"]


def test_a_wheel_without_an_upload_time_is_refused(tmp_path: Path) -> None:
    make_wheel(tmp_path, "pkg", "1.0")
    with (
        pytest.raises(KeyError, match=r"pkg-1\.0-py3-none-any\.whl"),
        serve_index(tmp_path, {}),
    ):
        pass
