"""Readable, stable IDs for reports and paragraphs.

A report's ID is ``<agency code>-<ROC year>``, where the agency code is the initials of the
agency name in pinyin (高雄市政府勞工局 -> ``gxszflgj``): ASCII for clean URLs, unique per
agency and year, and taken from the report's own title, never its file name.

A paragraph's ID is ``<report>-<section path>-<ordinal>``, e.g. ``gxszflgj-104-3.2-5``: the
fifth paragraph of 參、…/二、… in that report. The path uses the enumerators as printed, so
editing, adding or removing another section changes no other section's IDs.
"""
from __future__ import annotations

import re


PARAGRAPH_ID = re.compile(r"^[a-z0-9]+-\d{2,4}-\d+(?:\.\d+)*-\d+$")


def agency_code(agency: str) -> str:
    from pypinyin import Style, lazy_pinyin  # a third of a second to import: only builds need it

    letters = "".join(lazy_pinyin(agency, style=Style.FIRST_LETTER, errors="ignore"))
    code = re.sub(r"[^a-z0-9]", "", letters.lower())
    return code or "report"


def report_id(agency: str, year: int) -> str:
    return f"{agency_code(agency)}-{year}"


def paragraph_id(report: str, path: tuple[int, ...], ordinal: int) -> str:
    return f"{report}-{'.'.join(str(p) for p in path)}-{ordinal}"


def report_of(paragraph: str) -> str:
    """The report ID a paragraph ID belongs to (``gxszflgj-104-3.2-5`` -> ``gxszflgj-104``)."""
    return paragraph.rsplit("-", 2)[0]


def paragraph_url(paragraph: str) -> str:
    """The permalink path of a paragraph; part of the public contract."""
    return f"/p/{paragraph}"
