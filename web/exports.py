"""Search results as CSV and JSON Lines, with the question and answer text, figures and
commitments of each pair, fetched in batches while streaming. CSV cells that a spreadsheet would
run as a formula are neutralised."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from indexer import models as m
from indexer.search.backend import Hit
from web.present import public_hit

BATCH = 200
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = [
    "document_id",
    "pair_id",
    "question_numbers",
    "date",
    "kind",
    "subject",
    "askers",
    "parties",
    "answerers",
    "ministries",
    "question",
    "answer",
    "figures",
    "commitments",
    "source",
    "official_url",
    "score",
]


def neutralise(cell: object) -> object:
    """A text cell starting with = + - @ (or tab/CR) gets a leading apostrophe, so Excel and
    LibreOffice show it as text instead of evaluating it (CSV injection, OWASP)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def _batches(items: Iterable[Hit], size: int) -> Iterator[list[Hit]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _places(hit: Hit) -> set[str]:
    return {f"q{n}" for n in hit.question_numbers} | {f"a{n}" for n in hit.question_numbers}


def records(engine: Engine, hits: Iterable[Hit]) -> Iterator[dict]:
    """One dict per hit: the hit as the API shows it plus its texts, figures and commitments."""
    for chunk in _batches(hits, BATCH):
        pair_ids = [h.pair_id for h in chunk]
        doc_ids = {h.document_id for h in chunk}
        figures: dict[str, list[m.FigureRow]] = defaultdict(list)
        commitments: dict[str, list[m.CommitmentRow]] = defaultdict(list)
        with Session(engine) as session:
            pairs = {p.id: p for p in session.exec(select(m.PairRow).where(col(m.PairRow.id).in_(pair_ids)))}
            for f in session.exec(select(m.FigureRow).where(col(m.FigureRow.document_id).in_(doc_ids))):
                figures[f.document_id].append(f)
            for c in session.exec(
                select(m.CommitmentRow).where(col(m.CommitmentRow.document_id).in_(doc_ids))
            ):
                commitments[c.document_id].append(c)
        for hit in chunk:
            pair = pairs.get(hit.pair_id)
            places = _places(hit)
            yield {
                **public_hit(hit).model_dump(mode="json", exclude={"snippet"}),
                "question": pair.question_text if pair else None,
                "answer": pair.answer_text if pair else None,
                "figures": [
                    {
                        "text": f.text,
                        "value": f.value,
                        "unit": f.unit,
                        "subject": f.subject,
                        "as_of": f.as_of,
                        "location": f.location,
                    }
                    for f in figures[hit.document_id]
                    if f.location in places
                ],
                "commitments": [
                    {"text": c.text, "due": c.due and c.due.isoformat(), "location": c.location}
                    for c in commitments[hit.document_id]
                    if c.location in places
                ],
            }


def _cell(column: str, value: object) -> object:
    if column in ("figures", "commitments"):
        value = " | ".join(item["text"] for item in value)
    elif isinstance(value, list):
        value = "; ".join(map(str, value))
    return neutralise(value)


def csv_lines(rows: Iterable[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(c, row.get(c)) for c in COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(rows: Iterable[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
