"""Figures: numbers that count or measure something, with unit, subject, qualifier, reference
date, period and source. Years, dates, identifiers (article, kamerstuk, question, memo numbers,
"Wmo 2015"), phone numbers, times, list items and number words inside names ("Schijf van
Vijf") are not figures. Table cells are, with their row label as what they count."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from kamervragen.extract.figure_words import FIGURE_LEADS, PERSONS, STOPWORDS
from kamervragen.extract.numbers import FRACTIONS, Number, find_numbers
from kamervragen.extract.patterns import (
    AANHANGSEL,
    DOCUMENT,
    ECLI,
    EU_ACT,
    HANDELINGEN,
    KAMERSTUK,
    STAATSBLAD,
    URL,
    ZAAK,
)
from kamervragen.spans import Figure

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# units may be glued to the next word in PDF-extracted text ("100 dagenondernomen")
_UNITS = [
    (re.compile(r"\s*(?:%|procent-?punt(?:en)?|procent|pct\.?)", re.I), "percent"),
    (re.compile(r"\s*(?:euro|EUR\b|€)", re.I), "euro"),
    (re.compile(r"\s*(?:jaren|jaar|-jarige?n?\b)(?!lijks|rekening|verslag|plan)", re.I), "year"),
    (re.compile(r"\s*(?:maanden|maand)(?!elijks|bedrag)", re.I), "month"),
    (re.compile(r"\s*(?:weken|week)(?!elijks|end)", re.I), "week"),
    (re.compile(r"\s*(?:werkdagen|dagen|dag)(?!elijks|deel|taak|besteding)", re.I), "day"),
    (re.compile(r"\s*(?:uren|uur)\b(?!\s*\d)", re.I), "hour"),
    (
        re.compile(
            r"\s*(?:minuten|minuut|seconden|kilogram|kilo|kg|ton|kilometer|km|meter|m2|m3|liter|"
            r"hectare|ha|megawatt|gigawatt|MW|GW|kWh|MWh|GWh|TWh|decibel|dB|mg|gram)\b"
        ),
        "other",
    ),
    (re.compile(r"\s*(?:graden(?:\s+Celsius)?\b|°\s*C\b|°)"), "other"),  # 1,5 graden; 4 °C
    (re.compile(r"\s*(?:keer\b|maal\b|x(?![A-Za-zà-ÿ]))"), "times"),  # 3 keer, 12x
]
_CENT = re.compile(r"\s*cent\b", re.I)
_EURO_BEFORE = re.compile(r"(?:€|EUR|euro)\s*$", re.I)
_QUALIFIERS = re.compile(
    r"(?:ruim|bijna|circa|ca\.|ongeveer|meer dan|minder dan|ten minste|tenminste|minimaal|maximaal|"
    r"zo'n|zo’n|rond|rondom|naar schatting|slechts|maar|tot|boven de|onder de|bijkans|nagenoeg|"
    r"krap|tussen)\s*$",
    re.I,
)
# words that name what the number after them identifies; whole words ("bedroeg 5.971" is no
# "g 5") or glued to a short word in PDF text ("vanvraag 2"); compounds are left to the
# identifier rule ("noodnummer 112")
_NOT_FIGURE_BEFORE = re.compile(
    r"(?:(?<![A-Za-zÀ-ÿ])|(?<=\bvan)|(?<=\bop)|(?<=\bin)|(?<=\bde)|(?<=\bhet)|(?<=\bzie))(?:artikel|art\.|lid|leden|nr\.?|nummer|nummers|vraag|vragen|antwoord|antwoorden|item|pagina|"
    r"p\.|blz\.|hoofdstuk|paragraaf|bijlage|punt|onderdeel|aanbeveling|fase|versie|niveau|stap|"
    r"kamerstuk|kamerstukken|motie|lijn|categorie|groep|klasse|schaal|tabel|figuur|fig\.|code|"
    r"covid|covid-|sdg|cop|g|nis|box|week|uur|tot en met|t/m|memo|memo's|memo’s|nota|notitie|"
    r"rapport|aanhangsel|zaak|zaaknummer|document|bijlagen|ronde|editie|deel|team)\s*$",
    re.I,
)
_QUESTION_LIST = re.compile(
    r"\b(?:vraag|vragen|antwoord(?:en)?)\s+(?:op\s+(?:vraag|vragen)\s+)?[\d,\sen]*$", re.I
)
# clock times: "14.00 uur", "12 uur ’s nachts"
_TIME = re.compile(r"^\d{1,2}(?:[.:]\d{2}\s*uur|\s*uur\s*[’']s\s*(?:nachts|ochtends|morgens|middags|avonds))")
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


_STRONG_QUALIFIER = re.compile(
    r"\b(?:ruim|bijna|circa|ca\.|ongeveer|meer dan|minder dan|ten minste|tenminste|minimaal|maximaal|"
    r"zo'n|zo’n|naar schatting|slechts|nagenoeg|bijkans|krap|in totaal|totaal)\s*$",
    re.I,
)
_YEAR_BEFORE = re.compile(
    rf"(?:\b(?:in|sinds|tot|vanaf|per|voor|na|eind|begin|medio|half|halverwege|jaar|jaren|van|uit|"
    rf"en|of|tussen|rond|t/m|tot en met|zomer|najaar|voorjaar|winter|kalenderjaar|"
    rf"vergaderjaar|{_MONTHS})|[-–/(])\s*$",
    re.I,
)
_WORD_BEFORE = re.compile(r"(?:^|[^\w’'-])([A-Za-zÀ-ÿ][\w’'-]*)\s*$")
_ACHT_VERB = re.compile(
    r"\s*(?:het|ik|u|hij|zij|ze|we|wij|men|dit|dat|deze|mij|zich)(?![a-zà-ÿ])|\s*hetvan", re.I
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|[(«“‘\"']\s*)$")


def _previous_word(before: str) -> str | None:
    """The word right before a number, glued or after spaces (PDF text drops spaces:
    "zijn19 paarden"), None when punctuation or another number stands between."""
    m = _WORD_BEFORE.search(before)
    return m.group(1) if m else None


def _is_year(text: str, n: Number) -> bool:
    """A four-digit 19xx/20xx number is a year in a year context ("in 2023", "sinds 2018",
    "januari 2024") or when nothing counted follows it; "bijna 2000 unieke BSN's" is a
    quantity."""
    if n.word or n.cell or not re.fullmatch(r"(?:19|20)\d{2}", n.text.strip()):
        return False
    before = text[max(0, n.start - 30) : n.start]
    if _STRONG_QUALIFIER.search(before):
        return False
    if _YEAR_BEFORE.search(before):
        return True
    r = _unit_and_subject(text, n)
    return r.unit == "count" and not r.plural


def _is_glued_code(before: str) -> bool:
    """CO2, G7, MIND3: a number glued to a short or capital-letter word is part of a code; a
    number glued to an ordinary lower-case word ("dat44%", "zijn19") lost its space."""
    word = re.search(r"[A-Za-zÀ-ÿ’']+$", before)
    if not word:
        return False
    w = word.group(0)
    return len(w) < 2 or not any(ch.islower() for ch in w) or w[-1].isupper()


def _is_excluded(text: str, n: Number) -> bool:
    before = text[max(0, n.start - 25) : n.start]
    after = text[n.end : n.end + 25]
    if n.cell:
        return False
    if _NOT_FIGURE_BEFORE.search(before) and not _QUESTION_LIST.search(before):
        return True  # "fase twee", "memo 114", "artikel 3"
    if n.word:
        if n.text[0].isupper() and not _SENTENCE_START.search(before):
            return True  # "de Schijf van Vijf": a number word inside a name
        if n.text.lower() == "acht" and _ACHT_VERB.match(after):
            return True  # "ik acht het van belang": the verb achten
        # "in acht nemen" is an idiom, not eight of anything
        return bool(re.search(r"\bin\s*$", before) and re.match(r"\s*(?:genomen|nemen|neemt|nam)\b", after))
    raw = n.text.strip()
    if _is_year(text, n):
        return True
    if _DATE_AFTER.match(after) or (_DATE_BEFORE.search(before) and len(raw) == 4):
        return True  # part of a date
    if _TIME.match(text[n.start :]) or (re.search(r"\bom\s*$", before) and re.match(r"\s*uur", after)):
        return True  # a clock time
    if re.match(r"\s*[-–/]\s*\d", after) and raw.startswith("0"):
        return True  # phone number
    if raw.startswith("0") and not raw.startswith("0,") and raw != "0":
        return True
    if re.match(r"^[)\].]", after) and re.search(r"(?:^|\n)\s*$", before):
        return True  # list item "1." / "2)"
    suffix = re.match(r"(?:[a-wyz][a-z]{0,2}|[A-Z])(?![A-Za-zà-ÿ])", after)
    if re.match(r"\s*[:.]\d", after) or (suffix and not any(u.match(after) for u, _ in _UNITS)):
        return True  # 7:658, 3.1, 2e, 3de, 4a; but "193VN-lidstaten" is a glued figure
    if re.match(r"[/]\d", after) or re.search(r"\d/$", before):
        return True  # 24/7
    if re.match(r"\d{1,3}\s\d{3}$", raw) and re.match(r"[-–]\d", after):
        return True  # a dossier number "23 432-537"
    if re.search(r"(?:\d{5,}\s?|\b\d{1,3}\s\d{3})[-–]$", before):
        return True  # the number of an identifier: "ah-tk-20202021–2345"
    if re.match(r"-(?!jarig)[a-zà-ÿ]", after):
        return True  # "60-plusmaatregel": a number inside a compound
    return _is_glued_code(before)


def _is_identifier(text: str, n: Number, unit: str, subject: str | None, plural: bool) -> bool:
    """'memo 114', 'Wmo 2015', 'noodnummer 112': a plain integer right after a content word names
    that thing, unless a counted plural follows ("TikTok 160 moderatoren") or the word is a
    verb or qualifier that leads into a quantity ("bedroeg 5971")."""
    if n.word or n.cell or unit != "count" or not re.fullmatch(r"\d+", n.text.strip()):
        return False
    before = re.sub(r"(?:\d+\s*(?:,|en|of|t/m|tot)\s*)+$", "", text[max(0, n.start - 60) : n.start])
    word = _previous_word(before)  # "memo's 106, 111 en 113": the list shares its word
    if word is None or word.lower() in STOPWORDS or word.lower() in FIGURE_LEADS:
        return False
    return subject is None or not plural


@dataclass
class _Reading:
    """What follows a number: its unit, what it counts, where the figure ends, and whether the
    counted noun is a plural (a counted thing, not a name: "memo 114 alleen")."""

    unit: str
    subject: str | None
    end: int
    plural: bool = False
    capital: bool = False  # the noun is capitalised: a name, or the start of a footnote text


def _unit_and_subject(text: str, n: Number) -> _Reading:
    after = text[n.end :]
    before = text[max(0, n.start - 6) : n.start]
    if n.suffix.startswith("jarig"):
        return _Reading("year", None, n.end)  # "een vierjarige vertraging"
    for pattern, unit in _UNITS:
        m = pattern.match(after)
        if m:
            if unit == "times" and re.match(r"\s+zo\b", after[m.end() :]):
                return _Reading("other", None, n.end + m.end())  # a factor: "twee keer zo vaak"
            if unit == "times":
                return _Reading("count", "keer", n.end + m.end(), True)
            return _Reading(unit, None, n.end + m.end())
    m = _CENT.match(after)
    if m:
        return _Reading("cent", None, n.end + m.end())
    if _EURO_BEFORE.search(before):
        return _Reading("euro", None, n.end)
    m = re.match(r"\s*((?:[A-Za-zà-ÿ]+e\s+){0,2})([A-Za-zà-ÿ'’-]{3,})", after)
    if m:
        noun = m.group(2)
        adjectives = m.group(1).strip()
        if noun.lower() in STOPWORDS or (adjectives and adjectives.split(" ")[0].lower() in STOPWORDS):
            return _Reading("count", None, n.end)
        lem = lemma(noun)
        unit = "persons" if _is_person(lem) or noun.lower().endswith(("plichtigen", "genoten")) else "count"
        subject = f"{adjectives} {lem}".strip() if adjectives else lem
        plural = (
            unit == "persons"
            or noun.endswith(("'s", "’s"))
            or (lem != noun.lower() and noun.lower().endswith(("en", "s")))
        )
        return _Reading(unit, subject, n.end + m.end(), plural, noun[0].isupper())
    return _Reading("count", None, n.end)


# "het aantal reservisten" (or glued in PDF text: "aantalreservisten", never "aantallen")
_AANTAL = re.compile(r"\baantal(?:\s+|(?!len)(?=[a-zà-ÿ]{4}))((?:[a-zà-ÿ]+e\s+){0,2})([a-zà-ÿ'’-]{3,})", re.I)


def _counted_in_sentence(text: str, n: Number, r: _Reading) -> _Reading:
    """'Het aantal advocaten was in 2023 5.971': a bare number counts what its sentence named
    as "het aantal ..." before it."""
    if n.cell or n.word or r.unit != "count" or r.subject is not None:
        return r
    if _AGE.search(text[max(0, n.start - 15) : n.start]) and 1 <= n.value < 130:
        return _Reading("year", None, r.end)  # an age: "jongeren (onder de 18)"
    start, _ = _sentence_bounds(text, n.start)
    found = [
        m
        for m in _AANTAL.finditer(text, start, n.start)
        if m.group(2).lower() not in STOPWORDS | FIGURE_LEADS
    ]
    if not found:
        return r
    noun, adjectives = found[-1].group(2), found[-1].group(1).strip()
    lem = lemma(noun)
    subject = f"{adjectives} {lem}".strip()
    return _Reading("persons" if _is_person(lem) else "count", subject, r.end, True)


def _is_person(lem: str) -> bool:
    """People, also as the head of a compound: "EER-studenten", "dierenartsen"."""
    head = lem.rsplit("-", 1)[-1]
    return head in PERSONS or any(
        head.endswith((p, p + "s", p + "en", p + "n")) for p in PERSONS if len(p) >= 5
    )


_YEAR_TOKEN = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,])")


def _cell_context(text: str, n: Number) -> tuple[str | None, str | None]:
    """(row label, period) of a table cell: the words before the run of numbers it stands in
    ("Ierland: 1.765 1.209"); the period is the year heading its row ("2019 22 2 2020 8 3") or,
    when the header before the table has one year per column ("Jaar: 2019 2020 2021 Ierland:
    1.765 1.209 2.145"), the year of its column."""
    i = n.start
    while i > 0 and (text[i - 1].isdigit() or text[i - 1] in " .,\u00a0\n"):
        i -= 1
    period = n.heading or None
    if not period and n.columns > 1:
        header = _YEAR_TOKEN.findall(text[max(0, n.table_start - 300) : n.table_start])[-n.columns :]
        if len(header) == n.columns and header == sorted(set(header)):
            period = header[n.column]
    # the row label: a name of up to three capitalised words ("Verenigd Koninkrijk:"), else the
    # last word before the numbers
    label = re.search(
        r"((?:[A-ZÀ-Ý][\w’'()/-]*\s+){0,2}[A-Za-zÀ-ÿ][\w’'()/-]*)\s*:?\s*$", text[max(0, i - 60) : i]
    )
    return (label.group(1).strip().lower() if label else None), period


# numbers listed before one unit ("5, 10, 20 jaar"), or a part before its whole ("50 van de
# 342 gemeenten")
_LIST_JOIN = re.compile(r"\s*(?:,|en|of|à|á|tot|t/m|–|-|—|van\s+(?:de|het|alle))\s*")
_AGE = re.compile(r"\b(?:onder|boven)\s+de\s*$|\b(?:jonger|ouder)\s+dan\s*$", re.I)


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
    """Figures in text; `skip` holds spans (references) whose numbers are not figures. Citations
    the reference patterns match are skipped here too, so that a citation the reference
    extractor left out ("36 410 VIII, nr. 106") still gives no figures."""
    skip = [*skip, *_citation_spans(text)]
    numbers = [
        n
        for n in find_numbers(text)
        if not any(s <= n.start < e for s, e in skip) and not _is_excluded(text, n)
    ]
    readings = [_counted_in_sentence(text, n, _unit_and_subject(text, n)) for n in numbers]
    _share_units(text, numbers, readings)
    figures: list[Figure] = []
    for n, r in zip(numbers, readings, strict=True):
        unit, subject, end, value = r.unit, r.subject, r.end, n.value
        period = None
        if n.text.lower() in FRACTIONS:
            unit, end = "percent", n.end
            of = re.match(r"\s+van\s+(?:de|het|alle)?\s*([A-Za-zà-ÿ'’-]{3,})", text[n.end :])
            subject = lemma(of.group(1)) if of else None
        if unit == "cent":
            unit, value = "euro", n.value / 100
        if n.cell:
            subject, period = _cell_context(text, n)
            unit = "percent" if unit == "percent" else ("other" if n.value != int(n.value) else "count")
        elif _not_a_count(text, n, unit, subject, r) or re.match(r"-[a-zà-ÿ]", text[end : end + 2]):
            continue  # counts nothing, or names a thing: "de 5%-regel"
        elif unit == "count" and subject is None and re.match(r"\s*per\b", text[n.end :]):
            unit = "other"  # a rate: "0,3 per 25.000 inwoners"
        s_start, s_end = _sentence_bounds(text, n.start)
        sentence = text[s_start:s_end]
        q = _QUALIFIERS.search(text[max(0, n.start - 20) : n.start])
        found_period = _PERIOD.search(sentence)
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
                period=period or (found_period.group(0) if found_period else None),
                source=source.group("src") if source else None,
                role=role,
            )
        )
    _link_parts(text, figures)
    _carry_context(text, figures)
    return figures


