"""The entities, problems, located YAML and exporters as plain Python (no Sphinx)."""

from __future__ import annotations

import copy
import csv
import io
import json
import pickle
from typing import TYPE_CHECKING

import pytest
from catalogs import load, load_protocol, protocol_of, protocol_text, write_catalog

from sphinx_tapssec.model.entities import Catalog, section_key
from sphinx_tapssec.model.export import catalog_dict, text_matrix, to_csv, to_json
from sphinx_tapssec.model.located_yaml import LocatedList, LocatedMap, parse
from sphinx_tapssec.model.problems import SUBTYPE_HELP, Problem, Subtype

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    mapped = "\n  requires: [datagram]\n  byte_stream_mapping:\n    references: [PAPER]"
    fields = {"id": "beta", "name": "Beta", "section": '"2.1"', "category": "packet", "in_table": "false"}
    beta = protocol_text(True, **fields, transport=mapped, exposes=" [ALG]", references="[]")
    result = load(write_catalog(tmp_path, {"protocols/beta.yaml": beta}))
    assert result.problems == ()
    return result.catalog


def _check_lookups(catalog: Catalog) -> None:
    alpha = protocol_of(catalog, "alpha")
    assert alpha.name == "Alpha"
    interface = catalog.interface("KU")
    assert interface is not None
    assert interface.name == "Key Update"
    category = catalog.category("stream")
    assert category is not None
    assert category.name == "Stream Protocols"
    phase = catalog.phase("post-connection")
    assert phase is not None
    transport = catalog.transport("datagram")
    assert transport is not None
    reference = catalog.reference("RFC0001")
    assert reference is not None
    assert reference.rfc == 1
    assert catalog.has("protocol", "beta")
    assert not catalog.has("protocol", "gamma")
    assert not catalog.has("nonsense", "alpha")
    assert catalog.protocol("nope") is None
    assert [p.id for p, _ in catalog.exposers("ALG", table_only=False)] == ["beta"]


def test_lookups(catalog: Catalog) -> None:
    _check_lookups(catalog)


def test_catalog_pickles_and_unpickles_equal(catalog: Catalog) -> None:
    restored = pickle.loads(pickle.dumps(catalog))
    assert restored == catalog
    assert restored is not catalog
    _check_lookups(restored)


def test_catalog_deep_copies_equal(catalog: Catalog) -> None:
    # Sphinx deep-copies a domain's initial data, which holds an (empty) Catalog.
    duplicate = copy.deepcopy(catalog)
    assert duplicate == catalog
    _check_lookups(duplicate)
    assert copy.deepcopy(Catalog()) == Catalog()


def test_exposers_in_catalog_order_and_table_only(catalog: Catalog) -> None:
    assert [(p.id, e.code) for p, e in catalog.exposers("IPK")] == [("alpha", "IPK")]
    assert list(catalog.exposers("ALG")) == []  # beta is not in the table
    assert [p.id for p, _ in catalog.exposers("ALG", table_only=False)] == ["beta"]
    ku = [e for _, e in catalog.exposers("KU")]
    assert [(e.note, e.references) for e in ku] == [("version 2 only", ("PAPER",))]


def test_in_category_and_section4_group(catalog: Catalog) -> None:
    assert [p.id for p in catalog.in_category("packet")] == ["beta"]
    beta = protocol_of(catalog, "beta")
    assert beta.section4_group == "packet"


def test_cited_reference_ids_include_every_record_that_cites(tmp_path: Path) -> None:
    """A reference cited only inside text (``[ID]``) or by a transport dependency is still cited."""
    text = protocol_text(
        description="Alpha protects streams, see [INLINE].",
        transport="\n  requires: [byte-stream]\n  specific:\n    kind: transport-feature\n    references: [DEP]",
        exposes=" [IPK]",
        references="[]",
    )
    references = (
        "references:\n"
        "  - id: INLINE\n    kind: web\n    title: Inline\n"
        "  - id: DEP\n    kind: web\n    title: Dependency\n"
        "  - id: UNUSED\n    kind: web\n    title: Unused\n"
    )
    result = load(write_catalog(tmp_path, {"protocols/alpha.yaml": text, "references.yaml": references}))
    assert result.problems == ()
    assert result.catalog.cited_reference_ids() == {"INLINE", "DEP"}


@pytest.mark.parametrize(
    ("low", "high"),
    [("3.9", "3.10"), ("3", "3.1"), ("3.1.2", "3.2"), ("2", "10")],
)
def test_section_key_orders_numerically(low: str, high: str) -> None:
    assert section_key(low) < section_key(high)


def test_problem_text_and_location() -> None:
    problem = Problem("cat/protocols/x.yaml", 7, Subtype.UNKNOWN_INTERFACE, "unknown interface 'XYZ'")
    assert problem.location == "cat/protocols/x.yaml:7"
    assert str(problem) == "cat/protocols/x.yaml:7: unknown interface 'XYZ' [tapssec.unknown_interface]"
    whole = Problem("cat", 0, Subtype.CATALOG, "catalog directory not found")
    assert whole.location == "cat"
    assert str(whole) == "cat: catalog directory not found [tapssec.catalog]"


def test_every_subtype_is_documented() -> None:
    assert set(SUBTYPE_HELP) == set(Subtype)
    assert all(text.endswith(".") for text in SUBTYPE_HELP.values())


def test_located_yaml_keeps_lines() -> None:
    data = parse("# comment\nname: x\nitems:\n  - a\n  - b: 1\n    c: 2\n")
    assert isinstance(data, LocatedMap)
    assert data.line == 2
    assert data.key_lines == {"name": 2, "items": 3}
    items = data["items"]
    assert isinstance(items, LocatedList)
    assert items.item_lines == [4, 5]
    assert isinstance(items[1], LocatedMap)
    assert items[1].key_lines == {"b": 5, "c": 6}
    assert parse("") is None
    assert parse("# only a comment\n") is None


def test_json_export(catalog: Catalog) -> None:
    text = to_json(catalog)
    assert text == to_json(catalog)  # stable
    data = json.loads(text)
    assert data == catalog_dict(catalog)
    alpha = data["protocols"][0]
    assert alpha["id"] == "alpha"
    assert alpha["interfaces"] == ["IPK", "KU"]
    assert alpha["qualifiers"] == {"KU": "version 2 only"}
    assert alpha["qualifier_references"] == {"KU": ["PAPER"]}
    assert [i["code"] for i in data["interfaces"]] == ["IPK", "ALG", "KU"]


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    text = protocol_text(name="=HYPERLINK(1)")
    result = load_protocol(tmp_path, text)
    rows = list(csv.reader(io.StringIO(to_csv(result.catalog))))
    assert rows[0] == ["id", "name", "category", "in_table", "IPK", "ALG", "KU"]
    assert rows[1] == ["alpha", "'=HYPERLINK(1)", "stream", "true", "1", "", "1"]


def test_text_matrix_marks_qualified_cells(catalog: Catalog) -> None:
    lines = text_matrix(catalog, catalog.protocols, catalog.interfaces).splitlines()
    assert lines[0].split() == ["Protocol", "IPK", "ALG", "KU"]
    assert lines[1].split() == ["Alpha", "x", "x*"]
    assert lines[2].split() == ["Beta", "x"]
