"""Synthetic catalog records, deterministic from a seed: N protocols x the survey's 13 interfaces.

The records mimic the real catalog: one to three paragraphs of description citing references,
structure and transport notes, about half of the interfaces exposed, one exposure in ten
qualified by a note. Nothing here knows about YAML or reStructuredText (see generate.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

#: The survey's categories, phases and transport classes (ids, names and sections).
CATEGORIES = (
    ("application-payload", "Application Payload Security Protocols", "3.1"),
    ("application-specific", "Application-Specific Security Protocols", "3.2"),
    ("transport-layer", "Transport-Layer Security Protocols", "3.3"),
    ("packet", "Packet Security Protocols", "3.4"),
)
PHASES = (
    ("pre-connection", "Pre-Connection Interfaces", "5.1"),
    ("connection", "Connection Interfaces", "5.2"),
    ("post-connection", "Post-Connection Interfaces", "5.3"),
)
TRANSPORTS = (
    ("byte-stream", "Reliable Byte-Stream Transports", "4.1"),
    ("datagram", "Unreliable Datagram Transports", "4.2"),
    ("byte-stream-mapping", "Datagram Protocols with Defined Byte-Stream Mappings", "4.2.1"),
    ("transport-specific", "Transport-Specific Dependencies", "4.3"),
)
#: The survey's 13 interfaces: code, name, phase.
INTERFACES = (
    ("IPK", "Identities and Private Keys", "pre-connection"),
    ("ALG", "Supported Algorithms (Key Exchange, Signatures, and Ciphersuites)", "pre-connection"),
    ("EXT", "Extensions", "pre-connection"),
    ("CM", "Session Cache Management", "pre-connection"),
    ("AD", "Authentication Delegation", "pre-connection"),
    ("PSKI", "Pre-Shared Key Import", "pre-connection"),
    ("IV", "Identity Validation", "connection"),
    ("SAV", "Source Address Validation", "connection"),
    ("CT", "Connection Termination", "post-connection"),
    ("KU", "Key Update", "post-connection"),
    ("PSKE", "Shared Secret Export", "post-connection"),
    ("KE", "Key Expiration", "post-connection"),
    ("ME", "Mobility Events", "post-connection"),
)
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


@dataclass(frozen=True, slots=True)
class Cited:
    """An optional qualifier: a note in plain text and the references it cites."""

    note: str | None
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SynthReference:
    id: str
    kind: str
    title: str
    authors: tuple[str, ...]
    date: str
    rfc: int | None
    draft: str | None
    version: str | None
    url: str


@dataclass(frozen=True, slots=True)
class SynthInterface:
    code: str
    name: str
    phase: str
    definition: str
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SynthProtocol:
    id: str
    name: str
    full_name: str
    section: str
    category: str
    in_table: bool
    summary: str
    description: str
    structure: str
    handshake: str | None
    record: str | None
    requires: tuple[str, ...]
    group: str | None
    mapping: Cited | None
    #: ``(kind, qualifier)`` of a transport-specific dependency.
    specific: tuple[str, Cited] | None
    transport_note: str | None
    #: ``(code, qualifier or None)`` in the survey's column order.
    exposes: tuple[tuple[str, Cited | None], ...]
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SynthCatalog:
    """Everything the generator writes, protocols already in catalog (section) order."""

    seed: int
    protocols: tuple[SynthProtocol, ...]
    interfaces: tuple[SynthInterface, ...]
    references: tuple[SynthReference, ...]

    def protocol(self, protocol_id: str) -> SynthProtocol:
        return next(p for p in self.protocols if p.id == protocol_id)


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

    def cited(self, probability: float) -> Cited | None:
        if self.rng.random() >= probability:
            return None
        note = f"{self.rng.choice(_TAILS)}" if self.rng.random() < 0.8 else None
        return Cited(note, self.refs(0 if note else 1, 1))


def _references(rng: random.Random, count: int) -> tuple[SynthReference, ...]:
    result = []
    for index in range(count):
        authors = tuple(
            f"{rng.choice(_SYLLABLES).title()}{rng.choice(_SYLLABLES)}, {chr(65 + index % 26)}."
            for _ in range(rng.randint(1, 4))
        )
        date = f"{rng.choice(MONTHS)} {2000 + index % 21}"
        title = f"{rng.choice(_SUBJECTS)[4:].strip().title()} {rng.choice(_VERBS).title()} {rng.choice(_OBJECTS)}"
        if index % 3 == 0:
            number = 7000 + index
            result.append(
                SynthReference(
                    f"RFC{number}",
                    "rfc",
                    title,
                    authors,
                    date,
                    number,
                    None,
                    None,
                    f"https://www.rfc-editor.org/rfc/rfc{number}",
                )
            )
        elif index % 3 == 1:
            draft = f"draft-ietf-synth-topic{index}"
            result.append(
                SynthReference(
                    f"I-D.ietf-synth-topic{index}",
                    "internet-draft",
                    title,
                    authors,
                    date,
                    None,
                    draft,
                    f"{index % 40:02d}",
                    f"https://datatracker.ietf.org/doc/html/{draft}",
                )
            )
        else:
            result.append(
                SynthReference(
                    f"Paper{index}",
                    "paper",
                    title,
                    authors,
                    date,
                    None,
                    None,
                    None,
                    f"https://example.org/papers/{index}.pdf",
                )
            )
    return tuple(result)


def _protocol(index: int, category: str, section: str, writer: _Writer) -> SynthProtocol:
    rng = writer.rng
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    requires = rng.choice(((), ("byte-stream",), ("datagram",), ("datagram",), ("byte-stream", "datagram")))
    specific = (rng.choice(SPECIFIC_KINDS), Cited(writer.sentence(), writer.refs(1, 1))) if rng.random() < 0.1 else None
    exposes = tuple((code, writer.cited(0.1)) for code, _, _ in INTERFACES if rng.random() < 0.5)
    return SynthProtocol(
        id=f"{word}{index}",
        name=f"{word.upper()}-{index}",
        full_name=f"{word.title()} Security Protocol {index}",
        section=section,
        category=category,
        in_table=rng.random() < 0.9,
        summary=writer.sentence(),
        description=writer.text((1, 3)),
        structure=rng.choice(STRUCTURES),
        handshake=writer.maybe(0.7),
        record=writer.maybe(0.7),
        requires=requires,
        group=rng.choice(CATEGORIES)[0] if rng.random() < 0.05 else None,
        mapping=writer.cited(0.1) if "datagram" in requires else None,
        specific=specific,
        transport_note=writer.maybe(0.1),
        exposes=exposes,
        references=writer.refs(1, 3),
    )


def synthesize(protocols: int, seed: int = 1) -> SynthCatalog:
    """A catalog of *protocols* protocols, the same for the same *seed*."""
    rng = random.Random(seed)
    references = _references(rng, max(24, protocols // 2))
    writer = _Writer(rng, tuple(r.id for r in references))
    interfaces = tuple(
        SynthInterface(code, name, phase, writer.text((1, 2)), writer.refs(0, 1)) for code, name, phase in INTERFACES
    )
    counts = dict.fromkeys((c[0] for c in CATEGORIES), 0)
    records = []
    for index in range(1, protocols + 1):
        category, _, category_section = CATEGORIES[rng.choices(range(4), weights=(4, 2, 2, 3))[0]]
        counts[category] += 1
        records.append(_protocol(index, category, f"{category_section}.{counts[category]}", writer))
    # The catalog's order: by section number, numerically.
    records.sort(key=lambda p: tuple(int(part) for part in p.section.split(".")))
    return SynthCatalog(seed, tuple(records), interfaces, references)
