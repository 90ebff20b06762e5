"""The ``reportsearch`` command: a thin wrapper over the Python API.

Commands, options and JSON fields are a contract other tools rely on: extend, never rename.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import click

from .build import build_index, in_service
from .incremental import ParsedCache
from .buildreport import build_report, details, notice
from .errors import IndexMissingError, ReportSearchError
from .export import export_paragraphs
from .load import load_corpus, report_files
from .parallel import default_jobs, workers
from .search import search as run_search
from .snapshot import open_snapshot
from .generations import collect
from .store import build_lock, current_generation, default_corpus_dir, default_index_dir, missing_fields

TIME_LIMIT_OPTION = click.option(
    "--time-limit", type=click.FloatRange(min=0.01), default=None,
    help="Seconds a search may take, every stage included [default: $REPORTSEARCH_TIME_LIMIT or 1].",
)
INDEX_OPTION = click.option(
    "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Index directory [default: $REPORTSEARCH_INDEX or instance/index].",
)


def _index_dir(value: Path | None) -> Path:
    return value or default_index_dir()


@click.group()
@click.version_option(package_name="reportsearch")
def main() -> None:
    """Search Taiwanese government annual performance reports (施政績效成果報告)."""
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)


def index_corpus(corpus: Path, index_dir: Path, show_progress: bool, *, verbose: bool = False,
                 report_file: Path | None = None, jobs: int | None = None,
                 full: bool = False) -> tuple[int, int, list, float]:
    """Load the corpus and build the index; returns (reports, paragraphs, failures, seconds).
    Files parsed for the generation in service are not parsed again, and only the reports
    that changed are analysed (unless ``full``; see :mod:`indexer.incremental`).

    Prints one line per failed file and per report with something to check (``verbose``:
    the details under it), and writes the build report to ``report_file`` if given."""
    started = time.monotonic()
    jobs = jobs or default_jobs()
    with build_lock(index_dir), workers(jobs, len(report_files(corpus))) as pool:  # lock first: a refused build costs nothing
        cache = None if full else ParsedCache(in_service(index_dir))
        reports, failures = load_corpus(corpus, pool, cache.get if cache and cache.folder else None)
        for failure in failures:
            click.echo(f"error: {failure.reason}", err=True)
        noted = [(report, line) for report in reports if (line := notice(report))]
        for report, line in noted:
            click.echo(f"note: {line}", err=True)
            for detail in details(report) if verbose else ():
                click.echo(detail, err=True)
        if noted and not verbose:
            click.echo("note: --verbose lists those headings and lines; --report FILE.json writes them", err=True)
        total = sum(len(r.paragraphs) for r in reports)
        with click.progressbar(length=total, label="Indexing paragraphs", file=sys.stderr,
                               hidden=not show_progress) as bar:
            summary = build_index(reports, index_dir, progress=bar.update, locked=True, jobs=jobs, pool=pool, full=full)
    if not summary.full:
        kept = summary.reports - summary.analysed
        click.echo(f"note: kept {kept} unchanged report{'' if kept == 1 else 's'} of the index in service; "
                   f"analysed {summary.analysed} (--full analyses every report)", err=True)
    seconds = time.monotonic() - started
    if report_file is not None:
        report_file.write_text(json.dumps(build_report(reports, failures, seconds), ensure_ascii=False, indent=2) + "\n",
                               encoding="utf-8")
    return summary.reports, summary.paragraphs, failures, seconds


@main.command()
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory of report .txt files [default: $REPORTSEARCH_CORPUS or corpus/].")
@INDEX_OPTION
@click.option("--verbose", "-v", is_flag=True,
              help="Under each report's note, list the headings placed by wording (with the line) and those without text.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Write a JSON build report: per report, the headings placed by wording, those without text, "
                   "its warnings; and the files that failed.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that parse and analyse reports [default: one per core]; the index is the same for any number.")
@click.option("--full", is_flag=True,
              help="Parse and analyse every report again instead of keeping the unchanged ones of the index in service "
                   "(the index is the same either way).")
def index(corpus: Path | None, index_dir: Path | None, verbose: bool, report_file: Path | None,
          jobs: int | None, full: bool) -> None:
    """(Re)build the index from the corpus. The previous index serves until the new one is complete.

    Reports unchanged since the index in service are kept as they are (only new, changed or
    removed reports are indexed again); a new version of reportsearch or --full rebuilds
    everything."""
    try:
        reports, paragraphs, failures, seconds = index_corpus(
            corpus or default_corpus_dir(), _index_dir(index_dir), sys.stderr.isatty(),
            verbose=verbose, report_file=report_file, jobs=jobs, full=full)
    except ReportSearchError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Indexed {reports} reports, {paragraphs} paragraphs in {seconds:.1f} s"
               + (f"; {len(failures)} failed" if failures else ""))
    if failures:
        sys.exit(1)


@main.command()
@INDEX_OPTION
def gc(index_dir: Path | None) -> None:
    """Delete old index generations that no reader holds (the current and the previous one are kept)."""
    root = _index_dir(index_dir)
    try:
        current_generation(root)  # an index is there (before the lock creates the directory)
        with build_lock(root):
            result = collect(root, current_generation(root).name)
    except ReportSearchError as exc:
        raise click.ClickException(str(exc)) from exc
    count = len(result.removed)
    click.echo(f"Removed {count} generation{'' if count == 1 else 's'}" + (f" ({', '.join(result.removed)})" if result.removed else "")
               + f"; kept {', '.join(result.kept)}"
               + (f"; in use by a reader, kept for now: {', '.join(result.in_use)}" if result.in_use else ""))


@main.command()
@INDEX_OPTION
def export(index_dir: Path | None) -> None:
    """Print every paragraph as JSON Lines, in document order."""
    try:
        for record in export_paragraphs(_index_dir(index_dir)):
            click.echo(json.dumps(record, ensure_ascii=False))
    except ReportSearchError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("query")
@INDEX_OPTION
@click.option("--year", multiple=True, help="ROC (104) or Gregorian (2015) year; repeat for any of several.")
@click.option("--section", multiple=True,
              help="A heading title without enumerator, e.g. 勞資爭議調處; any level; repeat for any of several.")
@click.option("--limit", default=10, show_default=True, type=int, help="Hits per page (at most 100).")
@click.option("--page", default=1, show_default=True, type=int, help="Page number, from 1.")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option("--sort", type=click.Choice(["relevance", "year", "report"]), default="relevance", show_default=True,
              help="Best first, newest year first, or in report order.")
@TIME_LIMIT_OPTION
def search(query: str, index_dir: Path | None, year: tuple[str, ...], section: tuple[str, ...],
           limit: int, page: int, as_json: bool, sort: str, time_limit: float | None) -> None:
    """Search paragraphs for QUERY (terms ANDed; OR, -term, "exact phrase")."""
    try:
        snapshot = open_snapshot(_index_dir(index_dir))
        try:
            result = run_search(snapshot, query, year=year, section=section, page=page, limit=limit,
                                timelimit=time_limit, sort=sort)
        finally:
            snapshot.close()
    except ReportSearchError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if result.timed_out:
        click.echo("note: the search ran out of time; results may be incomplete", err=True)
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}", err=True)
    near = f", then {result.context} from the same sections" if result.context else ""
    click.echo(f"{result.total - result.context} paragraphs match{near}"
               + (f" (page {result.page})" if result.page > 1 else ""))
    for hit in result.hits:
        mark = "  (same section as a match)" if hit.matched == "context" else ""
        click.echo(f"\n{hit.id}  {hit.year}年 ({hit.year_ad})  {' / '.join(hit.section)}{mark}")
        click.echo("  " + hit.snippet.replace("<mark>", "[").replace("</mark>", "]"))


@main.command()
@INDEX_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Corpus used to build an index on first run [default: $REPORTSEARCH_CORPUS or corpus/].")
@TIME_LIMIT_OPTION
def serve(index_dir: Path | None, host: str, port: int, corpus: Path | None, time_limit: float | None) -> None:
    """Serve the search UI and JSON API (builds the index first if there is none)."""
    from web.server import serve as run_server

    root = _index_dir(index_dir)
    why = None
    if not (root / "CURRENT").exists():
        why = f"No index in {root}"
    else:
        try:
            if outdated := missing_fields(root):
                why = f"The index in {root} was built by an earlier version (no {', '.join(outdated)})"
        except IndexMissingError:
            pass  # named but gone: the server reports it
    if why:
        click.echo(f"{why}; building it from the corpus first…", err=True)
        reports, paragraphs, failures, seconds = index_corpus(corpus or default_corpus_dir(), root, True)
        click.echo(f"Indexed {reports} reports, {paragraphs} paragraphs in {seconds:.1f} s", err=True)
    run_server(root, host=host, port=port, time_limit=time_limit)
