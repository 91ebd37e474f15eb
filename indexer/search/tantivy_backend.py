"""A tantivy index in the data folder (`<data>/tantivy/`), behind the same interface as the
Whoosh index: the candidate engine of issue 14, chosen with `--search tantivy`.

Analysis stays the project's own (analysis.py: Dutch folding, stop words, compound parts,
stemming, number normal forms): the text fields are fed the analyzer's terms separated by
spaces and tantivy splits them on whitespace only, so index and query hold the same terms as
Whoosh's. Ranking is tantivy's BM25 per field with Whoosh's field boosts, summed; phrases run
on the unstemmed `exact` field with positions. Filters are term sets on raw fast fields, facets
tantivy aggregations over the whole filtered set, snippets, "did you mean" and the query
language the shared modules'.

Order is total, as in the other backends: best score first (or newest first), then document
id, then the pair's place in its document. tantivy orders only by score (or by one fast field),
so a page is read as the hits scoring above the boundary of a longer fetch, then sorted by
these keys (`_keys`); pairs tying with the boundary are fetched until the tie is closed.

Readers check the index's `meta.json` (atomically replaced by every commit) and the build
pointer per request and reload when either changed: another process's commit is seen by the
next search, with no restart. One process writes at a time (the pipeline's lock; tantivy's own
directory lock refuses a second writer)."""

from __future__ import annotations

import fcntl
import hashlib
import html
import itertools
import json
import math
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import tantivy
from tantivy import Occur
from tantivy import Query as Q

from indexer.search.analysis import (
    TOKEN_PATTERN,
    _fold,
    compound_terms,
    dutch_analyzer,
    dutch_terms,
    exact_analyzer,
    split_compound,
)
from indexer.search.backend import FACETS, Hit, IndexEntry, SearchRequest, SearchResponse
from indexer.search.filters import facet_labels, matching_values
from indexer.search.generations import IndexHome
from indexer.search.query import ParsedQuery, parse_query
from indexer.search.snippets import query_stems, snippet
from indexer.search.spelling import MAX_LENGTH, MIN_LENGTH, Speller, suggestion_wanted
from indexer.search.whoosh_backend import LIST_FIELDS, MAX_SUGGESTED, TEXT_FIELDS
from indexer.search.word_frequencies import word_frequency

TOKENIZER = "kv_terms"  # whitespace: the terms are the project analyzer's, joined by spaces
MAX_TERM = 255  # characters; tantivy refuses terms of 64 KB, nobody searches for such words
FILTER_FIELDS = (*LIST_FIELDS, "kind", "year", "has_figure", "has_commitment")
KEY_COLUMNS = ("k0", "k1", "k2", "k3")  # the document id's first 32 bytes, 8 per column
ORDER_COLUMNS = (*KEY_COLUMNS, "doc_hash", "ordinal")
COMPOUND_BOOST = 0.8
FACET_BUCKETS = 1000  # values per facet the aggregation returns (25 are shown)
# distinct values one aggregation may return: tantivy's default limit of buckets per request
DISTINCT_BUCKETS = 65_000
SPLIT = "\x1f"  # between facet name, value and document id in `facet_docs`
_TOKEN = re.compile(TOKEN_PATTERN)
_SERIALS = itertools.count(1)  # numbers the states of a process, for what is made per state


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("document_id", tokenizer_name="raw", fast=True)
    # (document id, position) as one string: the order of results that score alike
    sb.add_text_field("sort_key", tokenizer_name="raw", fast=True)
    for name in TEXT_FIELDS:  # frequencies for BM25; phrases run on `exact`
        sb.add_text_field(name, tokenizer_name=TOKENIZER, index_option="freq")
    sb.add_text_field("exact", tokenizer_name=TOKENIZER, index_option="position")
    for name in FILTER_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True)
    # "name␟value␟document id" of every facet value: documents per value when grouped
    sb.add_text_field("facet_docs", tokenizer_name="raw", index_option="basic", fast=True)
    sb.add_unsigned_field("day", indexed=True, fast=True)  # date.toordinal(), 0 when unknown
    for name in ORDER_COLUMNS:
        sb.add_unsigned_field(name, fast=True)
    sb.add_bytes_field("hit", stored=True)  # the fields of a Hit and the text for snippets, JSON
    return sb.build()


