"""Question/answer structure on constructed documents, one per class of layout that failed on
unseen documents, plus properties that must hold for any parsed document.

All texts here are made up for the tests (short Dutch sentences), not taken from real documents.
"""

from __future__ import annotations

import re

import pytest
from golden_check import labels
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamervragen import parse
from kamervragen.errors import ParseError
from kamervragen.structure import classify_heading
from kamervragen.textparse import parse_text

HEADER = (
    "Vragen van het lid Jansen (XX) aan de minister van Financiën over de begroting "
    "(ingezonden 1 maart 2024).\n\n"
    "Antwoord van minister De Vries (Financiën) (ontvangen 2 april 2024).\n\n"
)
QUESTIONS = [
    "Kent u het bericht over de nieuwe regeling?",
    "Klopt het dat de kosten dit jaar stijgen?",
    "Hoeveel mensen maken gebruik van de regeling?",
    "Wat gaat u doen om de wachttijden te verkorten?",
    "Bent u bereid de Kamer hierover te informeren?",
    "Kunt u deze vragen afzonderlijk beantwoorden?",
]
ANSWERS = [
    "Ja, dat bericht ken ik.",
    "Nee, de kosten blijven gelijk.",
    "Ongeveer tienduizend mensen.",
    "Ik verleng de openingstijden.",
    "Ja, voor de zomer.",
    "Dat heb ik gedaan.",
]


def structure(body: str) -> tuple[list[int], list[list[int]], list[str]]:
    doc = parse_text(HEADER + body)
    return [q.number for q in doc.questions], [a.numbers for a in doc.answers], doc.warnings


def texts(body: str) -> tuple[list[str], list[str]]:
    doc = parse_text(HEADER + body)
    return [q.text for q in doc.questions], [a.text for a in doc.answers]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Antwoord vraag 1:", ("a", [1], "")),
        ("Antwoord vragen 1,2,3,4 en 5", ("a", [1, 2, 3, 4, 5], "")),
        ("Antwoord op vraag 4 t/m 7", ("a", [4, 5, 6, 7], "")),
        ("Antwoord op vraag 3 en vraag 4", ("a", [3, 4], "")),
        ("Antwoord op vraag 3: ja, dat klopt.", ("a", [3], "ja, dat klopt.")),
        ("Antwoord: Ja.", ("a", [], "Ja.")),
        ("Vraag 2 Bent u bekend met het bericht?", ("q", [2], "Bent u bekend met het bericht?")),
        ("Vraag 1200", ("q", [1200], "")),
    ],
)
def test_heading_shapes(line, expected):
    assert classify_heading(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Vraag 2 en 3 zijn samen beantwoord.",
        "Antwoord van minister De Vries (Financiën)",
        "Antwoorden op vragen van het lid Jansen",
        "Vraag is of dit klopt.",
        "Antwoord 4 is hierboven al gegeven.",
        "Vragen: bel het informatienummer.",
    ],
)
def test_sentences_are_not_headings(line):
    assert classify_heading(line) is None


def pairs(n: int, question: str, answer: str, sep: str = "\n\n") -> str:
    return "".join(
        question.format(i=i) + QUESTIONS[i - 1] + sep + answer.format(i=i) + ANSWERS[i - 1] + sep
        for i in range(1, n + 1)
    )


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("colon and trailing spaces", pairs(4, "Vraag {i}\n", "Antwoord vraag {i}:   \n")),
        ("answer on the heading line", pairs(4, "Vraag {i}\n", "Antwoord op vraag {i}: ")),
        ("unnumbered answer on the heading line", pairs(4, "Vraag {i}\n", "Antwoord: ")),
        ("questions numbered 1.", pairs(4, "{i}. ", "Antwoord\n")),
        ("questions numbered 1. with numbered answers", pairs(4, "{i}. ", "Antwoord vraag {i}:\n")),
        ("questions numbered 1. without blank lines", pairs(4, "{i}. ", "Antwoord {i}\n", sep="\n")),
        ("unnumbered Vraag and Antwoord", pairs(4, "Vraag:\n", "Antwoord:\n")),
        ("questions without any heading", pairs(4, "", "Antwoord:\n")),
        ("questions without heading, numbered answers", pairs(4, "", "Antwoord op vraag {i}: ")),
        ("bare numbers", pairs(4, "{i}\n\n", "Antwoord\n")),
    ],
)
def test_layouts_of_ministry_letters(name, body):
    questions, answers, warnings = structure(body)
    assert questions == [1, 2, 3, 4], name
    assert answers == [[1], [2], [3], [4]], name
    assert warnings == []
    q_texts, a_texts = texts(body)
    assert q_texts == QUESTIONS[:4]
    assert a_texts == ANSWERS[:4]


