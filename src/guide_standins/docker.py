"""A thin layer over the docker CLI (no SDK dependency: the CLI is always there)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence


class StandinError(Exception):
    """A stand-in could not be provided; the message says why."""


def docker(
    args: Sequence[str], *, check: bool = True, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``docker ARGS`` capturing its output; raise StandinError on failure."""
    try:
        result = subprocess.run(
            ["docker", *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except FileNotFoundError as error:
        raise StandinError(
            "no docker CLI on PATH (run `bash .ci/docker-setup`)"
        ) from error
    except subprocess.TimeoutExpired as error:
        raise StandinError(f"`docker {' '.join(args)}` timed out") from error
    if check and result.returncode != 0:
        raise StandinError(
            f"`docker {' '.join(args)}` failed ({result.returncode}):\n"
            + tail(result.stdout + result.stderr)
        )
    return result


def tail(text: str, lines: int = 40) -> str:
    """The last lines of a command's output: where build errors are."""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def engine_problem() -> str | None:
    """Why the Docker engine cannot be used, or None when it can."""
    try:
        result = docker(
            ["info", "--format", "{{.ServerVersion}}"], check=False, timeout=30
        )
    except StandinError as error:
        return str(error)
    if result.returncode != 0 or not result.stdout.strip():
        return "Docker daemon unreachable: " + tail(result.stderr, 1)
    return None


def image_labels(tag: str) -> dict[str, str] | None:
    """The labels of local image TAG ({} if it has none), or None if it is absent."""
    result = docker(
        ["image", "inspect", "--format", "{{json .Config.Labels}}", tag], check=False
    )
    if result.returncode != 0:
        return None
    labels = json.loads(result.stdout or "null")
    return dict(labels) if labels else {}


def try_pull(tag: str) -> bool:
    """Pull TAG from its registry; False (quickly, here) when none is reachable."""
    return docker(["pull", "--quiet", tag], check=False, timeout=300).returncode == 0


def docker_required() -> bool:
    """Whether a missing Docker engine fails the tests rather than skips them."""
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("GUIDE_REQUIRE_DOCKER") == "1"
    )
