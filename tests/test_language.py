"""A German host gets no English word the extension writes itself, in any builder.

The guide's own-catalog example (with the files only a survey catalog has) is built with
``language = "de"`` by a root that uses every directive and role. Every phrase of the message
template (each msgid cut at its placeholders, pieces of two words or more, that German says
differently) is then looked for in what the pages show: HTML text and attributes (tooltips,
``alt``, the diagram's description), text output and LaTeX. Catalog data stays as written, so
the catalog's words are not looked for. Strings the code forgets to mark are caught the same
way: the English build of the root is checked to hold the phrases the German one lacks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel.messages.pofile import read_po
from helpers import OWN_CATALOG, build, own_catalog_root, warnings_of
from read_output import parse_html

from sphinx_tapssec.sphinxext.translations import LOCALE_DIR, MESSAGE_CATALOG

if TYPE_CHECKING:
    from read_output import Element

GERMAN_PO = LOCALE_DIR / "de" / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"
#: The files a survey catalog has beyond the guide's own-catalog example (survey wording paths).
SURVEY_FILES = OWN_CATALOG.parent / "survey-catalog"
#: More uses of roles than the root's pages have: ``:any:`` and a status tooltip.
EXTRA_RST = """

Any: :any:`hivelink`, :any:`BK`; a cited draft: :tapssec:ref:`I-D.apis-pollen`.
"""
#: Attributes whose values a reader meets (tooltips, alternative text); not the script's labels.
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "aria-description")
#: Builders whose output is checked, and the files of each.
OUTPUTS = {"html": "*.html", "text": "*.txt", "latex": "*.tex"}


def _pieces(message: str) -> list[str]:
    """*message* cut at its ``{placeholders}`` and ````literal```` parts, trimmed of punctuation."""
    return [piece.strip(" .,;:()—-") for piece in re.split(r"\{[^}]*\}|``[^`]*``", message)]


def english_phrases(sources: str = "") -> set[str]:
    """Each piece of two or more words of a msgid whose German translation does not contain it.

    Pieces that *sources* (the project's own words) also hold are left out: there they are data.
    """
    with GERMAN_PO.open("rb") as po:
        catalog = read_po(po, locale="de")
    phrases = set()
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        for piece in _pieces(message.id):
            if len(piece.split()) > 1 and piece not in str(message.string) and piece not in sources:
                phrases.add(piece)
    return phrases


def _html_shown(page: Element) -> str:
    body = page.find("div", class_="body")
    attributes = [value for element in body.iter() for name, value in element.attrs.items() if name in SHOWN_ATTRIBUTES]
    return "\n".join([body.text(), *attributes])


def shown_text(outdir: Path, pattern: str) -> str:
    """What the output files show, with line breaks and LaTeX's hyphen macro undone."""
    texts = []
    for path in sorted(outdir.rglob(pattern)):
        if "_static" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = _html_shown(parse_html(text)) if 'class="body"' in text else ""
        texts.append(text.replace(r"\sphinxhyphen{}", "-"))
    return " ".join(" ".join(texts).split())


def _project(destination: Path) -> Path:
    srcdir = own_catalog_root(destination)
    for survey_file in SURVEY_FILES.iterdir():
        shutil.copy(survey_file, srcdir / "catalog" / survey_file.name)
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + EXTRA_RST, encoding="utf-8")
    return srcdir


def project_words(srcdir: Path) -> str:
    """The catalog's and the pages' own words, which stay as written in any language."""
    files = [*srcdir.glob("*.rst"), *srcdir.glob("catalog/**/*.yaml")]
    return " ".join(" ".join(path.read_text(encoding="utf-8") for path in sorted(files)).split())


@pytest.fixture(scope="module")
def data_words(tmp_path_factory: pytest.TempPathFactory) -> str:
    return project_words(_project(tmp_path_factory.mktemp("sources")))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """``(language, builder)`` → what the root's output shows, for German in every builder and English in HTML."""
    result = {}
    for language, builder in [("de", "html"), ("de", "text"), ("de", "latex"), ("en", "html")]:
        srcdir = _project(tmp_path_factory.mktemp(f"{language}-{builder}"))
        app = build(srcdir, builder, confoverrides={"language": language})
        try:
            assert warnings_of(app) == [], (language, builder)
            result[language, builder] = shown_text(Path(app.outdir), OUTPUTS[builder])
        finally:
            app.cleanup()
    return result


def test_the_phrases_are_the_catalogs_words(data_words: str) -> None:
    phrases = english_phrases()
    assert {"Work in Progress", "Must name an existing phase", "Handshake and record"} <= phrases
    # Placeholders and literals are cut out: no piece holds a brace or a backquote.
    assert not [phrase for phrase in phrases if re.search(r"[{}`]", phrase)]
    # The project's own words take only a few short phrases out of the check ("in Section", "the survey").
    assert 0 < len(phrases - english_phrases(data_words)) <= 8


def test_the_english_build_shows_the_phrases_the_german_one_must_not(
    outputs: dict[tuple[str, str], str], data_words: str
) -> None:
    # The check below can fail: the same root in English shows many of the phrases.
    shown = [phrase for phrase in english_phrases(data_words) if phrase in outputs["en", "html"]]
    assert len(shown) > 100
    assert "Work in Progress" in shown


@pytest.mark.parametrize("builder", list(OUTPUTS))
def test_a_german_build_shows_no_english_phrase(
    outputs: dict[tuple[str, str], str], data_words: str, builder: str
) -> None:
    shown = outputs["de", builder]
    english = [phrase for phrase in sorted(english_phrases(data_words)) if phrase in shown]
    assert english == [], {phrase: shown[shown.index(phrase) - 60 : shown.index(phrase) + 60] for phrase in english}
    # The German words are there, in the catalog-format and query references too.
    for german in ("Angebotene Schnittstellen", "Datensatz protocol", "Prädikate"):
        assert german in shown, german
