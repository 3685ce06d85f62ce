"""The example's CI workflow runs what the guide teaches, on the guide's database.

tests/test_hosting.py lints the workflow (GitHub's schema, zizmor, actions
pinned by commit); this module checks its content against the chapters: each
command of its ``run:`` steps is one a chapter shows, but for the few that
only a CI machine needs, and its PostgreSQL service is the development one.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
EXAMPLE = REPO / "examples" / "twitter"
WORKFLOW = EXAMPLE / ".github" / "workflows" / "ci.yml"

# Commands of the workflow that no chapter shows, and why.
CI_ONLY = {
    "sudo apt-get update": "the runner's package lists, for gettext",
    "sudo apt-get install --yes --no-install-recommends gettext": (
        "compilemessages needs msgfmt; 'What you need' names gettext"
    ),
    "uv sync --locked": "a fresh runner installs the lock, and fails on a stale one",
    "curl --fail --silent --show-error --cacert conf/prod/tls/fullchain.pem "
    "--resolve twitter.example.com:8443:127.0.0.1 "
    "https://twitter.example.com:8443/api/tweets/": (
        "the rehearsal's curl, failing the step on an error status"
    ),
    "docker compose -f docker/prod/compose.yml -f docker/prod/compose.local.yml "
    "logs": "shown only when a step failed",
}


def logical_lines(lines: list[str]) -> list[str]:
    """Lines joined across trailing backslashes, whitespace collapsed."""
    joined: list[str] = []
    pending = ""
    for line in lines:
        pending += " " + line.strip()
        if pending.endswith("\\"):
            pending = pending[:-1]
            continue
        if pending.strip():
            joined.append(" ".join(pending.split()))
        pending = ""
    return joined


def guide_commands(docs: Path) -> set[str]:
    """Every ``$ `` command of every chapter, continuation lines joined."""
    commands: set[str] = set()
    for page in docs.glob("*.rst"):
        lines = page.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if not line.strip().startswith("$ "):
                continue
            block = [line.strip().removeprefix("$ ")]
            while block[-1].endswith("\\") and index + len(block) < len(lines):
                block.append(lines[index + len(block)])
            commands.update(logical_lines(block))
    return commands


def run_commands(workflow: str) -> list[str]:
    """The commands of every ``run:`` step, one-line or block (``run: |``)."""
    lines = workflow.splitlines()
    commands: list[str] = []
    for index, line in enumerate(lines):
        match = re.match(r"^(\s*)(?:- )?run: (.*)$", line)
        if not match:
            continue
        if match.group(2) != "|":
            commands += logical_lines([match.group(2)])
            continue
        indent = len(match.group(1))
        body: list[str] = []
        for following in lines[index + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        commands += logical_lines(body)
    return commands


def env_values(path: Path) -> dict[str, str]:
    """VARIABLE=value lines of an env file."""
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values[key] = value
    return values


def test_every_command_is_one_the_guide_teaches() -> None:
    taught = guide_commands(DOCS)
    commands = run_commands(WORKFLOW.read_text())
    assert len(commands) > 10, commands
    strays = [c for c in commands if c not in taught and c not in CI_ONLY]
    assert not strays, "not in any chapter:\n" + "\n".join(strays)
    unused = [c for c in CI_ONLY if c not in commands]
    assert not unused, "CI_ONLY lists commands the workflow lacks:\n" + "\n".join(
        unused
    )


def test_a_command_no_chapter_shows_is_reported() -> None:
    workflow = "steps:\n  - run: |\n      uv run ruff check\n      uv run pytest\n"
    commands = run_commands(workflow)
    assert commands == ["uv run ruff check", "uv run pytest"]
    assert [c for c in commands if c not in guide_commands(DOCS)] == ["uv run pytest"]


def test_the_database_service_is_the_development_database() -> None:
    workflow = WORKFLOW.read_text()
    compose = (EXAMPLE / "docker" / "dev" / "compose.yml").read_text()
    service = re.search(r"^ {6}db:\n {8}image: (\S+)$", workflow, re.MULTILINE)
    development = re.search(r"^  db:\n    image: (\S+)$", compose, re.MULTILINE)
    assert service and development
    assert service.group(1) == development.group(1)
    postgres = env_values(EXAMPLE / "conf" / "dev" / "postgres.env")
    for key in ("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"):
        assert f"{key}: {postgres[key]}\n" in workflow, key
    # Published where host.env points Django on the runner.
    host = env_values(EXAMPLE / "conf" / "dev" / "host.env")
    assert host["POSTGRES_HOST"] == "127.0.0.1"
    port = postgres["POSTGRES_PORT"]
    assert f"- {port}:{port}\n" in workflow
    assert "--env-file conf/dev/host.env" in workflow
