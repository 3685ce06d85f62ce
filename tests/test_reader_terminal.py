"""The replay behaves like a reader's terminal: one shell per chapter, servers stopped.

Each test builds a few steps by hand and replays them in a temporary folder,
as ``guide run`` does with the real guide.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from guidekit.tangle.errors import TangleError
from guidekit.tangle.replay import ReplayOptions, replay
from guidekit.tangle.steps import (
    Action,
    Answer,
    CheckpointStep,
    Command,
    CommandStep,
    FileStep,
    Location,
    Step,
)

RUN_ALL = ReplayOptions(run_all=True, timeout=60)
WAIT_FOR_PORT = (
    "until (exec 3<>/dev/tcp/127.0.0.1/{port}) 2>/dev/null; do sleep 0.1; done"
)


def at(line: int) -> Location:
    return Location("docs/a.rst", line)


def commands(line: int, *pairs: tuple[str, str], **extra: object) -> CommandStep:
    """A command block at docs/a.rst:LINE of (command, shown output) pairs."""
    typed = tuple(Command(text, output) for text, output in pairs)
    return CommandStep(at(line), typed, **extra)  # type: ignore[arg-type]


def checkpoint(line: int) -> CheckpointStep:
    return CheckpointStep(at(line), f"chapter-{line}")


def test_a_cd_carries_over_to_the_next_block(tmp_path: Path) -> None:
    steps: list[Step] = [
        commands(3, ("mkdir sub && touch sub/here", "")),
        commands(5, ("cd sub", "")),
        commands(7, ("ls", "here")),
    ]
    replay(steps, tmp_path, RUN_ALL)


def test_exports_carry_over_and_unset_removes(tmp_path: Path) -> None:
    steps: list[Step] = [
        commands(3, ("export GREETING=hello", ""), ("echo $GREETING", "hello")),
        commands(5, ('echo "$GREETING, world"', "hello, world")),
        commands(7, ("unset GREETING", "")),
        commands(9, ('echo "[${GREETING:-}]"', "[]")),
    ]
    replay(steps, tmp_path, RUN_ALL)


def test_a_failing_command_still_leaves_its_folder(tmp_path: Path) -> None:
    # A reader's terminal keeps the cd even when the line fails afterwards.
    (tmp_path / "sub").mkdir()
    steps: list[Step] = [
        commands(3, ("cd sub && false", ""), returncode=1),
        commands(5, ("basename $PWD", "sub")),
    ]
    replay(steps, tmp_path, RUN_ALL)


def test_a_new_chapter_opens_a_new_terminal_in_the_root(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    steps: list[Step] = [
        commands(3, ("cd sub", ""), ("export COLOUR=blue", "")),
        checkpoint(5),
        commands(7, ("basename $PWD", tmp_path.resolve().name)),
        commands(9, ('echo "[${COLOUR:-}]"', "[]")),
    ]
    replay(steps, tmp_path, RUN_ALL)


def test_without_the_carried_cd_the_block_fails(tmp_path: Path) -> None:
    # The guide's old translations chapter did this: cd twice into twitter/.
    (tmp_path / "app").mkdir()
    steps: list[Step] = [
        commands(3, ("cd app && touch one", "")),
        commands(5, ("cd app && touch two", "")),
    ]
    with pytest.raises(TangleError, match=r"docs/a.rst:5: `cd app && touch two`"):
        replay(steps, tmp_path, RUN_ALL)


def test_a_block_that_creates_files_must_start_in_the_root(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    steps: list[Step] = [
        commands(3, ("cd sub", "")),
        commands(5, ("touch made.txt", ""), creates=("made.txt",)),
    ]
    with pytest.raises(
        TangleError,
        match=r"docs/a.rst:5: a block with :creates: runs in the project's root"
        r" folder, but the reader's shell is in sub/ here",
    ):
        replay(steps, tmp_path, RUN_ALL)


def test_a_removed_working_folder_is_named(tmp_path: Path) -> None:
    steps: list[Step] = [
        commands(3, ("mkdir gone && cd gone && rmdir ../gone", "")),
        commands(5, ("ls", "")),
    ]
    with pytest.raises(TangleError, match=r"docs/a.rst:5: .*which no longer exists"):
        replay(steps, tmp_path, RUN_ALL)


# --- commands that serve until stopped ------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def site(tmp_path: Path) -> list[Step]:
    """A folder ``site/`` with one page, and a cd into it, as a chapter would."""
    return [
        FileStep(at(2), "site/index.html", Action.CREATE, "<h1>Hello, reader</h1>\n"),
        commands(3, ("cd site", "")),
    ]


def http_server(port: int, answers: tuple[Answer, ...]) -> CommandStep:
    line = f"{sys.executable} -m http.server {port} --bind 127.0.0.1"
    return commands(9, (line, ""), serves=answers)


def test_a_served_page_is_fetched_and_the_server_stopped(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    answers = (Answer(url, 200, "Hello, reader"), Answer(url + "nope", 404))
    replay([*site(tmp_path), http_server(port, answers)], tmp_path, RUN_ALL)
    # Stopped, as Ctrl-C stops it: the port is free again.
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_page_that_answers_otherwise_fails_with_its_answer(tmp_path: Path) -> None:
    port = free_port()
    answers = (Answer(f"http://127.0.0.1:{port}/", 200, "Goodbye"),)
    with pytest.raises(TangleError) as caught:
        replay([*site(tmp_path), http_server(port, answers)], tmp_path, RUN_ALL)
    message = str(caught.value)
    assert message.startswith("docs/a.rst:9: ")
    assert "containing 'Goodbye', but it answered 200" in message
    assert "Hello, reader" in message


def test_a_server_that_exits_fails_with_its_output(tmp_path: Path) -> None:
    answers = (Answer("http://127.0.0.1:9/", 200),)
    step = commands(9, ("echo cannot start; exit 3", ""), serves=answers)
    with pytest.raises(TangleError, match=r"(?s)the server exited \(3\).*cannot start"):
        replay([step], tmp_path, RUN_ALL)


def test_a_taken_port_is_named_before_the_server_starts(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        answers = (Answer(f"http://127.0.0.1:{port}/", 200),)
        with pytest.raises(
            TangleError, match=re.escape("already listens where the server should")
        ):
            replay([*site(tmp_path), http_server(port, answers)], tmp_path, RUN_ALL)


def test_served_commands_are_not_run_by_a_plain_tangle(tmp_path: Path) -> None:
    step = commands(9, ("exit 1", ""), serves=(Answer("http://127.0.0.1:9/", 200),))
    replay([step], tmp_path, ReplayOptions())


def test_the_site_answers_again_at_every_later_checkpoint(tmp_path: Path) -> None:
    port = free_port()
    answers = (Answer(f"http://127.0.0.1:{port}/", 200, "Hello, reader"),)
    steps: list[Step] = [
        *site(tmp_path),
        http_server(port, answers),
        checkpoint(11),
        # A later chapter breaks the page without serving it again.
        FileStep(at(13), "site/index.html", Action.REPLACE, "<h1>Gone</h1>\n"),
        checkpoint(15),
    ]
    with pytest.raises(TangleError) as caught:
        replay(steps, tmp_path, RUN_ALL)
    message = str(caught.value)
    assert message.startswith("docs/a.rst:15: the site no longer answers as")
    assert "docs/a.rst:9 shows" in message
    assert "Gone" in message


def test_a_server_left_running_is_asked_instead(tmp_path: Path) -> None:
    # A chapter starts its own server in the background (as `compose up -d`
    # does) on the port: the checkpoint asks it, and does not start another.
    port = free_port()
    answers = (Answer(f"http://127.0.0.1:{port}/", 200, "Hello, reader"),)
    server = f"{sys.executable} -m http.server {port} --bind 127.0.0.1"
    steps: list[Step] = [
        *site(tmp_path),
        http_server(port, answers),
        FileStep(at(10), "again/index.html", Action.CREATE, "Hello, reader, again"),
        commands(11, (f"cd ../again && (nohup {server} >/dev/null 2>&1 &)", "")),
        commands(12, (WAIT_FOR_PORT.format(port=port), "")),
        checkpoint(13),
    ]
    try:
        replay(steps, tmp_path, RUN_ALL)
    finally:
        subprocess.run(["pkill", "-f", server], check=False)
    # Nothing started a second server: the background one was asked.
