"""The versions page agrees with the example's files, and none of its dates has passed.

``docs/versions.rst`` holds a list-table: one row per component, with the
files of the example that pin it (``path``: ``pin``), its end of support
(``YYYY-MM-DD``, ``YYYY-MM`` or an em dash) and what to move to. docutils
parses the page; the pins are read from the example's Dockerfiles (``FROM``,
``--mount=...,from=``, ``COPY --from=``, the base-image label), Compose files
(``image:``), ``pyproject.toml`` files (tomllib) and ``.python-version``.
Every problem is reported with the page's line and the example's file and
line, all at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import shutil
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from docutils.core import publish_doctree
from support.docker.dockerfiles import FROM_LINE, FROM_OPTION

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "versions.rst"
EXAMPLE = REPO / "examples" / "twitter"
IMAGES_CHAPTER = REPO / "docs" / "docker-images.rst"
CATALOGUE = REPO / "docs" / "locale" / "tr" / "LC_MESSAGES" / "versions.po"
COLUMNS = (
    "Component",
    "Version",
    "Pinned in",
    "End of support",
    "Move to",
    "Source",
)
NO_DATE = "—"
# The row that states a minimum rather than a pin, and the chapter's sentence.
DOCKER = "Docker Engine"
DOCKER_MINIMUM = re.compile(
    r"Docker Engine (?P<engine>\d[\d.]*)(?: or newer)? (?:and|with) "
    r"Compose (?P<compose>\d[\d.]*),? or newer"
)
BASE_LABEL = re.compile(r"org\.opencontainers\.image\.base\.name=\"([^\"]+)\"")
COMPOSE_IMAGE = re.compile(r"^\s*image:\s*[\"']?([^\s\"'#]+)")
REQUIREMENT_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")
ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
SKIPPED_FOLDERS = {".venv", "node_modules", "__pycache__", "_build", ".git"}


@dataclasses.dataclass(frozen=True)
class Pin:
    """One ``path``: ``pin`` item of the page, at a line of the page."""

    path: str
    value: str
    line: int


@dataclasses.dataclass(frozen=True)
class Row:
    """One row of the page's table."""

    component: str
    version: str
    pins: tuple[Pin, ...]
    end: str
    move_to: str
    cites: bool
    line: int


@dataclasses.dataclass(frozen=True)
class Fact:
    """Something a file of the example pins: an image, a Python or a library."""

    kind: str  # "image", "python" or "requirement"
    path: str  # relative to the example
    value: str
    line: int


# --- the page ----------------------------------------------------------------


def read_rows(page: Path) -> list[Row]:
    """The rows of the page's table, header excluded."""
    source = page.read_text(encoding="utf-8")
    doctree = publish_doctree(
        source,
        source_path=str(page),
        settings_overrides={"report_level": 5, "halt_level": 5},
    )
    lines = source.splitlines()
    for table in doctree.findall(nodes.table):
        head = [
            [entry.astext().strip() for entry in row.findall(nodes.entry)]
            for row in table.findall(nodes.row)
            if isinstance(row.parent, nodes.thead)
        ]
        if head and tuple(head[0]) == COLUMNS:
            break
    else:
        raise AssertionError(f"{page.name}: no table with the columns {COLUMNS}")
    rows: list[Row] = []
    for row in table.findall(nodes.row):
        if isinstance(row.parent, nodes.thead):
            continue
        cells = list(row.findall(nodes.entry))
        assert len(cells) == len(COLUMNS), f"{page.name}: a row has {len(cells)} cells"
        component = cells[0].astext().strip()
        start = row_line(lines, component)
        pins: list[Pin] = []
        for paragraph in cells[2].findall(nodes.paragraph):
            literals = [
                literal.astext() for literal in paragraph.findall(nodes.literal)
            ]
            if len(literals) == 2:
                path, value = literals
                line = find_line(lines, f"``{path}``: ``{value}``", start - 1)
                pins.append(Pin(path, value, line))
        rows.append(
            Row(
                component=component,
                version=" ".join(cells[1].astext().split()),
                pins=tuple(pins),
                end=cells[3].astext().strip(),
                move_to=" ".join(cells[4].astext().split()),
                cites=any(
                    "refuri" in reference
                    for reference in cells[5].findall(nodes.reference)
                ),
                line=start,
            )
        )
    return rows


def row_line(lines: list[str], component: str) -> int:
    """The 1-based number of the line that starts COMPONENT's row."""
    wanted = f"* - {component}"
    return next((n for n, line in enumerate(lines, 1) if line.strip() == wanted), 0)


