"""Resolve Dutch time expressions in promises to a due date, relative to the answer date.

`due` is the latest date on which the promise still counts as kept: "voor de zomer" → 1 July,
"in het voorjaar" → 30 June, "eind dit jaar" → 31 December, "in het eerste kwartaal van 2025"
→ 31 March 2025. Vague phrases ("op korte termijn", "binnenkort") give no date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
_M = "|".join(_MONTHS)
_YEAR = (
    r"(?:(?:van\s+)?(?:(?P<year>(?:19|20)\d{2})(?!\d)|(?P<rel>dit|dit\s+kalender|volgend|komend)\s*jaar))?"
)
VAGUE = re.compile(
    r"op\s+(?:zo\s+)?korte\s+termijn|binnenkort|zo\s+(?:spoedig|snel)\s+mogelijk|te\s+zijner\s+tijd|t\.z\.t\.|"
    r"de\s+komende\s+(?:tijd|periode|maanden|weken)|binnen\s+(?:enkele|een\s+paar|afzienbare)\s+(?:weken|maanden)|"
    r"zodra\s+(?:dat\s+)?mogelijk|binnen\s+afzienbare\s+tijd|op\s+afzienbare\s+termijn|op\s+een\s+later\s+moment|in\s+de\s+loop\s+van\s+(?:de\s+tijd|dit\s+jaar)",
    re.I,
)
_SEASONS = {
    "voorjaar": (6, 30),
    "lente": (6, 30),
    "zomer": (9, 30),
    "najaar": (12, 31),
    "herfst": (12, 31),
    "winter": (3, 31),
}
_QUARTERS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2, "3e": 3, "4e": 4}

_NUMBER_WORDS = {
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "acht": 8,
    "tien": 10,
    "twaalf": 12,
}

EXPRESSIONS: list[tuple[re.Pattern, str]] = [
    (
        # a date given in brackets after the event it names: "ruim voor het sluiten van de
        # openstellingsperiode (1 december 2023)"
        re.compile(
            rf"v(?:oo|óó|oó|óo|ó)r\s+(?:de|het)\s+[^.;()]{{0,100}}\(\s*(?P<day>\d{{1,2}})\s+(?P<month>{_M})"
            rf"\s+(?P<year>(?:19|20)\d{{2}})(?!\d)\s*\)",
            re.I,
        ),
        "before_date",
    ),
    (
        re.compile(
            rf"(?:uiterlijk\s+(?:op\s+)?|v(?:oo|óó|oó|óo|ó)r\s+)(?P<day>\d{{1,2}})\s+(?P<month>{_M})(?:\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?",
            re.I,
        ),
        "before_date",
    ),
    (
        # a date opening the sentence is its time ("Per 1 juli 2025 zal de aanwijzing zijn
        # afgerond"); after a noun it dates that thing ("over de overgang per 1 juli 2025")
        re.compile(
            rf"^(?:per|met\s+ingang\s+van)\s+(?P<day>\d{{1,2}})\s+(?P<month>{_M})"
            rf"(?:\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?",
            re.I,
        ),
        "before_date",
    ),
    (
        # ... or before the verb that ends the clause: "de regeling per 1 januari 2026 aan te passen"
        re.compile(
            rf"\b(?:per|met\s+ingang\s+van)\s+(?P<day>\d{{1,2}})\s+(?P<month>{_M})"
            rf"(?:\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?(?=\s+(?:\w+\s+){{0,2}}?\w+(?:en|d|t)\s*(?:[.;:,]|$))",
            re.I,
        ),
        "per_date",
    ),
    (
        re.compile(
            # "binnen drie maanden", "over zes weken", "binnen een half jaar"
            r"(?:binnen|over)\s+(?P<n>\d{1,2}|een|twee|drie|vier|vijf|zes|acht|tien|twaalf)\s+"
            r"(?P<unit>weken|week|maanden|maand|half\s+jaar)\b",
            re.I,
        ),
        "within",
    ),
    (
        re.compile(
            r"(?:in\s+)?(?:de\s+|het\s+)?(?P<half>eerste|tweede)\s+(?:helft|halfjaar)\s+(?:van\s+)?(?:(?P<year>(?:19|20)\d{2})(?!\d)|"
            r"(?P<rel>dit|volgend|komend)\s*jaar)",
            re.I,
        ),
        "half",
    ),
    (
        re.compile(
            rf"\bmedio\s+(?:(?P<month>{_M})(?:\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?|(?P<y2>(?:19|20)\d{{2}})(?!\d)"
            r"|(?P<rel>dit|volgend|komend)\s*jaar)",
            re.I,
        ),
        "medio",
    ),
    (re.compile(rf"v(?:oo|óó|oó|óo|ó)r\s+(?:de\s+)?zomer(?:reces)?\s*{_YEAR}", re.I), "before_summer"),
    (re.compile(rf"(?:direct\s+)?na\s+(?:het\s+zomerreces|de\s+zomer)\s*{_YEAR}", re.I), "after_summer"),
    (re.compile(rf"v(?:oo|óó|oó|óo|ó)r\s+het\s+(?:kerst|herfst)reces\s*{_YEAR}", re.I), "before_christmas"),
    (
        re.compile(
            rf"(?:in\s+|v(?:oo|óó|oó|óo|ó)r\s+)?(?:het\s+|de\s+)?(?:dit\s+|komend\s+|komende\s+)?"
            # not the Voorjaarsnota or a zomerreces: a season word glued on in PDF text still counts
            rf"(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)(?!s\w|nota|reces|tijd)\s*{_YEAR}",
            re.I,
        ),
        "season",
    ),
    (
        re.compile(
            rf"(?:in\s+het\s+)?(?P<q>eerste|tweede|derde|vierde|1e|2e|3e|4e)\s+kwartaal\s*{_YEAR}|"
            rf"\bQ(?P<qn>[1-4])\s*(?:(?P<qyear>(?:19|20)\d{{2}})(?!\d))?",
            re.I,
        ),
        "quarter",
    ),
    (
        re.compile(
            rf"(?:voor\s+|tegen\s+)?(?:het\s+)?eind(?:e)?\s+(?:van\s+)?(?:het\s+)?(?:(?P<month>{_M})|jaar|"
            rf"dit\s+(?:kalender)?jaar|(?P<year>(?:19|20)\d{{2}})(?!\d)|volgend\s+jaar)",
            re.I,
        ),
        "end",
    ),
    (
        re.compile(
            rf"begin\s+(?:van\s+)?(?:(?P<year>(?:19|20)\d{{2}})(?!\d)|volgend\s+jaar|(?P<month>{_M}))", re.I
        ),
        "begin",
    ),
    (
        # an event in a named month: "voor de COP van november 2024" → the end of that month
        re.compile(
            rf"v(?:oo|óó|oó|óo|ó)r\s+(?:de|het)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:van|in)\s+(?P<month>{_M})"
            rf"(?:\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?",
            re.I,
        ),
        "event_month",
    ),
    (
        re.compile(
            # "in september", "in de loop van de maand september", "in de maand mei"
            rf"(?:in(?:\s+de\s+loop\s+van)?(?:\s+de\s+maand)?|voor|uiterlijk\s+in)\s+(?P<month>{_M})"
            rf"(?:\s+(?P<year>(?:19|20)\d{{2}})(?!\d))?",
            re.I,
        ),
        "month",
    ),
    # "deze week", "volgende week": the Sunday that ends that week
    (re.compile(r"\b(?:deze|(?P<next>volgende|komende))\s+week\b", re.I), "week"),
    (re.compile(r"(?:volgende|komende)\s+maand\b", re.I), "next_month"),
    (re.compile(r"(?:volgend|komend)\s+jaar|in\s+de\s+loop\s+van\s+volgend\s+jaar", re.I), "next_year"),
    (re.compile(r"(?:nog\s+)?dit\s+jaar|in\s+de\s+loop\s+van\s+dit\s+jaar", re.I), "this_year"),
    # the State Opening of Parliament, the third Tuesday of September
    (re.compile(rf"v(?:oo|óó|oó|óo|ó)r\s+Prinsjesdag\s*{_YEAR}", re.I), "prinsjesdag"),
    (
        re.compile(
            r"\b(?:in\s+de\s+loop\s+van|in|voor|uiterlijk(?:\s+in)?)\s+(?:het\s+jaar\s+)?(?P<year>(?:19|20)\d{2})(?!\d)\b",
            re.I,
        ),
        "year",
    ),
]


def _year(m: re.Match, ref: date) -> int | None:
    groups = m.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("qyear"):
        return int(groups["qyear"])
    rel = (groups.get("rel") or "").lower()
    if rel.startswith(("volgend", "komend")):
        return ref.year + 1
    if rel:
        return ref.year
    return None


def _prinsjesdag(year: int) -> date:
    """The third Tuesday of September."""
    first = date(year, 9, 1)
    return date(year, 9, 1 + (1 - first.weekday()) % 7 + 14)


def _next_on_or_after(ref: date, month: int, day: int, year: int | None) -> date:
    if year:
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    candidate = date(ref.year, month, min(day, calendar.monthrange(ref.year, month)[1]))
    if candidate >= ref:
        return candidate
    return date(ref.year + 1, month, min(day, calendar.monthrange(ref.year + 1, month)[1]))


_CLAUSE_BREAK = re.compile(r"[,;:()]|\s(?:dat|die|waarin|waarbij|welke|en)\s")
# a perfect or past passive: "is ontwikkeld", "werd gepubliceerd", "heeft … plaatsgevonden"
_PAST_VERB = re.compile(
    r"\b(?:is|zijn|was|waren|werd|werden|heeft|hebben|had|hadden)\b[^,;]{0,60}?\b(?:ge|ver|be|ont|her|op|af|in|uit)\w*[dtn]\b"
    r"|\b(?:ge|ver|be|ont|her)\w+[dt]\s+(?:is|zijn|was|waren|werd|werden)\b",
    re.I,
)


def _in_past_clause(sentence: str, m: re.Match) -> bool:
    """True when the time words belong to a clause about the past ("het model, dat in 2018 is
    ontwikkeld"): they date that event, not the promise, so they are no due date."""
    starts = [b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start())]
    end = _CLAUSE_BREAK.search(sentence, m.end())
    clause = sentence[starts[-1] if starts else 0 : end.start() if end else len(sentence)]
    # a decision taken about an act to come dates the act: "heeft besloten de regeling per 1
    # januari 2026 te verlengen"
    to_come = re.search(r"\b(?:zal|zullen|ga|gaan)\b", clause, re.I) or re.search(
        r"\bte\s+\w+en\b", sentence[m.end() : (end.start() if end else len(sentence))], re.I
    )
    return bool(_PAST_VERB.search(clause)) and not to_come


