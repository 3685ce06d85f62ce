"""The browser's message table (``_static/translations.js``), completed.

Sphinx copies a ``sphinx.js`` it ships per language. The Turkish one has
empty strings for untranslated messages (``Documentation.gettext`` then
prints nothing) and ``["", ""]`` for the search summary, whose plural
expression ``(n > 1)`` is a boolean in JavaScript: ``ngettext`` indexes the
forms with ``true``/``false``, gets ``undefined`` and search throws. Here the
table is rebuilt from Sphinx's, with the messages of our ``sphinx`` catalogue
laid over it, empty entries dropped (the English shows instead of nothing)
and the plural expression made numeric.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

_CALL = "Documentation.addTranslations("
Messages = dict[str, str | list[str]]


def read_table(script: str) -> dict[str, object]:
    """The catalogue object a ``sphinx.js`` passes to ``addTranslations``."""
    start = script.index(_CALL) + len(_CALL)
    end = script.rindex(")")
    table: dict[str, object] = json.loads(script[start:end])
    return table


def catalogue_messages(catalog: Catalog) -> Messages:
    """Translated messages of a catalogue; plural ones as lists of forms."""
    found: Messages = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        if isinstance(message.string, tuple):
            found[key] = [str(form) for form in message.string]
        else:
            found[key] = str(message.string or "")
    return found


def complete(value: str | list[str]) -> bool:
    """Whether a translation has text in every form."""
    forms = value if isinstance(value, list) else [value]
    return bool(forms) and all(form.strip() for form in forms)


def translations_js(shipped: str, catalogues: Iterable[Path]) -> str:
    """Sphinx's ``sphinx.js`` with our catalogues' messages laid over it."""
    table = read_table(shipped)
    raw = table.get("messages", {})
    messages: Messages = dict(raw) if isinstance(raw, dict) else {}
    plural = str(table.get("plural_expr", "(n != 1)"))
    for path in catalogues:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        messages.update(catalogue_messages(catalog))
        plural = catalog.plural_expr or plural
    table["messages"] = {k: v for k, v in sorted(messages.items()) if complete(v)}
    # gettext's C expression may yield a boolean in JavaScript; unary plus
    # turns it into the index ngettext needs.
    table["plural_expr"] = f"+({plural})"
    return f"{_CALL}{json.dumps(table, ensure_ascii=False, indent=1)});\n"
