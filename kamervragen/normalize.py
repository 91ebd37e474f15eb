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


def clean_text(raw: str) -> str:
    """NFC and uniform whitespace; tabs become spaces, non-breaking spaces become spaces."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    # the combining acute printed as a separate spacing accent ("Kostic ´") belongs to the letter
    text = re.sub(r"(\w) ?[´ˊ]", lambda m: unicodedata.normalize("NFC", m.group(1) + "\u0301"), text)
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
