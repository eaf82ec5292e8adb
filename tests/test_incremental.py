"""Incremental builds: a changed catalog file makes exactly the documents that use it outdated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers import edit, rebuild, touch
from read_output import parse_html, read_matrix

if TYPE_CHECKING:
    from pathlib import Path


def _html(srcdir: Path, docname: str) -> str:
    return (srcdir / "_build" / "html" / f"{docname}.html").read_text(encoding="utf-8")


def _matrix_rows(srcdir: Path) -> dict[str, frozenset[str]]:
    return read_matrix(parse_html(_html(srcdir, "matrix")).find("table", id="the-matrix")).rows


def test_unchanged_project_reads_nothing(incremental_project: Path) -> None:
    read, warnings, status = rebuild(incremental_project)
    assert read == set()
    assert warnings == []
    # The extension's static folder is in the configuration the environment was pickled with.
    # (Sphinx's test application itself changes html_theme, so that option is not looked at.)
    assert "html_static_path" not in status


def test_changed_protocol_rebuilds_the_pages_that_show_it(incremental_project: Path) -> None:
    alpha = incremental_project / "catalog" / "protocols" / "alpha.yaml"
    edit(alpha, "name: Alpha\n", "name: Alphabet\n")
    edit(alpha, "exposes:\n  - IPK\n", "exposes:\n  - IPK\n  - ALG\n")
    read, warnings, _ = rebuild(incremental_project)
    assert warnings == []
    assert read == {"proto", "matrix"}  # not xref (beta only), not plain (no catalog)
    proto = parse_html(_html(incremental_project, "proto"))
    signature = proto.find("dt", id="tapssec-protocol-alpha")
    assert signature.text().strip().startswith("Alphabet — ")
    exposed = [li.text().split(" ")[0] for li in proto.find("ul", class_="tapssec-interfaces").find_all("li")]
    assert exposed == ["IPK", "ALG", "KU"]
    assert _matrix_rows(incremental_project) == {
        "Alphabet": frozenset({"IPK", "ALG", "KU"}),
        "Beta": frozenset({"IPK", "ALG"}),
    }


def test_changed_interface_file_rebuilds_its_users(incremental_project: Path) -> None:
    edit(incremental_project / "catalog" / "interfaces.yaml", "name: Key Update", "name: Key Refresh")
    read, warnings, _ = rebuild(incremental_project)
    assert warnings == []
    assert read == {"proto", "matrix"}
    assert "KU (Key Refresh)" in parse_html(_html(incremental_project, "proto")).text()
    assert "Key Refresh" in parse_html(_html(incremental_project, "matrix")).find("p", class_="tapssec-legend").text()


def test_link_text_follows_a_renamed_protocol(incremental_project: Path) -> None:
    edit(incremental_project / "catalog" / "protocols" / "beta.yaml", "name: Beta\n", "name: Bravo\n")
    read, warnings, _ = rebuild(incremental_project)
    assert warnings == []
    assert {"xref", "matrix"} <= read
    assert "plain" not in read
    assert "Only a link to Bravo." in " ".join(parse_html(_html(incremental_project, "xref")).text().split())
    assert "Bravo" in _matrix_rows(incremental_project)


def test_touched_document_alone_is_read(incremental_project: Path) -> None:
    touch(incremental_project / "plain.rst")
    read, warnings, _ = rebuild(incremental_project)
    assert warnings == []
    assert read == {"plain"}


def test_new_protocol_file_reaches_the_matrix(incremental_project: Path) -> None:
    beta = (incremental_project / "catalog" / "protocols" / "beta.yaml").read_text(encoding="utf-8")
    delta = beta.replace("id: beta", "id: delta").replace("name: Beta", "name: Delta").replace('"2.1"', '"2.5"')
    (incremental_project / "catalog" / "protocols" / "delta.yaml").write_text(delta, encoding="utf-8")
    read, warnings, _ = rebuild(incremental_project)
    assert warnings == []
    assert "matrix" in read
    assert list(_matrix_rows(incremental_project)) == ["Alpha", "Beta", "Delta"]


def test_removed_protocol_file_leaves_the_matrix(incremental_project: Path) -> None:
    (incremental_project / "catalog" / "protocols" / "beta.yaml").unlink()
    read, warnings, _ = rebuild(incremental_project)
    assert {"matrix", "xref"} <= read
    assert "plain" not in read
    # The page that links to beta is re-read and now names an unknown protocol.
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{incremental_project / 'xref.rst'}:4: WARNING: unknown protocol 'beta'")
    assert list(_matrix_rows(incremental_project)) == ["Alpha"]


def test_protocol_file_fixed_after_an_error_is_shown_again(incremental_project: Path) -> None:
    alpha = incremental_project / "catalog" / "protocols" / "alpha.yaml"
    edit(alpha, "name: Alpha\n", "name: [Alpha\n")  # a YAML syntax error: the file is skipped
    read, warnings, _ = rebuild(incremental_project)
    assert {"proto", "matrix"} <= read
    assert any("unknown protocol 'alpha'" in w or "protocol 'alpha' was skipped" in w for w in warnings)
    assert parse_html(_html(incremental_project, "proto")).find_all("dt", id="tapssec-protocol-alpha") == []
    # The fix is in the catalog, not in proto.rst: the page named alpha while it was absent.
    edit(alpha, "name: [Alpha\n", "name: Alpha\n")
    read, warnings, _ = rebuild(incremental_project)
    assert warnings == []
    assert {"proto", "matrix"} <= read
    assert "plain" not in read
    signature = parse_html(_html(incremental_project, "proto")).find("dt", id="tapssec-protocol-alpha")
    assert signature.text().strip().startswith("Alpha")


def test_link_to_a_protocol_file_put_back_is_resolved_again(incremental_project: Path) -> None:
    beta = incremental_project / "catalog" / "protocols" / "beta.yaml"
    text = beta.read_text(encoding="utf-8")
    beta.unlink()
    rebuild(incremental_project)
    beta.write_text(text, encoding="utf-8")
    read, warnings, _ = rebuild(incremental_project)
    assert warnings == []
    assert {"xref", "matrix"} <= read
    xref = parse_html(_html(incremental_project, "xref"))
    assert "Only a link to Beta." in " ".join(xref.text().split())
