"""Local stand-ins for the upstream images the guide's Docker files name.

No container registry is reachable on the project's machines, so the test
harness builds an image under each upstream tag (``postgres:18-trixie``, ...)
from Debian packages (Python from trixie, the services from forky), labelled
as a stand-in, implementing only the interface the guide relies on. Where the
real image is present or can be pulled, it is used instead.

* :mod:`~guide_standins.table`: the tags, their interface and versions.
* :mod:`~guide_standins.base`: the trixie and forky base images (cached
  root filesystems).
* :mod:`~guide_standins.build`: :func:`ensure_images`.
* ``images/``: one Dockerfile (and its scripts) per stand-in.

Needs Docker with the trixie and forky root filesystems in place: run
``bash .ci/docker-setup`` first.
"""

from guide_standins.build import Standin, ensure_images
from guide_standins.docker import StandinError
from guide_standins.table import STANDINS, UV_VERSION, Spec

__all__ = ["STANDINS", "UV_VERSION", "Spec", "Standin", "StandinError", "ensure_images"]
