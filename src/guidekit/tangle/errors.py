"""The one exception the engine raises, always tied to a place in the docs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidekit.tangle.steps import Location


class TangleError(Exception):
    """A step cannot be applied; ``str()`` reads ``docs/file.rst:LINE: message``."""

    def __init__(self, location: Location | None, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"
