"""Everything that runs inside a Sphinx build: the domain, roles, directives, rendering and event handlers.

Nothing in :mod:`sphinx_tapssec.model` or :mod:`sphinx_tapssec.query` imports from here.
"""