def find_line(lines: list[str], text: str, after: int) -> int:
    """The 1-based number of the first line from AFTER (0-based) holding TEXT."""
    for number, line in enumerate(lines[after:], start=after + 1):
        if text in line:
            return number
    return 0


def where(path: Path, line: int) -> str:
    """PATH:LINE, relative to the repository when it is inside it."""
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    return f"{shown}:{line}" if line else str(shown)


# --- the example --------------------------------------------------------------


def example_files(root: Path, name: str) -> list[Path]:
    """Every file called NAME in the example, leaving out environments and caches."""
    return sorted(
        path
        for path in root.rglob(name)
        if not SKIPPED_FOLDERS.intersection(path.relative_to(root).parts)
    )


def read_facts(root: Path) -> list[Fact]:
    """Every image, Python version and library the example's files pin."""
    facts: list[Fact] = []
    for dockerfile in example_files(root, "Dockerfile"):
        facts += dockerfile_images(root, dockerfile)
    for compose in example_files(root, "*.yml"):
        relative = compose.relative_to(root).as_posix()
        for number, line in enumerate(compose.read_text().splitlines(), start=1):
            if match := COMPOSE_IMAGE.match(line):
                facts.append(Fact("image", relative, match.group(1), number))
    for pyproject in example_files(root, "pyproject.toml"):
        facts += pyproject_pins(root, pyproject)
    for version_file in example_files(root, ".python-version"):
        relative = version_file.relative_to(root).as_posix()
        facts.append(Fact("python", relative, version_file.read_text().strip(), 1))
    return facts


def dockerfile_images(root: Path, dockerfile: Path) -> list[Fact]:
    """The images a Dockerfile names, its own stages left out."""
    relative = dockerfile.relative_to(root).as_posix()
    lines = dockerfile.read_text().splitlines()
    stages = {
        match.group(2)
        for line in lines
        if (match := FROM_LINE.match(line)) and match.group(2)
    }
    facts: list[Fact] = []
    for number, line in enumerate(lines, start=1):
        found = [match.group(1) for match in FROM_OPTION.finditer(line)]
        found += [match.group(1) for match in BASE_LABEL.finditer(line)]
        if match := FROM_LINE.match(line):
            found.insert(0, match.group(1))
        facts += [
            Fact("image", relative, image, number)
            for image in found
            if image not in stages
        ]
    return facts


def pyproject_pins(root: Path, pyproject: Path) -> list[Fact]:
    """``requires-python`` and every requirement of a ``pyproject.toml``."""
    relative = pyproject.relative_to(root).as_posix()
    text = pyproject.read_text()
    data = tomllib.loads(text)
    lines = text.splitlines()
    facts: list[Fact] = []
    requires = data.get("project", {}).get("requires-python")
    if requires is not None:
        line = find_line(lines, "requires-python", 0)
        facts.append(Fact("python", relative, f'requires-python = "{requires}"', line))
    requirements = list(data.get("project", {}).get("dependencies", []))
    for group in data.get("dependency-groups", {}).values():
        requirements += [item for item in group if isinstance(item, str)]
    for requirement in requirements:
        line = find_line(lines, f'"{requirement}"', 0)
        pinned = requirement.split(";")[0].strip()
        facts.append(Fact("requirement", relative, pinned, line))
    return facts


def normalized(requirement: str) -> str:
    """A requirement's project name, normalized as PyPI does."""
    match = REQUIREMENT_NAME.match(requirement)
    name = match.group(1) if match else requirement
    return re.sub(r"[-_.]+", "-", name).lower()


def same_thing(pin: str, fact: Fact) -> bool:
    """Whether FACT pins what PIN pins (the same image repository or library)."""
    if fact.kind == "image":
        return pin.rsplit(":", 1)[0] == fact.value.rsplit(":", 1)[0]
    if fact.kind == "python":
        return pin.startswith("requires-python") == fact.value.startswith(
            "requires-python"
        )
    return normalized(pin) == normalized(fact.value)


# --- the checks ----------------------------------------------------------------


