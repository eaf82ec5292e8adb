"""Editions: the catalog as draft-12 and as RFC 8922, renames that keep links, and diffs from data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from catalogs import line_of, load, problem_keys, write_catalog
from helpers import BUNDLED_CONF, build, html_page, subtypes_of, warnings_of, write_project
from read_output import read_matrix

from sphinx_tapssec.cli.main import main
from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.editions import UnknownEditionError, apply_edition, diff
from sphinx_tapssec.model.loader import load_catalog

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx_tapssec.model.entities import Catalog

#: A small catalog's editions: ``two`` renames KU, relabels the reference and marks a cell.
EDITIONS = """\
editions:
  - id: one
    name: Edition One
    document: doc-one
    date: "2020-01"
  - id: two
    name: Edition Two
    document: doc-two
    date: "2021-01"
    based_on: one
    changes:
      - {kind: interface, key: ku, field: code, value: KEYUP}
      - {kind: interface, key: ku, field: name, value: Key Refresh}
      - {kind: reference, key: RFC0001, field: label, value: EXAMPLE}
      - {kind: cell, key: alpha/alg, value: exposed}
      - {kind: wording, key: "3.2", field: rekey, value: key update}
"""


@pytest.fixture(scope="module")
def survey() -> Catalog:
    result = load_catalog([bundled_catalog()])
    assert result.problems == ()
    return result.catalog


def _lines(catalog: Catalog, before: str, after: str) -> list[str]:
    return [str(difference) for difference in diff(catalog, before, after)]


def test_rfc8922_renames_pske_and_keeps_the_table(survey: Catalog) -> None:
    lines = _lines(survey, "draft-12", "rfc8922")
    assert "interface pske code: 'PSKE' -> 'SSKE'" in lines
    assert "interface pske name: 'Shared Secret Export' -> 'Shared Secret Key Export'" in lines
    # The RFC changed no cell of Table 1 and no protocol.
    assert not [line for line in lines if line.startswith(("cell ", "protocol "))]


def test_rfc8922_headings_and_references(survey: Catalog) -> None:
    lines = _lines(survey, "draft-12", "rfc8922")
    assert "phase pre-connection name: 'Pre-Connection Interfaces' -> 'Pre-connection Interfaces'" in lines
    assert "phase post-connection name: 'Post-Connection Interfaces' -> 'Post-connection Interfaces'" in lines
    assert "section 9 number: '9' -> (none)" in lines
    assert "section 10 number: '10' -> '9'" in lines
    assert "section 1.2 title: 'Non-Goals' -> 'Non-goals'" in lines
    versions = {line for line in lines if " version: " in line}
    assert versions == {
        "reference I-D.ietf-quic-transport version: '27' -> '31'",
        "reference I-D.ietf-quic-tls version: '27' -> '31'",
        "reference I-D.ietf-taps-arch version: '07' -> '08'",
        "reference I-D.ietf-taps-interface version: '06' -> '09'",
        "reference I-D.ietf-tls-dtls13 version: '37' -> '38'",
    }
    assert "wording section 4.3: 'ENO' -> 'TCP-ENO' (the label of the TCP Encryption Negotiation Option)" in lines


def test_diff_backwards_mirrors_forwards(survey: Catalog) -> None:
    forwards = diff(survey, "draft-12", "rfc8922")
    backwards = diff(survey, "rfc8922", "draft-12")
    assert {(d.kind, d.subject, d.field, d.before, d.after) for d in forwards} == {
        (d.kind, d.subject, d.field, d.after, d.before) for d in backwards
    }
    assert diff(survey, "rfc8922", "rfc8922") == []


def test_applied_edition_keeps_keys_and_answers_to_old_codes(survey: Catalog) -> None:
    rfc = apply_edition(survey, "rfc8922")
    assert rfc.edition == "rfc8922"
    secret = rfc.interface("PSKE")
    assert secret is not None and secret is rfc.interface("SSKE")
    assert (secret.code, secret.key, secret.aliases) == ("SSKE", "pske", ("PSKE",))
    tls = rfc.protocol("tls")
    assert tls is not None and "SSKE" in tls.interface_codes and "PSKE" not in tls.interface_codes
    # The catalog as written is draft-12, where the old code is the current one.
    draft = apply_edition(survey, None)
    assert draft.edition == "draft-12"
    assert draft.interface("SSKE") is draft.interface("PSKE")
    with pytest.raises(UnknownEditionError):
        apply_edition(survey, "rfc9999")


def test_cell_and_label_changes_in_a_small_catalog(tmp_path: Path) -> None:
    result = load(write_catalog(tmp_path, {"editions.yaml": EDITIONS}))
    assert result.problems == ()
    lines = _lines(result.catalog, "one", "two")
    assert "cell alpha/alg: (none) -> 'exposed'" in lines
    assert "reference RFC0001 label: (none) -> 'EXAMPLE'" in lines
    assert "wording section 3.2: 'rekey' -> 'key update'" in lines
    two = apply_edition(result.catalog, "two")
    alpha = two.protocol("alpha")
    assert alpha is not None and alpha.interface_codes == ("IPK", "KEYUP", "ALG")
    # Qualifiers stay with the renamed cell.
    exposure = alpha.exposure("KEYUP")
    assert exposure is not None and exposure.note == "version 2 only"
    one = apply_edition(result.catalog, "one")
    assert one.protocol("alpha").interface_codes == ("IPK", "KU")  # type: ignore[union-attr]


BAD_EDITIONS = [
    ("unknown-base", "    based_on: one\n", "    based_on: nowhere\n", "based_on: nowhere", "edition"),
    (
        "unknown-interface",
        "{kind: interface, key: ku, field: code",
        "{kind: interface, key: zz, field: code",
        "key: zz",
        "unknown_interface",
    ),
    ("bad-field", "key: ku, field: name,", "key: ku, field: colour,", "field: colour", "edition"),
    ("bad-cell-value", "alpha/alg, value: exposed", "alpha/alg, value: maybe", "value: maybe", "edition"),
    ("unknown-cell-protocol", "alpha/alg", "omega/alg", "omega/alg", "unknown_protocol"),
    ("bad-kind", "{kind: wording", "{kind: paragraph", "kind: paragraph", "invalid_value"),
]


@pytest.mark.parametrize(("name", "old", "new", "needle", "subtype"), BAD_EDITIONS, ids=[b[0] for b in BAD_EDITIONS])
def test_bad_edition_data_is_located(tmp_path: Path, name: str, old: str, new: str, needle: str, subtype: str) -> None:
    text = EDITIONS.replace(old, new)
    assert text != EDITIONS
    result = load(write_catalog(tmp_path, {"editions.yaml": text}))
    assert problem_keys(result) == [("editions.yaml", line_of(text, needle), subtype)]
    # Everything else still applies.
    apply_edition(result.catalog, "one")


def test_two_base_editions(tmp_path: Path) -> None:
    text = EDITIONS.replace("    based_on: one\n", "")
    result = load(write_catalog(tmp_path, {"editions.yaml": text}))
    assert problem_keys(result) == [("editions.yaml", 2, "edition")]
    assert "exactly one edition must have no based_on" in result.problems[0].message


# --- Sphinx -----------------------------------------------------------------------------------

PAGE = """\
Survey
======

