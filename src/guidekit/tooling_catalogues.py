"""The tooling's own message catalogues (``guidekit/locale``), compiled at build start.

Only the ``.po`` sources are committed; the ``.mo`` files Sphinx needs are
written into the build's doctree folder, so nothing binary is versioned and
nothing is written into the installed package.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = Path(__file__).parent / "locale"


def compile_catalogues(target: Path, source: Path = SOURCE) -> Path:
    """Compile every ``LANG/LC_MESSAGES/*.po`` under ``source`` into ``target``.

    Fuzzy entries are left out, as Sphinx does for the documents' catalogues.
    Returns ``target``, a locale folder for ``add_message_catalog``.
    """
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle)
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
    return target
