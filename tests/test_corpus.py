"""A table-driven corpus of bad and hostile catalogs: each gives exact warnings and the rest still loads.

Every case is ``(name, files, expected)``: *files* are written over the small valid catalog of
:mod:`catalogs` (which holds protocol ``alpha``), and *expected* lists ``(file, line, subtype)`` of
each problem, where the file is relative to the catalog directory. No case may raise, and protocol
``alpha`` (plus ``beta`` where the case says so) must survive.

A catalog directory outside the Sphinx project is deliberately *not* warned about: the bundled
survey catalog lives in the installed package, and a sibling ``../catalog`` shared by several
projects is a normal layout, so such a warning would only be noise that users must suppress.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
import yaml
from catalogs import BASE_FILES, line_of, load, problem_keys, problem_kinds, protocol_text

from sphinx_tapssec.model import located_yaml
from sphinx_tapssec.model.located_yaml import MAX_NODES
from sphinx_tapssec.model.problems import Subtype

if TYPE_CHECKING:
    from pathlib import Path

from catalogs import write_catalog

BETA = "protocols/beta.yaml"


def beta(**fields: str | None) -> str:
    """A second valid protocol file, ``beta``, with *fields* replaced."""
    merged: dict[str, str | None] = {"id": "beta", "name": "Beta", "section": '"1.2"', **fields}
    return protocol_text(True, **merged)


@dataclass(frozen=True)
class Case:
    """One corpus entry."""

    #: A short unique name (the test id).
    name: str
    #: Files written over the base catalog (``None`` deletes one).
    files: dict[str, str | bytes | None]
    #: ``(file, line, subtype)`` of each expected problem, in the loader's order.
    expected: list[tuple[str, int, str]]
    #: Protocol ids that must still load.
    survivors: tuple[str, ...] = ("alpha",)
    #: Strings that must reach the model unchanged (hostile text is kept, not dropped).
    kept: tuple[str, ...] = field(default=())


def _at(text: str, needle: str, subtype: str, path: str = BETA, occurrence: int = 1) -> tuple[str, int, str]:
    return (path, line_of(text, needle, occurrence), subtype)


def _bad(name: str, text: str | bytes, needle: str | int, subtype: str, path: str = BETA) -> Case:
    """A case whose one file *path* gives one problem on the line holding *needle* (or line *needle*)."""
    if isinstance(needle, int):
        line = needle
    else:
        assert isinstance(text, str)
        line = line_of(text, needle)
    return Case(name, {path: text}, [(path, line, subtype)])


def _refs(old: str, new: str) -> str:
    return BASE_FILES["references.yaml"].replace(old, new)


def _alias_bomb() -> str:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(levels) + "\n"


LATIN = beta(full_name="B\u00e9ta")
TWICE = beta(exposes="\n  - KU\n  - KU")


def _syntax_cases() -> list[Case]:
    unclosed = beta(references="[RFC0001")
    unterminated = beta(summary='"unterminated')
    two_docs = beta() + "---\nid: gamma\n"
    return [
        _bad("syntax-colon-in-plain-scalar", beta(name="Beta: the second"), "name: Beta:", "yaml"),
        # An unclosed flow sequence is only noticed at the end of the file; a quote is reported
        # where it opens.
        _bad("syntax-unclosed-bracket", unclosed, len(unclosed.splitlines()) + 1, "yaml"),
        _bad("syntax-unterminated-quote", unterminated, "summary:", "yaml"),
        _bad("syntax-two-documents", two_docs, line_of(two_docs, "---"), "yaml"),
        _bad("syntax-non-string-key", beta(**{"1": "one"}), "1: one", "yaml"),
        _bad("syntax-bad-indentation", beta(summary="x\n   oops: y"), "oops", "yaml"),
        _bad("tab-indentation", beta(structure="\n\tkind: integrated"), "\tkind", "yaml"),
        _bad("raw-control-character", beta(name="Be\x01ta"), "Be\x01ta", "yaml"),
        Case("bom-accepted", {BETA: b"\xef\xbb\xbf" + beta().encode()}, [], ("alpha", "beta")),
        Case(
            "latin-1",
            {BETA: LATIN.encode("latin-1")},
            [_at(LATIN, "full_name", "yaml")],
        ),
        Case("utf-16", {BETA: beta().encode("utf-16")}, [(BETA, 1, "yaml")]),
        Case("empty-file", {BETA: ""}, [(BETA, 0, "yaml")]),
        Case("whitespace-only", {BETA: "  \n\n   \n"}, [(BETA, 0, "yaml")]),
        Case("document-marker-only", {BETA: "---\n...\n"}, [(BETA, 0, "yaml")]),
        Case("list-not-mapping", {BETA: "- id: beta\n- name: Beta\n"}, [(BETA, 1, "invalid_value")]),
        Case("scalar-not-mapping", {BETA: "just some text\n"}, [(BETA, 1, "invalid_value")]),
        Case("list-file-without-its-key", {"omitted.yaml": "- id: old\n"}, [("omitted.yaml", 1, "invalid_value")]),
    ]


def _shape_cases() -> list[Case]:
    twice = beta(summary="First.").replace("description:", "summary: Second.\ndescription:")
    exposure = beta(exposes="\n  - code: KU\n    note: one\n    note: two")
    cat = BASE_FILES["categories.yaml"] + "  - id: stream\n    name: Again\n    section: '9'\n    description: D.\n"
    ref = BASE_FILES["references.yaml"] + "  - id: PAPER\n    kind: web\n    title: Again\n"
    return [
        _bad("duplicate-key", twice, "summary: Second.", "invalid_value"),
        _bad("duplicate-key-in-exposure", exposure, "note: two", "invalid_value"),
        _bad(
            "duplicate-key-in-flow-mapping",
            beta(structure=" {kind: integrated, kind: separate}"),
            "{kind",
            "invalid_value",
        ),
        Case(
            "duplicate-protocol-id-across-files",
            {"protocols/zz.yaml": protocol_text(name="Twin")},
            [("protocols/zz.yaml", 2, "duplicate_id")],
        ),
        Case(
            "duplicate-category-id",
            {"categories.yaml": cat},
            [_at(cat, "id: stream", "duplicate_id", "categories.yaml", 2)],
        ),
        Case(
            "duplicate-reference-id",
            {"references.yaml": ref},
            [_at(ref, "id: PAPER", "duplicate_id", "references.yaml", 2)],
        ),
        _bad("misspelled-field", beta(sumary="Typo."), "sumary", "unknown_field"),
        _bad("unknown-field-in-exposure", beta(exposes="\n  - code: KU\n    nite: x"), "nite", "unknown_field"),
        _bad(
            "unknown-field-in-reference",
            _refs("    rfc: 1\n", "    rfc: 1\n    isbn: x\n"),
            "isbn",
            "unknown_field",
            "references.yaml",
        ),
        _bad("missing-required-field", beta(exposes=None), 2, "missing_field"),
        _bad("missing-nested-required-field", beta(structure="\n  handshake: x"), "handshake:", "missing_field"),
        _bad("number-for-string", beta(name="42"), "name: 42", "invalid_value"),
        _bad("mapping-for-text", beta(description="{a: 1}"), "description:", "invalid_value"),
        _bad("null-for-required-string", beta(summary=""), "summary:", "invalid_value"),
        _bad("string-for-list", beta(transport="\n  requires: byte-stream"), "requires", "invalid_value"),
        _bad("binary-for-string", beta(name="!!binary aGVsbG8="), "!!binary", "invalid_value"),
    ]


def _reference_cases() -> list[Case]:
    interfaces = BASE_FILES["interfaces.yaml"] + "    references: [NOPE]\n"
    phase = BASE_FILES["interfaces.yaml"].replace("phase: pre-connection", "phase: during", 1)
    return [
        _bad(
            "unknown-interface-in-mapping",
            beta(exposes="\n  - IPK\n  - code: ZZZ\n    note: n"),
            "code: ZZZ",
            "unknown_interface",
        ),
        _bad("unknown-category", beta(category="streaming"), "category:", "unknown_category"),
        Case(
            "unknown-phase",
            {"interfaces.yaml": phase},
            [
                _at(phase, "phase: during", "unknown_phase", "interfaces.yaml"),
                ("protocols/alpha.yaml", line_of(protocol_text(), "- IPK"), "unknown_interface"),
            ],
        ),
        _bad("unknown-reference-of-interface", interfaces, "NOPE", "unknown_reference", "interfaces.yaml"),
        _bad("unknown-citation-in-text", beta(description="As [RFC9999] says."), "description:", "unknown_reference"),
        Case(
            "same-interface-twice",
            {BETA: TWICE},
            [_at(TWICE, "- KU", "duplicate_id", occurrence=2)],
            ("alpha", "beta"),
        ),
    ]


def _tag_cases() -> list[Case]:
    merge = "base: &b {kind: integrated}\n" + beta(structure="\n  <<: *b")
    deep_flow = beta(structure=" " + "[" * 100 + "]" * 100)
    deep_block = beta(structure="".join(f"\n{'  ' * (n + 1)}k{n}:" for n in range(80)) + " x")
    return [
        _bad("python-object-apply", beta(name='!!python/object/apply:os.system ["id"]'), "!!python", "yaml"),
        _bad("python-name", beta(name="!!python/name:os.system"), "!!python", "yaml"),
        _bad("python-object-new-mapping", beta(structure=" !!python/object/new:dict {kind: x}"), "!!python", "yaml"),
        _bad("local-tag", beta(name="!shell rm -rf /"), "!shell", "yaml"),
        _bad("merge-key", merge, "<<", "yaml"),
        _bad("recursive-alias", beta(structure=" &s {kind: *s}"), "structure:", "yaml"),
        _bad("deep-flow-nesting", deep_flow, "structure:", "yaml"),
        _bad("deep-block-nesting", deep_block, "k63:", "yaml"),
        Case("very-large-file", {BETA: beta() + "# " + "x" * (4 * 1024 * 1024) + "\n"}, [(BETA, 0, "yaml")]),
    ]


def _hostile_cases() -> list[Case]:
    def url(value: str) -> str:
        return _refs("url: https://www.rfc-editor.org/info/rfc1", f"url: {value}")

    def unsafe(name: str, value: str) -> Case:
        text = url(value)
        return Case(name, {"references.yaml": text}, [_at(text, "url:", "unsafe_url", "references.yaml")])

    def kept(name: str, text: str, *strings: str) -> Case:
        return Case(name, {BETA: text}, [], ("alpha", "beta"), strings)

    return [
        kept("script-tag", beta(name='"<script>alert(1)</script>"'), "<script>alert(1)</script>"),
        kept("event-handler", beta(summary="'\"><img src=x onerror=alert(2)>'"), "onerror=alert(2)>"),
        kept("rtl-override", beta(full_name='"Beta \\u202Etxt.exe"'), "\u202etxt.exe"),
        kept("escaped-control-characters", beta(summary='"a\\u0001b\\u0000c\\u001bd"'), "a\x01b\x00c\x1bd"),
        kept("very-long-string", beta(description="y" * 100_000), "y" * 100_000),
        kept(
            "rest-raw-directive", beta(description="|\n  .. raw:: html\n\n     <script>x()</script>"), ".. raw:: html"
        ),
        kept("rest-include-and-substitution", beta(summary="'.. include:: /etc/passwd |evil|_'"), "/etc/passwd"),
        kept("id-lookalikes", beta(description="'Not cited: [RFC0001 ], [rfc 1], [<b>], [], [-x].'"), "[rfc 1]"),
        _bad(
            "markdown-link-is-a-citation",
            beta(description="'[click](javascript:alert(1))'"),
            "description:",
            "unknown_reference",
        ),
        unsafe("javascript-url", '"javascript:alert(7)"'),
        unsafe("javascript-url-mixed-case-and-space", '" JaVaScRiPt:alert(8)"'),
        unsafe("data-url", '"data:text/html,<script>alert(9)</script>"'),
        unsafe("vbscript-url", '"vbscript:msgbox(10)"'),
        unsafe("url-with-control-character", '"https://example.org/\\u0000x"'),
        unsafe("url-without-host", '"https://"'),
        unsafe("ftp-url", "ftp://example.org/file"),
    ]


CASES = _syntax_cases() + _shape_cases() + _reference_cases() + _tag_cases() + _hostile_cases()


def test_the_corpus_is_large_and_distinct() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    assert len({repr(sorted(case.files.items())) for case in CASES}) == len(CASES)
    covered = {subtype for case in CASES for _, _, subtype in case.expected}
    assert covered >= {s.value for s in Subtype if s.value.startswith(("unknown_", "duplicate_id"))} - {
        "unknown_transport",
        "unknown_protocol",
        "unknown_name",
    }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_case(tmp_path: Path, case: Case) -> None:
    result = load(write_catalog(tmp_path, case.files))
    assert problem_keys(result) == case.expected
    assert all(problem.message for problem in result.problems)
    ids = [protocol.id for protocol in result.catalog.protocols]
    assert set(case.survivors) <= set(ids), ids
    assert [c.id for c in result.catalog.categories] == ["stream", "packet"]
    if case.kept:
        text = repr(result.catalog.protocol("beta"))
        assert all(repr(string)[1:-1] in text for string in case.kept)


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused by counting nodes, not by running out of time: the test counts what was converted
    (no timed assertion), and fails instead of hanging if the limit ever stops working."""
    converted = 0
    convert = located_yaml._Converter.convert

    def counting(self: located_yaml._Converter, node: yaml.Node, depth: int = 0) -> object:
        nonlocal converted
        converted += 1
        assert converted <= 2 * MAX_NODES, "the alias bomb is being expanded"
        return convert(self, node, depth)

    monkeypatch.setattr(located_yaml._Converter, "convert", counting)
    text = _alias_bomb()
    result = load(write_catalog(tmp_path, {BETA: text}))
    # The bomb's file stops at the limit; the other file of the catalog converts a few hundred.
    assert MAX_NODES < converted < MAX_NODES + 1000
    assert problem_kinds(result) == [(BETA, "yaml")]
    assert str(MAX_NODES) in result.problems[0].message
    assert 1 <= result.problems[0].line <= len(text.splitlines())
    assert [p.id for p in result.catalog.protocols] == ["alpha"]


