"""Later developments ("since the survey"): the block on protocol pages, the ``developments``
directive, the matrix's ``:proposed:`` option, the loader's checks and the page dependencies.

The survey's own content must never change: a matrix with ``:proposed:`` has the same
exposed cells as one without, and the developments render in a labelled block of their own.
"""

from __future__ import annotations

from pathlib import Path

from catalogs import HEADER, SURVEY, line_of, load, problem_keys, write_catalog
from helpers import build_once, edit, rebuild, subtypes_of, write_project
from read_output import Element, parse_html, read_matrix

from sphinx_tapssec.model.export import MARK

DEVELOPMENTS = """\
developments:
  - id: alpha-two
    protocol: alpha
    date: 2022-04
    title: Alpha 2 published
    note: |
      Alpha version 2 is out.

      It changes two things.
    sources:
      - label: RFC 9999
        url: https://www.rfc-editor.org/info/rfc9999
      - label: A mailing list post
    proposals:
      - interface: alg
        change: expose
        note: Alpha 2 lets the application choose algorithms.
      - interface: KU
        change: withdraw
        note: Alpha 2 drops key update.
  - id: alpha-one
    protocol: alpha
    date: 2021-01
    title: An earlier development
    note: Earlier.
    sources:
      - label: Example page
        url: https://example.org/alpha
"""


INDEX = """\
Developments
============

.. secproto:: alpha

   Own text about Alpha.

.. developments::
"""


def _project(directory: Path, index: str = INDEX, developments: str | None = DEVELOPMENTS) -> Path:
    # Developments are "since the survey": the project declares one.
    files: dict[str, str | bytes | None] = {"survey.yaml": SURVEY}
    if developments is not None:
        files["developments.yaml"] = HEADER + developments
    return write_project(directory, index, catalog=files)


def _texts(elements: list[Element]) -> list[str]:
    return [" ".join(element.text().split()) for element in elements]


# --- the block on a protocol's page ----------------------------------------------------------


def test_block_follows_the_protocol_in_its_own_labelled_container(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path, index=INDEX.replace(".. developments::\n", "")))
    assert built.warnings == []
    description = built.page().find("dl", class_="tapssec")
    content = description.find("dd")
    block = content.find("div", class_="tapssec-developments")
    # Last: after the catalog's text and after the page's own text.
    children = content.child_elements()
    assert children[-1] is block
    assert "Own text about Alpha." in children[-2].text()
    assert block.find("p", class_="rubric").text() == "Since the survey (not part of it)"
    assert "not part of the survey" in block.find("p", class_="tapssec-developments-intro").text()
    # By date, whatever the order of the file.
    items = block.find_all("li", class_="tapssec-development")
    assert _texts([item.find("p", class_="tapssec-development-title") for item in items]) == [
        "2021-01 — An earlier development",
        "2022-04 — Alpha 2 published",
    ]
    sources = items[1].find("p", class_="tapssec-development-sources")
    assert [(a.text(), a.attrs["href"]) for a in sources.find_all("a")] == [
        ("RFC 9999", "https://www.rfc-editor.org/info/rfc9999")
    ]
    assert "A mailing list post" in sources.text()
    proposals = items[1].find_all("p", class_="tapssec-proposal")
    assert [p.classes[-1] for p in proposals] == ["tapssec-proposed-expose", "tapssec-proposed-withdraw"]
    assert _texts(proposals)[0] == (
        "Proposed, not applied: the ALG cell would be marked (RFC 9999; A mailing list post). "
        "Alpha 2 lets the application choose algorithms."
    )
    assert _texts(proposals)[1].startswith("Proposed, not applied: the KU cell would lose its mark")
    # The survey's interfaces are what the catalog says, untouched by the proposals.
    assert _texts(content.find("ul", class_="tapssec-interfaces").find_all("li")) == [
        "IPK (Identities and Private Keys)",
        "KU (Key Update) (version 2 only [PAPER])",
    ]
    assert "developments.yaml" in built.dependencies["index"]


