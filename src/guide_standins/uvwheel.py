"""uv and uvx from uv's PyPI wheel, for the uv stand-ins.

The musllinux wheel carries the same static binaries as the upstream images, so
they run both in the scratch image and in any Debian-based one. uv itself
fetches the wheel, through the index it is configured with (no host named here).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
from pathlib import Path

from guide_standins.docker import StandinError, tail

MUSL_PLATFORMS = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64"}


def _uv_command() -> str:
    # `uv run` exports UV: the very binary running us, whatever PATH says.
    found = os.environ.get("UV") or shutil.which("uv")
    if not found:
        raise StandinError("no uv binary to fetch the uv wheel with")
    return found


def fetch_uv(version: str, dest: Path) -> None:
    """Put the ``uv`` and ``uvx`` binaries of uv VERSION into directory DEST."""
    machine = platform.machine().lower()
    if machine not in MUSL_PLATFORMS:
        raise StandinError(f"no uv wheel known for machine type {machine}")
    with tempfile.TemporaryDirectory() as target:
        command = [
            _uv_command(),
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            f"--python-platform={MUSL_PLATFORMS[machine]}-unknown-linux-musl",
            "--python-version=3.13",
            f"--target={target}",
            f"uv=={version}",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise StandinError(
                f"fetching the uv {version} wheel failed:\n{tail(result.stderr)}"
            )
        for name in ("uv", "uvx"):
            binary = Path(target, "bin", name)
            if not binary.is_file():
                raise StandinError(f"the uv {version} wheel has no bin/{name}")
            shutil.copy2(binary, dest / name)
            (dest / name).chmod(0o755)
