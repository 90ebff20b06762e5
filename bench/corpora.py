"""Synthetic corpora for the speed benchmark, made from the real reports.

Two real reports cannot show how the engine scales, and no larger corpus may be fetched, so
each generated report is a real one under another publisher and year with its figures
changed. Everything the parser reads for structure is kept exactly: the table of contents,
the item markers (``1.``, ``(1)``), and the length of every body line (a changed figure
keeps its number of digits, so commas stay thousand separators and no line crosses the
parser's wrap or table-cell thresholds). A generated report therefore has its source's
paragraphs and sections, under a different report ID.

Generation is pure and deterministic (text and seed in, text out); :func:`write_corpus`
is the only I/O.
"""
from __future__ import annotations

import hashlib
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.ids import report_id  # noqa: E402  (the report ID is what must be distinct)

CITIES = ("臺北市", "新北市", "桃園市", "臺中市", "臺南市", "基隆市", "新竹市", "嘉義市", "高雄市")
COUNTIES = ("新竹縣", "苗栗縣", "彰化縣", "南投縣", "雲林縣", "嘉義縣", "屏東縣", "宜蘭縣", "花蓮縣",
            "臺東縣", "澎湖縣", "金門縣", "連江縣")
CITY_BUREAUS = ("勞工局", "勞動局", "社會局", "勞動力發展局", "就業服務處")
COUNTY_BUREAUS = ("勞工處", "勞動處", "社會處", "勞動及青年發展處", "就業服務中心")
REAL_AGENCY = "高雄市政府勞工局"  # the real reports' publisher: never reused
# ROC years in the order reports take them: the first two reports are 108 and 112 at every
# size, so bench/mix.json can filter on years every corpus has.
YEARS = (108, 112, 101, 105, 114, 103, 110, 100, 107, 113, 102, 115, 104, 109, 111, 106)
SHARE = 0.8  # of figures changed: the rest keep their real value, so figure queries find some reports
FACTOR = (0.8, 1.2)

TITLE = re.compile(r"^(?P<lead>\s*)(?P<agency>\S.*?)\s*(?P<year>\d{2,3})(?P<rest>\s*年度?.*)$")
HEADING = re.compile(r"^\s*(?:[壹貳參叁肆伍陸柒捌玖拾]+\s*[、.．]|[一二三四五六七八九十]+\s*[、.．]"
                     r"|[(（]\s*[一二三四五六七八九十]+\s*[)）])")
MARKER = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[(（]\d{1,2}[)）])")
NUMERIC_LINE = re.compile(r"[\d,.\-%()（）/／~～\s]+")
FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
KEEP_BEFORE = set("第:：/／-~～")  # ordinals, times, dates, ranges, codes
KEEP_AFTER = set("月日時點條款級屆:：/／-~～")
YEAR_LIKE = (90, 130)  # a number this size before 年 is an ROC year (104年), moved with the report


@dataclass(frozen=True)
class Target:
    """What one generated report becomes: which source, published by whom, in which year."""

    index: int
    source: int
    agency: str
    year: int

    @property
    def report_id(self) -> str:
        return report_id(self.agency, self.year)

    @property
    def file_name(self) -> str:
        return f"gen-{self.index:04d}-{self.report_id}.txt"


@dataclass(frozen=True)
class Generated:
    target: Target
    text: str


def agencies() -> tuple[str, ...]:
    """Plausible labour and social agencies of cities and counties, bureau by bureau (so
    consecutive reports come from different places), one per report-ID code, an even count
    (see :func:`targets`)."""
    names = [f"{place}政府{bureau}" for bureaus, places in ((CITY_BUREAUS, CITIES), (COUNTY_BUREAUS, COUNTIES))
             for bureau in bureaus for place in places]
    out: list[str] = []
    codes: set[str] = set()
    for name in names:
        code = report_id(name, 0)
        if name != REAL_AGENCY and code not in codes:
            codes.add(code)
            out.append(name)
    return tuple(out[: len(out) - len(out) % 2])


