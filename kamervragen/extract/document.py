"""Run every extractor over a Document: questions, answers, footnotes, header and notice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kamervragen.extract.commitments import get_commitments
from kamervragen.extract.entities import get_entities_many
from kamervragen.extract.figures import get_figures
from kamervragen.extract.references import get_references
from kamervragen.extract.statements import answer_verdict
from kamervragen.model import Document


def text_units(doc: Document) -> Iterator[tuple[str, str, str]]:
    """(location, text, role) for each piece of text an extractor should read."""
    if doc.header:
        see_also = re.search(r"Zie ook\s.*$", doc.header)
        if see_also:
            yield "header", see_also.group(0), "header"
    asked: set[str] = set()
    for q in doc.questions:
        if q.text in asked:
            continue  # "Vraag 16, 17, 18 en 19" printed once: one text under four numbers
        asked.add(q.text)
        yield f"q{q.number}", q.text, "question"
    for a in doc.answers:
        yield f"a{a.numbers[0] if a.numbers else 0}", a.text, "answer"
    for note in doc.footnotes:
        yield f"fn{note.number}", note.text, "footnote"
    if doc.notice:
        yield "notice", doc.notice, "notice"


def extract_document(doc: Document) -> Document:
    """Fill references, statistics, commitments and entities in place; returns the document."""
    who = doc.answerers[0].name if doc.answerers and doc.answerers[0].name else None
    people = tuple(p.name for p in [*doc.askers, *doc.answerers] if p.name)
    seen_questions: set[str] = set()
    references, figures, commitments = [], [], []
    entity_units: list[tuple[str, str]] = []
    for location, text, role in text_units(doc):
        if location.startswith("q"):
            if location in seen_questions:
                continue  # "Vraag 4 en 5" unsplit: the same text under two numbers
            seen_questions.add(location)
        refs = get_references(text, location, on=doc.received or doc.submitted)
        references.extend(refs)
        skip = [(r.start, r.end) for r in refs]
        if role in {"question", "answer"}:
            figures.extend(get_figures(text, location, role=role, skip=skip))
        if role == "answer":
            commitments.extend(get_commitments(text, location, who=who, answered_on=doc.received))
        if role == "notice":
            commitments.extend(get_commitments(text, location, who=who, answered_on=doc.received))
        if role != "footnote":
            entity_units.append((location, text))  # footnotes cite sources: their publishers are URLs
    entities = get_entities_many(entity_units, people)
    _confirm(doc, figures)
    doc.references, doc.statistics, doc.commitments, doc.entities = references, figures, commitments, entities
    return doc


def _confirm(doc: Document, figures) -> None:
    """'De cijfers zijn correct' confirms the figures in the questions this answer answers; "Het
    genoemde aantal klopt niet, het gaat om…" corrects them."""
    for answer in doc.answers:
        verdict = answer_verdict(answer.text)
        if verdict:
            asked = {f"q{n}" for n in answer.numbers}
            for fig in figures:
                if fig.location in asked:
                    fig.confirmed = verdict == "confirmed"
                    fig.corrected = verdict == "corrected"
