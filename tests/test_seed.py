"""The founding document (Azmani, 2013) must come out exactly right."""

from datetime import date

from kamervragen import Kind, parse


def test_seed_metadata(seed_path):
    doc = parse(seed_path)
    assert doc.kind is Kind.ANSWER
    assert [(a.name, a.party) for a in doc.askers] == [("Azmani", "VVD")]
    assert doc.addressees == ["minister van Sociale Zaken en Werkgelegenheid"]
    assert [(a.name, a.role, a.ministry) for a in doc.answerers] == [
        ("Asscher", "minister", "Sociale Zaken en Werkgelegenheid")
    ]
    assert doc.submitted == date(2013, 11, 7)
    assert doc.received == date(2013, 12, 3)
    assert doc.delay_days == 26
    assert doc.subject == "het bericht dat al bijna een jaar nauwelijks wordt ingeburgerd"


def test_seed_questions_and_answers(seed_path):
    doc = parse(seed_path)
    assert [q.number for q in doc.questions] == [1, 2, 3, 4, 5]
    assert [a.numbers for a in doc.answers] == [[1], [2], [3], [4], [5]]
    q1 = doc.questions[0]
    # the glued footnote marker "»?1" is a reference, not text
    assert q1.text.endswith("ingeburgerd»?")
    assert q1.footnotes == [1]
    assert doc.answers[0].text == "Ja."


def test_seed_hyphenation_rejoined(seed_path):
    doc = parse(seed_path)
    a2 = doc.answers[1].text
    assert "1 november 2013" in a2
    assert "voorbereiden op het inburgeringsexamen" in a2
    assert "inburgeringsexamen. De termijn" in a2
    assert "nog voldoende tijd" in a2
    assert "-\n" not in a2 and "voorbe-" not in a2
    # a real hyphen before a conjunction stays: "inburgerings- en NT2-examen"
    assert "inburgerings- en NT2-examen" in doc.answers[4].text
    assert "verblijfrechtelijke consequenties" in doc.answers[4].text


def test_seed_cross_reference(seed_path):
    doc = parse(seed_path)
    assert [r.question_number for r in doc.answers[1].cross_references] == [5]


def test_seed_ends_cleanly(seed_path):
    doc = parse(seed_path)
    assert doc.answers[-1].text.endswith("van dat individuele geval plaatsvinden.")
    assert doc.footnotes == []
