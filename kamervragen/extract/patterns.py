"""The citation and number patterns of the extraction layer, kept together in one place."""

from __future__ import annotations

import re

# --- parliamentary papers ------------------------------------------------------------------
_DOSSIER = r"(?P<dossier>\d{2}\s?\d{3})"
_SUB = r"(?P<sub>\s?[-–]\s?(?:[A-Z]{1,5}|\d{1,3})\b|\s(?:[IVXLC]{1,6}|[A-Z])\b)?"
# further numbers of the same dossier: ", nr. 684" or "en 685", never the next dossier ("en 29 984")
_NRS = (
    r"nrs?\.?\s*(?P<nr>\d{1,5})"
    r"(?P<more>(?:\s*(?:,\s*nrs?\.?|en(?:\s+nrs?\.?)?|&)\s*\d{1,5}(?![\d/–-]|\s?\d{3}\b|,\s*nr))*)"
)
KAMERSTUK = re.compile(
    r"(?:(?P<prefix>[Kk]amerstuk(?:ken)?|[Kk]amerstuk(?:ken)?\s+(?:I{1,2}|ll)|kst\.?)\s*,?\s*"
    r"(?:(?:II|I|ll)\s*,?\s*)?(?:\d{4}\s*[/–-]\s*\d{2,4}\s*,?\s*)?)?"
    r"(?<![\d/])" + _DOSSIER + _SUB + r"(?(prefix)\s*,?\s*|\s*,\s*)" + _NRS
)
AANHANGSEL = re.compile(
    r"Aanhangsel\s*(?:van\s+de\s+)?Handelingen\s*(?:II|I)?\s*,?\s*(?:vergaderjaar\s*)?"
    r"(?P<y1>\d{4})\s*[–/-]\s*(?P<y2>\d{2,4})\s*,?\s*(?:nr\.?\s*)?(?P<nr>\d{1,5})"
)
HANDELINGEN = re.compile(
    r"(?<!Aanhangsel )(?<!Aanhangsel van de )Handelingen\s*(?P<kamer>II|I)\s*,?\s*(?:vergaderjaar\s*)?"
    r"(?P<y1>\d{4})\s*[–/-]\s*(?P<y2>\d{2,4})\s*,?\s*nr\.?\s*(?P<nr>\d{1,4})"
    r"(?:\s*,?\s*item\s*(?P<item>\d{1,3}))?"
)
STAATSBLAD = re.compile(
    r"\b(?P<kind>Stb|Staatsblad|Stcrt|Staatscourant)\.?\s*(?P<year>(?:18|19|20)\d{2})\s*,\s*(?:nr\.?\s*)?(?P<nr>\d{1,6})"
)
ECLI = re.compile(r"\bECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}[A-Z0-9]", re.IGNORECASE)
EU_ACT = re.compile(
    r"\b(?P<type>[Rr]ichtlijn|[Vv]erordening|[Bb]esluit|[Uu]itvoeringsverordening|"
    r"[Gg]edelegeerde verordening)"
    r"\s*(?:\((?P<org>EU|EG|EEG|EGKS|Euratom)\)\s*)?(?:(?P<nrword>nr\.?)\s*)?"
    r"(?P<a>\d{1,4})/(?P<b>\d{1,4})(?:/(?P<suffix>EU|EG|EEG|Euratom))?"
)
ZAAK = re.compile(r"\b(?P<id>(?:19|20)\d{2}Z\s?\d{5})\b")
DOCUMENT = re.compile(r"\b(?P<id>(?:19|20)\d{2}D\s?\d{5})\b")
_MEMBER = r"(?:[A-Z][\w'’]+(?:-(?:[Vv]an\s+(?:de|den|der)\s+|[Vv]an\s+|[Dd]e\s+)?[A-Z][\w'’]+)*)"
_PREFIXED = rf"(?:(?:[Vv]an\s+(?:de|den|der)\s+|[Vv]an\s+|[Dd]e\s+|[Tt]er\s+|El\s+)?{_MEMBER})"
_WITH_PARTY = rf"{_PREFIXED}(?:\s*\((?!Kamerstuk|kamerstuk)[\w -]{{1,25}}\))?"
MOTIE = re.compile(
    rf"\b[Mm]otie(?:[\s-]+van\s+(?:het\s+(?:voormalig\s+)?lid|de\s+leden)\s+|[\s-]*(?=[A-Z]))"
    rf"(?P<names>{_WITH_PARTY}(?:\s*(?:,|en)\s*{_WITH_PARTY})*(?:\s+c\.s\.)?)"
)
URL = re.compile(r"(?:https?://|www\.)[^\s<>()«»\"\]]+[^\s<>()«»\".,;:\]]")