def test_missing_catalog_directory_is_one_problem_and_the_other_directory_loads(tmp_path: Path) -> None:
    result = load(tmp_path / "nowhere", write_catalog(tmp_path / "main"))
    assert [(p.path, p.line, p.subtype) for p in result.problems] == [(str(tmp_path / "nowhere"), 0, Subtype.CATALOG)]
    assert [p.id for p in result.catalog.protocols] == ["alpha"]


def test_catalog_path_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "catalog").write_text("not a directory\n", encoding="utf-8")
    result = load(tmp_path / "catalog")
    assert [(p.line, p.subtype) for p in result.problems] == [(0, Subtype.CATALOG)]


def test_directory_named_like_a_catalog_file_is_unreadable(tmp_path: Path) -> None:
    directory = write_catalog(tmp_path)
    (directory / BETA).mkdir()
    result = load(directory)
    assert problem_keys(result) == [(BETA, 0, "catalog")]
    assert "cannot read file" in result.problems[0].message
    assert [p.id for p in result.catalog.protocols] == ["alpha"]


def test_dangling_symlink_is_unreadable(tmp_path: Path) -> None:
    directory = write_catalog(tmp_path)
    (directory / BETA).symlink_to(tmp_path / "gone.yaml")
    result = load(directory)
    assert problem_keys(result) == [(BETA, 0, "catalog")]
    assert [p.id for p in result.catalog.protocols] == ["alpha"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission(tmp_path: Path) -> None:
    directory = write_catalog(tmp_path, {BETA: beta()})
    (directory / BETA).chmod(0)
    try:
        result = load(directory)
    finally:
        (directory / BETA).chmod(0o644)
    assert problem_keys(result) == [(BETA, 0, "catalog")]
    assert [p.id for p in result.catalog.protocols] == ["alpha"]


def test_file_deleted_between_two_loads(tmp_path: Path) -> None:
    directory = write_catalog(tmp_path, {BETA: beta()})
    first = load(directory)
    assert first.problems == ()
    assert [p.id for p in first.catalog.protocols] == ["alpha", "beta"]
    (directory / BETA).unlink()
    second = load(directory)
    assert second.problems == ()
    assert [p.id for p in second.catalog.protocols] == ["alpha"]
    assert str(directory / BETA) not in second.catalog.files
