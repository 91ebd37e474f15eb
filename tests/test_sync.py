"""`kamervragen sync` against a real HTTP server on 127.0.0.1 (tests/sync_server.py): paging,
incremental runs, resume after a kill, every kind of bad input, and the whole path
sync → parse → index → search → document page with its official link."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select
from sync_server import ANSWER, ANSWER_DIR, DIAGNOSTIC, FIXTURES, KOOP, SOFT_404
from werkzeug import Response

from indexer import models as m
from indexer.store import database_url, make_engine
from indexer.sync.http import Client, FetchError, NotFound, Offline
from indexer.sync.run import Endpoints, SyncIncomplete, run_sync
from indexer.sync.state import SyncState

ROOT = Path(__file__).resolve().parent.parent


def client() -> Client:
    return Client(rate=1000, retries=2, sleep=lambda _: None)


def sync(data: Path, **kw):
    return run_sync(data, client=client(), endpoints=Endpoints.from_env(), **kw)


def log_rows(data: Path) -> list[m.IngestLogRow]:
    with Session(make_engine(database_url(data))) as session:
        return list(session.exec(select(m.IngestLogRow)))


def doc_row(data: Path, doc_id: str) -> m.DocumentRow | None:
    with Session(make_engine(database_url(data))) as session:
        return session.get(m.DocumentRow, doc_id)


def test_full_path_sync_index_search_and_document_page(services, tmp_path):
    from fastapi.testclient import TestClient

    from web.app import create_app
    from web.settings import Settings

    data = tmp_path / "data"
    report = sync(data)
    assert report.fetched == 1 and report.index.added == 1
    # the raw files are kept by content with where and when they came from
    state = SyncState(data)
    manifest = {row["url"]: row for row in state.manifest()}
    xml_url = f"{services.base}{ANSWER_DIR}/xml/{ANSWER}.xml"
    assert xml_url in manifest and manifest[xml_url]["retrieved_at"]
    assert state.blob_path(manifest[xml_url]["sha256"]).read_bytes().startswith(b"<?xml")
    assert (data / "sync" / "documents" / f"{ANSWER}.xml").is_file()
    state.close()
    # the official id, its case linked by zaak number, askers with their party at the time
    row = doc_row(data, ANSWER)
    assert row is not None and row.case_number == "2021Z09739" and row.kind == "answer"
    import json

    askers = json.loads(row.document_json)["askers"]
    assert {a["party"] for a in askers} == {"D66"} and len(askers) == 3
    # the Toezegging register as commitments of origin "mondeling"
    with Session(make_engine(database_url(data))) as session:
        spoken = session.exec(select(m.CommitmentRow).where(m.CommitmentRow.origin == "mondeling")).all()
        written = session.exec(select(m.CommitmentRow).where(m.CommitmentRow.document_id == ANSWER)).all()
    assert sorted(c.location for c in spoken) == ["TZ202106-001", "TZ202106-002"]
    assert {c.tk_status for c in spoken} == {"Openstaand", "Voldaan"}
    assert all(c.document_id is None for c in spoken)
    assert all(c.origin == "schriftelijk" for c in written)
    # search finds it, and its page links to the official publication
    app = TestClient(create_app(Settings(data_dir=data, rate_limit_per_minute=100_000)))
    hits = app.get("/api/v1/search", params={"q": "Tozo"}).json()["results"]
    assert hits and hits[0]["document_id"] == ANSWER
    assert hits[0]["official_url"] == f"https://zoek.officielebekendmakingen.nl/{ANSWER}.html"
    page = app.get(f"/documents/{ANSWER}", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert f'href="https://zoek.officielebekendmakingen.nl/{ANSWER}.html"' in page.text
    assert "2021Z09739" in page.text


def test_paging_duplicates_vanished_records_and_other_publications_are_logged(services, tmp_path):
    data = tmp_path / "data"
    sync(data)
    assert [q["startRecord"] for q in services.sru_queries] == ["1", "4"]
    rows = log_rows(data)
    by_path = {(r.path, r.status): r.message for r in rows}
    assert any("listed twice" in (r.message or "") for r in rows if r.path == f"koop:{ANSWER}")
    assert any(
        "vanished between listing and download" in (r.message or "") and r.status == "skipped" for r in rows
    )
    assert ("koop:kst-32545-143", "skipped") in by_path
    # the answer's files were downloaded once although it was listed twice
    assert len(services.requests_to(f"{ANSWER_DIR}/xml/")) == 1


def test_incremental_run_fetches_nothing_it_has(services, tmp_path):
    data = tmp_path / "data"
    sync(data)
    services.sru_queries.clear()
    report = sync(data, source="koop")
    assert report.fetched == 0 and report.unchanged >= 1
    assert len(services.requests_to(ANSWER_DIR)) == 1  # held: not downloaded again
    # the record that vanished was never recorded as held: it is tried again
    assert len(services.requests_to("/repository.overheid.nl/frbr/officielepublicaties/kv/")) == 2
    # the watermark: the newest dt.modified seen (2021-07-22), one day of overlap
    assert 'dt.modified>="2021-07-21"' in services.sru_queries[0]["query"]
    assert report.index.added == 0 and report.index.updated == 0


def test_changed_record_is_fetched_again_and_replaces_the_document(services, tmp_path):
    data = tmp_path / "data"
    sync(data)
    services.records[ANSWER] = services.records[ANSWER].replace(b">2021-07-22<", b">2021-08-30<")
    report = sync(data, source="koop")
    assert report.fetched == 1  # a newer version of the record: fetched again
    assert report.index.added == 0 and report.index.updated == 1  # replaced, not added beside it
    assert doc_row(data, ANSWER) is not None


def test_resume_after_kill_does_not_fetch_again(services, tmp_path):
    data = tmp_path / "data"

    class Killed(BaseException):
        pass

    def kill_on_page_two(what, done, total):
        if done > 3:  # a record of page 2: the run dies here
            raise Killed

    with pytest.raises(Killed):
        sync(data, source="koop", progress=kill_on_page_two)
    state = SyncState(data)
    assert state.get("koop.position") is not None and state.get("koop.modified") is None
    assert state.record(ANSWER) is not None
    state.close()
    assert doc_row(data, ANSWER) is not None  # page 1 was indexed before the run died
    services.sru_queries.clear()
    report = sync(data, source="koop")
    assert [q["startRecord"] for q in services.sru_queries] == ["4"]  # goes on at page 2
    assert len(services.requests_to(f"{ANSWER_DIR}/xml/")) == 1  # never fetched twice
    assert report.index.added == 0 and doc_row(data, ANSWER) is not None
    state = SyncState(data)
    assert state.get("koop.position") is None and state.get("koop.modified") == "2021-07-22"
    state.close()


def test_bad_downloads_fall_back_or_are_skipped_and_nothing_is_half_written(services, tmp_path):
    data = tmp_path / "data"
    xml_path = f"{ANSWER_DIR}/xml/{ANSWER}.xml"

    def truncated(request):
        data_bytes = (KOOP / xml_path.lstrip("/")).read_bytes()
        return Response(data_bytes[: len(data_bytes) // 2], content_type="application/xml")

    services.overrides[xml_path] = truncated
    report = sync(data, source="koop")
    assert report.fetched == 1
    row = doc_row(data, ANSWER)
    assert row is not None and row.format == "html"  # the XHTML rendering was kept instead
    messages = [r.message or "" for r in log_rows(data) if r.status == "fetched"]
    assert any("xml: invalid or truncated XML" in msg for msg in messages)
    # every rendering an error page served with status 200: the record is skipped, the rest goes on
    data2 = tmp_path / "data2"
    for kind, ext in (("xml", "xml"), ("html", "html"), ("pdf", "pdf")):
        services.overrides[f"{ANSWER_DIR}/{kind}/{ANSWER}.{ext}"] = lambda r: Response(SOFT_404, status=200)
    report = sync(data2, source="koop")
    assert report.fetched == 0 and report.failed >= 1
    failed = [r for r in log_rows(data2) if r.status == "failed" and r.path == f"koop:{ANSWER}"]
    assert failed and "no usable rendering" in failed[0].message and "error page" in failed[0].message
    state = SyncState(data2)
    assert state.views() == []  # nothing published for the failed record
    assert state.get("koop.modified") == "2021-07-22"  # held at the failed record: listed again
    state.close()
    services.overrides.clear()
    services.sru_queries.clear()
    assert sync(data2, source="koop").fetched == 1  # the next run gets it
    assert 'dt.modified>="2021-07-21"' in services.sru_queries[0]["query"]
    assert not list((data2 / "sync").rglob(".part-*"))


def test_sru_diagnostic_and_unreadable_pages_end_the_source_with_the_watermark_unmoved(services, tmp_path):
    data = tmp_path / "data"
    services.overrides["/sru"] = lambda r: Response(DIAGNOSTIC, content_type="application/xml")
    with pytest.raises(SyncIncomplete, match="Query syntax error"):
        sync(data, source="koop")
    assert any(r.status == "failed" and "Query syntax error" in (r.message or "") for r in log_rows(data))
    services.overrides["/sru"] = lambda r: Response(
        b"<?xml version='1.0'?><sru:searchRetrieveRes", status=200
    )
    with pytest.raises(SyncIncomplete, match="unreadable"):
        sync(data, source="koop")
    state = SyncState(data)
    assert state.get("koop.modified") is None
    state.close()
    del services.overrides["/sru"]
    assert sync(data, source="koop").fetched == 1


def test_tk_odata_first_then_syncfeed_with_deletions_and_changed_parties(services, tmp_path):
    data = tmp_path / "data"
    sync(data)
    odata = services.requests_to("/odata/")
    assert len([p for p in odata if "/Zaak" in p]) == 2  # two pages, by @odata.nextLink
    state = SyncState(data)
    assert state.get("tk.odata.done") and state.zaak_by_nummer("2020Z13248")
    state.close()
    # next run: the SyncFeed from the stored skiptoken; a deletion and a changed party
    services.feed = {
        "Toezegging": {None: (FIXTURES / "constructed-syncfeed-toezegging.xml").read_bytes()},
        "ZaakActor": {None: (FIXTURES / "constructed-syncfeed-zaakactor.xml").read_bytes()},
    }
    report = sync(data, source="tk", since=date(2021, 1, 1))
    assert report.deleted == 1
    rows = log_rows(data)
    assert any(r.status == "deleted" and r.path.endswith("e0002") for r in rows)
    assert any(r.status == "skipped" and "without content" in (r.message or "") for r in rows)
    state = SyncState(data)
    assert state.get("tk.feed.Toezegging") == "102"
    state.close()
    with Session(make_engine(database_url(data))) as session:
        spoken = session.exec(select(m.CommitmentRow).where(m.CommitmentRow.origin == "mondeling")).all()
    assert sorted(c.location for c in spoken) == ["TZ202106-001", "TZ202108-003"]
    # the file did not change but its asker's party did: the stored document follows
    import json

    askers = {a["name"]: a["party"] for a in json.loads(doc_row(data, ANSWER).document_json)["askers"]}
    assert askers["Kat"] == "Constructed Partij" and askers["Van Weyenberg"] == "D66"
    # the feed goes on from the stored skiptoken
    services.server.clear_log()
    sync(data, source="tk")
    assert any("skiptoken=102" in p for p in services.requests_to("/feed"))


def test_offline_rebuild_needs_no_network(services, tmp_path, monkeypatch):
    data = tmp_path / "data"
    sync(data)
    monkeypatch.setenv("KAMERVRAGEN_KOOP_SRU_URL", "http://127.0.0.1:1/sru")
    services.server.clear_log()
    report = run_sync(data, client=client(), endpoints=Endpoints.from_env(), fetch=False)
    assert services.server.log == [] and report.index.updated == 1  # parsed again, from what is kept


def test_client_retries_gives_up_and_tells_gone_from_unreachable(httpserver):
    calls = {"n": 0}

    def flaky(request):
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("busy", status=503)
        if calls["n"] == 2:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("ok")

    httpserver.expect_request("/flaky").respond_with_handler(flaky)
    httpserver.expect_request("/down").respond_with_data("no", status=500)
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    slept: list[float] = []
    c = Client(rate=1000, retries=2, sleep=slept.append)
    assert c.get(httpserver.url_for("/flaky")).content == b"ok"
    assert 1.0 in slept  # Retry-After honoured
    with pytest.raises(FetchError, match="HTTP 500 after 3 tries"):
        c.get(httpserver.url_for("/down"))
    with pytest.raises(NotFound):
        c.get(httpserver.url_for("/gone"))
    with pytest.raises(Offline):
        c.get("http://127.0.0.1:1/nothing-listens")
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("kamervragen-sync/")


def test_client_retries_a_transfer_cut_short():
    """A raw server (werkzeug would correct the length): the first answer promises 100 bytes and
    hangs up after 40; the second is whole."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    calls = {"n": 0}

    def serve() -> None:
        for _ in range(2):
            conn, _ = listener.accept()
            conn.recv(65536)
            calls["n"] += 1
            body = b"x" * (40 if calls["n"] == 1 else 100)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n" + body)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    c = Client(rate=1000, retries=2, sleep=lambda _: None)
    assert c.get(f"http://127.0.0.1:{listener.getsockname()[1]}/doc").content == b"x" * 100
    assert calls["n"] == 2
    listener.close()


