"""The built site, served on 127.0.0.1, and a Chromium to read it with.

The site is built once per session by the same code as ``guide build``.
Chromium is Debian's (or ``GUIDE_CHROMIUM``); Playwright never downloads one.
Without it the browser tests skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guidekit.build import build_site
from guidekit.settings import Settings, find_root, load

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
def settings() -> Settings:
    return load(find_root(Path(__file__).parent))


@pytest.fixture(scope="session")
def built_site(settings: Settings) -> Path:
    """Both languages built (warnings are errors), with the root files."""
    build_site(settings, lambda _message: None, fresh=True)
    return settings.html_dir()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # test output stays readable


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site over HTTP on an ephemeral loopback port."""
    handler = functools.partial(_Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _browser_required() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """pytest-playwright launches this Chromium, never a downloaded one."""
    if shutil.which(CHROMIUM) is None:
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if _browser_required():
            pytest.fail(f"browser tests must run under CI=true: {reason}")
        pytest.skip(reason)
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    return {"viewport": {"width": 1280, "height": 900}}
