"""What sphinx-copybutton puts on the clipboard for a block, computed at build time.

A port of ``formatCopyText`` from sphinx-copybutton's ``copybutton_funcs.js``
(0.5.x), driven by the same ``copybutton_*`` settings, so that the build can
refuse a command block whose copied text is not what the tests run. The
browser test ``tests/website/test_copied_commands.py`` holds this port to the
real script.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from sphinx.config import Config

# sphinx-copybutton's defaults for the settings it reads.
_DEFAULTS: dict[str, object] = {
    "copybutton_prompt_text": "",
    "copybutton_prompt_is_regexp": False,
    "copybutton_only_copy_prompt_lines": True,
    "copybutton_remove_prompts": True,
    "copybutton_copy_empty_lines": True,
    "copybutton_line_continuation_character": "",
    "copybutton_here_doc_delimiter": "",
}


@dataclasses.dataclass(frozen=True)
class CopyRules:
    """The ``copybutton_*`` settings that decide what a copy takes."""

    prompt: str
    prompt_is_regexp: bool
    only_prompt_lines: bool
    remove_prompts: bool
    copy_empty_lines: bool
    continuation: str
    here_doc: str

    @classmethod
    def from_config(cls, config: Config) -> CopyRules:
        """The rules a Sphinx ``config`` sets (copybutton registered them)."""
        return cls.from_values({name: getattr(config, name) for name in _DEFAULTS})

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> CopyRules:
        """The rules in ``values`` (a conf.py's names), copybutton's defaults else."""

        def get(name: str) -> object:
            return values.get(name, _DEFAULTS[name])

        return cls(
            prompt=str(get("copybutton_prompt_text")),
            prompt_is_regexp=bool(get("copybutton_prompt_is_regexp")),
            only_prompt_lines=bool(get("copybutton_only_copy_prompt_lines")),
            remove_prompts=bool(get("copybutton_remove_prompts")),
            copy_empty_lines=bool(get("copybutton_copy_empty_lines")),
            continuation=str(get("copybutton_line_continuation_character")),
            here_doc=str(get("copybutton_here_doc_delimiter")),
        )


def copied_text(text: str, rules: CopyRules) -> str:
    """The clipboard's text after a click on the copy button of ``text``."""
    prompt = rules.prompt if rules.prompt_is_regexp else re.escape(rules.prompt)
    pattern = re.compile(f"^({prompt})(.*)")
    lines: list[str] = []
    any_prompt = in_continuation = in_here_doc = False
    for line in text.split("\n"):
        match = pattern.match(line)
        if match or in_continuation or in_here_doc:
            if match:
                any_prompt = True
            lines.append(match[2] if rules.remove_prompts and match else line)
            in_continuation = bool(rules.continuation) and line.endswith(
                rules.continuation
            )
            if rules.here_doc and rules.here_doc in line:
                in_here_doc = not in_here_doc
        elif not rules.only_prompt_lines or (
            rules.copy_empty_lines and not line.strip()
        ):
            lines.append(line)
    if any_prompt:
        text = "\n".join(lines)
    return text.removesuffix("\n")
