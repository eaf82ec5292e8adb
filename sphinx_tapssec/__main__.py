"""``python -m sphinx_tapssec``."""

from sphinx_tapssec.cli.main import main

raise SystemExit(main())
