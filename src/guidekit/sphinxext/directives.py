"""The directives a chapter uses to show the example project.

Each subclasses Sphinx's ``CodeBlock`` and only adds attributes to the
``literal_block`` it renders (see :mod:`guidekit.sphinxext.nodes`), so the
output is an ordinary highlighted, copyable block.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import CodeBlock
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from guidekit.sphinxext import attributes as attr
from guidekit.sphinxext.language import guess_language
from guidekit.tangle.steps import Action

_ = get_translation("guidekit")

TIERS = ("docker", "network")


def _words(argument: str | None) -> list[str]:
    return (argument or "").replace(",", " ").split()


def _yes_no(argument: str | None) -> str:
    value = (argument or "yes").strip().lower()
    if value not in {"yes", "no"}:
        raise ValueError("expected 'yes', 'no' or nothing")
    return value


def _tiers(argument: str | None) -> list[str]:
    words = _words(argument)
    unknown = sorted(set(words) - set(TIERS))
    if unknown:
        raise ValueError(f"unknown tier {unknown[0]!r}; known: {', '.join(TIERS)}")
    return words


def _literal(result: list[nodes.Node]) -> nodes.literal_block:
    """The literal block inside what ``CodeBlock.run`` returned."""
    for node in result:
        if isinstance(node, nodes.literal_block):
            return node
        if isinstance(node, nodes.Element):
            found = next(node.findall(nodes.literal_block), None)
            if found is not None:
                return found
    raise AssertionError("CodeBlock returned no literal block")


# What the caption adds after the path; creating a file needs no word.
_ACTION_LABELS = {
    Action.CREATE.value: "",
    Action.REPLACE.value: _("replace the file"),
    Action.APPEND.value: _("append to the file"),
    Action.REGION.value: "",
}


class FileDirective(CodeBlock):
    """Show a file of the example project and write it in the tangle."""

    required_arguments = 1
    optional_arguments = 0
    option_spec: ClassVar[OptionSpec] = {
        **CodeBlock.option_spec,
        "action": lambda a: directives.choice(a, [x.value for x in Action]),
        "region": directives.unchanged_required,
        "executable": _yes_no,
        "language": directives.unchanged_required,
        "show": lambda a: directives.choice(a, ["file", "diff"]),
    }

    arguments: list[str]

    def run(self) -> list[nodes.Node]:
        path = self.arguments[0]
        action = self.options.get("action", Action.CREATE.value)
        if (action == Action.REGION.value) != ("region" in self.options):
            raise self.error(":region: NAME goes with :action: region, and only there")
        self.arguments = [self.options.get("language") or guess_language(path)]
        self.options.pop("caption", None)  # the caption is the path, always
        literal = _literal(super().run())
        show = self.options.get("show", "file")
        literal["classes"] += [
            "tangle-file",
            f"tangle-action-{action}",
            f"tangle-show-{show}",
        ]
        literal[attr.KIND] = "file"
        literal[attr.PATH] = path
        literal[attr.ACTION] = action
        literal[attr.SHOW] = show
        if "region" in self.options:
            literal[attr.REGION] = self.options["region"]
            literal["classes"].append(f"tangle-region-{self.options['region']}")
        if "executable" in self.options:
            literal[attr.EXECUTABLE] = self.options["executable"]
            literal["classes"].append(f"tangle-executable-{self.options['executable']}")
        return [self._captioned(literal, path, action)]

    def _captioned(
        self, literal: nodes.literal_block, path: str, action: str
    ) -> nodes.container:
        """Wrap like a ``:caption:``d code block, the path taken literally.

        Sphinx would parse a caption as inline markup (``__init__.py`` is not
        safe there) and offer it for translation; a path is neither.
        """
        caption = nodes.caption(path, path)
        caption["translatable"] = False
        labels = [_ACTION_LABELS[action]]
        if action == Action.REGION.value:
            labels = [_("region %s") % self.options["region"]]
        if self.options.get("show") == "diff":
            labels = [_("changes")]
        if self.options.get("executable") == "yes":
            labels.append(_("executable"))
        text = ", ".join(str(label) for label in labels if label)
        if text:
            caption += nodes.inline("", f" ({text})", classes=["tangle-action"])
        self.set_source_info(caption)
        wrapper = nodes.container("", caption, literal, literal_block=True)
        wrapper["classes"].append("literal-block-wrapper")
        self.set_source_info(wrapper)
        self.add_name(wrapper)
        return wrapper


class CommandDirective(CodeBlock):
    """Commands the reader types, with their output, run by the tests."""

    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[OptionSpec] = {
        **CodeBlock.option_spec,
        "needs": _tiers,
        "creates": _words,
        "reuses": _words,
        "normalize": _words,
        "returncode": directives.nonnegative_int,
        "hide-output": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        if not self.content or not self.content[0].startswith("$ "):
            raise self.error("a command block starts with a '$ ' prompt line")
        known = self.config.tangle_normalizers
        for name in self.options.get("normalize", []):
            if name not in known:
                declared = ", ".join(sorted(known))
                raise self.error(
                    f"unknown normalizer {name!r}; conf.py declares: {declared}"
                )
        creates = self.options.get("creates", [])
        strays = [p for p in self.options.get("reuses", []) if p not in creates]
        if strays:
            raise self.error(
                f":reuses: names {', '.join(strays)}, which :creates: does not list"
            )
        self.arguments = ["console"]
        result = super().run()
        literal = _literal(result)
        literal[attr.KIND] = "command"
        literal[attr.NEEDS] = self.options.get("needs", [])
        literal[attr.CREATES] = creates
        literal[attr.REUSES] = self.options.get("reuses", [])
        literal[attr.NORMALIZE] = self.options.get("normalize", [])
        literal[attr.RETURNCODE] = self.options.get("returncode", 0)
        literal[attr.HIDE_OUTPUT] = "hide-output" in self.options
        if literal[attr.CREATES]:
            literal["classes"].append("tangle-creates")
        # As regions do: the HTML says which committed files a clone has.
        literal["classes"] += [f"tangle-reuses-{path}" for path in literal[attr.REUSES]]
        return result


class IllustrationDirective(CodeBlock):
    """A block that is neither tangled nor run; ``:reason:`` says why."""

    option_spec: ClassVar[OptionSpec] = {
        **CodeBlock.option_spec,
        "reason": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        if not self.options.get("reason", "").strip():
            raise self.error(
                "an illustration needs a :reason: saying why it is not run"
            )
        result = super().run()
        _literal(result)[attr.KIND] = "illustration"
        return result


class CheckpointDirective(SphinxDirective):
    """The end of a chapter: the example must work as it stands here."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        note = nodes.admonition(classes=["tangle-checkpoint"])
        note[attr.CHECKPOINT] = name
        self.set_source_info(note)
        title = nodes.title("", _("Checkpoint: %s") % name)
        title["translatable"] = False  # our catalogue translates it, not the docs'
        note += title
        if self.content:
            note += self.parse_content_to_nodes()
        return [note]
