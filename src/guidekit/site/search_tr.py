"""Turkish search that finds İstek, ISI, ışık and sağlık however they are typed.

Sphinx's Turkish search lower-cases with the default (non-Turkish) rules on
both sides: in the browser ``"İ".toLowerCase()`` is ``"i̇"`` (an ``i`` plus a
combining dot), so a word starting with İ never matches; and dotted and
dotless i are different letters, so ``isik`` never finds ``ışık``; nor does
``saglik`` (typed on a keyboard without Turkish letters) find ``sağlık``.

Here both the index (Python) and the query (JavaScript) go through the same
steps: default lower-casing, dropping the combining dot, folding ``ı ç ğ ö ş
ü`` into ``i c g o s u`` (:data:`FOLDS`, one table for both sides), then
Sphinx's own Turkish Snowball stemmer. Folding before stemming costs the
stemmer some precision (it relies on vowel harmony) but gives both sides the
same input, which is what makes ``isik`` find ``ışık``; and a correctly typed
query folds to the same stems, so it finds exactly what the plain one finds.
"""

from __future__ import annotations

import json

from sphinx.search import _MINIFIED_JS_PATH
from sphinx.search.tr import SearchTurkish

COMBINING_DOT = "\u0307"
# Turkish letters -> what a keyboard without them types instead.
FOLDS = {"ı": "i", "ç": "c", "ğ": "g", "ö": "o", "ş": "s", "ü": "u"}
_FOLD_TABLE = str.maketrans(FOLDS)

# The browser's Stemmer wraps Sphinx's Turkish stemmer in the same steps.
_JS_WRAPPER = (
    f"\nconst GUIDE_FOLDS = {json.dumps(FOLDS, ensure_ascii=False)};\n"
    + """window.Stemmer = class {
  constructor() { this.turkish = new TurkishStemmer(); }
  stemWord(word) {
    const plain = word
      .toLowerCase()
      .replace(/\\u0307/g, "")
      .replace(/./gu, (letter) => GUIDE_FOLDS[letter] || letter);
    return this.turkish.stemWord(plain);
  }
};
"""
)


def fold(word: str) -> str:
    """Lower-cased, the combining dot dropped, Turkish letters folded."""
    return word.lower().replace(COMBINING_DOT, "").translate(_FOLD_TABLE)


class FoldingTurkish(SearchTurkish):
    """Sphinx's Turkish search with Turkish-safe case folding."""

    js_stemmer_rawcode = ""  # our js_stemmer_code below is used instead

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.js_stemmer_code = "\n".join(
            [
                (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8"),
                (_MINIFIED_JS_PATH / "turkish-stemmer.js").read_text(encoding="utf-8"),
                _JS_WRAPPER,
            ]
        )

    def stem(self, word: str) -> str:
        return str(self.stemmer.stemWord(fold(word)))
