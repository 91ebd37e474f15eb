"""Documents per second per format over the dev corpus (a benchmark, not a test), parsing
alone and parsing with extraction.

Aims: >= 100 text/XML documents/s and >= 5 PDF documents/s on one core; extraction adds no
more than 50% to parse time. Run with `make bench`.
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


def _time(data: bytes, name: str, rounds: int, extract: bool) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        with contextlib.suppress(ParseError):
            parse(data, name=name, extract=extract)
    return (time.perf_counter() - start) / rounds


def main(rounds: int = 3) -> None:
    parse(FIXTURES.parent.parent / "corpus" / "azmani-inburgering-2013.txt")  # load tables and pipeline once
    plain: dict[str, list[float]] = defaultdict(list)
    full: dict[str, list[float]] = defaultdict(list)
    for path in files():
        data = path.read_bytes()
        fmt = detect_format(data, path.name)
        plain[fmt].append(_time(data, path.name, rounds, extract=False))
        full[fmt].append(_time(data, path.name, rounds, extract=True))
    print(f"{'format':8} {'docs':>5} {'parse/s':>9} {'+extract/s':>11} {'extra':>7} {'slowest ms':>11}")
    for fmt in sorted(plain):
        p, f = sum(plain[fmt]), sum(full[fmt])
        n = len(plain[fmt])
        print(f"{fmt:8} {n:5d} {n / p:9.1f} {n / f:11.1f} {(f - p) / p:7.0%} {max(full[fmt]) * 1000:11.1f}")
    p = sum(sum(v) for v in plain.values())
    f = sum(sum(v) for v in full.values())
    print(f"extraction adds {(f - p) / p:.0%} to parse time over the whole corpus")


if __name__ == "__main__":
    main()
