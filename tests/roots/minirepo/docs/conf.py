"""A two-chapter guide used by the tests."""

project = "Mini guide"
extensions = ["guidekit.sphinxext", "sphinx_copybutton"]
# As the guide's: the build refuses a command block the button would miscopy.
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
# A blank output line would be copied as a blank line: copy commands only.
copybutton_copy_empty_lines = False
copybutton_line_continuation_character = "\\"
language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
gettext_location = False
exclude_patterns = ["_build", "locale"]
html_theme = "basic"
tangle_doctest_command = "python"
# Archives take the files commands made from the tangled example.
tangle_example_root = "../examples/demo"
tangle_normalizers = {"duration": (r"\d+\.\d+s", "<duration>")}
