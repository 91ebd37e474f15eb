"""The embedded search engine: a Whoosh index in the data folder, one entry per question/answer
pair. Filters are applied inside the search (before ranking and paging), facets are counted over
the whole filtered result set with numpy from the posting lists, snippets are highlighted."""

from __future__ import annotations

import fcntl
import html
import os
import threading
import time as clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
from whoosh import classify, index
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import FileIndex
from whoosh.searching import Searcher

from indexer.search.analysis import compound_terms, dutch_analyzer, exact_analyzer, split_compound, stem
from indexer.search.backend import FACETS, Hit, IndexEntry, SearchRequest, SearchResponse
from indexer.search.columns import Columns, retain_segments, segment_arrays
from indexer.search.filters import facet_labels, matching_values
from indexer.search.generations import IndexHome
from indexer.search.mapped import MappedStorage
from indexer.search.query import ParsedQuery, parse_query
from indexer.search.ranking import Ranker, segments
from indexer.search.snippets import snippet
from indexer.search.spelling import MAX_LENGTH, Spellers, suggestion_wanted
from indexer.search.word_frequencies import word_frequency

# `people` holds the askers' and answerers' names, so "Azmani" is found as a plain word; its
# boost is modest because a name in the header says less about a pair than its own text
TEXT_FIELDS = {"subject": 2.0, "question": 1.5, "answer": 1.0, "people": 0.8}
MAX_SUGGESTED = 6  # words of a query looked at for "did you mean"
LIST_FIELDS = ("askers", "parties", "addressees", "answerers", "ministries", "laws", "kamerstukken")


def schema() -> Schema:
    dutch = dutch_analyzer()
    values = RegexTokenizer(r"[^|]+")  # list fields: values joined by "|", each kept whole
    return Schema(
        pair_id=ID(stored=True, unique=True),
        document_id=ID(stored=True, sortable=True),
        source=STORED(),
        question_numbers=STORED(),
        kind=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        year=ID(stored=True),
        vergaderjaar=ID(stored=True),
        subject=TEXT(analyzer=dutch, stored=True, phrase=False),
        question=TEXT(analyzer=dutch, stored=True, phrase=False),
        answer=TEXT(analyzer=dutch, stored=True, phrase=False),
        people=TEXT(analyzer=dutch, phrase=False),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True, spelling=True),
        askers=KEYWORD(stored=True, analyzer=values, scorable=False),
        parties=KEYWORD(stored=True, analyzer=values, scorable=False),
        addressees=KEYWORD(stored=True, analyzer=values, scorable=False),
        answerers=KEYWORD(stored=True, analyzer=values, scorable=False),
        ministries=KEYWORD(stored=True, analyzer=values, scorable=False),
        laws=KEYWORD(stored=True, analyzer=values, scorable=False),
        kamerstukken=KEYWORD(stored=True, analyzer=values | LowercaseFilter(), scorable=False),
        has_figure=BOOLEAN(stored=True),
        has_commitment=BOOLEAN(stored=True),
    )


def _fields(entry: IndexEntry) -> dict:
    d = entry.model_dump()
    fields = {
        "pair_id": entry.pair_id,
        "document_id": entry.document_id,
        "source": entry.source,
        "question_numbers": entry.question_numbers,
        "kind": entry.kind,
        "subject": entry.subject,
        "question": entry.question,
        "answer": entry.answer,
        "exact": f"{entry.subject}\n{entry.question}\n{entry.answer}",
        "people": "\n".join(dict.fromkeys([*entry.askers, *entry.answerers])),
        "has_figure": entry.has_figure,
        "has_commitment": entry.has_commitment,
    }
    if entry.vergaderjaar:
        fields["vergaderjaar"] = entry.vergaderjaar
    if entry.date:
        fields["date"] = datetime.combine(entry.date, time())
        fields["year"] = str(entry.date.year)
    for name in LIST_FIELDS:
        values = [v.replace("|", "/").strip() for v in d[name] if v and v.strip()]
        if values:
            fields[name] = "|".join(values)
    return fields


