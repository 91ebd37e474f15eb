"""Names of laws, treaties and EU acts resolved to ids, from tables shipped as package data.

- bwb-laws.tsv (19,685 regulations, see data/bwb-laws.PROVENANCE.md): titles and a few aliases,
  matched without regard to case, token by token, so a name ends where the table's title ends and
  never runs on into the sentence; punctuation inside the text must also be in the title.
- law_aliases.tsv and eu_acts.tsv (see data/law_aliases.PROVENANCE.md): abbreviations and short
  names, matched with their case ("Awb", "WIA"; also "WIA-uitkering"), so ordinary words
  never become laws.
- A name the tables do not know is still reported, without id, when it has the shape of one
  (lawshapes.py): "Wet ..." or "Regeling ..."/"Besluit ..." with the words that follow up to
  where the sentence goes on, a "...wet"/"...verdrag" compound, "Akkoord van Parijs".

The id decides the kind: BWBR is a law, BWBV a treaty, a CELEX number an EU act. When a title
without a year also exists with a year ("Wet maatschappelijke ondersteuning" and "... 2015"), the
document's date picks the act in force: the newest whose year has begun (by July) on that date.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from kamervragen.extract.lawshapes import LAW_ENDS, PUNCT, YEAR, is_law_compound, unknown_name

_LAWLIKE = re.compile(
    r"wet\b|wetboek|grondwet|besluit|regeling|reglement|verdrag|handvest|code\b|statuut|overeenkomst|protocol",
    re.I,
)
_WORD = re.compile(r"\w+(?:['’]\w+)*(?:-\w+(?:['’]\w+)*)*")
# PDF text glues words: "deWet", "hetInternationaal", "InternationaalVerdrag"
_GLUED = re.compile(r"(?<=[a-zà-ÿ]{2})(?=[A-Z][a-zà-ÿ]{2})")
_BROKEN = re.compile(r"([a-zà-ÿ])-([a-zà-ÿ])")
_ARTICLE_NR = re.compile(r"\d[a-z]{0,2}$")
BW_BOOKS = {
    "1": "BWBR0002656",
    "2": "BWBR0003045",
    "3": "BWBR0005291",
    "4": "BWBR0002761",
    "5": "BWBR0005288",
    "6": "BWBR0005289",
    "7": "BWBR0005290",
    "7a": "BWBR0006000",
    "8": "BWBR0005034",
    "10": "BWBR0030068",
}


@dataclass(frozen=True)
class LawMatch:
    start: int
    end: int
    text: str
    bwb_id: str | None
    kind: str = "law"


def kind_of(ident: str | None, name: str = "") -> str:
    """law, treaty or eu, from the id or, without one, from the name."""
    if ident:
        return "eu" if ident[:1].isdigit() else "treaty" if ident.startswith("BWBV") else "law"
    if re.search(r"(?i)verdrag|akkoord|conventie|overeenkomst|handvest|statuut", name):
        return "treaty"
    return "eu" if re.search(r"-(?:richtlijn|verordening)$", name) else "law"


_NONE: frozenset[int] = frozenset()


@dataclass
class _Name:
    ident: str | None
    punct: frozenset[int]  # token positions after which the title itself has punctuation


@dataclass
class LawIndex:
    """Token sequences of names keyed by their first two tokens (thousands of titles begin with
    "Wet"), longest first; one-word names in a list of their own. `exact` holds case-sensitive
    abbreviations; `dated` the titles that end in a year, by the title without it."""

    by_first: dict[tuple[str, ...], list[tuple[tuple[str, ...], _Name]]] = field(default_factory=dict)
    exact: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    first: set[str] = field(default_factory=set)  # first words of `exact` names
    seen: set[tuple[str, ...]] = field(default_factory=set)
    dated: dict[tuple[str, ...], list[tuple[int, str]]] = field(default_factory=dict)

    @property
    def abbreviations(self) -> dict[str, str | None]:
        return {k: v[0] for k, v in self.exact.items()}

    def add(self, name: str, ident: str | None) -> None:
        words = list(_WORD.finditer(name))
        seq = tuple(w.group(0).lower() for w in words)
        if not seq or len(seq) > 14:
            return
        if seq in self.seen:
            return
        self.seen.add(seq)
        punct = (
            frozenset(
                i for i in range(len(words) - 1) if PUNCT.search(name[words[i].end() : words[i + 1].start()])
            )
            if PUNCT.search(name)
            else _NONE
        )
        self.by_first.setdefault(seq[:2], []).append((seq, _Name(ident, punct)))
        if ident and len(seq) > 1 and YEAR.match(seq[-1]):
            self.dated.setdefault(seq[:-1], []).append((int(seq[-1]), ident))

    def lookup(
        self, tokens: list[str], gaps: list[str], i: int, first: str | None = None
    ) -> tuple[int, str | None] | None:
        """(number of tokens, id) of the longest name starting at token i (read as `first`)."""
        head = (first or tokens[i]).lower()
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if (head, nxt) not in self.by_first and (head,) not in self.by_first:
            # a word broken over a line in PDF text: "Ondernemings-raden", "Jus-titiële"
            head, nxt = _BROKEN.sub(r"\1\2", head), _BROKEN.sub(r"\1\2", nxt)
            if (head, nxt) not in self.by_first and (head,) not in self.by_first:
                return None  # the common case: no name starts with these words
        window = (head, *(t.lower() for t in tokens[i + 1 : i + 15]))
        hit = self._longest(window, gaps, i)
        if hit is None and any("-" in t for t in window[1:]):
            hit = self._longest(tuple(_BROKEN.sub(r"\1\2", t) for t in window), gaps, i)
        return hit

    def _longest(self, window: tuple[str, ...], gaps: list[str], i: int) -> tuple[int, str | None] | None:
        candidates = self.by_first.get(window[:2], []) if len(window) > 1 else []
        for seq, name in [*candidates, *self.by_first.get(window[:1], [])]:
            n = len(seq)
            if window[:n] != seq:
                continue
            if any(PUNCT.search(gaps[i + k]) and k not in name.punct for k in range(n - 1)):
                continue
            return n, name.ident
        return None


def _read(name: str) -> list[list[str]]:
    text = resources.files("kamervragen.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def law_index() -> LawIndex:
    index = LawIndex()
    for alias, ident, where, *_ in _read("law_aliases.tsv"):
        bwb = None if ident == "-" else ident
        index.exact[alias] = (bwb, where)
        if not alias.isupper() and len(alias) > 4 and where != "article":
            index.add(alias, bwb)
    for name, celex, *_ in _read("eu_acts.tsv"):
        index.exact[name] = (celex, "any")
        if " " not in name and name[1:].islower():
            index.exact.setdefault(name.lower(), (celex, "any"))  # "de habitatrichtlijn"
        if " " in name:
            index.add(name, celex)
    for bwb, title, *rest in _read("bwb-laws.tsv")[1:]:
        aliases = rest[0].split("|") if rest and rest[0] else []
        for name in [title, *aliases]:
            if _LAWLIKE.search(name) and not re.match(r"(?i)(rijks)?(wet|besluit|regeling) van \d", name):
                index.add(name, bwb)
    # "Wet op de loonbelasting" names the Wet op de loonbelasting 1964: a dated title without its
    # year is a name too (the document's date then picks among namesakes, see _current)
    for base, dated in list(index.dated.items()):
        if len(base) > 1 or re.fullmatch(r"\w{4,}(?:wet|wetboek|besluit|regeling|verdrag)", base[0]):
            index.add(" ".join(base), max(dated)[1])
    for entries in index.by_first.values():
        entries.sort(key=lambda e: -len(e[0]))
    index.first = {name.split(" ")[0] for name in index.exact}
    return index


def _tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """Words with their offsets; glued PDF words are split where a capitalised word begins."""
    glue = [g.start() for g in _GLUED.finditer(text)]
    if not glue:
        matches = list(_WORD.finditer(text))
        return [m.group() for m in matches], [m.start() for m in matches], [m.end() for m in matches]
    spans = []
    for m in _WORD.finditer(text):
        a, b = m.span()
        inner = glue[bisect.bisect_right(glue, a) : bisect.bisect_left(glue, b)]
        spans += itertools.pairwise([a, *inner, b]) if inner else [(a, b)]
    return [text[a:b] for a, b in spans], [a for a, _ in spans], [b for _, b in spans]


def find_laws(text: str, on: date | None = None) -> list[LawMatch]:
    """Law, treaty and EU act names in text, longest match first, never overlapping. `on` is the
    document's date, to pick the act in force among namesakes."""
    index = law_index()
    tokens, starts, ends = _tokens(text)
    gaps = [text[ends[k] : starts[k + 1]] for k in range(len(tokens) - 1)] + [""]
    out: list[LawMatch] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if (
            word.islower()
            and not word.endswith(LAW_ENDS)
            and word not in index.first
            and ("-" not in word or word.split("-")[0] not in index.first)
        ):
            i += 1  # the common case: an ordinary lowercase word cannot start a name
            continue
        hit = _match(tokens, gaps, i, index, on)
        if hit:
            n, ident, cut = hit
            start = starts[i]
            end = starts[i + n - 1] + cut if cut else ends[i + n - 1]
            # glued PDF words get their space back: "wetsvoorstelVerbetering" names "wetsvoorstel Verbetering"
            name = (
                text[start:end]
                if cut
                else "".join(
                    t + (g or " ") for t, g in zip(tokens[i : i + n], [*gaps[i : i + n - 1], ""], strict=True)
                ).strip()
            )
            out.append(LawMatch(start, end, name, ident, kind_of(ident, name)))
            i += n
        else:
            i += 1
    return out