def targets(n: int) -> list[Target]:
    """The first ``n`` reports: sources alternate, agencies cycle, and the year advances by
    one more at each new cycle of agencies, so (agency, year) never repeats while
    ``n <= len(agencies()) * len(YEARS)``: reports i and j of one agency differ by a
    multiple k of the agency count A, their years by k * (A + 1) places, and A + 1 is odd,
    so coprime with the 16 years."""
    names = agencies()
    limit = len(names) * len(YEARS)
    if n > limit:
        raise ValueError(f"at most {limit} distinct reports can be generated, not {n}")
    return [Target(i, i % 2, names[i % len(names)], YEARS[(i + i // len(names)) % len(YEARS)]) for i in range(n)]


def source_year(text: str) -> int:
    """The ROC year in a report's title line. :raises ValueError: when there is none."""
    for line in text.splitlines():
        if HEADING.match(line):
            break
        if (m := TITLE.match(line)) and ("報告" in line or "成果" in line):
            return int(m.group("year"))
    raise ValueError("no title line with a year (e.g. 某某局104年度施政績效成果報告)")


def retitle(text: str, agency: str, year: int) -> str:
    """The report with ``agency`` and ``year`` in its title line; nothing else changes."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if HEADING.match(line):
            break
        if (m := TITLE.match(line)) and ("報告" in line or "成果" in line):
            lines[i] = f"{m.group('lead')}{agency}{year}{m.group('rest')}"
            return "\n".join(lines)
    raise ValueError("no title line with a year (e.g. 某某局104年度施政績效成果報告)")


def scale(printed: str, factor: float) -> str:
    """``printed`` times ``factor``, printed with the same digits, commas and decimal point
    positions: the value is clamped to the same number of digits."""
    digits = printed.replace(",", "").replace(".", "")
    value = int(digits)
    if value == 0:
        return printed
    width = len(str(value))
    new = min(max(round(value * factor), 10 ** (width - 1)), 10**width - 1)
    out = iter(str(new).zfill(len(digits)))
    return "".join(ch if ch in ",." else next(out) for ch in printed)


def shift_year(printed: str, shift: int) -> str | None:
    """A three-digit ROC year moved by ``shift`` when it stays three digits, else None."""
    new = int(printed) + shift
    return str(new) if len(printed) == 3 and 100 <= new <= 999 else None


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def perturb_line(line: str, rng: random.Random, shift: int, share: float = SHARE) -> str:
    """A body line with its figures changed and its years moved by ``shift``.

    Item markers, ordinals (第11條), dates and times, ranges and figures glued to Latin
    letters (R7, 3D, COVID-19) stay as printed."""
    if HEADING.match(line):
        return line
    start = 0
    if (m := MARKER.match(line)) and not NUMERIC_LINE.fullmatch(line.strip()):
        start = m.end()

    rest = line[start:]

    def replace(m: re.Match) -> str:
        printed = m.group(0)
        before = rest[m.start() - 1] if m.start() > 0 else ""
        after = rest[m.end()] if m.end() < len(rest) else ""
        if before in KEEP_BEFORE or after in KEEP_BEFORE | KEEP_AFTER or _latin(before) or _latin(after):
            return printed
        if after == "年" and printed.isdigit() and YEAR_LIKE[0] <= int(printed) <= YEAR_LIKE[1]:
            return shift_year(printed, shift) or printed
        if rng.random() >= share:
            return printed
        return scale(printed, rng.uniform(*FACTOR))

    return line[:start] + FIGURE.sub(replace, rest)


def perturb(text: str, rng: random.Random, shift: int, share: float = SHARE) -> str:
    """The report with every body figure considered for a change (see :func:`perturb_line`);
    the title block is left for :func:`retitle`, the table of contents as printed."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if HEADING.match(line)), len(lines))
    return "\n".join(lines[:first] + [perturb_line(line, rng, shift, share) for line in lines[first:]])


def generate(source: str, target: Target, seed: int = 0) -> Generated:
    """One generated report from the text of its source report."""
    rng = random.Random(f"{seed}:{target.index}")
    shift = target.year - source_year(source)
    return Generated(target, retitle(perturb(source, rng, shift), target.agency, target.year))


def generate_corpus(sources: Sequence[str], n: int, seed: int = 0) -> list[Generated]:
    """``n`` reports, taking the sources in turn."""
    return [generate(sources[t.source % len(sources)], t, seed) for t in targets(n)]


def fingerprint(corpus: Sequence[Generated]) -> str:
    """A hash of the generated texts and names: equal corpora, equal fingerprints."""
    digest = hashlib.sha256()
    for item in corpus:
        digest.update(item.target.file_name.encode())
        digest.update(hashlib.sha256(item.text.encode("utf-8")).digest())
    return digest.hexdigest()[:16]


def read_sources(corpus_dir: Path) -> list[str]:
    """The texts of the real reports, in name order."""
    return [p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))]


def write_corpus(corpus: Sequence[Generated], directory: Path) -> None:
    """Write the reports to ``directory``, replacing any other report file there."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = {item.target.file_name for item in corpus}
    for stale in directory.glob("*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    for item in corpus:
        path = directory / item.target.file_name
        if not path.exists() or path.read_text(encoding="utf-8") != item.text:
            path.write_text(item.text, encoding="utf-8")