class _Writer:
    def __init__(self, writer) -> None:
        self._w = writer

    def replace_document(self, document_id: str, entries: list[IndexEntry]) -> None:
        self._w.delete_by_term("document_id", document_id)
        self.add_documents(entries)

    def add_documents(self, entries: list[IndexEntry]) -> None:
        known = set(self._w.schema.names())
        for entry in entries:
            # an index built before a field existed keeps taking documents until its rebuild
            self._w.add_document(**{k: v for k, v in _fields(entry).items() if k in known})

    def delete_document(self, document_id: str) -> None:
        self._w.delete_by_term("document_id", document_id)


class _Snapshot:
    """One state of the index as every search of a request sees it: one generation of one
    build, the arrays made for exactly that state (columns.py, ranking.py), and a pool of
    searchers opened on it. A request checks a searcher out and gives it back: Whoosh's file
    objects keep a read position, so two threads reading through one searcher read each other's
    bytes (issue 14: UnpicklingError, zlib.error, wrong results under load).

    A searcher is never refreshed in place: Whoosh reuses a segment's reader on refresh without
    its new deletions, so replaced documents were counted twice until a restart."""

    POOL = 64  # searchers kept per state; more are opened when more requests run at once

    def __init__(self, build: str, ix) -> None:
        self.build = build
        self.ix = ix
        self.home = str(ix.storage.folder)
        self.toc = ix._read_toc()
        self.generation = self.toc.generation
        self._lock = threading.Lock()
        self._pool: list[Searcher] = []
        self._spellers: Spellers | None = None
        self.signature: tuple[int, int] | None = None  # folder times when known to be current
        searcher = self._open()
        reader = searcher.reader()
        parts = segments(reader)
        live = np.ones(reader.doc_count_all(), dtype=bool)
        arrays = []
        for seg, offset in parts:
            arrays.append((segment_arrays(self.home, seg, list(TEXT_FIELDS)), offset))
            if seg.has_deletions():
                live[np.fromiter(seg.segment().deleted_docs(), dtype=np.int64) + offset] = False
        self.columns = Columns(arrays, live)
        lengths = {
            f: np.concatenate([a.lengths[f] for a, _ in arrays])
            for f in TEXT_FIELDS
            if arrays and f in arrays[0][0].lengths
        }
        self.ranker = Ranker(self.home, live, TEXT_FIELDS, lengths)
        self._pool.append(searcher)
        names = {seg.segment().segment_id() for seg, _ in parts}
        retain_segments(self.home, names)
        if isinstance(ix.storage, MappedStorage):
            ix.storage.retain({f"{n}.seg" for n in names})

    def _open(self) -> Searcher:
        reader = FileIndex._reader(self.ix.storage, self.toc.schema, list(self.toc.segments), self.generation)
        return Searcher(reader, fromindex=self.ix)

    def checkout(self) -> Searcher:
        """A searcher of this state for one thread's exclusive use; give it back with `checkin`.
        Raises OSError when the state's files are gone (merged away by a later commit)."""
        with self._lock:
            if self._pool:
                return self._pool.pop()
        return self._open()

    def checkin(self, searcher: Searcher) -> None:
        with self._lock:
            if len(self._pool) < self.POOL:
                self._pool.append(searcher)
                return
        searcher.close()

    def spellers(self, reader) -> Spellers:
        """Made on the first query that needs a suggestion; segments already read by an
        earlier state of the index are not read again."""
        with self._lock:
            if self._spellers is None:
                self._spellers = Spellers(reader, "exact", self.home)
            return self._spellers

    def current(self, home: IndexHome) -> bool:
        return home.live_name() == self.build and self.ix.latest_generation() == self.generation


class _Build:
    """A whole new index written beside the live one; `publish` makes it live atomically."""

    def __init__(self, home: IndexHome) -> None:
        self.home = home
        self.path = home.new_build()
        self._writer = index.create_in(str(self.path), schema()).writer(limitmb=256)
        self.writer = _Writer(self._writer)
        self.committed = self.published = False

    def commit(self) -> None:
        """Write the new index to disk; readers still see the live one."""
        self._writer.commit()
        self.committed = True

    def publish(self) -> None:
        self.home.switch(self.path)
        self.published = True


