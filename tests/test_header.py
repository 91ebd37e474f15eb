"""The metadata block: askers, parties, addressees, answerers, letterheads and official ids.

Every input here is constructed (short made-up Dutch in the shapes Kamervragen are printed in).
"""

from __future__ import annotations

from datetime import date

import pytest

from kamervragen.errors import NotAKamervraag
from kamervragen.header import parse_addressees, parse_answerers, parse_askers, surname
from kamervragen.ids import aanhangsel_id, clean_id, id_from_url, prinsjesdag, vergaderjaar_of
from kamervragen.model import Kind
from kamervragen.parties import canonical_party
from kamervragen.textparse import parse_text

Q1 = "\n\nVraag 1\nKent u het bericht over de wachttijden?\n"
A1 = "\nAntwoord 1\nJa.\n"


def _people(answerers):
    return [(a.name, a.role, a.ministry, a.mede_namens) for a in answerers]


# 1. askers: glued names, question sets and notices


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("DaniëlleJansen", "Jansen"),
        ("PietervanDijk", "Van Dijk"),
        ("Van der Plas", "Van der Plas"),
        ("Inge van Dijk", "Van Dijk"),
        ("Bruins Slot", "Bruins Slot"),
        ("McDonald", "McDonald"),
        ("Roet-hof", "Roethof"),  # broken at the line end (OCR)
        ("Faber-van de Klashorst", "Faber-van de Klashorst"),  # a double surname keeps its hyphen
        ("Van der Graaf-Heijnen", "Van der Graaf-Heijnen"),
    ],
)
def test_surname_of_glued_and_printed_names(raw, want):
    assert surname(raw) == want


def test_askers_glued_to_lid_in_a_question_set():
    text = (
        "2025Z01234\nVragen van het lidDaniëlleJansen (GroenLinks-PvdA) aan de minister van Financiën "
        "over de belastingtelefoon (ingezonden 3 februari 2025)." + Q1
    )
    doc = parse_text(text)
    assert [(a.name, a.party) for a in doc.askers] == [("Jansen", "GroenLinks-PvdA")]
    assert doc.kind is Kind.QUESTIONS
    assert doc.id == "kv-tk-2025Z01234"


def test_askers_of_a_notice_without_over():
    text = (
        "AH 77\n2025Z01234\nMededeling van minister Heinen (Financiën) (ontvangen 5 maart 2025).\n\n"
        "De vragen van de leden Jansen (SP) en De Vries (V.V.D.), ingezonden op 3 februari 2025 "
        "(2025Z01234), kunnen niet binnen de gebruikelijke termijn worden beantwoord, omdat "
        "afstemming nodig is.\n"
    )
    doc = parse_text(text)
    assert doc.kind is Kind.NOTICE
    assert [(a.name, a.party) for a in doc.askers] == [("Jansen", "SP"), ("De Vries", "VVD")]
    assert doc.id == "ah-tk-20242025-77"


# 2. two answerers in one sentence; one minister of two ministries


def test_two_answerers_joined_by_en_van():
    got = parse_answerers(
        "staatssecretaris Bakker (Binnenlandse Zaken en Koninkrijksrelaties) en van minister "
        "Smit (Klimaat en Groene Groei)"
    )
    assert _people(got) == [
        ("Bakker", "staatssecretaris", "Binnenlandse Zaken en Koninkrijksrelaties", False),
        ("Smit", "minister", "Klimaat en Groene Groei", False),
    ]


def test_a_letter_names_two_answerers_by_role():
    got = parse_answerers("minister van Justitie en Veiligheid en van de staatssecretaris van Financiën")
    assert _people(got) == [
        (None, "minister", "Justitie en Veiligheid", False),
        (None, "staatssecretaris", "Financiën", False),
    ]
    got = parse_answerers(
        "minister van Justitie en Veiligheid en van Landbouw, Visserij, Voedselzekerheid en Natuur"
    )
    assert [a.ministry for a in got] == [
        "Justitie en Veiligheid",
        "Landbouw, Visserij, Voedselzekerheid en Natuur",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Minister-President, minister van Algemene Zaken",
        "Minister-President Rutte, minister van Algemene Zaken",
    ],
)
def test_minister_president_with_his_ministry(text):
    (person,) = parse_answerers(text)
    assert (person.role, person.ministry) == ("minister-president", "Algemene Zaken")
    assert person.name in {None, "Rutte"}


