"""Dutch numbers as printed: 7.803; 1.234.567; 1,5; 3½; 46 890; "1,2 miljoen"; number words
("drie", "twaalf", "eenentwintig", via text2num); fractions ("de helft", "een derde")."""

from __future__ import annotations

import re
from dataclasses import dataclass

MULTIPLIERS = {
    "duizend": 1e3,
    "miljoen": 1e6,
    "mln": 1e6,
    "mln.": 1e6,
    "miljard": 1e9,
    "mld": 1e9,
    "mld.": 1e9,
    "biljoen": 1e12,
}
FRACTIONS = {
    "de helft": 50.0,
    "een derde": 100 / 3,
    "twee derde": 200 / 3,
    "een kwart": 25.0,
    "driekwart": 75.0,
    "drie kwart": 75.0,
}
_WORDS = (
    "twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|"
    "zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|"
    "honderd|duizend"
)
# "één" with accent is the number; plain "een" is the article and never a figure
NUMBER_WORD = re.compile(
    rf"\b(?:één|(?:(?:{_WORDS}|een|één)(?:en(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig))?"
    rf"(?:honderd|duizend)?(?:(?:{_WORDS})(?:en(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig))?)?))\b",
    re.IGNORECASE,
)
# "de helft van", "meer dan een derde" — but "een derde land" is a third country
_FRACTION = re.compile(
    r"\b(?:" + "|".join(FRACTIONS) + r")\b(?=\s+(?:van|deel|procent)\b|[.,;)])", re.IGNORECASE
)
NUMERAL = re.compile(
    r"(?<![\w.,/:-])(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:\s\d{3})+(?![\d,])|\d+(?:,\d+)?)(?P<half>½)?"
    r"(?:\s*(?P<mult>miljoen|miljard|biljoen|duizend|mln\.?|mld\.?)(?![a-df-z]))?"
)


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    value: float
    word: bool = False


def numeral_value(num: str, half: str | None = None, mult: str | None = None) -> float:
    digits = num.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        digits = digits.replace(".", "")
    value = float(digits.replace(",", "."))
    if half:
        value += 0.5
    if mult:
        value *= MULTIPLIERS[mult.lower()]
    return value


def word_value(word: str) -> float | None:
    from text_to_num import text2num

    w = word.lower().replace("één", "een")
    if w == "een":
        return 1.0
    try:
        return float(text2num(w, "nl"))
    except ValueError:
        return None


def find_numbers(text: str) -> list[Number]:
    out: list[Number] = []
    for m in NUMERAL.finditer(text):
        value = numeral_value(m.group("num"), m.group("half"), m.group("mult"))
        out.append(Number(m.start(), m.end(), m.group(0), value))
    for m in NUMBER_WORD.finditer(text):
        if m.group(0).lower() == "een":
            continue
        value = word_value(m.group(0))
        if value is not None:
            out.append(Number(m.start(), m.end(), m.group(0), value, word=True))
    for m in _FRACTION.finditer(text):
        out.append(Number(m.start(), m.end(), m.group(0), FRACTIONS[m.group(0).lower()], word=True))
    return sorted(out, key=lambda n: n.start)
