"""The command line: a contract other tools rely on."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from indexer.cli import main

ROOT_README = __import__("pathlib").Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture()
def runner():
    return CliRunner()


def test_index_reports_a_summary_and_names_bad_files(runner, tmp_path, corpus_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "garbled.txt").write_bytes(b"\x00\xff binary")
    result = runner.invoke(main, ["index", "--corpus", str(corpus), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1
    assert "garbled.txt" in result.stderr
    assert re.search(r"Indexed 2 reports, \d+ paragraphs in [\d.]+ s; 1 failed", result.stdout)


def test_index_uses_environment_defaults(runner, tmp_path, corpus_dir, monkeypatch):
    monkeypatch.setenv("REPORTSEARCH_CORPUS", str(corpus_dir))
    monkeypatch.setenv("REPORTSEARCH_INDEX", str(tmp_path / "env-index"))
    result = runner.invoke(main, ["index"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env-index" / "CURRENT").exists()


def test_export_prints_json_lines_in_document_order(runner, index_dir, reports):
    result = runner.invoke(main, ["export", "--index", str(index_dir)])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == sum(len(r.paragraphs) for r in reports.values())
    first = records[0]
    assert first["section"] == ["壹、勞工組訓及教育輔導", "一、勞工組訓", "(一)加強輔導工會組織"]
    assert (first["year"], first["year_ad"], first["kind"]) == (104, 2015, "prose")
    assert first["url"] == "/p/" + first["id"]


def test_search_json_has_the_documented_fields(runner, index_dir):
    result = runner.invoke(main, ["search", "勞資爭議", "--index", str(index_dir), "--year", "2015",
                                  "--section", "勞資爭議調處", "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"query", "total", "page", "limit", "hits", "facets"} <= set(data)
    assert data["limit"] == 2 and len(data["hits"]) == 2
    hit = data["hits"][0]
    assert {"id", "report", "year", "year_ad", "section", "kind", "text", "url", "snippet"} <= set(hit)
    assert hit["year"] == 104 and "二、勞資爭議調處" in hit["section"]
    assert "<mark>勞資爭議</mark>" in hit["snippet"]
    # the chosen year counts what is listed; the other year stays visible with its own count
    years = {v["value"]: v["count"] for v in data["facets"]["year"]}
    assert years["104"] == data["total"] and years.get("110", 0) > 0
    assert data["selected"]["year"] == [104] and data["filters"]["year"] == 104
    assert {"year", "chapter", "section"} <= set(data["facets"])


def test_search_text_output_and_bad_arguments(runner, index_dir):
    ok = runner.invoke(main, ["search", "雄愛勞工輔導團", "--index", str(index_dir)])
    assert ok.exit_code == 0 and "2 paragraphs match" in ok.stdout
    bad = runner.invoke(main, ["search", "勞工", "--index", str(index_dir), "--page", "0"])
    assert bad.exit_code != 0 and "page must be 1 or more" in bad.output
    missing = runner.invoke(main, ["search", "勞工", "--index", str(index_dir / "nowhere")])
    assert missing.exit_code != 0 and "no index" in missing.output


@pytest.mark.parametrize("command", ["index", "gc", "export", "search", "serve"])
def test_every_command_has_help_and_is_documented(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"reportsearch {command}" in ROOT_README.read_text(encoding="utf-8")


@pytest.mark.parametrize("query", ["sheltered workshop", "外勞", "勞資爭儀", "職災 死亡 腳踏車"])
def test_search_json_is_the_python_api_result(runner, index_dir, query):
    from indexer.search import search
    from indexer.store import open_current

    ix, _meta, _ = open_current(index_dir)
    with ix.searcher() as searcher:
        expected = search(searcher, query).to_dict()
    result = runner.invoke(main, ["search", query, "--index", str(index_dir), "--json"])
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(expected, ensure_ascii=False))
    assert {"expansions", "suggestion", "partial", "notes"} <= set(data)


def test_serve_rebuilds_an_index_built_by_an_earlier_version(runner, tmp_path, corpus_dir, monkeypatch):
    """An index without the fields search now uses still answers, but worse: serve rebuilds it."""
    import indexer.build
    import indexer.schema
    import web.server
    from indexer.store import missing_fields

    current_documents = indexer.build.documents

    def older_schema():  # before paragraphs knew the numbered items they sit under
        schema = indexer.schema.build_schema()
        schema.remove("lead")
        schema.remove("leads")
        return schema

    def older_documents(reports):
        for doc in current_documents(reports):
            yield {k: v for k, v in doc.items() if k not in ("lead", "leads")}

    root = tmp_path / "ix"
    with monkeypatch.context() as m:
        m.setattr(indexer.build, "build_schema", older_schema)
        m.setattr(indexer.build, "documents", older_documents)
        assert runner.invoke(main, ["index", "--corpus", str(corpus_dir), "--index", str(root)]).exit_code == 0
    assert missing_fields(root) == ["lead", "leads"]
    served = []
    monkeypatch.setattr(web.server, "serve", lambda path, **kw: served.append(path))
    result = runner.invoke(main, ["serve", "--index", str(root), "--corpus", str(corpus_dir)])
    assert result.exit_code == 0, result.output
    assert "earlier version" in result.stderr and served == [root]
    assert missing_fields(root) == []


def test_search_takes_a_time_limit_and_refuses_a_nonsensical_one(runner, index_dir):
    ok = runner.invoke(main, ["search", "勞資爭議", "--index", str(index_dir), "--time-limit", "30", "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["timed_out"] is False
    bad = runner.invoke(main, ["search", "勞資爭議", "--index", str(index_dir), "--time-limit", "0"])
    assert bad.exit_code == 2 and "time-limit" in bad.output


def test_serve_documents_its_time_limit(runner):
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--time-limit" in result.output and "REPORTSEARCH_TIME_LIMIT" in result.output


def test_a_refused_concurrent_build_reads_nothing_first(runner, tmp_path, corpus_dir, monkeypatch, build_running):
    import indexer.cli

    read = []
    monkeypatch.setattr(indexer.cli, "load_corpus", lambda corpus: read.append(corpus) or ([], []))
    with build_running(tmp_path / "ix"):
        result = runner.invoke(main, ["index", "--corpus", str(corpus_dir), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1 and "another build" in result.output and read == []


def test_search_takes_several_years_as_alternatives(runner, index_dir):
    result = runner.invoke(main, ["search", "勞資爭議", "--index", str(index_dir), "--year", "104",
                                  "--year", "2021", "--limit", "100", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["selected"]["year"] == [104, 110]
    assert {hit["year"] for hit in data["hits"]} == {104, 110}
