"""Diagrams: DOT labels, the SVG a page holds, import graphs, and real builds."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from support.sphinx_run import sphinx_build

from guidekit.diagrams.dot import html_label, is_prose, plain, split_labels, with_style
from guidekit.diagrams.imports import (
    ImportGraph,
    ImportGraphError,
    describe,
    graph_source,
    import_graph,
)
from guidekit.diagrams.svg import MIN_TEXT_PX, PX_PER_PT, SvgError, inline_svg

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def _graphviz() -> None:
    # Like hunspell for the spelling test: a tool the build needs, never skipped.
    assert shutil.which("dot"), "Graphviz is missing: apt-get install graphviz"


# DOT labels ---------------------------------------------------------------


def test_labels_are_cut_out_and_put_back_in_order() -> None:
    source = 'digraph { a [label="One\\nline"]; a -> b [xlabel="say \\"hi\\""] }'
    cut = split_labels(source)
    assert cut.labels == ("One\nline", 'say "hi"')
    drawn = cut.render(("Bir\nsatır", "de ki"))
    assert "label=<Bir<br/>satır>" in drawn
    assert "xlabel=<de ki>" in drawn
    assert drawn.startswith("digraph { a [") and drawn.endswith("] }")
    with pytest.raises(ValueError, match="expected 2 labels"):
        cut.render(("only one",))


def test_code_in_a_label_is_monospaced_and_escaped() -> None:
    assert html_label("run ``a < b``\n& stop") == (
        '<run <font face="DejaVu Sans Mono">a &lt; b</font><br/>&amp; stop>'
    )
    assert plain("the ``fan_out`` task") == "the fan_out task"


def test_only_labels_with_words_are_offered_for_translation() -> None:
    assert is_prose("Celery worker\n``fan_out(tweet_id)``")
    assert not is_prose("``django.py``")
    assert not is_prose("``env()``, ``env_bool()``, ...")


def test_style_goes_first_in_the_graph_body() -> None:
    styled = with_style("digraph { a -> b }")
    assert styled.index("bgcolor=transparent") < styled.index("a -> b")
    with pytest.raises(ValueError, match=r"no '\{'"):
        with_style("not a graph")


# The SVG a page holds ---------------------------------------------------------


def test_inline_svg_is_named_sized_and_without_ids() -> None:
    drawn = (
        '<?xml version="1.0"?>\n<!-- Generated -->\n'
        '<svg width="300pt" height="90pt" viewBox="0 0 300 90">\n'
        '<g id="graph0" class="graph"><title>%3</title>\n'
        '<text font-size="12.00">Big</text><text font-size="9.00">small</text>'
        "</g>\n</svg>\n"
    )
    svg = inline_svg(drawn, 'Say "hi"')
    assert svg.startswith("<svg ")
    assert 'role="img" aria-label="Say &quot;hi&quot;"' in svg
    assert "id=" not in svg and "<title>" not in svg and "<!--" not in svg
    assert 'viewBox="0 0 300 90"' in svg
    natural = 300 * PX_PER_PT
    # The smallest text (9 pt) may shrink to MIN_TEXT_PX and no further.
    minimum = natural * MIN_TEXT_PX / (9 * PX_PER_PT)
    assert f"width: {natural:.0f}px; min-width: {minimum:.0f}px" in svg
    with pytest.raises(SvgError):
        inline_svg("<svg viewBox='0 0 1 1'></svg>", "nothing")


# Import graphs -------------------------------------------------------------------


def write_tree(root: Path, files: dict[str, str]) -> dict[str, str]:
    """Write ``files`` under ``root`` and read them back, as a build would."""
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.py")}


TREE = {
    "proj/__init__.py": "from proj.base import thing\n",
    "proj/base.py": "import os\nfrom proj.kit.tools import tool\n",
    "proj/kit/__init__.py": "",
    "proj/kit/tools.py": "def tool() -> None: ...\n",
    "proj/shop/__init__.py": "",
    "proj/shop/models.py": "from ..base import thing\nfrom proj import kit\n",
    "proj/shop/api/views.py": "def view():\n    from . import models\n",
    "proj/lone/__init__.py": "import json\n",
    "tests/test_shop.py": "from proj.shop import models\n",
}


def test_the_graph_follows_the_imports(tmp_path: Path) -> None:
    graph = import_graph(write_tree(tmp_path, TREE), "proj")
    assert graph.units == ("proj", "proj.kit", "proj.lone", "proj.shop")
    # Relative imports, "from proj import kit", imports inside functions;
    # tests/ and the standard library are no units.
    assert graph.edges == (
        ("proj", "proj.kit"),
        ("proj.shop", "proj"),
        ("proj.shop", "proj.kit"),
    )
    assert graph.alone() == ("proj.lone",)


def test_changing_an_import_changes_the_graph(tmp_path: Path) -> None:
    before = import_graph(write_tree(tmp_path, TREE), "proj")
    changed = {**TREE, "proj/lone/__init__.py": "from proj.shop.models import x\n"}
    after = import_graph(write_tree(tmp_path, changed), "proj")
    assert set(after.edges) - set(before.edges) == {("proj.lone", "proj.shop")}
    assert after.alone() == ()


def test_a_module_that_does_not_parse_is_named(tmp_path: Path) -> None:
    files = write_tree(tmp_path, {**TREE, "proj/kit/broken.py": "\n\ndef (:\n"})
    with pytest.raises(ImportGraphError, match=r"proj/kit/broken.py:3: "):
        import_graph(files, "proj")


def test_graph_source_and_description() -> None:
    graph = ImportGraph(("a", "a.b", "a.c"), (("a.b", "a"),))
    source = graph_source(graph)
    assert '"a.b" -> "a"' in source and '"a.c"' in source
    words = describe(graph, "Intro.", "{importer} uses {imported}.", "{package} alone.")
    assert words == "Intro. a.b uses a. a.c alone."


def test_the_project_app_of_the_example_imports_no_feature_app() -> None:
    # The layering rule of docs/project-app.rst, on the committed example.
    example = REPO / "examples" / "twitter"
    files = {
        p.relative_to(example).as_posix(): p.read_text()
        for p in (example / "twitter").rglob("*.py")
    }
    graph = import_graph(files, "twitter")
    apps = {f"twitter.{p.parent.name}" for p in (example / "twitter").glob("*/apps.py")}
    assert apps, "no feature app found"
    assert not [
        edge for edge in graph.edges if edge[0] == "twitter" and edge[1] in apps
    ]


# Real builds -------------------------------------------------------------------

CONF = """
project = "Diagrams"
extensions = ["guidekit.sphinxext"]
language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
gettext_location = False
exclude_patterns = ["_build", "locale"]
html_theme = "basic"
graphviz_output_format = "svg"
"""

INDEX = """
Diagrams
========

