"""Read configuration from the environment, with no defaults.

Every function raises ImproperlyConfigured, naming the variable, when it is
missing or empty, so a half-configured process stops before it serves anyone.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


def env(name: str) -> str:
    """The value of ``name``, stripped; missing or empty is an error."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: every setting comes from the environment"
            " (see conf/), there are no defaults."
        )
    return value


def env_bool(name: str) -> bool:
    """``true``/``false`` (also 1/0, yes/no, on/off)."""
    value = env(name).lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str) -> int:
    """A whole number."""
    value = env(name)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}."
        ) from None


def env_list(name: str) -> list[str]:
    """A comma-separated list; blanks around items are dropped."""
    return [item.strip() for item in env(name).split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...]) -> str:
    """One of ``choices``."""
    value = env(name)
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(choices)}, not {value!r}."
        )
    return value
