"""Helpers the tests import (``support.waiting``, ...) or run as scripts.

* :mod:`.ci`: whether this is a CI run, where nothing may skip.
* :mod:`.waiting`: poll a condition with a deadline (never a fixed sleep).
* :mod:`.repository`: the repository's settings, building outside it.
* :mod:`.sphinx_run`: sphinx-build in a child process, output captured.
* :mod:`.static_site`: a built folder served on 127.0.0.1.
* :mod:`.local_index`: a package index on 127.0.0.1, for ``uv lock``.
* :mod:`.docker`: the example's Compose stacks, for the Docker tests.
* ``amqp_probe.py``: run inside a container, not imported.

``benchmarks/`` imports some of them too (it puts ``tests/`` on the path).
"""
