"""Dutch numbers as printed: 7.803; 1.234.567; 1,5; 3½; 46 890; "1,2 miljoen"; "27.7 miljoen";
"(-64%)"; number words ("drie", "twaalf", "eenentwintig", via text2num) and their compounds
("tweetal", "vierjarige"); fractions ("de helft", "een derde"); and the cells of tables that a
text rendering flattened into runs of numbers ("1.765 1.209 2.145 348")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
_GLUED_AFTER = "".join(
    f"(?<=\\b{w})" + "|" for w in ("en", "in", "de", "deze", "zijn", "van", "op", "met")
).rstrip("|")
# "één" with accent is the number; plain "een" is the article and never a figure
NUMBER_WORD = re.compile(
    # PDF text glues a short word to the number word: "endrie entiteiten", "inzes euro"
    rf"(?:\b|{_GLUED_AFTER})(?P<num>anderhalf|anderhalve|één|(?:(?:{_WORDS}|een|één)(?:en(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig))?"
    rf"(?:honderd|duizend)?(?:(?:{_WORDS})(?:en(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig))?)?))"
    # "een tweetal", "een vierjarige vertraging": the compound still gives the number
    r"(?P<suffix>tal|jarige?n?)?\b",
    re.IGNORECASE,
)
# "de helft van", "meer dan een derde" — but "een derde land" is a third country
_FRACTION = re.compile(
    r"\b(?:" + "|".join(FRACTIONS) + r")\b(?=\s+(?:van|deel|procent)\b|[.,;)])", re.IGNORECASE
)
NUMERAL = re.compile(
    # a minus counts only before a percentage ("(-64%)"); elsewhere "-" joins identifiers; a
    # number glued to a lower-case word is PDF text that lost a space ("zijn19 paarden"), glued
    # to a capital it is a code (CO2, 2024Z18294)
    r"(?:(?<=[\s(])(?P<sign>[-−])(?=\d[\d.,]*\s*(?:%|procent))|(?<![\d.,/:_-])(?<![A-Z]))"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:\s\d{3})+(?![\d,])"
    # an English decimal point before a multiplier: "27.7 miljoen"
    r"|\d{1,3}\.\d{1,2}(?=\s*(?:miljoen|miljard|mln|mld))|\d+(?:,\d+)?)(?P<half>½)?"
    r"(?:\s*(?P<mult>miljoen|miljard|biljoen|duizend|mln\.?|mld\.?)(?![a-df-z]))?"
)


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    value: float
    word: bool = False
    suffix: str = ""  # "tal" or "jarig(e)" of a compound number word
    cell: bool = False  # a cell of a flattened table
    column: int = 0  # its column, of `columns` in its row
    columns: int = 0
    heading: str = ""  # the year that heads its row ("2019 22 2 2020 8 3")
    table_start: int = 0  # where its run of numbers starts; the column headers stand before it


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
    if w.startswith("anderhal"):
        return 1.5
    try:
        return float(text2num(w, "nl"))
    except ValueError:
        return None


# "75–85", "10-15 jaar": the second number of a range (not of a phone number "0900-8844"; a digit
# after a dash is otherwise part of an identifier: "ah-tk-20202021–2345", "TZ202306-026")
RANGE = re.compile(
    r"(?<![\w.,/:–-])(?!0\d)\d{1,4}(?:,\d+)?\s?[-–]\s?(?P<second>\d{1,4}(?:,\d+)?)(?![\d.,]?\d|[-–/])"
)
_CELL = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# three or more numbers with only spaces between them: a table row (or rows) whose layout the
# text rendering flattened; "070 426 64 26" (a phone number) starts with a 0 and "1 234 567" is
# one number, neither is a table
TABLE_RUN = re.compile(
    rf"(?<![\w.,/:-])(?<!\d\s)(?!0\d)(?:(?:{_CELL})\.?\s+){{2,}}(?:{_CELL})(?![\w,/:%-]|\.\d)"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")


def table_cells(text: str) -> list[Number]:
    """The cells of flattened table rows, each with its column. Space-separated digit groups
    there are separate cells ("65 121" is two); a number with a trailing dot is a row index
    ("11.") and a year a row heading: neither is a cell, both start a new row."""
    out: list[Number] = []
    for run in _table_runs(text):
        rows: list[tuple[str, list[Number]]] = [("", [])]
        for m in re.finditer(r"\S+", run.group(0)):
            tok, start = m.group(0), run.start() + m.start()
            if tok.endswith(".") or _YEAR.fullmatch(tok):
                rows.append((tok if _YEAR.fullmatch(tok) else "", []))
            elif re.fullmatch(_CELL, tok):
                cell = Number(
                    start, start + len(tok), tok, numeral_value(tok), cell=True, table_start=run.start()
                )
                rows[-1][1].append(cell)
        for heading, row in rows:
            out += [replace(c, column=i, columns=len(row), heading=heading) for i, c in enumerate(row)]
    return out


def _table_runs(text: str) -> list[re.Match]:
    return [m for m in TABLE_RUN.finditer(text) if not re.fullmatch(r"\d{1,3}(?:\s\d{3})+", m.group(0))]


def find_numbers(text: str) -> list[Number]:
    cells = table_cells(text)
    runs = [(r.start(), r.end()) for r in _table_runs(text)]
    out: list[Number] = list(cells)
    for m in NUMERAL.finditer(text):
        if any(s <= m.start() < e for s, e in runs):
            continue
        value = numeral_value(m.group("num"), m.group("half"), m.group("mult"))
        out.append(Number(m.start(), m.end(), m.group(0), -value if m.group("sign") else value))
    seen = {n.start for n in out}
    for m in RANGE.finditer(text):
        start = m.start("second")
        if start not in seen and not any(s <= start < e for s, e in runs):
            out.append(Number(start, m.end("second"), m.group("second"), numeral_value(m.group("second"))))
    for m in NUMBER_WORD.finditer(text):
        if m.group(0).lower() == "een":
            continue
        value = word_value(m.group("num"))
        if value is not None:
            out.append(
                Number(m.start(), m.end(), m.group(0), value, word=True, suffix=m.group("suffix") or "")
            )
    fractions = [(m.start(), m.end()) for m in _FRACTION.finditer(text)]
    out = [n for n in out if not any(s <= n.start < e for s, e in fractions)]  # "twee" of "twee derde"
    for m in _FRACTION.finditer(text):
        out.append(Number(m.start(), m.end(), m.group(0), FRACTIONS[m.group(0).lower()], word=True))
    return sorted(out, key=lambda n: n.start)
