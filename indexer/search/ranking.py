"""BM25F ranking in numpy over posting arrays.

Whoosh's collector scores a disjunction by stepping its matchers one document at a time in
Python; at 100,000 documents a two-word query took hundreds of milliseconds. Postings (ids and
term frequencies) are read block by block into numpy arrays once per segment (cached across
commits, bounded in bytes), field lengths come from the segment arrays (columns.py), and a query
is scored over all documents at once.
Whoosh still owns the index, the analysis, phrase positions and stored fields."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

K1 = 1.2
B = 0.75
EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_W = np.zeros(0, dtype=np.float32)


def segments(reader):
    """(segment reader, docnum offset) pairs of a single or multi-segment reader (none for an
    empty index)."""
    if hasattr(reader, "readers"):
        return list(zip(reader.readers, reader.doc_offsets, strict=True))
    return [(reader, 0)] if reader.segment() is not None else []


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


POSTINGS_BYTES = 96 * 2**20  # per process; the postings of frequent terms are megabytes each
_POSTINGS: OrderedDict[tuple[str, str, str, object], tuple[np.ndarray, np.ndarray]] = OrderedDict()
_POSTINGS_LOCK = threading.Lock()
_postings_bytes = 0


def _segment_postings(home: str, seg, field: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(ids, term frequencies) of a term in one segment, cached by segment id: a segment's
    postings never change, so after a commit only the new segment's are read."""
    global _postings_bytes
    key = (home, seg.segment().segment_id(), field, text)
    with _POSTINGS_LOCK:
        found = _POSTINGS.get(key)
        if found is not None:
            _POSTINGS.move_to_end(key)
            return found
    ids, weights = term_postings(seg, field, text)
    found = (ids.astype(np.int32), weights)
    with _POSTINGS_LOCK:
        if key not in _POSTINGS:
            _POSTINGS[key] = found
            _postings_bytes += found[0].nbytes + found[1].nbytes
        while _postings_bytes > POSTINGS_BYTES and len(_POSTINGS) > 1:
            _, (old_ids, old_w) = _POSTINGS.popitem(last=False)
            _postings_bytes -= old_ids.nbytes + old_w.nbytes
    return found


class Ranker:
    """Scores queries for one index state. It holds arrays only; the reader a query needs
    (postings of uncached terms, phrase positions) is the caller's own searcher, so threads
    never share Whoosh's file objects."""

    def __init__(
        self,
        home: str,
        live: np.ndarray,
        fields: dict[str, float],
        lengths: dict[str, np.ndarray],
    ) -> None:
        self.home = home
        self.size = len(live)
        self.live = live
        self.n_live = max(1, int(live.sum()))
        # an index built before a field existed has no lengths for it (and no postings)
        self.fields = {f: b for f, b in fields.items() if f in lengths}
        self.lengths = lengths
        self.avg = {f: float(lengths[f][live].mean()) if live.any() else 1.0 for f in self.fields}

    def postings(self, searcher, field: str, text) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of a term over the live documents of this state."""
        ids_parts, w_parts = [], []
        for seg, offset in segments(searcher.reader()):
            ids, weights = _segment_postings(self.home, seg, field, text)
            if len(ids):
                ids_parts.append(ids.astype(np.int64) + offset)
                w_parts.append(weights)
        if not ids_parts:
            return EMPTY_IDS, EMPTY_W
        ids, weights = np.concatenate(ids_parts), np.concatenate(w_parts)
        keep = self.live[ids]
        return ids[keep], weights[keep]

    def _term(self, searcher, field: str, text, boost: float) -> tuple[np.ndarray, np.ndarray]:
        """(scores over all documents, match mask) of one term."""
        scores = np.zeros(self.size, dtype=np.float32)
        mask = np.zeros(self.size, dtype=bool)
        ids, tf = self.postings(searcher, field, text)
        if len(ids):
            idf = np.log1p((self.n_live - len(ids) + 0.5) / (len(ids) + 0.5))
            if field in self.lengths:
                norm = K1 * (1 - B + B * self.lengths[field][ids] / self.avg[field])
                scores[ids] = boost * idf * tf * (K1 + 1) / (tf + norm)
            else:
                scores[ids] = boost * idf
            mask[ids] = True
        return scores, mask

    def evaluate(self, q, searcher) -> tuple[np.ndarray, np.ndarray]:
        """(score per document, which documents match) for the query tree the backend builds."""
        boost = getattr(q, "boost", 1.0)
        if isinstance(q, wq.Term):
            return self._term(searcher, q.fieldname, q.text, boost)
        if isinstance(q, wq.Every):
            return np.zeros(self.size, dtype=np.float32), self.live.copy()
        if isinstance(q, wq.AndNot):
            scores, mask = self.evaluate(q.a, searcher)
            _, minus = self.evaluate(q.b, searcher)
            mask &= ~minus
            return np.where(mask, scores, 0).astype(np.float32), mask
        if isinstance(q, wq.Or):
            scores = np.zeros(self.size, dtype=np.float32)
            mask = np.zeros(self.size, dtype=bool)
            for sub in q.subqueries:
                s, m = self.evaluate(sub, searcher)
                scores += s
                mask |= m
            return scores * boost, mask
        if isinstance(q, wq.And):
            scores = np.zeros(self.size, dtype=np.float32)
            mask = self.live.copy()
            for sub in q.subqueries:
                s, m = self.evaluate(sub, searcher)
                scores += s
                mask &= m
            return np.where(mask, scores, 0).astype(np.float32) * boost, mask
        if isinstance(q, wq.Prefix):
            terms = list(searcher.reader().expand_prefix(q.fieldname, q.text))[:500]
            return (
                self.evaluate(wq.Or([wq.Term(q.fieldname, t) for t in terms]), searcher)
                if terms
                else self._none()
            )
        if isinstance(q, wq.Phrase):
            return self._phrase(q, searcher)
        return self._none()

    def _none(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, dtype=np.float32), np.zeros(self.size, dtype=bool)

    def _phrase(self, q: wq.Phrase, searcher) -> tuple[np.ndarray, np.ndarray]:
        """Candidates from the intersection of the words, positions checked only for those."""
        scores, mask = self.evaluate(wq.And([wq.Term(q.fieldname, w) for w in q.words]), searcher)
        candidates = np.flatnonzero(mask)
        confirmed = np.zeros(self.size, dtype=bool)
        if len(candidates):
            matcher = q.matcher(searcher, searcher.boolean_context())
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