def test_config_value_switches_the_block_off(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path), confoverrides={"tapssec_developments": False})
    assert built.warnings == []
    assert not built.page().find("dl", class_="tapssec").find_all(class_="tapssec-developments")
    # The directive still lists them: the option is about protocol pages.
    assert built.page().find_all("div", class_="tapssec-developments-list")


def test_hide_developments_leaves_the_block_and_its_dependency_out(tmp_path: Path) -> None:
    index = "Hidden\n======\n\n.. secproto:: alpha\n   :hide: developments\n"
    built = build_once(_project(tmp_path, index=index))
    assert built.warnings == []
    assert not built.page().find_all(class_="tapssec-developments")
    assert "developments.yaml" not in built.dependencies["index"]
    assert "alpha.yaml" in built.dependencies["index"]


def test_off_means_no_dependency_either(tmp_path: Path) -> None:
    index = "Off\n=====\n\n.. secproto:: alpha\n"
    built = build_once(_project(tmp_path, index=index), confoverrides={"tapssec_developments": False})
    assert "developments.yaml" not in built.dependencies["index"]


def test_a_protocol_without_developments_has_no_block(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path, developments=None))
    assert built.warnings == []
    assert not built.page().find_all(class_="tapssec-developments")
    empty = built.page().find("p", class_="tapssec-developments-empty")
    assert empty.text() == "No later developments are recorded."


# --- the directive ---------------------------------------------------------------------------


def test_directive_lists_every_development_by_date_with_its_protocol(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path))
    listing = built.page().find("div", class_="tapssec-developments-list")
    titles = listing.find_all("p", class_="tapssec-development-title")
    assert _texts(titles) == ["2021-01 — Alpha: An earlier development", "2022-04 — Alpha: Alpha 2 published"]
    assert titles[0].find("a").attrs["href"] == "#tapssec-protocol-alpha"


def test_directive_protocols_option(tmp_path: Path) -> None:
    index = "List\n====\n\n.. developments::\n   :protocols: ALPHA, nosuch\n   :class: mine\n"
    built = build_once(_project(tmp_path, index=index))
    assert subtypes_of(built.warnings) == ["unknown_protocol"]
    assert built.warnings[0].startswith(f"{tmp_path / 'index.rst'}:4: WARNING: developments: unknown protocol")
    listing = built.page().find("div", class_="tapssec-developments-list")
    assert "mine" in listing.classes
    assert len(listing.find_all("li", class_="tapssec-development")) == 2


def test_directive_in_the_domain_and_other_builders(tmp_path: Path) -> None:
    index = "List\n====\n\n.. tapssec:developments::\n\n.. secproto:: alpha\n\n.. interface-matrix::\n   :proposed:\n"
    srcdir = _project(tmp_path, index=index)
    for buildername, pattern in (("text", "index.txt"), ("latex", "*.tex")):
        built = build_once(srcdir, buildername, freshenv=True)
        assert built.warnings == [], buildername
        (path,) = built.outdir.glob(pattern)
        output = path.read_text(encoding="utf-8")
        assert "Since the survey (not part of it)" in output
        assert "Alpha 2 published" in output
        assert "Proposed changes:" in output
        assert "<p" not in output and "<div" not in output


# --- the matrix ------------------------------------------------------------------------------


MATRIX = """\
Matrix
======

.. interface-matrix::
   :name: survey

.. interface-matrix::
   :proposed:
   :name: proposed
"""


