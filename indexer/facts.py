"""The fact ledger: statements stored while indexing, measures that group them, and the claim
lookup that finds the official statement behind a claim.

Storing: `save_statements` runs in the transaction that stores a document (the pipeline calls it
right after `save_document`), so statements and document never disagree; deleting a document
deletes its statements with its other rows (`indexer.store.CHILD_TABLES`).

Lookup: a claim is matched by its words through the search backend (the index's Dutch
analyzer: compounds, inflections), and by its figures through the statements' values in
plain SQL; candidates are scored on both, then each measure a matching statement belongs to
brings its other statements, newer and older, so a fact-checker sees when a figure was updated."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any, Literal, TypeVar

from pydantic import BaseModel
from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from indexer.fact_tables import MeasureRow, StatementRow
from indexer.pairs import document_pairs
from indexer.search.backend import Hit, SearchBackend, SearchRequest
from indexer.store import document_ministries, ministry_name
from kamervragen.extract.figure_words import STOPWORDS
from kamervragen.extract.figures import lemma
from kamervragen.extract.statements import claim_figures, document_statements, measure_id, statement_id
from kamervragen.model import Document
from kamervragen.spans import Figure

_Row = TypeVar("_Row")  # a StatementRow, or a row of some of its columns
Relation = Literal["equals", "differs", "newer", "older", "related"]
_APPROXIMATE = {"ruim", "bijna", "circa", "ca.", "ongeveer", "zo'n", "zo’n", "rond", "naar schatting", "krap"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]*")
_AREA_NONE = ""
SIMILAR_PAIRS = 12  # pairs taken from the text match
CLAIM_WORDS = 5  # of a claim's words, the rarest searched (see _text_hits)
COMMON_SHARE = 0.05  # a word in more of the pairs is common (see _text_hits)
COMMON_FLOOR = 1000  # pairs: a word in fewer is never common
FIGURE_ROWS = 400  # statements read per figure of a claim (see _figure_rows)
FIGURE_WORDS = 3  # of the claim's rarest words, those a statement is preferred for holding
_LETTERS = re.compile(r"[^\W\d_]{3,}")
_OPERATORS = {"AND", "OR", "NOT"}


# --- storing --------------------------------------------------------------------------------
def ref_date(as_of: str | None, period: str | None, doc_date: dt.date | None) -> str | None:
    """The date a statement speaks about, ISO so that it sorts: its peildatum, else the year its
    period names ("in 2023", a table column), else the date of its document. '--11-01' (a day
    without a year) takes the document's year."""
    if as_of and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", as_of):
        return as_of
    if as_of and as_of.startswith("--") and doc_date:
        return f"{doc_date.year:04d}{as_of[1:]}"
    year = re.fullmatch(r"(?:in\s+)?((?:19|20)\d{2})", (period or "").strip())
    if year:
        return year.group(1)
    return doc_date.isoformat() if doc_date else None


def save_statements(session: Session, doc: Document, doc_id: str) -> None:
    """Store the statements of a document just stored, and the measures they report. The caller
    commits (with the document)."""
    ministries = document_ministries(doc)
    area = ministries[0] if ministries else _AREA_NONE
    doc_date = doc.received or doc.submitted
    asked_on = doc.submitted or doc_date
    pair_of: dict[int, tuple[str, str]] = {}
    for p in document_pairs(doc):
        for n in p.numbers:
            pair_of[n] = (p.pair_id(doc_id), ",".join(map(str, p.numbers)))
    stmts = document_statements(doc)
    ids = [statement_id(doc_id, s.figure.location, s.figure.start, s.figure.end) for s in stmts]
    updated = {s.updates for s in stmts if s.updates is not None}
    known: set[str] = set()
    for sid, s in zip(ids, stmts, strict=True):
        f = s.figure
        if sid in known:
            continue
        known.add(sid)
        mid = measure_id(area, s.key) if s.key else measure_id(area, f"alone|{sid}")
        if session.get(MeasureRow, mid) is None:
            session.add(
                MeasureRow(id=mid, key=s.key, label=s.label[:200], unit=f.unit, ministry=area or None)
            )
            session.flush()
        number = _number(f.location)
        pair_id, numbers = pair_of.get(number, (None, "")) if number is not None else (None, "")
        session.add(
            StatementRow(
                id=sid,
                document_id=doc_id,
                pair_id=pair_id,
                question_numbers=numbers,
                location=f.location,
                start=f.start,
                end=f.end,
                text=f.text,
                value=f.value,
                unit=f.unit,
                subject=f.subject,
                qualifier=f.qualifier,
                as_of=f.as_of,
                period=f.period,
                source=f.source,
                part_of=f.part_of,
                role=f.role,
                verdict=s.verdict,
                corrects=s.corrects,
                updates=ids[s.updates] if s.updates is not None else None,
                sentence=s.sentence,
                # a question's figure without a date of its own stands before the question; one
                # the answer updates is older than the update, whatever day that was
                ref_date=None
                if f.role == "question" and not f.as_of and stmts.index(s) in updated
                else ref_date(f.as_of, f.period, asked_on if f.role == "question" else doc_date),
                date=doc_date,
                ministry=area or None,
                measure_id=mid,
            )
        )


