"""A synthetic catalog, deterministic from a seed: N protocols x the survey's 13 interfaces.

The records mimic the real catalog: one to three paragraphs of description citing references,
structure and transport notes, about half of the interfaces exposed, one exposure in ten
qualified by a note. They are the model's own entities (:mod:`sphinx_tapssec.model.entities`),
so the catalog files are written by the model's export; nothing here knows about YAML or
reStructuredText (see generate.py).
"""

from __future__ import annotations

import random
from typing import TypeVar

from sphinx_tapssec.model import entities as model
from sphinx_tapssec.model.catalog_location import bundled_catalog
from sphinx_tapssec.model.loader import load_catalog


def _survey_groups() -> tuple[tuple[tuple[str, str, str], ...], ...]:
    """The survey's categories, phases, transport classes (id, name, section) and interfaces
    (code, name, phase), read from the bundled catalog: the facts live there, once."""
    survey = load_catalog([bundled_catalog()]).catalog
    return (
        tuple((c.id, c.name, c.section) for c in survey.categories),
        tuple((p.id, p.name, p.section) for p in survey.phases),
        tuple((t.id, t.name, t.section) for t in survey.transports),
        tuple((i.code, i.name, i.phase) for i in survey.interfaces),
    )


CATEGORIES, PHASES, TRANSPORTS, INTERFACES = _survey_groups()
PHASE_SECTIONS = {phase_id: section for phase_id, _, section in PHASES}
STRUCTURES = ("integrated", "separate", "record-only", "handshake-only")
SPECIFIC_KINDS = ("transport-feature", "own-transport")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")

_SYLLABLES = ("ka", "ve", "lo", "ri", "tan", "mu", "ser", "qui", "dor", "na", "pex", "zu", "cor", "li", "ma", "tor")
_SUBJECTS = (
    "The handshake",
    "The record layer",
    "Each endpoint",
    "The initiator",
    "The responder",
    "An application",
    "The protocol",
    "A peer",
    "The key schedule",
    "The session state",
)
_VERBS = (
    "authenticates",
    "encrypts",
    "negotiates",
    "derives",
    "protects",
    "validates",
    "refreshes",
    "exports",
    "binds",
    "frames",
    "retransmits",
    "signs",
)
_OBJECTS = (
    "the traffic keys",
    "every application message",
    "the cipher suite",
    "the transport headers",
    "the peer's certificate chain",
    "a pre-shared secret",
    "the connection identifier",
    "the datagram boundaries",
    "replay counters",
    "the session ticket",
    "an ephemeral key share",
    "the address validation token",
)
_TAILS = (
    "before any payload is sent",
    "over an unreliable datagram transport",
    "when the connection migrates to a new path",
    "once the handshake has completed",
    "without involving the application",
    "on behalf of the application",
    "using an authenticated encryption scheme",
    "as soon as a key expires",
    "for every new session",
    "inside a tunnel between two gateways",
)


class _Writer:
    """Sentences and paragraphs of plausible protocol prose, citing references as ``[ID]``."""

    def __init__(self, rng: random.Random, reference_ids: tuple[str, ...]) -> None:
        self.rng = rng
        self.reference_ids = reference_ids

    def refs(self, low: int, high: int) -> tuple[str, ...]:
        count = self.rng.randint(low, high)
        return tuple(sorted(set(self.rng.sample(self.reference_ids, count))))

    def sentence(self, cite: bool = False) -> str:
        pick = self.rng.choice
        text = f"{pick(_SUBJECTS)} {pick(_VERBS)} {pick(_OBJECTS)} {pick(_TAILS)}"
        if cite:
            text += " " + " ".join(f"[{ref}]" for ref in self.refs(1, 2))
        return text + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(cite=index == 0 and self.rng.random() < 0.6) for index in range(sentences))

    def text(self, paragraphs: tuple[int, int]) -> str:
        count = self.rng.randint(*paragraphs)
        return "\n\n".join(self.paragraph(self.rng.randint(2, 4)) for _ in range(count))

    def maybe(self, probability: float, sentences: int = 1) -> str | None:
        return self.paragraph(sentences) if self.rng.random() < probability else None

    def cited(self, probability: float) -> tuple[str | None, tuple[str, ...]] | None:
        """A qualifier, with the given *probability*: a note (or none) and the references it cites."""
        if self.rng.random() >= probability:
            return None
        note = f"{self.rng.choice(_TAILS)}" if self.rng.random() < 0.8 else None
        return note, self.refs(0 if note else 1, 1)


_G = TypeVar("_G", model.Category, model.Phase, model.Transport)

#: Where a synthetic record comes from: no file, no line.
SYNTHETIC = model.Source("synthetic", 0)


def _reference(index: int, title: str, authors: tuple[str, ...], date: str) -> model.Reference:
    """Reference *index*: an RFC, an Internet-Draft or a paper, in turn."""
    number, draft = 7000 + index, f"draft-ietf-synth-topic{index}"
    rfc, internet_draft, paper = (
        (f"RFC{number}", "rfc", number, None, None, f"https://www.rfc-editor.org/rfc/rfc{number}"),
        (f"I-D.ietf-synth-topic{index}", "internet-draft", None, draft, f"{index % 40:02d}", ""),
        (f"Paper{index}", "paper", None, None, None, f"https://example.org/papers/{index}.pdf"),
    )
    ref_id, kind, rfc_number, draft_name, version, url = (rfc, internet_draft, paper)[index % 3]
    url = url or f"https://datatracker.ietf.org/doc/html/{draft}"
    return model.Reference(
        ref_id, kind, title, authors, date, url, rfc_number, None, None, draft_name, version, SYNTHETIC
    )


