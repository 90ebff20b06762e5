"""Labelled figures of a paragraph: what a number counts, and the number as printed.

Reports of different years print the same measures with new values ("受理勞資爭議案件
3,641件" one year, "…3,997件" another). A figure's label is the text before it in the same
clause (prose) or the row label before it (a table cell), with dates and filler words
("共計", "計有") removed, so the same measure gets the same label in every year and the
figures of two years can be set side by side. Pure functions, no I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fold import fold_text

# A figure: digits with thousands commas or decimals, possibly 萬/億 compounds (1萬8,696),
# then its unit when it has a usual one.
NUMBER = r"\d[\d,]*(?:\.\d+)?(?:[萬億万亿千]\d[\d,]*(?:\.\d+)?)*[萬億万亿千]?"
UNIT = r"(?:人次|場次|萬元|億元|小時|[件人場家戶名元次位個班案處所間張筆篇則項%％])?"
UNITS_AT_END = re.compile(r"[^\d,.]$")  # prose figures count something: a unit or 萬/億
FIGURE = re.compile(rf"(?<![\d.,／/A-Za-z])(?P<value>{NUMBER}{UNIT})")
DATE_AFTER = re.compile(r"\d[\d,.]*\s*(?:年|月|日|時|週|歲|級|屆|條|款|梯|期|/|／|-|~|～|:|：)")
CLAUSE_BREAK = re.compile(r"[，。；：、！？,;:!?（）()「」『』《》\n]")
DATES = re.compile(r"(?:\d+\s*(?:年度?|月|日|時|週|歲))+|(?:\d+\s*[/／-]\s*)+\d+|止")
PREFIX = re.compile(r"^(?:\d{1,2}\s*[.．、]|[(（]\d{1,2}[)）]|迄今|至今|截至|其中|本年度?|今年|全年|總計|合計|累計|共計|計有|共有|共(?!同)|計(?![畫劃])|[及與並另且以至迄自第])+")
FILLER = re.compile(r"(?:總計|合計|累計|共計|計有|共有|共|計|約|達|逾|近|為|有|超過|高達|其中|全年|迄今|今年|本年度?)+$")
TABLE_NUMBER = re.compile(r"^[-+]?[\d,，.]+%?$|^[(（][\d,.]+%?[)）]$|^-$")
MIN_LABEL = 2  # characters: a shorter label ("共") aligns nothing


@dataclass(frozen=True)
class Figure:
    """One labelled figure.

    :param label: the words before the figure, as printed (dates and filler removed).
    :param key: the label folded, what labels of two reports are compared by.
    :param value: the figure as printed, with its unit (for a table row: its cells).
    """

    label: str
    key: str
    value: str


STRIP = " 　\t-—─–·.．"


def _label(text: str) -> str:
    """The words of a clause before its figure, dates, item numbers and filler dropped
    (a clause of filler alone, "共計", labels nothing)."""
    cleaned = PREFIX.sub("", DATES.sub("", text).strip(STRIP)).strip(STRIP)
    return FILLER.sub("", cleaned).strip(STRIP)


def _figure(label: str, value: str) -> Figure | None:
    key = "".join(fold_text(label).split())
    if len(key) < MIN_LABEL or not any(ch.isalpha() for ch in key):
        return None
    return Figure(label, key, value)


def prose_figures(text: str) -> list[Figure]:
    """The figures of running text, each labelled by its clause up to the figure."""
    found: list[Figure] = []
    start = 0
    for m in FIGURE.finditer(text):
        value = m.group("value")
        if DATE_AFTER.match(text, m.start()) or not UNITS_AT_END.search(value):
            continue  # a date, an item number, a year: not a measure
        before = text[start:m.start()]
        cut = [b.end() for b in CLAUSE_BREAK.finditer(before)]
        figure = _figure(_label(before[cut[-1]:] if cut else before), value)
        if figure is not None:
            found.append(figure)
        start = m.end()
    return found


def table_figures(text: str) -> list[Figure]:
    """The rows of a table flattened one cell a line: a text cell labels the number cells
    after it, which make one value ("1,303 / 459 / 2 / 1,764")."""
    found: list[Figure] = []
    label, values = "", []
    for cell in [c.strip() for c in text.split("\n") if c.strip()] + [""]:
        if cell and TABLE_NUMBER.match(cell.replace(" ", "")):
            values.append(cell)
            continue
        if values and label:
            figure = _figure(label, " / ".join(values))
            if figure is not None:
                found.append(figure)
        label, values = cell, []
    return found


def figures(text: str, kind: str = "prose") -> list[Figure]:
    """The labelled figures of a paragraph (``kind`` as stored: ``prose`` or ``table``)."""
    return table_figures(text) if kind == "table" else prose_figures(text)
