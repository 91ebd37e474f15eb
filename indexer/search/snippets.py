"""Highlighted snippets, made without re-running the index analyzer over whole answers.

Whoosh's highlighter re-analyzes the stored text with the full analyzer (decompounding and
stemming every token), which cost more than the search itself on long answers. Here each word
is folded and stemmed once (cached across requests), the windows around matches are cut, and
everything that is not markup is escaped."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from whoosh.support.charset import accent_map

from indexer.search.analysis import (
    DUTCH_STOPWORDS,
    compound_terms,
    dutch_analyzer,
    exact_analyzer,
    normalise_number,
    stem,
)
from indexer.search.query import ParsedQuery, fold

_WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-'’]\w+)*")


@lru_cache(maxsize=100_000)
def word_keys(word: str) -> frozenset[str]:
    """The stems a word is indexed under: the word itself, its hyphen parts and compound parts."""
    folded = normalise_number(word.lower().translate(accent_map))
    if folded in DUTCH_STOPWORDS:
        return frozenset()
    parts = [p for p in re.split(r"[-'’.,]", folded) if len(p) > 1] if re.search(r"[-'’.,]", folded) else []
    return frozenset(stem(w) for w in (folded, *parts, *compound_terms(folded)))


def snippet(text: str, stems: set[str], max_chars: int = 240, surround: int = 60, limit: int = 20_000) -> str:
    """Up to `max_chars` of context around the words whose stems were searched, with <mark>.
    The text is read only as far as the snippet needs: once the windows around its matches
    fill it, the rest of a long answer is not stemmed (that was most of the snippets' cost)."""
    if not text:
        return ""
    text = text[:limit]
    hits: list[re.Match[str]] = []
    windows: list[list[int]] = []
    closed = 0  # the length of the windows before the last: that one may still grow
    for m in _WORD.finditer(text) if stems else ():
        if windows:
            first, last = windows[-1]
            room = max_chars - closed  # what the last window may show
            if last - first > room and m.start() >= first + room:
                break  # the last window is cut before this word: nothing further is shown
        if not word_keys(m.group(0)) & stems:
            continue
        start, end = max(0, m.start() - surround), min(len(text), m.end() + surround)
        # never cut a word: widen to the nearest spaces
        space = text.rfind(" ", 0, start + 1)
        start = 0 if space < 0 or start == 0 else space + 1
        space = text.find(" ", end)
        end = len(text) if space < 0 else space
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            if windows:
                closed += windows[-1][1] - windows[-1][0]
                if closed >= max_chars:
                    break  # the snippet is full before this window
            windows.append([start, end])
        hits.append(m)
    if not hits:
        return ""
    out: list[str] = []
    used = 0
    for start, end in windows:
        if used >= max_chars:
            break
        full = end - start > max_chars - used
        if full:  # cut at a space, and the snippet ends here (no sliver of a next window)
            cut = text.rfind(" ", start, start + max_chars - used)
            end = cut if cut > start else start + max_chars - used
        piece = []
        pos = start
        for m in hits:
            if m.start() < start or m.end() > end:
                continue
            piece.append(html.escape(text[pos : m.start()]))
            piece.append(f'<mark class="match">{html.escape(m.group(0))}</mark>')
            pos = m.end()
        piece.append(html.escape(text[pos:end]))
        out.append("".join(piece).strip())
        used = max_chars if full else used + end - start
    return " … ".join(out)


def query_stems(parsed: ParsedQuery) -> set[str]:
    """The stems the snippet marks: of the words (with their compound parts) and of the words
    of phrases and prefixes, as the Whoosh backend marks them."""
    out: set[str] = set()
    analyzer = dutch_analyzer()  # in query mode: the stem, no parts
    for clause in parsed.clauses:
        if clause.negated:
            continue
        if clause.kind == "word":
            out |= {t.text for t in analyzer(clause.text, mode="query")}
            out |= {stem(p) for p in compound_terms(fold(clause.text).lower())[:2]}
        else:
            out |= {t.text for t in exact_analyzer()(clause.text)}
    return out | {stem(s) for s in out}
