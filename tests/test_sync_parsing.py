"""The pure readers of the sync: SRU pages and records (real KOOP output), downloads checked before
they are kept, OData pages and SyncFeed pages (constructed, see tests/fixtures/sync/README.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from golden_check import DEV

from indexer.sync import koop, tk

KOOP = DEV / "koop-repository-plooi"
DOC = KOOP / "repository.overheid.nl/frbr/officielepublicaties/ah-tk/20202021/ah-tk-20202021-3235/1"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sync"


def test_real_sru_page_gives_the_kamervraag_and_skips_other_publications():
    page = koop.parse_sru_page((KOOP / "repository.overheid.nl" / "sru.xml").read_bytes())
    assert [r.id for r in page.records] == ["ah-tk-20202021-3235"]
    record = page.records[0]
    assert record.vraagnummer == "2021Z09739"
    assert record.aanhangselnummer == "3235"
    assert record.vergaderjaar == "2020-2021"
    assert record.modified == "2021-07-22"
    assert record.datum_ontvangst == "2021-06-21"
    assert len(record.indieners) == 3 and record.ontvangers == ["W. Koolmees"]
    assert record.preferred_url == "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-3235.html"
    assert record.manifestation() == ("xml", record.urls["xml"])
    assert set(record.urls) >= {"xml", "html", "pdf", "metadata"}
    assert {ident for ident, _ in page.skipped} >= {"kst-32545-143", "blg-1007826"}
    assert page.estimate and page.total == 3 and page.next_position is None
    assert b"ah-tk-20202021-3235" in page.record_xml["ah-tk-20202021-3235"]


def test_real_sru_page_without_kamervragen_reports_paging():
    page = koop.parse_sru_page((KOOP / "dcn-oep-testresources" / "sru.xml").read_bytes())
    assert page.records == [] and len(page.skipped) == 10
    assert page.total == 76 and page.next_position == 11


def test_old_question_set_record():
    from lxml import etree

    el = etree.fromstring((KOOP / "dcn-oep-testresources" / "sru_record_kv_onopgemaakt.xml").read_bytes())
    record = koop.parse_record(el)
    assert record.id == "kv-2989900822" and record.vraagnummer == "2989900822"
    assert record.publicatienaam == "Kamervragen zonder antwoord" and record.datum_indiening == "1998-09-28"
    assert "pdf" not in record.urls and record.manifestation()[0] == "xml"


def test_diagnostics_soft_404_and_broken_pages_are_refused():
    diag = (
        b'<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" '
        b'xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"><sru:diagnostics><diag:diagnostic>'
        b"<diag:message>Query syntax error</diag:message></diag:diagnostic></sru:diagnostics>"
        b"</sru:searchRetrieveResponse>"
    )
    with pytest.raises(koop.SruDiagnostic, match="Query syntax error"):
        koop.parse_sru_page(diag)
    with pytest.raises(koop.BadResponse, match="HTML page"):
        koop.parse_sru_page(b"<!DOCTYPE html><html><body>Niet gevonden</body></html>")
    real = (KOOP / "repository.overheid.nl" / "sru.xml").read_bytes()
    with pytest.raises(koop.BadResponse, match="invalid or truncated"):
        koop.parse_sru_page(real[: len(real) // 2])
    with pytest.raises(koop.BadResponse, match="not an SRU"):
        koop.parse_sru_page(b"<other/>")


def test_entities_in_responses_are_not_expanded():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse">'
        b"<sru:numberOfRecords>&x;</sru:numberOfRecords></sru:searchRetrieveResponse>"
    )
    page = koop.parse_sru_page(evil)
    assert page.total == 0 and page.records == []


def test_downloads_are_checked_before_they_are_kept():
    xml = (DOC / "xml" / "ah-tk-20202021-3235.xml").read_bytes()
    html = (DOC / "html" / "ah-tk-20202021-3235.html").read_bytes()
    pdf = (DOC / "pdf" / "ah-tk-20202021-3235.pdf").read_bytes()
    ident = "ah-tk-20202021-3235"
    for data, kind in [(xml, "xml"), (html, "html"), (pdf, "pdf")]:
        koop.check_download(data, kind, ident)  # the real renderings pass
    bad = [
        (xml[: len(xml) // 2], "xml", "truncated"),
        (pdf[: len(pdf) // 2], "pdf", "truncated"),
        (html[: len(html) // 2], "html", "truncated"),
        (b"<!DOCTYPE html><html><body>Pagina niet gevonden</body></html>", "html", "does not name"),
        (b"<!DOCTYPE html><html><body>Pagina niet gevonden</body></html>", "xml", "HTML page"),
        (b"<html>oops</html>", "pdf", "not a PDF"),
        (b"<?xml version='1.0'?><fout/>", "xml", "without <kamervragen>"),
        (b"   ", "xml", "empty"),
    ]
    for data, kind, message in bad:
        with pytest.raises(koop.BadResponse, match=message):
            koop.check_download(data, kind, ident)


def test_query_names_both_publications_and_the_dates():
    query = koop.cql(date(2024, 1, 1), date(2024, 2, 1))
    assert 'w.publicatienaam=="Kamervragen (Aanhangsel)"' in query
    assert 'w.publicatienaam=="Kamervragen zonder antwoord"' in query
    assert 'dt.modified>="2024-01-01"' in query and 'dt.modified<="2024-02-01"' in query
    params = koop.search_params(query, 1001)
    assert params["startRecord"] == "1001" and params["recordSchema"] == "gzd" and params["version"] == "2.0"


def test_odata_page_drops_deleted_rows_and_follows_next_link():
    rows, nxt = tk.parse_odata_page((FIXTURES / "constructed-odata-zaak-page1.json").read_bytes())
    assert len(rows) == 1 and nxt.endswith("$skiptoken=page2")
    zaak = tk.zaak_from_odata(rows[0])
    assert zaak.nummer == "2021Z09739"
    assert [(a.naam, a.fractie, a.relatie) for a in zaak.actors][:2] == [
        ("S.P.R.A. van Weyenberg", "D66", "Indiener"),
        ("R.H. de Jong", "D66", "Medeindiener"),
    ]
    assert len(zaak.actors) == 4  # the deleted actor is gone
    assert [d.aanhangselnummer for d in zaak.documents] == [None, "3235"]
    rows, nxt = tk.parse_odata_page((FIXTURES / "constructed-odata-zaak-page2.json").read_bytes())
    assert nxt is None and rows[0]["Nummer"] == "2020Z13248"
    with pytest.raises(koop.BadResponse):
        tk.parse_odata_page(b'{"value": [')
    with pytest.raises(koop.BadResponse, match="HTML"):
        tk.parse_odata_page(b"<html><body>Service Unavailable</body></html>")
    with pytest.raises(koop.BadResponse, match="without rows"):
        tk.parse_odata_page(b'{"error": {"message": "bad filter"}}')


def test_odata_url_filters_deleted_rows_and_dates():
    url = tk.odata_url("http://x/OData/v4/2.0/", "Zaak", date(2024, 5, 1))
    assert url.startswith("http://x/OData/v4/2.0/Zaak?$filter=Verwijderd%20eq%20false")
    assert "Schriftelijke%20vragen" in url and "GewijzigdOp%20ge%202024-05-01" in url
    assert "$expand=ZaakActor,Document" in url


def test_syncfeed_page_gives_changes_deletions_and_the_next_skiptoken():
    page = tk.parse_feed_page((FIXTURES / "constructed-syncfeed-toezegging.xml").read_bytes())
    assert page.next_skiptoken == "102"
    changed, deleted = page.entries
    assert isinstance(changed.entity, tk.Toezegging) and changed.entity.nummer == "TZ202108-003"
    assert changed.entity.status == "Openstaand" and not changed.deleted
    assert deleted.deleted and deleted.entity is None and deleted.id.endswith("e0002")
    assert page.problems == [("broken entry", "an entry without content")]
    actors = tk.parse_feed_page((FIXTURES / "constructed-syncfeed-zaakactor.xml").read_bytes())
    assert actors.next_skiptoken is None
    assert actors.entries[0].entity.fractie == "Constructed Partij"
    assert actors.entries[1].entity is None  # a committee, not an asker
    assert tk.aanhangsel_key("2020-2021", "3235") == "ah-tk-20202021-3235"
    assert tk.aanhangsel_key(None, "3235") is None
