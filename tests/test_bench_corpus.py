"""The benchmark's generated reports parse like the real reports they are made from."""
from __future__ import annotations

import re

import pytest

from bench.corpora import YEARS, agencies, generate, generate_corpus, read_sources, targets
from indexer.parse import parse_report

SAMPLE = 6  # reports parsed: both sources, several agencies and years


@pytest.fixture(scope="module")
def sources(corpus_dir) -> list[str]:
    return read_sources(corpus_dir)


@pytest.fixture(scope="module")
def generated(sources):
    return generate_corpus(sources, SAMPLE)


def structure(report) -> list[tuple]:
    return [(p.path, p.titles, p.ordinal, p.kind, p.lines) for p in report.paragraphs]


def figures(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*", text)


def test_generated_report_parses_like_its_source(sources, generated):
    originals = [parse_report(text) for text in sources]
    for item in generated:
        report = parse_report(item.text, source=item.target.file_name)
        source = originals[item.target.source]
        assert len(report.paragraphs) == len(source.paragraphs)
        assert structure(report) == structure(source)
        assert report.toc == source.toc
        assert report.id != source.id
        assert report.id == item.target.report_id
        assert (report.agency, report.year) == (item.target.agency, item.target.year)


def test_report_ids_are_distinct_at_the_largest_size():
    ids = [t.report_id for t in targets(1000)]
    assert len(set(ids)) == len(ids)
    assert {t.year for t in targets(2)} == set(YEARS[:2])  # the years bench/mix.json filters on
    with pytest.raises(ValueError):
        targets(len(agencies()) * len(YEARS) + 1)


def test_generation_is_deterministic(sources, generated):
    assert generate_corpus(sources, SAMPLE) == generated
    target = targets(3)[2]
    assert generate(sources[0], target, seed=1).text != generate(sources[0], target, seed=0).text


def test_figures_change_but_markers_and_contents_do_not(sources, generated):
    for item in generated:
        source = sources[item.target.source]
        old, new = source.split("\n"), item.text.split("\n")
        assert len(old) == len(new)
        changed = [(a, b) for a, b in zip(old, new) if a != b]
        assert len(changed) > 20
        body_old, body_new = figures("\n".join(old[5:])), figures("\n".join(new[5:]))
        assert len(body_old) == len(body_new)
        assert sum(x != y for x, y in zip(body_old, body_new)) > len(body_old) / 3
        for a, b in changed[1:]:  # the first is the title line
            assert len(a) == len(b)
            assert re.sub(r"\d", "0", a) == re.sub(r"\d", "0", b)  # only digits differ
            marker = re.match(r"^\s*(?:\d{1,2}\s*[.．、]|[(（]\d{1,2}[)）])", a)
            if marker and not re.fullmatch(r"[\d,.\-%()（）/／~～\s]+", a.strip()):
                assert b.startswith(marker.group(0))
