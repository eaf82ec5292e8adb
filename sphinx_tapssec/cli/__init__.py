"""The ``tapssec`` command line: validate, export, diff, check, refresh and init (see :mod:`.main`)."""
