"""``guide stat``: translation progress per document, from the guide's ``.po`` files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from babel.messages.pofile import read_po


@dataclasses.dataclass(frozen=True)
class Progress:
    """Counts for one catalogue; fuzzy entries count as untranslated."""

    document: str
    total: int
    translated: int
    fuzzy: int

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


def catalogue_progress(po_file: Path, document: str) -> Progress:
    """Count the messages of one ``.po`` file."""
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    total = translated = fuzzy = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        total += 1
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
    return Progress(document, total, translated, fuzzy)


def progress(locale_dir: Path, language: str) -> list[Progress]:
    """Progress of every document's catalogue for ``language``, sorted."""
    messages = locale_dir / language / "LC_MESSAGES"
    return [
        catalogue_progress(po, po.relative_to(messages).with_suffix("").as_posix())
        for po in sorted(messages.rglob("*.po"))
    ]
