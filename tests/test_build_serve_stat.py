"""``guide build``, ``guide serve`` and ``guide stat`` on the tiny guide."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from pytest_console_scripts import ScriptRunner


def test_build_writes_both_languages_and_a_root_page(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    result = script_runner.run(["guide", "build"], cwd=minirepo)
    assert result.success, result.stderr
    html = minirepo / "docs/_build/html"
    assert 'lang="en"' in (html / "en/one.html").read_text()
    assert "Birinci bölüm" in (html / "tr/one.html").read_text()
    root = (html / "index.html").read_text()
    assert '<a href="en/" hreflang="en" lang="en">English</a>' in root
    assert '<a href="tr/" hreflang="tr" lang="tr">Türkçe</a>' in root
    assert f"Open {html / 'index.html'}" in result.stdout
    assert (minirepo / "examples/demo/notes.txt").is_file()


def test_build_fails_on_any_warning(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    one = minirepo / "docs/one.rst"
    one.write_text(one.read_text() + "\nSee :doc:`missing-page`.\n")
    result = script_runner.run(["guide", "build", "--no-tangle"], cwd=minirepo)
    assert result.returncode == 1
    assert "one.rst:30: WARNING: unknown document: 'missing-page'" in result.stderr


def test_stat_counts_fuzzy_as_untranslated(
    script_runner: ScriptRunner, minirepo: Path
) -> None:
    (minirepo / "docs/locale/tr/LC_MESSAGES/two.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Chapter two"\nmsgstr "İkinci bölüm"\n\n'
        '#, fuzzy\nmsgid "Add a function."\nmsgstr "Bir fonksiyon ekleyin."\n\n'
        'msgid "Try it."\nmsgstr ""\n'
    )
    result = script_runner.run(["guide", "stat"], cwd=minirepo)
    assert result.success, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["one", "100.0%", "2/2", "translated,", "0", "fuzzy"]
    assert lines[1].split() == ["two", "33.3%", "1/3", "translated,", "1", "fuzzy"]
    assert lines[2].split() == ["total", "60.0%", "3/5"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
        return str(response.read().decode())


def wait_for(url: str, text: str, deadline: float) -> str:
    last = ""
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):  # not up yet
            last = fetch(url)
        if text in last:
            return last
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_rebuilds_both_languages_on_change(minirepo: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        ["guide", "serve", "--port", str(port)],
        cwd=minirepo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        wait_for(f"http://127.0.0.1:{port}/one.html", "Chapter one", deadline)
        wait_for(f"http://127.0.0.1:{port + 1}/one.html", "Birinci bölüm", deadline)
        one = minirepo / "docs/one.rst"
        one.write_text(one.read_text().replace("Create a script.", "Write a script."))
        wait_for(f"http://127.0.0.1:{port}/one.html", "Write a script.", deadline)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
