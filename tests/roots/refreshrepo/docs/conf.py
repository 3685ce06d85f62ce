"""A guide whose example locks two uv projects against a local index."""

project = "Refresh guide"
extensions = ["myst_parser", "guidekit.sphinxext"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
language = "en"
exclude_patterns = ["_build"]
html_theme = "basic"
tangle_doctest_command = "python"
tangle_normalizers: dict[str, tuple[str, str]] = {}
