# A project that embeds the matrix; the test maps intersphinx "tapssec" to a home survey's objects.inv.
extensions = ["sphinx.ext.intersphinx", "sphinx_tapssec"]
project = "Host"
exclude_patterns = ["_build"]
