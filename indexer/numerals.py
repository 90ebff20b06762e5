"""Chinese enumerators used by report headings, and their values.

Headings number chapters with formal numerals (壹貳參…), sections with ordinary ones
(一二三… 十一…), subsections with parenthesised ordinary ones; paragraph IDs use the
values so that they follow the document, not our parse order.
"""
from __future__ import annotations

FORMAL = {"壹": 1, "貳": 2, "參": 3, "叁": 3, "肆": 4, "伍": 5, "陸": 6, "柒": 7, "捌": 8, "玖": 9, "拾": 10}
ORDINARY = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def chinese_number(text: str) -> int:
    """Value of a numeral written with 一…十 or 壹…拾 (up to 99), e.g. ``十一`` -> 11.

    :raises ValueError: for anything else.
    """
    digits = {**FORMAL, **ORDINARY}
    if not text or any(ch not in digits for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    values = [digits[ch] for ch in text]
    if len(values) == 1:
        return values[0]
    if len(values) == 2 and values[0] == 10:
        return 10 + values[1]
    if len(values) == 2 and values[1] == 10:
        return values[0] * 10
    if len(values) == 3 and values[1] == 10:
        return values[0] * 10 + values[2]
    raise ValueError(f"not a Chinese numeral: {text!r}")
