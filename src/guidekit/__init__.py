"""Tooling for the bilingual Django-layout guide.

The package has three layers, each usable without the one above it:

* :mod:`guidekit.tangle`: the tangle engine. Pure Python, no Sphinx import;
  it turns an ordered list of steps into a file tree and checks it.
* :mod:`guidekit.sphinxext`: the Sphinx extension whose directives show the
  example's files and commands and record them as steps.
* :mod:`guidekit.cli`: the ``guide`` command that ties both to the repository.
"""

__version__ = "0.1.0"
