"""Reading the built site's HTML as a reader meets it: pages in order, classes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Tag


def reading_order(start: Path) -> Iterator[Path]:
    """Pages from the start page on, following each page's "next" link."""
    page: Path | None = start
    while page is not None:
        yield page
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("a.next-page")
        href = link.get("href") if link else None
        page = (page.parent / str(href)).resolve() if href else None


def classes(tag: Tag) -> list[str]:
    """A tag's classes as a list, however BeautifulSoup holds them."""
    value: str | list[str] = tag.get("class") or []
    return list(value) if isinstance(value, list) else [str(value)]
