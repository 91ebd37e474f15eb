"""Which commitments were kept, computed at index time: a later answer that refers back to the
promise's document — by its aanhangsel or kamerstuk id, by its zaak number, or with "zoals
toegezegd in antwoord op vragen van het lid …" — and speaks of the promise's topic is evidence
that it was kept. Every such row keeps the later document and its sentence, so the register
shows why it calls a promise fulfilled.

Why at index time: the register sorts and filters on status over every commitment, so status
must be a join, not a text search per request. The pipeline calls `refresh_fulfilments` with
the documents each run stored (before marking them indexed, so a killed run redoes it); only
rows touching those documents are recomputed, with indexed look-ups in both directions (the
new document as evidence for older promises, and as a promise that older answers already
kept, since files arrive in any order). A rebuild recomputes everything.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from sqlalchemy import exists
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, func, select

from indexer import models as m
from indexer.search.analysis import dutch_analyzer
from kamervragen.extract.commitments import sentences
from kamervragen.extract.mentions import get_answer_mentions
from kamervragen.model import Document

ID_KINDS = ("aanhangsel", "kamerstuk")
# words of a promise that say nothing about what was promised
_GENERIC = "kamer uw informeren informatie brief nader zal sturen toesturen zenden terugkomen hierop daarover"


@dataclass(frozen=True)
class Candidate:
    """A later document `evidence` that refers back to `promise` at `location`."""

    evidence: str
    promise: str
    location: str
    rule: str
    cited: str  # the words that refer back (a reference's text, or the mention's sentence)


@cache
def _analyzer():
    return dutch_analyzer()


@cache
def _generic() -> frozenset[str]:
    return frozenset(t.text for t in _analyzer()(_GENERIC))


@lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """Stemmed content words (compounds also by their parts) minus the words of any promise;
    cached, since one later answer's context is compared with every commitment it may keep."""
    return frozenset(t.text for t in _analyzer()(text) if len(t.text) > 2) - _generic()


def overlap(topic: str, context: str) -> int:
    """How many of the topic's content words `context` shares."""
    return len(terms(topic) & terms(context))


def same_topic(topic: str, context: str) -> bool:
    """Whether `context` speaks of `topic`: two shared content words, or every one of a topic
    that has fewer than two."""
    wanted = terms(topic)
    return bool(wanted) and overlap(topic, context) >= min(2, len(wanted))


def refresh_fulfilments(engine: Engine, changed: Iterable[str] | None) -> int:
    """Recompute the evidence touching the `changed` documents (None: everything); returns how
    many fulfilment rows were written."""
    with Session(engine) as session:
        written = _refresh(session, None if changed is None else sorted(set(changed)))
        session.commit()
    return written


def _refresh(session: Session, changed: list[str] | None) -> int:
    if changed is None:
        session.exec(delete(m.FulfilmentRow))
        session.exec(delete(m.AnswerMentionRow))
        changed_answers = list(session.exec(select(m.DocumentRow.id).where(m.DocumentRow.kind == "answer")))
    else:
        if not changed:
            return 0
        for chunk in _chunks(changed):
            session.exec(delete(m.FulfilmentRow).where(col(m.FulfilmentRow.document_id).in_(chunk)))
            session.exec(delete(m.FulfilmentRow).where(col(m.FulfilmentRow.evidence_document_id).in_(chunk)))
            session.exec(delete(m.AnswerMentionRow).where(col(m.AnswerMentionRow.document_id).in_(chunk)))
        _drop_dangling(session)
        changed_answers = [
            i
            for chunk in _chunks(changed)
            for i in session.exec(
                select(m.DocumentRow.id).where(
                    col(m.DocumentRow.id).in_(chunk), m.DocumentRow.kind == "answer"
                )
            )
        ]
    _store_mentions(session, changed_answers)
    session.flush()
    candidates = set(_as_evidence(session, changed_answers))
    if changed is not None:
        candidates |= set(_as_promise(session, changed))
    return _write(session, candidates)


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _drop_dangling(session: Session) -> None:
    """Rows whose promise or evidence document was removed since."""
    f = m.FulfilmentRow
    for column in (f.document_id, f.evidence_document_id):
        session.exec(delete(f).where(~exists().where(m.DocumentRow.id == column)))
    a = m.AnswerMentionRow
    session.exec(delete(a).where(~exists().where(m.DocumentRow.id == a.document_id)))