def _number(location: str) -> int | None:
    found = re.fullmatch(r"[qa](\d+)", location)
    return int(found.group(1)) if found else None


# --- reading: measures ----------------------------------------------------------------------
class StatementOut(BaseModel):
    """One statement, as the API gives it."""

    id: str
    value: float
    unit: str
    text: str
    """The figure as written."""
    sentence: str
    subject: str | None = None
    qualifier: str | None = None
    as_of: str | None = None
    period: str | None = None
    source: str | None = None
    part_of: float | None = None
    role: str
    verdict: str | None = None
    """For a question's figure: whether the answer "confirmed" or "corrected" it."""
    corrects: str | None = None
    """The id of the question's statement this one corrects."""
    ref_date: str | None = None
    measure_id: str
    document_id: str
    pair_id: str | None = None
    question_numbers: list[int] = []
    date: dt.date | None = None
    url: str | None = None
    """The site's page of the question/answer pair."""
    official_url: str | None = None


class MeasureSummary(BaseModel):
    id: str
    label: str
    unit: str
    ministry: str | None = None
    count: int
    first_date: str | None = None
    last_date: str | None = None
    last_value: float | None = None


class Conflict(BaseModel):
    """Statements of one measure and one reference date that give different values."""

    ref_date: str | None
    values: list[float]
    statement_ids: list[str]


class Correction(BaseModel):
    corrected: StatementOut
    correction: StatementOut | None = None


class MeasureDetail(MeasureSummary):
    series: list[StatementOut]
    """Latest reference date first."""
    conflicts: list[Conflict]
    corrections: list[Correction]


def statement_out(row: StatementRow) -> StatementOut:
    return StatementOut(
        id=row.id,
        value=row.value,
        unit=row.unit,
        text=row.text,
        sentence=row.sentence,
        subject=row.subject,
        qualifier=row.qualifier,
        as_of=row.as_of,
        period=row.period,
        source=row.source,
        part_of=row.part_of,
        role=row.role,
        verdict=row.verdict,
        corrects=row.updates if row.corrects else None,
        ref_date=row.ref_date,
        measure_id=row.measure_id,
        document_id=row.document_id,
        pair_id=row.pair_id,
        question_numbers=[int(n) for n in row.question_numbers.split(",") if n],
        date=row.date,
    )


def _order(rows: list[_Row]) -> list[_Row]:
    """Latest reference date first; within a date the answer before the question it answers."""
    return sorted(rows, key=lambda r: (r.ref_date or "", r.role == "answer", r.id), reverse=True)


def measures(
    session: Session,
    q: str = "",
    ministry: str | None = None,
    unit: str | None = None,
    limit: int = 50,
    offset: int = 0,
    min_count: int = 1,
) -> list[MeasureSummary]:
    """Measures with their statement counts, most reported first."""
    count = func.count(col(StatementRow.id))
    query = (
        select(
            MeasureRow,
            count,
            func.min(StatementRow.ref_date),
            func.max(StatementRow.ref_date),
        )
        .join(StatementRow, col(StatementRow.measure_id) == col(MeasureRow.id))
        .group_by(col(MeasureRow.id))
        .having(count >= min_count)
        .order_by(count.desc(), col(MeasureRow.id))
        .offset(offset)
        .limit(limit)
    )
    for word in _WORD.findall(q)[:6]:
        query = query.where(col(MeasureRow.label).ilike(f"%{lemma(word)[:12]}%"))
    if ministry:  # a name or an abbreviation ("SZW")
        query = query.where(col(MeasureRow.ministry).ilike(ministry_name(ministry) or ministry))
    if unit:
        query = query.where(MeasureRow.unit == unit)
    rows = session.exec(query).all()
    last = _last_values(session, [r[0].id for r in rows])
    return [
        MeasureSummary(
            id=mr.id,
            label=mr.label,
            unit=mr.unit,
            ministry=mr.ministry,
            count=n,
            first_date=first,
            last_date=latest,
            last_value=last.get(mr.id),
        )
        for mr, n, first, latest in rows
    ]