def test_command_without_network_fails_fast_with_a_clear_message(tmp_path):
    env = {**os.environ, "KAMERVRAGEN_KOOP_SRU_URL": "http://127.0.0.1:1/sru"}
    done = subprocess.run(
        [sys.executable, "-m", "kamervragen.cli", "sync", "--data", str(tmp_path / "d"), "--source", "koop"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 5
    assert "no connection" in done.stderr and "Traceback" not in done.stderr
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "kamervragen.cli",
            "sync",
            "--data",
            str(tmp_path / "d"),
            "--since",
            "gisteren",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_a_range_asked_for_by_hand_moves_no_watermark(services, tmp_path):
    data = tmp_path / "data"
    sync(data, since=date(2021, 6, 1), until=date(2021, 7, 31))
    assert 'dt.modified<="2021-07-31"' in services.sru_queries[0]["query"]
    state = SyncState(data)
    assert state.get("koop.modified") is None and state.get("tk.odata.done") is None
    state.close()
    services.sru_queries.clear()
    sync(data, source="koop")  # a plain run lists everything, fetching only what it lacks
    assert "dt.modified" not in services.sru_queries[0]["query"]
    assert len(services.requests_to(ANSWER_DIR)) == 1


def test_tk_odata_resumes_at_the_page_it_did_not_get(services, tmp_path):
    data = tmp_path / "data"
    normal = services.odata

    def second_page_down(request):
        if request.args.get("$skiptoken"):
            return Response("busy", status=503)
        return normal(request)

    services.overrides["/odata/Zaak"] = second_page_down
    with pytest.raises(SyncIncomplete, match="HTTP 503"):
        sync(data, source="tk")
    state = SyncState(data)
    assert state.zaak_by_nummer("2021Z09739") and not state.zaak_by_nummer("2020Z13248")
    assert state.get("tk.odata.done") is None
    state.close()
    del services.overrides["/odata/Zaak"]
    services.server.clear_log()
    sync(data, source="tk")
    zaak_requests = [p for p in services.requests_to("/odata/Zaak")]
    assert len(zaak_requests) == 1 and "skiptoken=page2" in zaak_requests[0]
    state = SyncState(data)
    assert state.zaak_by_nummer("2020Z13248") and state.get("tk.odata.done")
    state.close()
