"""A stand-in for KOOP's SRU service and repository and the Tweede Kamer's OData and SyncFeed,
served by a real HTTP server on 127.0.0.1 (pytest-httpserver).

KOOP records and documents are the real ones from the shared dev corpus, read at test time, with
the placeholder host `__MOCK_SERVICE__` (and the real repository host) replaced by this server's
address. The SRU page envelopes that spread those records over several pages are CONSTRUCTED
here, as are all TK responses (tests/fixtures/sync/constructed-*)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from golden_check import DEV
from werkzeug import Request, Response

KOOP = DEV / "koop-repository-plooi"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sync"
SRU_NS = (
    'xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" '
    'xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"'
)
ANSWER = "ah-tk-20202021-3235"
ANSWER_DIR = f"/repository.overheid.nl/frbr/officielepublicaties/ah-tk/20202021/{ANSWER}/1"


def records_of(path: Path, host: str) -> dict[str, bytes]:
    """identifier → the `sru:record` XML of a real KOOP file, pointing at `host`."""
    from lxml import etree

    data = path.read_bytes().replace(b"__MOCK_SERVICE__", host.encode())
    data = data.replace(b"https://repository.overheid.nl/", f"http://{host}/repository.overheid.nl/".encode())
    root = etree.fromstring(data)
    ns = {"sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse", "dc": "http://purl.org/dc/terms/"}
    elements = [root] if root.tag.endswith("}record") else root.findall(".//sru:record", ns)
    return {el.findtext(".//dc:identifier", namespaces=ns): etree.tostring(el) for el in elements}


def sru_page(records: list[bytes], total: int, next_position: int | None) -> bytes:
    """A CONSTRUCTED searchRetrieveResponse envelope around real records."""
    nxt = f"<sru:nextRecordPosition>{next_position}</sru:nextRecordPosition>" if next_position else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sru:searchRetrieveResponse {SRU_NS}>'
        f"<sru:version>2.0</sru:version><sru:numberOfRecords>{total}</sru:numberOfRecords>"
        "<sru:records>".encode()
        + b"".join(records)
        + f"</sru:records>{nxt}<sru:resultCountPrecision>info:srw/vocabulary/resultCountPrecision/1/estimate"
        "</sru:resultCountPrecision></sru:searchRetrieveResponse>".encode()
    )


DIAGNOSTIC = (
    f'<?xml version="1.0"?><sru:searchRetrieveResponse {SRU_NS}><sru:version>2.0</sru:version>'
    "<sru:numberOfRecords>0</sru:numberOfRecords><sru:diagnostics><diag:diagnostic>"
    "<diag:uri>info:srw/diagnostic/1/10</diag:uri><diag:message>Query syntax error</diag:message>"
    "</diag:diagnostic></sru:diagnostics></sru:searchRetrieveResponse>"
).encode()
SOFT_404 = b"<!DOCTYPE html><html><body><h1>Pagina niet gevonden</h1></body></html>"


class Services:
    """Routes of the fake services; tests change `pages`, `overrides` and `feed` between runs."""

    def __init__(self, httpserver) -> None:
        self.server = httpserver
        self.host = f"{httpserver.host}:{httpserver.port}"
        self.base = f"http://{self.host}"
        real = records_of(KOOP / "repository.overheid.nl" / "sru.xml", self.host)
        dcn = records_of(KOOP / "dcn-oep-testresources" / "sru.xml", self.host)
        kv = records_of(KOOP / "dcn-oep-testresources" / "sru_record_kv_onopgemaakt.xml", self.host)
        self.records = {**real, **dcn, **kv}
        # page 1: the answer among other publications; page 2: a duplicate of the answer and a
        # question set whose files are not there (it "vanished" after the listing)
        self.pages: list[list[str]] = [
            ["kst-32545-143", ANSWER, "blg-1007826"],
            [ANSWER, "kv-2989900822", "h-tk-20202021-101-5"],
        ]
        self.overrides: dict[str, Callable[[Request], Response]] = {}
        self.feed: dict[str, dict[str | None, bytes]] = {}
        self.sru_queries: list[dict[str, str]] = []
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def env(self) -> dict[str, str]:
        return {
            "KAMERVRAGEN_KOOP_SRU_URL": f"{self.base}/sru",
            "KAMERVRAGEN_TK_ODATA_URL": f"{self.base}/odata/",
            "KAMERVRAGEN_TK_SYNCFEED_URL": f"{self.base}/feed",
            "KAMERVRAGEN_SYNC_RATE": "1000",
        }

    def requests_to(self, prefix: str) -> list[str]:
        return [req.full_path for req, _ in self.server.log if req.path.startswith(prefix)]

    def handle(self, request: Request) -> Response:
        if request.path in self.overrides:
            return self.overrides[request.path](request)
        if request.path == "/sru":
            self.sru_queries.append(dict(request.args))
            start = int(request.args.get("startRecord", "1"))
            size = 3
            index = (start - 1) // size
            if index >= len(self.pages):
                return Response(sru_page([], 0, None), content_type="application/xml")
            nxt = start + size if index + 1 < len(self.pages) else None
            records = [self.records[i] for i in self.pages[index]]
            return Response(sru_page(records, size * len(self.pages), nxt), content_type="application/xml")
        if request.path.startswith("/repository.overheid.nl/"):
            path = KOOP / request.path.lstrip("/")
            if not path.is_file():
                return Response("not found", status=404)
            return Response(path.read_bytes(), content_type="application/octet-stream")
        if request.path.startswith("/odata/"):
            return self.odata(request)
        if request.path == "/feed":
            pages = self.feed.get(request.args.get("category", ""), {})
            body = pages.get(request.args.get("skiptoken"))
            if body is None:
                return Response(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>leeg</title></feed>')
            return Response(
                body.replace(b"__FEED__", f"{self.base}/feed".encode()), content_type="application/atom+xml"
            )
        return Response("not found", status=404)

    def odata(self, request: Request) -> Response:
        entity = request.path.rsplit("/", 1)[-1]
        if entity == "Zaak":
            name = (
                "constructed-odata-zaak-page2.json"
                if request.args.get("$skiptoken")
                else "constructed-odata-zaak-page1.json"
            )
        elif entity == "Toezegging":
            name = "constructed-odata-toezegging.json"
        else:
            return Response("{}", status=404)
        body = (FIXTURES / name).read_bytes().replace(b"__ODATA__", f"{self.base}/odata".encode())
        return Response(body, content_type="application/json")
