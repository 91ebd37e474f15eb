"""The parser against hand-written labels of every dev document (and constructed fixtures).

Acceptance is measured on held-out documents: at least 95% with exactly the right questions and
answer groups, 95% of metadata fields right, and no footer or footnote text in any question or
answer. These tests hold the dev corpus to the same bar (footnote counts a little lower: the
pdftotext renderings scatter footnotes out of order).
"""

from __future__ import annotations

import re

import pytest
from golden_check import DEV, labels, report, run_all, run_fixtures

from kamervragen import parse
from kamervragen.errors import ParseError


@pytest.fixture(scope="module")
def results():
    return run_all()


def test_every_dev_document_is_labelled(dev):
    labelled = {f for _, label in labels() for f in label["files"]}
    skipped = ("sgd-ocr-aanhangsel/", "tk-opendata-xsd/")
    documents = {
        str(p.relative_to(dev))
        for p in dev.rglob("*")
        if p.is_file()
        and p.suffix in {".txt", ".pdf", ".docx", ".html"}
        and not str(p.relative_to(dev)).startswith(skipped)
    }
    assert documents - labelled == set()


def test_structure_accuracy(results):
    ok = sum(r.structure_ok for r in results)
    assert ok / len(results) >= 0.95, report(results)


def test_metadata_accuracy(results):
    total = sum(len(r.metadata) for r in results)
    ok = sum(sum(r.metadata.values()) for r in results)
    assert ok / total >= 0.95, report(results)


def test_footnote_counts(results):
    ok = sum(r.footnotes_ok for r in results)
    assert ok / len(results) >= 0.85, report(results)


def test_typeset_pdfs_exact():
    """The PDF reader uses layout, so for real PDFs everything must be exactly right."""
    pdf_results = [r for r in run_all() if r.file.endswith(".pdf")]
    assert pdf_results
    bad = [r for r in pdf_results if r.problems]
    assert not bad, report(bad)


FURNITURE = re.compile(
    r"ISSN 0921|Tweede Kamer, vergaderjaar|[’']s-Gravenhage 20\d\d|Aanhangsel van de Handelingen"
)


def _texts(doc):
    yield from (q.text for q in doc.questions)
    yield from (a.text for a in doc.answers)


def test_no_furniture_or_footnote_text_in_questions_and_answers(dev):
    problems = []
    for _, label in labels():
        for file in label["files"]:
            try:
                doc = parse(DEV / file)
            except ParseError:
                continue
            for text in _texts(doc):
                if FURNITURE.search(text):
                    problems.append(f"{file}: footer in {text[:60]!r}")
                for note in doc.footnotes:
                    if len(note.text) > 30 and note.text in text:
                        problems.append(f"{file}: footnote {note.number} inside a question/answer")
    assert not problems, "\n".join(problems)


def test_constructed_fixtures_exact():
    """XML and HTML fixtures are small and written for the quirks: every fact must match,
    and nothing hostile (scripts, event handlers, external entities) may reach the output."""
    results = run_fixtures()
    assert len(results) >= 10
    bad = [r for r in results if r.problems or not r.structure_ok]
    assert not bad, report(bad)


def test_footnotes_attached_to_the_citing_question_or_answer():
    doc = parse(DEV / "learninglion-kamervragen-pdf/pdf/1cf0c343-2da4-429d-8a6d-729da6008af1.pdf")
    assert doc.questions[0].footnotes == [1]
    assert not doc.questions[0].text.endswith("1")
    assert doc.footnotes[0].url == (
        "https://fd.nl/bedrijfsleven/1519574/ingrijpen-in-energiemarkt-noodzakelijk-om-stroomtekort-te-voorkomen"
    )
    limburg = parse(DEV / "kamervragen-limburg-csv/text/008_ah-tk-20242025-562_mededeling.txt")
    assert [(q.number, q.footnotes) for q in limburg.questions if q.footnotes] == [(1, [1]), (3, [2, 3])]
