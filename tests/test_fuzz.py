"""Property-based tests of the loader, the exporters and incremental builds (hypothesis).

The number of examples is small by default so that CI stays fast. Set the environment variable
``TAPSSEC_FUZZ_EXAMPLES`` to a number to run every property in this module with that many
examples, e.g. ``TAPSSEC_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` for a long run.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from catalogs import BASE_FILES, protocol_text, write_catalog
from helpers import build_once, touch, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_tapssec.model.export import to_catalog_files, to_json
from sphinx_tapssec.model.loader import load_catalog
from sphinx_tapssec.model.problems import Subtype


def examples(default: int) -> int:
    """``TAPSSEC_FUZZ_EXAMPLES`` when set, else *default*."""
    return int(os.environ.get("TAPSSEC_FUZZ_EXAMPLES") or default)


def _fuzz_settings(default: int) -> settings:
    return settings(max_examples=examples(default), deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- (a) anything at all as a catalog file ---------------------------------------------------

#: Characters that make YAML interesting: indicators, quotes, anchors, tags, breaks and tabs.
_YAML_ALPHABET = st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\t\n \ufeff\x00\x85\u2028") + list("abcKU01.<"))
_YAMLISH = st.text(_YAML_ALPHABET, max_size=200)
_FILES = st.sampled_from(["protocols/fuzz.yaml", "protocols/alpha.yaml", "interfaces.yaml", "references.yaml"])


def _assert_well_formed(directory: Path) -> None:
    result = load_catalog([directory])
    for problem in result.problems:
        assert problem.path, problem
        assert problem.line >= 0, problem
        assert isinstance(problem.subtype, Subtype), problem
        assert problem.message, problem


@_fuzz_settings(60)
@given(name=_FILES, content=st.one_of(st.text(max_size=300), st.binary(max_size=300), _YAMLISH))
def test_any_file_content_gives_problems_not_exceptions(name: str, content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _assert_well_formed(write_catalog(Path(tmp), {name: content}))


@_fuzz_settings(30)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
        max_leaves=20,
    )
)
def test_any_yaml_value_as_a_protocol_gives_problems_not_exceptions(data: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _assert_well_formed(write_catalog(Path(tmp), {"protocols/fuzz.yaml": yaml.safe_dump(data)}))


# --- (b) valid catalogs load cleanly and round-trip ---------------------------------------------

#: Printable text without ``[`` (which could start a citation of an unknown reference).
_WORDS = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters="[\u2028\u2029\x85\ufeff"),
    min_size=1,
    max_size=12,
)
_CITATION = st.sampled_from([" [RFC0001]", " [PAPER]", ""])


@st.composite
def _text(draw: st.DrawFn, lines: bool = False) -> str:
    separator = st.sampled_from([" ", "\n\n"]) if lines else st.just(" ")
    words = draw(st.lists(_WORDS, min_size=1, max_size=5))
    text = words[0] + "".join(draw(separator) + word for word in words[1:])
    return text + draw(_CITATION)


_IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
_SECTIONS = st.from_regex(r"[1-9](\.[0-9]){0,2}", fullmatch=True)
_REFS = st.lists(st.sampled_from(["RFC0001", "PAPER"]), unique=True, max_size=2)


@st.composite
def _exposure(draw: st.DrawFn, code: str) -> str | dict[str, Any]:
    if draw(st.booleans()):
        return code
    exposure: dict[str, Any] = {"code": code, "note": draw(_text())}
    if refs := draw(_REFS):
        exposure["references"] = refs
    return exposure


@st.composite
def _protocol(draw: st.DrawFn, protocol_id: str) -> dict[str, Any]:
    codes = draw(st.lists(st.sampled_from(["IPK", "ALG", "KU"]), unique=True, min_size=1))
    structure: dict[str, Any] = {"kind": draw(st.sampled_from(["integrated", "separate", "record-only"]))}
    if draw(st.booleans()):
        structure["handshake"] = draw(_text())
    record: dict[str, Any] = {
        "id": protocol_id,
        "name": draw(_WORDS).strip() or "x",
        "full_name": draw(_text()),
        "section": draw(_SECTIONS),
        "category": draw(st.sampled_from(["stream", "packet"])),
        "in_table": draw(st.booleans()),
        "summary": draw(_text()),
        "description": draw(_text(lines=True)),
        "structure": structure,
        "transport": {"requires": draw(st.lists(st.sampled_from(["byte-stream", "datagram"]), unique=True))},
        "exposes": [draw(_exposure(code)) for code in codes],
    }
    if refs := draw(_REFS):
        record["references"] = refs
    return record


@st.composite
def _catalogs(draw: st.DrawFn) -> dict[str, str | bytes | None]:
    ids = draw(st.lists(_IDS, unique=True, min_size=1, max_size=4))
    files: dict[str, str | bytes | None] = {"protocols/alpha.yaml": None}
    for protocol_id in ids:
        files[f"protocols/{protocol_id}.yaml"] = yaml.safe_dump(
            draw(_protocol(protocol_id)), sort_keys=False, allow_unicode=draw(st.booleans())
        )
    return files


def _write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@_fuzz_settings(25)
@given(files=_catalogs())
def test_valid_catalog_loads_cleanly_and_round_trips(files: dict[str, str | bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = write_catalog(Path(tmp) / "first", files)
        first = load_catalog([directory])
        assert first.problems == ()
        assert {f"protocols/{p.id}.yaml" for p in first.catalog.protocols} == {n for n, t in files.items() if t}
        exported = to_json(first.catalog)
        assert to_json(load_catalog([directory]).catalog) == exported  # deterministic
        second = load_catalog([_write(Path(tmp) / "second", to_catalog_files(first.catalog))])
        assert second.problems == ()
        assert to_json(second.catalog) == exported


# --- (c) incremental builds after random edits end like a clean build ---------------------------

_INDEX = "Fuzz\n====\n\n.. interface-matrix::\n\n.. protocol-list::\n\n.. reference-list::\n"

_EDITS = st.sampled_from(["summary", "add-beta", "remove-beta", "rename-interface", "break-alpha", "restore-alpha"])


def _apply(edit: str, catalog: Path, step: int) -> None:
    alpha, beta = catalog / "protocols" / "alpha.yaml", catalog / "protocols" / "beta.yaml"
    if edit == "summary":
        alpha.write_text(protocol_text(summary=f"Edited {step}."), encoding="utf-8")
    elif edit == "add-beta":
        beta.write_text(protocol_text(id="beta", name="Beta", section='"1.2"', exposes=" [ALG]"), encoding="utf-8")
    elif edit == "remove-beta":
        beta.unlink(missing_ok=True)
    elif edit == "rename-interface":
        text = BASE_FILES["interfaces.yaml"].replace("Key Update", f"Key Update {step}")
        (catalog / "interfaces.yaml").write_text(text, encoding="utf-8")
    elif edit == "break-alpha":
        alpha.write_text("id: alpha\nname: [unclosed\n", encoding="utf-8")
    else:
        alpha.write_text(protocol_text(), encoding="utf-8")
    # File systems with coarse timestamps would otherwise hide an edit made within the same tick.
    for path in [*(catalog / "protocols").glob("*.yaml"), catalog / "interfaces.yaml"]:
        touch(path)


def _project(directory: Path) -> Path:
    return write_project(directory, _INDEX, catalog={})


def _html(srcdir: Path) -> str:
    return build_once(srcdir).output("index.html")


@settings(max_examples=examples(3), deadline=None, suppress_health_check=list(HealthCheck))
@given(edits=st.lists(_EDITS, min_size=1, max_size=3))
def test_incremental_builds_after_edits_equal_a_clean_build(edits: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        srcdir = _project(Path(tmp) / "edited")
        _html(srcdir)
        for step, edit in enumerate(edits):
            _apply(edit, srcdir / "catalog", step)
            incremental = _html(srcdir)
        clean = _project(Path(tmp) / "clean")
        for name in ("interfaces.yaml", "protocols/alpha.yaml", "protocols/beta.yaml"):
            (clean / "catalog" / name).unlink(missing_ok=True)
            if (srcdir / "catalog" / name).exists():
                (clean / "catalog" / name).write_bytes((srcdir / "catalog" / name).read_bytes())
        assert incremental == _html(clean)