def test_one_minister_of_two_ministries():
    got = parse_addressees(
        "de minister van Justitie en Veiligheid en van Landbouw, Visserij, Voedselzekerheid en Natuur"
    )
    assert got == [
        "minister van Justitie en Veiligheid",
        "minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
    ]
    # an "en" inside a ministry name is not a split
    assert parse_addressees("de minister van Sociale Zaken en Werkgelegenheid") == [
        "minister van Sociale Zaken en Werkgelegenheid"
    ]


def test_ministry_broken_at_the_line_end_is_joined():
    assert parse_answerers("Minister Smit (Ver-keer en Waterstaat)")[0].ministry == "Verkeer en Waterstaat"


def test_ministry_glued_by_pdf_extraction_is_respaced():
    assert parse_addressees("de minister van Klimaaten Groene Groei") == [
        "minister van Klimaat en Groene Groei"
    ]
    got = parse_answerers("minister Smit (Klimaaten Groene Groei)")
    assert got[0].ministry == "Klimaat en Groene Groei"


# 4. letterheads


LETTER = """Directoraat-Generaal Fiscale Zaken
Voorbeeldstraat 12
2511 ZZ Den Haag
Postbus 99999
2500 ZZ Den Haag
www.rijksoverheid.nl/voorbeeld
Ons kenmerk
2025-0000012345
Datum
3 maart 2025

Antwoorden van de minister van Financiën op vragen van het lid Jansen (SP) over de
belastingtelefoon (ingezonden 3 februari 2025).

Vraag 1
Kent u het bericht
Directoraat-Generaal Fiscale Zaken
Ons kenmerk
2025-0000012345
over de wachttijden?

Antwoord op vraag 1
Ja, zie artikel 12.
Artikel 12
"""


def test_letterhead_lines_stay_out_of_subject_and_questions():
    doc = parse_text(LETTER)
    assert doc.subject == "de belastingtelefoon"
    assert [q.text for q in doc.questions] == ["Kent u het bericht over de wachttijden?"]
    assert "Postbus" not in (doc.header or "") and "2511 ZZ" not in (doc.header or "")
    assert doc.answers[0].text.endswith("Artikel 12")  # a heading-shaped line is no street


def test_letterhead_table_cell_does_not_run_into_the_subject():
    text = (
        "| Onderwerp | Vragen van het lid Jansen (SP) over de belastingtelefoon |\n"
        "| Directoraat-Generaal Fiscale Zaken / Voorbeeldstraat 12 / Postbus 99999 / Ons kenmerk |\n"
        + Q1
        + A1
    )
    assert parse_text(text).subject == "de belastingtelefoon"


# 5. parties


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("V.V.D.", "VVD"),
        ("C.D.A.", "CDA"),
        ("P.v.d.A.", "PvdA"),
        ("PvDA", "PvdA"),
        ("GL-PvdA", "GroenLinks-PvdA"),
        ("GroenLinks-PvdA", "GroenLinks-PvdA"),
        ("Groen Links", "GroenLinks"),
        ("Nieuwe Lijst", "Nieuwe Lijst"),  # unknown but party-shaped: as printed
        ("Ingezonden 22 augustus 1977", None),
        ("Justitie en Veiligheid", None),
    ],
)
def test_canonical_party(printed, canonical):
    assert canonical_party(printed) == canonical


def test_a_date_in_parentheses_is_no_party():
    assert [(a.name, a.party) for a in parse_askers("Jansen (Ingezonden 22 augustus 1977)")] == [
        ("Jansen", None)
    ]


def test_an_ocr_header_read_as_a_name_is_dropped_with_a_warning():
    junk = " ".join(["Handelingen Tweede Kamer zitting 1977 bladzijde"] * 3)
    text = f"Vragen van het lid {junk} (P.v.d.A.) en Jansen (V.V.D.) aan de minister over de dijken." + Q1
    doc = parse_text(text)
    assert [(a.name, a.party) for a in doc.askers] == [("Jansen", "VVD")]
    assert any("not a name" in w for w in doc.warnings)


# 6. official ids


@pytest.mark.parametrize(
    ("day", "vergaderjaar"),
    [
        (date(2024, 9, 16), "2023-2024"),  # the day before Prinsjesdag 2024
        (date(2024, 9, 17), "2024-2025"),  # Prinsjesdag 2024 (third Tuesday)
        (date(2025, 1, 10), "2024-2025"),
    ],
)
def test_vergaderjaar_starts_on_prinsjesdag(day, vergaderjaar):
    assert prinsjesdag(2024) == date(2024, 9, 17)
    assert vergaderjaar_of(day) == vergaderjaar


