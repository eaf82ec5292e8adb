"""Benchmarks of sphinx-tapssec against a plain reStructuredText floor (``make bench``)."""