_CITATIONS = (KAMERSTUK, AANHANGSEL, HANDELINGEN, STAATSBLAD, ECLI, EU_ACT, ZAAK, DOCUMENT, URL)


def _citation_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for pattern in _CITATIONS for m in pattern.finditer(text)]


def _not_a_count(text: str, n: Number, unit: str, subject: str | None, r: _Reading) -> bool:
    """Numbers in running text that count nothing: small bare numbers (list items, "één van"),
    "één" before a noun ("één oogopslag"), identifiers, question lists and rate denominators."""
    before = text[max(0, n.start - 40) : n.start]
    if re.search(r"\bper\s*$", before) and unit in {"count", "persons"}:
        return True  # the denominator of a rate: "per 25.000 inwoners"
    if unit == "count" and subject is None and re.match(r"\s*per\b", text[n.end :]):
        return False  # a rate: "0,3 per 25.000 inwoners"
    if unit == "count" and subject is None and (n.word or n.value < 100):
        return True
    if unit == "count" and r.capital and not r.plural and not n.word and n.value < 100:
        return True  # "2014 3 Kamerstuk": a footnote number before a name, not 3 of something
    if n.text.lower() == "één" and unit in {"count", "persons"} and subject != "keer":
        return True
    if _is_identifier(text, n, unit, subject, r.plural):
        return True
    return bool(_QUESTION_LIST.search(before))  # "vragen 2, 3 en 4"


