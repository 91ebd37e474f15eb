"""Documents per second per format over the dev corpus (a benchmark, not a test).

Aim: >= 100 text/XML documents/s and >= 5 PDF documents/s on one core.
Run with `make bench`.
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from pathlib import Path

from kamervragen import parse
from kamervragen.errors import ParseError
from kamervragen.parser import detect_format

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
FIXTURES = ROOT / "tests" / "fixtures"
SKIP = ("sgd-ocr-aanhangsel", "tk-opendata-xsd", "search-excerpts")


def files() -> list[Path]:
    out = [
        p
        for p in sorted(DEV.rglob("*"))
        if p.is_file()
        and p.suffix in {".txt", ".pdf", ".docx", ".html"}
        and not any(s in str(p) for s in SKIP)
    ]
    out += sorted(p for p in FIXTURES.rglob("*") if p.suffix in {".xml", ".html"})
    return out


def main(rounds: int = 3) -> None:
    timings: dict[str, list[float]] = defaultdict(list)
    for path in files():
        data = path.read_bytes()
        fmt = detect_format(data, path.name)
        start = time.perf_counter()
        for _ in range(rounds):
            with contextlib.suppress(ParseError):
                parse(data, name=path.name)
        timings[fmt].append((time.perf_counter() - start) / rounds)
    print(f"{'format':8} {'docs':>5} {'docs/s':>9} {'slowest ms':>11}")
    for fmt, values in sorted(timings.items()):
        print(f"{fmt:8} {len(values):5d} {len(values) / sum(values):9.1f} {max(values) * 1000:11.1f}")


if __name__ == "__main__":
    main()
