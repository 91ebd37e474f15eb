"""Bad input gets one clear error, never a traceback, and never stops a batch."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamervragen import parse
from kamervragen.errors import NotAKamervraag, ParseError
from kamervragen.textparse import parse_text

PDF = "learninglion-kamervragen-pdf/pdf/1cf0c343-2da4-429d-8a6d-729da6008af1.pdf"


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ParseError, match="empty"):
        parse(p)


def test_binary_garbage():
    data = bytes(range(256)) * 40
    with pytest.raises(ParseError, match="binary"):
        parse(data)


def test_truncated_pdf(dev):
    data = (dev / PDF).read_bytes()
    with pytest.raises(ParseError):
        parse(data[: len(data) // 3])


def test_encrypted_pdf(dev):
    """A PDF whose trailer names an /Encrypt dictionary it cannot open is refused clearly."""
    data = (dev / PDF).read_bytes()
    marker = data.rfind(b"trailer")
    assert marker > 0
    encrypt = b"<< /Encrypt << /Filter /Standard /V 9 /R 9 >> "
    broken = data[:marker] + data[marker:].replace(b"<<", encrypt, 1)
    with pytest.raises(ParseError):
        parse(broken)


def test_truncated_xml():
    data = b'<?xml version="1.0"?><officiele-publicatie><kamervragen><vraag><nr>1</nr><al>Bent u'
    with pytest.raises(ParseError, match="XML"):
        parse(data)


def test_xml_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-GEHEIM")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        "<officiele-publicatie><kamervragen><vraag><nr>Vraag 1</nr><al>Bent u &e; bekend?</al></vraag>"
        "</kamervragen></officiele-publicatie>"
    ).encode()
    try:
        doc = parse(xml)
    except ParseError:
        return
    assert "GEHEIM" not in json.dumps(doc.to_json_dict())


def test_file_over_50_mb(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ParseError, match="too large"):
        parse(p)


def test_not_a_kamervraag(dev):
    xsd = dev / "tk-opendata-xsd" / "xsd" / "tkData-v1-0-document.xsd"
    if not xsd.exists():
        xsd = next((dev / "tk-opendata-xsd").rglob("*.xsd"))
    with pytest.raises(NotAKamervraag):
        parse(xsd)
    with pytest.raises(NotAKamervraag):
        parse(b"Notulen van de vergadering van de commissie. Aanwezig: tien leden.")


def test_cp1252_text(seed_path):
    data = seed_path.read_text(encoding="utf-8").encode("cp1252")
    doc = parse(data)
    assert [q.number for q in doc.questions] == [1, 2, 3, 4, 5]
    assert "enquête" in doc.answers[1].text


def test_cli_batch_keeps_going(tmp_path, seed_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    kamervragen = Path(sys.executable).parent / "kamervragen"
    proc = subprocess.run(
        [str(kamervragen), "parse", str(bad), str(seed_path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [rec["source"] for rec in lines] == [str(bad), str(seed_path)]
    assert "error" in lines[0] and "empty" in lines[0]["error"]
    assert lines[1]["askers"] == [{"name": "Azmani", "party": "VVD"}]
    assert [(r["kind"], r["id"]) for r in lines[1]["references"]] == [("law", "BWBR0020611")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
    | st.lists(
        st.sampled_from(
            [
                "Vraag 1",
                "Antwoord 1",
                "Vraag 2 en 3",
                "Antwoord 4-7",
                "Vragen van het lid X (SP) aan de",
                "minister over iets (ingezonden 3 mei 2024).",
                "1",
                "2 3",
                "[^1]",
                "1Kamerstuk 36 197, nr. 15",
                "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1",
                "ah-tk-20232024-1",
                "Mededeling",
                "",
                "Antwoord op vragen 7, 8, en 9",
                "Bent u bekend?",
                "--- footnotes ---",
                "1.",
                "Antwoord",
            ]
        ),
        max_size=30,
    ).map("\n".join)
)
def test_text_parser_never_raises_unexpectedly(text):
    with contextlib.suppress(NotAKamervraag):
        parse_text(text)
