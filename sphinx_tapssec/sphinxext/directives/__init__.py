"""The directives of sphinx-tapssec, one module per family."""