# a year that dates a thing named in a prepositional phrase ("over de plannen voor 2026", "de
# voortzetting van het programma in 2026"), not the act: the year follows that phrase's noun
_OF_A_THING = re.compile(
    r"\b(?:over|van|naar|met|bij|aan|uit)\s+(?:(?:de|het|een|deze|dit|die|mijn|uw|haar|hun|onze?)\s+)?"
    r"(?:[\w-]+\s+){0,2}[\w-]+\s*$",
    re.I,
)
# the act itself after the year: "… over de voortgang in 2026 informeren"
_VERB_AFTER = re.compile(r"\s*\w+(?:en|d|t)\s*(?:[.;:,]|$)", re.I)


def _of_a_thing(sentence: str, m: re.Match) -> bool:
    """True when a bare year belongs to a noun before it, not to the promised act."""
    before = sentence[: m.start()]
    # "… naar gestreefd om in 1987 … af te ronden": after "om" the year opens the act's own clause
    if re.search(r"\bom\s*$", before, re.I):
        return False
    return bool(_OF_A_THING.search(before)) and not _VERB_AFTER.match(sentence[m.end() :])


def resolve_due(sentence: str, ref: date | None) -> tuple[date | None, bool, str | None]:
    """(due date, vague, matched phrase) for the time expression in a promise. Without an answer
    date only phrases that name their year resolve ("voor de zomer" of an undated answer has no
    date); a phrase that names no real date ("in het voorjaar van 20214") gives none."""
    try:
        return _resolve(sentence, ref)
    except ValueError:  # a day or month the calendar does not have
        return None, True, None


