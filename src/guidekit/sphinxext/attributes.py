"""Node attribute names shared by the directives and the collector.

The directives emit ordinary ``literal_block`` nodes tagged with these
attributes, so every builder, furo and sphinx-copybutton render them unchanged.
"""

KIND = "tangle_kind"  # "file", "command", "illustration"
PATH = "tangle_path"
ACTION = "tangle_action"
REGION = "tangle_region"
EXECUTABLE = "tangle_executable"  # "yes", "no" or absent
SHOW = "tangle_show"  # "file" or "diff"
NEEDS = "tangle_needs"
CREATES = "tangle_creates"
REUSES = "tangle_reuses"
NORMALIZE = "tangle_normalize"
RETURNCODE = "tangle_returncode"
HIDE_OUTPUT = "tangle_hide_output"
SERVES = "tangle_serves"  # [[url, status, fragment], ...]
CHECKPOINT = "tangle_checkpoint"
