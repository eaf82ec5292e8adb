extensions = ["sphinx_tapssec", "sphinx_design"]
tapssec_catalog = "catalog"
exclude_patterns = ["_build"]
