"""Every regular expression the parser relies on, kept together so they can be read and tuned
as one vocabulary of how Kamervragen are printed (the eyecite way)."""

from __future__ import annotations

import re

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_MONTH = "|".join(MONTHS)
DATE = re.compile(rf"\b(\d{{1,2}})\s*({_MONTH})\s*(\d{{4}})\b", re.IGNORECASE)

SUBMITTED = re.compile(rf"in-?gezonden\W{{0,3}}(?:op\s+)?(\d{{1,2}}\s*(?:{_MONTH})\s*\d{{4}})", re.IGNORECASE)
RECEIVED = re.compile(
    rf"ontvangen\W{{0,3}}(?:ontvangen\W{{0,3}})?(?:op\s+)?(\d{{1,2}}\s*(?:{_MONTH})\s*\d{{4}})",
    re.IGNORECASE,
)

OFFICIAL_ID = re.compile(r"\b(ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5}|ah-ek-\d{8}-\d+|kv-ek-\d{4}Z\d{5})")
CASE_NUMBER = re.compile(r"\b((?:19|20)\d{2}Z ?\d{5})\b")
# "Zitting 1978-1979" is what older Aanhangsels call the vergaderjaar
VERGADERJAAR = re.compile(r"(?:[Vv]ergaderjaar|[Zz]itting)\s*(\d{4})\s*[–—/-]\s*(\d{2,4})")
AH_NUMBER = re.compile(r"^\s*AH\s*(\d{1,5})\s*$")
BARE_NUMBER = re.compile(r"^\s*(\d{1,5})\s*$")

# "4", "4 en 5", "4, 5, 7 en 8", "2 t/m 6", "4-7", "7, 8, en 9", "1a", "1,2,3 en 4", "3 en vraag 4"
_NUM = r"\d{1,4}[a-z]?"
NUMSPEC = rf"{_NUM}(?:\s*(?:,\s*en|,|en|t/m|tm|tot en met|-|–|&)\s*(?:vra(?:ag|gen)\s+)?{_NUM})*"
# The separator after the number tells a heading with its text on the same line
# ("Antwoord op vraag 3: Ja, ...") from a sentence that happens to start with "Vraag".
_HEADING_TAIL = r"\s*(?P<sep>[:.)–-])?\s*(?P<rest>.*)$"
QUESTION_HEADING = re.compile(rf"^(?:Vraag|Vragen)(?:\s+(?:nr\.?\s*)?(?P<nums>{NUMSPEC}))?{_HEADING_TAIL}")
# "Antwoord 3", "Antwoord op vraag 3", "Antwoord vraag 1:", "Antwoorden op de vragen 4 t/m 7"
ANSWER_HEADING = re.compile(
    rf"^(?:Antwoord(?:en)?|Beantwoording)(?:\s+(?:(?:op|bij|van)\s+)?(?:de\s+)?(?:vraag|vragen))?"
    rf"(?:\s+(?P<nums>{NUMSPEC}))?{_HEADING_TAIL}"
)
NOTICE_HEADING = re.compile(r"^Mededeling\s*$")
NUM_SPLIT = re.compile(r"\d{1,4}")
RANGE = re.compile(r"(\d{1,4})\s*(?:t/m|tm|tot en met|-|–)\s*(?:vraag\s+)?(\d{1,4})")

# Running headers and footers printed on every page of the typeset Aanhangsel.
PAGE_FOOTER = re.compile(
    r"Tweede Kamer,\s*vergaderjaar\s*\d{4}\s*[–-]\s*\d{4},\s*(?:Aanhangsel|Vragen)(?:\s*\d{1,3})?\s*$"
)
FURNITURE_LINE = re.compile(
    r"^(?:"
    r"(?:ah|kv)-(?:tk|ek)-[\w-]+"
    r"|h tk \d{8} \d+"
    r"|ISSN\s*0921\s*-\s*7398.*"
    r"|’s-Gravenhage\s*\d{4}.*"
    r"|'s-Gravenhage\s*\d{4}.*"
    r"|-{3,}"
    r"|Tweede Kamer der Staten-Generaal\s*\d?"
    r"|Eerste Kamer der Staten-Generaal\s*\d?"
    r"|(?:Vergaderjaar|Zitting)\s*\d{4}\s*[–-]\s*\d{4}.*"
    r"|Aanhangsel van de Handelingen"
    r"|Vragen gesteld door de leden der Kamer.*"
    r"|[Rr]egering gegeven antwoorden"
    r"|Antwoord schriftelijke vragen\s*:.*"
    r")\s*$"
)