def pin_problems(page: Path, root: Path) -> list[str]:
    """Pins of the page that differ from the example's, and ones the page lacks."""
    rows = read_rows(page)
    facts = read_facts(root)
    problems: list[str] = []
    for row in rows:
        if not row.pins and row.component != DOCKER:
            problems.append(f"{where(page, row.line)}: {row.component} names no pin")
        token = row.version.split()[0] if row.version != NO_DATE else ""
        for pin in row.pins:
            if token and token not in pin.value:
                problems.append(
                    f"{where(page, pin.line)}: {row.component} is version "
                    f"{row.version}, but its pin `{pin.value}` does not say {token}"
                )
            if not (root / pin.path).is_file():
                problems.append(
                    f"{where(page, pin.line)}: {row.component}: the example has no "
                    f"file {pin.path}"
                )
                continue
            in_file = [fact for fact in facts if fact.path == pin.path]
            if any(fact.value == pin.value for fact in in_file):
                continue
            others = [fact for fact in in_file if same_thing(pin.value, fact)]
            if others:
                problems += [
                    f"{where(page, pin.line)}: {row.component} is pinned as "
                    f"`{pin.value}`, but {where(root / pin.path, fact.line)} has "
                    f"`{fact.value}`"
                    for fact in others
                ]
            else:
                problems.append(
                    f"{where(page, pin.line)}: {row.component}: {pin.path} does not "
                    f"pin `{pin.value}`"
                )
    listed = {(pin.path, pin.value) for row in rows for pin in row.pins}
    problems += [
        f"{where(root / fact.path, fact.line)} pins `{fact.value}`, which "
        f"{page.name} does not list: add it to the table, with its end of support"
        for fact in facts
        if fact.kind in {"image", "python"} and (fact.path, fact.value) not in listed
    ]
    return problems


def end_of_support(text: str) -> datetime.date | None:
    """The first day without support: a month counts from its first day."""
    if text == NO_DATE:
        return None
    if len(text) == len("2029-10"):
        return datetime.date.fromisoformat(f"{text}-01")
    return datetime.date.fromisoformat(text) + datetime.timedelta(days=1)


def date_problems(page: Path, today: datetime.date) -> list[str]:
    """Ends of support that are malformed, uncited or already past."""
    problems: list[str] = []
    for row in read_rows(page):
        here = where(page, row.line)
        if row.end != NO_DATE and not ISO_DATE.match(row.end):
            problems.append(
                f"{here}: {row.component}: the end of support {row.end!r} is "
                f"neither YYYY-MM-DD, YYYY-MM nor {NO_DATE}"
            )
            continue
        if row.end != NO_DATE and not row.cites:
            problems.append(
                f"{here}: {row.component}: the date {row.end} cites no source"
            )
        ends = end_of_support(row.end)
        if ends is not None and today >= ends:
            problems.append(
                f"{here}: {row.component} {row.version} reached its end of support "
                f"on {row.end} (today is {today}): move to {row.move_to}, in the "
                f"example and on this page"
            )
    return problems


def docker_minimum_problems(page: Path, chapter: Path) -> list[str]:
    """The page's Docker minimum against the one the images chapter states."""
    rows = [row for row in read_rows(page) if row.component == DOCKER]
    if len(rows) != 1:
        return [f"{page.name}: expected one {DOCKER} row, found {len(rows)}"]
    row = rows[0]
    text = chapter.read_text(encoding="utf-8")
    stated = DOCKER_MINIMUM.search(" ".join(text.split()))
    if stated is None:
        return [
            f"{where(chapter, 0)} no longer says 'Docker Engine N ... Compose N or "
            "newer': update this test's pattern and the page"
        ]
    lines = text.splitlines()
    number = find_line(lines, f"Docker Engine {stated['engine']}", 0) or find_line(
        lines, "Docker Engine", 0
    )
    engine = re.search(r"Engine (\S+)", row.version)
    compose = re.search(r"Compose (\S+?),?(?:\s|$)", row.version)
    found = (
        engine.group(1) if engine else None,
        compose.group(1) if compose else None,
    )
    if found != (stated["engine"], stated["compose"]):
        return [
            f"{where(page, row.line)}: {DOCKER} {row.version!r}, but "
            f"{where(chapter, number)} requires Engine {stated['engine']} and "
            f"Compose {stated['compose']}"
        ]
    return []


def translation_problems(catalogue: Path) -> list[str]:
    """Literals, dates and links of the English the translation leaves out."""
    keep = re.compile(r"``.+?``|\d{4}-\d{2}(?:-\d{2})?|<https?://[^>]+>")
    with catalogue.open("rb") as handle:
        messages = [message for message in read_po(handle) if message.id]
    problems: list[str] = []
    for message in messages:
        english, turkish = str(message.id), str(message.string)
        problems += [
            f"{catalogue.name}: {english[:60]!r}: the translation lacks {kept}"
            for kept in sorted(set(keep.findall(english)))
            if kept not in turkish
        ]
    return problems