def _store_mentions(session: Session, answer_ids: list[str]) -> None:
    for chunk in _chunks(answer_ids):
        rows = session.exec(
            select(m.AnswerRow).where(
                col(m.AnswerRow.document_id).in_(chunk), m.AnswerRow.text.contains("vragen")
            )
        )
        for answer in rows:
            location = f"a{answer.numbers.split(',')[0]}"
            for mention in get_answer_mentions(answer.text, location):
                for member in mention.members:
                    session.add(
                        m.AnswerMentionRow(
                            document_id=answer.document_id,
                            location=location,
                            member=member.lower()[:120],
                            sentence=mention.text,
                        )
                    )


def _as_evidence(session: Session, evidence_ids: list[str]) -> Iterable[Candidate]:
    """Older documents that these answers refer back to."""
    r, d = m.ReferenceRow, m.DocumentRow
    for chunk in _chunks(evidence_ids):
        by_id = select(r.document_id, d.id, r.location, r.kind, r.text).join(d, d.id == r.ref_id)
        for e, p, loc, kind, text in session.exec(
            by_id.where(col(r.kind).in_(ID_KINDS), col(r.document_id).in_(chunk))
        ):
            yield Candidate(e, p, loc, kind, text)
        by_case = select(r.document_id, d.id, r.location, r.kind, r.text).join(d, d.case_number == r.ref_id)
        for e, p, loc, kind, text in session.exec(
            by_case.where(r.kind == "zaak", col(r.document_id).in_(chunk))
        ):
            yield Candidate(e, p, loc, kind, text)
        mentions = session.exec(
            select(m.AnswerMentionRow).where(col(m.AnswerMentionRow.document_id).in_(chunk))
        ).all()
        asked = _asked_by(session, sorted({mention.member for mention in mentions}))
        for mention in mentions:
            for p in asked.get(mention.member, []):
                yield Candidate(mention.document_id, p, mention.location, "toegezegd", mention.sentence)


def _as_promise(session: Session, promise_ids: list[str]) -> Iterable[Candidate]:
    """Later answers that refer back to these documents (indexed before them)."""
    r, d = m.ReferenceRow, m.DocumentRow
    with_commitments = [
        i
        for chunk in _chunks(promise_ids)
        for i in session.exec(
            select(m.CommitmentRow.document_id).where(col(m.CommitmentRow.document_id).in_(chunk)).distinct()
        )
    ]
    for chunk in _chunks(with_commitments):
        rows = session.exec(select(d.id, d.case_number).where(col(d.id).in_(chunk))).all()
        for p, _ in rows:
            for e, loc, kind, text in session.exec(
                select(r.document_id, r.location, r.kind, r.text).where(
                    r.ref_id == p, col(r.kind).in_(ID_KINDS)
                )
            ):
                yield Candidate(e, p, loc, kind, text)
        for p, case in rows:
            if case:
                for e, loc, kind, text in session.exec(
                    select(r.document_id, r.location, r.kind, r.text).where(
                        r.ref_id == case, r.kind == "zaak"
                    )
                ):
                    yield Candidate(e, p, loc, kind, text)
        askers = session.exec(
            select(m.DocumentPersonRow.document_id, func.lower(m.PersonRow.name))
            .join(m.PersonRow, m.PersonRow.id == m.DocumentPersonRow.person_id)
            .where(col(m.DocumentPersonRow.document_id).in_(chunk), m.DocumentPersonRow.relation == "asker")
        ).all()
        names: dict[str, set[str]] = defaultdict(set)
        for p, name in askers:
            names[name].add(p)
        if names:
            for mention in session.exec(
                select(m.AnswerMentionRow).where(col(m.AnswerMentionRow.member).in_(list(names)))
            ):
                for p in names[mention.member]:
                    yield Candidate(mention.document_id, p, mention.location, "toegezegd", mention.sentence)


def _asked_by(session: Session, members: list[str]) -> dict[str, list[str]]:
    """Answers to questions each of these members (lower case) asked."""
    found: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(members):
        rows = session.exec(
            select(func.lower(m.PersonRow.name), m.DocumentPersonRow.document_id)
            .join(m.PersonRow, m.PersonRow.id == m.DocumentPersonRow.person_id)
            .join(m.DocumentRow, m.DocumentRow.id == m.DocumentPersonRow.document_id)
            .where(
                func.lower(m.PersonRow.name).in_(chunk),
                m.DocumentPersonRow.relation == "asker",
                m.DocumentRow.kind == "answer",
            )
            .distinct()
        )
        for member, doc_id in rows:
            found[member].append(doc_id)
    return found