def test_a_list_inside_an_answer_is_not_the_next_question():
    body = (
        "1. Kent u het bericht?\n\nAntwoord\nJa. Ik noem twee punten:\n1. het eerste punt;\n"
        "2. het tweede punt.\n\n2. Klopt het bericht?\n\nAntwoord\nNee.\n"
    )
    assert structure(body)[:2] == ([1, 2], [[1], [2]])
    assert "het tweede punt" in texts(body)[1][0]


def test_a_numbered_table_inside_an_answer_does_not_make_items_of_the_document():
    body = pairs(2, "Vraag {i}\n", "Antwoord {i}\n").replace("Vraag 1\n", "").replace("Vraag 2\n", "")
    body += "Hoeveel kost het?\n\nAntwoord 3\nDe kosten per jaar:\n1. tien euro\n2. twintig euro\n"
    assert structure(body)[:2] == ([1, 2, 3], [[1], [2], [3]])


def test_combined_headings():
    body = "".join(f"Vraag {i}\n{QUESTIONS[i - 1]}\n\n" for i in range(1, 6))
    body += "Antwoord vragen 1,2,3,4 en 5\nJa.\n\nVraag 6\nEn verder?\n\nAntwoord op vraag 6 t/m 6\nNee.\n"
    assert structure(body)[:2] == ([1, 2, 3, 4, 5, 6], [[1, 2, 3, 4, 5], [6]])


def test_all_questions_first_then_unnumbered_answers_pair_in_order():
    body = "".join(f"Vraag\n{q}\n\n" for q in QUESTIONS[:3]) + "".join(
        f"Antwoord\n{a}\n\n" for a in ANSWERS[:3]
    )
    assert structure(body) == ([1, 2, 3], [[1], [2], [3]], [])


# Typeset PDF text: no blank lines, headings that the layout damaged


def pdf_like(n: int) -> list[str]:
    out: list[str] = []
    for i in range(1, n + 1):
        out += [f"Vraag {i}", QUESTIONS[i - 1], f"Antwoord {i}", ANSWERS[i - 1]]
    return out


def test_heading_glued_to_the_line_before():
    lines = pdf_like(6)
    for i in (3, 4, 5):  # "...ken ik. Vraag 3" and "...? Antwoord 3"
        for word in ("Vraag", "Antwoord"):
            k = lines.index(f"{word} {i}")
            lines[k - 1] += " " + lines.pop(k)
    assert structure("\n".join(lines)) == ([1, 2, 3, 4, 5, 6], [[1], [2], [3], [4], [5], [6]], [])
    assert texts("\n".join(lines))[1][2] == ANSWERS[2]


def test_heading_split_over_two_lines():
    lines = pdf_like(6)
    for i in (2, 3, 4):
        for word in ("Vraag", "Antwoord"):
            k = lines.index(f"{word} {i}")
            lines[k : k + 1] = [word, str(i)]
    assert structure("\n".join(lines)) == ([1, 2, 3, 4, 5, 6], [[1], [2], [3], [4], [5], [6]], [])


def test_heading_reduced_to_a_bare_number():
    lines = pdf_like(6)
    for i in (3, 4, 5):
        for word in ("Vraag", "Antwoord"):
            lines[lines.index(f"{word} {i}")] = str(i)
    assert structure("\n".join(lines)) == ([1, 2, 3, 4, 5, 6], [[1], [2], [3], [4], [5], [6]], [])


