"""The two ways a refresh stops."""

from __future__ import annotations


class BadInputError(Exception):
    """The date or a source is unusable; nothing has been written (exit 2)."""


class StepError(Exception):
    """A step failed after the input was checked; ``changed`` lists what moved."""

    def __init__(self, step: str, reason: str, changed: list[str]) -> None:
        self.step = step
        self.reason = reason
        self.changed = changed
        super().__init__(f"{step} failed: {reason}")
