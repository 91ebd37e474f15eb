"""Figures: numbers that count or measure something, with unit, subject, qualifier, reference
date, period and source. Years, dates, article and kamerstuk numbers, question numbers, phone
numbers, times and list items are not figures."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from kamervragen.extract.numbers import FRACTIONS, Number, find_numbers
from kamervragen.spans import Figure

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# units may be glued to the next word in PDF-extracted text ("100 dagenondernomen")
_UNITS = [
    (re.compile(r"\s*(?:%|procent(?:punt(?:en)?)?|procent-punt(?:en)?|pct\.?)", re.I), "percent"),
    (re.compile(r"\s*(?:euro|EUR\b|€)", re.I), "euro"),
    (re.compile(r"\s*(?:jaren|jaar)(?!lijks|rekening|verslag|plan)", re.I), "year"),
    (re.compile(r"\s*(?:maanden|maand)(?!elijks|bedrag)", re.I), "month"),
    (re.compile(r"\s*(?:weken|week)(?!elijks|end)", re.I), "week"),
    (re.compile(r"\s*(?:werkdagen|dagen|dag)(?!elijks|deel|taak|besteding)", re.I), "day"),
    (re.compile(r"\s*(?:uren|uur)\b(?!\s*\d)", re.I), "hour"),
    (
        re.compile(
            r"\s*(?:minuten|minuut|seconden|kilogram|kilo|kg|ton|kilometer|km|meter|m2|m3|liter|"
            r"hectare|ha|megawatt|gigawatt|MW|GW|kWh|MWh|GWh|TWh|graden|decibel|dB|mg|gram)\b"
        ),
        "other",
    ),
]
_CENT = re.compile(r"\s*cent\b", re.I)
_STOPWORDS = {
    "van",
    "en",
    "of",
    "tot",
    "in",
    "op",
    "per",
    "is",
    "zijn",
    "de",
    "het",
    "een",
    "die",
    "dat",
    "voor",
    "daarvan",
    "hiervan",
    "waarvan",
    "deze",
    "dit",
    "te",
    "was",
    "waren",
    "wordt",
    "worden",
    "werd",
    "werden",
    "heeft",
    "hebben",
    "had",
    "kan",
    "kunnen",
    "zal",
    "zullen",
    "met",
    "aan",
    "om",
    "bij",
    "uit",
    "naar",
    "over",
    "als",
    "ook",
    "niet",
    "nog",
    "al",
    "maar",
    "keer",
    "maal",
    "genoemd",
    "relevant",
    "betreft",
    "jongstleden",
    "jl",
    "en/of",
    "ten",
    "zo",
    "er",
    "wel",
    "dan",
}
_EURO_BEFORE = re.compile(r"(?:€|EUR|euro)\s*$", re.I)
_QUALIFIERS = re.compile(
    r"(?:ruim|bijna|circa|ca\.|ongeveer|meer dan|minder dan|ten minste|tenminste|minimaal|maximaal|"
    r"zo'n|zo’n|rond|rondom|naar schatting|slechts|maar|tot|boven de|onder de|bijkans|nagenoeg|"
    r"krap|tussen)\s*$",
    re.I,
)
PERSONS = {
    "mens",
    "persoon",
    "inwoner",
    "burger",
    "kind",
    "jongere",
    "leerling",
    "student",
    "oudere",
    "vrouw",
    "man",
    "patiënt",
    "cliënt",
    "medewerker",
    "werknemer",
    "ambtenaar",
    "agent",
    "militair",
    "asielzoeker",
    "vluchteling",
    "nieuwkomer",
    "inburgeraar",
    "inburgeringsplichtige",
    "slachtoffer",
    "verdachte",
    "gedetineerde",
    "deelnemer",
    "aanvrager",
    "respondent",
    "arts",
    "huisarts",
    "docent",
    "leraar",
    "zorgverlener",
    "professional",
    "boer",
    "ondernemer",
    "werkzoekende",
    "uitkeringsgerechtigde",
    "bewoner",
    "huurder",
    "statushouder",
    "alleenstaande",
    "minderjarige",
    "volwassene",
    "baby",
    "zwangere",
    "moeder",
    "vader",
    "ouder",
    "gebruiker",
    "reiziger",
    "bezoeker",
    "klant",
    "consument",
    "werkloze",
    "gepensioneerde",
    "zzp'er",
    "agente",
    "politieagent",
    "rechter",
    "officier",
    "advocaat",
    "verpleegkundige",
    "specialist",
    "psychiater",
    "psycholoog",
    "jeugdige",
    "dader",
    "overledene",
    "dode",
    "gewonde",
    "lid",
    "kandidaat",
    "promovendus",
    "onderzoeker",
    "wetenschapper",
    "leerkracht",
    "scholier",
    "pleegkind",
    "pleegouder",
    "mantelzorger",
    "vrijwilliger",
    "inwoonster",
    "Nederlander",
    "nederlander",
}
_NOT_FIGURE_BEFORE = re.compile(
    r"(?:artikel|art\.|lid|leden|nr\.?|nummer|nummers|vraag|vragen|antwoord|antwoorden|item|pagina|"
    r"p\.|blz\.|hoofdstuk|paragraaf|bijlage|punt|onderdeel|aanbeveling|fase|versie|niveau|stap|"
    r"kamerstuk|kamerstukken|motie|lijn|categorie|groep|klasse|schaal|tabel|figuur|fig\.|code|"
    r"covid|covid-|sdg|cop|g|nis|box|week|uur|om|tot en met|t/m)\s*$",
    re.I,
)
_QUESTION_LIST = re.compile(
    r"\b(?:vraag|vragen|antwoord(?:en)?)\s+(?:op\s+(?:vraag|vragen)\s+)?[\d,\sen]*$", re.I
)
_TIME = re.compile(r"^\d{1,2}[.:]\d{2}\s*uur")
_DATE_AFTER = re.compile(rf"^\s*(?:{_MONTHS})", re.I)
_DATE_BEFORE = re.compile(rf"(?:{_MONTHS})\s*$", re.I)
_AS_OF = re.compile(
    rf"(?:peildatum[^.;]{{0,60}}?|per|op|stand(?:\s+van\s+zaken)?\s+(?:per|op)|tot en met|t/m|sinds|vanaf)\s+"
    rf"(?P<date>\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS}))",
    re.I,
)
_IN_YEAR = re.compile(r"\bin\s+(?P<year>(?:19|20)\d{2})\b")
_PERIOD = re.compile(
    r"\b(?:(?:de|het)\s+afgelopen\s+[^,.;]{1,25}?(?:jaar|jaren|maanden|weken|dagen|kwartaal|decennium)|"
    r"sinds\s+[^,.;]{1,25}|in\s+de\s+periode\s+[^,.;]{1,40}|tussen\s+(?:19|20)\d{2}\s+en\s+(?:19|20)\d{2}|"
    rf"in\s+(?:(?:{_MONTHS})\s+)?(?:19|20)\d{{2}})",
    re.I,
)
_SOURCE = re.compile(
    r"(?:volgens|bron:?|cijfers\s+(?:van|uit)|gegevens\s+(?:van|uit)|blijkt\s+uit|peildatum)\s+"
    r"(?:de\s+|het\s+)?(?P<src>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}|[A-Z]{2,})"
)
_PART_OF = re.compile(r"^\s*[\w-]*\s*(?:[\w-]+\s+)?van\s+(?:de|het|die|deze|in\s+totaal)?\s*$", re.I)
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+|$)")
_ISO_MONTHS = {m: i for i, m in enumerate(_MONTHS.split("|"), start=1)}


@lru_cache(maxsize=20000)
def lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word.lower(), lang="nl")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("? ", 0, pos), text.rfind("\n", 0, pos))
    ends = [i for i in (text.find(". ", pos), text.find("? ", pos), text.find("\n", pos)) if i != -1]
    return start + 1, (min(ends) + 1 if ends else len(text))


def _is_excluded(text: str, n: Number) -> bool:
    before = text[max(0, n.start - 25) : n.start]
    after = text[n.end : n.end + 25]
    if n.word:
        return False
    raw = n.text.strip()
    if re.fullmatch(r"(?:19|20)\d{2}", raw) and not re.match(r"\s*(?:euro|mensen|personen|%)", after):
        return True  # a year
    if _DATE_AFTER.match(after) or (_DATE_BEFORE.search(before) and len(raw) <= 4):
        return True  # part of a date
    if _NOT_FIGURE_BEFORE.search(before):
        return True
    if _TIME.match(text[n.start :]):
        return True
    if re.match(r"\s*[-–/]\s*\d", after) and raw.startswith("0"):
        return True  # phone number
    if raw.startswith("0") and not raw.startswith("0,") and raw != "0":
        return True
    if re.match(r"^[)\].]", after) and re.search(r"(?:^|\n)\s*$", before):
        return True  # list item "1." / "2)"
    if re.match(r"\s*[:.]\d", after) or re.match(r"(?:[a-z]{1,3}|[A-Z])(?![A-Za-zà-ÿ])", after):
        return True  # 7:658, 3.1, 2e, 3de, 4a; but "193VN-lidstaten" is a glued figure
    return before[-1:].isalpha()  # CO2, G7


def _unit_and_subject(text: str, n: Number) -> tuple[str, str | None, int]:
    after = text[n.end :]
    before = text[max(0, n.start - 6) : n.start]
    for pattern, unit in _UNITS:
        m = pattern.match(after)
        if m:
            return unit, None, n.end + m.end()
    m = _CENT.match(after)
    if m:
        return "cent", None, n.end + m.end()
    if _EURO_BEFORE.search(before):
        return "euro", None, n.end
    m = re.match(r"\s*((?:[a-zà-ÿ]+e\s+){0,2})([A-Za-zà-ÿ'’-]{3,})", after)
    if m:
        noun = m.group(2)
        adjectives = m.group(1).strip()
        if noun.lower() in _STOPWORDS or (
            adjectives.split(" ")[0:1] and adjectives.split(" ")[0] in _STOPWORDS
        ):
            return "count", None, n.end
        lem = lemma(noun)
        unit = "persons" if lem in PERSONS or noun.lower().endswith(("plichtigen", "genoten")) else "count"
        subject = f"{adjectives} {lem}".strip() if adjectives else lem
        return unit, subject, n.end + m.end()
    return "count", None, n.end


def _as_of(sentence: str) -> str | None:
    m = _AS_OF.search(sentence)
    if m:
        return _iso(m.group("date"))
    m = _IN_YEAR.search(sentence)
    return m.group("year") if m else None


def _iso(text: str) -> str:
    parts = text.lower().split()
    if len(parts) == 3:
        return f"{int(parts[2]):04d}-{_ISO_MONTHS[parts[1]]:02d}-{int(parts[0]):02d}"
    if len(parts) == 2 and parts[0].isdigit():
        return f"--{_ISO_MONTHS[parts[1]]:02d}-{int(parts[0]):02d}"
    return f"{int(parts[1]):04d}-{_ISO_MONTHS[parts[0]]:02d}"


def get_figures(
    text: str, location: str = "", role: str = "answer", skip: list[tuple[int, int]] = ()
) -> list[Figure]:
    """Figures in text; `skip` holds spans (references) whose numbers are not figures."""
    figures: list[Figure] = []
    for n in find_numbers(text):
        if any(s <= n.start < e for s, e in skip) or _is_excluded(text, n):
            continue
        unit, subject, end = _unit_and_subject(text, n)
        value = n.value
        if n.text.lower() in FRACTIONS:
            unit, end = "percent", n.end
            of = re.match(r"\s+van\s+(?:de|het|alle)?\s*([A-Za-zà-ÿ'’-]{3,})", text[n.end :])
            subject = lemma(of.group(1)) if of else None
        if unit == "cent":
            unit, value = "euro", n.value / 100
        if unit == "count" and subject is None and (n.word or n.value < 100):
            continue  # a small bare number (list item, table cell, "één van") counts nothing named
        if _QUESTION_LIST.search(text[max(0, n.start - 40) : n.start]):
            continue  # "vragen 2, 3 en 4"
        s_start, s_end = _sentence_bounds(text, n.start)
        sentence = text[s_start:s_end]
        q = _QUALIFIERS.search(text[max(0, n.start - 20) : n.start])
        period = _PERIOD.search(sentence)
        source = _SOURCE.search(sentence)
        figures.append(
            Figure(
                location=location,
                start=n.start,
                end=end,
                text=text[n.start : end],
                value=value,
                unit=unit,
                subject=subject,
                qualifier=q.group(0).strip().lower() if q else None,
                as_of=_as_of(sentence),
                period=period.group(0) if period else None,
                source=source.group("src") if source else None,
                role=role,
            )
        )
    _link_parts(text, figures)
    _carry_context(figures)
    return figures


def _carry_context(figures: list[Figure]) -> None:
    """'Van deze groep is aan 1.084 personen…' follows a sentence that gave the reference date
    and source: a figure close behind another inherits what its own sentence leaves out."""
    for prev, fig in itertools.pairwise(figures):
        if fig.start - prev.end < 250:
            fig.as_of = fig.as_of or prev.as_of
            fig.source = fig.source or prev.source


def _link_parts(text: str, figures: list[Figure]) -> None:
    """'923 mensen van de 7.803 nieuwe inburgeraars': the first is part of the second."""
    for a, b in itertools.pairwise(figures):
        between = text[a.end : b.start]
        if len(between) < 40 and re.search(r"\bvan\s+(?:de|het|in totaal|alle)?\s*$", between):
            a.part_of = b.value
