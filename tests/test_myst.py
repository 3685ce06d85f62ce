"""The directives work from MyST Markdown as from reST."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidekit.collector import GuideError, read_guide
from guidekit.settings import load
from guidekit.tangle import tangle

CHAPTER = """\
# Chapter three

Add a Markdown note to the project.

```{tangle:file} docs/NOTE.md
Written from a MyST chapter.
```

```{tangle:file} bin/hello.sh
:action: append
echo "from MyST"
```

```{tangle:command}
$ cat docs/NOTE.md
Written from a MyST chapter.
```

```{tangle:checkpoint} three
```
"""


def test_myst_chapter_tangles(minirepo: Path) -> None:
    conf = minirepo / "docs/conf.py"
    conf.write_text(
        conf.read_text().replace(
            'extensions = ["guidekit.sphinxext"',
            'extensions = ["myst_parser", "guidekit.sphinxext"',
        )
    )
    (minirepo / "docs/three.md").write_text(CHAPTER)
    index = minirepo / "docs/index.rst"
    index.write_text(index.read_text() + "   three\n")
    guide = read_guide(load(minirepo))
    tree = tangle(guide.steps)
    assert tree.files["docs/NOTE.md"].content == "Written from a MyST chapter.\n"
    assert (tree.files["bin/hello.sh"].content or "").endswith('echo "from MyST"\n')
    assert [str(o) for o in tree.files["docs/NOTE.md"].owners] == ["docs/three.md:5"]
    assert guide.steps[-1].location.doc == "docs/three.md"


def test_colon_fence_without_the_extension_is_refused(minirepo: Path) -> None:
    conf = minirepo / "docs/conf.py"
    conf.write_text(
        conf.read_text().replace(
            'extensions = ["guidekit.sphinxext"',
            'extensions = ["myst_parser", "guidekit.sphinxext"',
        )
    )
    (minirepo / "docs/three.md").write_text(
        "# Three\n\nText.\n\n:::{tangle:file} fenced.txt\nlost\n:::\n"
    )
    index = minirepo / "docs/index.rst"
    index.write_text(index.read_text() + "   three\n")
    with pytest.raises(GuideError) as caught:
        read_guide(load(minirepo))
    errors = [line for line in str(caught.value).splitlines() if "docs/" in line]
    assert errors == [
        "docs/three.md:5: WARNING: a ':::' fence is plain text here; add"
        " 'colon_fence' to myst_enable_extensions in conf.py, or use a ``` fence"
        " [tangle.myst]"
    ], str(caught.value)


def myst_chapter(minirepo: Path, body: str) -> None:
    conf = minirepo / "docs/conf.py"
    conf.write_text(
        conf.read_text().replace(
            'extensions = ["guidekit.sphinxext"',
            'extensions = ["myst_parser", "guidekit.sphinxext"',
        )
    )
    (minirepo / "docs/three.md").write_text(f"# Three\n\nText.\n\n{body}")
    index = minirepo / "docs/index.rst"
    index.write_text(index.read_text() + "   three\n")


def test_myst_keeps_tabs(minirepo: Path) -> None:
    myst_chapter(minirepo, "```{tangle:file} Makefile\nall:\n\techo hi\n```\n")
    tree = tangle(read_guide(load(minirepo)).steps)
    assert tree.files["Makefile"].content == "all:\n\techo hi\n"


def test_myst_refuses_trailing_whitespace_as_rest_does(minirepo: Path) -> None:
    myst_chapter(minirepo, "```{tangle:file} a.txt\na  \nb\n```\n")
    with pytest.raises(GuideError) as caught:
        read_guide(load(minirepo))
    errors = [line for line in str(caught.value).splitlines() if "docs/" in line]
    assert len(errors) == 1
    assert "docs/three.md:5: ERROR: a.txt: line 1 of the block ends with" in errors[0]
