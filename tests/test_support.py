"""The tests' own helpers, on their own: no daemon, no browser, no build."""

from __future__ import annotations

import itertools
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from support.ci import docker_required, under_ci
from support.docker.dockerfiles import dockerfile_bases
from support.static_site import serve_folder
from support.waiting import wait_for

UV = "ghcr.io/astral-sh/uv:0.13.9"
PYTHON = "python:3.13-slim-trixie"


def test_bases_include_images_mounted_or_copied_from(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(
        f"FROM {PYTHON} AS locale\n"
        "RUN true\n"
        f"FROM {PYTHON}\n"
        f"RUN --mount=type=bind,from={UV},source=/uv,target=/usr/local/bin/uv \\\n"
        "    --mount=type=cache,target=/root/.cache/uv uv --version\n"
        "RUN --mount=type=bind,from=locale,source=/a,target=/b true\n"
        "COPY --from=locale /app/locale /app/locale\n"
        "COPY --from=nginx:1.30-trixie /etc/nginx/mime.types /etc/\n"
    )
    # The stage "locale" is not an image; each image is named once.
    assert dockerfile_bases(dockerfile) == [PYTHON, UV, "nginx:1.30-trixie"]


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "1", "yes", "Yes", "on"])
def test_ci_is_recognised_in_every_usual_spelling(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    monkeypatch.delenv("GUIDE_REQUIRE_DOCKER", raising=False)
    assert under_ci()
    assert docker_required()


@pytest.mark.parametrize("value", ["", "false", "0", "no", "off", "maybe"])
def test_anything_else_is_not_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    monkeypatch.delenv("GUIDE_REQUIRE_DOCKER", raising=False)
    assert not under_ci()
    assert not docker_required()
    monkeypatch.setenv("GUIDE_REQUIRE_DOCKER", "Yes")
    assert docker_required()


def test_wait_for_polls_until_the_condition_holds() -> None:
    calls = itertools.count(1)
    took = wait_for("the third call", lambda: next(calls) >= 3, timeout=5, every=0)
    assert next(calls) == 4
    assert 0 <= took < 5


def test_wait_for_fails_at_its_deadline_naming_what_it_waited_for() -> None:
    with pytest.raises(TimeoutError, match=r"after 0\.3 s waiting for Godot"):
        wait_for("Godot", lambda: False, timeout=0.3, every=0.05)


def test_a_served_folder_answers_until_the_block_ends(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>served</p>")
    with serve_folder(tmp_path) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}page.html", timeout=5) as response:
            assert response.read() == b"<p>served</p>"
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}page.html", timeout=5)
