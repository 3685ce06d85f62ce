"""Turkish search that finds İstek, ISI and ışık however they are typed.

Sphinx's Turkish search lower-cases with the default (non-Turkish) rules on
both sides: in the browser ``"İ".toLowerCase()`` is ``"i̇"`` (an ``i`` plus a
combining dot), so a word starting with İ never matches; and dotted and
dotless i are different letters, so ``isik`` never finds ``ışık``.

Here both the index (Python) and the query (JavaScript) go through the same
steps: default lower-casing, dropping the combining dot, folding ``ı`` into
``i``, then Sphinx's own Turkish Snowball stemmer. Folding before stemming
costs the stemmer some precision (it relies on vowel harmony) but gives both
sides the same input, which is what makes ``isik`` find ``ışık``.
"""

from __future__ import annotations

from sphinx.search import _MINIFIED_JS_PATH
from sphinx.search.tr import SearchTurkish

COMBINING_DOT = "\u0307"


# The browser's Stemmer wraps Sphinx's Turkish stemmer in the same steps.
_JS_WRAPPER = """
window.Stemmer = class {
  constructor() { this.turkish = new TurkishStemmer(); }
  stemWord(word) {
    const plain = word.toLowerCase().replace(/\\u0307/g, "").replace(/ı/g, "i");
    return this.turkish.stemWord(plain);
  }
};
"""


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
        plain = word.lower().replace(COMBINING_DOT, "").replace("ı", "i")
        return str(self.stemmer.stemWord(plain))