def test_aanhangsel_number_with_answer_date_gives_the_official_id():
    text = "AH 604\n2024Z18294\nAntwoord van minister Smit (Financiën) (ontvangen 20 november 2024)" + Q1 + A1
    doc = parse_text(text)
    assert (doc.id, doc.vergaderjaar, doc.aanhangsel_number) == ("ah-tk-20242025-604", "2024-2025", 604)


def test_an_id_quoted_in_the_body_is_not_the_document_id():
    text = (
        "Vragen van het lid Jansen (SP) aan de minister van Financiën over de dijken "
        "(ingezonden 3 februari 2025)."
        "\n\nVraag 1\nKent u het antwoord in ah-tk-20232024-1234 en kv-tk-2024Z00001?\n"
    )
    assert parse_text(text).id is None


def test_ids_never_hold_slashes_or_spaces():
    assert clean_id("ah-tk-2024/2025-604") is None
    assert clean_id("kv-tk-2024Z 18294") is None
    assert aanhangsel_id("tk", "2024-2025", 604) == "ah-tk-20242025-604"
    assert id_from_url("https://zoek.officielebekendmakingen.nl/ah-tk-20202021-3235/metadata.xml") == (
        "ah-tk-20202021-3235"
    )


# 7. not a Kamervraag


def test_notes_mentioning_a_kamervraag_are_not_one():
    notes = (
        "# Notes\n\nThis folder holds test files.\n\n| file | what |\n|---|---|\n"
        + "| a.xml | a record of the repository with several fields |\n" * 12
        + "| b.xml | Vragen van het lid Jansen (SP) aan de minister over dijken (ingezonden 3 mei 2001) |\n"
    )
    with pytest.raises(NotAKamervraag):
        parse_text(notes)


def test_oral_questions_of_header_only_still_parse():
    text = (
        "2024Z18000\nMondelinge vragen van het lid Jansen (SP) aan de minister van Financiën over de "
        "dijken (ingezonden 19 november 2024)\n"
    )
    doc = parse_text(text)
    assert (doc.kind, doc.id) == (Kind.ORAL, "kv-tk-2024Z18000")


def test_a_url_or_address_in_an_answer_is_not_letterhead():
    text = (
        "Vragen van het lid Jansen (SP) aan de minister van Financiën over de dijken "
        "(ingezonden 3 februari 2025)." + Q1 + "\nAntwoord 1\nHet rapport staat op\n"
        "www.rijksoverheid.nl/dijken\nen het loket zit aan de\nDijkstraat 12\n"
    )
    answer = parse_text(text).answers[0].text
    assert "www.rijksoverheid.nl/dijken" in answer and "Dijkstraat 12" in answer


def test_subject_ends_at_a_capitalised_ingezonden():
    """Older documents print "(Ingezonden 22 augustus 1977)"; the questions after it are no subject."""
    text = (
        "Vragen van het lid Jansen (P.v.d.A.) aan de Minister van Financiën over de dijken. "
        "(Ingezonden 22 augustus 1977) 1 Is het waar dat de dijken zwak zijn?"
    )
    doc = parse_text(text)
    assert doc.subject == "de dijken"
    assert doc.submitted == date(1977, 8, 22)


def test_older_aanhangsel_header_zitting_and_number_give_the_id():
    text = (
        "Tweede Kamer der Staten-Generaal\n2\nZitting 1978-1979\nAanhangsel van de Handelingen\n"
        "Vragen gesteld door leden van de Kamer, met de daarop door de Regering gegeven antwoorden\n"
        "838\nVragen van het lid Jansen (C.D.A.) over de dijken. (Ingezonden 26 februari 1979)\n"
        "Antwoord van Minister Smit (Verkeer en Waterstaat) (Ontvangen 20 maart 1979)\n"
        "Vraag 1\nZijn de dijken zwak?\nAntwoord 1\nNee.\n"
    )
    doc = parse_text(text)
    assert (doc.vergaderjaar, doc.aanhangsel_number, doc.id) == ("1978-1979", 838, "ah-tk-19781979-838")
    assert [(a.name, a.party) for a in doc.askers] == [("Jansen", "CDA")]
