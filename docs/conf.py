"""Sphinx configuration of the sphinx-tapssec site: the living survey and the user guide."""

from __future__ import annotations

import sys
from pathlib import Path

project = "sphinx-tapssec"
author = "sphinx-tapssec developers"
copyright = "2026, sphinx-tapssec developers; survey content after draft-ietf-taps-transport-security-12"
from sphinx_tapssec import __version__

version = release = __version__

# _ext/cli_example.py: the CLI page's example output, produced by the command at build time.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# It also registers _ext/embedding_example.py: the embedding page's example, built by sphinx-build.
extensions = ["sphinx_tapssec", "sphinx_design", "cli_example"]

# The site renders the catalog bundled with the package (the repository's catalog/).
# tapssec_catalog = None

# snippets/ holds examples that the guide includes and the tests build; not pages of their own.
exclude_patterns = ["_build", "snippets"]
nitpicky = True
numfig = True
html_theme = "alabaster"
html_title = "sphinx-tapssec"
html_last_updated_fmt = None
# pydata-sphinx-theme and sphinx-book-theme: follow the reader's light or dark preference
# (without it their script logs an error on every page).
html_context = {"default_mode": "auto"}
latex_documents = [("index", "sphinx-tapssec.tex", "sphinx-tapssec", author, "manual")]
man_pages = [("index", "sphinx-tapssec", "sphinx-tapssec", [author], 7)]
texinfo_documents = [("index", "sphinx-tapssec", "sphinx-tapssec", author, "sphinx-tapssec", project, "Miscellaneous")]
epub_copyright = copyright
