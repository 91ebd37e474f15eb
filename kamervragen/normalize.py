"""Turn extracted text of any origin into clean lines: NFC, one kind of space and line end,
markdown decoration removed, line-end hyphenation rejoined."""

from __future__ import annotations

import re
import unicodedata

from kamervragen import patterns

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MD_HEADING = re.compile(r"^#{1,6}\s*")
_MD_BOLD = re.compile(r"\*\*(.*?)\*\*")
_MD_FOOTNOTE = re.compile(r"\[(\d{1,3})\s*\]")
_FLAT_BREAK = re.compile(r"\s+(?=(?:Vraag|Antwoord)\s+\d{1,3}(?:\s+(?:en|t/m)\s+\d{1,3})?\s+[A-Z«“‘'\"])")
_FLAT_FOOTER = re.compile(
    r"\s+(?=(?:Tweede Kamer, vergaderjaar|ah-tk-\d|ISSN 0921|Vraag \d|Antwoord \d|"
    r"Antwoord van|Vragen van|Mededeling van))"
)
# "…, Aanhangsel 1Antwoord 3": a page footer glued to the heading that starts the next page
_GLUED_FOOTER = re.compile(
    r"(Tweede Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, (?:Aanhangsel|Vragen)(?: ?\d{1,3})?)\s*(?=\S)"
)
NAME_PREFIX_WORDS = {"van", "de", "den", "der", "ter", "ten", "te", "het", "op", "in", "la", "le"}


# Spacing accents that PDF text extraction leaves beside their letter, with the combining
# mark each stands for ("Yes¸ilgöz" → "Yeşilgöz", "e´" → "é", "´e" → "é").
_SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # ´ acute
    "\u02ca": "\u0301",  # ˊ modifier acute
    "\u02cb": "\u0300",  # ˋ modifier grave
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u02dc": "\u0303",  # ˜ tilde
    "\u02c7": "\u030c",  # ˇ caron
    "\u02d8": "\u0306",  # ˘ breve
    "\u02da": "\u030a",  # ˚ ring
    "\u02db": "\u0328",  # ˛ ogonek
    "\u02dd": "\u030b",  # ˝ double acute
}
_ACCENT_CLASS = "[" + "".join(_SPACING_ACCENTS) + "]"
_ACCENT_AFTER = re.compile(rf"([^\W\d_]) ?({_ACCENT_CLASS})")
_ACCENT_BEFORE = re.compile(rf"({_ACCENT_CLASS})([^\W\d_])")


def _combine(letter: str, accent: str) -> str | None:
    """The precomposed letter, or None when Unicode has no single character for the pair."""
    composed = unicodedata.normalize("NFC", letter + _SPACING_ACCENTS[accent])
    return composed if len(composed) == 1 else None


def nfc(text: str) -> str:
    """NFC text with spacing accents joined to their letter: the one normalisation every reader
    applies to whatever it extracts (body, footnotes, metadata), so names compare equal."""
    text = unicodedata.normalize("NFC", text)
    if not any(ch in _SPACING_ACCENTS for ch in text):
        return text
    text = _ACCENT_AFTER.sub(lambda m: _combine(m.group(1), m.group(2)) or m.group(0), text)
    return _ACCENT_BEFORE.sub(lambda m: _combine(m.group(2), m.group(1)) or m.group(0), text)


def clean_text(raw: str) -> str:
    """NFC and uniform whitespace; tabs become spaces, non-breaking spaces become spaces."""
    text = nfc(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def to_lines(raw: str) -> list[str]:
    """Lines of a text rendering, with markdown and whitespace-flattened text made regular."""
    text = clean_text(raw)
    if text.count("\n") < 5 and len(text) > 600:
        # a whole document flattened to one line: restore the line breaks before headings
        text = _FLAT_FOOTER.sub("\n", text)
        text = _FLAT_BREAK.sub("\n", text)
    text = _GLUED_FOOTER.sub(r"\1\n", text)
    lines = []
    for line in text.split("\n"):
        line = _MD_HEADING.sub("", line)
        line = _MD_BOLD.sub(r"\1", line)
        line = _MD_FOOTNOTE.sub(r"[^\1]", line)
        lines.append(line.strip())
    return lines


_HYPHEN_KEEP_NEXT = {"en", "of", "tot", "als", "dan", "noch", "c.q.", "en/of"}


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into running text, rejoining words split at the line end.

    "voorbe-" + "reiden" becomes "voorbereiden", but "ENTSO-E-" + "verband" keeps its hyphen,
    "inburgerings-" + "en" keeps "inburgerings- en", and "Faber-" + "van de" keeps the name.
    """
    out = ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = line
            continue
        if _url_continues(out):
            out += line
            continue
        if out.endswith("-") and len(out) > 1 and not out.endswith(" -"):
            first = line.split(" ", 1)[0]
            before = out[-2]
            if first.lower() in _HYPHEN_KEEP_NEXT or not first[:1].isalpha():
                out += " " + line
            elif (first.lower() in NAME_PREFIX_WORDS and out.rsplit(" ", 1)[-1][:1].isupper()) or (
                before.isupper() or before.isdigit()
            ):
                out += line
            elif before.islower() and first[:1].islower():
                out = out[:-1] + line
            else:
                out += line
        else:
            out += " " + line
    return out


_URL_TAIL = re.compile(r"\(?((?:https?://|www\.)\S*)$")


def _url_continues(text: str) -> bool:
    """A URL wrapped at the line end goes on without a space ("…-om-" + "stroomtekort…")."""
    # only the last word can end in a URL; searching the whole paragraph per line is quadratic
    m = _URL_TAIL.search(text[text.rfind(" ") + 1 :])
    if not m:
        return False
    url = m.group(1)
    if url.endswith(("-", "/", "_", "=", "&", "?", "#", "://")):
        return True
    return m.group(0).startswith("(") and not url.endswith(")")


def paragraphs(lines: list[str]) -> str:
    """Running text with blank-line paragraph breaks kept as newlines."""
    paras: list[list[str]] = [[]]
    for line in lines:
        if line:
            paras[-1].append(line)
        elif paras[-1]:
            paras.append([])
    return "\n".join(join_lines(p) for p in paras if p)


def date_from(text: str):
    """The first Dutch date ("7 november 2013") in text, or None."""
    from datetime import date

    m = patterns.DATE.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), patterns.MONTHS[m.group(2).lower()], int(m.group(3))
    try:
        return date(year, month, day)
    except ValueError:
        return None