.. interface-matrix::

.. interface:: PSKE

Old code :tapssec:iface:`PSKE`, new code :tapssec:iface:`SSKE`, cited [#]_ :tapssec:ref:`I-D.ietf-quic-tls`.

Queries take either code: :tapssec:count:`exposes(PSKE)` and :tapssec:count:`exposes(SSKE)`.

.. [#] A footnote.

.. reference-list::
"""


def _project(directory: Path, conf: str, page: str = PAGE) -> Path:
    return write_project(directory, page, BUNDLED_CONF + conf)


@pytest.mark.parametrize(
    ("edition", "code", "label"), [("draft-12", "PSKE", "[I-D.ietf-quic-tls]"), ("rfc8922", "SSKE", "[QUIC-TLS]")]
)
def test_site_renders_the_configured_edition(tmp_path: Path, edition: str, code: str, label: str) -> None:
    app = build(_project(tmp_path, f"tapssec_edition = {edition!r}\n"))
    try:
        assert warnings_of(app) == []
        page = html_page(app)
        header = read_matrix(page.find("table", class_="tapssec-matrix")).codes
        assert code in header and ({"PSKE", "SSKE"} - {code}) & set(header) == set()
        links = [a for a in page.find_all("a") if a.attrs.get("href") == "#tapssec-interface-pske"]
        # Both codes link to the one interface, at an anchor named by its stable key; the matrix
        # header links there too.
        assert [a.text() for a in links].count(code) >= 3
        citations = [
            a.text() for a in page.find_all("a") if a.attrs.get("href") == "#tapssec-reference-i-d-ietf-quic-tls"
        ]
        assert citations and set(citations) == {label}
        assert "Queries take either code: 6 and 6." in page.text()
    finally:
        app.cleanup()


def test_unknown_edition_warns_and_shows_the_catalog_as_written(tmp_path: Path) -> None:
    app = build(_project(tmp_path, 'tapssec_edition = "rfc9999"\n'))
    try:
        warnings = warnings_of(app)
        assert subtypes_of(warnings) == ["edition"]
        assert "unknown edition 'rfc9999' (editions: draft-12, rfc8922)" in warnings[0]
        page = html_page(app)
        assert "PSKE" in read_matrix(page.find("table", class_="tapssec-matrix")).codes
    finally:
        app.cleanup()


MATRIX_PAGE = """\
Matrices
========

.. interface-matrix::
   :edition: rfc8922
   :interfaces: IPK, PSKE

.. interface-matrix::
   :edition: rfc9999
"""


def test_matrix_of_another_edition(tmp_path: Path) -> None:
    app = build(_project(tmp_path, "", MATRIX_PAGE))
    try:
        warnings = warnings_of(app)
        assert subtypes_of(warnings) == ["edition"]
        assert "index.rst:8:" in warnings[0] and "interface-matrix: unknown edition 'rfc9999'" in warnings[0]
        page = html_page(app)
        rfc, site = (read_matrix(table) for table in page.find_all("table", class_="tapssec-matrix"))
        assert rfc.codes == ("IPK", "SSKE")
        assert rfc.rows["TLS"] == {"IPK", "SSKE"}
        assert "PSKE" in site.codes  # the unknown edition falls back to the site's
    finally:
        app.cleanup()


DIFF_PAGE = """\
Changes
=======

.. edition-diff:: draft-12 rfc8922
   :kinds: interface, section

.. edition-diff:: draft-12 rfc9999

.. edition-diff:: rfc8922 rfc8922

.. edition-diff:: draft-12 rfc8922
   :kinds: interface, colour
"""


@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_edition_diff_directive(tmp_path: Path, builder: str) -> None:
    app = build(_project(tmp_path, "", DIFF_PAGE), builder)
    try:
        warnings = warnings_of(app)
        assert subtypes_of(warnings) == ["edition", "option"]
        assert "index.rst:7:" in warnings[0] and "unknown edition 'rfc9999'" in warnings[0]
        assert "unknown kind 'colour'" in warnings[1]
        output = next(
            app.outdir.glob("*.tex" if builder == "latex" else f"index.{'txt' if builder == 'text' else builder}")
        )
        text = output.read_text(encoding="utf-8").replace(r"\sphinxhyphen{}", "-")
        assert "No differences between RFC 8922 and RFC 8922." in text
        assert "Shared Secret Key Export" in text and "Post-connection Interfaces" in text
        assert "QUIC-TLS" not in text  # :kinds: left the references out
    finally:
        app.cleanup()


def test_edition_diff_table_rows(tmp_path: Path) -> None:
    app = build(_project(tmp_path, "", ".. edition-diff:: draft-12 rfc8922\n   :kinds: interface\n"))
    try:
        page = html_page(app)
        (table,) = page.find_all("table", class_="tapssec-edition-diff")
        rows = [[cell.text().strip() for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]
        assert rows == [
            ["Interface", "pske", "code", "PSKE", "SSKE"],
            ["Interface", "pske", "name", "Shared Secret Export", "Shared Secret Key Export"],
        ]
    finally:
        app.cleanup()


# --- command line ------------------------------------------------------------------------------


def test_cli_diff(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "draft-12", "rfc8922"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert "interface pske code: 'PSKE' -> 'SSKE'" in lines
    assert err.strip() == f"{len(lines)} differences from draft-12 to rfc8922"


def test_cli_unknown_edition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "draft-12", "rfc9999"]) == 2
    assert main(["matrix", "--edition", "nope"]) == 2
    _, err = capsys.readouterr()
    assert "tapssec diff: unknown edition 'rfc9999' (editions: draft-12, rfc8922)" in err
    assert "tapssec matrix: unknown edition 'nope'" in err


def test_cli_matrix_and_export_per_edition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix", "--edition", "rfc8922"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert "SSKE" in header and "PSKE" not in header
    assert main(["export", "--format", "csv", "--edition", "draft-12"]) == 0
    assert "PSKE" in capsys.readouterr().out.splitlines()[0]
