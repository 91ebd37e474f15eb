"""The query language users type: words, "exact phrases", AND / OR / NOT, -exclude, prefix*,
and Dutch field filters (minister:Asscher lid:Azmani partij:VVD ministerie:SZW
wet:BWBR0020611 kamerstuk:36197-15 soort:antwoord van:2013-01-01 tot:2014-12-31).

Parsing never raises: anything it cannot read becomes plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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
MAX_QUERY_LENGTH = 1000
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
            if target and val and _add_filter(q, target, val.strip(), negated):
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


def _add_filter(q: ParsedQuery, target: str, value: str, negated: bool) -> bool:
    if target in {"date_from", "date_to"}:
        d = _parse_date(value, end=target == "date_to")
        if d is None:
            return False
        setattr(q, target, d)
        return True
    if target == "kind":
        kind = KIND_WORDS.get(value.lower())
        if not kind:
            return False
        value = kind
    if target == "year" and not re.fullmatch(r"\d{4}", value):
        return False
    if target in {"has_figure", "has_commitment"}:
        value = "ja" if value.lower() in {"ja", "yes", "true", "1"} else "nee"
    if target == "kamerstukken":
        value = normalise_kamerstuk(value)
    bucket = q.negative_filters if negated else q.filters
    bucket.setdefault(target, []).append(value)
    return True


def normalise_kamerstuk(value: str) -> str:
    """'36197-15', 'kst-36197-15', '36 197, nr. 15', '21501-32-1703' → '36197-15' / '21501-32-1703'."""
    v = value.lower().removeprefix("kst-")
    m = re.match(r"(\d{2})\s?(\d{3})\b(.*)$", v)
    if not m:
        return v
    rest = [p for p in re.split(r"[\s,.-]+", re.sub(r"nrs?\.?", " ", m.group(3))) if p]
    return "-".join([m.group(1) + m.group(2), *rest])
