"""A thin layer over the docker CLI (no SDK dependency: the CLI is always there)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


class StandinError(Exception):
    """A stand-in could not be provided; the message says why."""


class DockerError(StandinError):
    """A docker command failed or could not run; the message holds its output."""


def docker(
    *args: str,
    check: bool = True,
    timeout: float | None = 900,
    cwd: Path | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``docker ARGS`` capturing its output; raise DockerError on failure.

    The one way the stand-ins, the Docker tests and the Docker benchmark run
    the CLI. STDIN is text for the command's standard input (none otherwise);
    a failure raises only when CHECK is true, but a missing CLI or a TIMEOUT
    (seconds, None for none) always raises.
    """
    shown = " ".join(["docker", *args])
    try:
        result = subprocess.run(
            ["docker", *args],
            cwd=cwd,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
            timeout=timeout,
        )
    except FileNotFoundError as error:
        raise DockerError(
            "no docker CLI on PATH (run `bash .ci/docker-setup`)"
        ) from error
    except subprocess.TimeoutExpired as error:
        raise DockerError(f"`{shown}` timed out after {timeout:.0f} s") from error
    if check and result.returncode != 0:
        raise DockerError(
            f"`{shown}` exited {result.returncode}:\n"
            + tail(result.stdout + result.stderr, 80)
        )
    return result


def tail(text: str, lines: int = 40) -> str:
    """The last lines of a command's output: where build errors are."""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def engine_problem() -> str | None:
    """Why the Docker engine cannot be used, or None when it can."""
    try:
        result = docker(
            "info", "--format", "{{.ServerVersion}}", check=False, timeout=30
        )
    except StandinError as error:
        return str(error)
    if result.returncode != 0 or not result.stdout.strip():
        return "Docker daemon unreachable: " + tail(result.stderr, 1)
    return None


def image_labels(tag: str) -> dict[str, str] | None:
    """The labels of local image TAG ({} if it has none), or None if it is absent."""
    result = docker(
        "image", "inspect", "--format", "{{json .Config.Labels}}", tag, check=False
    )
    if result.returncode != 0:
        return None
    labels = json.loads(result.stdout or "null")
    return dict(labels) if labels else {}


def try_pull(tag: str) -> bool:
    """Pull TAG from its registry; False (quickly, here) when none is reachable."""
    return docker("pull", "--quiet", tag, check=False, timeout=300).returncode == 0
