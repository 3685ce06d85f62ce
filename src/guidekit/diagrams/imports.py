"""Which packages of a project import which, read from the code with ``ast``.

The units are the project package itself (its own modules) and each of its
direct subpackages (everything below one counts as that subpackage). An edge
``a -> b`` means some module of ``a`` imports from ``b``; imports inside a
unit, and of anything outside the project package, are no edges.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Mapping
from pathlib import PurePosixPath


class ImportGraphError(ValueError):
    """A module cannot be read; the message names its file and line."""


@dataclasses.dataclass(frozen=True)
class ImportGraph:
    """Units in name order, and (importer, imported) pairs, sorted."""

    units: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]

    def alone(self) -> tuple[str, ...]:
        """Units that import no other unit and that no other unit imports."""
        linked = {unit for edge in self.edges for unit in edge}
        return tuple(unit for unit in self.units if unit not in linked)


def _module_name(path: PurePosixPath) -> tuple[str, bool]:
    """(dotted module name, is a package's ``__init__``) of a ``.py`` path."""
    parts = path.with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _imported(tree: ast.Module, module: str, is_package: bool) -> list[str]:
    """Absolute names of what a module imports (``from a import b``: a.b)."""
    package = module if is_package else module.rpartition(".")[0]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names += [f"{base}.{alias.name}" for alias in node.names]
    return names


def import_graph(files: Mapping[str, str], package: str) -> ImportGraph:
    """The import graph of ``package`` in ``files`` (path -> Python source).

    Paths are relative to the folder that holds the package; other files are
    ignored. A module that does not parse raises :class:`ImportGraphError`.
    """
    modules = {
        path: PurePosixPath(path)
        for path in files
        if path.endswith(".py") and PurePosixPath(path).parts[0] == package
    }
    subpackages = {
        p.parts[1]
        for p in modules.values()
        if len(p.parts) == 3 and p.name == "__init__.py"
    }

    def unit_of(name: str) -> str | None:
        parts = name.split(".")
        if parts[0] != package:
            return None
        if len(parts) > 1 and parts[1] in subpackages:
            return f"{package}.{parts[1]}"
        return package

    units = {package} | {f"{package}.{sub}" for sub in subpackages}
    edges: set[tuple[str, str]] = set()
    for path, parsed in sorted(modules.items()):
        module, is_package = _module_name(parsed)
        try:
            tree = ast.parse(files[path], filename=path)
        except SyntaxError as error:
            raise ImportGraphError(
                f"{path}:{error.lineno}: cannot read its imports: {error.msg}"
            ) from None
        importer = unit_of(module)
        for name in _imported(tree, module, is_package):
            imported = unit_of(name)
            if importer and imported and imported != importer:
                edges.add((importer, imported))
    return ImportGraph(tuple(sorted(units)), tuple(sorted(edges)))


def graph_source(graph: ImportGraph) -> str:
    """DOT for ``graph``: an importer above what it imports."""
    # Package names are code: the monospaced face, as in the text.
    lines = ["digraph {", '  node [fontname="DejaVu Sans Mono"]']
    lines += [f'  "{unit}"' for unit in graph.units]
    lines += [f'  "{importer}" -> "{imported}"' for importer, imported in graph.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def describe(graph: ImportGraph, intro: str, edge: str, alone: str) -> str:
    """The graph in sentences, for readers who cannot see it.

    ``edge`` holds ``{importer}`` and ``{imported}``; ``alone`` holds
    ``{package}``; both are (translated) sentence templates.
    """
    sentences = [intro]
    sentences += [edge.format(importer=a, imported=b) for a, b in graph.edges]
    sentences += [alone.format(package=unit) for unit in graph.alone()]
    return " ".join(sentences)
