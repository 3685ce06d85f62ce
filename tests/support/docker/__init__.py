"""Build and run the example's Docker stacks, for the tests and the benchmark.

Each stack runs in a copy of the tangled example (the guide's files are never
edited) under a Compose project of its own, which also names its images. A
Compose override in the copy's parent folder publishes only the ports a test
needs, on 127.0.0.1 and on ports the system picks. No pytest in here:
``benchmarks/docker.py`` uses it too. The docker CLI runs through
:func:`guide_standins.docker.docker`.

* :mod:`.example`: a reader's copy of the example, and a server's settings.
* :mod:`.dockerfiles`: which upstream images a Dockerfile or a stack names.
* :mod:`.compose`: a stack (:class:`~.compose.Stack`), and sweeping projects.
* :mod:`.healthchecks`: what the containers' healthchecks did.
* :mod:`.client`: talking to a stack from the host (HTTP, TLS).
* :mod:`.guide_images`: the images a replay of the whole guide needs.
"""
