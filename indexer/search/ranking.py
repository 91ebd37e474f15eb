"""BM25F ranking in numpy over posting arrays.

Whoosh's collector scores a disjunction by stepping its matchers one document at a time in
Python; at 100,000 documents a two-word query took hundreds of milliseconds. Postings (ids and
term frequencies) are read block by block into numpy arrays once per index generation, field
lengths are read from the length columns, and a query is scored over all documents at once.
Whoosh still owns the index, the analysis, phrase positions and stored fields."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher, _lenfield
from whoosh.util.numeric import byte_to_length

K1 = 1.2
B = 0.75
_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)
EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_W = np.zeros(0, dtype=np.float32)


def segments(reader):
    """(segment reader, docnum offset) pairs of a single or multi-segment reader."""
    if hasattr(reader, "readers"):
        return list(zip(reader.readers, reader.doc_offsets, strict=True))
    return [(reader, 0)]


def _leaf_arrays(matcher) -> tuple[np.ndarray, np.ndarray]:
    """All (ids, weights) of one segment's posting list, a block at a time."""
    if isinstance(matcher, W3LeafMatcher):
        ids, weights = [], []
        while True:
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64))
            weights.append(np.asarray(matcher._weights, dtype=np.float32))
            if matcher._lastblock:
                break
            matcher._next_block()
        return np.concatenate(ids), np.concatenate(weights)
    items = list(matcher.items_as("weight"))
    if not items:
        return EMPTY_IDS, EMPTY_W
    return np.array([i for i, _ in items], dtype=np.int64), np.array([w for _, w in items], dtype=np.float32)


def term_postings(reader, field: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, term frequencies) of one term over every segment, deleted documents included."""
    ids_parts, w_parts = [], []
    for seg, offset in segments(reader):
        try:
            matcher = seg.postings(field, text)
        except Exception:
            continue  # the term is not in this segment
        ids, weights = _leaf_arrays(matcher)
        ids_parts.append(ids + offset)
        w_parts.append(weights)
    if not ids_parts:
        return EMPTY_IDS, EMPTY_W
    return np.concatenate(ids_parts), np.concatenate(w_parts)


class Ranker:
    """Scores queries for one index generation (build a new one when the index changes)."""

    def __init__(
        self, searcher, live: np.ndarray, fields: dict[str, float], cache_size: int = 20_000
    ) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self.live = live
        self.n_live = max(1, int(live.sum()))
        # an index built before a field existed has no lengths for it (and no postings)
        self.fields = {f: b for f, b in fields.items() if f in self.reader.schema}
        self._cache: OrderedDict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cache_size = cache_size
        self.lengths = {f: self._field_lengths(f) for f in self.fields}
        self.avg = {f: float(self.lengths[f][live].mean()) if live.any() else 1.0 for f in self.fields}

    def _field_lengths(self, field: str) -> np.ndarray:
        out = np.ones(self.size, dtype=np.float32)
        for seg, offset in segments(self.reader):
            count = seg.doc_count_all()
            perdoc = getattr(seg, "_perdoc", None)
            try:
                colfile, start, length = perdoc._get_column_file(_lenfield(field))
                colfile.seek(start)
                raw = np.frombuffer(colfile.read(length), dtype=np.uint8)[:count]
                out[offset : offset + len(raw)] = _LENGTHS[raw]
            except Exception:
                for d in range(count):
                    out[offset + d] = seg.doc_field_length(d, field) or 1
        return np.maximum(out, 1.0)

    def postings(self, field: str, text) -> tuple[np.ndarray, np.ndarray]:
        key = (field, text)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        ids, weights = term_postings(self.reader, field, text)
        if len(ids):
            keep = self.live[ids]
            ids, weights = ids[keep], weights[keep]
        self._cache[key] = (ids, weights)
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return ids, weights

    def _term(self, field: str, text, boost: float) -> tuple[np.ndarray, np.ndarray]:
        """(scores over all documents, match mask) of one term."""
        scores = np.zeros(self.size, dtype=np.float32)
        mask = np.zeros(self.size, dtype=bool)
        ids, tf = self.postings(field, text)
        if len(ids):
            idf = np.log1p((self.n_live - len(ids) + 0.5) / (len(ids) + 0.5))
            if field in self.lengths:
                norm = K1 * (1 - B + B * self.lengths[field][ids] / self.avg[field])
                scores[ids] = boost * idf * tf * (K1 + 1) / (tf + norm)
            else:
                scores[ids] = boost * idf
            mask[ids] = True
        return scores, mask

    def evaluate(self, q) -> tuple[np.ndarray, np.ndarray]:
        """(score per document, which documents match) for the query tree the backend builds."""
        boost = getattr(q, "boost", 1.0)
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, boost)
        if isinstance(q, wq.Every):
            return np.zeros(self.size, dtype=np.float32), self.live.copy()
        if isinstance(q, wq.AndNot):
            scores, mask = self.evaluate(q.a)
            _, minus = self.evaluate(q.b)
            mask &= ~minus
            return np.where(mask, scores, 0).astype(np.float32), mask
        if isinstance(q, wq.Or):
            scores = np.zeros(self.size, dtype=np.float32)
            mask = np.zeros(self.size, dtype=bool)
            for sub in q.subqueries:
                s, m = self.evaluate(sub)
                scores += s
                mask |= m
            return scores * boost, mask
        if isinstance(q, wq.And):
            scores = np.zeros(self.size, dtype=np.float32)
            mask = self.live.copy()
            for sub in q.subqueries:
                s, m = self.evaluate(sub)
                scores += s
                mask &= m
            return np.where(mask, scores, 0).astype(np.float32) * boost, mask
        if isinstance(q, wq.Prefix):
            terms = list(self.reader.expand_prefix(q.fieldname, q.text))[:500]
            return self.evaluate(wq.Or([wq.Term(q.fieldname, t) for t in terms])) if terms else self._none()
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        return self._none()

    def _none(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, dtype=np.float32), np.zeros(self.size, dtype=bool)

    def _phrase(self, q: wq.Phrase) -> tuple[np.ndarray, np.ndarray]:
        """Candidates from the intersection of the words, positions checked only for those."""
        scores, mask = self.evaluate(wq.And([wq.Term(q.fieldname, w) for w in q.words]))
        candidates = np.flatnonzero(mask)
        confirmed = np.zeros(self.size, dtype=bool)
        if len(candidates):
            matcher = q.matcher(self.searcher, self.searcher.boolean_context())
            for doc in candidates.tolist():
                if not matcher.is_active():
                    break
                if matcher.id() < doc:
                    matcher.skip_to(doc)
                    if not matcher.is_active():
                        break
                if matcher.id() == doc:
                    confirmed[doc] = True
        return np.where(confirmed, scores, 0).astype(np.float32), confirmed
