"""Reading a corpus: bad files are reported by name and the good ones still load."""
from __future__ import annotations

import shutil

import pytest

from indexer.errors import ReportError
from indexer.load import decode, load_corpus, read_report


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"\xff\xfe\x00", "invalid utf-16"),
        (bytes([0x81, 0x30, 0xfe, 0xff, 0x80]), "not UTF-8, UTF-16 or Big5"),
    ],
)
def test_undecodable_input_is_a_clear_error(data, reason):
    with pytest.raises(ReportError, match=reason):
        decode(data)


def test_bom_variants_decode_to_the_same_text():
    text = "高雄市政府勞工局104年度施政績效成果報告\n壹、勞工行政\n"
    assert decode(text.encode("utf-8-sig")) == decode(text.encode("utf-16")) == decode(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    "content, reason",
    [
        ("just some words\nwithout structure\n", "no table of contents"),
        ("壹、勞工行政\n一、勞資爭議調處\n1.內容。\n", "no recognisable title"),
        ("高雄市政府勞工局104年度施政績效成果報告\n壹、勞工行政\n一、勞資爭議調處\n", "no body text"),
    ],
)
def test_text_without_structure_is_reported_with_its_name(tmp_path, content, reason):
    path = tmp_path / "odd-report.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReportError, match=rf"odd-report\.txt: .*{reason}"):
        read_report(path)


def test_one_bad_file_does_not_stop_the_others(tmp_path, corpus_dir):
    for source in corpus_dir.glob("*.txt"):
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    reports, failures = load_corpus(tmp_path)
    assert sorted(r.year for r in reports) == [104, 110]
    assert sorted(f.source for f in failures) == ["broken.txt", "empty.txt"]
    assert all(f.reason.startswith(f.source) for f in failures)


def test_the_same_report_twice_is_a_failure_of_the_second(tmp_path, corpus_dir):
    source = next(corpus_dir.glob("*.txt"))
    shutil.copy(source, tmp_path / "a.txt")
    shutil.copy(source, tmp_path / "b.txt")
    reports, failures = load_corpus(tmp_path)
    assert len(reports) == 1
    assert [f.source for f in failures] == ["b.txt"] and "same agency and year" in failures[0].reason


def test_a_missing_corpus_directory_is_an_error(tmp_path):
    with pytest.raises(ReportError, match="corpus directory not found"):
        load_corpus(tmp_path / "nope")


def test_utf8_cut_in_the_middle_of_a_character_says_so():
    data = "高雄市政府勞工局104年度施政績效成果報告".encode("utf-8")[:-1]
    with pytest.raises(ReportError, match="cut in the middle of a character"):
        decode(data)


def test_links_that_lead_nowhere_are_named_with_their_reason(tmp_path, corpus_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    reports, failures = load_corpus(corpus)
    reasons = {f.source: f.reason for f in failures}
    assert len(reports) == 2
    assert "No such file" in reasons["dangling.txt"] and "symbolic links" in reasons["loop.txt"]


def test_a_control_character_in_a_file_name_is_escaped_in_its_message(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad\nname.txt").write_bytes(b"\x00binary")
    _reports, failures = load_corpus(corpus)
    assert len(failures) == 1
    assert "\n" not in failures[0].reason and failures[0].reason.startswith("bad\\nname.txt: ")


@pytest.mark.parametrize("share", [0.3, 0.8])
def test_a_truncated_report_is_indexed_but_named_as_a_failure(tmp_path, corpus_dir, share):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = (corpus_dir / "kcg-labor-104.txt").read_text(encoding="utf-8").splitlines()
    (corpus / "cut.txt").write_text("\n".join(lines[: int(len(lines) * share)]), encoding="utf-8")
    reports, failures = load_corpus(corpus)
    assert len(reports) == 1 and reports[0].paragraphs
    assert len(failures) == 1 and failures[0].source == "cut.txt"
    assert "body looks truncated" in failures[0].reason and "sections have no text" in failures[0].reason


def test_intact_reports_do_not_look_truncated(reports):
    assert all(r.damaged is None for r in reports.values())
