"""What a sync costs besides waiting for the network (a benchmark, not a test): N publications
listed, downloaded, kept, parsed and indexed from a local server at an unlimited request rate,
then a second (incremental) run that finds nothing new, then the time the same requests take at
the default rate against the real services.

The N publications are copies of the one real KOOP record and XML in the dev corpus under N
different Aanhangsel numbers (the server rewrites the record; the XML is served as it is).

    PYTHONPATH=. python benchmarks/sync_speed.py --count 200"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sync_server import ANSWER, KOOP, records_of, sru_page  # noqa: E402

from indexer.sync.http import DEFAULT_RATE, Client  # noqa: E402
from indexer.sync.run import Endpoints, run_sync  # noqa: E402

PAGE = 100  # records per SRU page in this benchmark (the real sync asks for 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    server = HTTPServer(host="127.0.0.1")
    server.start()
    host = f"{server.host}:{server.port}"
    template = records_of(KOOP / "repository.overheid.nl" / "sru.xml", host)[ANSWER]
    xml = (
        KOOP
        / "repository.overheid.nl/frbr/officielepublicaties/ah-tk/20202021"
        / ANSWER
        / "1/xml"
        / f"{ANSWER}.xml"
    ).read_bytes()
    ids = [f"ah-tk-20202021-{9000 + i}" for i in range(args.count)]
    records = [
        template.replace(ANSWER.encode(), i.encode()).replace(b">3235<", f">{i.rsplit('-', 1)[1]}<".encode())
        for i in ids
    ]

    def handle(request: Request) -> Response:
        if request.path == "/sru":
            start = int(request.args.get("startRecord", "1"))
            chunk = records[start - 1 : start - 1 + PAGE]
            nxt = start + PAGE if start - 1 + PAGE < len(records) else None
            return Response(sru_page(chunk, len(records), nxt), content_type="application/xml")
        if re.search(r"/xml/ah-tk-20202021-\d+\.xml$", request.path):
            return Response(xml, content_type="application/xml")
        if request.path.startswith("/odata/"):
            return Response(b'{"value": []}', content_type="application/json")
        if request.path == "/feed":
            return Response(
                b'<feed xmlns="http://www.w3.org/2005/Atom"/>', content_type="application/atom+xml"
            )
        return Response("not found", status=404)

    server.expect_request(re.compile(".*")).respond_with_handler(handle)
    endpoints = Endpoints(
        sru=f"http://{host}/sru", odata=f"http://{host}/odata/", syncfeed=f"http://{host}/feed"
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        for label in ("first sync", "incremental"):
            client = Client(rate=1e6)
            start = time.perf_counter()
            report = run_sync(data, source="all", client=client, endpoints=endpoints)
            seconds = time.perf_counter() - start
            index = report.index
            print(
                f"{label:12s} {args.count} publications listed in {seconds:6.1f} s = "
                f"{args.count / seconds:6.1f} publications/s, {client.requests} requests "
                f"(fetched {report.fetched}, held {report.unchanged}; indexed: added {index.added}, "
                f"updated {index.updated}, failed {len(index.failed)}); listing and fetching "
                f"{report.fetch_seconds:.1f} s ({1000 * report.fetch_seconds / args.count:.0f} ms each), "
                f"parsing and indexing {report.index_seconds:.1f} s"
            )
            client.close()
    server.stop()
    full = 150_000 + 150 + 400
    print(
        f"full sync of ~150,000 publications: ~{full:,} requests at the default {DEFAULT_RATE:g}/s = "
        f"{full / DEFAULT_RATE / 3600:.1f} h of waiting on the network"
    )


if __name__ == "__main__":
    main()