def test_proposed_cells_are_marked_beside_the_survey_cells(tmp_path: Path) -> None:
    built = build_once(_project(tmp_path, index=MATRIX))
    assert built.warnings == []
    survey, proposed = built.page().find("table", id="survey"), built.page().find("table", id="proposed")
    # The survey's cells are the same in both tables.
    assert read_matrix(survey) == read_matrix(proposed)
    assert read_matrix(proposed).rows == {"Alpha": frozenset({"IPK", "KU"})}
    assert not [cell for cell in survey.find_all("td") if any("proposed" in c for c in cell.classes)]
    cells = dict(zip(read_matrix(proposed).codes, proposed.find("tbody").find("tr").child_elements()[1:], strict=True))
    assert cells["ALG"].classes == ["tapssec-proposed-expose"]
    assert cells["ALG"].find("sup", class_="tapssec-proposed-mark").text() == "+"
    assert "Alpha would be marked for ALG, RFC 9999" in cells["ALG"].find("span", class_="tapssec-a11y").text()
    assert cells["KU"].classes == ["tapssec-exposed", "tapssec-proposed-withdraw"]
    assert cells["KU"].find("span", class_="tapssec-mark").text() == MARK
    assert cells["KU"].find("sup", class_="tapssec-proposed-mark").text() == "-"
    assert cells["IPK"].classes == ["tapssec-exposed"]
    legends = built.page().find_all("p", class_="tapssec-proposed-legend")
    assert len(legends) == 1
    assert "(2 cells of this table)" in legends[0].text()
    assert "developments.yaml" in built.dependencies["index"]


def test_a_matrix_without_proposed_does_not_depend_on_developments(tmp_path: Path) -> None:
    index = MATRIX.split(".. interface-matrix::\n   :proposed:")[0]
    built = build_once(_project(tmp_path, index=index))
    assert "developments.yaml" not in built.dependencies["index"]
    assert not built.page().find_all(class_="tapssec-proposed-legend")


def test_the_bundled_survey_table_is_unchanged_by_proposed() -> None:
    """The survey's cells with ``:proposed:`` are the cells of the catalog, for every protocol."""
    from sphinx_tapssec.model.catalog_location import bundled_catalog
    from sphinx_tapssec.model.loader import load_catalog

    catalog = load_catalog([bundled_catalog()]).catalog
    assert catalog.developments, "the bundled catalog records later developments"
    for development in catalog.developments:
        protocol = catalog.protocol(development.protocol)
        assert protocol is not None
        for proposal in development.proposals:
            interface = catalog.interface_by_key(proposal.interface)
            assert interface is not None
            exposed = protocol.exposure(interface.code) is not None
            # A proposal differs from the survey: it never restates a cell.
            assert exposed == (proposal.change == "withdraw"), (development.id, proposal)


# --- hostile text ----------------------------------------------------------------------------


HOSTILE = """\
developments:
  - id: hostile
    protocol: alpha
    date: 2022-01
    title: <script>alert(1)</script>
    note: <b>bold</b> & \\\\textbf{x}
    sources:
      - label: <img src=x onerror=alert(2)>
        url: javascript:alert(3)
    proposals:
      - interface: ALG
        change: expose
        note: <i>why</i>
"""


def test_hostile_text_is_escaped_and_unsafe_urls_are_text(tmp_path: Path) -> None:
    srcdir = _project(tmp_path, developments=HOSTILE, index=INDEX + "\n.. interface-matrix::\n   :proposed:\n")
    built = build_once(srcdir)
    line = line_of(HEADER + HOSTILE, "sources:")
    path = tmp_path / "catalog" / "developments.yaml"
    assert built.warnings == [
        f"{path}:{line}: WARNING: development 'hostile': URL 'javascript:alert(3)' is not an allowed link "
        "(schemes: https, http); it is shown as text [tapssec.unsafe_url]"
    ]
    html = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html and "<i>why</i>" not in html and "<img src=x" not in html
    assert "javascript:" not in "".join(a.attrs.get("href", "") for a in built.page().find_all("a"))
    sources = built.page().find("p", class_="tapssec-development-sources")
    assert "<img src=x onerror=alert(2)> <javascript:alert(3)>" in sources.text()
    tex = build_once(srcdir, "latex").output("*.tex")
    assert r"\textbackslash{}textbf" in tex
    assert "javascript:" not in tex.split(r"\sphinxhref{", 1)[-1].split("}", 1)[0]


