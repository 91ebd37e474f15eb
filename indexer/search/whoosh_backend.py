"""The embedded search engine: a Whoosh index in the data folder, one entry per question/answer
pair. Filters are applied inside the search (before ranking and paging), facets are counted over
the whole filtered result set with numpy from the posting lists, snippets are highlighted."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
from whoosh import classify, index
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from indexer.search.analysis import compound_terms, dutch_analyzer, exact_analyzer, stem
from indexer.search.backend import FACETS, Hit, IndexEntry, SearchRequest, SearchResponse
from indexer.search.query import ParsedQuery, parse_query
from indexer.search.ranking import Ranker, term_postings
from indexer.search.snippets import snippet
from indexer.store import MINISTRY_ABBREVIATIONS, ministry_name

TEXT_FIELDS = {"subject": 2.0, "question": 1.5, "answer": 1.0}
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
        for entry in entries:
            self._w.add_document(**_fields(entry))

    def add_documents(self, entries: list[IndexEntry]) -> None:
        for entry in entries:
            self._w.add_document(**_fields(entry))

    def delete_document(self, document_id: str) -> None:
        self._w.delete_by_term("document_id", document_id)


class Columns:
    """Per field: every (value, docnum) posting as numpy arrays, and each pair's date as a day
    number, built once per index generation from the posting lists (no stored fields read).

    Filters and facets both run on these arrays: a filter is a boolean mask over docnums, a
    facet is one bincount over the result set. Whoosh's own range queries over dates expand to
    many terms and were the slowest part of a filtered search."""

    FIELDS = (*FACETS, "addressees", "kamerstukken")

    def __init__(self, reader) -> None:
        self.size = reader.doc_count_all()
        self.fields: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        for name in self.FIELDS:
            values: list[str] = []
            term_ids: list[np.ndarray] = []
            docs: list[np.ndarray] = []
            for i, term in enumerate(reader.lexicon(name)):
                text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                if name in {"has_figure", "has_commitment"}:
                    text = {"t": "ja", "f": "nee"}.get(text, text)
                ids = term_postings(reader, name, term)[0]
                values.append(text)
                term_ids.append(np.full(len(ids), i, dtype=np.int32))
                docs.append(ids)
            self.fields[name] = (
                values,
                np.concatenate(term_ids) if term_ids else np.zeros(0, np.int32),
                np.concatenate(docs) if docs else np.zeros(0, np.int64),
            )
        self.document_code = self._document_codes(reader)
        self.live = np.zeros(self.size, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self.days = self._days(reader)

    def _document_codes(self, reader) -> np.ndarray:
        """A number per document id, for each docnum (grouping and counting documents)."""
        if reader.has_column("document_id"):
            column = reader.column_reader("document_id")
            ids = [column[d] for d in range(self.size)]
            return np.unique(np.array(ids, dtype=object), return_inverse=True)[1].astype(np.int64)
        codes = np.full(self.size, -1, dtype=np.int64)  # an index made before the column existed
        for i, term in enumerate(reader.lexicon("document_id")):
            codes[term_postings(reader, "document_id", term)[0]] = i
        return codes

    def _days(self, reader) -> np.ndarray:
        """date.toordinal() per docnum, 0 when unknown (DATETIME columns hold microseconds since
        datetime.min)."""
        if not reader.has_column("date"):
            return np.zeros(self.size, dtype=np.int32)
        column = reader.column_reader("date", translate=False)
        raw = np.array(
            [v if v and 0 < v < 2**62 else 0 for v in map(column.__getitem__, range(self.size))],
            dtype=np.int64,
        )  # a missing date reads as the column's (huge) default
        days = raw // 86_400_000_000 + 1
        valid = (raw > 0) & (days > date(1800, 1, 1).toordinal()) & (days < date(2200, 1, 1).toordinal())
        return np.where(valid, days, 0).astype(np.int32)

    def values(self, name: str) -> list[str]:
        return self.fields[name][0]

    def mask(self, name: str, wanted: list[str]) -> np.ndarray:
        """Docnums having any of the wanted values (exact terms as stored in the index)."""
        values, term_ids, docs = self.fields[name]
        codes = [i for i, v in enumerate(values) if v in set(wanted)]
        out = np.zeros(self.size, dtype=bool)
        if codes:
            out[docs[np.isin(term_ids, codes)]] = True
        return out

    def date_mask(self, start: date | None, end: date | None) -> np.ndarray:
        out = self.days > 0
        if start:
            out &= self.days >= start.toordinal()
        if end:
            out &= self.days <= end.toordinal()
        return out

    def count(self, docnums: np.ndarray, name: str, top: int = 25) -> dict[str, int]:
        values, term_ids, docs = self.fields[name]
        if not len(values) or not len(docnums):
            return {}
        mask = np.zeros(self.size, dtype=bool)
        mask[docnums] = True
        counts = np.bincount(term_ids[mask[docs]], minlength=len(values))
        order = np.argsort(-counts, kind="stable")[:top]
        return {values[i]: int(counts[i]) for i in order if counts[i] > 0}

    def distinct_documents(self, docnums: np.ndarray) -> int:
        return len(np.unique(self.document_code[docnums])) if len(docnums) else 0


class WhooshBackend:
    """SearchBackend on a Whoosh index in `path`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        if index.exists_in(str(self.path)):
            self.ix = index.open_dir(str(self.path))
        else:
            self.ix = index.create_in(str(self.path), schema())
        self._searcher = None
        self._columns: tuple[tuple, Columns] | None = None
        self._ranker: tuple[tuple, Ranker] | None = None
        self._lock = threading.Lock()

    # --- writing ----------------------------------------------------------------------------
    @contextmanager
    def writer(self, bulk: bool = False):
        """A writer whose changes become visible together on leaving the block (or not at all)."""
        kwargs = {"procs": 2, "multisegment": True, "limitmb": 128} if bulk else {"limitmb": 128}
        w = self.ix.writer(**kwargs)
        try:
            yield _Writer(w)
        except BaseException:
            w.cancel()
            raise
        w.commit()

    def clear(self) -> None:
        self.ix = index.create_in(str(self.path), schema())
        self._searcher = None
        self._columns = None
        self._ranker = None

    def document_ids(self) -> Iterator[str]:
        with self.ix.searcher() as s:
            for term in s.reader().lexicon("document_id"):
                yield term.decode("utf-8") if isinstance(term, bytes) else term

    # --- reading ----------------------------------------------------------------------------
    def _get_searcher(self):
        with self._lock:
            if self._searcher is None:
                self._searcher = self.ix.searcher()
            else:
                self._searcher = self._searcher.refresh()
            return self._searcher

    @staticmethod
    def _generation(searcher) -> tuple[int, int, int]:
        """Identifies one state of the index: the numpy caches are rebuilt when it changes."""
        return searcher.reader().generation(), searcher.doc_count_all(), searcher.doc_count()

    def _ranker_for(self, searcher) -> Ranker:
        key = self._generation(searcher)
        if self._ranker is None or self._ranker[0] != key:
            self._ranker = (key, Ranker(searcher, self._columns_for(searcher).live, TEXT_FIELDS))
        return self._ranker[1]

    def _columns_for(self, searcher) -> Columns:
        key = self._generation(searcher)
        if self._columns is None or self._columns[0] != key:
            self._columns = (key, Columns(searcher.reader()))
        return self._columns[1]

    def search(self, request: SearchRequest) -> SearchResponse:
        parsed = parse_query(request.query)
        searcher = self._get_searcher()
        columns = self._columns_for(searcher)
        text_query = self._text_query(parsed)
        scores, mask = self._ranker_for(searcher).evaluate(text_query)
        allowed = self._filter_mask(parsed, columns)
        if allowed is not None:
            mask &= allowed
        matched = np.flatnonzero(mask)
        total = columns.distinct_documents(matched) if request.group == "document" else len(matched)
        hits: list[Hit] = []
        if total:
            page = self._page(matched, scores, columns, request)
            stems = _query_stems(text_query) if request.highlight else set()
            hits = [self._hit(_Stored(searcher, int(d), float(scores[d])), stems) for d in page]
        facets = {name: columns.count(matched, name) for name in FACETS} if request.facets and total else {}
        suggestion = self._suggest(parsed, searcher) if total < 3 and parsed.words else None
        return SearchResponse(
            query=request.query,
            total=total,
            page=request.page,
            page_size=request.page_size,
            results=hits,
            facets=facets,
            suggestion=suggestion,
        )

    @staticmethod
    def _page(
        matched: np.ndarray, scores: np.ndarray, columns: Columns, request: SearchRequest
    ) -> np.ndarray:
        """The docnums of the requested page: best score first (or newest first), optionally one
        pair per document."""
        start, stop = (request.page - 1) * request.page_size, request.page * request.page_size
        s = scores[matched]
        if request.sort == "date":
            ranked = matched[np.lexsort((-s, -columns.days[matched]))]
        elif request.group == "pair" and len(matched) > stop * 4:
            top = np.argpartition(-s, stop - 1)[:stop]
            ranked = matched[top[np.argsort(-s[top], kind="stable")]]
        else:
            ranked = matched[np.argsort(-s, kind="stable")]
        if request.group == "document":
            _, first = np.unique(columns.document_code[ranked], return_index=True)
            ranked = ranked[np.sort(first)]
        return ranked[start:stop]

    def similar(self, text: str, ministry: str | None = None, limit: int = 10) -> list[Hit]:
        """The earlier pairs most like a draft question: its key terms (Bo1), weighted by how
        informative they are, summed over question and answer of every pair, best first."""
        searcher = self._get_searcher()
        terms = searcher.key_terms_from_text("question", text[:5000], numterms=12, model=classify.Bo1Model)
        if not terms:
            return []
        top = max(w for _, w in terms) or 1.0
        weighted = []
        for term, weight in terms:
            weighted.append(("question", term, 1.5 * weight / top))
            weighted.append(("answer", term, weight / top))
            weighted.append(("subject", term, 1.2 * weight / top))
        scores, _ = self._ranker_for(searcher).evaluate(
            wq.Or([wq.Term(field, term, boost=weight) for field, term, weight in weighted])
        )
        if ministry:
            scores[~self._field_mask(self._columns_for(searcher), "ministries", [ministry])] = 0
        top = (
            np.argpartition(-scores, min(limit, len(scores) - 1))[:limit]
            if len(scores) > limit
            else np.arange(len(scores))
        )
        best = [int(d) for d in top[np.argsort(-scores[top], kind="stable")] if scores[d] > 0]
        stems = {t for t, _ in terms}
        return [self._hit(_Stored(searcher, d, float(scores[d])), stems) for d in best]

    # --- query building ---------------------------------------------------------------------
    def _word_query(self, word: str):
        analyzer = self.ix.schema["question"].analyzer
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

    def _clause_query(self, clause):
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
        return self._word_query(clause.text)

    def _text_query(self, parsed: ParsedQuery):
        positives: list = []
        negatives: list = []
        ops: list[str] = []
        for i, clause in enumerate(parsed.clauses):
            q = self._clause_query(clause)
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
    def _matching_values(columns: Columns, field: str, values: list[str]) -> list[str]:
        """Case-insensitive match of filter values against the values in the index; a name
        that matches nothing exactly matches the values that contain it ("Weel" → "Van Weel")."""
        known = columns.values(field)
        wanted: list[str] = []
        for value in values:
            v = value.casefold()
            exact = [t for t in known if t.casefold() == v]
            loose = [t for t in known if v in t.casefold()] if not exact and len(v) >= 3 else []
            wanted.extend(exact or loose)
        return wanted

    def _field_mask(self, columns: Columns, field: str, values: list[str]) -> np.ndarray:
        if field == "ministries":
            expanded = []
            for v in values:
                expanded.append(v)
                expanded.append(ministry_name(v) or v)
                expanded.extend(n for n, a in MINISTRY_ABBREVIATIONS.items() if a.casefold() == v.casefold())
            values = expanded
        if field in {"kind", "year", "has_figure", "has_commitment"}:
            return columns.mask(field, values)
        if field == "laws":
            values = [v.upper() for v in values]
        return columns.mask(field, self._matching_values(columns, field, values))

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
    def _hit(self, hit, stems: set[str]) -> Hit:
        fields = hit.fields()
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
            score=float(hit.score or 0.0),
            snippet=text,
            subject=fields.get("subject") or None,
            date=d.date() if isinstance(d, datetime) else d if isinstance(d, date) else None,
            kind=fields.get("kind", ""),
            askers=_split(fields.get("askers")),
            parties=_split(fields.get("parties")),
            answerers=_split(fields.get("answerers")),
            ministries=_split(fields.get("ministries")),
        )

    def _suggest(self, parsed: ParsedQuery, searcher) -> str | None:
        """'Did you mean': each unknown word replaced by the closest word in the index."""
        corrector = searcher.corrector("exact")
        reader = searcher.reader()
        changed = False
        words = []
        for clause in parsed.clauses:
            word = clause.text
            if clause.kind == "word" and not clause.negated:
                folded = next(iter(t.text for t in exact_analyzer()(word)), word)
                if not reader.frequency("exact", folded):
                    options = corrector.suggest(folded, limit=1, maxdist=2)
                    if options:
                        word, changed = options[0], True
            words.append(f'"{word}"' if clause.kind == "phrase" else word)
        return " ".join(words) if changed else None


class _Stored:
    """A stored document in the shape of a Whoosh hit, for results ranked outside Whoosh."""

    def __init__(self, searcher, docnum: int, score: float) -> None:
        self._fields = searcher.stored_fields(docnum)
        self.score = score

    def fields(self) -> dict:
        return self._fields


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
