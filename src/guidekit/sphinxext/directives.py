"""The directives a chapter uses to show the example project.

Each subclasses Sphinx's ``CodeBlock`` and only adds attributes to the
``literal_block`` it renders (see :mod:`guidekit.sphinxext.nodes`), so the
output is an ordinary highlighted, copyable block.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.directives.code import CodeBlock
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from guidekit.sphinxext import attributes as attr
from guidekit.sphinxext.collect import parse_commands
from guidekit.sphinxext.copied import CopyRules, copied_text
from guidekit.sphinxext.language import guess_language
from guidekit.sphinxext.placeholders import find_placeholder
from guidekit.tangle.served import parse_answers
from guidekit.tangle.steps import Action, Answer, Command

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


def _answers(argument: str | None) -> tuple[Answer, ...]:
    return parse_answers(argument or "")


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


def _raw_lines(source: str) -> list[str]:
    try:
        return Path(source).read_text(encoding="utf-8", newline="").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # not a file (a string source): the content is all we have


def _raw_line(content: StringList, index: int, tab_width: int) -> tuple[str, str]:
    """(line as the source file holds it, where) for reST content line ``index``.

    reST offsets are 0-based lines of the source file; a line that does not
    match (an include, a transform) falls back to the parsed text.
    """
    line = content[index]
    source, offset = content.info(index)
    if source is None or offset is None:
        return line, f"line {index + 1} of the block"
    lines = _raw_lines(source)
    raw = lines[offset] if 0 <= offset < len(lines) else ""
    # The parsed line is the raw one, tabs expanded, minus the indentation.
    expanded = raw.expandtabs(tab_width).rstrip()
    if not (expanded.endswith(line) if line else expanded == ""):
        return line, f"line {index + 1} of the block"
    return raw, f"line {offset + 1}"


def byte_problem(content: StringList, tab_width: int, rest: bool) -> str | None:
    """Why the written file would not be the bytes of the source, or None.

    reST expands tabs and strips trailing whitespace before any directive
    sees the text, so its lines are read back from the source file; MyST
    keeps both. Trailing whitespace is refused in both (readers cannot see
    it); a tab only where reST would lose it.
    """
    for index, line in enumerate(content):
        if rest:
            raw, where = _raw_line(content, index, tab_width)
        else:
            raw, where = line, f"line {index + 1} of the block"
        if raw != raw.rstrip():
            return f"{where} ends with whitespace; remove it (readers cannot see it)"
        if "\t" in raw and "\t" not in line:
            return (
                f"{where} holds a tab, which reST turns into spaces; put this block"
                " in a MyST (.md) page, which keeps tabs, or indent without tabs"
            )
    return None


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
        # MyST runs directives through its own mock state; reST does not.
        rest = not type(self.state).__module__.startswith("myst_parser")
        settings = self.state.document.settings
        problem = byte_problem(self.content, settings.tab_width, rest)
        if problem:
            raise self.error(f"{path}: {problem}")
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
        "serves": _answers,
    }

    def run(self) -> list[nodes.Node]:
        if not self.content or not self.content[0].startswith("$ "):
            raise self.error("a command block starts with a '$ ' prompt line")
        commands = parse_commands("\n".join(self.content))
        self._check_copied(commands)
        if "serves" in self.options:
            self._check_served(commands)
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
        literal["classes"].append("tangle-command")
        literal[attr.NEEDS] = self.options.get("needs", [])
        literal[attr.CREATES] = creates
        literal[attr.REUSES] = self.options.get("reuses", [])
        literal[attr.NORMALIZE] = self.options.get("normalize", [])
        literal[attr.RETURNCODE] = self.options.get("returncode", 0)
        literal[attr.HIDE_OUTPUT] = "hide-output" in self.options
        literal[attr.SERVES] = [
            [a.url, a.status, a.fragment] for a in self.options.get("serves", ())
        ]
        if literal[attr.SERVES]:
            literal["classes"].append("tangle-serves")
        if literal[attr.CREATES]:
            literal["classes"].append("tangle-creates")
        # As regions do: the HTML says which committed files a clone has.
        literal["classes"] += [f"tangle-reuses-{path}" for path in literal[attr.REUSES]]
        return result

    def _check_copied(self, commands: tuple[Command, ...]) -> None:
        """The copy button must copy exactly the commands the tests run."""
        for command in commands:
            placeholder = find_placeholder(command.line)
            if placeholder:
                raise self.error(
                    f"`{command.line}` holds the placeholder {placeholder!r}: a"
                    " command the tests run must run as the reader copies it"
                )
        if "sphinx_copybutton" not in self.config.extensions:
            return
        rules = CopyRules.from_config(self.config)
        # As the browser reads the rendered block: a newline ends every line.
        copied = copied_text("".join(f"{line}\n" for line in self.content), rules)
        ran = "\n".join(command.line for command in commands)
        if copied != ran:
            raise self.error(
                "the copy button would copy other text than the commands the"
                " tests run (an output line that looks like a prompt?);"
                f" copied:\n{copied}\nrun:\n{ran}"
            )

    def _check_served(self, commands: tuple[Command, ...]) -> None:
        """A served command stands alone, shows no output and makes no files."""
        if len(commands) != 1 or commands[0].output.strip():
            raise self.error(
                ":serves: takes one command and no output lines (a server's"
                " output is not compared; the URLs' answers are)"
            )
        options = ("creates", "returncode", "hide-output")
        clashing = [name for name in options if name in self.options]
        if clashing:
            raise self.error(f":serves: cannot be combined with :{clashing[0]}:")


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
