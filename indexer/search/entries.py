"""Turn a parsed Document into index entries, one per question/answer pair."""

from __future__ import annotations

from indexer.pairs import document_pairs
from indexer.search.backend import IndexEntry
from indexer.store import document_ministries
from kamervragen.model import Document


def index_entries(doc: Document, doc_id: str, source: str) -> list[IndexEntry]:
    laws = sorted(
        {r.id for r in doc.references if r.kind in {"law", "treaty", "eu"} and r.id}
        | {r.id.split("&")[0].split(":")[-1] for r in doc.references if r.kind == "article" and r.id}
    )
    kamerstukken = sorted(
        {r.id.removeprefix("kst-").lower() for r in doc.references if r.kind == "kamerstuk" and r.id}
    )
    figure_places = {f.location for f in doc.statistics}
    commitment_places = {c.location for c in doc.commitments}
    common = {
        "document_id": doc_id,
        "source": source,
        "kind": str(doc.kind),
        "date": doc.received or doc.submitted,
        "vergaderjaar": doc.vergaderjaar,
        "subject": doc.subject or "",
        "askers": list(dict.fromkeys(a.name for a in doc.askers)),
        "parties": list(dict.fromkeys(a.party for a in doc.askers if a.party)),
        "addressees": doc.addressees,
        "answerers": list(dict.fromkeys(a.name for a in doc.answerers if a.name)),
        "ministries": document_ministries(doc),
        "laws": laws,
        "kamerstukken": kamerstukken,
    }
    entries = []
    for pair in document_pairs(doc):
        places = {f"q{n}" for n in pair.numbers} | {f"a{pair.numbers[0]}"}
        entries.append(
            IndexEntry(
                pair_id=pair.pair_id(doc_id),
                question_numbers=pair.numbers,
                question=pair.question_text,
                answer=pair.answer_text or "",
                has_figure=bool(places & figure_places),
                has_commitment=bool(places & commitment_places),
                **common,
            )
        )
    if not entries:
        # oral questions and notices without printed questions are still findable by their header
        entries.append(
            IndexEntry(
                pair_id=f"{doc_id}#doc",
                question_numbers=[],
                question=doc.subject or "",
                answer=doc.notice or "",
                has_figure=False,
                has_commitment=bool(doc.commitments),
                **common,
            )
        )
    return entries
