"""Diagrams of the guide: Graphviz sources with translatable labels, no Sphinx.

``dot`` finds and replaces the labels of a DOT source, ``svg`` turns what
Graphviz drew into markup a page can hold, and ``imports`` draws which
packages of the example import which.
"""
