"""Matching document sets with numpy: posting lists read once per index generation (cached),
combined with set operations along the query tree.

Whoosh finds the top hits well, but walking its union and intersection matchers one document
at a time in Python to count every match (for totals and facets) cost as much as the search
itself. Leaf postings decode quickly; the set algebra is done here instead."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from whoosh import query as wq

EMPTY = np.zeros(0, dtype=np.int64)


class DocSets:
    """Evaluates the query shapes the backend builds: Term, Or, And, AndNot, Prefix, Every;
    anything else (phrases) is asked of Whoosh itself."""

    def __init__(self, searcher, cache_size: int = 20_000) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        live = np.fromiter(self.reader.all_doc_ids(), dtype=np.int64)
        self.live = np.zeros(self.size, dtype=bool)
        self.live[live] = True
        self.all_live = live

    def postings(self, field: str, text) -> np.ndarray:
        key = (field, text)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        try:
            ids = np.fromiter(self.reader.postings(field, text).all_ids(), dtype=np.int64)
        except Exception:
            ids = EMPTY
        ids = ids[self.live[ids]] if len(ids) else ids
        self._cache[key] = ids
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return ids

    def docs(self, q) -> np.ndarray:
        if isinstance(q, wq.Term):
            return self.postings(q.fieldname, q.text)
        if isinstance(q, wq.Every):
            return self.all_live
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return EMPTY
        if isinstance(q, wq.AndNot):
            return np.setdiff1d(self.docs(q.a), self.docs(q.b), assume_unique=True)
        if isinstance(q, wq.Or):
            parts = [self.docs(s) for s in q.subqueries]
            parts = [p for p in parts if len(p)]
            return np.unique(np.concatenate(parts)) if parts else EMPTY
        if isinstance(q, wq.And):
            result = None
            for sub in sorted(q.subqueries, key=lambda s: 0 if isinstance(s, wq.Term) else 1):
                d = self.docs(sub)
                result = d if result is None else np.intersect1d(result, d, assume_unique=True)
                if not len(result):
                    return EMPTY
            return result if result is not None else EMPTY
        if isinstance(q, wq.Prefix):
            terms = list(self.reader.expand_prefix(q.fieldname, q.text))[:2000]
            parts = [self.postings(q.fieldname, t) for t in terms]
            parts = [p for p in parts if len(p)]
            return np.unique(np.concatenate(parts)) if parts else EMPTY
        return np.fromiter(q.docs(self.searcher), dtype=np.int64)

    def scores(self, weighted_terms: list[tuple[str, str, float]]) -> np.ndarray:
        """A score per document: the summed weights of the terms it contains."""
        out = np.zeros(self.size, dtype=np.float64)
        n = max(1, len(self.all_live))
        for field, text, weight in weighted_terms:
            ids = self.postings(field, text)
            if len(ids):
                out[ids] += weight * np.log1p(n / len(ids))
        return out
