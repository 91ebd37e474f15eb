"""Reference patterns, one family at a time, with the forms seen in real answers."""

import re
from datetime import date
from importlib import resources

import pytest

from kamervragen.extract import get_references
from kamervragen.extract.laws import law_index


def refs(text: str) -> list[tuple[str, str | None]]:
    return [(r.kind, r.id) for r in get_references(text)]


def refs_on(text: str, on: date) -> list[tuple[str, str | None]]:
    return [(r.kind, r.id) for r in get_references(text, on=on)]


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("Kamerstuk 36 197, nr. 15", "kst-36197-15"),
        ("Kamerstukken II 2012/13, 33 086, nr. 3", "kst-33086-3"),
        ("zie 21 501-32, nr. 1703", "kst-21501-32-1703"),
        ("Kamerstuk 36 410 VIII, nr. 106", "kst-36410-VIII-106"),
        ("Kamerstuk 36 200-IV, nr. 25", "kst-36200-IV-25"),
        ("Kamerstukken, 2022-2023, 29628, nr. 1135", "kst-29628-1135"),
        ("Kamerstukken II, 2022/2023, 31 839, nr 874", "kst-31839-874"),
        # after "Kamerstuk" the comma before "nr." may be missing
        ("(Kamerstuk 29 544 nr. 1234)", "kst-29544-1234"),
        ("zie kamerstuk 36 600 VII nr. 3", "kst-36600-VII-3"),
    ],
)
def test_kamerstuk(text, ident):
    found = [r for r in get_references(text) if r.kind == "kamerstuk"]
    assert [r.id for r in found] == [ident]
    assert found[0].url == f"https://zoek.officielebekendmakingen.nl/{ident}.html"


def test_kamerstuk_several_numbers_and_dossiers():
    assert [i for k, i in refs("Kamerstukken II, 25 424, nr. 679, nr. 684 en 685") if k == "kamerstuk"] == [
        "kst-25424-679",
        "kst-25424-684",
        "kst-25424-685",
    ]
    assert [i for k, i in refs("(Kamerstukken 23 645, nr. 811 en 29 984, nr. 1207)") if k == "kamerstuk"] == [
        "kst-23645-811",
        "kst-29984-1207",
    ]
    # a date after the number is not another number of the dossier
    assert [i for k, i in refs("Kamerstuk 31 839, nr. 1031, 5 november 2024") if k == "kamerstuk"] == [
        "kst-31839-1031"
    ]


def test_parliamentary_records():
    assert refs("Aanhangsel Handelingen II 2013/14, nr. 512") == [("aanhangsel", "ah-tk-20132014-512")]
    assert refs("Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 349") == [
        ("aanhangsel", "ah-tk-20242025-349")
    ]
    assert refs("Handelingen II 2013/14, nr. 20, item 5") == [("handelingen", "h-tk-20132014-20-5")]


def test_official_journals_ecli_and_numbers():
    assert refs("Stb. 2013, 123") == [("staatsblad", "stb-2013-123")]
    assert refs("Stcrt. 2020, 4567") == [("staatscourant", "stcrt-2020-4567")]
    found = get_references("zie ECLI:NL:HR:2019:1234.")
    assert [(r.kind, r.id) for r in found] == [("ecli", "ECLI:NL:HR:2019:1234")]
    assert found[0].url.startswith("https://uitspraken.rechtspraak.nl/")
    assert refs("zaak 2024Z18792, document 2024D28457") == [
        ("zaak", "2024Z18792"),
        ("document", "2024D28457"),
    ]


@pytest.mark.parametrize(
    ("text", "celex"),
    [
        ("Richtlijn 2003/86/EG", "32003L0086"),
        ("Verordening (EU) 2016/679", "32016R0679"),
        ("Verordening (EG) nr. 1907/2006", "32006R1907"),
        ("de AVG", "32016R0679"),
    ],
)
def test_eu_acts(text, celex):
    found = [r for r in get_references(text) if r.kind == "eu"]
    assert [r.id for r in found] == [celex]
    assert found[0].url.endswith(f"CELEX:{celex}")