HEADER_ASKERS = re.compile(
    r"(?:Mondelinge\s+)?(?:Schriftelijke\s+)?(?:Kamer)?[Vv]ragen\s+(?:gesteld\s+)?(?:van|door)\s+"
    r"(?:het\s+(?:Kamer)?lid|de\s+(?:Kamer)?leden|lid|leden)\s+(?P<askers>.+?)\s+"
    r"(?:aan\s+(?P<addressees>.+?)\s+)?over\s+(?P<subject>.+?)"
    r"(?:\s*\((?:ingezonden|Ingezonden)[^)]*\)|\s*$)",
    re.DOTALL,
)
NAME_PARTY = re.compile(r"(?P<names>[^()]+?)\s*\((?P<party>[^()]+)\)")
ANSWER_BY = re.compile(
    r"(?P<what>Antwoord|Mededeling|Antwoorden)\s+van\s+(?:de\s+)?(?P<who>.+?)\.?\s*\(?\s*[Oo]ntvangen",
    re.DOTALL,
)
ANSWER_BY_LETTER = re.compile(
    r"Antwoorden?\s+van\s+(?:de\s+)?(?P<who>(?:minister|staatssecretaris)[^.]+?)\s+op\s+"
    r"(?:de\s+)?(?:Kamer)?vragen",
    re.IGNORECASE,
)
ROLE = re.compile(
    r"(?P<role>Minister-President|Minister-president|minister-president|Ministers?|ministers?|"
    r"Staatssecretaris(?:sen)?|staatssecretaris(?:sen)?)\b"
)
MEDE_NAMENS = re.compile(r",?\s*mede\s+namens\s+", re.IGNORECASE)
ADDRESSEE_SPLIT = re.compile(r",\s*(?:de|het)\s+|\s+en\s+(?:de|het|aan de)\s+")

NAME_PREFIXES = (
    "van der",
    "van den",
    "van de",
    "van 't",
    "van ’t",
    "van",
    "de",
    "den",
    "der",
    "ter",
    "ten",
    "te",
    "in 't",
    "in ’t",
    "het",
    "op de",
    "'t",
    "’t",
    "la",
    "le",
    "el",
    "d'",
    "du",
)

FOOTNOTE_MARKER = re.compile(r"\[\^(\d{1,3})\]")
URL = re.compile(r"https?://[^\s<>()«»\"]+|www\.[^\s<>()«»\"]+")
CROSS_REFERENCE = re.compile(
    r"(?:zie|Zie|verwijs\w*|genoemde?|aangegeven|beschreven|vermeld)[^.]{0,80}?"
    r"(?:antwoord(?:en)?|beantwoording)\s+(?:op|van|bij)\s+(?:de\s+)?(?:vraag|vragen)\s+"
    r"(?P<nums>\d{1,3}(?:\s*(?:,|en|t/m|-)\s*\d{1,3})*)"
)
KAMERSTUK_HINT = re.compile(r"Kamerstuk|Aanhangsel|Handelingen")

# Mededelingen: why an answer is late, or where the questions were answered instead
NOTICE_ELSEWHERE = re.compile(r"\bzijn\s+beantwoord\s+(?:middels|in|bij|via|met)\b", re.IGNORECASE)
NOTICE_DELAY = re.compile(r"niet\s+binnen\s+de\s+(?:gebruikelijke\s+)?termijn|uitstel", re.IGNORECASE)
NOTICE_REASON = re.compile(
    r"(?:reden\s+van\s+(?:het\s+)?uitstel\s+is\s+(?:dat\s+)?|\bomdat\s+|\baangezien\s+|\bwegens\s+|"
    r"\bvanwege\s+)(?P<reason>[^.]+)\.",
    re.IGNORECASE,
)
