"""The small rules the parser is made of, each on the cases seen in real documents."""

import pytest

from kamervragen.header import parse_addressees, parse_answerers, parse_askers, surname
from kamervragen.normalize import join_lines
from kamervragen.structure import classify_heading, parse_numbers


@pytest.mark.parametrize(
    ("spec", "numbers"),
    [
        ("4", [4]),
        ("4 en 5", [4, 5]),
        ("4, 5, 7 en 8", [4, 5, 7, 8]),
        ("2 t/m 6", [2, 3, 4, 5, 6]),
        ("4-7", [4, 5, 6, 7]),
        ("7, 8, en 9", [7, 8, 9]),
        ("9, 10 en 11", [9, 10, 11]),
    ],
)
def test_parse_numbers(spec, numbers):
    assert parse_numbers(spec) == numbers


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Vraag 1", ("q", [1])),
        ("Antwoord 4 en 5", ("a", [4, 5])),
        ("Antwoord op vraag 3", ("a", [3])),
        ("Antwoord op vragen 7, 8, en 9", ("a", [7, 8, 9])),
        ("Antwoorden 5 en 6", ("a", [5, 6])),
        ("Vraag 2 t/m 6", ("q", [2, 3, 4, 5, 6])),
        ("Antwoord 5:", ("a", [5])),
        ("Vraag", ("q", [])),
    ],
)
def test_headings(line, expected):
    kind, numbers, _ = classify_heading(line)
    assert (kind, numbers) == expected


@pytest.mark.parametrize("line", ["Vraag is of dit klopt.", "Antwoord van minister X", "Vragen van het lid"])
def test_not_headings(line):
    assert classify_heading(line) is None


def test_askers_with_shared_party():
    assert [(a.name, a.party) for a in parse_askers("Temmink en van Nispen (beiden SP)")] == [
        ("Temmink", "SP"),
        ("Van Nispen", "SP"),
    ]
    assert [
        (a.name, a.party)
        for a in parse_askers("Sneller , Bamenga , Rooderkerk (allen D66) en Gabriëls (GroenLinks-PvdA)")
    ] == [("Sneller", "D66"), ("Bamenga", "D66"), ("Rooderkerk", "D66"), ("Gabriëls", "GroenLinks-PvdA")]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("van der Lee", "Van der Lee"),
        ("Inge vanDijk", "Van Dijk"),
        ("Faber - Van de Klashorst", "Faber-van de Klashorst"),
        ("Bruins Slot", "Bruins Slot"),
        ("El Abassi", "El Abassi"),
        ("D. Yeşilgöz-Zegerius", "Yeşilgöz-Zegerius"),
    ],
)
def test_surname(raw, name):
    assert surname(raw) == name


def test_addressees_and_mede_namens():
    assert parse_addressees("de Ministers van Economische Zaken en van Financiën") == [
        "minister van Economische Zaken",
        "minister van Financiën",
    ]
    assert parse_addressees("de Staatssecretaris en de Minister van Volksgezondheid, Welzijn en Sport") == [
        "staatssecretaris van Volksgezondheid, Welzijn en Sport",
        "minister van Volksgezondheid, Welzijn en Sport",
    ]
    people = parse_answerers(
        "Minister Van Weel (Justitie en Veiligheid), mede namens de Minister van Defensie"
    )
    assert [(p.name, p.role, p.ministry, p.mede_namens) for p in people] == [
        ("Van Weel", "minister", "Justitie en Veiligheid", False),
        (None, "minister", "Defensie", True),
    ]


def test_hyphenation():
    assert join_lines(["zich voorbe-", "reiden op"]) == "zich voorbereiden op"
    assert join_lines(["samen in ENTSO-E-", "verband tot"]) == "samen in ENTSO-E-verband tot"
    assert join_lines(["het inburgerings-", "en NT2-examen"]) == "het inburgerings- en NT2-examen"
    assert join_lines(["minister Faber-", "van de Klashorst"]) == "minister Faber-van de Klashorst"


def test_notices_keep_text_type_and_reason(dev):
    from kamervragen import Kind, parse

    delay = parse(dev / "kamervragen-limburg-csv/text/078_2024Z17067_AH600_docx-mededeling.txt")
    assert delay.kind is Kind.NOTICE
    assert delay.notice_type == "delay"
    assert delay.notice_reason == "de benodigde afstemming meer tijd behoeft"
    assert [(a.name, a.party) for a in delay.askers] == [("Flach", "SGP")]
    elsewhere = parse(dev / "learninglion-kamervragen-pdf/pdf/01bf9f06-42d0-48a6-a85f-12c9c8e14c57.pdf")
    assert elsewhere.kind is Kind.NOTICE
    assert elsewhere.notice_type == "answered_elsewhere"
    assert "36 471-64" in elsewhere.notice
    assert elsewhere.answers == []
