"""Local preview: one sphinx-autobuild per language, rebuilding on change."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys

from guidekit.build import language_options
from guidekit.settings import Settings


def autobuild_command(settings: Settings, language: str, port: int) -> list[str]:
    """sphinx-autobuild with the same options as ``guide build`` for a language."""
    return [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--watch",
        str(settings.docs_dir),
        "--ignore",
        str(settings.build_dir),
        *language_options(settings, language, "serve"),
        str(settings.docs_dir),
        str(settings.build_dir / "serve" / language),
    ]


def free_ports(count: int) -> list[int]:
    """COUNT distinct ports on 127.0.0.1 that nothing listens on now.

    Each chosen by the system (port 0); all held open until every one is
    chosen, so that none is handed out twice.
    """
    with contextlib.ExitStack() as held:
        probes = [held.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]


def serve(settings: Settings, first_port: int) -> int:
    """Serve every language until interrupted, on ``first_port + i``.

    A first port of 0 serves each language on a free port the system picks;
    the lines printed before the servers start name every port.
    """
    count = len(settings.languages)
    if first_port == 0:
        ports = free_ports(count)
    else:
        ports = [first_port + offset for offset in range(count)]
    processes = []
    for language, port in zip(settings.languages, ports, strict=True):
        print(f"guide: serving {language} on http://127.0.0.1:{port}/", flush=True)
        processes.append(subprocess.Popen(autobuild_command(settings, language, port)))
    try:
        return max(process.wait() for process in processes)
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            process.terminate()
