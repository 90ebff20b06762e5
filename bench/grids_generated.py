"""How often grid recovery gets a generated table back exactly.

Tables come from ``tests/tablegen.py`` (random grids with a total row or column, flattened
row by row or column by column, with split cells, spanned headers, shares and remarks);
a table is recovered when ``read_table`` gives back every row, the header row count and
the caption, and marks the table checked. Prints the rate, the time per table, and the
first failures with their cells.

    .venv/bin/python bench/grids_generated.py [--count 2000] [--seed 0] [--show 3]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from indexer.grids import read_table  # noqa: E402
from tablegen import generate  # noqa: E402


def recovered(table, expected) -> str | None:
    """None when the table came back exactly, else what differs."""
    if table.rows is None:
        return "no grid"
    if [list(r) for r in table.rows] != expected.rows:
        return "rows"
    if table.header_rows != expected.header_rows:
        return "header rows"
    if table.caption != expected.caption:
        return "caption"
    if not table.checked:
        return "unchecked"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=3, help="failures to print")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    failures: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    shown, seconds, slowest = 0, 0.0, 0.0
    for _ in range(args.count):
        expected = generate(rng)
        kinds["column by column" if expected.column_major else "row by row"] += 1
        start = time.process_time()
        table = read_table("\n".join(expected.lines))
        took = time.process_time() - start
        seconds += took
        slowest = max(slowest, took)
        wrong = recovered(table, expected)
        if wrong:
            failures[wrong] += 1
            if shown < args.show:
                shown += 1
                print(f"--- {wrong}: {' | '.join(expected.lines)}")
                for row in expected.rows:
                    print("  want", " | ".join(row))
                for row in table.rows or ():
                    print("  got ", " | ".join(row))
    good = args.count - sum(failures.values())
    print(f"recovered exactly: {good}/{args.count} = {100 * good / args.count:.2f}% "
          f"({', '.join(f'{n} {k}' for k, n in kinds.items())}); failures: {dict(failures) or 'none'}")
    print(f"processor time per table: mean {1000 * seconds / args.count:.2f} ms, slowest {1000 * slowest:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
