"""Local preview: one sphinx-autobuild per language, rebuilding on change."""

from __future__ import annotations

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


def serve(settings: Settings, first_port: int) -> int:
    """Serve every language until interrupted; port ``first_port + i``."""
    processes = []
    for offset, language in enumerate(settings.languages):
        port = first_port + offset
        print(f"guide: serving {language} on http://127.0.0.1:{port}/", flush=True)
        processes.append(subprocess.Popen(autobuild_command(settings, language, port)))
    try:
        return max(process.wait() for process in processes)
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            process.terminate()
