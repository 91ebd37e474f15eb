"""A Dutch analyzer for Whoosh: tokenizer, lowercase, accent folding, Dutch stop words, a
decompounding filter that keeps the word and adds its parts, and the Dutch Snowball stemmer.

Decompounding uses a lexicon of Dutch words with their frequencies from the `wordfreq`
package (loaded once per process, never pickled with the schema): "inburgeringsexamen" gives
"inburgering" + "examen", "jeugdzorgaanbieders" gives "jeugdzorg", "jeugd", "zorg",
"aanbieders"; a blocklist stops false splits such as belasting → bela + sting.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.snowball.dutch import DutchStemmer
from whoosh.support.charset import accent_map

# numbers with separators ("7.803", "1,084", "3,5") are one token, before the word pattern
TOKEN_PATTERN = r"\d+(?:[.,]\d+)+|\w+(?:[-'’.]\w+)*"
# a whole number written with thousands separators: "7.803", "2.500.000", "1,084" (one kind of
# separator, groups of three; a leading zero makes it a decimal such as "0,125")
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")
MIN_COMPOUND = 8
MIN_PART = 3
MIN_ZIPF = 2.6
LINKS = ("s", "e", "en", "er")
# splits that are words on paper but wrong in meaning
NEVER_SPLIT = {
    "belasting",
    "belastingen",
    "verklaring",
    "verklaringen",
    "gemeenten",
    "gemeente",
    "ministerie",
    "ministeries",
    "regering",
    "vergadering",
    "beantwoording",
    "antwoorden",
    "informatie",
    "instelling",
    "instellingen",
    "onderzoek",
    "onderzoeken",
    "aanvragen",
    "uitvoering",
    "verzekering",
    "verzekeraars",
    "overheid",
    "overheden",
    "bereid",
    "kinderen",
    "vrijheid",
    "werkelijkheid",
    "mogelijkheid",
    "mogelijkheden",
    "gelegenheid",
    "verantwoordelijk",
    "verantwoordelijkheid",
    "handelingen",
    "staatssecretaris",
    "september",
    "november",
    "december",
    "oktober",
    "augustus",
    "februari",
    "mededeling",
    "ondersteuning",
    "behandeling",
    "ontwikkeling",
    "ontwikkelingen",
    "regelgeving",
    "wetgeving",
    "organisatie",
    "organisaties",
    "maatregelen",
    "maatregel",
    "samenwerking",
}
NO_PART = {"bela", "sting", "stings", "aard", "heid", "held", "ende", "ing", "atie", "eren", "tie"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Dutch words → Zipf frequency, from wordfreq's Dutch list (installed data, no download).

    The Zipf value is computed from the frequency table as `zipf_frequency` does (log10 of the
    frequency per billion words, two decimals) without its per-word lookup: 0.5 s instead of
    3.9 s, which every new process paid before its first search."""
    from wordfreq import get_frequency_dict, top_n_list

    frequencies = get_frequency_dict("nl")
    words = {}
    for w in top_n_list("nl", 120_000):
        if w.isalpha() and len(w) >= MIN_PART and frequencies.get(w, 0) > 0:
            z = round(math.log10(frequencies[w]) + 9, 2)
            if z >= MIN_ZIPF:
                words[w] = z
    return words


@lru_cache(maxsize=200_000)
def split_compound(word: str, depth: int = 0) -> tuple[str, ...]:
    """The parts of a compound word, or () when it is not one."""
    if len(word) < MIN_COMPOUND or word in NEVER_SPLIT or not word.isalpha() or depth > 2:
        return ()
    lex = lexicon()
    best: tuple[float, tuple[str, ...]] | None = None
    for i in range(MIN_PART, len(word) - MIN_PART - 0):
        head, tail = word[:i], word[i:]
        if len(tail) < 4 or tail in NO_PART:
            continue
        head_word = _as_word(head, lex)
        if head_word is None:
            continue
        if _is_part(tail, lex):
            tail_parts: tuple[str, ...] = (tail,)
            score = min(lex[head_word], lex[tail])
        else:
            rest = split_compound(tail, depth + 1)
            if not rest:
                continue
            tail_parts = rest
            score = min(lex[head_word], *(lex.get(p, MIN_ZIPF) for p in rest)) - 0.5
        if best is None or score > best[0]:
            best = (score, (head_word, *tail_parts))
    return best[1] if best else ()


def _is_part(word: str, lex: dict[str, float]) -> bool:
    """Parts are real words: four letters or more, or a very common three-letter word."""
    if word in NO_PART or word not in lex or word in DUTCH_STOPWORDS:
        return False
    return len(word) >= 4 or lex[word] >= 4.5


