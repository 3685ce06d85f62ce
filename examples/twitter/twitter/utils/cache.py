"""Cache keys, spelt one way across the project."""


def make_key(namespace: str, *parts: str | int) -> str:
    """A cache key from a namespace and parts: ``make_key("user", 7)``."""
    return ":".join([namespace, *map(str, parts)])