def _match(
    tokens: list[str], gaps: list[str], i: int, index: LawIndex, on: date | None
) -> tuple[int, str | None, int | None] | None:
    """(tokens used, id, characters of the last token that count when not all) or None."""
    word = tokens[i]
    exact = _exact(tokens, gaps, i, index) if word in index.first else None
    if word[:1].isupper() or is_law_compound(word) or word in {"wet", "wetboek"}:
        joined = word.replace("-", "") if "-" in word and _BROKEN.search(word) else word  # "Vrouwen-verdrag"
        hit = index.lookup(tokens, gaps, i, joined)
        if hit and not (hit[0] == 1 and word[:1].islower() and not is_law_compound(word)):
            n, ident = hit
            if exact and exact[0] >= n:
                return exact[0], exact[1], None
            return n, _current(tokens[i : i + n], ident, index, on), None
    if exact:
        return exact[0], exact[1], None
    head = word.split("-")[0]
    if (
        "-" in word
        and head in index.exact
        and index.exact[head][1] == "any"
        and word[len(head) + 1 :][:1].islower()
    ):
        return 1, index.exact[head][0], len(head)  # "WIA-uitkering": the WIA
    n = unknown_name(tokens, gaps, i)
    return (n, None, None) if n else None


def _exact(tokens: list[str], gaps: list[str], i: int, index: LawIndex) -> tuple[int, str | None] | None:
    for n in (3, 2, 1):
        name = " ".join(tokens[i : i + n])
        if len(tokens) >= i + n and name in index.exact:
            ident, where = index.exact[name]
            if (where != "article" or _after_article(tokens, gaps, i)) and not _versioned(
                tokens, gaps, i + n
            ):
                return n, ident
    return None


