"""Reference status: ``status.yaml`` loaded and checked, shown in the reference list and the tooltips,
the opt-in ``obsolete_citation`` warning, and ``tapssec refresh-status``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from catalogs import HEADER, line_of, load, problem_keys, write_catalog
from helpers import build_once, rebuild, subtypes_of, touch, write_project
from read_output import parse_html

from sphinx_tapssec.cli.main import main
from sphinx_tapssec.cli.refresh_status import status_text
from sphinx_tapssec.model.entities import Reference, ReferenceStatus, Source
from sphinx_tapssec.model.reference_status import obsolete_message, rfc_label, rfc_url, tooltip_words

if TYPE_CHECKING:
    pass

FIXTURE = Path(__file__).parent / "fixtures" / "rfc-index.xml"
#: A parallel read reports chunks of documents: ``reading sources... [ 50%] a .. f``.
PARALLEL_READ = re.compile(r"reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+")

REFERENCES = """\
references:
  - id: I-D.ietf-quic-transport
    kind: internet-draft
    title: "QUIC: A UDP-Based Multiplexed and Secure Transport"
    draft: draft-ietf-quic-transport
    version: "27"
  - id: PAPER
    kind: paper
    title: A Paper
  - id: RFC0001
    kind: rfc
    title: An Example Protocol
    rfc: 1
  - id: RFC0002
    kind: rfc
    title: Another Example
    rfc: 2
"""

STATUS = """\
status:
  as_of: "2026-10-07"
  source: a test index
  entries:
    - reference: I-D.ietf-quic-transport
      published_as: RFC9000
    - reference: RFC0001
      obsoleted_by: [RFC0003]
      updated_by: [RFC0004, RFC10015]
    - reference: RFC0002
"""

#: Line 4 cites two references, line 6 renders alpha (whose description cites [RFC0001]).
INDEX = """\
Status
======

Cites :tapssec:ref:`RFC0001` and :tapssec:ref:`RFC0002`.

.. secproto:: alpha