def test_heading_word_at_the_line_end_and_its_number_on_the_next_line():
    lines = pdf_like(5)
    for i in (2, 3):
        k = lines.index(f"Vraag {i}")
        lines[k - 1] += " Vraag"  # "... ken ik. Vraag" / "2 Klopt het ...?"
        lines[k] = f"{i} {lines.pop(k + 1)}"
    assert structure("\n".join(lines)) == ([1, 2, 3, 4, 5], [[1], [2], [3], [4], [5]], [])
    assert texts("\n".join(lines))[0][1] == QUESTIONS[1]


def test_a_truly_absent_number_does_not_hide_the_damaged_headings_after_it():
    lines = pdf_like(6)
    k = lines.index("Vraag 3")
    del lines[k : k + 4]  # question 3 and its answer are not in the document at all
    for i in (4, 5):
        for word in ("Vraag", "Antwoord"):
            k = lines.index(f"{word} {i}")
            lines[k - 1] += " " + lines.pop(k)
    questions, answers, warnings = structure("\n".join(lines))
    assert questions == [1, 2, 4, 5, 6]
    assert answers == [[1], [2], [4], [5], [6]]
    assert warnings == ["question 3 missing: numbers jump from 2 to 4"]


def test_damaged_headings_after_the_last_intact_one():
    lines = pdf_like(6)
    for i in (5, 6):
        for word in ("Vraag", "Antwoord"):
            k = lines.index(f"{word} {i}")
            lines[k - 1] += " " + lines.pop(k)
    assert structure("\n".join(lines)) == ([1, 2, 3, 4, 5, 6], [[1], [2], [3], [4], [5], [6]], [])


def test_bare_numbers_outside_a_gap_stay_text():
    lines = pdf_like(4)
    lines.insert(lines.index("Antwoord 2") + 1, "3")  # a figure on its own line, no gap around it
    assert structure("\n".join(lines))[:2] == ([1, 2, 3, 4], [[1], [2], [3], [4]])


def test_question_heading_lost_but_its_answer_is_numbered():
    body = pairs(3, "Vraag {i}\n", "Antwoord {i}\n").replace("Vraag 2\n", "")
    assert structure(body) == ([1, 2, 3], [[1], [2], [3]], [])
    assert texts(body)[0][1] == QUESTIONS[1]


def test_missing_questions_are_reported():
    body = pairs(6, "Vraag {i}\n", "Antwoord {i}\n")
    body = body.split("Vraag 2\n")[0] + "Vraag 5\n" + body.split("Vraag 5\n")[1]
    questions, _, warnings = structure(body)
    assert questions == [1, 5, 6]
    assert warnings == ["questions 2-4 missing: numbers jump from 1 to 5"]


def test_answer_to_an_absent_question_is_reported():
    body = pairs(2, "Vraag {i}\n", "Antwoord {i}\n") + "Antwoord 7\nDat klopt.\n"
    assert structure(body)[2] == ["answer to question 7, which is not in the document"]


def test_unanswered_question_is_reported_when_the_document_has_answers():
    body = pairs(2, "Vraag {i}\n", "Antwoord {i}\n") + "Vraag 3\nEn nu?\n"
    assert structure(body)[2] == ["question 3 without an answer"]
    assert structure("Vraag 1\nEn nu?\n\nVraag 2\nEn dan?\n")[2] == []


def test_thousands_of_questions_parse_exactly():
    """Linear in the number of headings: quadratic work would make this take minutes."""
    n = 3000
    body = "".join(
        f"Vraag {i}\nHoeveel kost regeling {i}?\n\nAntwoord {i}\nDat is {i} euro.\n\n"
        for i in range(1, n + 1)
    )
    questions, answers, warnings = structure(body)
    assert questions == list(range(1, n + 1))
    assert answers == [[i] for i in range(1, n + 1)]
    assert warnings == []
    unnumbered = "".join(
        f"Vraag\nHoeveel kost regeling {i}?\n\nAntwoord\nDat is {i} euro.\n\n" for i in range(n)
    )
    questions, answers, _ = structure(unnumbered)
    assert questions == list(range(1, n + 1))
    assert answers == [[i] for i in range(1, n + 1)]


