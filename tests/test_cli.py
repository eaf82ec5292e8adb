"""The command line: ``tapssec validate|export|matrix|schema`` (no Sphinx)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from catalogs import line_of, protocol_text, write_catalog

from sphinx_tapssec.cli.main import main
from sphinx_tapssec.model.schema import schema_text

if TYPE_CHECKING:
    from pathlib import Path

CODES = ["IPK", "ALG", "EXT", "CM", "AD", "PSKI", "IV", "SAV", "CT", "KU", "PSKE", "KE", "ME"]
TABLE_1_NAMES = ["TLS", "DTLS", "ZRTP", "QUIC", "tcpcrypt", "MinimaLT", "CurveCP", "IPsec", "WireGuard", "OpenVPN"]


def test_validate_bundled_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok: 12 protocols, 13 interfaces, 33 references in ")
    assert err == ""


def test_validate_broken_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = protocol_text(exposes="\n  - IPK\n  - XYZ")
    write_catalog(tmp_path, {"protocols/alpha.yaml": text})
    assert main(["validate", str(tmp_path)]) == 1
    out, _ = capsys.readouterr()
    path = tmp_path / "protocols" / "alpha.yaml"
    line = line_of(text, "- XYZ")
    assert out.splitlines() == [
        f"{path}:{line}: protocol 'alpha' exposes: unknown interface 'XYZ' [tapssec.unknown_interface]"
    ]


def test_validate_reports_every_problem_with_a_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_catalog(
        tmp_path,
        {
            "protocols/alpha.yaml": protocol_text(section="1.1", colour="x"),
            "protocols/bad.yaml": "id: [\n",
        },
    )
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert re.match(rf"^{re.escape(str(tmp_path))}/\S+\.yaml:\d+: .+ \[tapssec\.[a-z_]+\]$", line), line


def test_export_json_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    protocols = {p["id"]: p for p in data["protocols"]}
    assert len(protocols) == 12
    dtls = protocols["dtls"]
    assert {key: dtls[key] for key in ("id", "name", "category", "in_table")} == {
        "id": "dtls",
        "name": "DTLS",
        "category": "application-payload",
        "in_table": True,
    }
    assert "ME" in dtls["interfaces"]
    assert set(dtls["qualifiers"]) == {"ME"}
    assert "1.3" in dtls["qualifiers"]["ME"]
    assert dtls["qualifier_references"] == {"ME": ["I-D.ietf-tls-dtls13"]}
    assert protocols["ipsec"]["qualifier_references"] == {"ME": ["RFC4555"]}
    assert protocols["srtp"]["in_table"] is False
    assert protocols["srtp"]["interfaces"] == []
    assert [(i["code"], i["phase"]) for i in data["interfaces"]][:2] == [
        ("IPK", "pre-connection"),
        ("ALG", "pre-connection"),
    ]
    assert [i["code"] for i in data["interfaces"]] == CODES
    assert all(i["name"] for i in data["interfaces"])


def test_export_json_of_a_broken_catalog_reports_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_catalog(tmp_path, {"protocols/alpha.yaml": protocol_text(exposes=" [IPK, XYZ]")})
    assert main(["export", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "[tapssec.unknown_interface]" in err
    assert json.loads(out)["protocols"][0]["interfaces"] == ["IPK"]


def test_export_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["id", "name", "category", "in_table", *CODES]
    assert len(rows) == 13
    tls = next(row for row in rows if row[0] == "tls")
    exposed = [code for code, cell in zip(CODES, tls[4:], strict=True) if cell == "1"]
    assert exposed == ["IPK", "ALG", "EXT", "CM", "PSKI", "IV", "CT", "KU", "PSKE"]


def test_matrix_prints_table_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Protocol", *CODES]
    assert [line.split()[0] for line in lines[1:11]] == TABLE_1_NAMES
    dtls = lines[2]
    assert dtls.split()[-1] == "x*"  # DTLS ME is qualified
    assert "qualified" in lines[-1]


def test_matrix_all_protocols(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix", "--all-protocols"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:13]]
    assert names == [
        "TLS",
        "DTLS",
        "SRTP",
        "ZRTP",
        "QUIC",
        "gQUIC",
        "tcpcrypt",
        "MinimaLT",
        "CurveCP",
        *TABLE_1_NAMES[7:],
    ]


def test_schema_prints_valid_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schema_text()
    assert json.loads(out)["title"] == "sphinx-tapssec catalog file"


def test_unknown_command_exits_with_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_module_entry_point_exports_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_tapssec", "export", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [p["name"] for p in data["protocols"] if p["in_table"]] == TABLE_1_NAMES


# --- init, schema --output, --help ------------------------------------------------------------------------


def test_init_writes_a_valid_commented_starter_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "own" / "catalog"
    assert main(["init", str(target)]) == 0
    assert capsys.readouterr().out == (
        f"wrote a starter catalog of 7 files to {target}; check it with: tapssec validate {target}\n"
    )
    assert main(["validate", str(target)]) == 0
    assert capsys.readouterr().out == "ok: 1 protocol, 2 interfaces, 1 reference in 6 files\n"
    for path in target.rglob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / lines[0].split("=", 1)[1]).resolve()
        assert schema == (target / "schema" / "tapssec-catalog.schema.json").resolve()
        assert any(line.lstrip().startswith("#") for line in lines[1:]), f"{path} has no comment"
    assert (target / "schema" / "tapssec-catalog.schema.json").read_text(encoding="utf-8") == schema_text()


def test_init_refuses_a_directory_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"tapssec init: {tmp_path} exists and is not an empty directory; init writes a new catalog only\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_schema_output_creates_its_directories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "catalog" / "schema" / "tapssec-catalog.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    assert target.read_text(encoding="utf-8") == schema_text()


def test_schema_output_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert main(["schema", "-o", str(tmp_path / "file" / "schema.json")]) == 2
    assert capsys.readouterr().err == f"tapssec schema: cannot write {tmp_path / 'file' / 'schema.json'}: File exists\n"


def test_help_is_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert " ".join(out.split()).startswith(
        "usage: tapssec [-h] COMMAND ... Validate, export and print a catalog without Sphinx, or check a whole Sphinx "
        "project. positional arguments: COMMAND validate check a catalog;"
    )
    assert "``" not in out
