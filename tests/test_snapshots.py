"""Snapshots of the normalised doctree of ``test-basic``, before and after the post-transforms.

A change to what the directives build shows up here as a reviewable diff. After an intended
change, regenerate with ``pytest tests/test_snapshots.py --force-regen`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import docutils
import pytest

if TYPE_CHECKING:
    from docutils import nodes
    from pytest_regressions.file_regression import FileRegressionFixture
    from sphinx.application import Sphinx
    from sphinx.testing.util import SphinxTestApp

SNAPSHOTS = Path(__file__).parent / "snapshots"
#: docutils changes its pseudo-XML between minor versions, so each keeps its own snapshots
#: (the oldest supported Sphinx comes with an older docutils than the newest).
DOCUTILS = "docutils-{}.{}".format(*docutils.__version_info__[:2])


def _normalise(doctree: nodes.document, app: SphinxTestApp) -> str:
    """Pseudo-XML without the machine-specific source paths."""
    return str(doctree.pformat()).replace(str(app.srcdir), "<srcdir>")


def _build_resolved(app: SphinxTestApp, docname: str) -> str:
    """Build, keeping the doctree of *docname* as the writer receives it (after every post-transform)."""
    resolved: list[str] = []

    def keep(app_: Sphinx, doctree: nodes.document, name: str) -> None:
        if name == docname:
            resolved.append(_normalise(doctree, app))

    app.connect("doctree-resolved", keep)
    app.build()
    (text,) = resolved
    return text


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic")
def test_doctree_before_post_transforms(app: SphinxTestApp, file_regression: FileRegressionFixture) -> None:
    app.build()
    doctree = app.env.get_doctree("index")
    text = _normalise(doctree, app)
    assert "<pending_xref" in text  # links are resolved later, by the domain
    file_regression.check(text, fullpath=SNAPSHOTS / f"basic-index.read.{DOCUTILS}.xml", encoding="utf-8")


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic")
def test_doctree_after_post_transforms_html(app: SphinxTestApp, file_regression: FileRegressionFixture) -> None:
    text = _build_resolved(app, "index")
    assert "<pending_xref" not in text
    assert '<exposure_mark mark="x" spoken=" (Alpha exposes IPK)">' in text  # the HTML writer's spans
    file_regression.check(text, fullpath=SNAPSHOTS / f"basic-index.html.{DOCUTILS}.xml", encoding="utf-8")


@pytest.mark.sphinx("text", testroot="basic", srcdir="basic")
def test_doctree_after_post_transforms_text(app: SphinxTestApp, file_regression: FileRegressionFixture) -> None:
    text = _build_resolved(app, "index")
    assert "tapssec-a11y" not in text  # screen-reader text is for HTML only
    assert "exposure_mark" not in text
    file_regression.check(text, fullpath=SNAPSHOTS / f"basic-index.text.{DOCUTILS}.xml", encoding="utf-8")