def _later(evidence: m.DocumentRow, promise: m.DocumentRow, rule: str) -> bool:
    """The evidence is an answer other than the promise, sent after it (a sister answer of the
    same day cites the other one's zaak, it does not report on it). Citing an aanhangsel or
    kamerstuk id proves it came later even without dates; other rules need both dates."""
    if evidence.id == promise.id or evidence.kind != "answer":
        return False
    if rule == "zaak" and evidence.case_number == promise.case_number:
        return False  # the zaak's own documents carry its number
    if evidence.received and promise.received:
        return evidence.received > promise.received
    return rule in ID_KINDS


def _write(session: Session, candidates: set[Candidate]) -> int:
    docs: dict[str, m.DocumentRow] = {}
    parsed: dict[str, Document] = {}
    ids = sorted({c.evidence for c in candidates} | {c.promise for c in candidates})
    for chunk in _chunks(ids):
        for row in session.exec(select(m.DocumentRow).where(col(m.DocumentRow.id).in_(chunk))):
            docs[row.id] = row
    commitments: dict[str, list[m.CommitmentRow]] = defaultdict(list)
    for chunk in _chunks(sorted({c.promise for c in candidates})):
        for row in session.exec(select(m.CommitmentRow).where(col(m.CommitmentRow.document_id).in_(chunk))):
            commitments[row.document_id].append(row)
    # (evidence, location, words) -> [(score, promise date, promise, sentence, kept commitments)]
    matches: dict[tuple, list] = defaultdict(list)
    for cand in sorted(candidates, key=lambda c: (c.evidence, c.location, c.promise, c.rule)):
        evidence, promise = docs.get(cand.evidence), docs.get(cand.promise)
        if evidence is None or promise is None or not commitments.get(promise.id):
            continue
        if not _later(evidence, promise, cand.rule):
            continue
        if evidence.id not in parsed:
            parsed[evidence.id] = Document.model_validate_json(evidence.document_json)
        found = _sentence_and_context(parsed[evidence.id], cand)
        if found is None:
            continue
        sentence, context = found
        kept = [c for c in commitments[promise.id] if c.key and same_topic(c.topic or c.text, context)]
        if kept:
            score = max(overlap(c.topic or c.text, context) for c in kept)
            group = (cand.evidence, cand.location, cand.cited, cand.rule)
            matches[group].append((score, promise.received or date.min, cand, sentence, kept))
    written: set[tuple[str, str]] = set()
    for (_, _, _, rule), found in matches.items():
        if rule == "toegezegd":  # "vragen van het lid X" names one earlier answer: the closest
            found = [max(found, key=lambda f: (f[0], f[1], f[2].promise))]
        for _, _, cand, sentence, kept in found:
            for c in kept:
                if (c.key, cand.evidence) in written:
                    continue
                written.add((c.key, cand.evidence))
                session.add(
                    m.FulfilmentRow(
                        commitment_key=c.key,
                        document_id=cand.promise,
                        evidence_document_id=cand.evidence,
                        evidence_location=cand.location[:20],
                        evidence_date=docs[cand.evidence].received,
                        rule=cand.rule[:20],
                        sentence=sentence,
                    )
                )
    return len(written)


def _sentence_and_context(doc: Document, cand: Candidate) -> tuple[str, str] | None:
    """The sentence of the later document that refers back, and the text around it that must
    speak of the promise's topic: its answer block (for a footnote, the answers citing it).
    None when the reference stands with the questions (a footnote only questions cite, the
    header): what the member asks is no report that it was done."""
    loc = cand.location
    if loc.startswith("a"):
        answers = [a for a in doc.answers if a.numbers and f"a{a.numbers[0]}" == loc]
        text = answers[0].text if answers else cand.cited
    elif loc.startswith("fn"):
        number = int(loc[2:]) if loc[2:].isdigit() else -1
        answers = [a for a in doc.answers if number in a.footnotes]
        if not answers and any(number in q.footnotes for q in doc.questions):
            return None
        text = next((f.text for f in doc.footnotes if f.number == number), cand.cited)
    else:
        return None
    context = " ".join([doc.subject or "", *(a.text for a in answers or doc.answers)])
    return _sentence_with(text, cand.cited), context


def _sentence_with(text: str, cited: str) -> str:
    at = text.find(cited)
    if at < 0:
        return re.sub(r"\s+", " ", cited).strip()
    for start, sentence in sentences(text):
        if start <= at < start + len(sentence):
            return sentence
    return cited
