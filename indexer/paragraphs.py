"""Split body lines into paragraph units: numbered items, prose, and merged tables.

The body is a table column flattened to lines, so three things need undoing:
numbered items (``1.``, ``(1)``, ``1、``, ``①``) start paragraphs; a line that merely
continues the previous sentence (the flattening wrapped it) joins it; and runs of short
cells (headers, labels, figures) become one ``table`` paragraph instead of dozens of
one-number paragraphs. Nothing is dropped: every non-blank line lands in exactly one unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# `1.` / `1．` / `1、` (also `2.104年…`, an item about the year 104); a line that is only a
# number, such as the table value `1.82`, is not an item.
ITEM_A = re.compile(r"^(\d{1,2})\s*[.．、]")
ITEM_B = re.compile(r"^[(（](\d{1,2})[)）]")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ITEM_C = re.compile(f"^([{CIRCLED}])")

SENTENCE_PUNCT = re.compile(r"[。，；！？]")
TERMINAL = set("。；：:！？!?」』）)】")
NUMERIC_CELL = re.compile(r"[\d,.\-%()（）/／~～\s]+")
FRAGMENT_MAX = 32
WRAP_MIN = 30


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source text
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()


@dataclass(frozen=True)
class Unit:
    """A paragraph before it is placed in a section.

    :param kind: ``item`` (numbered), ``prose`` or ``table``.
    :param level: for items, ``A`` (1.), ``B`` ((1)) or ``C`` (①).
    :param number: for items, the item's number.
    """

    kind: str
    lines: tuple[Line, ...]
    level: str | None = None
    number: int | None = None

    @property
    def text(self) -> str:
        sep = "\n" if self.kind == "table" else ""
        return sep.join(line.text for line in self.lines)

    @property
    def first_text(self) -> str:
        return self.lines[0].text

    @property
    def last_text(self) -> str:
        return self.lines[-1].text


def item_marker(text: str) -> tuple[str, int] | None:
    """The numbering of a line, as (level, number), or None for an unnumbered line."""
    if (m := ITEM_A.match(text)) and not is_numeric(text):
        return "A", int(m.group(1))
    if m := ITEM_B.match(text):
        return "B", int(m.group(1))
    if m := ITEM_C.match(text):
        return "C", CIRCLED.index(m.group(1)) + 1
    return None


def is_fragment(text: str) -> bool:
    """A table cell: short, unnumbered, and not a sentence."""
    return (
        len(text) <= FRAGMENT_MAX
        and item_marker(text) is None
        and not SENTENCE_PUNCT.search(text)
        and not text.endswith(("：", ":"))
    )


def is_numeric(text: str) -> bool:
    return bool(NUMERIC_CELL.fullmatch(text)) and any(ch.isdigit() for ch in text)


def continues(previous: Line, line: Line) -> bool:
    """Whether ``line`` is the wrapped tail of the sentence on ``previous``.

    A wrapped line is not indented, and either the previous line is long and stops
    without closing punctuation, or a number was cut in two (``16億2,453`` / ``萬1,666元``).
    """
    prev, cur = previous.text, line.text
    if not prev or not cur or line.raw[:1].isspace() or item_marker(cur):
        return False
    if prev[-1] in TERMINAL:
        return False
    if prev[-1].isdigit() and cur[0] in "萬億千百元%％":
        return True
    return len(prev) >= WRAP_MIN


def table_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of runs of fragments long enough to be a table."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not is_fragment(lines[i].text):
            i += 1
            continue
        j = i
        while j < len(lines) and is_fragment(lines[j].text):
            j += 1
        cells = [line.text for line in lines[i:j]]
        if len(cells) >= 3 or (len(cells) == 2 and any(is_numeric(c) for c in cells)):
            runs.append((i, j))
        i = j
    return runs


def split_units(lines: list[Line]) -> list[Unit]:
    """Group non-blank body lines into paragraph units, in order.

    :param lines: the body's non-blank lines.
    """
    tables = {start: end for start, end in table_runs(lines)}
    units: list[Unit] = []
    i = 0
    while i < len(lines):
        if i in tables:
            end = tables[i]
            units.append(Unit("table", tuple(lines[i:end])))
            i = end
            continue
        line = lines[i]
        marker = item_marker(line.text)
        if marker is None and units and units[-1].kind != "table" and continues(units[-1].lines[-1], line):
            last = units[-1]
            units[-1] = Unit(last.kind, last.lines + (line,), last.level, last.number)
        elif marker is None:
            units.append(Unit("prose", (line,)))
        else:
            units.append(Unit("item", (line,), marker[0], marker[1]))
        i += 1
    return units