def test_laws_and_articles():
    assert refs("de Wet inburgering") == [("law", "BWBR0044770")]  # no date: the act in force now
    assert ("law", "BWBR0015703") in refs("de Participatiewet")
    assert ("law", "BWBR0011823") in refs("Vreemdelingenwet 2000")
    assert ("law", "BWBR0005537") in refs("op grond van de Awb")
    assert ("law", "BWBR0001840") in refs("in de Grondwet")
    assert ("article", "jci1.3:c:BWBR0044770&artikel=3&lid=2") in refs(
        "artikel 3, lid 2, onder c, van de Wet inburgering"
    )
    assert ("article", "jci1.3:c:BWBR0005290&artikel=658") in refs("art. 7:658 BW")
    assert ("article", "jci1.3:c:BWBR0001840&artikel=68") in refs("op basis van artikel 68 Grondwet")


def test_unknown_law_keeps_text_without_id():
    found = [
        r for r in get_references("de Wet internationalisering in balans is ingediend") if r.kind == "law"
    ]
    assert [(r.text, r.id) for r in found] == [("Wet internationalisering in balans", None)]


@pytest.mark.parametrize(
    "text",
    [
        "De wet is duidelijk.",
        "Wet en regelgeving",
        "het Besluit",
        "in 2024 en 2025",
        "bel 0900-8844",
        "vraag 12, 13 en 14",
        "de 12 345 nrs. 3",
    ],
)
def test_not_references(text):
    assert refs(text) == []


def test_motie_and_url():
    assert ("motie", None) in refs("de motie van het lid Van Zanten c.s. is aangenomen")
    found = [r for r in get_references("zie https://nos.nl/artikel/1-a-b.") if r.kind == "url"]
    assert [r.id for r in found] == ["https://nos.nl/artikel/1-a-b"]


