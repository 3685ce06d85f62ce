"""Small helpers around Django's cache."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache

_MISSING = object()


def make_key(namespace: str, *parts: str | int) -> str:
    """A cache key from a namespace and parts: ``make_key("user", 7)``."""
    return ":".join([namespace, *map(str, parts)])


def remember[T](key: str, compute: Callable[[], T], timeout: int) -> T:
    """The cached value of ``key``, or ``compute()`` stored for ``timeout`` s.

    Unlike ``cache.get_or_set``, a computed ``None`` is cached too, so a
    lookup that finds nothing is not repeated on every call.
    """
    hit = cache.get(key, _MISSING)
    if hit is not _MISSING:
        return hit  # type: ignore[no-any-return]
    value = compute()
    cache.set(key, value, timeout)
    return value


def forget(key: str) -> None:
    """Drop ``key``; the next ``remember`` computes it again."""
    cache.delete(key)
