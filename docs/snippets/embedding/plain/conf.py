# A project without the extension: it links to the survey's entries by their std labels.
extensions = ["sphinx.ext.intersphinx"]
project = "Plain"
exclude_patterns = ["_build"]