def test_alias_table_only_names_known_laws():
    ids = {
        line.split("\t")[0]
        for line in resources.files("kamervragen.data")
        .joinpath("bwb-laws.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    }
    known = {i for i in law_index().abbreviations.values() if i and i.startswith("BWB")}
    assert known <= ids
    celex = {i for i in law_index().abbreviations.values() if i and not i.startswith("BWB")}
    assert all(re.fullmatch(r"3(19|20)\d\d[LR]\d{4}", c) for c in celex)


def test_namesakes_resolve_by_document_date():
    # the Wmo of 2007 and the Wmo 2015 share a name; the document's date picks the act in force
    assert refs_on("de Wet maatschappelijke ondersteuning", date(2024, 5, 1)) == [("law", "BWBR0035362")]
    assert refs_on("de Wet maatschappelijke ondersteuning", date(2010, 5, 1)) == [("law", "BWBR0020031")]
    assert refs_on("de Wet inburgering", date(2013, 11, 1)) == [("law", "BWBR0020611")]
    assert refs_on("de Huisvestingswet", date(2023, 1, 9)) == [("law", "BWBR0035303")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("een WIA-uitkering aanvragen", ("law", "BWBR0019057")),
        ("de Wft-vereisten gelden", ("law", "BWBR0020368")),
        ("na een Awb-procedure", ("law", "BWBR0005537")),
        ("volgens de Wmo 2015", ("law", "BWBR0035362")),
        ("onder de Opiumwet", ("law", "BWBR0001941")),
        ("op grond van de Wet Bibob", ("law", "BWBR0013798")),
        ("de Wvggz en de Wzd", ("law", None)),
        ("het Vluchtelingenverdrag", ("treaty", "BWBV0001002")),
        ("het VN-Vrouwenverdrag", ("treaty", "BWBV0002909")),
        ("het Akkoord van Parijs", ("treaty", None)),
        ("de NIS2-richtlijn", ("eu", "32022L2555")),
        ("de Europese Klimaatwet", ("eu", "32021R1119")),
        ("de DSA", ("eu", "32022R2065")),
    ],
)
def test_short_names(text, expected):
    assert expected in refs(text)


def test_common_words_are_not_laws():
    # two-letter forms that are also initials count only after an article number
    assert refs("Sr. Jansen en Pw. de Vries") == []
    assert ("article", "jci1.3:c:BWBR0001854&artikel=310") in refs("artikel 310 Sr")
    # the Dutch Klimaatwet is not the European one
    assert [k for k, _ in refs("de Klimaatwet")] == ["law"]
    assert refs("het is wet en regelgeving") == []


def test_name_ends_where_the_title_ends():
    found = get_references("de Wet op de zorgtoeslag, in verband met artikel 2 ervan")
    assert [(r.kind, r.text) for r in found if r.kind == "law"] == [("law", "Wet op de zorgtoeslag")]
    found = get_references("De Wet verbetering toezicht jeugdzorg is aangenomen")
    assert [r.text for r in found] == ["Wet verbetering toezicht jeugdzorg"]
    found = get_references("de Regeling subsidie schone bussen, die in 2025 ingaat")
    assert [(r.kind, r.id, r.text) for r in found] == [("law", None, "Regeling subsidie schone bussen")]


def test_article_lists_and_abbreviations():
    found = refs("artikelen 2, tweede lid, 23 en 26 van het IVBPR")
    assert ("article", "jci1.3:c:BWBV0001017&artikel=2&lid=2") in found
    assert ("article", "jci1.3:c:BWBV0001017&artikel=26") in found
    assert ("article", "jci1.3:c:BWBR0005537&artikel=3:4") in refs("artikel 3:4 Awb")
    assert ("article", "jci1.3:c:BWBV0001000&artikel=8") in refs("art. 8 EVRM")
    # a budget article names no law
    assert [k for k, _ in refs("gereserveerd op artikel 11.04 van het Mobiliteitsfonds")] == []


def test_eu_nickname_glossed_by_its_number_is_not_a_dutch_law():
    assert refs("de Ontbossingswet (Verordening (EU) 2023/1115)") == [("eu", "32023R1115")]


def test_annotate_escapes_text_and_links_references():
    from kamervragen.extract import annotate

    text = '<script>alert(1)</script> zie Kamerstuk 36 197, nr. 15 & "meer"'
    out = annotate(text, get_references(text, "a1"))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert (
        '<a class="ref ref-kamerstuk" data-id="kst-36197-15" href="https://zoek.officielebekendmakingen.nl/'
        in out
    )
    assert out.endswith("&amp; &quot;meer&quot;")


def test_names_from_pdf_text_and_glosses():
    # PDF text glues words; the name and the article are still found
    assert ("article", "jci1.3:c:BWBR0018450&artikel=13") in refs(
        "zich tot artikel 13 van deZorgverzekeringswet"
    )
    assert ("article", "jci1.3:c:BWBR0022463&artikel=9") in refs(
        "gegevens onderartikel 8, 9 en 10 van de Wpg"
    )
    assert ("article", "jci1.3:c:BWBR0005537&artikel=4&lid=2") in refs("artikel 4, tweedelid, van de Awb")
    # a name the table lacks, glossed by its abbreviation
    found = get_references("dat de Tijdelijke steunregeling voor bakkers (TSB) en het")
    assert [(r.kind, r.id, r.text) for r in found] == [("law", None, "Tijdelijke steunregeling voor bakkers")]
    # a verb before "ik" ends an unknown name
    found = get_references("Na de Wet aanpak dierenleed stuur ik een brief")
    assert [r.text for r in found] == ["Wet aanpak dierenleed"]
    # a dated title named without its year
    assert refs("het Besluit bijstandverlening zelfstandigen") == [("law", "BWBR0015711")]


def test_article_takes_the_law_of_its_own_sentence_only():
    text = "Dit volgt uit artikel 2 van de Awb en artikel 5 van het Besluit."
    assert ("article", "jci1.3:c:BWBR0005537&artikel=5") not in refs(text)
    assert ("article", "jci1.3:c:BWBR0022463&artikel=8") in refs("De Wpg regelt in artikel 8 de bewaring.")
    assert [k for k, _ in refs("De Wpg is helder. Artikel 8 is nieuw.")] == ["law"]


def test_acts_named_by_shape():
    # an act named by its abbreviation and kind, and a capitalised compound mid-sentence
    assert ("law", None) in refs("de NOW-regeling liep af")
    assert ("eu", None) in refs("onder de ABC-verordening")
    assert ("eu", "32008R1272") in refs("onder de CLP-verordening")
    assert refs("de wet VBAR") == [("law", None)]
    assert [r.text for r in get_references("volgens de Tegemoetkomingsregeling 2024 is")] == [
        "Tegemoetkomingsregeling 2024"
    ]
    # at the start of a sentence the same shape is an ordinary noun
    assert refs("Dat is zo. Overgangsregeling volgt later.") == []
    # the Paris Agreement is a treaty; the Dutch Klimaatakkoord and a coalition agreement are not
    assert refs("het Klimaatakkoord van Parijs") == [("treaty", None)]
    assert refs("het Klimaatakkoord is gesloten") == []
    assert refs("in het Coalitieakkoord van Rutte") == []


def test_more_forms_seen_in_answers():
    assert ("article", "jci1.3:c:BWBR0001854&artikel=138ab") in refs(
        "strafbaar op grond van artikel 138ab Sr"
    )
    # the common short name, and the article that follows it in the same sentence
    found = refs("De Wet financieel toezicht, in verband met artikel 4:11, stelt eisen")
    assert ("law", "BWBR0020368") in found and ("article", "jci1.3:c:BWBR0020368&artikel=4:11") in found
    assert refs("de BW-afdeling van het bedrijf") == []
    assert refs("het Handvest van de grondrechten van de Europese Unie") == [("treaty", None)]
    found = get_references("de Wet vaste contracten volgt later")
    assert [r.text for r in found] == ["Wet vaste contracten"]
    assert refs("het RVV 1990") == [("law", "BWBR0004825")]


def test_article_of_something_else_does_not_take_an_earlier_law():
    assert [k for k, _ in refs("De Wpg is duidelijk, en artikel 5 van het reglement ook.")] == ["law"]
    assert refs("dat is een natuurwet") == []


def test_unknown_titles_with_prepositions_and_broken_words():
    found = get_references("artikel 36 van de Wet op het wetenschappelijk onderwijs uit te vaardigen")
    assert [(r.kind, r.text) for r in found if r.kind == "law"] == [
        ("law", "Wet op het wetenschappelijk onderwijs")
    ]
    found = get_references("de Regeling ggz en fz en in de aanleverstandaard")
    assert [r.text for r in found] == ["Regeling ggz en fz"]
    # a word broken over a line in PDF text still names the law
    assert ("law", "BWBR0002747") in refs("artikel 27 van de Wet op de Ondernemingsra-den. Ik acht")


def test_abbreviation_with_a_version_number_is_something_else():
    assert refs("het WEB 2.0-platform") == []
    assert refs("de WEB en de Wpo") == [("law", "BWBR0007625"), ("law", "BWBR0003420")]


def test_article_with_a_comma_before_its_law():
    found = get_references("op grond van artikel 6, eerste lid, onder e, AVG")
    assert [(r.kind, r.text) for r in found] == [
        ("article", "artikel 6, eerste lid, onder e, AVG"),
        ("eu", "AVG"),
    ]
    assert ("article", "jci1.3:c:BWBR0024779&artikel=2.1&lid=1") in refs("artikel 2.1, eerste lid, Wabo")


def test_directives_by_dutch_name_in_either_case():
    assert refs("de habitatrichtlijn") == [("eu", "31992L0043")]
    assert refs("de Kaderrichtlijn Water (KRW)") == [("eu", "32000L0060"), ("eu", "32000L0060")]
    assert refs("het NAVO-verdrag") == [("treaty", "BWBV0005760")]
