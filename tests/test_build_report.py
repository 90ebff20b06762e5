"""What a build tells its user: one line per report worth a look, details with --verbose,
everything in the JSON build report."""
from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from indexer.buildreport import build_report, details, notice
from indexer.cli import main
from indexer.load import Failure
from indexer.model import Placement


def test_a_report_gets_one_line_saying_how_many_leaves_were_placed_by_wording(reports):
    report = reports[110]
    assert notice(report) == f"{report.source}: {len(report.placed)} leaves placed by wording"
    assert details(report)[0] == f"  placed by wording: {report.placed[0].heading} (line {report.placed[0].line})"


def test_headings_without_text_are_counted_and_listed(reports):
    report = reports[104].__class__(**{**reports[104].__dict__, "placed": (Placement("(九)其他", None),),
                                       "empty": ("(九)其他",)})
    assert notice(report).endswith("1 leaf placed by wording; 1 heading without text")
    assert details(report) == ["  placed by wording: (九)其他 (no text)", "  without text: (九)其他"]


def test_a_clean_report_prints_nothing(reports):
    clean = reports[104].__class__(**{**reports[104].__dict__, "placed": (), "empty": ()})
    assert notice(clean) is None
    assert build_report([clean], [])["totals"]["placed_by_wording"] == 0


def test_the_build_report_lists_each_report_and_each_failure(reports):
    ordered = sorted(reports.values(), key=lambda r: r.year)
    out = build_report(ordered, [Failure("bad.txt", "bad.txt: empty file")], 1.234)
    assert [e["id"] for e in out["reports"]] == [r.id for r in ordered]
    first = out["reports"][0]
    assert first["source"] == ordered[0].source and first["paragraphs"] == len(ordered[0].paragraphs)
    assert first["placed_by_wording"][0] == {"heading": ordered[0].placed[0].heading, "line": ordered[0].placed[0].line}
    assert out["failures"] == [{"source": "bad.txt", "reason": "bad.txt: empty file"}]
    assert out["totals"] == {"reports": 2, "paragraphs": sum(len(r.paragraphs) for r in ordered), "failed": 1,
                             "placed_by_wording": sum(len(r.placed) for r in ordered), "empty_headings": 0}
    assert out["seconds"] == 1.23


def test_index_prints_one_line_per_report_and_writes_the_report_file(tmp_path, corpus_dir, reports):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "garbled.txt").write_bytes(b"\x00\xff binary")
    runner = CliRunner()
    result = runner.invoke(main, ["index", "--corpus", str(corpus), "--index", str(tmp_path / "ix"),
                                  "--report", str(tmp_path / "build.json")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line for line in lines if "kcg-labor-110.txt" in line] == ["note: kcg-labor-110.txt: 8 leaves placed by wording"]
    assert sum("garbled.txt" in line for line in lines) == 1
    assert not any("(三)自力更生補助" in line for line in lines)  # the details are for --verbose
    written = json.loads((tmp_path / "build.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in written["reports"]] == ["kcg-labor-104.txt", "kcg-labor-110.txt"]
    assert {"heading": "(三)自力更生補助", "line": 401} in written["reports"][1]["placed_by_wording"]
    assert written["failures"][0]["source"] == "garbled.txt"

    verbose = runner.invoke(main, ["index", "--corpus", str(corpus_dir), "--index", str(tmp_path / "ix"), "--verbose"])
    assert verbose.exit_code == 0
    assert "  placed by wording: (三)自力更生補助 (line 401)" in verbose.stderr.splitlines()