def _share_units(text: str, numbers: list[Number], readings: list[_Reading]) -> None:
    """'5, 10, 20 jaar', '11 à 12 cent', 'de 75–85 vacatures': numbers listed before a unit
    share it. Walk back from the end so a unit passes along the whole list."""
    for i in range(len(numbers) - 2, -1, -1):
        r, nxt = readings[i], readings[i + 1]
        bare = r.unit == "count" and r.subject is None
        joined = _LIST_JOIN.fullmatch(text[numbers[i].end : numbers[i + 1].start])
        if bare and joined and not numbers[i].cell and (nxt.unit != "count" or nxt.subject):
            readings[i] = _Reading(nxt.unit, nxt.subject, numbers[i].end, nxt.plural)


def _carry_context(text: str, figures: list[Figure]) -> None:
    """'Van deze groep is aan 1.084 personen…' follows a sentence that gave the reference date
    and source: a figure close behind another inherits what its own sentence leaves out, and
    "dit aantal" counts what the figure before it counted."""
    for prev, fig in itertools.pairwise(figures):
        if fig.start - prev.end < 250:
            fig.as_of = fig.as_of or prev.as_of
            fig.source = fig.source or prev.source
            if fig.subject is None and fig.unit == "count" and _THIS_NUMBER.search(text, prev.end, fig.start):
                fig.subject, fig.unit = prev.subject, prev.unit


_THIS_NUMBER = re.compile(r"\b(?:dit|dat)\s+(?:aantal|getal)\b", re.I)


def _link_parts(text: str, figures: list[Figure]) -> None:
    """'923 mensen van de 7.803 nieuwe inburgeraars': the first is part of the second. '8.283
    nieuwkomers … Van deze groep is aan 1.084 personen…': the second is part of the first."""
    for a, b in itertools.pairwise(figures):
        between = text[a.end : b.start]
        if len(between) < 40 and re.search(r"\bvan\s+(?:de|het|in totaal|alle)?\s*$", between):
            a.part_of = b.value
        elif len(between) < 250 and a.unit == b.unit and _OF_THAT_GROUP.search(between):
            b.part_of = a.value


_OF_THAT_GROUP = re.compile(r"\b(?:van|uit|onder)\s+(?:deze|die|dit|dat)\s+(?:groep|aantal|totaal)\b", re.I)
