"""docs.lock follows uv.lock."""

from __future__ import annotations

import shlex
from pathlib import Path

from guidekit.locks import DOCS_LOCK, export_command, exported


def test_docs_lock_matches_uv_lock(repo_root: Path) -> None:
    committed = (repo_root / DOCS_LOCK).read_text()
    fix = shlex.join(export_command(DOCS_LOCK))
    assert committed == exported(repo_root), f"docs.lock is stale; run: {fix}"


def test_docs_lock_is_hash_pinned(repo_root: Path) -> None:
    requirements = [
        line
        for line in (repo_root / DOCS_LOCK).read_text().splitlines()
        if line and not line.startswith((" ", "#"))
    ]
    assert requirements
    for line in requirements:
        assert "==" in line, line
    assert (repo_root / DOCS_LOCK).read_text().count("--hash=sha256:") >= len(
        requirements
    )
