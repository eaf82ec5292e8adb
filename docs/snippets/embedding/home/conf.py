# The survey site, in small: the bundled catalog, QUIC, DTLS, IPsec, two interfaces and the references.
extensions = ["sphinx_tapssec"]
project = "TAPS survey"
exclude_patterns = ["_build"]