def _references(rng: random.Random, count: int) -> tuple[model.Reference, ...]:
    result = []
    for index in range(count):
        authors = tuple(
            f"{rng.choice(_SYLLABLES).title()}{rng.choice(_SYLLABLES)}, {chr(65 + index % 26)}."
            for _ in range(rng.randint(1, 4))
        )
        date = f"{rng.choice(MONTHS)} {2000 + index % 21}"
        title = f"{rng.choice(_SUBJECTS)[4:].strip().title()} {rng.choice(_VERBS).title()} {rng.choice(_OBJECTS)}"
        result.append(_reference(index, title, authors, date))
    return tuple(result)


def _exposure(code: str, qualifier: tuple[str | None, tuple[str, ...]] | None) -> model.Exposure:
    note, references = qualifier or (None, ())
    return model.Exposure(code, note, references, SYNTHETIC)


def _dependency(kind: str | None, qualifier: tuple[str | None, tuple[str, ...]] | None) -> model.Dependency | None:
    return None if qualifier is None else model.Dependency(kind, *qualifier, SYNTHETIC)


def _protocol(index: int, category: str, section: str, writer: _Writer) -> model.Protocol:
    # The random draws are made in a fixed order, so the same seed gives the same catalog.
    rng = writer.rng
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    requires = rng.choice(((), ("byte-stream",), ("datagram",), ("datagram",), ("byte-stream", "datagram")))
    specific = (rng.choice(SPECIFIC_KINDS), (writer.sentence(), writer.refs(1, 1))) if rng.random() < 0.1 else None
    exposes = tuple(_exposure(code, writer.cited(0.1)) for code, _, _ in INTERFACES if rng.random() < 0.5)
    in_table, summary, description = rng.random() < 0.9, writer.sentence(), writer.text((1, 3))
    structure = model.Structure(rng.choice(STRUCTURES), writer.maybe(0.7), writer.maybe(0.7))
    group = rng.choice(CATEGORIES)[0] if rng.random() < 0.05 else None
    mapping = _dependency(None, writer.cited(0.1) if "datagram" in requires else None)
    needs = model.TransportNeeds(
        requires, group, mapping, _dependency(*specific) if specific else None, writer.maybe(0.1), SYNTHETIC
    )
    return model.Protocol(
        id=f"{word}{index}",
        name=f"{word.upper()}-{index}",
        full_name=f"{word.title()} Security Protocol {index}",
        section=section,
        category=category,
        in_table=in_table,
        summary=summary,
        description=description,
        structure=structure,
        transport=needs,
        exposes=exposes,
        references=writer.refs(1, 3),
        source=SYNTHETIC,
    )


def _survey(protocols: int, seed: int) -> model.Survey:
    return model.Survey(
        id="draft-synthetic-survey-00",
        title=f"A Synthetic Survey of {protocols} Security Protocols",
        date="2026-01-01",
        status="Benchmark fixture",
        authors=(model.Author("Generated", None),),
        url=None,
        abstract=(
            f"A synthetic catalog of {protocols} protocols (seed {seed}), written to measure sphinx-tapssec at scale."
        ),
        expires=None,
        source=SYNTHETIC,
    )


def _groups(kind: type[_G], rows: tuple[tuple[str, str, str], ...], about: str) -> tuple[_G, ...]:
    return tuple(
        kind(group_id, name, section, f"The {about} {name.lower()}, as the synthetic survey groups them.", SYNTHETIC)
        for group_id, name, section in rows
    )


def synthesize(protocols: int, seed: int = 1) -> model.Catalog:
    """A catalog of *protocols* protocols, the same for the same *seed*."""
    rng = random.Random(seed)
    references = _references(rng, max(24, protocols // 2))
    writer = _Writer(rng, tuple(r.id for r in references))
    interfaces = tuple(
        model.Interface(code, name, phase, PHASE_SECTIONS[phase], writer.text((1, 2)), writer.refs(0, 1), SYNTHETIC)
        for code, name, phase in INTERFACES
    )
    counts = dict.fromkeys((c[0] for c in CATEGORIES), 0)
    records = []
    for index in range(1, protocols + 1):
        category, _, category_section = CATEGORIES[rng.choices(range(4), weights=(4, 2, 2, 3))[0]]
        counts[category] += 1
        records.append(_protocol(index, category, f"{category_section}.{counts[category]}", writer))
    # The catalog's order: by section number, numerically.
    records.sort(key=lambda p: tuple(int(part) for part in p.section.split(".")))
    return model.Catalog(
        protocols=tuple(records),
        interfaces=interfaces,
        categories=_groups(model.Category, CATEGORIES, "protocols of the"),
        phases=_groups(model.Phase, PHASES, "interfaces of the"),
        transports=_groups(model.Transport, TRANSPORTS, "protocols needing"),
        references=references,
        survey=_survey(protocols, seed),
    )
