"""The numpy arrays searching runs on, read once per index segment and reused across commits.

A Whoosh segment never changes after its commit (only which of its documents are deleted does),
so what filters, facets, grouping and ranking need from a segment — facet postings, document
ids, dates, field lengths — is read once and kept in a process-wide cache keyed by segment id.
After an incremental run only the new segment is read; an index state (`Columns`) is then put
together from the cached pieces with a few concatenations. Before, every commit re-read all of
it (1.8–3.1 s at 100,000 documents) in every thread that asked at the same time."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

import numpy as np
from whoosh.codec.whoosh3 import _lenfield
from whoosh.util.numeric import byte_to_length

from indexer.search.backend import FACETS
from indexer.search.ranking import term_postings

FIELDS = (*FACETS, "addressees", "kamerstukken")
_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)
_DAY = 86_400_000_000  # DATETIME columns hold microseconds since datetime.min
_FIRST_DAY, _LAST_DAY = date(1800, 1, 1).toordinal(), date(2200, 1, 1).toordinal()


class SegmentArrays:
    """What searching needs from one segment, by the segment's own document numbers."""

    def __init__(self, seg, text_fields: list[str]) -> None:
        self.size = seg.doc_count_all()
        # field → (values, value number per posting, document per posting)
        self.facets: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        for name in FIELDS:
            values: list[str] = []
            term_ids: list[np.ndarray] = []
            docs: list[np.ndarray] = []
            if name in seg.schema:
                for i, term in enumerate(seg.lexicon(name)):
                    text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                    if name in {"has_figure", "has_commitment"}:
                        text = {"t": "ja", "f": "nee"}.get(text, text)
                    ids = term_postings(seg, name, term)[0]
                    values.append(text)
                    term_ids.append(np.full(len(ids), i, dtype=np.int32))
                    docs.append(ids.astype(np.int32))
            self.facets[name] = (
                values,
                np.concatenate(term_ids) if term_ids else np.zeros(0, np.int32),
                np.concatenate(docs) if docs else np.zeros(0, np.int32),
            )
        # document ids: the distinct ids, sorted, and each document's place among them
        self.document_ids, self.document_index = np.unique(
            np.array(self._document_ids(seg), dtype=str), return_inverse=True
        )
        self.days = self._days(seg)
        self.lengths = {f: self._field_lengths(seg, f) for f in text_fields if f in seg.schema}

    def _document_ids(self, seg) -> list[str]:
        if seg.has_column("document_id"):
            column = seg.column_reader("document_id")
            return [str(column[d]) for d in range(self.size)]
        ids = [""] * self.size  # an index made before the column existed
        for term in seg.lexicon("document_id"):
            text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            for d in term_postings(seg, "document_id", term)[0].tolist():
                ids[d] = text
        return ids

    def _days(self, seg) -> np.ndarray:
        """date.toordinal() per document, 0 when unknown."""
        if not seg.has_column("date"):
            return np.zeros(self.size, dtype=np.int32)
        column = seg.column_reader("date", translate=False)
        raw = np.array(
            [v if v and 0 < v < 2**62 else 0 for v in map(column.__getitem__, range(self.size))],
            dtype=np.int64,
        )  # a missing date reads as the column's (huge) default
        days = raw // _DAY + 1
        valid = (raw > 0) & (days > _FIRST_DAY) & (days < _LAST_DAY)
        return np.where(valid, days, 0).astype(np.int32)

    def _field_lengths(self, seg, field: str) -> np.ndarray:
        """Each document's length in `field`, from the segment's length column in one read."""
        perdoc = getattr(seg, "_perdoc", None)
        try:
            colfile, start, length = perdoc._get_column_file(_lenfield(field))
            raw = np.frombuffer(colfile.get(start, length), dtype=np.uint8)[: self.size]
            out = np.ones(self.size, dtype=np.float32)
            out[: len(raw)] = _LENGTHS[raw]
        except Exception:
            out = np.array([seg.doc_field_length(d, field) or 1 for d in range(self.size)], dtype=np.float32)
        return np.maximum(out, 1.0)


CACHE_SIZE = 256  # segments; an index has a few dozen between merges
_CACHE: OrderedDict[tuple[str, str], SegmentArrays] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_BUILD_LOCK = threading.Lock()


