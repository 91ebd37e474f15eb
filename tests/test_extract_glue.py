"""PDF glue and line-end hyphens repaired by word frequency, not by lists of damaged forms."""

import pytest

from kamervragen.extract.glue import repair


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Daarom zalik de regeling aanpassen.", "Daarom zal ik de regeling aanpassen."),
        ("Ikzal dat doen.", "Ik zal dat doen."),
        ("zal ik uw Kamerinformeren", "zal ik uw Kamer informeren"),
        ("hierover naderzal", "hierover nader zal"),
        ("wordt hierovergeïnformeerd", "wordt hierover geïnformeerd"),
        ("Voor heteinde van het jaar", "Voor het einde van het jaar"),  # three words glued
        ("bij deTunesische autoriteiten", "bij de Tunesische autoriteiten"),  # a capital inside
        ("nader infor- meren", "nader informeren"),  # a line-end hyphen
        ("is gerap-porteerd", "is gerapporteerd"),
    ],
)
def test_repairs(text, repaired):
    assert repair(text) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "het kamerstuk en de kamerbrief",  # compounds that are words stay whole
        "de kabinetsreactie en de voortgangsbrief",
        "zorg- en veiligheidsbeleid",  # a hyphen before "en" is an elision, not a line end
        "de EU-lidstaten en het NVWA-rapport",
        "de zalm, de zalf en het regeerprogramma",
    ],
)
def test_words_left_alone(text):
    assert repair(text) == text


def test_unknown_compound_may_split_harmlessly():
    """A compound too rare for the lexicon is split like glue ("veiligheids huizen"): the text is
    only matched, never shown, and no rule reads either half."""
    assert repair("veiligheidshuizen").replace(" ", "") == "veiligheidshuizen"