# --- laws ----------------------------------------------------------------------------------
_ART_NR = r"\d{1,4}[a-z]{0,2}(?:[.:]\d{1,4}[a-z]{0,2})*"
_LID_WORD = r"eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende"
_LID = r"(?:\s*,?\s*(?:(?:" + _LID_WORD + r")\s*lid|(?:lid|leden)\s*\d{1,2}))?"
# further articles of the same law: "artikelen 2, tweede lid, 23 en 26", "artikel 8 en artikel 9"
ARTICLE_ITEM = re.compile(
    r"(?:\s*,\s*(?:en\s+|of\s+)?|\s+(?:en|of)\s+)(?:[Aa]rtikel(?:en)?\s*|[Aa]rt\.\s*)?"
    r"(?P<art>\d{1,3}[a-z]?(?:[.:]\d{1,4}[a-z]?)?)(?!\d|[%,.]\d|\s*(?:procent|%|euro|miljoen|jaar))"
    r"(?:\s*,?\s*(?:(?P<lid_word>" + _LID_WORD + r")\s*lid|(?:lid|leden)\s*(?P<lid>\d{1,2})))?"
)
ARTICLE = re.compile(
    # PDF text glues a preposition to the word: "onderartikel 8"
    r"(?=[Aa]rt)(?:\b|(?<=onder)|(?<=van)|(?<=op)|(?<=in)|(?<=bij)|(?<=met))(?:[Aa]rtikel(?:en)?|[Aa]rt\.)\s*(?P<art>"
    + _ART_NR
    + ")"
    r"(?:\s*,?\s*(?:(?P<lid_word>" + _LID_WORD + r")\s*lid|(?:lid|leden)\s*(?P<lid>\d{1,2})))?"
    r"(?:\s*,?\s*(?:onder|sub|onderdeel)\s+[a-z]{1,2}\b\.?)?"
    r"(?P<more>(?:" + re.sub(r"\?P<\w+>", "", ARTICLE_ITEM.pattern) + r")*)"
    r"(?:\s*,?\s*(?:van\s+)?(?:de|het)(?:\s+|(?=[A-Z]))|\s*,\s*(?=[A-Z])|\s+)?"
)
LID_WORDS = {
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
    "vijfde": 5,
    "zesde": 6,
    "zevende": 7,
    "achtste": 8,
    "negende": 9,
    "tiende": 10,
}

# --- an answer naming an earlier answer: "zoals toegezegd in antwoord op vragen van het lid X" ---
EARLIER_ANSWER = re.compile(
    r"\b(?:antwoord(?:en)?\s+op|beantwoording\s+van)\s+(?:de\s+)?(?:schriftelijke\s+)?(?:[Kk]amer)?vragen\s+"
    rf"van\s+(?:het\s+(?:voormalig\s+)?(?:Kamer)?lid|de\s+(?:Kamer)?leden)\s+"
    rf"(?P<names>{_WITH_PARTY}(?:\s*(?:,|en)\s*{_WITH_PARTY})*)"
)
PROMISED = re.compile(r"\b(?:toegezegd|toegezegde|toezegging|aangekondigd|aangekondigde|beloofd)\b", re.I)