.. reference-list::
"""


def _project(directory: Path, status: str = STATUS, index: str = INDEX) -> Path:
    return write_project(directory, index, catalog={"references.yaml": REFERENCES, "status.yaml": HEADER + status})


# --- the words, without Sphinx ---------------------------------------------------------------


def _status(**fields: object) -> ReferenceStatus:
    values: dict[str, object] = {"obsoleted_by": (), "updated_by": (), "published_as": None, "note": None}
    values.update(fields)
    return ReferenceStatus(reference="RFC6347", source=Source("status.yaml", 1), **values)  # type: ignore[arg-type]


def test_rfc_labels_and_links() -> None:
    assert rfc_label("RFC9147") == "RFC 9147"
    assert rfc_label("RFC0768") == "RFC 768"
    assert rfc_url("RFC0768") == "https://www.rfc-editor.org/rfc/rfc768"
    assert rfc_url("RFC10015") == "https://www.rfc-editor.org/rfc/rfc10015"
    assert rfc_url("I-D.x") is None


def test_tooltip_words_leave_out_updates() -> None:
    assert tooltip_words(None) == ""
    assert tooltip_words(_status(updated_by=("RFC7507",))) == ""
    assert tooltip_words(_status(obsoleted_by=("RFC9147",), updated_by=("RFC7507",))) == "obsoleted by RFC 9147"
    assert tooltip_words(_status(published_as="RFC9000")) == "published as RFC 9000"


def test_obsolete_message() -> None:
    reference = Reference("RFC6347", "rfc", "DTLS 1.2", (), None, None, 6347, None, None, None, None, Source("r", 1))
    status = _status(obsoleted_by=("RFC9147", "RFC9999"))
    assert obsolete_message(reference, status) == "document cites RFC 6347, obsoleted by RFC 9147, RFC 9999"


# --- loading ---------------------------------------------------------------------------------


def test_status_loads(tmp_path: Path) -> None:
    result = load(write_catalog(tmp_path, {"references.yaml": REFERENCES, "status.yaml": HEADER + STATUS}))
    assert result.problems == ()
    status = result.catalog.reference_status("RFC0001")
    assert status is not None
    assert (status.obsoleted_by, status.updated_by) == (("RFC0003",), ("RFC0004", "RFC10015"))
    assert result.catalog.reference_status("PAPER") is None


def test_bad_status_entries_are_located(tmp_path: Path) -> None:
    status = (
        STATUS
        + "    - reference: RFC9999\n"
        + "    - reference: RFC0002\n"
        + "    - reference: PAPER\n"
        + "      obsoleted_by: [rfc-3]\n"
    )
    result = load(write_catalog(tmp_path, {"references.yaml": REFERENCES, "status.yaml": HEADER + status}))
    text = HEADER + status
    assert sorted(problem_keys(result)) == sorted(
        [
            ("status.yaml", line_of(text, "reference: RFC9999"), "unknown_reference"),
            ("status.yaml", line_of(text, "reference: RFC0002", 2), "duplicate_id"),
            ("status.yaml", line_of(text, "[rfc-3]"), "invalid_value"),
        ]
    )
    messages = [str(problem) for problem in result.problems]
    assert any("'RFC9999'" in message for message in messages)
    assert any("'RFC0002' is given twice" in message for message in messages)


def test_the_bundled_status_covers_every_ietf_reference() -> None:
    catalog = load(Path(__file__).parent.parent / "catalog").catalog
    ietf = [r.id for r in catalog.references if r.kind in ("rfc", "internet-draft")]
    assert catalog.status is not None
    assert [entry.reference for entry in catalog.status.entries] == ietf
    assert len(ietf) == 28
    dtls12 = catalog.reference_status("RFC6347")
    assert dtls12 is not None and dtls12.obsoleted_by == ("RFC9147",)
    tls12 = catalog.reference_status("RFC5246")
    assert tls12 is not None and tls12.obsoleted_by == ("RFC8446", "RFC9846")
    quic = catalog.reference_status("I-D.ietf-quic-transport")
    assert quic is not None and quic.published_as == "RFC9000"
    # The file is written the way refresh-status writes it, so a refresh only shows real changes.
    assert status_text(catalog.status) == (Path(__file__).parent.parent / "catalog" / "status.yaml").read_text()


# --- rendering -------------------------------------------------------------------------------


def test_reference_list_shows_the_status(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path))
    page = built.page()
    warnings = built.warnings
    assert warnings == []
    references = page.find("dl", class_="tapssec-references")
    items = references.child_elements()
    statuses = {
        dt.text().strip(): span.text()
        for dt, dd in zip(items[::2], items[1::2], strict=True)
        for span in dd.find_all("span", class_="tapssec-status")
    }
    assert statuses == {
        "[I-D.ietf-quic-transport]": " Published as RFC 9000.",
        "[RFC0001]": " Obsoleted by RFC 3. Updated by RFC 4, RFC 10015.",
    }
    links = [a.attrs["href"] for a in references.find_all("span", class_="tapssec-status")[1].find_all("a")]
    assert links == [
        "https://www.rfc-editor.org/rfc/rfc3",
        "https://www.rfc-editor.org/rfc/rfc4",
        "https://www.rfc-editor.org/rfc/rfc10015",
    ]
    footer = page.find("p", class_="tapssec-status-note")
    assert footer.text() == "Status as of 2026-10-07, from a test index."


def test_link_tooltips_add_the_status(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path))
    page = built.page()
    titles = {a.attrs.get("href"): a.attrs.get("title") for a in page.find_all("a", class_="internal")}
    assert titles["#tapssec-reference-rfc0001"] == "An Example Protocol (obsoleted by RFC 3)"
    assert titles["#tapssec-reference-rfc0002"] == "Another Example"


def test_no_status_option(tmp_path: Path) -> None:
    index = INDEX.replace(".. reference-list::\n", ".. reference-list::\n   :no-status:\n")
    built = build_once(_project(tmp_path, index=index))
    page = built.page()
    warnings = built.warnings
    assert warnings == []
    assert page.find_all("span", class_="tapssec-status") == []
    assert page.find_all("p", class_="tapssec-status-note") == []


def test_a_catalog_without_status_renders_none(tmp_path: Path) -> None:
    srcdir = _project(tmp_path)
    (srcdir / "catalog" / "status.yaml").unlink()
    built = build_once(srcdir, confoverrides={"tapssec_obsolete_citations": True})
    page = built.page()
    warnings = built.warnings
    assert warnings == []
    assert page.find_all("span", class_="tapssec-status") == []


def test_hostile_status_text_is_escaped(tmp_path: Path) -> None:
    status = STATUS.replace("source: a test index", 'source: "<b>index</b> & co"') + (
        '      note: "<script>alert(1)</script> [RFC0001] `x`_"\n'
    )
    built = build_once(_project(tmp_path, status=status))
    page = built.page()
    warnings = built.warnings
    assert warnings == []
    html = (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>index" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    spans = page.find_all("span", class_="tapssec-status")
    # The note is text: no markup, no citation link.
    assert spans[-1].text().endswith(" <script>alert(1)</script> [RFC0001] `x`_")
    assert spans[-1].find_all("a", class_="internal") == []
    assert page.find("p", class_="tapssec-status-note").text() == "Status as of 2026-10-07, from <b>index</b> & co."


# --- the opt-in warning ----------------------------------------------------------------------


def test_obsolete_citations_are_not_reported_by_default(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path))
    warnings = built.warnings
    assert warnings == []


def test_obsolete_citations_are_reported_where_they_are(tmp_path: Path) -> None:
    srcdir = _project(tmp_path)
    built = build_once(srcdir, confoverrides={"tapssec_obsolete_citations": True})
    warnings = built.warnings
    index = srcdir / "index.rst"
    assert warnings == [
        f"{index}:4: WARNING: document cites RFC 1, obsoleted by RFC 3 [tapssec.obsolete_citation]",
        f"{index}:6: WARNING: document cites RFC 1, obsoleted by RFC 3 [tapssec.obsolete_citation]",
    ]


def test_obsolete_citations_can_be_suppressed(tmp_path: Path) -> None:
    srcdir = _project(tmp_path)
    overrides = {"tapssec_obsolete_citations": True, "suppress_warnings": ["tapssec.obsolete_citation"]}
    built = build_once(srcdir, confoverrides=overrides)
    warnings = built.warnings
    assert warnings == []


def _rebuild(srcdir: Path) -> tuple[set[str], list[str]]:
    """One ``-j 2`` build keeping the environment; fail unless Sphinx really read in parallel."""
    read, warnings, status = rebuild(srcdir, parallel=2)
    if len(read) > 5:  # Sphinx reads in parallel only with enough documents
        assert PARALLEL_READ.search(status)
    return read, warnings


def _many_pages(srcdir: Path) -> None:
    """Enough pages for Sphinx to read in parallel; each cites RFC0001 on its line 4."""
    names = [f"page{number}" for number in range(8)]
    toctree = "\n".join(f"   {name}" for name in names)
    (srcdir / "index.rst").write_text(f"Status\n======\n\n.. toctree::\n\n{toctree}\n", encoding="utf-8")
    for name in names:
        (srcdir / f"{name}.rst").write_text(f"{name}\n=====\n\nCites :tapssec:ref:`RFC0001`.\n", encoding="utf-8")
    (srcdir / "refs.rst").write_text(":orphan:\n\nRefs\n====\n\n.. reference-list::\n", encoding="utf-8")


def test_parallel_read_and_incremental_builds(tmp_path: Path) -> None:
    srcdir = _project(tmp_path)
    _many_pages(srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("tapssec_obsolete_citations = True\n")
    expected = [
        f"{srcdir / f'page{number}.rst'}:4: WARNING: document cites RFC 1, obsoleted by RFC 3 "
        "[tapssec.obsolete_citation]"
        for number in range(8)
    ]
    read, warnings = _rebuild(srcdir)
    assert len(read) == 10
    assert warnings == expected
    # One page changed: only it is read, and the warnings of every page come again (as -W needs).
    touch(srcdir / "page3.rst")
    read, warnings = _rebuild(srcdir)
    assert read == {"page3"}
    assert warnings == expected
    # The status changes: the citing pages (tooltips) and the reference list are read again.
    status = srcdir / "catalog" / "status.yaml"
    status.write_text(status.read_text(encoding="utf-8").replace("[RFC0003]", "[RFC0007]"), encoding="utf-8")
    touch(status)
    read, warnings = _rebuild(srcdir)
    assert read == {f"page{number}" for number in range(8)} | {"refs"}
    assert subtypes_of(warnings) == ["obsolete_citation"] * 8
    assert all(line.endswith("obsoleted by RFC 7 [tapssec.obsolete_citation]") for line in warnings)
    page = parse_html((srcdir / "_build" / "html" / "page0.html").read_text(encoding="utf-8"))
    assert page.find("a", class_="internal").attrs["title"] == "An Example Protocol (obsoleted by RFC 7)"


# --- tapssec refresh-status ------------------------------------------------------------------


def _catalog(tmp_path: Path, status: str | None = STATUS) -> Path:
    files: dict[str, str | bytes | None] = {"references.yaml": REFERENCES}
    if status is not None:
        files["status.yaml"] = HEADER + status
    return write_catalog(tmp_path / "catalog", files)


def test_refresh_status_prints_the_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = STATUS.replace("[RFC0004, RFC10015]", "[RFC0004, RFC0009]").replace("      published_as: RFC9000\n", "")
    catalog = _catalog(tmp_path, status)
    before = (catalog / "status.yaml").read_text(encoding="utf-8")
    assert main(["refresh-status", str(FIXTURE), "--catalog", str(catalog), "--as-of", "2026-10-07"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "source: a test index -> the RFC Editor's rfc-index.xml",
        "I-D.ietf-quic-transport: published_as - -> RFC9000",
        "RFC0001: updated_by + RFC10015",
        "RFC0001: updated_by - RFC0009",
        "RFC0002: updated_by + RFC0005",
    ]
    assert "5 changes" in err
    # Without --write nothing is written.
    assert (catalog / "status.yaml").read_text(encoding="utf-8") == before


def test_refresh_status_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = _catalog(tmp_path, status=None)
    assert main(["refresh-status", str(FIXTURE), "--catalog", str(catalog), "--as-of", "2026-11-01", "--write"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[:2] == ["status.yaml: new file", "I-D.ietf-quic-transport: new entry"]
    assert (catalog / "status.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=./schema/tapssec-catalog.schema.json\n"
        "# What became of the cited IETF documents: the RFCs that obsolete or update each cited RFC,\n"
        "# and the RFC each cited Internet-Draft was published as. The index lists only the immediately\n"
        "# succeeding RFCs. Refresh with `tapssec refresh-status rfc-index.xml --write`.\n"
        "status:\n"
        '  as_of: "2026-11-01"\n'
        "  source: the RFC Editor's rfc-index.xml\n"
        "  entries:\n"
        "    - reference: I-D.ietf-quic-transport\n"
        "      published_as: RFC9000\n"
        "    - reference: RFC0001\n"
        "      obsoleted_by: [RFC0003]\n"
        "      updated_by: [RFC0004, RFC10015]\n"
        "    - reference: RFC0002\n"
        "      updated_by: [RFC0005]\n"
    )
    assert load(catalog).problems == ()
    # Written once, the same index changes nothing more.
    assert main(["refresh-status", str(FIXTURE), "--catalog", str(catalog), "--as-of", "2026-11-01"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "0 changes" in err


def test_refresh_status_keeps_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = _catalog(tmp_path, STATUS + '      note: "Kept: a note, with # and quotes \\""\n')
    argv = ["refresh-status", str(FIXTURE), "--catalog", str(catalog), "--as-of", "2026-10-07", "--write"]
    assert main(argv) == 0
    capsys.readouterr()
    result = load(catalog)
    assert result.problems == ()
    status = result.catalog.reference_status("RFC0002")
    assert status is not None and status.note == 'Kept: a note, with # and quotes "'


def test_refresh_status_reports_rfcs_missing_from_the_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    references = REFERENCES + "  - id: RFC0042\n    kind: rfc\n    title: Not Indexed\n    rfc: 42\n"
    catalog = write_catalog(tmp_path / "catalog", {"references.yaml": references})
    assert main(["refresh-status", str(FIXTURE), "--catalog", str(catalog), "--as-of", "2026-10-07"]) == 1
    _, err = capsys.readouterr()
    assert "RFC0042 is not in the index" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<rfc-index><rfc-entry>", "is not well-formed XML"),
        (b"", "is not well-formed XML"),
        (b"<html><body/></html>", "its root is <html>, not <rfc-index>"),
        (b'<rfc-index xmlns="https://www.rfc-editor.org/rfc-index"/>', "has no <rfc-entry> elements"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaa">]>\n<rfc-index>&a;</rfc-index>',
            "declares DOCTYPE; refused",
        ),
        (b"<rfc-index><!-- <!ENTITY x 'y'> --></rfc-index>", "declares ENTITY; refused"),
        ("<rfc-index/>".encode("utf-16"), "is not UTF-8"),
    ],
)
def test_refresh_status_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    catalog = _catalog(tmp_path)
    index = tmp_path / "rfc-index.xml"
    index.write_bytes(content)
    assert main(["refresh-status", str(index), "--catalog", str(catalog)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("tapssec refresh-status: ") and message in err, err
    assert "Traceback" not in err


def test_refresh_status_refuses_a_doctype_split_across_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # iterparse reads 64 KiB at a time: put the marker across the boundary.
    padding = b"<?xml version='1.0'?>" + b" " * (64 * 1024 - 25)
    index = tmp_path / "rfc-index.xml"
    index.write_bytes(padding + b"<!DOCTYPE r>\n<rfc-index/>")
    assert main(["refresh-status", str(index), "--catalog", str(_catalog(tmp_path))]) == 2
    assert "declares DOCTYPE" in capsys.readouterr().err


def test_refresh_status_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refresh-status", str(tmp_path / "nowhere.xml"), "--catalog", str(_catalog(tmp_path))]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["refresh-status", str(FIXTURE), "--catalog", str(tmp_path / "nothing")]) == 2
    assert "catalog directory not found" in capsys.readouterr().err


def test_refresh_status_of_the_bundled_references(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled catalog refreshed from the fixture: RFC 2385 and the rest are not in it (exit 1)."""
    catalog = tmp_path / "catalog"
    shutil.copytree(Path(__file__).parent.parent / "catalog", catalog)
    assert main(["refresh-status", str(FIXTURE), "--catalog", str(catalog), "--as-of", "2026-10-07"]) == 1
    out, err = capsys.readouterr()
    assert "RFC2385 is not in the index; its entry is kept" in err
    assert "I-D.ietf-quic-transport" not in out  # published as RFC 9000, as before
    assert "I-D.ietf-quic-tls: published_as RFC9001 -> -" in out
