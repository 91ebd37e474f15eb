"""'Did you mean': the closest known word to an unknown one, at a bounded cost.

Whoosh's corrector compares a word with every term of the field; a 500-character word cost
seconds of CPU and slowed every other search. Here the words of the index are looked up
through their letter pairs (bigrams): a word within two edits of the query shares all but a
few of its bigrams, so only terms sharing enough of them, of nearly the same length, are
compared, at most MAX_CANDIDATES of them, with an edit distance that stops at two. Words
outside MIN_LENGTH..MAX_LENGTH or with digits get no suggestion at all.
"""

from __future__ import annotations

import numpy as np

from indexer.search.ranking import segments

MIN_LENGTH = 3
MAX_LENGTH = 24
MAX_DISTANCE = 2
MAX_CANDIDATES = 200


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
    """The words of one field of one index state, with a bigram index over them."""

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
    def from_reader(cls, reader, field: str) -> Speller:
        """Read segment by segment: a multi-segment reader merges the term lists of every
        segment in Python and took seconds for a few thousand words."""
        documents: dict[str, int] = {}
        for segment, _ in segments(reader):
            for term, info in segment.iter_field(field):
                word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                if MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha():
                    documents[word] = documents.get(word, 0) + info.doc_frequency()
        return cls(list(documents), list(documents.values()))

    def suggest(self, word: str) -> str | None:
        """The known word closest to `word` (fewest edits, then most documents), or None."""
        if not (MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha()) or not self.words:
            return None
        grams = bigrams(word)
        lists = [self.postings[g] for g in grams if g in self.postings]
        if not lists:
            return None
        shared = np.bincount(np.concatenate(lists), minlength=len(self.words))
        # one edit changes at most two bigrams (a transposition three)
        need = max(1, len(grams) - 3 * MAX_DISTANCE)
        candidates = np.flatnonzero((shared >= need) & (np.abs(self.lengths - len(word)) <= MAX_DISTANCE))
        if len(candidates) > MAX_CANDIDATES:
            order = np.argsort(-shared[candidates], kind="stable")[:MAX_CANDIDATES]
            candidates = candidates[order]
        best: tuple[int, int, str] | None = None
        for i in candidates.tolist():
            candidate = self.words[i]
            if candidate == word:
                continue
            d = distance(word, candidate)
            if d <= MAX_DISTANCE:
                key = (d, -int(self.frequencies[i]), candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None
