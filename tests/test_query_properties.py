"""Property-based tests of the query language: parsing never raises anything but our own error,
and the boolean operators mean what they say."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.query import QueryError, check_claim, compile_query, parse, parse_claim

CATALOG = load_catalog([bundled_catalog()]).catalog
ALL_IDS = {p.id for p in CATALOG.protocols}

#: Pieces of the language, so that random text often comes close to a valid query.
FRAGMENTS = [
    "exposes", "qualified", "phase", "category", "group", "transport", "specific", "cites",
    "id", "name", "section", "structure", "in_table", "interfaces", "references",
    "and", "or", "not", "in", "true", "false", "only", "all", "none", "count",
    "(", ")", "[", "]", ",", ":", "==", "=", "!=", "<", "<=", ">", ">=", "'", '"', "'x'",
    "SAV", "KE", "tls", "packet", "datagram", "byte-stream", "RFC8446", "own-transport",
    "3", "3.2.1", "-", ".", "!", "&", "é", "\n", "\t", "\x00",
]  # fmt: skip

#: Valid conditions whose meaning the properties combine.
ATOMS = [
    "exposes(SAV)",
    "exposes(IPK, ALG)",
    "qualified(ME)",
    "phase(post-connection)",
    "category(packet)",
    "group(application-payload)",
    "transport(datagram)",
    "transport(byte-stream-mapping)",
    "specific(own-transport)",
    "cites(RFC8446)",
    "in_table",
    "interfaces > 6",
    "section < 3.3",
    "structure == integrated",
    "id in [tls, wireguard, gquic]",
    "group != category",
    "true",
    "false",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map(" ".join)
any_text = st.one_of(st.text(max_size=80), fragment_text)
atoms = st.sampled_from(ATOMS)
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def selected(text: str) -> set[str]:
    return {p.id for p in compile_query(text, CATALOG).select(CATALOG)}


@PROPERTY
@given(any_text)
def test_parsing_raises_only_query_errors(text: str) -> None:
    for function in (parse, parse_claim):
        try:
            function(text)
        except QueryError as error:
            assert 1 <= error.column <= len(text) + 1


@PROPERTY
@given(any_text)
def test_checking_and_evaluating_raise_only_query_errors(text: str) -> None:
    try:
        query = compile_query(text, CATALOG)
    except QueryError as error:
        assert 1 <= error.column <= len(text) + 1
    else:
        assert {p.id for p in query.select(CATALOG)} <= ALL_IDS
    try:
        result = check_claim(text, CATALOG)
    except QueryError as error:
        assert 1 <= error.column <= len(text) + 1
    else:
        assert set(result.matching) <= ALL_IDS


@PROPERTY
@given(st.integers(min_value=0, max_value=200))
def test_deep_nesting_is_an_error_not_a_crash(depth: int) -> None:
    for text in ("(" * depth + "true" + ")" * depth, "not " * depth + "true"):
        try:
            compile_query(text, CATALOG)
        except QueryError as error:
            assert "nests deeper" in error.message


@PROPERTY
@given(atoms, atoms)
def test_boolean_operators_are_set_operations(left: str, right: str) -> None:
    a, b = selected(left), selected(right)
    assert selected(f"({left}) and ({right})") == a & b
    assert selected(f"({left}) or ({right})") == a | b
    assert selected(f"not ({left})") == ALL_IDS - a
    assert selected(f"not ({left}) or not ({right})") == selected(f"not (({left}) and ({right}))")


@PROPERTY
@given(atoms)
def test_claim_forms_agree_with_selection(atom: str) -> None:
    chosen = selected(atom)
    names = ", ".join(sorted(chosen))
    assert check_claim(f"count == {len(chosen)}: {atom}", CATALOG).holds
    assert not check_claim(f"count != {len(chosen)}: {atom}", CATALOG).holds
    assert check_claim(f"all: {atom}", CATALOG).holds == (chosen == ALL_IDS)
    assert check_claim(f"none: {atom}", CATALOG).holds == (not chosen)
    if chosen:
        assert check_claim(f"only {names}: {atom}", CATALOG).holds
        assert check_claim(f"{names}: {atom}", CATALOG).holds
    outside = sorted(ALL_IDS - chosen)
    if outside:
        assert not check_claim(f"{outside[0]}: {atom}", CATALOG).holds