# --- the real page ----------------------------------------------------------------


def test_the_page_pins_what_the_example_pins() -> None:
    problems = pin_problems(PAGE, EXAMPLE)
    assert not problems, "\n".join(problems)


def test_no_end_of_support_on_the_page_has_passed() -> None:
    problems = date_problems(PAGE, datetime.date.today())
    assert not problems, "\n".join(problems)


def test_the_docker_minimum_is_the_images_chapters() -> None:
    problems = docker_minimum_problems(PAGE, IMAGES_CHAPTER)
    assert not problems, "\n".join(problems)


def test_the_turkish_page_keeps_every_pin_date_and_link() -> None:
    problems = translation_problems(CATALOGUE)
    assert not problems, "\n".join(problems)


def test_the_table_has_a_row_for_every_component_of_the_example() -> None:
    components = {row.component for row in read_rows(PAGE)}
    assert components >= {
        "Python",
        "Django",
        "uv",
        "Debian",
        "PostgreSQL",
        "Valkey",
        "RabbitMQ",
        "nginx",
        DOCKER,
        "Python libraries",
    }


# --- the checks can fail ------------------------------------------------------------

MINI_PAGE = """\
Versions
========

.. list-table::
   :header-rows: 1

   * - Component
     - Version
     - Pinned in
     - End of support
     - Move to
     - Source
   * - PostgreSQL
     - 18
     - * ``docker/compose.yml``: ``postgres:18-trixie``
     - 2030-11-14
     - 19 or newer
     - `Policy <https://www.postgresql.org/support/versioning/>`__
   * - Python
     - 3.13
     - * ``pyproject.toml``: ``requires-python = "==3.13.*"``
       * ``docker/Dockerfile``: ``python:3.13-slim-trixie``
     - 2029-10
     - 3.14 or newer
     - `Status <https://devguide.python.org/versions/>`__
   * - Docker Engine
     - Engine 25 and Compose 2.24.4, or newer
     - A minimum, not a pin
     - —
     - A current release
     - No date.
   * - Libraries
     - —
     - * ``pyproject.toml``: ``celery==5.7.0``
     - —
     - Their latest releases
     - No date.
"""
MINI_EXAMPLE = {
    "docker/compose.yml": "services:\n  db:\n    image: postgres:18-trixie\n",
    "docker/Dockerfile": (
        "FROM python:3.13-slim-trixie AS build\nFROM build\n"
        "COPY --from=build /app /app\n"
    ),
    "pyproject.toml": (
        '[project]\nname = "mini"\nrequires-python = "==3.13.*"\n'
        'dependencies = [\n    "celery==5.7.0",\n]\n'
    ),
}
MINI_CHAPTER = "It needs Docker Engine 25 or newer with Compose\n2.24.4 or newer.\n"


