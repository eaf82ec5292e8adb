"""Handlers for the Sphinx build's events, one job each.

Loading the catalog, incremental rebuilds, end-of-read checks, links home, HTML assets and the
collector pause: each module here is connected to one or two events in ``setup()``.
"""
