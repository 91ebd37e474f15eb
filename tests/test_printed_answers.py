"""Answers of printed (OCR) Aanhangsel pages: numbers inline, several sets on a page, OCR noise.
The page texts are constructed, in the layout of the printed Handelingen."""

from __future__ import annotations

from datetime import date

import pytest

from kamervragen import parse
from kamervragen.printed_answers import printed_answers

PAGE = """Tweede Kamer der Staten-Generaal
2
Zitting 1980-1981
Aanhangsel van de Handelingen
Vragen gesteld door leden van de Kamer, met de daarop door de Regering gegeven antwoorden
812
Vragen van het lid Jansen (P.v.d.A.) over de veerdienst naar Ameland. (Ingezonden 2 maart 1981)
1 Is het waar, dat de veerdienst in de winter minder vaak vaart? 2 Bent u bereid
met de rederij te overleggen? 3 Wanneer kan de Kamer een verslag verwachten?
1 Leeuwarder Courant, 28 februari 1981.
Antwoord Antwoord van Minister De Boer (Ver-keer en Waterstaat), mede namens de Staatssecretaris
van Financiën. (Ont-vangen 24 maart 1981) (Zie ook Aanhangsel Handelingen, zitting 1980-1981, nr. 700)
1 Ja. De dienst vaart van november tot maart tweemaal per dag, voor f 12,50 per overtocht.
2en 3 Ik zal op korte termijn met de rederij overleggen. Over de uitkomst zal ik de Kamer
voor 1 juni 1981 berichten.
Tweede Kamer, zitting 1980-1981, Aanhangsel
1623
813
Vragen van het lid De Wit (V.V.D.) over een brug. (Ingezonden 5 maart 1981)
1 Is de brug hersteld? 2 Wanneer gaat zij open?
Antwooid van Minister De Boer (Verkeer en Waterstaat). (Ontvangen 30 maart 1981)
1 Neen. 2 De brug gaat naar verwachting in mei weer open.
"""


def test_sets_answers_and_date():
    answers, received = printed_answers(PAGE.splitlines())
    assert received == date(1981, 3, 24)
    assert [a.numbers for a in answers] == [[1], [2, 3], [1], [2]]
    assert answers[0].text.startswith("Ja. De dienst vaart")
    assert "f 12,50" in answers[0].text  # an amount inside an answer starts no new one
    assert "Aanhangsel" not in answers[1].text  # the running foot is left out
    assert answers[1].text.endswith("voor 1 juni 1981 berichten.")
    assert answers[3].text.startswith("De brug gaat")


def test_parse_finds_the_promise_on_a_printed_page():
    doc = parse(PAGE.encode("utf-8"), name="page.txt")
    found = [(c.location, c.due) for c in doc.commitments]
    assert ("a2", date(1981, 6, 1)) in found


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # one unnumbered answer to one question
        ("Antwoord van Minister X (Financiën). (Ontvangen 3 mei 1984)\nIk ben voornemens dit.", [[1]]),
        # numbers glued to the first word, a range, a list and a lost number
        (
            "Antwoord van minister X. (Ontvangen 3 mei 1984)\n1Ja. 2 t/m 4 Nee. 5, 6 en 7 Zie 1. 9 Ja.",
            [[1], [2, 3, 4], [5, 6, 7], [9]],
        ),
        # a lettered item after the number; a year and a date are not answer numbers
        (
            "Antwoord van minister X. (Ontvangen 3 mei 1984)\n1 a. In 1982 niet. 2 Op 12 mei. Dat is zo.",
            [[1], [2]],
        ),
    ],
)
def test_inline_numbers(text, numbers):
    answers, _ = printed_answers(text.splitlines())
    assert [a.numbers for a in answers] == numbers


OLD_PAGE = """Aanhangsel tot het Verslag van de Handelingen der Tweede Kamer
VRAGEN door de leden der Kamer gesteld overeenkomstig artikel 107 van het Reglement van Orde
312. VRAGEN van den heer Jansen over de veerpont te Dordrecht. (Ingezonden 3 Maart 1931.)
1°. Is het waar, dat de pont stil ligt? 2°. Is de Minister bereid een onderzoek in te stellen?
ANTWOORD van den heer De Vries, Minister van Waterstaat. (Ingezonden 20 Maart 1931.)
1°. Ja, sedert 1 Februari 1931.
2°. Ondergeteekende zal de zaak doen onderzoeken en de Kamer van den uitslag in kennis stellen.
313. VRAGEN van den heer Pieters over een brug. (Ingezonden 4 Maart 1931.)
I. Is de brug hersteld?
ANTWOORD van den heer De Vries, Minister van Waterstaat. (Ingezonden 21 Maart 1931.)
I. Neen. II. Zie I.
"""


def test_older_layout():
    """Before 1975: "ANTWOORD van den heer …", "(Ingezonden …)", numbers as "1°." or "I."."""
    answers, received = printed_answers(OLD_PAGE.splitlines())
    assert received == date(1931, 3, 20)
    assert [a.numbers for a in answers] == [[1], [2], [1], [2]]
    assert answers[1].text.startswith("Ondergeteekende zal")
    doc = parse(OLD_PAGE.encode("utf-8"), name="page.txt")
    assert [c.location for c in doc.commitments] == ["a2"]


def test_no_heading_no_answers():
    """A sentence that speaks of "het antwoord van de minister" is no heading."""
    assert printed_answers(["In het antwoord van de minister (zie boven) stond 1 Ja."]) == ([], None)
