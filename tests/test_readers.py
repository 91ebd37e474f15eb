"""Readers under hostile or unusual input, and the one text normalisation they all share.

Inputs are constructed here (short made-up Dutch), except where a real dev rendering is named.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from kamervragen import parse
from kamervragen.errors import ParseError, UnsupportedInput
from kamervragen.normalize import nfc
from kamervragen.readers.text import decode_text

QA = (
    "Vragen van het lid Jansen (SP) aan de minister van Financiën over de belastingtelefoon "
    "(ingezonden 3 februari 2025).\n\n"
    "Vraag 1\nKent u het bericht over de wachttijden?\n\n"
    "Antwoord 1\nJa.\n"
)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Yes¸ilgöz-Zegerius", "Yeşilgöz-Zegerius"),  # cedilla after its letter
        ("Kostic ´", "Kostić"),  # accent after a space
        ("caf´e", "café"),  # accent before its letter
        ("Gabrie¨ls", "Gabriëls"),
        ("e\u0301", "é"),  # combining mark: plain NFC
        ("5 ´ 6", "5 ´ 6"),  # no letter to join: left alone
    ],
)
def test_nfc_joins_spacing_accents(raw, want):
    assert nfc(raw) == want


def test_spacing_accent_in_footnote_and_name_of_every_format():
    """The text reader and the HTML footnotes get the same normalisation."""
    doc = parse(QA.replace("Jansen", "Yes¸ilgöz").encode(), extract=False)
    assert doc.askers[0].name == "Yeşilgöz"


XML_WITH_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE officiele-publicatie [<!ENTITY onbekend SYSTEM "nergens.txt">]>'
    b"<officiele-publicatie><kamervragen>"
    b'<kamervraagomschrijving type="vraag">Vragen van het lid Jansen (SP) aan de minister van '
    b"Financi&#235;n over de belastingtelefoon (ingezonden 3 februari 2025).</kamervraagomschrijving>"
    b"<vraag><nr>1</nr><al>Kent u het &onbekend; bericht over de wachttijden van de dienst?</al></vraag>"
    b"<antwoord><nr>1</nr><al>Ja.</al></antwoord>"
    b"</kamervragen></officiele-publicatie>"
)


def test_xml_text_after_an_unresolved_entity_is_kept():
    doc = parse(XML_WITH_ENTITY, extract=False)
    assert "bericht over de wachttijden van de dienst?" in doc.questions[0].text
    assert doc.questions[0].text.startswith("Kent u het")


def _html(charset: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = QA.replace("\n\n", "</p><p>").replace("\n", " ")
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + _html().encode("utf-16-le"),  # BOM, little-endian
        b"\xfe\xff" + _html().encode("utf-16-be"),  # BOM, big-endian
        _html("utf-16").encode("utf-16-le"),  # no BOM, meta charset says so
    ],
)
def test_utf16_html_is_recognised(data):
    doc = parse(data, extract=False)
    assert doc.format == "html"
    assert [q.number for q in doc.questions] == [1]
    assert doc.addressees == ["minister van Financiën"]


def test_html_comment_text_is_not_document_text():
    data = _html().replace("<body>", "<body><!-- EINDE kopregel -->").encode()
    doc = parse(data, extract=False)
    assert "EINDE" not in (doc.header or "")


def test_a_stray_nul_does_not_make_text_binary():
    data = QA.encode("utf-8")
    data = data[:40] + b"\x00" + data[40:]
    doc = parse(data, extract=False)
    assert [a.numbers for a in doc.answers] == [[1]]


def test_control_bytes_still_mean_binary():
    with pytest.raises(UnsupportedInput):
        decode_text(bytes([0, 1, 2, 3, 4, 5, 6, 7] * 100) + QA.encode())


def _docx(extra_part_bytes: int) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in QA.split("\n"):
        document.add_paragraph(paragraph)
    buf = BytesIO()
    document.save(buf)
    if not extra_part_bytes:
        return buf.getvalue()
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(buf.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/padding.bin", b"\x00" * extra_part_bytes)
    return out.getvalue()


def test_docx_within_the_unzip_limit_parses():
    doc = parse(_docx(0), extract=False)
    assert doc.format == "docx"
    assert [q.number for q in doc.questions] == [1]


def test_docx_that_unpacks_beyond_the_limit_is_refused():
    data = _docx(3 * 1024 * 1024)
    assert len(data) < 200 * 1024  # small on disk, large unpacked
    with pytest.raises(ParseError, match="unpacks to more than"):
        parse(data, max_unzipped_bytes=1024 * 1024, extract=False)
    assert parse(data, extract=False).questions  # the default limit (100 MB) lets it through


def test_docx_limit_is_a_module_setting(monkeypatch):
    from kamervragen.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    with pytest.raises(ParseError, match="unpacks to more than"):
        parse(_docx(3 * 1024 * 1024), extract=False)


KOOP = (
    "koop-repository-plooi/repository.overheid.nl/frbr/officielepublicaties/ah-tk/20202021/"
    "ah-tk-20202021-3235/1"
)


@pytest.mark.parametrize("rendering", ["xml", "html", "pdf"])
def test_koop_renderings_share_one_id(dev, rendering):
    ext = "xml" if rendering == "xml" else rendering
    doc = parse(dev / KOOP / rendering / f"ah-tk-20202021-3235.{ext}", extract=False)
    assert doc.id == "ah-tk-20202021-3235"
    assert [a.party for a in doc.askers] == ["D66"] * 3


def test_koop_xhtml_meta_tags_give_askers_and_subject(dev):
    doc = parse(dev / KOOP / "html" / "ah-tk-20202021-3235.html", extract=False)
    assert [a.name for a in doc.askers] == ["Van Weyenberg", "De Jong", "Kat"]
    assert doc.case_number == "2021Z09739"
    assert "TOZO" in (doc.subject or "")


def test_metadata_records_and_notes_files_are_not_kamervragen(dev):
    from kamervragen.errors import NotAKamervraag

    for path in [dev / KOOP / "metadata" / "metadata.xml", *sorted(dev.glob("*/PROVENANCE.md"))]:
        with pytest.raises(NotAKamervraag):
            parse(path, extract=False)


def test_xml_without_identifier_gets_its_id_from_its_own_header():
    """No DC.identifier and no metadata URL: vergaderjaar + kamervraagnummer from the kop."""
    data = (
        b"<!-- a comment before the root --><officiele-publicatie><kamervragen><kamervraagkop>"
        b'<tekstregel inhoud="kameraanduiding">Eerste Kamer der Staten-Generaal</tekstregel>'
        b'<tekstregel inhoud="vergaderjaar">Vergaderjaar 2019-2020</tekstregel></kamervraagkop>'
        b"<kamervraagnummer>10</kamervraagnummer>"
        b'<kamervraagomschrijving type="vraag">Vragen van het lid Jansen (SP) aan de minister van '
        b"Financi&#235;n over de dijken (ingezonden 3 februari 2020).</kamervraagomschrijving>"
        b'<kamervraagomschrijving type="antwoord">Antwoord van minister Smit (Financi&#235;n) '
        b"(ontvangen 3 maart 2020).</kamervraagomschrijving>"
        b"<vraag><nr>1</nr><al>Kent u het bericht?</al></vraag><antwoord><nr>1</nr><al>Ja.</al></antwoord>"
        b"</kamervragen></officiele-publicatie>"
    )
    doc = parse(data, extract=False)
    assert (doc.format, doc.id, doc.aanhangsel_number) == ("xml", "ah-ek-20192020-10", 10)


def test_xml_identifier_from_the_metadata_record_url():
    data = XML_WITH_ENTITY.replace(
        b"<officiele-publicatie>",
        b'<officiele-publicatie><metadata><meta name="OVERHEIDop.externMetadataRecord" '
        b'content="https://zoek.officielebekendmakingen.nl/ah-tk-20242025-77/metadata.xml"/></metadata>',
    )
    assert parse(data, extract=False).id == "ah-tk-20242025-77"


def test_footnotes_handed_over_by_a_reader_are_normalised():
    from kamervragen.textparse import parse_text

    doc = parse_text(QA.replace("wachttijden?", "wachttijden?[^1]"), footnotes={1: "Rapport van Mu¨ller"})
    assert doc.footnotes[0].text == "Rapport van Müller"


def test_xml_footnote_with_an_unresolved_entity_keeps_its_text_without_the_reference():
    data = XML_WITH_ENTITY.replace(b"de dienst?</al>", b'de dienst?<nootref refid="n1"/></al>').replace(
        b"</kamervragen>",
        b'<noot id="n1"><noot.nr>1</noot.nr><noot.al>Zie &onbekend; het rapport.</noot.al></noot>'
        b"</kamervragen>",
    )
    doc = parse(data, extract=False)
    assert [f.text for f in doc.footnotes] == ["Zie het rapport."]


@pytest.mark.parametrize(
    ("meta", "want"),
    [
        ({"DC.identifier": ["ah-tk-20202021-3235"]}, "ah-tk-20202021-3235"),
        ({"DC.identifier": ["https://zoek.officielebekendmakingen.nl/kv-tk-2020Z13248"]}, "kv-tk-2020Z13248"),
        ({"DC.identifier": ["blg-1007826"]}, None),  # another kind of publication
        (
            {
                "OVERHEIDop.vergaderjaar": ["2019-2020"],
                "OVERHEIDop.aanhangselNummer": ["10"],
                "DC.creator": ["Eerste Kamer der Staten-Generaal"],
            },
            "ah-ek-20192020-10",
        ),
        ({"OVERHEIDop.vraagnummer": ["2016Z01234"]}, "kv-tk-2016Z01234"),
    ],
)
def test_meta_id(meta, want):
    from kamervragen.readers.meta import meta_id

    assert meta_id(meta) == want


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_text_file(encoding):
    doc = parse(QA.encode(encoding), extract=False)
    assert doc.format == "text"
    assert doc.addressees == ["minister van Financiën"]


def test_every_rendering_of_one_publication_gets_one_id(dev):
    """Golden labels list several renderings of one publication (PDF and its texts, Word letter
    and its text, KOOP XML/XHTML/PDF): the knowledge base keys them by id, so the ids must agree."""
    from golden_check import labels

    checked = 0
    for _, label in labels():
        files = [f for f in label.get("files", []) if not label.get("not_a_document")]
        if len(files) < 2:
            continue
        ids = {f: parse(dev / f, extract=False).id for f in files}
        assert len(set(ids.values())) == 1, ids
        checked += 1
    assert checked >= 10
