"""Sphinx configuration of the twitter project's documentation."""

project = "twitter"
author = "The twitter developers"
copyright = "2026, the twitter developers"

extensions: list[str] = []
html_theme = "furo"
exclude_patterns = ["_build", ".venv"]