.. tangle:file:: proj/__init__.py

   \"\"\"The project.\"\"\"

.. tangle:file:: proj/kit/__init__.py

   \"\"\"A kit.\"\"\"

.. tangle:file:: proj/shop/__init__.py

   from proj.kit import __doc__

.. diagram::
   :alt: A ``shop`` talks to a kit.
   :caption: The shop and its kit.

   digraph {
     shop [label="Shop\\n``proj.shop``"]
     kit [label="``proj.kit``"]
     shop -> kit [label="Same in Turkish"]
   }

.. toctree::

   graph
"""

# Another page than the code's: it must be redrawn when only index.rst changes.
GRAPH = """
Imports
=======

.. import-graph:: proj
   :alt: Imports.
   :edge: ``{importer}`` uses ``{imported}``.
   :alone: ``{package}`` uses nothing.
"""

TURKISH = {
    "A ``shop`` talks to a kit.": "Bir ``shop`` bir kitle konuşur.",
    "The shop and its kit.": "Dükkân ve kiti.",
    "Shop\n``proj.shop``": "Dükkân\n``proj.shop``",
    "Same in Turkish": "Same in Turkish",
    "Imports.": "İçe aktarmalar.",
    "``{importer}`` uses ``{imported}``.": "``{importer}``, ``{imported}`` kullanır.",
    "``{package}`` uses nothing.": "``{package}`` hiçbir şey kullanmaz.",
}


def po_entry(msgid: str, msgstr: str) -> str:
    def quoted(text: str) -> str:
        return (
            '"'
            + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            + '"'
        )

    return f"msgid {quoted(msgid)}\nmsgstr {quoted(msgstr)}\n\n"


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "locale/tr/LC_MESSAGES").mkdir(parents=True)
    (docs / "conf.py").write_text(CONF)
    (docs / "index.rst").write_text(INDEX)
    (docs / "graph.rst").write_text(GRAPH)
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    entries = "".join(po_entry(k, v) for k, v in TURKISH.items())
    for page in ("index", "graph"):
        (docs / f"locale/tr/LC_MESSAGES/{page}.po").write_text(header + entries)
    return tmp_path


def build(guide: Path, out: str, *extra: str) -> str:
    """Build; both pages' HTML, joined."""
    result = sphinx_build(guide / "docs", guide / out, "--builder", "html", *extra)
    assert result.returncode == 0, result.stderr
    return "".join((guide / out / f"{p}.html").read_text() for p in ("index", "graph"))