# Properties over generated documents


_QUESTION_STYLES = ["Vraag {i}\n", "Vraag {i}:\n", "Vraag {i}. ", "{i}. "]
_ANSWER_STYLES = [
    "Antwoord {i}\n",
    "Antwoord vraag {i}:\n",
    "Antwoord op vraag {i}: ",
    "Antwoord:\n",
    "Antwoord\n",
]


@st.composite
def documents(draw, answer_styles=_ANSWER_STYLES, orphans=True):
    """A question set with answers where some numbers are left out (dropped with their answer)
    and, optionally, one answer to a question that may not exist."""
    n = draw(st.integers(1, 25))
    kept = [i for i in range(1, n + 1) if i == 1 or not draw(st.booleans()) or draw(st.booleans())]
    q_style = draw(st.sampled_from(_QUESTION_STYLES))
    a_style = draw(st.sampled_from(answer_styles))
    orphan = draw(st.one_of(st.none(), st.integers(1, n + 5))) if orphans else None
    sep = draw(st.sampled_from(["\n\n", "\n"]))
    body = ""
    for i in kept:
        question = QUESTIONS[i % len(QUESTIONS)]
        answer = ANSWERS[i % len(ANSWERS)]
        body += q_style.format(i=i) + question + sep + a_style.format(i=i) + answer + sep
    if orphan is not None:
        body += f"Antwoord {orphan}\nDat is eerder gemeld.\n"
    return kept, body


def _jumps(numbers: list[int]) -> list[tuple[int, int]]:
    seen = set(numbers)
    out, top = [], 0
    for n in numbers:
        if n > top + 1 and any(m not in seen for m in range(top + 1, n)):
            out.append((top, n))
        top = max(top, n)
    return out


def _named(warning: str) -> set[int]:
    names = set()
    for a, b in re.findall(r"(\d+)(?:-(\d+))?", warning.split(", which")[0]):
        names.update(range(int(a), int(b or a) + 1))
    return names


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_no_silent_gaps_and_no_dangling_answers(generated):
    _, body = generated
    doc = parse_text(HEADER + body)
    questions = [q.number for q in doc.questions]
    for low, high in _jumps(questions):
        assert any(f"jump from {low} to {high}" in w for w in doc.warnings), (questions, doc.warnings)
    present = set(questions)
    dangling = {n for a in doc.answers for n in a.numbers if n not in present}
    named = set().union(*(_named(w) for w in doc.warnings if w.startswith("answer to")))
    assert dangling <= named, (dangling, doc.warnings)


@settings(max_examples=200, deadline=None)
@given(documents(answer_styles=[s for s in _ANSWER_STYLES if "{i}" in s], orphans=False))
def test_numbered_documents_keep_every_question(generated):
    """With numbered answers, the kept questions and answers come out exactly, gaps or not."""
    kept, body = generated
    doc = parse_text(HEADER + body)
    assert [q.number for q in doc.questions] == kept
    assert [a.numbers for a in doc.answers] == [[i] for i in kept]


_DAMAGE = {
    "intact": lambda word, i: [f"{word} {i}"],
    "glued": lambda word, i: [None, f"{word} {i}"],  # None: join to the line before
    "split": lambda word, i: [word, str(i)],
    "bare": lambda word, i: [str(i)],
}


@st.composite
def damaged_pdf_text(draw):
    """PDF text (no blank lines) where headings between the first and the last question came
    out glued to the line before, split over two lines, or as a bare number."""
    n = draw(st.integers(3, 25))
    lines: list[str] = []
    for i in range(1, n + 1):
        for word, text in (("Vraag", QUESTIONS[i % len(QUESTIONS)]), ("Antwoord", ANSWERS[i % len(ANSWERS)])):
            damage = "intact" if i in (1, n) else draw(st.sampled_from(sorted(_DAMAGE)))
            for part in _DAMAGE[damage](word, i):
                if part is None:
                    continue
                if damage == "glued":
                    lines[-1] += " " + part
                else:
                    lines.append(part)
            lines.append(text)
    return n, "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(damaged_pdf_text())
