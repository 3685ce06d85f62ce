"""The Docker tests' helpers that need no daemon: which images a Dockerfile names."""

from __future__ import annotations

from pathlib import Path

from docker_support import dockerfile_bases

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
