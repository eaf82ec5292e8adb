extensions = ["sphinx_tapssec"]
tapssec_catalog = "catalog"
tapssec_extra_catalogs = ["extra"]
exclude_patterns = ["_build"]
