"""A two-chapter guide used by the tests."""

project = "Mini guide"
extensions = ["guidekit.sphinxext"]
language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
gettext_location = False
exclude_patterns = ["_build", "locale"]
html_theme = "basic"
tangle_doctest_command = "python"
tangle_normalizers = {"duration": (r"\d+\.\d+s", "<duration>")}
