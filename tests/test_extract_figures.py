"""Figures, commitments and entities: the rules, including what is not a figure."""

from datetime import date

import pytest

from kamervragen import parse
from kamervragen.extract import get_commitments, get_entities, get_figures
from kamervragen.extract.due import resolve_due


def values(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in get_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.803 nieuwe inburgeraars", [(7803, "persons")]),
        ("1.234.567 inwoners", [(1234567, "persons")]),
        ("1,5 procent", [(1.5, "percent")]),
        ("12% van de scholen", [(12, "percent")]),
        ("3½ jaar", [(3.5, "year")]),
        ("€ 1,2 miljoen", [(1_200_000, "euro")]),
        ("2,3 miljard euro", [(2_300_000_000, "euro")]),
        ("ruim 300 gemeenten", [(300, "count")]),
        ("drie jaar", [(3, "year")]),
        ("twaalf gemeenten", [(12, "count")]),
        ("10 maanden", [(10, "month")]),
        ("meer dan de helft van de scholen", [(50, "percent")]),
        ("46 890 asielzoekers", [(46890, "persons")]),
        ("11 cent per liter", [(0.11, "euro")]),
    ],
)
def test_figures(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "in 2023 is dat gebeurd",
        "op 1 november 2013",
        "artikel 3 van de wet",
        "Kamerstuk 36 197, nr. 15",
        "zie vraag 5 en 6",
        "bel 0900-0904 of 070 426 64 26",
        "om 14.00 uur",
        "CO2-uitstoot",
        "een lening",
        "één voor één",
        "een derde land",
    ],
)
def test_not_figures(text):
    skip = []
    if "Kamerstuk" in text:
        from kamervragen.extract import get_references

        skip = [(r.start, r.end) for r in get_references(text)]
    assert [(f.value, f.unit) for f in get_figures(text, skip=skip)] == []


def test_qualifier_subject_and_part_of():
    figs = get_figures("Klopt het dat maar 923 mensen van de 7.803 nieuwe inburgeraars zich meldden?")
    assert [(f.value, f.subject) for f in figs] == [(923, "mens"), (7803, "nieuwe inburgeraar")]
    assert figs[0].part_of == 7803
    assert get_figures("bijna 1.000 aanvragen")[0].qualifier == "bijna"


def test_founding_document_figures(seed_path):
    doc = parse(seed_path)
    got = [(f.location, f.value, f.unit, f.subject, f.as_of, f.role) for f in doc.statistics]
    assert ("q2", 923, "persons", "mens", None, "question") in got
    assert ("q2", 7803, "persons", "nieuwe inburgeraar", None, "question") in got
    assert ("a2", 8283, "persons", "nieuwkomer", "2013-11-01", "answer") in got
    assert ("a2", 1084, "persons", "persoon", "2013-11-01", "answer") in got
    assert {(f.value, f.unit) for f in doc.statistics if f.location == "a2"} >= {
        (3, "year"),
        (5, "year"),
        (10, "month"),
    }
    # "De cijfers zijn correct": the figures of question 2 are confirmed by the answer
    assert all(f.confirmed for f in doc.statistics if f.location == "q2")
    source = next(f.source for f in doc.statistics if f.value == 8283)
    assert source == "Informatiesysteem Inburgering"


def test_founding_document_commitment_and_law(seed_path):
    doc = parse(seed_path)
    assert [(c.location, c.due, c.vague, c.who) for c in doc.commitments] == [
        ("a2", date(2014, 6, 30), False, "Asscher")
    ]
    assert doc.commitments[0].topic.startswith("de inspanningen en resultaten van de inburgering")
    assert [(r.kind, r.id, r.text) for r in doc.references] == [("law", "BWBR0020611", "Wet inburgering")]


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("voor de zomer", date(2025, 7, 1)),
        ("in het voorjaar van 2014", date(2014, 6, 30)),
        ("eind dit jaar", date(2024, 12, 31)),
        ("na het zomerreces", date(2025, 9, 30)),
        ("in het eerste kwartaal van 2025", date(2025, 3, 31)),
        ("voor 1 januari", date(2025, 1, 1)),
        ("begin volgend jaar", date(2025, 3, 31)),
        ("in april 2025", date(2025, 4, 30)),
    ],
)
def test_due_dates(phrase, due):
    assert resolve_due(f"Ik zal de Kamer {phrase} informeren.", date(2024, 11, 20))[:2] == (due, False)


@pytest.mark.parametrize("phrase", ["op korte termijn", "binnenkort", "zo spoedig mogelijk"])
def test_vague_due(phrase):
    assert resolve_due(f"Ik zal de Kamer {phrase} informeren.", date(2024, 11, 20))[:2] == (None, True)


def test_commitments():
    text = (
        "Dat is niet aan mij. Conform de toezegging van mijn ambtsvoorganger zal ik de Kamer hierover "
        "eind 2024 nader informeren. Ik ben niet bereid dat te doen. De VN zal vergaderen."
    )
    found = get_commitments(text, "a2", who="Hermans", answered_on=date(2024, 7, 17))
    assert [(c.due, c.who) for c in found] == [(date(2024, 12, 31), "Hermans")]
    passive = get_commitments("Uw Kamer zal in een brief nader worden geïnformeerd over de overgang.", "a8")
    assert len(passive) == 1 and passive[0].vague


def test_entities():
    found = {
        (e.label, e.name)
        for e in get_entities(
            "De Dienst uitvoering Onderwijs (DUO), de VNG en minister Van Weel (JenV); "
            "vragen van GroenLinks-PvdA.",
            "a1",
        )
    }
    assert {
        ("organisation", "Dienst Uitvoering Onderwijs"),
        ("organisation", "Vereniging van Nederlandse Gemeenten"),
        ("person", "Van Weel"),
        ("ministry", "Justitie en Veiligheid"),
        ("party", "GroenLinks-PvdA"),
    } <= found