def _after_article(tokens: list[str], gaps: list[str], i: int) -> bool:
    """'310 Sr': the word follows an article number directly."""
    return i > 0 and bool(_ARTICLE_NR.search(tokens[i - 1])) and not gaps[i - 1].strip()


def _versioned(tokens: list[str], gaps: list[str], k: int) -> bool:
    """'DSA 2.0', 'WEB 3.1': an abbreviation with a version number names something else."""
    return (
        k + 1 < len(tokens)
        and tokens[k].isdigit()
        and gaps[k] in {".", ","}
        and tokens[k + 1][:1].isdigit()
        and gaps[k - 1].strip() == ""
    )


def _current(seq: list[str], ident: str | None, index: LawIndex, on: date | None) -> str | None:
    """The act in force on the document's date among namesakes that differ by a year."""
    dated = index.dated.get(tuple(t.lower() for t in seq))
    if not dated:
        return ident
    started = [(y, i) for y, i in dated if on is None or (on.year, on.month) >= (y, 7)]
    if started:
        return max(started)[1]
    return ident or min(dated)[1]


def bw_book(article: str) -> str | None:
    """'7:658' cites Book 7 of the Burgerlijk Wetboek."""
    m = re.match(r"(\d{1,2}a?):", article.lower())
    return BW_BOOKS.get(m.group(1)) if m else None


@lru_cache(maxsize=1)
def law_titles() -> dict[str, str]:
    """BWB id (or CELEX id of an EU act) → the law's title, for showing a law where only its id
    is stored."""
    rows = resources.files("kamervragen.data").joinpath("bwb-laws.tsv").read_text(encoding="utf-8")
    titles = {}
    for line in rows.splitlines()[1:]:
        bwb, title = ([*line.split("\t"), ""])[:2]
        if bwb and title:
            titles[bwb] = title
    for name, celex, *act in _read("eu_acts.tsv"):  # EU acts by their first (common) name
        titles.setdefault(celex, f"{name} ({act[0]})" if act and act[0] else name)
    return titles