def mini(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A page, an example and a chapter that agree, to be doctored."""
    page = tmp_path / "versions.rst"
    page.write_text(MINI_PAGE)
    root = tmp_path / "example"
    for relative, text in MINI_EXAMPLE.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    chapter = tmp_path / "docker-images.rst"
    chapter.write_text(MINI_CHAPTER)
    return page, root, chapter


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_an_agreeing_page_passes(tmp_path: Path) -> None:
    page, root, chapter = mini(tmp_path)
    assert pin_problems(page, root) == []
    assert date_problems(page, datetime.date(2026, 12, 1)) == []
    assert docker_minimum_problems(page, chapter) == []


def test_a_pin_the_example_changed_is_reported_with_both_lines(tmp_path: Path) -> None:
    page, root, _chapter = mini(tmp_path)
    replace(root / "docker/compose.yml", "postgres:18-trixie", "postgres:17-trixie")
    replace(root / "pyproject.toml", "==3.13.*", "==3.14.*")
    unlisted = "which versions.rst does not list: add it to the table, with its end"
    assert pin_problems(page, root) == [
        f"{page}:15: PostgreSQL is pinned as `postgres:18-trixie`, but "
        f"{root}/docker/compose.yml:3 has `postgres:17-trixie`",
        f'{page}:21: Python is pinned as `requires-python = "==3.13.*"`, but '
        f'{root}/pyproject.toml:3 has `requires-python = "==3.14.*"`',
        # The example's new values are not on the page either.
        f"{root}/docker/compose.yml:3 pins `postgres:17-trixie`, {unlisted} of support",
        f'{root}/pyproject.toml:3 pins `requires-python = "==3.14.*"`, {unlisted} '
        "of support",
    ]


def test_a_library_pin_that_differs_is_reported(tmp_path: Path) -> None:
    page, root, _chapter = mini(tmp_path)
    replace(root / "pyproject.toml", "celery==5.7.0", "celery==5.8.0")
    (problem,) = pin_problems(page, root)
    assert problem == (
        f"{page}:34: Libraries is pinned as `celery==5.7.0`, but "
        f"{root}/pyproject.toml:5 has `celery==5.8.0`"
    )


def test_an_image_the_page_does_not_list_is_reported(tmp_path: Path) -> None:
    page, root, _chapter = mini(tmp_path)
    replace(
        root / "docker/compose.yml",
        "services:\n",
        "services:\n  cache:\n    image: valkey/valkey:9.1-trixie\n",
    )
    replace(
        root / "docker/Dockerfile",
        "COPY --from=build",
        "RUN --mount=type=bind,from=ghcr.io/astral-sh/uv:0.13.9,source=/uv,"
        "target=/uv true\nCOPY --from=build",
    )
    problems = pin_problems(page, root)
    assert problems == [
        f"{root}/docker/Dockerfile:3 pins `ghcr.io/astral-sh/uv:0.13.9`, which "
        "versions.rst does not list: add it to the table, with its end of support",
        f"{root}/docker/compose.yml:3 pins `valkey/valkey:9.1-trixie`, which "
        "versions.rst does not list: add it to the table, with its end of support",
    ]


def test_a_version_its_pins_do_not_say_is_reported(tmp_path: Path) -> None:
    page, root, _chapter = mini(tmp_path)
    replace(page, "   * - PostgreSQL\n     - 18\n", "   * - PostgreSQL\n     - 19\n")
    (problem,) = pin_problems(page, root)
    assert problem == (
        f"{page}:15: PostgreSQL is version 19, but its pin `postgres:18-trixie` "
        "does not say 19"
    )


def test_a_passed_date_names_the_component_and_what_to_move_to(
    tmp_path: Path,
) -> None:
    page, _root, _chapter = mini(tmp_path)
    replace(page, "2030-11-14", "2026-11-30")
    assert date_problems(page, datetime.date(2026, 11, 30)) == []
    assert date_problems(page, datetime.date(2026, 12, 1)) == [
        f"{page}:13: PostgreSQL 18 reached its end of support on 2026-11-30 "
        "(today is 2026-12-01): move to 19 or newer, in the example and on this page"
    ]


def test_a_month_counts_from_its_first_day(tmp_path: Path) -> None:
    page, _root, _chapter = mini(tmp_path)
    assert date_problems(page, datetime.date(2029, 9, 30)) == []
    (problem,) = [
        problem
        for problem in date_problems(page, datetime.date(2029, 10, 1))
        if "Python" in problem
    ]
    assert problem == (
        f"{page}:19: Python 3.13 reached its end of support on 2029-10 "
        "(today is 2029-10-01): move to 3.14 or newer, in the example and on this "
        "page"
    )


def test_a_malformed_or_uncited_date_is_reported(tmp_path: Path) -> None:
    page, _root, _chapter = mini(tmp_path)
    replace(page, "2030-11-14", "November 2030")
    replace(page, "`Status <https://devguide.python.org/versions/>`__", "Trust me.")
    assert date_problems(page, datetime.date(2026, 12, 1)) == [
        f"{page}:13: PostgreSQL: the end of support 'November 2030' is neither "
        f"YYYY-MM-DD, YYYY-MM nor {NO_DATE}",
        f"{page}:19: Python: the date 2029-10 cites no source",
    ]


def test_a_docker_minimum_the_chapter_does_not_state_is_reported(
    tmp_path: Path,
) -> None:
    page, _root, chapter = mini(tmp_path)
    replace(chapter, "Engine 25", "Engine 27")
    assert docker_minimum_problems(page, chapter) == [
        f"{page}:26: Docker Engine 'Engine 25 and Compose 2.24.4, or newer', but "
        f"{chapter}:1 requires Engine 27 and Compose 2.24.4"
    ]


def test_a_translation_that_drops_a_date_is_reported(tmp_path: Path) -> None:
    catalogue = tmp_path / "versions.po"
    shutil.copy(CATALOGUE, catalogue)
    replace(catalogue, 'msgstr "2030-11-14"', 'msgstr "14 Kasım 2030"')
    assert translation_problems(catalogue) == [
        "versions.po: '2030-11-14': the translation lacks 2030-11-14"
    ]
