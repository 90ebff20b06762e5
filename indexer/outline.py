"""The numbered items a paragraph sits under, within its leaf.

A leaf's body is an outline the TOC does not show: ``3.配合中央政府辦理…疫情紓困措施：``
introduces the paragraphs after it, ``(1)`` items sit under a ``1.`` item, and an unnumbered
paragraph is the body of the item before it. A paragraph under a lead-in is about what the
lead-in says even when it does not repeat it (視障按摩師每人4萬5千元現金補貼 is a pandemic
relief measure), so search treats lead-ins like a heading of their own. Pure functions.
"""
from __future__ import annotations

from collections.abc import Sequence

from .paragraphs import item_marker

LEVELS = {"A": 1, "B": 2, "C": 3}  # 1. > (1) > ①
LEAD_MAX = 40  # longer items are content, not a title for what follows


def lead_ins(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """For each paragraph of one leaf (in order), the items it sits under, outermost first.

    An item is under the nearest earlier item of an outer level (``(2)`` under ``1.``); an
    unnumbered paragraph is under every open item. Only items that read as a title (ending
    with a colon, or short and without a full stop) lead anything: a long numbered item is
    content, and what follows it is not about it alone.
    """
    open_items: list[tuple[int, str]] = []
    out: list[tuple[str, ...]] = []
    for text in texts:
        marker = item_marker(text.strip())
        level = LEVELS[marker[0]] if marker else None
        if level is not None:
            while open_items and open_items[-1][0] >= level:
                open_items.pop()
        out.append(tuple(t for _level, t in open_items if _leads(t)))
        if level is not None:
            open_items.append((level, text.strip()))
    return out


def _leads(text: str) -> bool:
    return text.endswith(("：", ":")) or (len(text) <= LEAD_MAX and "。" not in text)
