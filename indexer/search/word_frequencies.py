"""How many pairs a query word matches in an embedded index (Whoosh, tantivy), estimated from
the index's own term statistics: `SearchBackend.word_frequencies` of those backends.

A word is searched as its stems in every text field, or as both first parts of a compound
(analysis.py, the backends' `_word_query`). Its estimate is the most frequent of its stems in
the field holding it most, or, for a compound, the pairs its rarer part is in when that is
more: a lookup of a few terms in the term dictionary, however common the word. PostgreSQL
keeps its counts in a table of its own (postgres_frequencies.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from indexer.search.analysis import compound_terms, dutch_analyzer


def word_frequency(word: str, doc_frequency: Callable[[str, str], int], fields: Iterable[str]) -> int:
    """About how many pairs `word` matches; `doc_frequency(field, term)` reads the index."""
    fields = list(fields)
    analyzer = dutch_analyzer()

    def most(term: str) -> int:
        return max((doc_frequency(f, term) for f in fields), default=0)

    stems = [t.text for t in analyzer(word, mode="query")]
    if not stems:
        return 0  # a stop word: not searched
    found = max(most(s) for s in stems)
    parts = compound_terms(word.lower())[:2]
    if parts:
        part_stems = [next(iter([t.text for t in analyzer(p, mode="query")]), p) for p in parts]
        found = max(found, min(most(s) for s in part_stems))
    return found
