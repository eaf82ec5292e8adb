extensions = ["sphinx_tapssec"]
exclude_patterns = ["_build"]