def drawings(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)


def words(svg: str) -> str:
    return " ".join(html.unescape(t) for t in re.findall(r">([^<>]+)</text>", svg))


def test_diagrams_render_inline_with_their_text_alternative(guide: Path) -> None:
    page = build(guide, "en")
    drawn, imports = drawings(page)
    assert 'aria-label="A shop talks to a kit."' in drawn
    assert "Shop" in words(drawn) and "proj.shop" in words(drawn)
    assert 'font-family="DejaVu Sans Mono"' in drawn
    assert '<span class="caption-text">The shop and its kit.</span>' in page
    assert 'aria-label="Imports. proj.shop uses proj.kit. proj uses nothing."' in (
        imports
    )
    assert "proj.shop" in words(imports)


def test_the_turkish_build_draws_the_translated_words(guide: Path) -> None:
    page = build(guide, "tr", "-D", "language=tr")
    drawn, imports = drawings(page)
    # The last label reads the same in Turkish; the others are still drawn
    # translated (Sphinx flags a node whose message it left as it was).
    assert "Dükkân" in words(drawn) and "Same in Turkish" in words(drawn)
    assert 'aria-label="Bir shop bir kitle konuşur."' in drawn
    assert "Dükkân ve kiti." in page
    assert "proj.shop, proj.kit kullanır." in imports
    assert "proj hiçbir şey kullanmaz." in imports


def test_code_only_labels_stay_out_of_the_catalogue(guide: Path) -> None:
    result = sphinx_build(guide / "docs", guide / "pot", "--builder", "gettext")
    assert result.returncode == 0, result.stderr
    pot = (guide / "pot/index.pot").read_text() + (guide / "pot/graph.pot").read_text()
    for message in ("A ``shop`` talks to a kit.", "``{package}`` uses nothing."):
        assert f'msgid "{message}"' in pot
    assert '"Shop\\n"' in pot
    assert "``proj.kit``" not in pot


def test_the_import_graph_follows_an_edit_in_an_incremental_build(
    guide: Path,
) -> None:
    assert "proj.shop uses proj.kit." in build(guide, "en")
    index = guide / "docs/index.rst"
    index.write_text(index.read_text().replace("from proj.kit import", "import os #"))
    page = build(guide, "en")
    assert "proj.shop uses proj.kit." not in page
    assert "proj.shop uses nothing." in page


def test_a_diagram_without_alt_text_fails_the_build(guide: Path) -> None:
    index = guide / "docs/index.rst"
    index.write_text(
        index.read_text().replace("   :alt: A ``shop`` talks to a kit.\n", "")
    )
    result = sphinx_build(guide / "docs", guide / "en", "--builder", "html")
    assert result.returncode != 0
    assert "index.rst:17" in result.stderr
    assert ":alt: is required" in result.stderr


def test_a_broken_translated_template_is_reported(guide: Path) -> None:
    po = guide / "docs/locale/tr/LC_MESSAGES/graph.po"
    po.write_text(po.read_text().replace("``{imported}`` kullanır", "kullanır"))
    result = sphinx_build(
        guide / "docs", guide / "tr", "--builder", "html", "-D", "language=tr"
    )
    assert result.returncode != 0
    assert "the translation of :edge: must hold {imported}, {importer}" in (
        result.stderr
    )
