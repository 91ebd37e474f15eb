"""KOOP's SRU 2.0 service (repository.overheid.nl/sru): the query, and pure functions that read
its answers. Nothing here touches the network.

A page is `sru:searchRetrieveResponse` with `sru:record`s whose `gzd:originalData` holds the
publication's metadata (owmskern / owmsmantel / tpmeta) and whose `gzd:enrichedData` names the
manifestations (`gzd:itemUrl manifestation="xml|html|pdf|…"`). A query the service cannot run
comes back with HTTP 200 and `<diagnostics>`; the record count may be an estimate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kamervragen.ids import clean_id
from kamervragen.readers.xml import safe_parser

DEFAULT_SRU_URL = "https://repository.overheid.nl/sru"
PAGE_SIZE = 1000  # the largest page clients use; the service documents no maximum
PUBLICATIONS = ("Kamervragen (Aanhangsel)", "Kamervragen zonder antwoord")
PREFERRED = ("xml", "html", "pdf")  # the manifestation downloaded: the first the record offers

NS = {
    "sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse",
    "gzd": "http://standaarden.overheid.nl/sru",
    "dcterms": "http://purl.org/dc/terms/",
    "ow": "http://standaarden.overheid.nl/wetgeving/",
    "c": "http://standaarden.overheid.nl/collectie/",
    "diag": "http://docs.oasis-open.org/ns/search-ws/diagnostic",
}


class BadResponse(ValueError):
    """A response that is not what was asked for: invalid XML, an HTML error page, a diagnostic."""


class SruDiagnostic(BadResponse):
    """The service answered (HTTP 200) that it could not run the query."""


@dataclass
class KoopRecord:
    """What one SRU record says about a publication."""

    id: str
    title: str | None = None
    modified: str | None = None  # dcterms:modified, YYYY-MM-DD: the watermark field
    available: str | None = None
    publicatienaam: str | None = None
    subrubriek: str | None = None
    creator: str | None = None
    vergaderjaar: str | None = None
    aanhangselnummer: str | None = None
    vraagnummer: str | None = None
    datum_indiening: str | None = None
    datum_ontvangst: str | None = None
    indieners: list[str] = field(default_factory=list)
    ontvangers: list[str] = field(default_factory=list)
    preferred_url: str | None = None
    urls: dict[str, str] = field(default_factory=dict)  # manifestation → URL

    def manifestation(self) -> tuple[str, str] | None:
        """(manifestation, URL) of the rendering to download: XML, else HTML, else PDF."""
        for kind in PREFERRED:
            if kind in self.urls:
                return kind, self.urls[kind]
        return None


@dataclass
class SruPage:
    records: list[KoopRecord]
    total: int
    estimate: bool
    next_position: int | None
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (identifier, why)
    record_xml: dict[str, bytes] = field(default_factory=dict)  # identifier → its sru:record


def cql(since: date | None = None, until: date | None = None) -> str:
    """Kamervragen (answers, notices and question sets) changed in [since, until]."""
    names = " or ".join(f'w.publicatienaam=="{name}"' for name in PUBLICATIONS)
    query = f"c.product-area==officielepublicaties and ({names})"
    if since:
        query += f' and dt.modified>="{since.isoformat()}"'
    if until:
        query += f' and dt.modified<="{until.isoformat()}"'
    return query


def search_params(query: str, start: int, maximum: int = PAGE_SIZE) -> dict[str, str]:
    return {
        "operation": "searchRetrieve",
        "version": "2.0",
        "recordSchema": "gzd",
        "query": query,
        "startRecord": str(start),
        "maximumRecords": str(maximum),
    }


def parse_xml_bytes(data: bytes, what: str):
    """The root element of `data`, or BadResponse that says what it was instead."""
    from lxml import etree

    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise BadResponse(f"an HTML page instead of {what} (an error page served with status 200?)")
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise BadResponse(f"invalid or truncated XML instead of {what}: {exc}") from exc


def _text(el, path: str) -> str | None:
    found = el.find(path, NS)
    if found is None or found.text is None:
        return None
    return " ".join(found.text.split()) or None


def _texts(el, path: str) -> list[str]:
    return [" ".join(e.text.split()) for e in el.findall(path, NS) if e.text and e.text.strip()]


def parse_record(el) -> KoopRecord | None:
    """One `sru:record` (or a bare `gzd:gzd`); None when it has no identifier."""
    gzd = el if el.tag == f"{{{NS['gzd']}}}gzd" else el.find(".//gzd:gzd", NS)
    if gzd is None:
        return None
    meta = gzd.find("gzd:originalData/ow:meta", NS)
    if meta is None:
        return None
    ident = _text(meta, "ow:owmskern/dcterms:identifier")
    if not ident:
        return None
    tp = "ow:tpmeta/ow:"
    record = KoopRecord(
        id=ident,
        title=_text(meta, "ow:owmskern/dcterms:title"),
        modified=_text(meta, "ow:owmskern/dcterms:modified"),
        available=_text(meta, "ow:owmsmantel/dcterms:available"),
        creator=_text(meta, "ow:owmskern/dcterms:creator"),
        publicatienaam=_text(meta, tp + "publicatienaam"),
        subrubriek=_text(meta, tp + "subrubriek"),
        vergaderjaar=_text(meta, tp + "vergaderjaar"),
        aanhangselnummer=_text(meta, tp + "aanhangselnummer"),
        vraagnummer=_text(meta, tp + "vraagnummer"),
        datum_indiening=_text(meta, tp + "datumIndiening"),
        datum_ontvangst=_text(meta, tp + "datumOntvangst"),
        indieners=_texts(meta, tp + "indiener"),
        ontvangers=_texts(meta, tp + "ontvanger"),
        preferred_url=_text(gzd, "gzd:enrichedData/gzd:preferredUrl"),
    )
    for item in gzd.findall("gzd:enrichedData/gzd:itemUrl", NS):
        kind = item.get("manifestation")
        if kind and item.text and item.text.strip():
            record.urls.setdefault(kind, item.text.strip())
    return record


def parse_sru_page(data: bytes) -> SruPage:
    """Records of one searchRetrieve page. Raises SruDiagnostic or BadResponse.

    Records that are no Kamervraag (another publication the query let through) or whose
    identifier is not an official Kamervragen id are listed in `skipped`, not returned."""
    root = parse_xml_bytes(data, "an SRU response")
    if root.tag != f"{{{NS['sru']}}}searchRetrieveResponse":
        raise BadResponse(f"not an SRU searchRetrieveResponse but <{root.tag}>")
    diagnostics = [
        " ".join(filter(None, (_text(d, "diag:message"), _text(d, "diag:details"))))
        for d in root.findall(".//diag:diagnostic", NS)
    ]
    if diagnostics or root.find("sru:diagnostics", NS) is not None:
        raise SruDiagnostic("the service could not run the query: " + ("; ".join(diagnostics) or "?"))
    total_text = _text(root, "sru:numberOfRecords") or "0"
    precision = _text(root, "sru:resultCountPrecision") or ""
    next_text = _text(root, "sru:nextRecordPosition")
    from lxml import etree

    records: list[KoopRecord] = []
    skipped: list[tuple[str, str]] = []
    xml: dict[str, bytes] = {}
    for el in root.findall("sru:records/sru:record", NS):
        record = parse_record(el)
        if record is None:
            skipped.append(("?", "a record without identifier"))
        elif clean_id(record.id) is None:
            skipped.append((record.id, "not a Kamervragen publication"))
        elif record.manifestation() is None:
            skipped.append((record.id, "the record names no XML, HTML or PDF rendering"))
        else:
            records.append(record)
            # the record is the document's metadata: kept beside it, so nothing needs a second request
            xml[record.id] = etree.tostring(el, encoding="utf-8", xml_declaration=True)
    return SruPage(
        records=records,
        total=int(total_text) if total_text.isdigit() else 0,
        estimate="estimate" in precision,
        next_position=int(next_text) if next_text and next_text.isdigit() else None,
        skipped=skipped,
        record_xml=xml,
    )


def check_download(data: bytes, manifestation: str, identifier: str) -> None:
    """Raise BadResponse unless `data` is a complete rendering of publication `identifier`:
    error pages served with status 200, truncated files and invalid XML are refused before
    anything is stored."""
    if not data.strip():
        raise BadResponse("an empty download")
    if manifestation == "pdf":
        if not data.startswith(b"%PDF"):
            raise BadResponse("not a PDF (an error page served with status 200?)")
        if b"%%EOF" not in data[-2048:]:
            raise BadResponse("a truncated PDF (no %%EOF at its end)")
        return
    if manifestation == "xml":
        root = parse_xml_bytes(data, "the publication XML")
        if (
            root.find(".//kamervragen") is None
            and root.find(".//vraagdoc") is None
            and root.tag
            not in {
                "kamervragen",
                "vraagdoc",
            }
        ):
            raise BadResponse(f"XML without <kamervragen> (root <{root.tag}>): not this publication")
        return
    if manifestation == "html":
        text = data.decode("utf-8", errors="replace")
        if identifier not in text:
            raise BadResponse(
                f"an HTML page that does not name {identifier} (an error page served with status 200?)"
            )
        if not re.search(r"</html\s*>", text[-4096:], re.IGNORECASE):
            raise BadResponse("a truncated HTML page (no closing </html>)")
