"""Statements and measures: every figure of a document as a statement (the figure, the sentence
it stands in, whether the answer confirmed or corrected it), and the *measure key* that says
which statements report the same thing, so that the knowledge base can follow one measure
across years of answers.

The key is deliberately conservative: the unit, the kind of statistic (an average is no
total), part or whole, the counted noun and one context noun. Two statements share a measure
only when all of these are equal; a statement whose counted noun is unknown keeps a measure of
its own. An answer that confirms the question's figures and then gives "recentere cijfers", or
corrects them ("het gaat om…"), says itself which of its figures update which: those take the
question figure's key, whatever words they use.

Also the figures of a claim (a sentence a fact-checker sends): the same number parsing as the
extractor, but every number counts, bare or written out ("ruim tweeduizend")."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kamervragen.extract.figure_words import FIGURE_LEADS, STOPWORDS
from kamervragen.extract.figures import (
    _QUALIFIERS,
    _is_excluded,
    _sentence_bounds,
    _unit_and_subject,
    get_figures,
    lemma,
)
from kamervragen.extract.numbers import find_numbers
from kamervragen.model import Document
from kamervragen.spans import Figure

# "De cijfers zijn correct", "Dat klopt": the answer confirms the question's figures
CONFIRMS = re.compile(
    r"^(?:Ja\b|Dat klopt|Dit klopt|Het klopt|Dat is (?:juist|correct)|Die cijfers kloppen|"
    r"De(?: genoemde)? (?:cijfers|aantallen|getallen) (?:zijn|kloppen)(?: correct| juist)?)",
    re.I,
)
# "Het genoemde aantal klopt niet, het gaat om…": it corrects them (looked for in its opening)
CORRECTS = re.compile(
    r"\b(?:klopt|kloppen)\s+niet\b|\bis\s+(?:niet\s+(?:juist|correct)|onjuist|incorrect)\b|"
    r"\bzijn\s+(?:niet\s+(?:juist|correct)|onjuist)\b|\bhet\s+(?:juiste|werkelijke)\s+(?:aantal|cijfer|bedrag)\b|"
    r"\bin\s+werkelijkheid\b|\bhet\s+gaat\s+(?:echter\s+)?om\b",
    re.I,
)
# "Inmiddels beschik ik over recentere cijfers": the answer's figures update the question's
UPDATES = re.compile(
    r"\b(?:recentere|actuelere|nieuwere|meest\s+recente|actuele)\s+(?:cijfers|gegevens)\b", re.I
)
# qualifiers that change what is measured (an average is another measure than a total);
# "ruim", "bijna", "slechts" only round or colour the same measure
_STATISTIC = re.compile(r"\b(gemiddeld|gemiddelde|mediaan|maximaal|minimaal|maximum|minimum)\s*$", re.I)
_ROUNDING = {
    "ruim",
    "bijna",
    "circa",
    "ongeveer",
    "slechts",
    "maar",
    "meer",
    "minder",
    "zo'n",
    "zo’n",
    "rond",
    "krap",
}
# nouns that say only "people" or "things": what they count comes from their whole or context
GENERIC = {
    "mens",
    "persoon",
    "keer",
    "geval",
    "stuk",
    "aantal",
    "groep",
    "procent",
    "deel",
    "totaal",
    "man",
    "vrouw",
}
_ARTICLE_NOUN = re.compile(
    r"\b(?:een|de|het|hun|zijn|haar|deze|die|dit)\s+((?:[a-zà-ÿ]+e\s+){0,2})([a-zà-ÿ][a-zà-ÿ'’-]{2,})\b"
)
_OF_NOUN = re.compile(r"^\s*van\s+(?:de|het|alle)\s+((?:[a-zà-ÿ]+e\s+){0,2})([a-zà-ÿ][a-zà-ÿ'’-]{2,})")
_VERBISH = re.compile(r"(?:en|t|d)$")  # "af te sluiten": a word left of "te" or an infinitive


@dataclass
class Statement:
    """A figure as a statement of the knowledge base."""

    figure: Figure
    sentence: str
    key: str | None  # the measure key; None: too little known to group it with anything
    label: str
    verdict: str | None = None  # "confirmed" / "corrected" (question figures only)
    updates: int | None = None  # index of the question statement this answer figure updates
    corrects: bool = False  # this answer figure replaces a question figure the answer called wrong


def statement_id(document_id: str, location: str, start: int, end: int) -> str:
    """Stable across re-indexing: the same figure at the same place gets the same id."""
    return hashlib.sha1(f"{document_id}|{location}|{start}|{end}".encode()).hexdigest()[:16]


def measure_id(area: str, key: str) -> str:
    """A measure is a key within a policy area (a ministry)."""
    return hashlib.sha1(f"{area}|{key}".encode()).hexdigest()[:12]


def answer_verdict(text: str) -> str | None:
    """'confirmed', 'corrected' or None for an answer's opening about the question's figures."""
    opening = text[:300]
    if CORRECTS.search(opening):
        return "corrected"
    if CONFIRMS.match(text):
        return "confirmed"
    return None


def is_period(fig: Figure) -> bool:
    """'de afgelopen 10 maanden': a duration that dates the figures around it, no statement."""
    return (
        fig.unit in {"year", "month", "week", "day"} and bool(fig.period) and fig.text in (fig.period or "")
    )


def _head(phrase: str | None) -> str | None:
    if not phrase:
        return None
    head = phrase.split()[-1].lower()
    return None if head in GENERIC or head in STOPWORDS else head


def _context_noun(sentence: str, after: int) -> str | None:
    """The first noun after an article behind the figure: '923 mensen … om een lening af te
    sluiten', 'aan 1.084 personen een lening toegekend' → lening. Names (capitals) and verbs
    are no context."""
    for m in _ARTICLE_NOUN.finditer(sentence, after):
        word = m.group(2)
        if word in STOPWORDS or (_VERBISH.search(word) and sentence[m.end() : m.end() + 4] == " te "):
            continue
        lem = lemma(word)
        if lem not in GENERIC and len(lem) >= 4:
            return lem
    return None


def _lead_word(sentence: str, before: int) -> str | None:
    words = [
        w
        for w in re.findall(r"[A-Za-zÀ-ÿ][\w’'-]{3,}", sentence[:before])
        if w.lower() not in STOPWORDS | FIGURE_LEADS | _ROUNDING
    ]
    return f"~{lemma(words[-1])}" if words else None


def _noun_before(sentence: str, before: int) -> str | None:
    """'het budget bedraagt € 2,3 miljoen': what a unit figure measures, named before it."""
    found = [
        m
        for m in _ARTICLE_NOUN.finditer(sentence, 0, before)
        if m.group(2) not in STOPWORDS and not re.match(r"\s*[\d€]", sentence[m.end() :])
    ]
    return lemma(found[-1].group(2)) if found else None


def measure_key(
    figure: Figure, sentence: str, offset: int, whole: Figure | None = None
) -> tuple[str | None, str]:
    """(key, label) of a figure standing in `sentence`, which starts at `offset` of the figure's
    text. `whole` is the figure it is part of. Never equal for different units, for a part and
    its whole, or for an average and a total."""
    start, end = figure.start - offset, figure.end - offset
    stat = _STATISTIC.search(sentence[max(0, start - 25) : start])
    statistic = stat.group(1).lower().rstrip("e") if stat else ""
    part = "deel" if figure.part_of is not None else "geheel"
    counted = _head(figure.subject)
    if counted is None and whole is not None:
        counted = _head(whole.subject)
    if counted is None and figure.unit == "percent":
        of = _OF_NOUN.match(sentence[end:])
        counted = lemma(of.group(2)) if of else None
    if counted is None and figure.unit not in {"count", "persons"}:
        counted = _noun_before(sentence, start)
    # without a context noun, the word that leads into the figure: a repeat of the same
    # sentence still groups, a different sentence about the same noun does not
    context = _context_noun(sentence, end) or _lead_word(sentence, start)
    label = " · ".join(w for w in (counted, context) if w and not w.startswith("~")) or figure.text
    if figure.part_of is not None:
        label += " (deel)"
    if statistic:
        label = f"{statistic} {label}"
    if counted is None:
        return None, label
    return "|".join([figure.unit, statistic, part, counted, context or ""]), label


def document_statements(doc: Document) -> list[Statement]:
    """The statements of a document whose figures were extracted (`doc.statistics`), with their
    measure keys, the answer's verdict on the question's figures, and which answer figures update
    or correct which question figures."""
    from kamervragen.extract.document import text_units

    texts = {loc: text for loc, text, _ in text_units(doc)}
    out: list[Statement] = []
    by_location: dict[str, list[int]] = {}
    for fig in doc.statistics:
        if is_period(fig):
            continue
        text = texts.get(fig.location, "")
        s, e = _sentence_bounds(text, fig.start)
        siblings = [out[i].figure for i in by_location.get(fig.location, [])]
        whole = next((f for f in siblings if fig.part_of is not None and f.value == fig.part_of), None)
        if whole is None and fig.part_of is not None:
            whole = next(
                (f for f in doc.statistics if f.location == fig.location and f.value == fig.part_of), None
            )
        key, label = measure_key(fig, text[s:e], s, whole)
        by_location.setdefault(fig.location, []).append(len(out))
        out.append(Statement(fig, " ".join(text[s:e].split()), key, label))
    _unmerge_ambiguous(out)
    for answer in doc.answers:
        _link_answer(doc, answer.text, answer.numbers, out, by_location)
    return out


def _unmerge_ambiguous(out: list[Statement]) -> None:
    """One text giving several values under one key for one date ("juni: 121 98 143", the cells of
    a table row without year columns) reports different things the key cannot tell apart: each
    keeps a measure of its own rather than a false conflict."""
    groups: dict[tuple, list[Statement]] = {}
    for st in out:
        if st.key is not None:
            f = st.figure
            groups.setdefault((f.location, st.key, f.as_of, f.period), []).append(st)
    for group in groups.values():
        if len({st.figure.value for st in group}) > 1:
            for st in group:
                st.key = None


def _link_answer(
    doc: Document, text: str, numbers: list[int], out: list[Statement], by_location: dict[str, list[int]]
) -> None:
    """Mark the question's statements confirmed or corrected, and let an answer figure that
    updates or corrects a question figure (same unit, same part or whole, in order) share its key."""
    asked = [i for n in numbers for i in by_location.get(f"q{n}", [])]
    if not asked:
        return
    verdict = answer_verdict(text)
    for i in asked:
        out[i].verdict = verdict or out[i].verdict
    if verdict is None and not UPDATES.search(text[:400]):
        return
    if verdict == "confirmed" and not UPDATES.search(text[:400]):
        return
    given = by_location.get(f"a{numbers[0]}", []) if numbers else []
    limit = 400 if verdict == "corrected" else 600
    free = list(asked)
    for j in given:
        fig = out[j].figure
        if fig.start > limit:
            break
        match = next(
            (
                i
                for i in free
                if out[i].figure.unit == fig.unit
                and (out[i].figure.part_of is None) == (fig.part_of is None)
                and out[i].key is not None
            ),
            None,
        )
        if match is None:
            continue
        free.remove(match)
        out[j].key, out[j].label, out[j].updates = out[match].key, out[match].label, match
        out[j].corrects = verdict == "corrected"


def claim_figures(text: str) -> list[Figure]:
    """The figures of a claim: '7.803', '1,5 miljoen', 'ruim tweeduizend', '12%', '€ 2,3 mln'.
    Unlike in documents every number counts (a claim has no list items or article numbers),
    except years and dates."""
    found = {f.start: f for f in get_figures(text, "claim", role="claim")}
    for n in find_numbers(text):
        if n.start in found or any(f.start <= n.start < f.end for f in found.values()):
            continue
        if _is_excluded(text, n):
            continue
        r = _unit_and_subject(text, n)
        q = _QUALIFIERS.search(text[max(0, n.start - 20) : n.start])
        found[n.start] = Figure(
            location="claim",
            start=n.start,
            end=r.end,
            text=text[n.start : r.end],
            value=n.value,
            unit=r.unit,
            subject=r.subject,
            qualifier=q.group(0).strip().lower() if q else None,
            role="claim",
        )
    return [found[k] for k in sorted(found)]