def _last_values(session: Session, ids: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    if not ids:
        return out
    rows = session.exec(select(StatementRow).where(col(StatementRow.measure_id).in_(ids))).all()
    by: dict[str, list[StatementRow]] = defaultdict(list)
    for r in rows:
        by[r.measure_id].append(r)
    for mid, group in by.items():
        out[mid] = _order(group)[0].value
    return out


def measure(session: Session, mid: str) -> MeasureDetail | None:
    """A measure with its series, conflicts and corrections; None when it has no statements."""
    mr = session.get(MeasureRow, mid)
    if mr is None:
        return None
    rows = _order(list(session.exec(select(StatementRow).where(StatementRow.measure_id == mid)).all()))
    if not rows:
        return None
    by_id = {r.id: r for r in rows}
    series = [statement_out(r) for r in rows]
    by_date: dict[str | None, list[StatementRow]] = defaultdict(list)
    for r in rows:
        if r.verdict != "corrected":
            by_date[r.ref_date].append(r)
    conflicts = [
        Conflict(ref_date=d, values=sorted({r.value for r in g}), statement_ids=[r.id for r in g])
        for d, g in by_date.items()
        if len({r.value for r in g}) > 1
    ]
    corrections = []
    for r in rows:
        if r.verdict == "corrected":
            fix = next((x for x in rows if x.corrects and x.updates == r.id), None)
            corrections.append(
                Correction(corrected=statement_out(r), correction=statement_out(fix) if fix else None)
            )
    dates = [r.ref_date for r in rows if r.ref_date]
    return MeasureDetail(
        id=mr.id,
        label=mr.label,
        unit=mr.unit,
        ministry=mr.ministry,
        count=len(rows),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        last_value=rows[0].value,
        series=series,
        conflicts=conflicts,
        corrections=[c for c in corrections if c.corrected.id in by_id],
    )


def document_measures(session: Session, doc_id: str) -> dict[tuple[str, int], str]:
    """(location, start) of each figure of a document → its measure id, for links on its page."""
    rows = session.exec(
        select(StatementRow.location, StatementRow.start, StatementRow.measure_id).where(
            StatementRow.document_id == doc_id
        )
    ).all()
    return {(loc, start): mid for loc, start, mid in rows}


# --- reading: claim lookup ------------------------------------------------------------------
class ClaimFigure(BaseModel):
    text: str
    value: float
    unit: str


class Match(StatementOut):
    relation: Relation
    score: float


class Lookup(BaseModel):
    claim: str
    figures: list[ClaimFigure]
    matches: list[Match]


def _words(text: str) -> set[str]:
    return {lemma(w) for w in _WORD.findall(text) if len(w) >= 3 and w.lower() not in STOPWORDS}


def _overlap(claim: set[str], words: set[str]) -> float:
    """The share of the claim's words the statement has: the same lemma, or one inside the other
    (compounds: "lening" in "studielening"), or a shared start of six letters (inflections)."""
    if not claim:
        return 0.0
    long = [w for w in words if len(w) >= 5]  # only these match in part
    joined = "\n".join(long)  # "c in one of them", in one search (a word holds no newline)
    starts = {w[:6] for w in long}
    hit = 0.0
    for c in claim:
        if c in words:
            hit += 1
        elif (len(c) >= 5 and c in joined) or c[:6] in starts or any(w in c for w in long):
            hit += 0.7
    return hit / len(claim)


def _compatible(claim: Figure, unit: str) -> bool:
    """Whether a claim's figure can be compared with a statement's: the same unit, or both
    counts (whether what is counted are people depends on words the claim may not share)."""
    return claim.unit == unit or {claim.unit, unit} <= {"count", "persons"}


def _tolerance(fig: Figure) -> float:
    rough = (fig.qualifier or "") in _APPROXIMATE or re.search(
        r"miljoen|miljard|mln|mld|duizend", fig.text, re.I
    )
    return 0.05 if rough else 0.005


def _equal(fig: Figure, value: float) -> bool:
    return abs(fig.value - value) <= _tolerance(fig) * max(abs(fig.value), 1e-9)


def _text_hits(backend: SearchBackend, claim: str, figures: bool) -> tuple[list[Hit], list[str]]:
    """The pairs whose text is most like the claim: its rarest words ORed, through the backend's
    query language and analyzer (compounds, inflections), without snippets (a third of the
    time of `similar`, the same pairs on our claims).

    Only the CLAIM_WORDS rarest words of the index are searched. When even the rarest is
    common (in more than COMMON_SHARE of all pairs, and more than COMMON_FLOOR, so that a small
    index keeps its words), a claim with a figure is not searched by its words at all: the
    dozen best of thousands of pairs alike say little about it, and ranking those thousands
    was most of a lookup's time at 100,000 documents. Its statements are then found by their
    figures and still compared with every word of the claim.

    Also returns the claim's words that the index holds, rarest first (see `_figure_rows`)."""
    words = [w for w in _LETTERS.findall(claim) if w.lower() not in STOPWORDS and w.upper() not in _OPERATORS]
    words = list(dict.fromkeys(words))[:16]
    if not words:
        return [], []
    total, counts = backend.word_frequencies(words)
    found = sorted((df, i) for i, df in enumerate(counts) if df)[:CLAIM_WORDS]
    rarest = [words[i] for _, i in found]
    if not found or (figures and found[0][0] > max(COMMON_SHARE * total, COMMON_FLOOR)):
        return [], rarest  # no word in the index, or none distinctive: the figures still match
    query = " OR ".join(words[i] for i in sorted(i for _, i in found))
    request = SearchRequest(query=query, facets=False, highlight=False)
    try:
        return list(backend.iter_hits(request, SIMILAR_PAIRS)), rarest
    except ValueError:  # a word the query language refuses: the figures still match
        return [], rarest


def _figure_rows(session: Session, fig: Figure, rarest: list[str]) -> list[Any]:
    """Statements holding the claim's figure, at most FIGURE_ROWS: first those whose sentence
    holds the start of one of the claim's rarest words (an inflection keeps it), then any. A
    common value (10, 100, a year) is stated thousands of times in a large ledger (716 times 54
    in the benchmark's at 100,000 documents), and an arbitrary 400 of them could leave the
    claim's own statement out when its words found no text match."""
    tol = _tolerance(fig) * abs(fig.value)
    near = select(*_SCORED).where(col(StatementRow.value).between(fig.value - tol, fig.value + tol))
    starts = list(dict.fromkeys(w.lower()[:6] for w in rarest[:FIGURE_WORDS]))
    out: list[Any] = []
    if starts:
        sentence = func.lower(StatementRow.sentence)
        shares = or_(*(sentence.like(f"%{start}%") for start in starts))
        out = list(session.exec(near.where(shares).limit(FIGURE_ROWS)))
    if len(out) < FIGURE_ROWS:
        out += session.exec(near.limit(FIGURE_ROWS - len(out)))
    return out


# the columns that place a statement among the others of its measure (`_order`, relations)
_PLACED = (
    StatementRow.id,
    StatementRow.measure_id,
    StatementRow.value,
    StatementRow.role,
    StatementRow.ref_date,
    StatementRow.updates,
    StatementRow.corrects,
)
# and those a candidate is scored on: a lookup reads only these of its hundreds of
# candidates, and whole rows only of the statements it returns
_SCORED = (*_PLACED, StatementRow.pair_id, StatementRow.unit, StatementRow.sentence)
Scored = tuple[float, Any, Relation]  # (score, a row of the _SCORED columns, its relation)


def lookup(session: Session, backend: SearchBackend, claim: str, limit: int = 10) -> Lookup:
    """The statements behind a claim, best first, each with its relation to the claim's figure."""
    figures = claim_figures(claim)
    words = _words(re.sub(r"\d[\d.,]*", " ", claim))
    hits, rarest = _text_hits(backend, claim, bool(figures))
    pair_score = {}
    if hits:
        top = max(h.score for h in hits) or 1.0
        pair_score = {h.pair_id: h.score / top for h in hits}
    rows: dict[str, Any] = {}
    if pair_score:
        for r in session.exec(select(*_SCORED).where(col(StatementRow.pair_id).in_(list(pair_score)))):
            rows[r.id] = r
    for f in figures:
        for r in _figure_rows(session, f, rarest):
            rows.setdefault(r.id, r)
    overlap: dict[str, float] = {}  # statements of one sentence (several figures) share it
    scored: list[Scored] = []
    for r in rows.values():
        shared = overlap.get(r.sentence)
        if shared is None:
            shared = overlap[r.sentence] = _overlap(words, _words(r.sentence))
        # the statement's own sentence counts most: a pair about the topic holds many figures
        text = 0.5 * pair_score.get(r.pair_id or "", 0.0) + 1.5 * shared
        if text <= 0.2:
            continue  # the same number in a sentence about something else
        if r.role == "answer":
            text += 0.15  # the official statement, rather than the question quoting a figure
        score, relation = text, "related"
        for i, f in enumerate(figures):
            if not _compatible(f, r.unit):
                continue
            if _equal(f, r.value):  # the claim's first figure is usually the one it is about
                score, relation = text + 1.5 + (0.1 if i == 0 else 0.0), "equals"
                break
            if relation == "related":
                score, relation = text + 0.3, "differs"
        scored.append((score, r, relation))
    scored.sort(key=lambda t: (-t[0], t[1].id))
    return Lookup(
        claim=claim,
        figures=[ClaimFigure(text=f.text, value=f.value, unit=f.unit) for f in figures],
        matches=_with_measures(session, scored, limit),
    )


def _with_measures(session: Session, scored: list[Scored], limit: int) -> list[Match]:
    """The best statements, each followed by the other statements of its measure (the point of a
    lookup: a newer figure for the same thing, even when its value differs). Chosen on their
    columns (`_PLACED`); whole rows are read for the chosen alone."""
    chosen: list[tuple[str, Relation, float]] = []
    seen: set[str] = set()
    grouped = {r.measure_id for _, r, rel in scored[:limit] if rel == "equals" or rel == "differs"}
    members: dict[str, list[Any]] = defaultdict(list)
    if grouped:
        query = select(*_PLACED).where(col(StatementRow.measure_id).in_(sorted(grouped)))
        for m in session.exec(query.limit(500)):
            members[m.measure_id].append(m)
    for score, r, relation in scored:
        if len(chosen) >= limit:
            break
        if r.id in seen:
            continue
        seen.add(r.id)
        chosen.append((r.id, relation, round(score, 4)))
        if relation != "equals":
            continue
        others = [x for x in _order(members.get(r.measure_id, [])) if x.id not in seen]
        for x in others:
            if len(chosen) >= limit:
                break
            seen.add(x.id)
            later = x.updates == r.id or (r.updates != x.id and (x.ref_date or "") > (r.ref_date or ""))
            earlier = r.updates == x.id or (x.ref_date or "") < (r.ref_date or "")
            rel: Relation
            if x.corrects and x.updates == r.id:
                rel = "differs"  # the answer says the claimed figure was wrong (see `corrects`)
            elif x.value == r.value:
                rel = "equals"
            else:
                rel = "newer" if later else "older" if earlier else "differs"
            chosen.append((x.id, rel, round(score - 0.001, 4)))
    ids = [sid for sid, _, _ in chosen]
    full = {row.id: row for row in session.exec(select(StatementRow).where(col(StatementRow.id).in_(ids)))}
    return [
        Match(**statement_out(full[sid]).model_dump(), relation=rel, score=score)
        for sid, rel, score in chosen
    ]


class TopicFigure(BaseModel):
    """A figure given before on a draft's topic, with the latest statement of its measure."""

    statement: StatementOut
    latest: StatementOut | None = None
    """The measure's latest statement when it is another one: the figure to use now."""


def topic_figures(session: Session, pair_ids: list[str], limit: int = 30) -> list[TopicFigure]:
    """The statements in these pairs (best pair first), each with its measure's latest statement."""
    if not pair_ids:
        return []
    rank = {p: i for i, p in enumerate(pair_ids)}
    rows = session.exec(select(StatementRow).where(col(StatementRow.pair_id).in_(pair_ids))).all()
    rows = sorted(rows, key=lambda r: (rank.get(r.pair_id or "", 0), r.location, r.start))[:limit]
    mids = sorted({r.measure_id for r in rows})
    members: dict[str, list[StatementRow]] = defaultdict(list)
    for r in session.exec(select(StatementRow).where(col(StatementRow.measure_id).in_(mids))):
        members[r.measure_id].append(r)
    out = []
    for r in rows:
        latest = _order(members[r.measure_id])[0] if members[r.measure_id] else r
        out.append(
            TopicFigure(
                statement=statement_out(r), latest=statement_out(latest) if latest.id != r.id else None
            )
        )
    return out
