"""The faster ways of building write exactly the index the plain way writes: same documents,
numbers, stored fields, postings (positions and offsets), field lengths, hence scores."""
from __future__ import annotations

from indexer import analysis
from indexer.build import build_index
from indexer.contents import differences, digest
from indexer.fold import fold
from indexer.store import current_generation


def test_the_digest_sees_a_one_paragraph_difference(tmp_path, reports, index_dir):
    ordered = sorted(reports.values(), key=lambda r: r.year)
    shorter = ordered[0].__class__(**{**ordered[0].__dict__, "paragraphs": ordered[0].paragraphs[:-1]})
    build_index([shorter, *ordered[1:]], tmp_path)
    assert digest(current_generation(tmp_path)) != digest(current_generation(index_dir))


def test_memoised_analysis_builds_the_same_index_as_analysing_every_string(tmp_path, reports, index_dir, monkeypatch):
    monkeypatch.setattr(analysis, "_analysed", analysis._analysed.__wrapped__)
    monkeypatch.setattr(analysis, "fold", fold.__wrapped__)
    build_index(sorted(reports.values(), key=lambda r: r.year), tmp_path)
    assert differences(current_generation(tmp_path), current_generation(index_dir)) == []
