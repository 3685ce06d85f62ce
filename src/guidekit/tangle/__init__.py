"""The tangle engine: steps in, a deterministic file tree out.

Nothing here imports Sphinx, so the CLI and the tests use it directly.
"""

from guidekit.tangle.engine import Tree, TreeFile, tangle
from guidekit.tangle.errors import TangleError
from guidekit.tangle.steps import (
    Action,
    CheckpointStep,
    CommandStep,
    DoctestStep,
    FileStep,
    Location,
    Step,
)

__all__ = [
    "Action",
    "CheckpointStep",
    "CommandStep",
    "DoctestStep",
    "FileStep",
    "Location",
    "Step",
    "TangleError",
    "Tree",
    "TreeFile",
    "tangle",
]