def _resolve(sentence: str, answered_on: date | None) -> tuple[date | None, bool, str | None]:
    ref = answered_on or date.today()
    for pattern, kind in EXPRESSIONS:
        m = next(
            (
                m
                for m in pattern.finditer(sentence)
                if not _in_past_clause(sentence, m)
                and not (kind == "year" and _of_a_thing(sentence, m))
                # "per" dates a thing more often still: "over de overgang per 1 juli informeren"
                and not (kind == "per_date" and _OF_A_THING.search(sentence[: m.start()]))
            ),
            None,
        )
        if not m:
            continue
        if re.match(r"\s*(?:van\s+)?\d{3,}", sentence[m.end() :]):
            return None, True, None  # a year the phrase could not read ("voorjaar van 20214")
        year = _year(m, ref)
        g = m.groupdict()
        if kind == "within":
            n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS[g["n"].lower()]
            if g["unit"].lower().startswith("half"):
                n, g["unit"] = 6 * n, "maanden"
            if g["unit"].lower().startswith("we"):
                due = date.fromordinal(ref.toordinal() + 7 * n)
            else:
                y, mo = divmod(ref.month - 1 + n, 12)
                y, mo = ref.year + y, mo + 1
                due = date(y, mo, min(ref.day, calendar.monthrange(y, mo)[1]))
        elif kind == "half":
            due = (
                date(year or ref.year, 6, 30)
                if g["half"].lower() == "eerste"
                else date(year or ref.year, 12, 31)
            )
        elif kind == "medio":
            if g.get("month"):
                due = _next_on_or_after(ref, _MONTHS[g["month"].lower()], 15, year)
            else:
                due = date(int(g["y2"]) if g.get("y2") else year or ref.year, 6, 30)
        elif kind in ("before_date", "per_date"):
            due = _next_on_or_after(ref, _MONTHS[g["month"].lower()], int(g["day"]), year)
        elif kind == "before_summer":
            due = _next_on_or_after(ref, 7, 1, year)
        elif kind == "after_summer":
            due = _next_on_or_after(ref, 9, 30, year)
        elif kind == "before_christmas":
            due = _next_on_or_after(ref, 12, 20, year)
        elif kind == "season":
            month, day = _SEASONS[g["season"].lower()]
            due = _next_on_or_after(ref, month, day, year)
        elif kind == "quarter":
            q = _QUARTERS.get((g.get("q") or "").lower()) or int(g.get("qn") or 1)
            month = q * 3
            due = _next_on_or_after(ref, month, calendar.monthrange(2001, month)[1], year)
        elif kind == "end":
            if g.get("month"):
                month = _MONTHS[g["month"].lower()]
                due = _next_on_or_after(ref, month, calendar.monthrange(year or ref.year, month)[1], year)
            else:
                y = year or (ref.year + 1 if "volgend" in m.group(0).lower() else ref.year)
                due = date(y, 12, 31)
        elif kind == "begin":
            if g.get("month"):
                due = _next_on_or_after(ref, _MONTHS[g["month"].lower()], 15, year)
            else:
                due = date(year or ref.year + 1, 3, 31)
        elif kind == "event_month":
            month = _MONTHS[g["month"].lower()]
            due = _next_on_or_after(ref, month, calendar.monthrange(year or ref.year, month)[1], year)
        elif kind == "month":
            month = _MONTHS[g["month"].lower()]
            last = calendar.monthrange(year or ref.year, month)[1]
            due = _next_on_or_after(
                ref, month, last if m.group(0).lower().startswith(("in", "uiterlijk")) else 1, year
            )
        elif kind == "prinsjesdag":
            y = year or (ref.year if ref <= _prinsjesdag(ref.year) else ref.year + 1)
            due = _prinsjesdag(y)
        elif kind == "week":
            due = date.fromordinal(ref.toordinal() + 6 - ref.weekday() + (7 if g.get("next") else 0))
        elif kind == "next_month":
            y, mo = (ref.year + 1, 1) if ref.month == 12 else (ref.year, ref.month + 1)
            due = date(y, mo, calendar.monthrange(y, mo)[1])
        elif kind == "next_year":
            due = date(ref.year + 1, 12, 31)
        elif kind == "this_year":
            due = date(ref.year, 12, 31)
        else:
            due = date(year, 12, 31) if year else None
        if due and answered_on is None and not re.search(r"(?:19|20)\d{2}", m.group(0)):
            return None, True, m.group(0).strip()
        if due:
            return due, False, m.group(0).strip()
    if VAGUE.search(sentence):
        return None, True, VAGUE.search(sentence).group(0)
    return None, True, None