def _open(path: Path, create: bool = False) -> tantivy.Index:
    ix = (
        tantivy.Index(schema(), path=str(path), reuse=not create) if create else tantivy.Index.open(str(path))
    )
    analyzer = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
    ix.register_tokenizer(TOKENIZER, analyzer.filter(tantivy.Filter.remove_long(MAX_TERM)).build())
    ix.config_reader(reload_policy="manual")  # reloaded by the backend when meta.json changes
    return ix


# --- writing ---------------------------------------------------------------------------------
def dutch_text(value: str) -> str:
    """What the Dutch text analyzer indexes for `value` (stems and compound parts), as one
    whitespace-separated string."""
    return " ".join(term for m in _TOKEN.finditer(value) for term in dutch_terms(m.group(0)))


def exact_text(value: str) -> str:
    """The folded words of `value`, one per position, as the exact analyzer reads them."""
    return " ".join(_fold(m.group(0)) for m in _TOKEN.finditer(value))


def order_key(document_id: str) -> tuple[int, ...]:
    """The sort columns of a document id: its first 32 UTF-8 bytes as four big-endian numbers
    (so they compare as the id does), then a hash for ids that share those bytes."""
    raw = document_id.encode("utf-8")
    padded = raw[:32].ljust(32, b"\0")
    keys = tuple(int.from_bytes(padded[i : i + 8], "big") for i in range(0, 32, 8))
    return (*keys, int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big"))


def _values(entry: IndexEntry, name: str) -> list[str]:
    if name == "year":
        return [str(entry.date.year)] if entry.date else []
    if name == "kind":
        return [entry.kind] if entry.kind else []
    if name in {"has_figure", "has_commitment"}:
        return ["ja" if getattr(entry, name) else "nee"]
    values = [v.replace(SPLIT, " ").strip() for v in getattr(entry, name) if v and v.strip()]
    return [v.lower() for v in values] if name == "kamerstukken" else list(dict.fromkeys(values))


def _document(entry: IndexEntry, ordinal: int) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text("document_id", entry.document_id)
    doc.add_text("sort_key", f"{entry.document_id}{SPLIT}{ordinal:06d}")
    doc.add_text("subject", dutch_text(entry.subject))
    doc.add_text("question", dutch_text(entry.question))
    doc.add_text("answer", dutch_text(entry.answer))
    doc.add_text("people", dutch_text("\n".join(dict.fromkeys([*entry.askers, *entry.answerers]))))
    doc.add_text("exact", exact_text(f"{entry.subject}\n{entry.question}\n{entry.answer}"))
    for name in FILTER_FIELDS:
        for value in _values(entry, name):
            doc.add_text(name, value)
            if name in FACETS:
                doc.add_text("facet_docs", f"{name}{SPLIT}{value}{SPLIT}{entry.document_id}")
    doc.add_unsigned("day", entry.date.toordinal() if entry.date else 0)
    for name, value in zip(ORDER_COLUMNS, (*order_key(entry.document_id), ordinal), strict=True):
        doc.add_unsigned(name, value)
    stored = {
        "pair_id": entry.pair_id,
        "document_id": entry.document_id,
        "source": entry.source,
        "question_numbers": entry.question_numbers,
        "subject": entry.subject,
        "question": entry.question,
        "answer": entry.answer,
        "date": entry.date.isoformat() if entry.date else None,
        "kind": entry.kind,
        "askers": entry.askers,
        "parties": entry.parties,
        "answerers": entry.answerers,
        "ministries": entry.ministries,
    }
    doc.add_bytes("hit", json.dumps(stored, ensure_ascii=False).encode("utf-8"))
    return doc


class _Writer:
    def __init__(self, writer) -> None:
        self._w = writer

    def replace_document(self, document_id: str, entries: list[IndexEntry]) -> None:
        self._w.delete_documents_by_term("document_id", document_id)
        self.add_documents(entries)

    def add_documents(self, entries: list[IndexEntry]) -> None:
        counters: Counter[str] = Counter()
        for entry in entries:
            self._w.add_document(_document(entry, counters[entry.document_id]))
            counters[entry.document_id] += 1

    def delete_document(self, document_id: str) -> None:
        self._w.delete_documents_by_term("document_id", document_id)


class _Build:
    """A whole new index written beside the live one; `publish` makes it live atomically."""

    def __init__(self, home: IndexHome) -> None:
        self.home = home
        self.path = home.new_build()
        self._writer = _open(self.path, create=True).writer(heap_size=256_000_000, num_threads=1)
        self.writer = _Writer(self._writer)
        self.committed = self.published = False

    def commit(self) -> None:
        """Write the new index to disk (merges finished); readers still see the live one."""
        self._writer.commit()
        self._writer.wait_merging_threads()
        self.committed = True

    def publish(self) -> None:
        self.home.switch(self.path)
        self.published = True


# --- reading ---------------------------------------------------------------------------------
class _State:
    """One state of the index, shared by every request that sees it: a searcher (tantivy's
    searchers are safe to share between threads) and what is derived from it once."""

    def __init__(self, build: str, ix: tantivy.Index, signature: tuple) -> None:
        self.build = build
        self.ix = ix
        self.signature = signature
        self.serial = next(_SERIALS)
        self.searcher = ix.searcher()
        self.schema = ix.schema
        self._lock = threading.Lock()
        self._known: dict[str, list[str]] = {}

    def known(self, field: str) -> list[str]:
        """The values of a filter field in the index (for filters matching names loosely)."""
        found = self._known.get(field)
        if found is None:
            found = [t for t, _ in self.searcher.terms_with_prefix(field, "")]
            with self._lock:
                self._known[field] = found
        return found


class _Spelling:
    """'Did you mean' over the words of the index (spelling.py's Speller). Made on first use;
    after a commit the previous one keeps answering while a thread reads the new words, so no
    search waits for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._speller: Speller | None = None
        self._made_for: int | None = None
        self._making = False

    @staticmethod
    def _make(state: _State) -> Speller:
        words, frequencies = [], []
        for word, n in state.searcher.terms_with_prefix("exact", ""):
            if MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha():
                words.append(word)
                frequencies.append(n)
        return Speller(words, frequencies)

    def _refresh(self, state: _State) -> None:
        try:
            speller = self._make(state)
            with self._lock:
                self._speller, self._made_for = speller, state.serial
        finally:
            with self._lock:
                self._making = False

    def speller(self, state: _State) -> Speller:
        with self._lock:
            speller, current = self._speller, self._made_for == state.serial
            start = speller is not None and not current and not self._making
            if start:
                self._making = True
        if speller is None:
            with self._lock:
                if self._speller is None:
                    self._speller, self._made_for = self._make(state), state.serial
                return self._speller
        if start:
            threading.Thread(target=self._refresh, args=(state,), daemon=True).start()
        return speller


class TantivyBackend:
    """SearchBackend on a tantivy index in `path` (a folder of builds, see generations.py)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.home = IndexHome(self.path)
        if not self._exists():
            self._create_first()
        self._state_now: _State | None = None
        self._pointer: tuple[tuple[int, int], Path] | None = None  # (pointer inode and time, live build)
        self._lock = threading.Lock()
        self._spelling = _Spelling()

    def _exists(self) -> bool:
        live = self.home.live()
        return live != self.path and tantivy.Index.exists(str(live))

    def _create_first(self) -> None:
        """An empty first build, made once even when a server and an indexer start together."""
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / ".create.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if not self._exists():
                build = self.home.new_build()
                writer = _open(build, create=True).writer(heap_size=50_000_000, num_threads=1)
                writer.commit()
                writer.wait_merging_threads()
                self.home.switch(build)
        finally:
            os.close(fd)

    # --- writing ----------------------------------------------------------------------------
    @contextmanager
    def writer(self) -> Iterator[_Writer]:
        """A writer on the live build whose changes become visible together on leaving the block
        (or not at all). Only one process writes: the indexing run holding the writer lock."""
        w = _open(self.home.live()).writer(heap_size=64_000_000, num_threads=1)
        try:
            yield _Writer(w)
        except BaseException:
            w.rollback()
            w.wait_merging_threads()
            raise
        w.commit()
        w.wait_merging_threads()

    @contextmanager
    def new_build(self) -> Iterator[_Build]:
        """A rebuild: fill `build.writer`, `commit()`, then `publish()`. Leaving the block without
        publishing discards the new build; the live one keeps serving."""
        build = _Build(self.home)
        try:
            yield build
        finally:
            if not build.published:
                if not build.committed:
                    build._writer.rollback()
                    build._writer.wait_merging_threads()
                self.home.discard(build.path)

    def session_writer(self, session) -> None:
        """None: the index lies outside the database and is written after the store commits."""
        return None

    def word_frequencies(self, words: list[str]) -> tuple[int, list[int]]:
        """(pairs, about how many pairs each word matches; see word_frequencies.py)."""
        searcher = self._state().searcher
        counts = [word_frequency(w, searcher.doc_freq, TEXT_FIELDS) for w in words]
        return searcher.num_docs, counts

    def document_ids(self) -> Iterator[str]:
        state = self._state()
        # counted over live documents: a deleted document's id stays in the terms until a merge
        terms = state.searcher.terms_with_prefix("document_id", "", filter_query=Q.all_query())
        for term, _ in terms:
            yield term

    # --- the state readers see ----------------------------------------------------------------
    def _signature(self) -> tuple | None:
        """What changes when the index does: the build pointer and the build's meta.json, both
        replaced by a rename (a new inode) on every switch and commit."""
        try:
            pointer = (self.path / "current").stat()
            stamp = (pointer.st_ino, pointer.st_mtime_ns)
            read = self._pointer
            if read is None or read[0] != stamp:  # read the pointer only when it was replaced
                read = self._pointer = (stamp, self.home.live())
            build = read[1]
            meta = (build / "meta.json").stat()
        except OSError:
            return None
        return (build.name, *stamp, meta.st_ino, meta.st_mtime_ns, meta.st_size)

    def _state(self) -> _State:
        """The current state of the live index: reloaded when another process (or this one)
        committed or switched builds. One thread reloads; the others wait for it."""
        state = self._state_now
        signature = self._signature()
        if state is not None and (signature is None or signature == state.signature):
            return state
        with self._lock:
            state = self._state_now
            signature = self._signature()
            if state is None or (signature is not None and signature != state.signature):
                build = signature[0] if signature else self.home.live_name()
                if state is not None and state.build == build:
                    ix = state.ix
                    ix.reload()
                else:
                    ix = _open(self.home.live())
                state = self._state_now = _State(build, ix, signature or ())
            return state

    def generation(self) -> tuple:
        """A token of the index state a search would read now, changed by every commit and
        rebuild in any process (result_cache.py keeps answers under it)."""
        return self._state().signature

    def warm(self) -> None:
        """Do now what the first search would do: open the index, load the compound-word
        lexicon, read the words for "did you mean". A server calls it before it accepts
        requests."""
        split_compound("inburgeringsexamen")
        self.search(SearchRequest(query="kamervragen zoekmachine"))

    # --- searching ----------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResponse:
        parsed = parse_query(request.query)
        state = self._state()
        query, scored = self._query(parsed, state)
        searcher = state.searcher
        by_document = request.group == "document"
        stop = request.page * request.page_size
        ranked, total = self._ranked(state, query, scored, request, stop)
        if by_document:
            total = self._documents(state, query, total) if total else 0
        start = (request.page - 1) * request.page_size
        page = ranked[start:stop]
        stems = query_stems(parsed) if request.highlight and page else set()
        hits = [self._hit(searcher.doc(address), score, stems) for score, _, address in page]
        facets = {}
        if request.facets and total:
            facets = self._document_facets(state, query, total) if by_document else self._facets(state, query)
        suggestion = self._suggest(parsed, state) if suggestion_wanted(total, parsed.words) else None
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
        """Every result of a query in order, ranked once on one state of the index. The query
        is read at the call, so InvalidQuery is raised before anything is streamed."""
        parsed = parse_query(request.query)
        state = self._state()
        query, scored = self._query(parsed, state)
        ranked, _ = self._ranked(state, query, scored, request, limit)
        stems = query_stems(parsed) if request.highlight else set()
        return (self._hit(state.searcher.doc(address), score, stems) for score, _, address in ranked[:limit])

    def similar(self, text: str, ministry: str | None = None, limit: int = 10) -> list[Hit]:
        """The earlier pairs most like a draft question: its key terms weighted as Whoosh's Bo1
        model weighs them (frequent in the draft, rare in the index), summed over question,
        answer and subject of every pair, best first."""
        state = self._state()
        searcher = state.searcher
        counts = Counter(dutch_text(text[:5000]).split())
        total = max(searcher.num_docs, 1)
        weights = []
        for term, tf in counts.items():
            df = searcher.doc_freq("question", term)
            if df:
                f = df / total
                weights.append((tf * math.log2((1.0 + f) / f) + math.log2(1.0 + f), term))
        terms = sorted(weights, key=lambda x: (-x[0], x[1]))[:12]
        if not terms:
            return []
        top = terms[0][0] or 1.0
        parts = [
            (Occur.Should, Q.boost_query(Q.term_query(state.schema, field, term), boost * w / top))
            for w, term in terms
            for field, boost in (("question", 1.5), ("answer", 1.0), ("subject", 1.2))
        ]
        query = Q.boolean_query(parts)
        if ministry:
            query = Q.boolean_query(
                [(Occur.Must, query), (Occur.Must, self._filter(state, "ministries", [ministry]))]
            )
        ranked, _ = self._ranked(state, query, True, SearchRequest(), limit)
        stems = {t for _, t in terms}
        return [
            self._hit(searcher.doc(address), score, stems)
            for score, _, address in ranked[:limit]
            if score > 0
        ]

    # --- query building -----------------------------------------------------------------------
    def _query(self, parsed: ParsedQuery, state: _State) -> tuple[Q, bool]:
        """The query for the parsed text and filters, and whether it scores (without words all
        results score alike and are ordered by document)."""
        text, scored = self._text_query(parsed, state)
        must = [(Occur.Must, text)]
        for field, values in parsed.filters.items():
            must.append((Occur.Must, self._filter(state, field, values)))
        for field, values in parsed.negative_filters.items():
            must.append((Occur.MustNot, self._filter(state, field, values)))
        if parsed.date_from or parsed.date_to:
            lower = max(1, parsed.date_from.toordinal()) if parsed.date_from else 1
            upper = parsed.date_to.toordinal() if parsed.date_to else date.max.toordinal()
            days = Q.range_query(state.schema, "day", tantivy.FieldType.Unsigned, lower, upper)
            must.append((Occur.Must, Q.const_score_query(days, 0.0)))
        return (text if len(must) == 1 else Q.boolean_query(must)), scored

    @staticmethod
    def _filter(state: _State, field: str, values: list[str]) -> Q:
        """The pairs having any of the values (scoring nothing)."""
        if field == "kamerstukken":
            values = [v.lower() for v in values]
        if field not in {"kind", "year", "has_figure", "has_commitment", "laws"}:  # laws: BWB ids
            values = matching_values(state.known(field), field, values)
        if not values:
            return Q.empty_query()
        return Q.const_score_query(Q.term_set_query(state.schema, field, values), 0.0)

    @staticmethod
    def _fields(schema, stem_: str, boosts: bool = True) -> Q:
        return Q.boolean_query(
            [
                (
                    Occur.Should,
                    Q.boost_query(Q.term_query(schema, f, stem_), b)
                    if boosts
                    else Q.term_query(schema, f, stem_),
                )
                for f, b in TEXT_FIELDS.items()
            ]
        )

    def _word_query(self, word: str, schema) -> Q | None:
        """A word as the Dutch analyzer reads it in every text field (with Whoosh's boosts),
        or, at a lower weight, both first parts of a compound."""
        stems = [t.text for t in dutch_analyzer()(word, mode="query")]
        if not stems:
            return None
        alternatives = [(Occur.Should, self._fields(schema, s)) for s in stems]
        parts = compound_terms(word.lower())
        if parts:
            analyzer = dutch_analyzer()
            part_stems = [next(iter([t.text for t in analyzer(p, mode="query")]), p) for p in parts[:2]]
            both = Q.boolean_query([(Occur.Must, self._fields(schema, s, boosts=False)) for s in part_stems])
            alternatives.append((Occur.Should, Q.boost_query(both, COMPOUND_BOOST)))
        return alternatives[0][1] if len(alternatives) == 1 else Q.boolean_query(alternatives)

    def _clause_query(self, clause, state: _State) -> Q | None:
        schema = state.schema
        if clause.kind == "phrase":
            words = [t.text for t in exact_analyzer()(clause.text)]
            if not words:
                return None
            return (
                Q.phrase_query(schema, "exact", words)
                if len(words) > 1
                else Q.term_query(schema, "exact", words[0])
            )
        if clause.kind == "prefix":
            folded = [t.text for t in exact_analyzer()(clause.text)]
            if not folded:
                return None
            terms = state.searcher.terms_with_prefix("exact", folded[0], limit=500)
            if not terms:
                return Q.empty_query()
            return Q.boolean_query([(Occur.Should, Q.term_query(schema, "exact", t)) for t, _ in terms])
        return self._word_query(clause.text, schema)

    def _text_query(self, parsed: ParsedQuery, state: _State) -> tuple[Q, bool]:
        """The words, phrases and prefixes combined as the Whoosh backend combines them: AND
        between all of them requires all, otherwise groups joined by AND are alternatives
        (pairs matching more of them score higher); negated clauses exclude."""
        positives: list[Q] = []
        negatives: list[Q] = []
        ops: list[str] = []
        for i, clause in enumerate(parsed.clauses):
            q = self._clause_query(clause, state)
            if q is None:
                continue
            if clause.negated:
                negatives.append(q)
                continue
            if positives:
                ops.append(parsed.operators[i - 1] if i - 1 < len(parsed.operators) else "")
            positives.append(q)
        scored = bool(positives)
        if not positives:
            base = Q.const_score_query(Q.all_query(), 0.0)
        elif any(op == "and" for op in ops) and all(op == "and" for op in ops):
            base = Q.boolean_query([(Occur.Must, q) for q in positives])
        else:
            groups: list[list[Q]] = [[positives[0]]]
            for op, q in zip(ops, positives[1:], strict=True):
                if op == "and":
                    groups[-1].append(q)
                else:
                    groups.append([q])
            parts = [g[0] if len(g) == 1 else Q.boolean_query([(Occur.Must, q) for q in g]) for g in groups]
            base = parts[0] if len(parts) == 1 else Q.boolean_query([(Occur.Should, q) for q in parts])
        if negatives:
            base = Q.boolean_query([(Occur.Must, base), *((Occur.MustNot, q) for q in negatives)])
        return base, scored

    # --- ranking ------------------------------------------------------------------------------
    @staticmethod
    def _keys(state: _State, addresses: list) -> list[tuple[int, ...]]:
        """The order columns of each hit: document id (as numbers), id hash, position."""
        if not addresses:
            return []
        columns = [state.searcher.fast_field_values(name, addresses) for name in ORDER_COLUMNS]
        return [tuple(v or 0 for v in row) for row in zip(*columns, strict=True)]

    def _ranked(
        self, state: _State, query: Q, scored: bool, request: SearchRequest, stop: int
    ) -> tuple[list[tuple[float, tuple, object]], int]:
        """(score, order key, address) of the results in order — at least the first `stop`
        (pairs, or documents when grouped: the best pair of each) — and how many pairs match.

        A fetch of `limit` hits is exact up to the last hit's score (or date): hits tying with
        it may be left out, so only those above it are kept, and the fetch grows until they
        are enough."""
        searcher = state.searcher
        by_date = request.sort == "date"
        grouped = request.group == "document"
        limit = max(stop * (4 if grouped else 1) + 1, 16)
        total = None
        while True:
            if by_date:
                result = searcher.search(query, limit, count=total is None, order_by_field="day")
            elif scored:
                result = searcher.search(query, limit, count=total is None)
            else:  # everything scores 0: by document, then position, read in that order
                result = searcher.search(
                    query, limit, count=total is None, order_by_field="sort_key", order=tantivy.Order.Asc
                )
            if total is None:
                total = result.count
            hits = result.hits
            complete = len(hits) < limit
            if not complete and (by_date or scored):
                boundary = hits[-1][0]
                hits = [h for h in hits if h[0] != boundary]
            enough = len({k[:5] for k in self._keys(state, [a for _, a in hits])}) if grouped else len(hits)
            if complete or enough >= stop:
                break
            limit *= 4
        addresses = [a for _, a in hits]
        keys = self._keys(state, addresses)
        if by_date:
            days = [h[0] for h in hits]
            scores = self._scores(state, query, days[-1] if days else 0, len(hits)) if scored else {}
            rows = [
                (scores.get((a.segment_ord, a.doc), 0.0), k, a, d)
                for (d, a), k in zip(hits, keys, strict=True)
            ]
            rows.sort(key=lambda r: (-r[3], -r[0], r[1]))
            ranked = [(s, k, a) for s, k, a, _ in rows]
        elif scored:
            ranked = sorted(
                ((s, k, a) for (s, a), k in zip(hits, keys, strict=True)), key=lambda r: (-r[0], r[1])
            )
        else:
            ranked = [(0.0, k, a) for a, k in zip(addresses, keys, strict=True)]
        if grouped:
            seen: set[tuple] = set()
            first = []
            for row in ranked:
                if row[1][:5] not in seen:
                    seen.add(row[1][:5])
                    first.append(row)
            ranked = first
        return ranked, total

    @staticmethod
    def _scores(state: _State, query: Q, since: int, n: int) -> dict[tuple[int, int], float]:
        """The scores of the results dated `since` or later (the ones a date-sorted fetch
        kept), by address."""
        days = Q.range_query(state.schema, "day", tantivy.FieldType.Unsigned, since, date.max.toordinal())
        restricted = Q.boolean_query([(Occur.Must, query), (Occur.Must, Q.const_score_query(days, 0.0))])
        hits = state.searcher.search(restricted, max(n, 1), count=False).hits
        return {(a.segment_ord, a.doc): s for s, a in hits}

    # --- counting -----------------------------------------------------------------------------
    @staticmethod
    def _distinct(state: _State, query: Q, field: str) -> list[str] | None:
        """The distinct values of `field` over the matching pairs, read by an aggregation (which
        reads only the matching pairs); None past tantivy's bucket limit per request."""
        try:
            result = state.searcher.aggregate(
                query, {"v": {"terms": {"field": field, "size": DISTINCT_BUCKETS}}}
            )
        except ValueError:
            return None
        if result["v"].get("sum_other_doc_count"):
            return None
        return [b["key"] for b in result["v"]["buckets"]]

    def _documents(self, state: _State, query: Q, pairs: int) -> int:
        """How many documents have a matching pair (of `pairs` matching pairs): aggregated, or
        past the bucket limit from the whole list of document ids (exact too, at a cost that
        grows with the index, not the result)."""
        ids = self._distinct(state, query, "document_id") if pairs <= DISTINCT_BUCKETS else None
        if ids is None:
            ids = state.searcher.terms_with_prefix("document_id", "", filter_query=query)
        return len(ids)

    @staticmethod
    def _top(counts: dict[str, int], top: int = 25) -> dict[str, int]:
        """The values counted most, ties by value (as the Whoosh backend orders them)."""
        return dict(sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:top])

    def _facets(self, state: _State, query: Q) -> dict[str, dict[str, int]]:
        """Pairs per value of every facet over the whole result set, in one aggregation."""
        spec = {name: {"terms": {"field": name, "size": FACET_BUCKETS}} for name in FACETS}
        result = state.searcher.aggregate(query, spec)
        return {
            name: self._top(
                {b["key"]: int(b["doc_count"]) for b in result[name]["buckets"] if b["doc_count"]}
            )
            for name in FACETS
        }

    def _document_facets(self, state: _State, query: Q, documents: int) -> dict[str, dict[str, int]]:
        """Documents per value of every facet over the whole result set (a document's pairs
        share most values, so pairs would count a document repeatedly): exact from the
        distinct (facet, value, document) terms of the matching pairs. Past the bucket limit
        (results of more than some 7,000 documents) the counts are tantivy's cardinality
        estimates (HyperLogLog, 1-2% off): exact counts cost seconds there. An aggregation
        past the limit fails only after reading everything, so large results skip it."""
        fits = documents * len(FACETS) <= DISTINCT_BUCKETS
        terms = self._distinct(state, query, "facet_docs") if fits else None
        if terms is None:
            documents = {"d": {"cardinality": {"field": "document_id"}}}
            spec = {n: {"terms": {"field": n, "size": FACET_BUCKETS}, "aggs": documents} for n in FACETS}
            result = state.searcher.aggregate(query, spec)
            return {
                name: self._top({b["key"]: round(b["d"]["value"]) for b in result[name]["buckets"]})
                for name in FACETS
            }
        counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
        for term in terms:
            name, value, _ = term.split(SPLIT, 2)
            counts[name][value] += 1
        return {name: self._top(counts[name]) for name in FACETS}

    # --- results ------------------------------------------------------------------------------
    @staticmethod
    def _hit(doc: tantivy.Document, score: float, stems: set[str]) -> Hit:
        fields = json.loads(doc.get_first("hit"))
        parts = [snippet(fields.get(name) or "", stems) for name in ("question", "answer")] if stems else []
        text = " … ".join(p for p in parts if p)
        if not text:
            text = html.escape((fields.get("question") or fields.get("answer") or "")[:240])
        return Hit(
            pair_id=fields["pair_id"],
            document_id=fields["document_id"],
            source=fields.get("source", ""),
            question_numbers=fields.get("question_numbers") or [],
            score=float(score),
            snippet=text,
            subject=fields.get("subject") or None,
            date=date.fromisoformat(fields["date"]) if fields.get("date") else None,
            kind=fields.get("kind", ""),
            askers=fields.get("askers") or [],
            parties=fields.get("parties") or [],
            answerers=fields.get("answerers") or [],
            ministries=fields.get("ministries") or [],
        )

    def _suggest(self, parsed: ParsedQuery, state: _State) -> str | None:
        """'Did you mean': each unknown word (of the first MAX_SUGGESTED) replaced by the
        closest word in the index, at a bounded cost (see spelling.py)."""
        changed = False
        words = []
        for n, clause in enumerate(parsed.clauses):
            word = clause.text
            if clause.kind == "word" and not clause.negated and n < MAX_SUGGESTED:
                folded = next(iter(t.text for t in exact_analyzer()(word[: MAX_LENGTH + 1])), word)
                known = not (MIN_LENGTH <= len(folded) <= MAX_LENGTH and folded.isalpha()) or (
                    state.searcher.doc_freq("exact", folded) > 0
                )
                option = None if known else self._closest(state, folded)
                if option:
                    word, changed = option, True
            words.append(f'"{word}"' if clause.kind == "phrase" else word)
        return " ".join(words) if changed else None

    def _closest(self, state: _State, word: str) -> str | None:
        options = self._spelling.speller(state).near(word)
        if not options:
            return None
        return min(options, key=lambda o: (o[0], -o[2], o[1]))[1]
