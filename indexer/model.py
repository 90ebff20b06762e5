"""The parsed form of a report: frozen dataclasses, no behaviour beyond small conveniences.

Parsing produces these; the index stores them; the web layer renders them. Keeping them
plain (no Whoosh, no Flask) lets every layer be tested on its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """One heading of the table of contents.

    :param enumerator: as printed, e.g. ``參、``, ``二、``, ``(一)``.
    :param number: the enumerator's value (參 -> 3), used in paragraph IDs.
    :param title: the heading text without its enumerator.
    :param level: 1 chapter, 2 section, 3 subsection.
    :param line: 1-based line number in the source text.
    """

    enumerator: str
    number: int
    title: str
    level: int
    line: int
    children: tuple["Heading", ...] = ()

    @property
    def printed(self) -> str:
        """The heading exactly as printed in the table of contents (stripped)."""
        return f"{self.enumerator}{self.title}"

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the body, assigned to one leaf of the table of contents.

    :param id: stable, readable ID (see :mod:`indexer.ids`).
    :param section: the headings from chapter to leaf, each as printed.
    :param titles: the same headings without enumerators (facet values, heading matches).
    :param path: the enumerator values from chapter to leaf, e.g. ``(3, 2)``.
    :param ordinal: 1-based position within its leaf.
    :param kind: ``"prose"`` or ``"table"``.
    :param text: verbatim text; lines of a table or a wrapped sentence are joined by ``\\n``.
    :param lines: 1-based source line numbers of the (non-blank) lines it holds.
    """

    id: str
    section: tuple[str, ...]
    titles: tuple[str, ...]
    path: tuple[int, ...]
    ordinal: int
    kind: str
    text: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Placement:
    """A leaf heading whose text was found by its wording, not by the numbering: where its
    first paragraph starts (a line of the source), or None when no text was left for it.
    Worth a reader's check: the alignment chose the likeliest place, not a certain one."""

    heading: str  # as printed, enumerator included
    line: int | None


@dataclass(frozen=True)
class Report:
    """A parsed report.

    :param id: stable report ID derived from agency and year (see :mod:`indexer.ids`).
    :param source: where it came from (a file name); informational only.
    """

    id: str
    source: str
    agency: str
    year: int
    year_ad: int
    title: str
    toc: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = field(default=())
    damaged: str | None = None  # why the text looks incomplete (indexed all the same, but a failure)
    placed: tuple[Placement, ...] = ()  # leaves placed by wording (see Placement)
    empty: tuple[str, ...] = ()  # leaf headings (as printed) that no paragraph was placed under
    checksum: str = ""  # SHA-256 of the file's bytes (what a build's parse cache is keyed by)

    def leaves(self) -> list[tuple[tuple[Heading, ...], Heading]]:
        """Every leaf heading with its ancestors (chapter first), in TOC order."""
        out: list[tuple[tuple[Heading, ...], Heading]] = []

        def walk(nodes: tuple[Heading, ...], trail: tuple[Heading, ...]) -> None:
            for node in nodes:
                here = trail + (node,)
                if node.is_leaf:
                    out.append((here, node))
                else:
                    walk(node.children, here)

        walk(self.toc, ())
        return out
