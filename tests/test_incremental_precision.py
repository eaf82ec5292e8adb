"""Incremental and parallel guarantees on a generated project, without timing anything.

The project comes from the benchmark's generator (``benchmarks/generate.py``): pages of
protocols, a page per interface, the full matrix, matrices by category and by phase, the
transport lists. Editing one protocol file must re-read exactly the documents that show what
changed (``Layout.rendering``; the matrices show only a protocol's name, classes and
exposures, ``Layout.showing_prose``), a file no page uses must re-read nothing, and afterwards
the output must be the output of a clean build. ``-j 2`` must write the same bytes as ``-j 1``.
"""

from __future__ import annotations

import dataclasses
import os
import time
from typing import TYPE_CHECKING

import pytest
from helpers import rebuild

from benchmarks._builds import differing_files, our_differences
from benchmarks._catalog import protocol_yaml
from benchmarks.generate import Generated, generate

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx_tapssec.model.entities import Protocol

#: Two pages of protocols, enough for every kind of page to show some and omit others.
PROTOCOLS = 24
SEED = 5


def build(generated: Generated, builddir: Path, parallel: int = 1) -> set[str]:
    """One build of the extension project into *builddir*; the documents it read. Warnings fail the test."""
    read, warnings, _ = rebuild(generated.ext_dir, builddir=builddir, parallel=parallel)
    assert warnings == []
    return read


def write(path: Path, text: str) -> None:
    """Replace a catalog file; its modification time is now, after everything the last build read."""
    path.write_text(text, encoding="utf-8")
    now = time.time_ns()
    os.utime(path, ns=(now, now))


def same_as_clean(generated: Generated, builddir: Path, tmp_path: Path) -> list[str]:
    """Files of *builddir*'s HTML that differ from a clean build of the same sources.

    One difference is Sphinx's own and forgiven: an incremental build keeps in ``searchindex.js``
    only the index entries of the pages it wrote (``benchmarks._builds.SPHINX_12599``).
    """
    clean = tmp_path / "clean"
    build(generated, clean)
    return our_differences(differing_files(builddir / "html", clean / "html"))


@pytest.fixture
def project(tmp_path: Path) -> tuple[Generated, Path]:
    """The generated project, built once into ``tmp_path / "build"``."""
    generated = generate(tmp_path / "project", PROTOCOLS, SEED)
    builddir = tmp_path / "build"
    assert build(generated, builddir) == set(generated.layout.docnames())
    return generated, builddir


def pick(generated: Generated, *, in_table: bool) -> Protocol:
    return next(p for p in generated.catalog.protocols if p.in_table == in_table and p.exposes)


@pytest.mark.parametrize("in_table", [True, False], ids=["in-table", "not-in-table"])
def test_editing_one_protocol_rereads_exactly_the_documents_showing_it(
    project: tuple[Generated, Path], tmp_path: Path, in_table: bool
) -> None:
    generated, builddir = project
    protocol = pick(generated, in_table=in_table)
    edited = dataclasses.replace(protocol, description=protocol.description + "\n\nOne more paragraph.")
    write(generated.catalog_dir / "protocols" / f"{protocol.id}.yaml", protocol_yaml(edited))
    expected = generated.layout.showing_prose(protocol)
    # Not every interface page or list: only those that show this protocol; and no matrix, as the
    # rows do not show the description.
    assert expected < generated.layout.rendering(protocol) < set(generated.layout.docnames())
    assert build(generated, builddir) == expected
    assert build(generated, builddir) == set()
    assert same_as_clean(generated, builddir, tmp_path) == []


@pytest.mark.parametrize("change", ["name", "exposure note"])
def test_editing_what_a_matrix_row_shows_rereads_the_matrices_too(
    project: tuple[Generated, Path], tmp_path: Path, change: str
) -> None:
    generated, builddir = project
    protocol = pick(generated, in_table=True)
    if change == "name":
        edited = dataclasses.replace(protocol, name=protocol.name + "-BIS")
    else:
        first, *others = protocol.exposes
        noted = dataclasses.replace(first, note="only with an extension", references=())
        edited = dataclasses.replace(protocol, exposes=(noted, *others))
    write(generated.catalog_dir / "protocols" / f"{protocol.id}.yaml", protocol_yaml(edited))
    assert build(generated, builddir) == generated.layout.rendering(protocol)
    assert same_as_clean(generated, builddir, tmp_path) == []


def test_moving_a_protocol_to_another_category_rereads_both_categories(
    project: tuple[Generated, Path], tmp_path: Path
) -> None:
    generated, builddir = project
    protocol = pick(generated, in_table=True)
    other = next(p.category for p in generated.catalog.protocols if p.category != protocol.category)
    moved = dataclasses.replace(protocol, category=other)
    write(generated.catalog_dir / "protocols" / f"{protocol.id}.yaml", protocol_yaml(moved))
    # The matrix of the new category did not show the protocol: it joins it.
    assert f"matrices/{other}" not in generated.layout.rendering(protocol)
    expected = generated.layout.rendering(protocol) | generated.layout.rendering(moved)
    assert build(generated, builddir) == expected
    assert same_as_clean(generated, builddir, tmp_path) == []


def test_a_new_protocol_file_rereads_the_lists_it_joins(project: tuple[Generated, Path], tmp_path: Path) -> None:
    generated, builddir = project
    model = pick(generated, in_table=True)
    new = dataclasses.replace(model, id="newcomer99", name="NEWCOMER-99", section=model.section + ".9")
    write(generated.catalog_dir / "protocols" / "newcomer99.yaml", protocol_yaml(new))
    rendering = generated.layout.rendering(model) - {generated.layout.page_of(model.id)}
    assert build(generated, builddir) == rendering  # no page describes it; every list and matrix of its kind shows it
    assert same_as_clean(generated, builddir, tmp_path) == []


def test_editing_the_interfaces_rereads_the_documents_showing_interfaces(project: tuple[Generated, Path]) -> None:
    generated, builddir = project
    path = generated.catalog_dir / "interfaces.yaml"
    write(path, path.read_text(encoding="utf-8").replace("name: Extensions\n", "name: Protocol Extensions\n", 1))
    assert build(generated, builddir) == generated.layout.showing_interfaces()


def test_editing_a_file_nothing_shows_rereads_nothing(project: tuple[Generated, Path], tmp_path: Path) -> None:
    generated, builddir = project
    path = generated.catalog_dir / "survey.yaml"
    write(path, path.read_text(encoding="utf-8").replace("Benchmark fixture", "Benchmark fixture, edited"))
    assert build(generated, builddir) == set()
    assert same_as_clean(generated, builddir, tmp_path) == []


def test_parallel_output_is_byte_identical(tmp_path: Path) -> None:
    generated = generate(tmp_path / "project", PROTOCOLS, SEED)
    build(generated, tmp_path / "serial")
    build(generated, tmp_path / "parallel", parallel=2)
    assert differing_files(tmp_path / "serial" / "html", tmp_path / "parallel" / "html") == []


def test_incremental_parallel_build_equals_a_clean_build(project: tuple[Generated, Path], tmp_path: Path) -> None:
    generated, builddir = project
    protocol = pick(generated, in_table=True)
    edited = dataclasses.replace(protocol, summary="A summary rewritten for this test.")
    write(generated.catalog_dir / "protocols" / f"{protocol.id}.yaml", protocol_yaml(edited))
    assert build(generated, builddir, parallel=2) == generated.layout.showing_prose(protocol)
    assert same_as_clean(generated, builddir, tmp_path) == []