# --- the loader's checks ---------------------------------------------------------------------


BROKEN = """\
developments:
  - id: nowhere
    protocol: nosuch
    date: 2022-01
    title: Unknown protocol
    note: A note.
    sources: [{label: X}]
  - id: bad-interface
    protocol: alpha
    date: 2022-01
    title: Unknown interface
    note: A note.
    sources: [{label: X}]
    proposals:
      - interface: ZZZ
        change: expose
  - id: bad-date
    protocol: alpha
    date: March 2022
    title: Bad date
    note: A note.
    sources: [{label: X}]
  - id: bad-change
    protocol: alpha
    date: 2022-01
    title: Bad change
    note: A note.
    sources: [{label: X}]
    proposals:
      - interface: KU
        change: remove
"""


def test_loader_reports_broken_developments_at_their_lines(tmp_path: Path) -> None:
    text = HEADER + BROKEN
    result = load(write_catalog(tmp_path, {"developments.yaml": text}))
    assert sorted(problem_keys(result)) == sorted(
        [
            ("developments.yaml", line_of(text, "protocol: nosuch"), "unknown_protocol"),
            ("developments.yaml", line_of(text, "proposals:"), "unknown_interface"),
            ("developments.yaml", line_of(text, "date: March 2022"), "invalid_value"),
            ("developments.yaml", line_of(text, "change: remove"), "invalid_value"),
        ]
    )
    # A record with a bad field or an unknown protocol is dropped; a bad proposal only is dropped.
    kept = {d.id: d for d in result.catalog.developments}
    assert set(kept) == {"bad-interface", "bad-change"}
    assert [d.proposals for d in kept.values()] == [(), ()]


def test_loader_problems_are_build_warnings_with_file_and_line(tmp_path: Path) -> None:
    srcdir = _project(tmp_path, developments=BROKEN)
    built = build_once(srcdir)
    path = tmp_path / "catalog" / "developments.yaml"
    assert sorted(subtypes_of(built.warnings)) == [
        "invalid_value",
        "invalid_value",
        "unknown_interface",
        "unknown_protocol",
    ]
    line = line_of(HEADER + BROKEN, "protocol: nosuch")
    message = "development 'nowhere': unknown protocol 'nosuch'; development 'nowhere' is skipped"
    assert f"{path}:{line}: WARNING: {message} [tapssec.unknown_protocol]" in built.warnings


# --- incremental builds ----------------------------------------------------------------------


PAGES = {
    "shown": "Shown\n=====\n\n.. secproto:: alpha\n",
    "hidden": "Hidden\n======\n\n.. secproto:: alpha\n   :hide: developments\n   :no-index:\n",
    "listing": "Listing\n=======\n\n.. developments::\n",
    "proposed": "Proposed\n========\n\n.. interface-matrix::\n   :proposed:\n",
    "survey": "Survey\n======\n\n.. interface-matrix::\n",
}


def test_editing_developments_rereads_the_pages_that_show_them(tmp_path: Path) -> None:
    toctree = "Index\n=====\n\n.. toctree::\n\n" + "".join(f"   {name}\n" for name in PAGES)
    srcdir = _project(tmp_path, index=toctree)
    for name, text in PAGES.items():
        (srcdir / f"{name}.rst").write_text(text, encoding="utf-8")
    assert rebuild(srcdir)[:2] == ({"index", *PAGES}, [])
    assert rebuild(srcdir)[:2] == (set(), [])
    path = srcdir / "catalog" / "developments.yaml"
    edit(path, "Alpha 2 published", "Alpha 2 is out")
    assert rebuild(srcdir)[:2] == ({"shown", "listing", "proposed"}, [])
    shown = parse_html((srcdir / "_build" / "html" / "shown.html").read_text(encoding="utf-8"))
    assert "Alpha 2 is out" in shown.find("div", class_="tapssec-developments").text()
