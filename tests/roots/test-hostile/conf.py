extensions = ["sphinx_tapssec"]
tapssec_catalog = "catalog"
exclude_patterns = ["_build"]