def segment_arrays(home: str, seg, text_fields: list[str]) -> SegmentArrays:
    """The cached arrays of a segment, read now if no earlier index state had it. One thread
    reads; any other thread asking meanwhile waits for its result instead of reading too."""
    key = (home, seg.segment().segment_id())
    with _CACHE_LOCK:
        found = _CACHE.get(key)
    if found is not None:
        return found
    with _BUILD_LOCK:
        with _CACHE_LOCK:
            found = _CACHE.get(key)
        if found is None:
            found = SegmentArrays(seg, text_fields)
        with _CACHE_LOCK:
            _CACHE[key] = found
            _CACHE.move_to_end(key)
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
        return found


def retain_segments(home: str, segment_ids: set[str]) -> None:
    """Drop the arrays of this index's segments that a merge has replaced."""
    with _CACHE_LOCK:
        for key in [k for k in _CACHE if k[0] == home and k[1] not in segment_ids]:
            del _CACHE[key]


class Columns:
    """One index state's arrays over all its documents (segment arrays placed at their offsets).

    Filters and facets run on these: a filter is a boolean mask over document numbers, a facet
    one bincount over the result set. Whoosh's own range queries over dates expand to many
    terms and were the slowest part of a filtered search."""

    def __init__(self, parts: list[tuple[SegmentArrays, int]], live: np.ndarray) -> None:
        self.size = len(live)
        self.live = live
        self.fields: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        for name in FIELDS:
            values = sorted(set().union(*(p.facets[name][0] for p, _ in parts)))
            number = {v: i for i, v in enumerate(values)}
            term_ids, docs = [], []
            for part, offset in parts:
                seg_values, seg_ids, seg_docs = part.facets[name]
                if len(seg_ids):
                    remap = np.array([number[v] for v in seg_values], dtype=np.int32)
                    term_ids.append(remap[seg_ids])
                    docs.append(seg_docs.astype(np.int64) + offset)
            self.fields[name] = (
                values,
                np.concatenate(term_ids) if term_ids else np.zeros(0, np.int32),
                np.concatenate(docs) if docs else np.zeros(0, np.int64),
            )
        # a number per document id, in the order of the ids (ties in ranking are broken by it,
        # so every process orders equal scores the same way)
        ids = np.unique(np.concatenate([p.document_ids for p, _ in parts])) if parts else np.zeros(0, str)
        codes = [np.searchsorted(ids, p.document_ids)[p.document_index] for p, _ in parts]
        self.document_code = np.concatenate(codes).astype(np.int64) if codes else np.zeros(0, np.int64)
        self.days = np.concatenate([p.days for p, _ in parts]) if parts else np.zeros(0, np.int32)

    def values(self, name: str) -> list[str]:
        return self.fields[name][0]

    def mask(self, name: str, wanted: list[str]) -> np.ndarray:
        """Docnums having any of the wanted values (exact terms as stored in the index)."""
        values, term_ids, docs = self.fields[name]
        chosen = set(wanted)
        codes = [i for i, v in enumerate(values) if v in chosen]
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

    def count(self, docnums: np.ndarray, name: str, top: int = 25, documents: bool = False) -> dict[str, int]:
        """How many of the matched pairs have each value, or with `documents` how many
        documents (a document's pairs share their values, so pairs would count it repeatedly)."""
        values, term_ids, docs = self.fields[name]
        if not len(values) or not len(docnums):
            return {}
        mask = np.zeros(self.size, dtype=bool)
        mask[docnums] = True
        chosen = mask[docs]
        ids = term_ids[chosen]
        if documents:
            base = int(self.document_code.max(initial=0)) + 2
            pairs = np.unique(ids.astype(np.int64) * base + self.document_code[docs[chosen]] + 1)
            ids = (pairs // base).astype(np.int32)
        counts = np.bincount(ids, minlength=len(values))
        order = np.argsort(-counts, kind="stable")[:top]
        return {values[i]: int(counts[i]) for i in order if counts[i] > 0}

    def distinct_documents(self, docnums: np.ndarray) -> int:
        return len(np.unique(self.document_code[docnums])) if len(docnums) else 0
