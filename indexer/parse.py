"""Parse a report's text into a :class:`~indexer.model.Report`. Pure: text in, dataclass out.

A report is a two-column table (重要施政項目 | 執行成果與效益) flattened to lines: a title
block, then the first column (the table of contents: 壹、 chapters, 一、 sections, (一)
subsections), then the second column (the body of every leaf, in TOC order, with no
headings). See :mod:`indexer.paragraphs` and :mod:`indexer.segment` for the body.
"""
from __future__ import annotations

import logging
import re
import unicodedata

from .errors import ReportError
from .ids import paragraph_id, report_id
from .model import Heading, Paragraph, Placement, Report
from .numerals import FORMAL, ORDINARY, chinese_number
from .paragraphs import Line, split_units
from .segment import align, looks_truncated, wordless_leaves

log = logging.getLogger(__name__)

FORMAL_CHARS = "".join(FORMAL)
ORDINARY_CHARS = "".join(ORDINARY)
HEADING_PATTERNS = (
    (1, re.compile(rf"^([{FORMAL_CHARS}]{{1,3}})\s*[、.．]\s*(.+)$")),
    (2, re.compile(rf"^([{ORDINARY_CHARS}]{{1,3}})\s*[、.．]\s*(.+)$")),
    (3, re.compile(rf"^[(（]\s*([{ORDINARY_CHARS}]{{1,3}})\s*[)）]\s*(.+)$")),
)
TITLE = re.compile(r"^(?P<agency>.*?)\s*(?P<year>\d{2,3})\s*年度?(?P<rest>.*)$")
ROC_OFFSET = 1911


def _heading(line: str, number: int) -> Heading | None:
    text = line.strip()
    for level, pattern in HEADING_PATTERNS:
        if m := pattern.match(text):
            try:
                value = chinese_number(m.group(1))
            except ValueError:
                continue
            title = m.group(2).strip()
            return Heading(text[: m.start(2)].rstrip(), value, title, level, number)
    return None


def parse_title(lines: list[str]) -> tuple[str, int, str]:
    """Agency, ROC year and title from the title block (the lines before the TOC).

    :raises ReportError: when no line names a year of a report.
    """
    for line in lines:
        text = unicodedata.normalize("NFKC", line).strip()
        m = TITLE.match(text)
        if m and m.group("agency") and ("報告" in text or "成果" in text):
            return m.group("agency").strip(), int(m.group("year")), line.strip()
    raise ReportError("no recognisable title (agency and year, e.g. 某某局104年度施政績效成果報告)")


def _nest(flat: list[Heading]) -> tuple[Heading, ...]:
    """Turn headings in order into a tree by level; a level may be skipped."""

    def build(items: list[Heading]) -> tuple[Heading, ...]:
        out: list[Heading] = []
        i = 0
        while i < len(items):
            head = items[i]
            j = i + 1
            while j < len(items) and items[j].level > head.level:
                j += 1
            children = build(items[i + 1 : j])
            out.append(Heading(head.enumerator, head.number, head.title, head.level, head.line, children))
            i = j
        return tuple(out)

    return build(flat)


def split_toc(lines: list[str]) -> tuple[int, int, list[Heading]]:
    """Find the table of contents: (first TOC line index, first body line index, headings).

    The TOC runs from the first chapter heading to the first line that is not a heading;
    a short unpunctuated line followed by another heading is a wrapped heading, not body.

    :raises ReportError: when there is no table of contents.
    """
    start = next((i for i, line in enumerate(lines) if (h := _heading(line, i + 1)) and h.level == 1), None)
    if start is None:
        raise ReportError("no table of contents (no chapter heading such as 壹、…)")
    headings: list[Heading] = []
    i = start
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            i += 1
            continue
        heading = _heading(lines[i], i + 1)
        if heading is not None:
            headings.append(heading)
            i += 1
            continue
        nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        wrapped = (
            headings
            and nxt is not None
            and _heading(lines[nxt], nxt + 1) is not None
            and len(text) < 40
            and not re.search(r"[。，；：]", text)
        )
        if not wrapped:
            break
        last = headings[-1]
        headings[-1] = Heading(last.enumerator, last.number, last.title + text, last.level, last.line)
        i += 1
    return start, i, headings


def parse_report(text: str, *, source: str = "") -> Report:
    """Parse one report.

    :param text: the whole report, already decoded (see :mod:`indexer.load`).
    :param source: a name for messages (usually the file name); never used for content.
    :raises ReportError: when the text has no title, no table of contents or no body.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if "\x00" in text:
        raise ReportError("binary data (NUL bytes) in the text")
    lines = text.split("\n")
    toc_start, body_start, flat = split_toc(lines)
    agency, year, title = parse_title(lines[:toc_start])
    toc = _nest(flat)
    rid = report_id(agency, year)

    body = [Line(i + 1, lines[i]) for i in range(body_start, len(lines)) if lines[i].strip()]
    if not body:
        raise ReportError("no body text after the table of contents")
    units = split_units(body)

    probe = Report(rid, source, agency, year, year + ROC_OFFSET, title, toc, ())
    leaves = probe.leaves()
    alignment = align(units, [leaf.title for _, leaf in leaves])
    warnings: list[str] = []
    cells = alignment.cells(len(units))
    placed = tuple(Placement(leaves[li][1].printed, units[cells[li].start].lines[0].number if len(cells[li]) else None)
                   for li in alignment.weak)
    if alignment.strong != len(leaves):
        where = ", ".join(f"{p.heading} (line {p.line})" if p.line else f"{p.heading} (no text)" for p in placed)
        message = (
            f"{source or rid}: numbering suggests {alignment.strong} cells for {len(leaves)} leaves; "
            f"placed by wording: {where}"
        )
        warnings.append(message)
        log.debug(message)  # the caller decides what a user sees (`reportsearch index` prints one line)

    paragraphs: list[Paragraph] = []
    used: set[str] = set()
    for (trail, _leaf), cell in zip(leaves, cells):
        path = tuple(h.number for h in trail)
        section = tuple(h.printed for h in trail)
        titles = tuple(h.title for h in trail)
        for ordinal, ui in enumerate(cell, start=1):
            unit = units[ui]
            pid = paragraph_id(rid, path, ordinal)
            while pid in used:  # duplicated enumerators in a TOC: keep IDs unique
                path = path[:-1] + (path[-1] * 100,)
                pid = paragraph_id(rid, path, ordinal)
            used.add(pid)
            kind = "table" if unit.kind == "table" else "prose"
            paragraphs.append(
                Paragraph(pid, section, titles, path, ordinal, kind, unit.text, tuple(l.number for l in unit.lines))
            )
    if len(units) < len(leaves):
        warnings.append(f"{source or rid}: {len(leaves)} leaves but only {len(units)} paragraphs")
    titles = [leaf.title for _, leaf in leaves]
    wordless = wordless_leaves(units, titles, alignment)
    damaged = None
    if looks_truncated(wordless, len(leaves), alignment.strong):
        damaged = f"body looks truncated: {wordless} of {len(leaves)} sections have no text"
        warnings.append(f"{source or rid}: {damaged}")
    empty = tuple(leaf.printed for (_trail, leaf), cell in zip(leaves, cells) if not len(cell))
    return Report(rid, source, agency, year, year + ROC_OFFSET, title, toc, tuple(paragraphs), tuple(warnings),
                  damaged, placed, empty)