def test_damaged_headings_between_intact_ones_are_recovered(generated):
    n, body = generated
    doc = parse_text(HEADER + body)
    assert [q.number for q in doc.questions] == list(range(1, n + 1))
    assert [a.numbers for a in doc.answers] == [[i] for i in range(1, n + 1)]
    assert doc.warnings == []


def test_a_very_long_answer_without_blank_lines_parses():
    """PDF text has no paragraph breaks: one answer may run to thousands of lines."""
    line = "de regeling is dat jaar door veel mensen gebruikt en dat heeft geld gekost"
    body = (
        "Vraag 1\nHoeveel kost het?\nAntwoord 1\n"
        + "\n".join([line] * 20000)
        + ".\nVraag 2\nEn nu?\nAntwoord 2\nNiets.\n"
    )
    doc = parse_text(HEADER + body)
    assert [q.number for q in doc.questions] == [1, 2]
    assert len(doc.answers[0].text) > 20000 * len(line)


def test_note_text_after_the_last_answer_leaves_the_answer_its_text():
    """Word letters print note texts unnumbered after the last answer; a short answer without a
    full stop ("Ja") is still the answer, not a note, also when a note text is missing."""
    body = (
        "Vraag 1\nKent u het bericht 1) over de regeling 2) van dit jaar?\n\nAntwoord 1\nJa\n\n"
        "Nieuwsbericht over de regeling, 1 maart 2024\n"
    )
    doc = parse_text(HEADER + body)
    assert [a.text for a in doc.answers] == ["Ja"]
    assert [n.text for n in doc.footnotes] == ["Nieuwsbericht over de regeling, 1 maart 2024"]


def test_unheaded_first_question_in_the_header_paragraph():
    """No blank line between "(ingezonden ...)" and the first question: the header stays header."""
    text = (
        "Vragen van het lid Jansen (XX) aan de minister van Financiën over de begroting\n"
        "(ingezonden 1 maart 2024).\nKent u het bericht over de nieuwe\nregeling?\n\n"
        "Antwoord:\nJa.\n\nKlopt het dat de kosten stijgen?\n\nAntwoord:\nNee.\n"
    )
    doc = parse_text(text)
    assert [(q.number, q.text) for q in doc.questions] == [
        (1, "Kent u het bericht over de nieuwe regeling?"),
        (2, "Klopt het dat de kosten stijgen?"),
    ]
    assert [a.numbers for a in doc.answers] == [[1], [2]]
    assert [a.name for a in doc.askers] == ["Jansen"]
    assert doc.subject == "de begroting"


def test_real_documents_have_no_silent_gaps_or_dangling_answers(dev):
    """The same two properties on every labelled dev document."""
    checked = 0
    for _, label in labels():
        for file in label["files"]:
            try:
                doc = parse(dev / file, extract=False)
            except ParseError:
                continue
            questions = [q.number for q in doc.questions]
            for low, high in _jumps(questions):
                assert any(f"jump from {low} to {high}" in w for w in doc.warnings), file
            present = set(questions)
            dangling = {n for a in doc.answers for n in a.numbers if n not in present}
            assert dangling <= set().union(*(_named(w) for w in doc.warnings if w.startswith("answer to"))), (
                file
            )
            checked += 1
    assert checked >= 100


def test_many_footnote_markers_are_found_without_rescanning():
    """Thousands of notes, every other marker lost: each present marker is still found in
    order (the search looks only at lines holding that number, so this stays fast)."""
    from kamervragen.furniture import mark_footnote_refs

    lines = [
        f"Zin {i} over het onderwerp?{i}" if i % 2 else f"Zin zonder verwijzing {i}x" for i in range(1, 4001)
    ]
    marked = mark_footnote_refs(lines, list(range(1, 4001)))
    assert all(marked[i - 1].endswith(f"?[^{i}]") for i in range(1, 4001, 2))
    assert all("[^" not in marked[i - 1] for i in range(2, 4001, 2))