def _as_word(head: str, lex: dict[str, float]) -> str | None:
    if _is_part(head, lex):
        return head
    for link in LINKS:
        if head.endswith(link) and _is_part(head[: -len(link)], lex):
            return head[: -len(link)]
    return None


def compound_terms(word: str) -> list[str]:
    """Every part and every run of adjacent parts: jeugd, zorg, aanbieders, jeugdzorg, zorgaanbieders."""
    parts = split_compound(word)
    if not parts:
        return []
    out: list[str] = []
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            if j - i == len(parts):
                continue
            term = "".join(parts[i:j])
            if term not in out:
                out.append(term)
    return out


def normalise_number(token: str) -> str:
    """The form a number is indexed and searched under: "7.803", "7,803" and "7803" all become
    "7803", so a figure is found however it was written. Other tokens are returned unchanged."""
    return re.sub(r"[.,]", "", token) if _GROUPED.fullmatch(token) else token


class NumberFilter(Filter):
    """Writes grouped whole numbers without their separators (see `normalise_number`)."""

    def __eq__(self, other: object) -> bool:
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            if t.text[:1].isdigit():
                t.text = normalise_number(t.text)
            yield t


class DecompoundFilter(Filter):
    """Keeps each token and adds its compound parts at the same position."""

    def __eq__(self, other: object) -> bool:
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            yield t
            if t.mode == "query":
                continue  # queries ask for the word itself; parts are added by the query layer
            text = t.text
            parts = (
                [p for p in re.split(r"[-'’.,]", text) if len(p) > 1] if re.search(r"[-'’.,]", text) else []
            )
            for part in dict.fromkeys([*parts, *compound_terms(text)]):
                if part != text:
                    t.text = part
                    yield t
            t.text = text


DUTCH_STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "als",
        "ben",
        "bij",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "en",
        "er",
        "ge",
        "had",
        "heb",
        "hebben",
        "heeft",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zei",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
    ]
)


@lru_cache(maxsize=1)
def _stemmer():
    return DutchStemmer()


def stem(word: str) -> str:
    return _stemmer().stem(word)


def _fold(token: str) -> str:
    text = token.lower().translate(accent_map)
    return normalise_number(text) if text[:1].isdigit() else text


@lru_cache(maxsize=300_000)
def dutch_terms(token: str) -> tuple[str, ...]:
    """What the text analyzer indexes for one token: () for a stop word, else the stem of the
    word followed by the stems of its hyphen and compound parts — what the chain lowercase,
    accent folding, numbers, stop words, decompounding and stemming gives, computed once per
    distinct token (a corpus repeats its words: at 1,000 documents this chain cost seconds)."""
    text = _fold(token)
    if not text or text in DUTCH_STOPWORDS:
        return ()
    # The parts are those of the word's stem, not of the word: in the chain this replaces, the
    # stemmer changed the (shared) token before the decompounder read it back. Kept so that
    # indexes built before and after this filter hold the same terms.
    root = stem(text)
    parts = [p for p in re.split(r"[-'’.,]", root) if len(p) > 1] if re.search(r"[-'’.,]", root) else []
    return (root, *(stem(p) for p in dict.fromkeys([*parts, *compound_terms(root)]) if p != root))


class DutchFilter(Filter):
    """The text fields' filters in one cached step (see `dutch_terms`): the word's stem, then
    its parts' stems at the same position (not for queries: the query layer adds parts);
    stop words are dropped and positions renumbered as Whoosh's StopFilter does."""

    def __eq__(self, other: object) -> bool:
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        pos = None
        for t in tokens:
            terms = dutch_terms(t.text)
            if not terms:
                if not t.removestops:
                    t.text, t.stopped = _fold(t.text), True
                    yield t
                continue
            if t.positions:
                pos = t.pos if pos is None else pos + 1
                t.pos = pos
            t.stopped = False
            t.text = terms[0]
            yield t
            if t.mode != "query":
                for term in terms[1:]:
                    t.text = term
                    yield t


def dutch_analyzer():
    """The analyzer of the text fields. Indexes made before DutchFilter keep the filter chain
    pickled in their schema (NumberFilter, DecompoundFilter, StemFilter), which gives the same
    terms."""
    return RegexTokenizer(TOKEN_PATTERN) | DutchFilter()


def _chain_analyzer():
    """The filter chain DutchFilter replaces, kept to check that both give the same terms."""
    chain = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map) | NumberFilter()
    chain = chain | StopFilter(stoplist=DUTCH_STOPWORDS, minsize=1)
    return chain | DecompoundFilter() | StemFilter(stemfn=stem, cachesize=50_000)


def exact_analyzer():
    """Unstemmed, for exact phrases and for "did you mean" suggestions."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map) | NumberFilter()
