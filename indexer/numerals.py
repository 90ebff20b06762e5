"""Chinese enumerators used by report headings, and their values.

Headings number chapters with formal numerals (壹貳參…), sections with ordinary ones
(一二三… 十一…), subsections with parenthesised ordinary ones; paragraph IDs use the
values so that they follow the document, not our parse order.
"""
from __future__ import annotations

import re

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


DIGIT = {**{ch: v for ch, v in ORDINARY.items() if v < 10}, "零": 0, "〇": 0, "兩": 2, "两": 2}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}
# A numeral written in words: starts with a digit or 十, holds a unit (一百七十四, 三萬), so
# that 五一 (勞動節) and 萬一 are left alone.
NUMERAL = re.compile(r"[一二兩两三四五六七八九十][零〇一二兩两三四五六七八九十百千萬万億亿]+")


def numeral_value(text: str) -> int | None:
    """Value of a Chinese numeral in words (一百七十四 -> 174, 三萬零八十 -> 30080), or None."""
    total = section = digit = 0
    seen_unit = False
    for ch in text:
        if ch in DIGIT:
            digit = DIGIT[ch]
        elif ch in SMALL:
            section += (digit or 1) * SMALL[ch]
            digit, seen_unit = 0, True
        elif ch in LARGE:
            section += digit
            total = (total + section) * LARGE[ch] if LARGE[ch] > 10**4 and total else total + section * LARGE[ch]
            section = digit = 0
            seen_unit = True
        else:
            return None
    return total + section + digit if seen_unit else None


def numerals_as_digits(text: str) -> str | None:
    """``text`` with every numeral in words written in digits (一百七十四戶 -> 174戶), or None
    when it has none."""
    changed = False

    def digits(m: re.Match) -> str:
        nonlocal changed
        value = numeral_value(m.group())
        if value is None:
            return m.group()
        changed = True
        return str(value)

    out = NUMERAL.sub(digits, text)
    return out if changed else None
