"""The built site, served on 127.0.0.1, and a Chromium to read it with.

The site is built once per session by the same code as ``guide build``.
Chromium is Debian's (or ``GUIDE_CHROMIUM``); Playwright never downloads one.
Without it the browser tests skip locally and fail under CI (``support.ci``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.ci import under_ci
from support.static_site import serve_folder

from guidekit.build import build_site
from guidekit.settings import Settings

CHROMIUM = os.environ.get("GUIDE_CHROMIUM", "/usr/bin/chromium")
# As root, without a sandbox; and no background traffic on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def settings(repo_settings: Settings) -> Settings:
    """The repository's settings; the site is built in a temporary folder."""
    return repo_settings


@pytest.fixture(scope="session")
def built_site(settings: Settings) -> Path:
    """Both languages built (warnings are errors), with the root files."""
    build_site(settings, lambda _message: None, fresh=True)
    return settings.html_dir()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site over HTTP on an ephemeral loopback port."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright launches this Chromium, never a downloaded one."""
    if shutil.which(CHROMIUM) is None:
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if under_ci():
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(reason)
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    return {"viewport": {"width": 1280, "height": 900}}
