"""The query language users type: words, "exact phrases", AND / OR / NOT, -exclude, prefix*,
and Dutch field filters (minister:Asscher lid:Azmani partij:VVD ministerie:SZW
wet:BWBR0020611 kamerstuk:36197-15 soort:antwoord van:2013-01-01 tot:2014-12-31).

Anything the parser cannot read becomes plain words, except a filter whose value is wrong
(`van:2024-13-45`, `jaar:abc`, `soort:iets`, `wet:Onbekendewet`): that raises InvalidQuery with a
Dutch message for the user, because searching without the filter would silently show more than
was asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from whoosh.support.charset import accent_map

from kamervragen.extract.laws import find_laws, law_index, law_titles
from kamervragen.parties import canonical_party

FILTER_FIELDS = {
    "minister": "answerers",
    "bewindspersoon": "answerers",
    "staatssecretaris": "answerers",
    "lid": "askers",
    "kamerlid": "askers",
    "vragensteller": "askers",
    "partij": "parties",
    "fractie": "parties",
    "ministerie": "ministries",
    "departement": "ministries",
    "wet": "laws",
    "kamerstuk": "kamerstukken",
    "soort": "kind",
    "jaar": "year",
    "van": "date_from",
    "vanaf": "date_from",
    "tot": "date_to",
    "totenmet": "date_to",
    "cijfer": "has_figure",
    "toezegging": "has_commitment",
}
KIND_WORDS = {
    "antwoord": "answer",
    "antwoorden": "answer",
    "answer": "answer",
    "vragen": "questions",
    "vraag": "questions",
    "questions": "questions",
    "mededeling": "notice",
    "notice": "notice",
    "uitstel": "notice",
    "mondeling": "oral",
    "mondelinge": "oral",
    "oral": "oral",
}
BOOLEAN_WORDS = {
    "ja": "ja",
    "yes": "ja",
    "true": "ja",
    "1": "ja",
    "nee": "nee",
    "no": "nee",
    "false": "nee",
    "0": "nee",
}
MAX_QUERY_LENGTH = 1000


class InvalidQuery(ValueError):
    """A filter value that cannot be read; the message is Dutch and meant for the user (the API
    answers 422 with it, the site shows it)."""


_TOKEN = re.compile(r'(-?)(\w+):"([^"]*)"|(-?)(\w+):(\S+)|(-?)"([^"]*)"?|(\S+)')


@dataclass
class Clause:
    """One searchable unit: a word, a phrase or a prefix, possibly negated."""

    kind: str  # word / phrase / prefix
    text: str
    negated: bool = False


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    operators: list[str] = field(default_factory=list)  # between clauses: "and" / "or" / ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    negative_filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def words(self) -> list[str]:
        return [c.text for c in self.clauses if c.kind == "word" and not c.negated]

    def is_empty(self) -> bool:
        return not self.clauses and not self.filters and not self.date_from and not self.date_to


def _parse_date(value: str, end: bool) -> date | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        m2 = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", value)
        if not m2:
            return None
        day, month, year = (int(x) for x in m2.groups())
    else:
        year = int(m.group(1))
        month = int(m.group(2) or (12 if end else 1))
        day = int(m.group(3) or (31 if end and not m.group(2) else 1))
        if end and m.group(2) and not m.group(3):
            import calendar

            day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_query(text: str) -> ParsedQuery:
    """Structured query; unknown fields and broken syntax fall back to plain words."""
    q = ParsedQuery()
    text = (text or "")[:MAX_QUERY_LENGTH].replace("“", '"').replace("”", '"').replace("„", '"')
    pending_op = ""
    for m in _TOKEN.finditer(text):
        neg_field_q, field_q, value_q, neg_field, field_name, value, neg_phrase, phrase, word = m.groups()
        if field_name or field_q:
            name = (field_name or field_q).lower()
            val = value if field_name else value_q
            negated = bool(neg_field or neg_field_q)
            target = FILTER_FIELDS.get(name)
            if target and val and _add_filter(q, name, target, val.strip(), negated):
                continue
            # not a filter we know: read "term:value" as words
            for part in re.findall(r"\w+", f"{name} {val}"):
                _add_clause(q, Clause("word", part), pending_op)
                pending_op = ""
            continue
        if phrase is not None:
            words = phrase.strip()
            if words:
                kind = "phrase" if " " in words else "word"
                _add_clause(q, Clause(kind, words, negated=bool(neg_phrase)), pending_op)
                pending_op = ""
            continue
        token = word
        if token in {"AND", "EN"}:
            pending_op = "and"
            continue
        if token in {"OR", "OF"}:
            pending_op = "or"
            continue
        if token in {"NOT", "NIET"}:
            pending_op = "not"
            continue
        negated = pending_op == "not"
        if token.startswith("-") and len(token) > 1:
            negated, token = True, token[1:]
        if pending_op == "not":
            pending_op = ""
        prefix = token.endswith("*") and len(token.rstrip("*")) >= 2
        # keep "." and "," only inside numbers ("7.803", "3,5"): the analyzer reads those
        cleaned = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", "", re.sub(r"[^\w*'’.,-]", "", token)).strip("*-'’")
        if not cleaned:
            continue
        _add_clause(q, Clause("prefix" if prefix else "word", cleaned, negated), pending_op)
        pending_op = ""
    return q


def _add_clause(q: ParsedQuery, clause: Clause, op: str) -> None:
    if q.clauses:
        q.operators.append(op if op in {"and", "or"} else "")
    q.clauses.append(clause)


def _add_filter(q: ParsedQuery, name: str, target: str, value: str, negated: bool) -> bool:
    if target in {"date_from", "date_to"}:
        d = _parse_date(value, end=target == "date_to")
        if d is None:
            raise InvalidQuery(f"Ongeldige datum bij {name}: “{value}”. Schrijf een datum als 2024-03-31.")
        setattr(q, target, d)
        return True
    if target == "kind":
        kind = KIND_WORDS.get(value.lower())
        if not kind:
            raise InvalidQuery(
                f"Onbekende soort “{value}”. Kies uit antwoord, vragen, mededeling of mondeling."
            )
        value = kind
    if target == "year" and not re.fullmatch(r"\d{4}", value):
        raise InvalidQuery(f"Ongeldig jaar “{value}”. Schrijf een jaar met vier cijfers, zoals 2024.")
    if target in {"has_figure", "has_commitment"}:
        if value.lower() not in BOOLEAN_WORDS:
            raise InvalidQuery(f"Ongeldige waarde bij {name}: “{value}”. Gebruik ja of nee.")
        value = BOOLEAN_WORDS[value.lower()]
    if target == "kamerstukken":
        value = normalise_kamerstuk(value)
    values = [value]
    if target == "laws":
        values = law_ids(value)
        if not values:
            raise InvalidQuery(
                f"Onbekende wet “{value}”. Gebruik de naam, een gangbare afkorting of het BWB-nummer."
            )
    bucket = q.negative_filters if negated else q.filters
    bucket.setdefault(target, []).extend(values)
    return True


def normalise_kamerstuk(value: str) -> str:
    """'36197-15', 'kst-36197-15', '36 197, nr. 15', '21501-32-1703' → '36197-15' / '21501-32-1703'."""
    v = value.lower().removeprefix("kst-")
    m = re.match(r"(\d{2})\s?(\d{3})\b(.*)$", v)
    if not m:
        return v
    rest = [p for p in re.split(r"[\s,.-]+", re.sub(r"nrs?\.?", " ", m.group(3))) if p]
    return "-".join([m.group(1) + m.group(2), *rest])


def fold(value: str) -> str:
    """Case and accents folded as the text analyzer folds them: "Yeşilgöz" → "yesilgoz"."""
    return value.translate(accent_map).casefold()


def _bare(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(value))


def party_key(value: str) -> str:
    """One key for every way a party is written: "P.v.d.A.", "PvdA" and "Partij van de Arbeid"
    give the same key, as do "GL-PvdA" and "GroenLinks-PvdA" — through the party table the
    parser names askers' parties with (kamervragen/data/parties.tsv); unknown parties keep
    their letters and digits ("Groep Van Haga" → "groepvanhaga")."""
    return _bare(canonical_party(value) or value)


@lru_cache(maxsize=1)
def _law_abbreviations() -> dict[str, str | None]:
    return {fold(alias): bwb for alias, bwb in law_index().abbreviations.items()}


@lru_cache(maxsize=1)
def _laws_by_title() -> dict[str, list[str]]:
    """Folded title → ids, a title ending in a year also under the title without it: "Wet
    inburgering" is the act of 2007 and "Wet inburgering 2021" alike, and a reader who names
    the law without a year means both."""
    out: dict[str, list[str]] = {}
    for bwb, title in law_titles().items():
        folded = fold(title)
        for key in dict.fromkeys([folded, re.sub(r"\s+(?:19|20)\d\d$", "", folded)]):
            out.setdefault(key, []).append(bwb)
    return out


def law_ids(value: str) -> list[str]:
    """The ids of the law a reader names by id ("BWBR0020611"), abbreviation ("Awb", "awb") or
    name ("Wet inburgering", with its namesakes by year), resolved with the extraction layer's
    tables; empty when the value names no known law."""
    value = value.strip().strip(".,;")
    if re.fullmatch(r"(?i)bwb[rv]\d{7}|\d{5}[a-z]\d{4}", value):  # BWB id or CELEX number
        return [value.upper()]
    abbreviation = _law_abbreviations().get(fold(value))
    if abbreviation:
        return [abbreviation]
    ids = list(_laws_by_title().get(fold(value), []))
    text = value[:1].upper() + value[1:]
    matches = find_laws(text)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text) and matches[0].bwb_id:
        ids.append(matches[0].bwb_id)
    return list(dict.fromkeys(ids))
