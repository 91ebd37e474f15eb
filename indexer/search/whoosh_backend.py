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
from whoosh import classify, highlight, index
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from indexer.search.analysis import compound_terms, dutch_analyzer, exact_analyzer
from indexer.search.backend import FACETS, Hit, IndexEntry, SearchRequest, SearchResponse
from indexer.search.query import ParsedQuery, parse_query
from indexer.store import MINISTRY_ABBREVIATIONS, ministry_name

TEXT_FIELDS = {"subject": 2.0, "question": 1.5, "answer": 1.0}
LIST_FIELDS = ("askers", "parties", "addressees", "answerers", "ministries", "laws", "kamerstukken")


def schema() -> Schema:
    dutch = dutch_analyzer()
    values = RegexTokenizer(r"[^|]+")  # list fields: values joined by "|", each kept whole
    return Schema(
        pair_id=ID(stored=True, unique=True),
        document_id=ID(stored=True),
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


class FacetCounts:
    """Per field: all (value, docnum) postings as numpy arrays, so counting a result set is one
    bincount. Built once per index generation from the posting lists (no stored fields read)."""

    def __init__(self, reader) -> None:
        self.size = reader.doc_count_all()
        self.fields: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        for name in (*FACETS, "document_id"):
            values: list[str] = []
            term_ids: list[np.ndarray] = []
            docs: list[np.ndarray] = []
            for i, term in enumerate(reader.lexicon(name)):
                text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                if name in {"has_figure", "has_commitment"}:
                    text = {"t": "ja", "f": "nee"}.get(text, text)
                ids = np.fromiter(reader.postings(name, term).all_ids(), dtype=np.int64)
                values.append(text)
                term_ids.append(np.full(len(ids), i, dtype=np.int32))
                docs.append(ids)
            self.fields[name] = (
                values,
                np.concatenate(term_ids) if term_ids else np.zeros(0, np.int32),
                np.concatenate(docs) if docs else np.zeros(0, np.int64),
            )

    def count(self, docnums: np.ndarray, name: str, top: int = 25) -> dict[str, int]:
        values, term_ids, docs = self.fields[name]
        if not len(values) or not len(docnums):
            return {}
        mask = np.zeros(self.size, dtype=bool)
        mask[docnums] = True
        counts = np.bincount(term_ids[mask[docs]], minlength=len(values))
        order = np.argsort(-counts, kind="stable")[:top]
        return {values[i]: int(counts[i]) for i in order if counts[i] > 0}

    def distinct(self, docnums: np.ndarray, name: str) -> int:
        return len(self.count(docnums, name, top=1_000_000))


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
        self._facets: tuple[int, FacetCounts] | None = None
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
        self._facets = None

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

    def _facet_counts(self, searcher) -> FacetCounts:
        generation = (
            searcher.reader().generation() if hasattr(searcher.reader(), "generation") else id(searcher)
        )
        key = (generation, searcher.doc_count_all())
        if self._facets is None or self._facets[0] != key:
            self._facets = (key, FacetCounts(searcher.reader()))
        return self._facets[1]

    def search(self, request: SearchRequest) -> SearchResponse:
        parsed = parse_query(request.query)
        searcher = self._get_searcher()
        text_query = self._text_query(parsed, searcher)
        filter_query = self._filter_query(parsed, searcher)
        full = wq.And([text_query, filter_query]) if filter_query is not None else text_query
        docnums = (
            np.fromiter(full.docs(searcher), dtype=np.int64) if full is not None else np.zeros(0, np.int64)
        )
        facets_cache = self._facet_counts(searcher)
        total = facets_cache.distinct(docnums, "document_id") if request.group == "document" else len(docnums)
        hits: list[Hit] = []
        if total:
            kwargs: dict = {"filter": filter_query, "terms": True}
            if request.sort == "date":
                kwargs.update(sortedby="date", reverse=True)
            if request.group == "document":
                kwargs.update(collapse="document_id", collapse_limit=1)
            results = searcher.search_page(text_query, request.page, pagelen=request.page_size, **kwargs)
            results.results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
            results.results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
            hits = [self._hit(hit) for hit in results]
        facets = {}
        if request.facets and total:
            facets = {name: facets_cache.count(docnums, name) for name in FACETS}
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

    def similar(self, text: str, ministry: str | None = None, limit: int = 10) -> list[Hit]:
        """The earlier pairs most like a draft question: its key terms, weighted, OR-ed."""
        searcher = self._get_searcher()
        terms = searcher.key_terms_from_text("question", text[:5000], numterms=15, model=classify.Bo1Model)
        if not terms:
            return []
        top = max(w for _, w in terms) or 1.0
        subqueries = []
        for term, weight in terms:
            subqueries.append(wq.Term("question", term, boost=weight / top * 1.5))
            subqueries.append(wq.Term("answer", term, boost=weight / top))
            subqueries.append(wq.Term("subject", term, boost=weight / top * 1.2))
        query = wq.Or(subqueries)
        filter_query = None
        if ministry:
            filter_query = self._keyword_filter(searcher, "ministries", [ministry_name(ministry) or ministry])
        results = searcher.search(query, limit=limit, filter=filter_query, terms=True)
        results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
        results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        return [self._hit(hit) for hit in results]

    # --- query building ---------------------------------------------------------------------
    def _word_query(self, word: str):
        analyzer = self.ix.schema["question"].analyzer
        stems = [t.text for t in analyzer(word, mode="query")]
        if not stems:
            return None
        alternatives = []
        for stem in stems:
            alternatives.extend(wq.Term(f, stem, boost=b) for f, b in TEXT_FIELDS.items())
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

    def _text_query(self, parsed: ParsedQuery, searcher):
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

    def _keyword_filter(self, searcher, field: str, values: list[str]):
        """Case-insensitive match of filter values against the terms actually in the index."""
        terms = [t.decode("utf-8") if isinstance(t, bytes) else t for t in searcher.reader().lexicon(field)]
        wanted = []
        for value in values:
            v = value.casefold()
            exact = [t for t in terms if t.casefold() == v]
            loose = [t for t in terms if v in t.casefold()] if not exact and len(v) >= 3 else []
            wanted.extend(exact or loose)
        if not wanted:
            return wq.NullQuery
        return wq.Or([wq.Term(field, t) for t in wanted])

    def _filter_query(self, parsed: ParsedQuery, searcher):
        parts = []
        for field, values in parsed.filters.items():
            parts.append(self._field_filter(searcher, field, values))
        for field, values in parsed.negative_filters.items():
            parts.append(wq.Not(self._field_filter(searcher, field, values)))
        if parsed.date_from or parsed.date_to:
            start = datetime.combine(parsed.date_from, time()) if parsed.date_from else None
            end = datetime.combine(parsed.date_to, time(23, 59, 59)) if parsed.date_to else None
            parts.append(wq.DateRange("date", start, end))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _field_filter(self, searcher, field: str, values: list[str]):
        if field == "ministries":
            expanded = []
            for v in values:
                expanded.extend(
                    {
                        v,
                        ministry_name(v) or v,
                        *(n for n, a in MINISTRY_ABBREVIATIONS.items() if a.casefold() == v.casefold()),
                    }
                )
            values = expanded
        if field in {"kind", "year"}:
            return wq.Or([wq.Term(field, v) for v in values])
        if field in {"has_figure", "has_commitment"}:
            return wq.Or([wq.Term(field, v == "ja") for v in values])
        if field == "laws":
            values = [v.upper() for v in values]
        return self._keyword_filter(searcher, field, values)

    # --- results ----------------------------------------------------------------------------
    def _hit(self, hit) -> Hit:
        fields = hit.fields()
        snippet_parts = []
        for name in ("question", "answer"):
            try:
                h = hit.highlights(name)
            except Exception:
                h = ""
            if h:
                snippet_parts.append(h)
        snippet = " … ".join(snippet_parts) or html.escape(
            (fields.get("question") or fields.get("answer") or "")[:240]
        )
        d = fields.get("date")
        return Hit(
            pair_id=fields["pair_id"],
            document_id=fields["document_id"],
            source=fields.get("source", ""),
            question_numbers=list(fields.get("question_numbers") or []),
            score=float(hit.score or 0.0),
            snippet=snippet,
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


def _split(value) -> list[str]:
    if not value:
        return []
    return [v for v in value.split("|") if v]
