"""``guide build``, ``guide serve`` and ``guide stat`` on the tiny guide."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import urllib.request
from pathlib import Path
from typing import IO

import pytest
from pytest_console_scripts import ScriptRunner
from support.waiting import wait_for


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


# What `guide serve` prints for each language before its server starts.
SERVING = re.compile(r"serving (?P<language>\w+) on (?P<url>http://127\.0\.0\.1:\d+/)")


def page_text(url: str) -> str:
    """The page at URL, or "" while its server is not up yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return str(response.read().decode())
    except OSError:
        return ""


def drain(stream: IO[bytes], lines: list[str]) -> None:
    """Read STREAM into LINES until it closes: a full pipe would stall the server."""
    # Line by line, as they come: extend appends each as the stream yields it.
    lines.extend(line.decode(errors="replace") for line in stream)


def test_serve_rebuilds_both_languages_on_change(minirepo: Path) -> None:
    server = subprocess.Popen(
        ["guide", "serve", "--port", "0"],  # free ports, which it names
        cwd=minirepo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assert server.stdout is not None
    output: list[str] = []
    reader = threading.Thread(target=drain, args=(server.stdout, output))
    reader.start()
    urls: dict[str, str] = {}

    def announced() -> bool:
        for match in SERVING.finditer("".join(output)):
            urls[match["language"]] = match["url"]
        return set(urls) == {"en", "tr"}

    def shows(language: str, text: str) -> bool:
        return text in page_text(f"{urls[language]}one.html")

    try:
        wait_for("both languages' addresses", announced, timeout=30)
        assert urls["en"] != urls["tr"]
        wait_for("the English page", lambda: shows("en", "Chapter one"), 90)
        wait_for("the Turkish page", lambda: shows("tr", "Birinci bölüm"), 90)
        one = minirepo / "docs/one.rst"
        one.write_text(one.read_text().replace("Create a script.", "Write a script."))
        wait_for("the rebuilt page", lambda: shows("en", "Write a script."), 90)
    except TimeoutError as error:
        pytest.fail(f"{error}; guide serve said:\n{''.join(output)[-3000:]}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        reader.join(timeout=30)
        server.stdout.close()
