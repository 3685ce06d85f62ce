"""This repository's settings from ``conf/guide.env``, with no defaults.

A missing or empty variable stops the tool with a message naming the variable
and the file, the same rule the guide teaches for the example project.
"""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path

from dotenv.parser import parse_stream

SETTINGS_FILE = Path("conf") / "guide.env"
REQUIRED = (
    "GUIDE_BASE_URL",
    "GUIDE_LANGUAGES",
    "GUIDE_DOCS_DIR",
    "GUIDE_BUILD_DIR",
    "GUIDE_EXAMPLE_ROOT",
)


class SettingsError(Exception):
    """A settings file or variable is missing, empty or unreadable."""


@dataclasses.dataclass(frozen=True)
class Settings:
    """Resolved settings; paths are absolute."""

    root: Path
    base_url: str
    languages: tuple[str, ...]
    docs_dir: Path
    build_dir: Path
    example_root: Path

    @property
    def source_language(self) -> str:
        return self.languages[0]

    def html_dir(self, language: str | None = None) -> Path:
        html = self.build_dir / "html"
        return html if language is None else html / language


def read_env_file(path: Path) -> dict[str, tuple[str, int]]:
    """``NAME -> (value, line)`` from an env file; bad lines raise with file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(f"{path}: settings file not found") from None
    except UnicodeDecodeError as error:
        raise SettingsError(f"{path}: not UTF-8 ({error.reason})") from None
    values: dict[str, tuple[str, int]] = {}
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise SettingsError(
                f"{path}:{binding.original.line}: cannot parse"
                f" {binding.original.string.strip()!r}; write NAME=value"
            )
        if binding.key is not None:
            values[binding.key] = (binding.value or "", binding.original.line)
    return values


def _require(name: str, values: dict[str, tuple[str, int]], path: Path) -> str:
    if os.environ.get(name):
        return os.environ[name]
    if name not in values:
        raise SettingsError(f"{path}: {name} is not set (there are no defaults)")
    value, line = values[name]
    if not value.strip():
        raise SettingsError(f"{path}:{line}: {name} is empty (there are no defaults)")
    return value.strip()


def load(root: Path) -> Settings:
    """Read ``conf/guide.env`` under ``root``."""
    path = root / SETTINGS_FILE
    values = read_env_file(path)
    get = {name: _require(name, values, path) for name in REQUIRED}
    return Settings(
        root=root,
        base_url=get["GUIDE_BASE_URL"].rstrip("/") + "/",
        languages=tuple(get["GUIDE_LANGUAGES"].split()),
        docs_dir=root / get["GUIDE_DOCS_DIR"],
        build_dir=root / get["GUIDE_BUILD_DIR"],
        example_root=root / get["GUIDE_EXAMPLE_ROOT"],
    )


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``conf/guide.env``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise SettingsError(f"no {SETTINGS_FILE} in {here} or any folder above it")
