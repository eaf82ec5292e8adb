"""``python -m sphinx_tapssec``."""

from sphinx_tapssec.cli import main

raise SystemExit(main())
