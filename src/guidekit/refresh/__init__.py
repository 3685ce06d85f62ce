"""``guide refresh``: move the guide's ``exclude-newer`` date and re-resolve.

``dates`` parses the cut-off, ``blocks`` and ``own`` find the lines to move
(in the docs' pyproject.toml blocks, in this repository's pyproject.toml),
``files`` writes them atomically, ``lockdiff`` compares lock files, ``run``
orders the steps and ``command`` is the CLI entry.
"""
