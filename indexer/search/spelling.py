"""'Did you mean': the closest known word to an unknown one, at a bounded cost.

Whoosh's corrector compares a word with every term of the field; a 500-character word cost
seconds of CPU and slowed every other search. Here the words of the index are looked up
through their letter pairs (bigrams): a word within two edits of the query shares all but a
few of its bigrams, so only terms sharing enough of them, of nearly the same length, are
compared, at most MAX_CANDIDATES of them, with an edit distance that stops at two. Words
outside MIN_LENGTH..MAX_LENGTH or with digits get no suggestion at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from indexer.search.ranking import segments

MIN_LENGTH = 3
MAX_LENGTH = 24
MAX_DISTANCE = 2
MAX_CANDIDATES = 200
SUGGEST_BELOW = 3  # a query with fewer results than this gets a "did you mean"


def suggestion_wanted(total: int, words: list[str]) -> bool:
    """Whether a search looks for a suggestion: few results and words to correct. Every
    backend asks this, so all offer "did you mean" for the same searches."""
    return total < SUGGEST_BELOW and bool(words)


def bigrams(word: str) -> set[str]:
    """The letter pairs of a word with its ends marked, so short words have some too."""
    marked = f"^{word}$"
    return {marked[i : i + 2] for i in range(len(marked) - 1)}


def distance(a: str, b: str, limit: int = MAX_DISTANCE) -> int:
    """Edit distance with transpositions (optimal string alignment), computed only in the band
    of width `limit` around the diagonal; anything beyond the limit is returned as limit + 1."""
    over = limit + 1
    if abs(len(a) - len(b)) > limit:
        return over
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [over] * len(b)
        lo, hi = max(1, i - limit), min(len(b), i + limit)
        for j in range(lo, hi + 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = min(value, over)
        if min(current[lo - 1 : hi + 1]) > limit:
            return over
        before, previous = previous, current
    return min(previous[len(b)], over)


class Speller:
    """The words of one field of one index segment, with a bigram index over them."""

    def __init__(self, words: list[str], frequencies: list[int]) -> None:
        self.words = words
        self.frequencies = np.array(frequencies, dtype=np.int64)
        self.lengths = np.array([len(w) for w in words], dtype=np.int32)
        postings: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            for gram in bigrams(word):
                postings.setdefault(gram, []).append(i)
        self.postings = {g: np.array(ids, dtype=np.int32) for g, ids in postings.items()}

    @classmethod
    def from_segment(cls, segment, field: str) -> Speller:
        words, frequencies = [], []
        for term, info in segment.iter_field(field):
            word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            if MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha():
                words.append(word)
                frequencies.append(info.doc_frequency())
        return cls(words, frequencies)

    def near(self, word: str) -> list[tuple[int, str, int]]:
        """(edits, word, documents) of the words within MAX_DISTANCE of `word`."""
        grams = bigrams(word)
        lists = [self.postings[g] for g in grams if g in self.postings]
        if not lists:
            return []
        shared = np.bincount(np.concatenate(lists), minlength=len(self.words))
        # one edit changes at most two bigrams (a transposition three)
        need = max(1, len(grams) - 3 * MAX_DISTANCE)
        candidates = np.flatnonzero((shared >= need) & (np.abs(self.lengths - len(word)) <= MAX_DISTANCE))
        if len(candidates) > MAX_CANDIDATES:
            candidates = candidates[np.argsort(-shared[candidates], kind="stable")[:MAX_CANDIDATES]]
        out = []
        for i in candidates.tolist():
            candidate = self.words[i]
            d = distance(word, candidate) if candidate != word else 0
            if 0 < d <= MAX_DISTANCE:
                out.append((d, candidate, int(self.frequencies[i])))
        return out


CACHE_SIZE = 64  # segments; an index has a few dozen at most between merges
_CACHE: OrderedDict[tuple[str, str], Speller] = OrderedDict()
_CACHE_LOCK = threading.Lock()


class Spellers:
    """'Did you mean' over a whole index: one Speller per segment, kept across index states.

    Whoosh adds a segment per commit and leaves the others as they are, so after an
    incremental run only the new segment's words are read; a process-wide cache keyed by
    segment id holds the rest."""

    def __init__(self, reader, field: str, home: str) -> None:
        self.parts = [self._speller(segment, field, home) for segment, _ in segments(reader)]

    @classmethod
    def _speller(cls, segment, field: str, home: str) -> Speller:
        key = (home, f"{segment.segment().segment_id()}/{field}")
        with _CACHE_LOCK:
            speller = _CACHE.get(key)
            if speller is None:
                speller = _CACHE[key] = Speller.from_segment(segment, field)
            _CACHE.move_to_end(key)
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
            return speller

    def suggest(self, word: str) -> str | None:
        """The known word closest to `word` (fewest edits, then most documents), or None."""
        if not (MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha()):
            return None
        edits: dict[str, int] = {}
        documents: dict[str, int] = {}
        for speller in self.parts:
            for d, candidate, n in speller.near(word):
                edits[candidate] = d
                documents[candidate] = documents.get(candidate, 0) + n
        if not edits:
            return None
        return min(edits, key=lambda w: (edits[w], -documents[w], w))
