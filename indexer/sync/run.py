"""`kamervragen sync`: list what is new at KOOP and the Tweede Kamer, download it, keep it, and
run the normal index pipeline over it.

One bad record never stops a sync: a download that is truncated, an HTML error page served with
status 200, invalid XML, a record that vanished between listing and download, a deleted entity —
each is written to the ingest log with its reason and skipped (a later run tries again, since
nothing of it was recorded as done). Only a listing that cannot go on (an SRU diagnostic, a page
that stays unreadable) ends that source's run, with its watermark unmoved, so the next run
resumes at that page.

Watermarks: KOOP records are listed by `dt.modified` from the last completed listing's newest
date minus one day (the overlap catches records changed later that day; records already held in
that version are recognised by identifier and date and not fetched again). The page reached is
stored after every page, so a killed run goes on from there. The TK data is first taken from
OData (pages followed by `@odata.nextLink`, the link stored after every page), after that from
the SyncFeed, whose skiptoken is stored with each page's changes in one transaction."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from indexer import models as m
from indexer.commitment_ids import oral_key
from indexer.lock import writer_lock
from indexer.store import ministry_name
from indexer.sync import koop, tk
from indexer.sync.http import Client, FetchError, NotFound, Offline
from indexer.sync.koop import BadResponse, KoopRecord, SruDiagnostic
from indexer.sync.state import SyncState
from kamervragen.header import surname
from kamervragen.ids import clean_id
from kamervragen.model import Asker, Document
from kamervragen.parties import canonical_party

SOURCES = ("koop", "tk", "all")
LEGACY_REGISTER_ID = "tk-toezeggingen"  # the fake document an earlier version put them on
PAGE_TRIES = 3

__all__ = ["Endpoints", "Offline", "SyncFailed", "SyncReport", "run_sync"]


class SyncFailed(RuntimeError):
    """A source could not be listed to the end; what was fetched is kept and indexed."""


@dataclass(frozen=True)
class Endpoints:
    sru: str = koop.DEFAULT_SRU_URL
    odata: str = tk.DEFAULT_ODATA_URL
    syncfeed: str = tk.DEFAULT_SYNCFEED_URL

    @classmethod
    def from_env(cls) -> Endpoints:
        return cls(
            sru=os.environ.get("KAMERVRAGEN_KOOP_SRU_URL") or koop.DEFAULT_SRU_URL,
            odata=os.environ.get("KAMERVRAGEN_TK_ODATA_URL") or tk.DEFAULT_ODATA_URL,
            syncfeed=os.environ.get("KAMERVRAGEN_TK_SYNCFEED_URL") or tk.DEFAULT_SYNCFEED_URL,
        )


@dataclass
class SyncReport:
    listed: int = 0
    fetched: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    tk_rows: int = 0
    deleted: int = 0
    commitments: int = 0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    index: object | None = None  # the pipeline's Summary
    fetch_seconds: float = 0.0
    index_seconds: float = 0.0


Progress = Callable[[str, int, int | None], None]  # (what, done, total or None)


class Enricher:
    """Completes a parsed document with its official record and TK case data (see module doc)."""

    def __init__(self, state: SyncState) -> None:
        self.state = state

    def facts(self, source: str) -> dict | None:
        record = self.state.record_for_view(source)
        if record is None:
            return None
        case = record.vraagnummer if re.fullmatch(r"\d{4}Z\d{5}", record.vraagnummer or "") else None
        if case is None and record.id.startswith("ah-"):
            case = self.state.zaak_nummer_of_document(record.id)
        zaak = self.state.zaak_by_nummer(case) if case else None
        actors = self.state.actors_of(zaak[0]) if zaak else []
        return {
            "record": record.__dict__,
            "case": case,
            "onderwerp": zaak[1] if zaak else None,
            "askers": [
                (a.naam, a.fractie) for a in actors if a.relatie in {"Indiener", "Medeindiener"} and a.naam
            ],
        }

    @staticmethod
    def fingerprint(facts: dict | None) -> str:
        return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()

    def __call__(self, doc: Document, source: str) -> None:
        facts = self.facts(source)
        if facts is None:
            return
        record = KoopRecord(**facts["record"])
        doc.id = clean_id(record.id) or doc.id
        if record.id.startswith("ah-"):
            _, _, years, number = record.id.split("-", 3)
            doc.vergaderjaar, doc.aanhangsel_number = f"{years[:4]}-{years[4:]}", int(number)
        if facts["case"]:
            doc.case_number = facts["case"]
        doc.received = doc.received or _day(record.datum_ontvangst)
        doc.submitted = doc.submitted or _day(record.datum_indiening)
        if not doc.askers and record.indieners:
            doc.askers = [Asker(name=surname(re.sub(r"\([^)]*\)", " ", n))) for n in record.indieners]
        doc.subject = doc.subject or facts["onderwerp"]
        # the party each asker belonged to when asking, as the Kamer registered it
        parties = {
            surname(naam).casefold(): canonical_party(fractie) or fractie for naam, fractie in facts["askers"]
        }
        if not doc.askers:
            doc.askers = [Asker(name=surname(naam)) for naam, _ in facts["askers"]]
        for asker in doc.askers:
            party = parties.get(asker.name.casefold())
            if party:
                asker.party = party


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class Sync:
    def __init__(
        self,
        data_dir: Path,
        engine,
        client: Client,
        endpoints: Endpoints,
        progress: Progress | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.engine = engine
        self.client = client
        self.endpoints = endpoints
        self.state = SyncState(self.data_dir)
        self.progress = progress or (lambda what, done, total: None)
        self.run_id = "sync-" + uuid.uuid4().hex[:12]
        self.report = SyncReport()
        self.fetched: list[Path] = []  # views published and not yet indexed
        self.on_page: Callable[[list[Path]], None] = lambda views: None
        self._started = time.perf_counter()

    def seconds(self) -> float:
        return time.perf_counter() - self._started

    def take_fetched(self) -> list[Path]:
        views, self.fetched = self.fetched, []
        return views

    # --- ingest log -----------------------------------------------------------------------
    def log(self, path: str, status: str, message: str | None = None, doc_id: str | None = None, digest=None):
        if status in {"failed", "skipped"}:
            self.report.errors.append(f"{status}: {path}: {message}")
        with Session(self.engine) as session:
            session.add(
                m.IngestLogRow(
                    run_id=self.run_id,
                    path=path,
                    content_hash=digest,
                    document_id=doc_id,
                    status=status,
                    message=message,
                )
            )
            session.commit()

    def _page(self, url: str, params: dict | None, parse: Callable[[bytes], object], what: str):
        """Fetch and read one listing page, trying again when it comes back unreadable."""
        last = ""
        for _ in range(PAGE_TRIES):
            response = self.client.get(url, params)
            try:
                return parse(response.content)
            except SruDiagnostic:
                raise
            except BadResponse as exc:
                last = str(exc)
                self.log(response.url, "failed", f"{what}: {last}; trying again")
        raise SyncFailed(f"{what} stayed unreadable after {PAGE_TRIES} tries: {last}")

    # --- KOOP -----------------------------------------------------------------------------
    def koop(self, since: date | None, until: date | None) -> None:
        mark = self.state.get("koop.modified")
        if since is None and mark:
            since = date.fromisoformat(mark) - timedelta(days=1)
        # only a listing from the watermark (or from the start) to today may move the watermark:
        # a range asked for by hand says nothing about what lies outside it
        moves_mark = until is None and (
            since is None or (mark is not None and since <= date.fromisoformat(mark))
        )
        query = koop.cql(since, until)
        resume = json.loads(self.state.get("koop.position") or "{}")
        start = resume["next"] if resume.get("query") == query else 1
        newest = resume.get("newest", "") if resume.get("query") == query else ""
        # the oldest `modified` of a record that failed for a reason that may pass (a truncated
        # or broken download): the watermark stays there, so the next run lists it again
        held = resume.get("held", "") if resume.get("query") == query else ""
        seen: set[str] = set()
        done = start - 1
        while True:
            try:
                page = self._page(
                    self.endpoints.sru, koop.search_params(query, start), koop.parse_sru_page, "SRU page"
                )
            except SruDiagnostic as exc:
                self.log(self.endpoints.sru, "failed", str(exc))
                raise SyncFailed(str(exc)) from exc
            for ident, why in page.skipped:
                self.report.skipped += 1
                self.log(f"koop:{ident}", "skipped", why)
            done += len(page.skipped)
            for record in page.records:
                self.report.listed += 1
                done += 1
                if record.id in seen:
                    self.report.unchanged += 1
                    self.log(f"koop:{record.id}", "unchanged", "listed twice: a duplicate across pages")
                else:
                    seen.add(record.id)
                    if not self._fetch(record, page) and record.modified:
                        held = min(held or record.modified, record.modified)
                    newest = max(newest, record.modified or "")
                self.progress("koop", done, max(page.total, done))
            next_start = page.next_position
            if next_start is not None and next_start <= start:
                next_start = None  # a server that points back would page forever
            with self.state:
                self.state.put(
                    "koop.position",
                    json.dumps({"query": query, "next": next_start, "newest": newest, "held": held})
                    if next_start
                    else None,
                )
                if next_start is None and moves_mark:
                    # the listing is complete: the next run starts from its newest date
                    reached = max(newest, mark or "")
                    self.state.put("koop.modified", (min(reached, held) if held else reached) or None)
            if self.fetched:
                self.on_page(self.take_fetched())
            if next_start is None or not (page.records or page.skipped):
                return
            start = next_start

    def _fetch(self, record: KoopRecord, page: koop.SruPage) -> bool:
        """Download and keep the best rendering of `record`. False when it failed in a way
        that a later run may get past (not for a record that is gone)."""
        have = self.state.record_modified(record.id)
        if have is not None and have == (record.modified or ""):
            self.report.unchanged += 1
            return True
        reasons = []
        for kind in koop.PREFERRED:
            url = record.urls.get(kind)
            if not url:
                continue
            try:
                response = self.client.get(url)
                koop.check_download(response.content, kind, record.id)
            except Offline:
                raise
            except NotFound as exc:
                self.report.failed += 1
                self.log(url, "skipped", f"{record.id} vanished between listing and download: {exc.reason}")
                return True
            except (FetchError, BadResponse) as exc:
                reasons.append(f"{kind}: {getattr(exc, 'reason', exc)}")
                continue
            meta = page.record_xml.get(record.id)
            with self.state:
                blob = self.state.store_blob(response.content, url, response.content_type)
                meta_blob = (
                    self.state.store_blob(meta, self.endpoints.sru, "application/xml") if meta else None
                )
                self.fetched.append(self.state.save_record(record, kind, url, blob, meta_blob))
            self.report.fetched += 1
            self.log(url, "fetched", "; ".join(reasons) or None, record.id, blob)
            return True
        self.report.failed += 1
        self.log(f"koop:{record.id}", "failed", "no usable rendering: " + "; ".join(reasons))
        return False

    # --- TK -------------------------------------------------------------------------------
    def tk(self, since: date | None, until: date | None) -> None:
        if self.state.get("tk.odata.done") is None:
            started = datetime.now(UTC).date().isoformat()
            for entity in ("Zaak", "Toezegging"):
                self._odata(entity, since, until)
            if since is None and until is None:  # a complete copy: from now on, follow the feed
                with self.state:
                    self.state.put("tk.odata.done", started)
            return
        cutoff = since.isoformat() if since else None
        if cutoff is None:
            cutoff = (
                date.fromisoformat(self.state.get("tk.odata.done") or "1900-01-01") - timedelta(days=1)
            ).isoformat()
        for category in tk.FEED_CATEGORIES:
            self._feed(category, cutoff, until)

    def _odata(self, entity: str, since: date | None, until: date | None) -> None:
        first = tk.odata_url(self.endpoints.odata, entity, since, until)
        key = f"tk.odata.{entity}.next:{hashlib.sha256(first.encode()).hexdigest()[:16]}"  # per query
        url = self.state.get(key) or first
        done = 0
        while url:
            rows, next_url = self._page(url, None, tk.parse_odata_page, f"OData {entity} page")
            with self.state:
                for row in rows:
                    try:
                        if entity == "Zaak":
                            self.state.put_zaak(tk.zaak_from_odata(row), replace_children=True)
                        else:
                            self.state.put_toezegging(tk.toezegging_from_odata(row))
                        self.report.tk_rows += 1
                    except (TypeError, ValueError, AttributeError) as exc:
                        self.log(f"tk:{entity}/{row.get('Id')}", "skipped", f"an unreadable row: {exc}")
                self.state.put(key, next_url)
            done += len(rows)
            self.progress(f"tk {entity}", done, None)
            url = next_url

    def _feed(self, category: str, cutoff: str | None, until: date | None) -> None:
        key = f"tk.feed.{category}"
        token = self.state.get(key)
        done = 0
        while True:
            page = self._page(
                tk.feed_url(self.endpoints.syncfeed, category, token),
                None,
                tk.parse_feed_page,
                "SyncFeed page",
            )
            with self.state:
                for entry in page.entries:
                    if entry.deleted:
                        if self.state.delete_entity(category, entry.id):
                            self.report.deleted += 1
                        self.log(f"tk:{category}/{entry.id}", "deleted", "deleted at the source (SyncFeed)")
                        continue
                    if entry.entity is None:
                        continue
                    day = (entry.updated or "")[:10]
                    if (cutoff and day and day < cutoff) or (until and day and day > until.isoformat()):
                        continue
                    self._put(entry.entity)
                    self.report.tk_rows += 1
                for ident, why in page.problems:
                    self.log(f"tk:{category}/{ident}", "skipped", why)
                if page.next_skiptoken:
                    self.state.put(key, page.next_skiptoken)
            done += len(page.entries)
            self.progress(f"tk {category}", done, None)
            if not page.next_skiptoken or page.next_skiptoken == token:
                return
            token = page.next_skiptoken

    def _put(self, entity) -> None:
        if isinstance(entity, tk.Zaak):
            self.state.put_zaak(entity, replace_children=False)
        elif isinstance(entity, tk.Actor):
            self.state.put_actor(entity)
        elif isinstance(entity, tk.TkDocument):
            self.state.put_tk_document(entity)
        elif isinstance(entity, tk.Toezegging):
            self.state.put_toezegging(entity)

    # --- into the knowledge base ----------------------------------------------------------
    def stale_views(self, enricher: Enricher) -> list[Path]:
        """Views whose outside facts (record, TK case) changed since they were last indexed: they
        are parsed again so the stored document gets them."""
        return [
            view
            for view in self.state.views()
            if self.state.get(f"enriched:{view.name}") != enricher.fingerprint(enricher.facts(str(view)))
        ]

    def import_commitments(self) -> int:
        """The Toezegging register as commitments of origin "mondeling" (rows without a
        document, keyed by the Kamer's Nummer), replacing the previous import in one
        transaction: the state holds the whole register, so a re-sync never duplicates."""
        from sqlmodel import delete

        c = m.CommitmentRow
        items = self.state.toezeggingen()
        with Session(self.engine) as session:
            # the fake "register" document an earlier version hung them on
            session.exec(delete(c).where(c.document_id == LEGACY_REGISTER_ID))
            legacy = session.get(m.DocumentRow, LEGACY_REGISTER_ID)
            if legacy is not None:
                session.delete(legacy)
            session.exec(delete(c).where(col(c.document_id).is_(None)))
            keys: set[str] = set()
            for t in items:
                key = oral_key(t.nummer, t.id)
                if key in keys:  # the same Nummer on two entities: keep the first, as listed
                    continue
                keys.add(key)
                session.add(
                    c(
                        document_id=None,
                        key=key,
                        location=(t.nummer or t.id)[:20],
                        who=t.naam,
                        role=t.functie,
                        ministry=ministry_name(t.ministerie),
                        due=_day(t.datum_nakoming),
                        text=t.tekst or "",
                        origin="mondeling",
                        tk_status=t.status,
                        tk_letter=t.kamerbrief_nakoming,
                    )
                )
            session.commit()
        return len(keys)


def run_sync(
    data_dir: Path,
    db: str | None = None,
    source: str = "all",
    since: date | None = None,
    until: date | None = None,
    client: Client | None = None,
    endpoints: Endpoints | None = None,
    progress: Progress | None = None,
    index_progress: Callable[[Path, str], None] | None = None,
    fetch: bool = True,
) -> SyncReport:
    """Fetch (unless `fetch` is False: then only re-index what is kept) and index.

    The TK data comes first, so that publications are linked to their case the first time they
    are indexed; publications are indexed after every SRU page, so a long first sync fills the
    knowledge base as it goes and a killed one loses nothing it fetched.

    Raises Offline when the first source cannot be reached; SyncIncomplete after indexing what
    was fetched when a listing could not be completed."""
    from indexer.pipeline import Indexer
    from indexer.store import database_url, make_engine

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    own_client = client is None
    client = client or Client()
    failures: list[str] = []
    try:
        with writer_lock(data_dir, "sync.lock", "sync"):
            engine = make_engine(database_url(data_dir, db))
            sync = Sync(data_dir, engine, client, endpoints or Endpoints.from_env(), progress)
            enricher = Enricher(sync.state)
            indexer = Indexer(data_dir, db, enrich=enricher)

            def index(views: list[Path]) -> None:
                """Index these views with their current outside facts, then remember the facts
                (only then: a run killed before this parses them again)."""
                started = time.perf_counter()
                prints = {v: enricher.fingerprint(enricher.facts(str(v))) for v in views}
                _forget(engine, views)
                _add(sync.report, indexer.run(views, progress=index_progress))
                with sync.state:
                    for view, fp in prints.items():
                        sync.state.put(f"enriched:{view.name}", fp)
                sync.report.index_seconds += time.perf_counter() - started

            sync.on_page = index
            try:
                if fetch:
                    for name, step in (("tk", sync.tk), ("koop", sync.koop)):
                        if source not in {name, "all"}:
                            continue
                        try:
                            step(since, until)
                        except SyncFailed as exc:
                            failures.append(f"{name}: {exc}")
                        except FetchError as exc:
                            if isinstance(exc, Offline) and not (sync.report.fetched or sync.report.tk_rows):
                                raise
                            failures.append(f"{name}: {exc}")
                            sync.log(exc.url, "failed", str(exc))
                    # what earlier pages did not index: the rest, and views whose case data changed
                    index(sorted(set(sync.take_fetched()) | set(sync.stale_views(enricher))))
                else:
                    index(sync.state.views())
                if (fetch and source in {"tk", "all"}) or not fetch:
                    sync.report.commitments = sync.import_commitments()
                sync.report.requests = client.requests
                sync.report.fetch_seconds = sync.seconds() - sync.report.index_seconds
            finally:
                sync.state.close()
    finally:
        if own_client:
            client.close()
    sync.report.errors.extend(failures)
    if failures:
        raise SyncIncomplete(sync.report, failures)
    return sync.report


def _add(report: SyncReport, part) -> None:
    """Add one pipeline run's summary to the sync's."""
    if report.index is None:
        report.index = part
        return
    total = report.index
    total.added += part.added
    total.updated += part.updated
    total.unchanged += part.unchanged
    total.failed.extend(part.failed)
    total.skipped.extend(part.skipped)
    total.reindexed += part.reindexed
    total.removed += part.removed


class SyncIncomplete(SyncFailed):
    def __init__(self, report: SyncReport, failures: list[str]) -> None:
        super().__init__("; ".join(failures))
        self.report = report


def _forget(engine, views: list[Path]) -> None:
    """Make the pipeline parse these files again although their bytes did not change."""
    with Session(engine) as session:
        for view in views:
            row = session.exec(select(m.SourceFileRow).where(m.SourceFileRow.path == str(view))).first()
            if row is not None:
                row.content_hash = ""
                session.add(row)
        session.commit()
