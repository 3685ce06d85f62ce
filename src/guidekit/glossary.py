"""The guide's English -> Turkish glossary, read from its page, and its rules.

``docs/glossary.rst`` is the single source: a list-table whose rows are
(English term, Turkish term, note). docutils parses it; nothing here reads
reST with regular expressions.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from docutils import nodes
from docutils.core import publish_doctree


@dataclasses.dataclass(frozen=True)
class Term:
    """One glossary row."""

    english: str
    turkish: str

    def english_pattern(self) -> re.Pattern[str]:
        """The English term as a whole phrase, singular or plural."""
        words = r"\s+".join(re.escape(w) for w in self.english.split())
        return re.compile(rf"\b{words}s?\b", re.IGNORECASE)

    def turkish_roots(self) -> list[str]:
        """Each Turkish word without its last letters, so suffixed forms match.

        Turkish adds suffixes and softens final consonants (``bağımlılık`` ->
        ``bağımlılığı``); a word's first ``len - 3`` letters (at least four)
        survive both.
        """
        return [turkish_lower(w)[: max(4, len(w) - 3)] for w in self.turkish.split()]


def turkish_lower(text: str) -> str:
    """Lower case with Turkish rules for I and İ."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def read_glossary(path: Path) -> list[Term]:
    """The rows of the glossary page's table, header excluded."""
    doctree = publish_doctree(
        path.read_text(encoding="utf-8"),
        source_path=str(path),
        settings_overrides={"report_level": 4, "halt_level": 5},
    )
    terms: list[Term] = []
    for row in doctree.findall(nodes.row):
        if isinstance(row.parent, nodes.thead):
            continue
        cells = [entry.astext().strip() for entry in row.findall(nodes.entry)]
        terms.append(Term(cells[0], cells[1]))
    return terms


_MARKUP = re.compile(r"``.*?``|:\w+:`[^`]*`|`[^`]*`_{1,2}|https?://\S+")


def prose(text: str) -> str:
    """``text`` without inline literals, roles, links and URLs."""
    return _MARKUP.sub(" ", text)


def violations(terms: list[Term], msgid: str, msgstr: str) -> list[str]:
    """Glossary terms used in ``msgid`` but not rendered as chosen in ``msgstr``."""
    english, turkish = prose(msgid), turkish_lower(prose(msgstr))
    return [
        f"{term.english!r} -> {term.turkish!r}"
        for term in terms
        if term.english_pattern().search(english)
        and not all(root in turkish for root in term.turkish_roots())
    ]