class WhooshBackend:
    """SearchBackend on a Whoosh index in `path` (a folder of builds, see generations.py)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.home = IndexHome(self.path)
        if not self.home.exists():
            self._create_first()
        self._snap: _Snapshot | None = None
        self._lock = threading.Lock()

    def _create_first(self) -> None:
        """An empty first build, made once even when a server and an indexer start together."""
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / ".create.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if not self.home.exists():
                build = self.home.new_build()
                index.create_in(str(build), schema())
                self.home.switch(build)
        finally:
            os.close(fd)

    @property
    def ix(self):
        return self._snapshot().ix

    # --- writing ----------------------------------------------------------------------------
    @contextmanager
    def writer(self):
        """A writer on the live build whose changes become visible together on leaving the block
        (or not at all). Only one process writes: the indexing run holding the writer lock."""
        w = index.open_dir(str(self.home.live())).writer(limitmb=128)
        try:
            yield _Writer(w)
        except BaseException:
            w.cancel()
            raise
        w.commit()

    @contextmanager
    def new_build(self) -> Iterator[_Build]:
        """A rebuild: fill `build.writer`, `commit()`, then `publish()`. Leaving the block without
        publishing (an error, a full disk) discards the new build; the live one keeps serving."""
        build = _Build(self.home)
        try:
            yield build
        finally:
            if not build.published:
                if not build.committed:
                    build._writer.cancel()
                self.home.discard(build.path)

    def document_ids(self) -> Iterator[str]:
        with self._searching() as (_, searcher):
            terms = list(searcher.reader().lexicon("document_id"))
        for term in terms:
            yield term.decode("utf-8") if isinstance(term, bytes) else term

    def session_writer(self, session) -> None:
        """None: the index lies outside the database and is written after the store commits."""
        return None

    def word_frequencies(self, words: list[str]) -> tuple[int, list[int]]:
        """(live pairs, about how many pairs each word matches; see word_frequencies.py)."""
        with self._searching() as (snap, searcher):
            fields = snap.ranker.fields  # those the index has (an older one may lack one)
            counts = [word_frequency(w, searcher.doc_frequency, fields) for w in words]
            return searcher.doc_count(), counts

    # --- reading ----------------------------------------------------------------------------
    def _snapshot(self, stale: _Snapshot | None = None) -> _Snapshot:
        """The current state of the live index, made anew when another process committed to it
        or switched to a new build (or when `stale` is the one we have); unchanged states are
        shared by every thread. One thread makes a new state; the others wait for it."""
        snap = self._snap
        if snap is not None and snap is not stale and self._unchanged(snap):
            return snap  # the common case: no lock, two stat calls
        with self._lock:
            snap = self._snap
            if snap is None or snap is stale or not snap.current(self.home):
                build = self.home.live_name()
                if snap is not None and snap.build == build:
                    ix = snap.ix
                else:
                    ix = FileIndex(MappedStorage(str(self.home.live())))
                self._snap = snap = _Snapshot(build, ix)
            return snap

    def _unchanged(self, snap: _Snapshot) -> bool:
        """Whether the index is still in the state of `snap`, mostly without reading a file:
        a commit adds a table of contents to the build folder and a rebuild replaces the
        pointer in the index folder, and both change their folder's modification time. A
        recorded time is trusted only once it is two seconds old, so a second change within
        the file system's timestamp granularity is never missed."""
        try:
            signature = (self.path.stat().st_mtime_ns, (self.path / snap.build).stat().st_mtime_ns)
        except OSError:
            return False
        if signature == snap.signature:
            return True
        if not snap.current(self.home):
            return False
        if clock.time_ns() - max(signature) > 2_000_000_000:
            snap.signature = signature
        return True

    @contextmanager
    def _searching(self) -> Iterator[tuple[_Snapshot, Searcher]]:
        """The current state and a searcher of it for this thread alone."""
        snap = self._snapshot()
        try:
            searcher = snap.checkout()
        except OSError:  # its segments were merged away meanwhile: the newer state has them
            snap = self._snapshot(stale=snap)
            searcher = snap.checkout()
        try:
            yield snap, searcher
        finally:
            snap.checkin(searcher)

    def generation(self) -> tuple[str, int]:
        """A token of the index state a search would read now (build and commit generation),
        changed by every commit and rebuild in any process (result_cache.py keeps answers
        under it)."""
        snap = self._snapshot()
        return (snap.build, snap.generation)

    def warm(self) -> None:
        """Do now what the first search would do: open the index, read its arrays, load the
        compound-word lexicon and the stemmer, build the spelling index. A server calls it
        before it accepts requests."""
        split_compound("inburgeringsexamen")
        self.search(SearchRequest(query="kamervragen zoekmachine"))

    def search(self, request: SearchRequest) -> SearchResponse:
        parsed = parse_query(request.query)
        with self._searching() as (snap, searcher):
            text_query, matched, scores = self._matches(parsed, snap, searcher)
            columns = snap.columns
            total = columns.distinct_documents(matched) if request.group == "document" else len(matched)
            hits: list[Hit] = []
            if total:
                start, stop = (request.page - 1) * request.page_size, request.page * request.page_size
                page = self._ranked(matched, scores, columns, request, stop)[start:stop]
                stems = _query_stems(text_query) if request.highlight else set()
                hits = [self._hit(searcher.stored_fields(int(d)), float(scores[d]), stems) for d in page]
            by_document = request.group == "document"
            facets = (
                {name: columns.count(matched, name, documents=by_document) for name in FACETS}
                if request.facets and total
                else {}
            )
            wanted = suggestion_wanted(total, parsed.words)
            suggestion = self._suggest(parsed, snap, searcher) if wanted else None
        return SearchResponse(
            query=request.query,
            total=total,
            page=request.page,
            page_size=request.page_size,
            results=hits,
            facets=facets,
            facet_labels=facet_labels(facets),
            suggestion=suggestion,
        )

    def iter_hits(self, request: SearchRequest, limit: int) -> Iterator[Hit]:
        """Every result of a query in order, ranked once on one state of the index: an export
        holds each pair exactly once even while an indexing run commits. The query is read at
        the call, so InvalidQuery is raised before anything is streamed."""
        parsed = parse_query(request.query)
        with self._searching() as (snap, searcher):
            text_query, matched, scores = self._matches(parsed, snap, searcher)
        ranked = self._ranked(matched, scores, snap.columns, request, limit)[:limit]
        stems = _query_stems(text_query) if request.highlight else set()
        return self._stream(snap, ranked, scores, stems)

    def _stream(
        self, snap: _Snapshot, ranked: np.ndarray, scores: np.ndarray, stems: set[str]
    ) -> Iterator[Hit]:
        """The hits of an export, read with a searcher of their own (a stream may be consumed
        by another thread than the one that made it)."""
        searcher = snap.checkout()
        try:
            for d in ranked.tolist():
                yield self._hit(searcher.stored_fields(d), float(scores[d]), stems)
        finally:
            snap.checkin(searcher)

    def _matches(self, parsed: ParsedQuery, snap: _Snapshot, searcher: Searcher):
        """The text query, the matching docnums and every docnum's score."""
        text_query = self._text_query(parsed, snap.toc.schema["question"].analyzer)
        scores, mask = snap.ranker.evaluate(text_query, searcher)
        allowed = self._filter_mask(parsed, snap.columns)
        if allowed is not None:
            mask &= allowed
        return text_query, np.flatnonzero(mask), scores

    @staticmethod
    def _ranked(
        matched: np.ndarray, scores: np.ndarray, columns: Columns, request: SearchRequest, stop: int
    ) -> np.ndarray:
        """Docnums in result order, at least the first `stop`: best score first (or newest first),
        optionally one pair per document. Equal scores are ordered by document id, then by
        position in the document, so the order is total: consecutive pages and exports hold
        each pair once."""
        s = scores[matched]
        if request.sort != "date" and request.group == "pair" and len(matched) > stop * 4:
            # only the best `stop` can be shown, and every pair tying with the last of them
            threshold = -np.partition(-s, stop - 1)[stop - 1]
            keep = s >= threshold
            matched, s = matched[keep], s[keep]
        keys = [matched, columns.document_code[matched], -s]
        if request.sort == "date":
            keys.append(-columns.days[matched])
        ranked = matched[np.lexsort(keys)]
        if request.group == "document":
            _, first = np.unique(columns.document_code[ranked], return_index=True)
            ranked = ranked[np.sort(first)]
        return ranked

    def similar(self, text: str, ministry: str | None = None, limit: int = 10) -> list[Hit]:
        """The earlier pairs most like a draft question: its key terms (Bo1), weighted by how
        informative they are, summed over question and answer of every pair, best first."""
        with self._searching() as (snap, searcher):
            terms = searcher.key_terms_from_text(
                "question", text[:5000], numterms=12, model=classify.Bo1Model
            )
            if not terms:
                return []
            top = max(w for _, w in terms) or 1.0
            weighted = []
            for term, weight in terms:
                weighted.append(("question", term, 1.5 * weight / top))
                weighted.append(("answer", term, weight / top))
                weighted.append(("subject", term, 1.2 * weight / top))
            scores, _ = snap.ranker.evaluate(
                wq.Or([wq.Term(field, term, boost=weight) for field, term, weight in weighted]), searcher
            )
            if ministry:
                scores[~self._field_mask(snap.columns, "ministries", [ministry])] = 0
            top = (
                np.argpartition(-scores, min(limit, len(scores) - 1))[:limit]
                if len(scores) > limit
                else np.arange(len(scores))
            )
            best = [int(d) for d in top[np.lexsort((top, -scores[top]))] if scores[d] > 0]
            stems = {t for t, _ in terms}
            return [self._hit(searcher.stored_fields(d), float(scores[d]), stems) for d in best]

    # --- query building ---------------------------------------------------------------------
    def _word_query(self, word: str, analyzer):
        """A word as the index's own analyzer reads it (an older index keeps its analyzer)."""
        stems = [t.text for t in analyzer(word, mode="query")]
        if not stems:
            return None
        alternatives = []
        for word_stem in stems:
            alternatives.extend(wq.Term(f, word_stem, boost=b) for f, b in TEXT_FIELDS.items())
        parts = compound_terms(word.lower())
        if parts:
            part_stems = [next(iter([t.text for t in analyzer(p, mode="query")]), p) for p in parts[:2]]
            alternatives.append(
                wq.And([wq.Or([wq.Term(f, s) for f in TEXT_FIELDS]) for s in part_stems], boost=0.8)
            )
        return wq.Or(alternatives)

    def _clause_query(self, clause, analyzer):
        if clause.kind == "phrase":
            words = [t.text for t in exact_analyzer()(clause.text)]
            return (
                wq.Phrase("exact", words)
                if len(words) > 1
                else (wq.Term("exact", words[0]) if words else None)
            )
        if clause.kind == "prefix":
            folded = [t.text for t in exact_analyzer()(clause.text)]
            return wq.Prefix("exact", folded[0]) if folded else None
        return self._word_query(clause.text, analyzer)

    def _text_query(self, parsed: ParsedQuery, analyzer):
        positives: list = []
        negatives: list = []
        ops: list[str] = []
        for i, clause in enumerate(parsed.clauses):
            q = self._clause_query(clause, analyzer)
            if q is None:
                continue
            if clause.negated:
                negatives.append(q)
                continue
            if positives:
                ops.append(parsed.operators[i - 1] if i - 1 < len(parsed.operators) else "")
            positives.append(q)
        if not positives:
            base = wq.Every()
        elif any(op == "and" for op in ops) and all(op in {"and", ""} for op in ops) and "" not in ops:
            base = wq.And(positives)
        else:
            # words without operators: pairs matching most of them rank first (coordination),
            # but no word is required, so an inflection or spelling variant does not sink a hit
            groups: list[list] = [[positives[0]]]
            for op, q in zip(ops, positives[1:], strict=True):
                if op == "and":
                    groups[-1].append(q)
                else:
                    groups.append([q])
            parts = [g[0] if len(g) == 1 else wq.And(g) for g in groups]
            base = parts[0] if len(parts) == 1 else wq.Or(parts)
        if negatives:
            base = wq.AndNot(base, wq.Or(negatives))
        return base

    @staticmethod
    def _field_mask(columns: Columns, field: str, values: list[str]) -> np.ndarray:
        if field in {"kind", "year", "has_figure", "has_commitment", "laws"}:  # laws: BWB ids
            return columns.mask(field, values)
        return columns.mask(field, matching_values(columns.values(field), field, values))

    def _filter_mask(self, parsed: ParsedQuery, columns: Columns) -> np.ndarray | None:
        mask = None
        for field, values in parsed.filters.items():
            m = self._field_mask(columns, field, values)
            mask = m if mask is None else mask & m
        for field, values in parsed.negative_filters.items():
            m = ~self._field_mask(columns, field, values)
            mask = m if mask is None else mask & m
        if parsed.date_from or parsed.date_to:
            m = columns.date_mask(parsed.date_from, parsed.date_to)
            mask = m if mask is None else mask & m
        return mask

    # --- results ----------------------------------------------------------------------------
    def _hit(self, fields: dict, score: float, stems: set[str]) -> Hit:
        parts = [snippet(fields.get(name) or "", stems) for name in ("question", "answer")] if stems else []
        text = " … ".join(p for p in parts if p)
        if not text:
            text = html.escape((fields.get("question") or fields.get("answer") or "")[:240])
        d = fields.get("date")
        return Hit(
            pair_id=fields["pair_id"],
            document_id=fields["document_id"],
            source=fields.get("source", ""),
            question_numbers=list(fields.get("question_numbers") or []),
            score=score,
            snippet=text,
            subject=fields.get("subject") or None,
            date=d.date() if isinstance(d, datetime) else d if isinstance(d, date) else None,
            kind=fields.get("kind", ""),
            askers=_split(fields.get("askers")),
            parties=_split(fields.get("parties")),
            answerers=_split(fields.get("answerers")),
            ministries=_split(fields.get("ministries")),
        )

    @staticmethod
    def _suggest(parsed: ParsedQuery, snap: _Snapshot, searcher: Searcher) -> str | None:
        """'Did you mean': each unknown word (of the first MAX_SUGGESTED) replaced by the
        closest word in the index, at a bounded cost (see spelling.py)."""
        reader = searcher.reader()
        changed = False
        words = []
        for n, clause in enumerate(parsed.clauses):
            word = clause.text
            if clause.kind == "word" and not clause.negated and n < MAX_SUGGESTED:
                folded = next(iter(t.text for t in exact_analyzer()(word[: MAX_LENGTH + 1])), word)
                if not reader.frequency("exact", folded):
                    option = snap.spellers(reader).suggest(folded)
                    if option:
                        word, changed = option, True
            words.append(f'"{word}"' if clause.kind == "phrase" else word)
        return " ".join(words) if changed else None


def _query_stems(query) -> set[str]:
    """The text terms a query looks for, as indexed (stems of the Dutch fields, folded words
    of the exact field)."""
    stems = set()
    for field, term in query.iter_all_terms():
        if field in TEXT_FIELDS or field == "exact":
            stems.add(term.decode("utf-8") if isinstance(term, bytes) else term)
    return stems | {stem(t) for t in stems}  # exact-field words, stemmed like the snippet keys


def _split(value) -> list[str]:
    if not value:
        return []
    return [v for v in value.split("|") if v]
