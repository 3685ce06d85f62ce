"""A command that serves until stopped: start it, ask it, stop it.

A reader starts ``runserver`` (or uvicorn) in a terminal, opens the page the
guide names, sees what the guide says, and presses Ctrl-C. The replay does
the same: it starts the command where the reader's shell stands, waits until
every URL the page names answers with its status and a fragment of its body,
then sends the interrupt a terminal sends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from guidekit.tangle.steps import Answer

# A check that the page is up is local and quick; a slow answer is a failure.
_REQUEST_TIMEOUT = 5.0
# Once the server answers, how long a wrong answer may take to turn right
# (an app still loading); longer than that and the page's claim is wrong.
_SETTLE = 10.0
_POLL = 0.2
# Ctrl-C first, as a reader stops it; then ever firmer.
_STOP_SIGNALS = ((signal.SIGINT, 10.0), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0))
LOOPBACK = frozenset({"127.0.0.1", "localhost"})


class ServeError(Exception):
    """The server did not answer as the page says; the message says how."""


def parse_answers(text: str) -> tuple[Answer, ...]:
    """``URL STATUS [FRAGMENT...]`` per line; raise ValueError saying what is wrong."""
    answers = []
    for line in text.splitlines():
        if not line.strip():
            continue
        url, _, rest = line.strip().partition(" ")
        status, _, fragment = rest.strip().partition(" ")
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname not in LOOPBACK:
            raise ValueError(f"{url!r} is not an http URL on 127.0.0.1 or localhost")
        if not (status.isdigit() and 100 <= int(status) <= 599):
            raise ValueError(f"{line.strip()!r} needs an HTTP status after the URL")
        answers.append(Answer(url, int(status), fragment.strip()))
    if not answers:
        raise ValueError("name at least one URL and the status it answers")
    return tuple(answers)


def _port_is_taken(url: str) -> bool:
    parts = urlsplit(url)
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((parts.hostname or "", parts.port or 80)) == 0


def _ask(url: str) -> tuple[int, str] | None:
    """(status, body) of a GET, or None while nothing listens."""
    # No proxy: the server is on this machine, whatever the environment says.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=_REQUEST_TIMEOUT) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _stop(process: subprocess.Popen[bytes]) -> None:
    for sent, grace in _STOP_SIGNALS:
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            return
        try:
            process.wait(grace)
            # The group may outlive its leader (uv's child, a reloader).
            os.killpg(process.pid, 0)
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return


def _wait_for(
    answer: Answer, process: subprocess.Popen[bytes] | None, deadline: float
) -> None:
    settle_by: float | None = None
    last: tuple[int, str] | None = None
    while True:
        if process is not None and process.poll() is not None:
            exited = process.returncode
            raise ServeError(f"the server exited ({exited}) before {answer}")
        got = _ask(answer.url)
        if got is not None:
            last = got
            status, body = got
            if status == answer.status and answer.fragment in body:
                return
            settle_by = settle_by or time.monotonic() + _SETTLE
        now = time.monotonic()
        if now > deadline or (settle_by is not None and now > settle_by):
            if last is None:
                raise ServeError(f"nothing answered at {answer.url}")
            status, body = last
            raise ServeError(
                f"the page says {answer}, but it answered {status}:\n{body[:2000]}"
            )
        time.sleep(_POLL)


def answered(answers: Sequence[Answer], timeout: float) -> None:
    """Ask what already listens; raise ServeError unless it answers as shown."""
    deadline = time.monotonic() + timeout
    for answer in answers:
        _wait_for(answer, None, deadline)


def port_taken(answers: Sequence[Answer]) -> bool:
    """Whether something already listens where the answers are asked for."""
    return any(_port_is_taken(answer.url) for answer in answers)


def serve(
    line: str,
    answers: Sequence[Answer],
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
) -> None:
    """Run ``line`` until every answer is seen, then stop it; raise ServeError."""
    taken = [answer.url for answer in answers if _port_is_taken(answer.url)]
    if taken:
        raise ServeError(
            f"something already listens where the server should ({taken[0]});"
            " stop it first"
        )
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            ["bash", "-c", "set -o errexit -o pipefail\n" + line],
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group, as a terminal's foreground job has.
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            for answer in answers:
                _wait_for(answer, process, deadline)
        except ServeError as error:
            _stop(process)
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise ServeError(f"{error}\nthe server's output:\n{output}") from None
        finally:
            _stop(process)
