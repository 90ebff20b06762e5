"""The item number a paragraph starts with, as printed (``3.``, ``(2)``, ``①``, ``一、``).

A reader holding the printed report finds a paragraph by its section and the number
printed in front of it, not by our count of paragraphs, so pages and citations name that
number. The parser only needs the levels it nests (:func:`indexer.paragraphs.item_marker`);
this reads any of the usual enumerators, whatever level or script, and returns it exactly
as printed. Pure functions.
"""
from __future__ import annotations

import re

CHINESE_DIGITS = "一二三四五六七八九十壹貳參叁肆伍陸柒捌玖拾"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
FULL_STOPPED = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"

ENUMERATOR = re.compile(
    "^(?:"
    rf"[(（](?:\d{{1,3}}|[{CHINESE_DIGITS}]{{1,3}}|[A-Za-z])[)）]"  # (1) （一） (a)
    rf"|[{CIRCLED}{PARENTHESISED}{FULL_STOPPED}]"  # ① ⑴ ㈠ ⒈
    rf"|(?:\d{{1,3}}|[{CHINESE_DIGITS}]{{1,3}})(?:[.．、](?!\d)|[)）])"  # 3. 3、 一、 1)
    r"|\d{1,3}[.．](?=\d{2,3}年)"  # 2.110年度… is item 2 about the (ROC) year 110
    r"|[A-Za-z][.．、)）](?![A-Za-z.．])"  # A. b) but not U.S. or e.g.
    ")"
)


def printed_item(text: str) -> str | None:
    """The enumerator a paragraph's text starts with, as printed, or None when it has none.

    A number that is a figure (``1.82``, ``3.5%``, ``110年``) is not an item, and neither
    is an abbreviation (``U.S.``); a point followed by a year (``2.110年度…``) is, as
    reports often start an item with the year it is about.

    :param text: the paragraph's text (leading white space is ignored).
    """
    match = ENUMERATOR.match(text.lstrip())
    return match.group(0) if match else None
