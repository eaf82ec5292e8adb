"""Which catalog URLs may become links (the rule is stated in the user guide)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

#: The schemes allowed when a project does not set ``tapssec_url_schemes``.
DEFAULT_SCHEMES = ("https", "http")


def safe_url(url: str | None, schemes: Sequence[str] = DEFAULT_SCHEMES) -> bool:
    """Whether *url* may become a link: an allowed scheme, a host, and no white space or control characters."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in {scheme.lower() for scheme in schemes} and bool(parts.netloc)
