"""The query language, without Sphinx: every operator, predicate and attribute, and every error."""

from __future__ import annotations

import pickle

import pytest
from helpers import root_catalog

from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.entities import Catalog
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.model.problems import Subtype
from sphinx_tapssec.query import ATTRIBUTES, PREDICATES, QueryError, compile_query, parse
from sphinx_tapssec.query._ast import And, Call, Compare, Literal, Member, Name, Not, Or
from sphinx_tapssec.query._tokens import Tok, tokenize


@pytest.fixture(scope="module")
def survey() -> Catalog:
    """The bundled survey catalog (the expected answers are the survey's Table 1 and Section 4)."""
    result = load_catalog([bundled_catalog()])
    assert not result.problems
    return result.catalog


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The three-protocol catalog of the ``claims`` root."""
    result = load_catalog([root_catalog("claims", tmp_path_factory.mktemp("claims"))])
    assert not result.problems
    return result.catalog


def ids(catalog: Catalog, text: str) -> list[str]:
    return [p.id for p in compile_query(text, catalog).select(catalog)]


def error(catalog: Catalog, text: str) -> QueryError:
    with pytest.raises(QueryError) as info:
        compile_query(text, catalog)
    return info.value


# --- tokens and trees -----------------------------------------------------------------------------


def test_tokens_keep_their_columns() -> None:
    tokens = tokenize("exposes(SAV)  and id in ['tls', I-D.ietf-quic-tls] != 3.2.1")
    assert [(t.kind, t.text, t.column) for t in tokens] == [
        (Tok.WORD, "exposes", 1),
        (Tok.LPAREN, "(", 8),
        (Tok.WORD, "SAV", 9),
        (Tok.RPAREN, ")", 12),
        (Tok.WORD, "and", 15),
        (Tok.WORD, "id", 19),
        (Tok.WORD, "in", 22),
        (Tok.LBRACK, "[", 25),
        (Tok.STRING, "tls", 26),
        (Tok.COMMA, ",", 31),
        (Tok.WORD, "I-D.ietf-quic-tls", 33),
        (Tok.RBRACK, "]", 50),
        (Tok.OP, "!=", 52),
        (Tok.WORD, "3.2.1", 55),
        (Tok.END, "", 60),
    ]


def test_precedence_not_over_and_over_or() -> None:
    tree = parse("not a or b and c")
    assert isinstance(tree, Or)
    assert isinstance(tree.items[0], Not)
    assert isinstance(tree.items[1], And)


def test_parentheses_group() -> None:
    tree = parse("(a or b) and c")
    assert isinstance(tree, And)
    assert isinstance(tree.items[0], Or)


def test_trees_are_frozen_and_pickle() -> None:
    tree = parse("exposes(SAV, KE) and id not in [tls] or interfaces >= 3")
    assert pickle.loads(pickle.dumps(tree)) == tree
    with pytest.raises(AttributeError):
        tree.column = 3  # type: ignore[misc]


def test_call_membership_and_comparison_nodes() -> None:
    tree = parse("exposes(SAV, KE) and id not in [tls, 'dtls'] and section = 3.1")
    assert isinstance(tree, And)
    call, member, compare = tree.items
    assert call == Call("exposes", (Literal("SAV", 9), Literal("KE", 14)), 1)
    assert isinstance(member, Member)
    assert member.negated
    assert member.left == Name("id", 22)
    assert isinstance(compare, Compare)
    assert compare.op == "=="  # "=" is another spelling of "=="


# --- predicates -----------------------------------------------------------------------------------


def test_every_predicate_and_attribute_is_tested_here() -> None:
    # A new name must come with a test in this module.
    assert set(PREDICATES) == {"exposes", "qualified", "phase", "category", "group", "transport", "specific", "cites"}
    assert set(ATTRIBUTES) == {
        "id",
        "name",
        "category",
        "group",
        "section",
        "structure",
        "in_table",
        "interfaces",
        "references",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("exposes(SAV)", ["dtls", "quic", "ipsec", "wireguard"]),
        ("exposes(sav)", ["dtls", "quic", "ipsec", "wireguard"]),
        ("exposes(AD, KE)", ["ipsec"]),
        ("qualified(ME)", ["dtls", "ipsec"]),
        ("phase(connection) and not exposes(IV)", []),
        ("category(packet)", ["ipsec", "wireguard", "openvpn"]),
        ("group(application-payload)", ["tls", "dtls", "srtp", "zrtp"]),
        ("transport(byte-stream)", ["tls", "tcpcrypt"]),
        (
            "transport(datagram)",
            ["dtls", "srtp", "zrtp", "quic", "minimalt", "curvecp", "ipsec", "wireguard", "openvpn"],
        ),
        ("transport(byte-stream-mapping)", ["dtls", "srtp", "zrtp", "ipsec"]),
        ("transport(transport-specific)", ["quic", "tcpcrypt", "minimalt", "curvecp"]),
        ("specific(own-transport)", ["quic", "minimalt", "curvecp"]),
        ("specific(transport-feature)", ["tcpcrypt"]),
        ("cites(RFC8547)", ["tcpcrypt"]),
        ("cites(RFC4555)", ["ipsec"]),  # only in a qualifier of ME
        ("cites(I-D.ietf-quic-tls)", ["quic"]),  # also as [ID] inside the description
    ],
)
def test_predicates(survey: Catalog, query: str, expected: list[str]) -> None:
    assert ids(survey, query) == expected


# --- attributes, comparisons and membership -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("id == tls", ["tls"]),
        ("name == 'gQUIC'", ["gquic"]),
        ('name != "TLS" and category == application-payload', ["dtls"]),
        ("category == packet", ["ipsec", "wireguard", "openvpn"]),
        ("packet == category", ["ipsec", "wireguard", "openvpn"]),
        ("group != category", ["srtp", "zrtp"]),
        ("section >= 3.3 and section < 3.4", ["quic", "gquic", "tcpcrypt", "minimalt", "curvecp"]),
        ("section > 3.4", ["ipsec", "wireguard", "openvpn"]),
        ("section <= 3.1.2", ["tls", "dtls"]),
        ("structure == separate", ["quic", "ipsec", "openvpn"]),
        ("structure != integrated and structure != separate", ["srtp", "zrtp"]),
        ("not in_table", ["srtp", "gquic"]),
        ("in_table == false", ["srtp", "gquic"]),
        ("interfaces == 11", ["dtls", "ipsec"]),
        ("interfaces < 1", ["srtp", "gquic"]),
        ("3 >= interfaces and interfaces > 0", ["curvecp"]),
        ("references >= 5", ["ipsec"]),
        ("id in [tls, quic]", ["tls", "quic"]),
        (
            "id not in [tls, dtls, srtp, zrtp, quic, gquic, tcpcrypt, minimalt, curvecp]",
            ["ipsec", "wireguard", "openvpn"],
        ),
        ("section in [3.2.1]", ["srtp", "zrtp"]),
        ("structure in [record-only, handshake-only]", ["srtp", "zrtp"]),
        ("id in []", []),
        (
            "true",
            [
                "tls",
                "dtls",
                "srtp",
                "zrtp",
                "quic",
                "gquic",
                "tcpcrypt",
                "minimalt",
                "curvecp",
                "ipsec",
                "wireguard",
                "openvpn",
            ],
        ),
        ("false", []),
    ],
)
def test_attributes(survey: Catalog, query: str, expected: list[str]) -> None:
    assert ids(survey, query) == expected


def test_boolean_operators_compose(survey: Catalog) -> None:
    assert ids(survey, "exposes(SAV) and transport(datagram)") == ["dtls", "quic", "ipsec", "wireguard"]
    assert ids(survey, "category(packet) and not exposes(KE)") == ["wireguard", "openvpn"]
    assert ids(survey, "exposes(KE) or exposes(AD)") == ["tcpcrypt", "ipsec"]
    assert ids(survey, "not not exposes(KE)") == ["ipsec"]
    assert ids(survey, "(exposes(KE) or exposes(EXT)) and not category(application-payload)") == ["quic", "ipsec"]


def test_select_keeps_the_given_order_and_pool(small: Catalog) -> None:
    query = compile_query("exposes(IPK)", small)
    beta, alpha = small.protocol("beta"), small.protocol("alpha")
    assert beta is not None and alpha is not None
    assert query.select(small, [beta, alpha]) == (beta, alpha)
    assert query.matches(alpha, small)


def test_ids_come_from_the_catalog_in_use(small: Catalog) -> None:
    # The small catalog has no SAV and no category "transport-layer".
    assert error(small, "exposes(SAV)").subtype is Subtype.UNKNOWN_NAME
    assert ids(small, "category(stream)") == ["alpha"]


# --- errors ---------------------------------------------------------------------------------------


#: A query the parser refuses, the column it names and words of the message.
SYNTAX_ERRORS = [
    ("", 1, "empty"),
    ("   ", 1, "empty"),
    ("exposes(SAV) and", 17, "expected a condition"),
    ("exposes(SAV", 12, "expected ',' or ')'"),
    ("exposes()", 9, "expected an id"),
    ("exposes(SAV,)", 13, "expected an id"),
    ("id in tls", 7, "'['"),
    ("id in [tls", 11, "expected ',' or ']'"),
    ("a b", 3, "join conditions with 'and' or 'or'"),
    ("exposes(SAV) && in_table", 14, "use 'and'"),
    ("'unterminated", 1, "no closing"),
    ("not", 4, "expected a condition"),
    ("(in_table", 10, "expected ')'"),
    ("in_table)", 9, "unexpected ')'"),
    ("exposes(SAV) == 3", 1, "only an attribute or a value"),
    ("in_table > 3", 10, "needs numbers or section numbers"),
    ("category", 1, "not true or false"),
    ("exposes", 1, "needs its argument in parentheses"),
    ("category(packet, stream)", 18, "takes one argument"),
    ("interfaces == tls", 15, "is a number"),
    ("in_table == 3", 13, "true or false"),
    ("section == abc", 12, "not a section number"),
    ("category == true", 13, "not true or false"),
    ("group == interfaces", 10, "different kinds of values"),
    ("id(tls)", 1, "is an attribute, not a predicate"),
    ("3", 1, "alone is not a condition"),
    ("(" * 60 + "true" + ")" * 60, 41, "nests deeper"),
    ("not " * 60 + "true", 157, "nests deeper"),
    ("x" * 2001, 1, "longer than"),
]
#: A query naming something the catalog does not have, the column and words of the message.
UNKNOWN_NAMES = [
    ("exposes(SAV) and tranport(datagram)", 18, "unknown predicate 'tranport' (did you mean 'transport'?)"),
    ("exposes(XYZ)", 9, "unknown interface 'XYZ'"),
    ("category(nope)", 10, "unknown category 'nope'"),
    ("phase(during)", 7, "unknown phase 'during'"),
    ("transport(carrier-pigeon)", 11, "unknown transport 'carrier-pigeon'"),
    ("cites(RFC0000)", 7, "unknown reference 'RFC0000'"),
    ("specific(magic)", 10, "unknown specific 'magic'"),
    ("category == foo", 13, "unknown category 'foo'"),
    ("structure == weird", 14, "unknown structure 'weird'"),
    ("id in [tls, zzz]", 13, "unknown protocol 'zzz'"),
    ("colour == red", 1, "unknown attribute 'colour'"),
    ("tls", 1, "did you mean id == tls?"),
    ("packet", 1, "did you mean category(packet)?"),
    ("SAV", 1, "did you mean exposes(SAV)?"),
    ("RFC8446", 1, "did you mean cites(RFC8446)?"),
    ("banana", 1, "unknown name 'banana'"),
]


@pytest.mark.parametrize(
    ("query", "column", "fragment", "subtype"),
    [
        *((*row, Subtype.QUERY_SYNTAX) for row in SYNTAX_ERRORS),
        *((*row, Subtype.UNKNOWN_NAME) for row in UNKNOWN_NAMES),
    ],
)
def test_errors_name_the_column(survey: Catalog, query: str, column: int, fragment: str, subtype: Subtype) -> None:
    problem = error(survey, query)
    assert problem.subtype is subtype
    assert problem.column == column
    assert fragment in problem.message
    assert str(problem).startswith(f"column {column}: ")


def test_errors_pickle_with_their_column() -> None:
    problem = QueryError("bad", 7, Subtype.UNKNOWN_NAME)
    copy = pickle.loads(pickle.dumps(problem))
    assert (copy.message, copy.column, copy.subtype) == ("bad", 7, Subtype.UNKNOWN_NAME)


def test_no_python_is_reachable(survey: Catalog) -> None:
    # Names are looked up in our tables only: dunders and builtins are unknown names.
    for text in ("__class__", "__import__('os')", "id.__class__ == x", "eval(1)", "exposes(SAV).__dict__"):
        with pytest.raises(QueryError):
            compile_query(text, survey)
