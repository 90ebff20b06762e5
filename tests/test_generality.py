"""The parser works on any report of this format, not only on the two we have.

Variants are derived from the real reports: a leaf removed together with its body cell,
the year changed, other encodings and line endings; random garbage must never crash it.
"""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import ReportError
from indexer.load import decode
from indexer.parse import parse_report


def lines_of(corpus_dir, report):
    return (corpus_dir / report.source).read_text(encoding="utf-8").split("\n")


def sections_by_line(report):
    return {n: p.section for p in report.paragraphs for n in p.lines}


def leaf_cells(report):
    """For each leaf (by index), the source lines of its paragraphs."""
    cells: dict[tuple, list[int]] = {}
    for p in report.paragraphs:
        cells.setdefault(p.section, []).extend(p.lines)
    return cells


def removal_cases(reports):
    for year in (104, 110):
        for index in range(len(reports[year].leaves())):
            yield year, index


@pytest.mark.parametrize("year", [104, 110])
def test_removing_any_leaf_and_its_cell_keeps_every_other_section(reports, corpus_dir, year):
    report = reports[year]
    lines = lines_of(corpus_dir, report)
    original = sections_by_line(report)
    cells = leaf_cells(report)
    failures = []
    for trail, leaf in report.leaves():
        section = tuple(h.printed for h in trail)
        body = cells[section]
        drop = set(range(min(body), max(body) + 1)) | {leaf.line}
        kept = [n for n in range(1, len(lines) + 1) if n not in drop]
        variant = parse_report("\n".join(lines[n - 1] for n in kept))
        assert len(variant.leaves()) == len(report.leaves()) - 1
        moved = [kept[n - 1] for p in variant.paragraphs for n in p.lines if original[kept[n - 1]] != p.section]
        if moved:
            failures.append((leaf.printed, moved[:3]))
    assert failures == []


@pytest.mark.parametrize("year", [104, 110])
def test_changing_the_year_changes_only_the_year(reports, corpus_dir, year):
    report = reports[year]
    text = (corpus_dir / report.source).read_text(encoding="utf-8")
    title = report.title
    variant = parse_report(text.replace(title, title.replace(f"{year}年度", "112年度"), 1))
    assert (variant.year, variant.year_ad) == (112, 2023)
    assert [(p.section, p.text) for p in variant.paragraphs] == [(p.section, p.text) for p in report.paragraphs]
    assert [p.id.split("-", 2)[2] for p in variant.paragraphs] == [p.id.split("-", 2)[2] for p in report.paragraphs]


# Characters of these reports that Big5 cannot encode, and the standard forms Big5 has.
BIG5_SUBSTITUTES = str.maketrans({"歩": "步", "踪": "蹤", "｢": "「", "｣": "」"})


@pytest.mark.parametrize("year", [104, 110])
@pytest.mark.parametrize("encoding", ["big5", "cp950", "utf-16", "utf-8-sig", "crlf", "cr"])
def test_other_encodings_and_line_endings_parse_identically(reports, corpus_dir, year, encoding):
    text = (corpus_dir / reports[year].source).read_text(encoding="utf-8")
    if encoding in ("big5", "cp950"):
        text = text.translate(BIG5_SUBSTITUTES)
        data = text.encode(encoding)
    elif encoding == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif encoding == "cr":
        data = text.replace("\n", "\r").encode("utf-8")
    else:
        data = text.encode(encoding)
    expected = parse_report(text)
    got = parse_report(decode(data))
    assert got == expected


report_like = st.lists(
    st.one_of(
        st.sampled_from(["壹、總則", "一、工作", "(一)項目", "（二）項目", "1.辦理", "(1)計畫", "高雄市政府某局104年度施政績效成果報告", "", "  ", "1.82", "表"]),
        st.text(alphabet=string.printable + "勞工局年度報告壹貳一二（）()、。，：", max_size=40),
    ),
    max_size=60,
).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like)
def test_garbage_never_crashes_the_parser(text):
    try:
        report = parse_report(text)
    except ReportError as exc:
        assert str(exc)
    else:
        seen = [n for p in report.paragraphs for n in p.lines]
        assert len(seen) == len(set(seen))
        assert len({p.id for p in report.paragraphs}) == len(report.paragraphs)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_decode_or_fail_clearly(data):
    try:
        text = decode(data)
    except ReportError as exc:
        assert str(exc)
    else:
        # what decoded is the bytes in one of the encodings tried, nothing invented
        assert any(_decodes_to(data, encoding, text) for encoding in ("utf-8-sig", "utf-16", "utf-8", "big5", "cp950"))


def _decodes_to(data: bytes, encoding: str, text: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False
