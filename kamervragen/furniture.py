"""Separate page furniture (running headers, footers, page numbers) and footnotes from the body
of a text rendering.

Text extracted from a typeset Aanhangsel PDF interleaves the footnotes and the page footer with
the answers wherever a page ends. Footnotes are numbered 1..n through the whole document, and a
page's footnotes sit between its last body line and its footer; both facts together find them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from kamervragen import patterns
from kamervragen.normalize import join_lines

_LONE_MARKERS = re.compile(r"^\d{1,3}(?:\s*(?:,|en|\s)\s*\d{1,3})*\.?$")
_HEADING = re.compile(
    rf"^(?:Vraag|Vragen|Antwoord|Antwoorden|Antwoord op vraag|Mededeling)(?:\s+{patterns.NUMSPEC})?\s*:?$"
)
_FOOTER_PREFIX = re.compile(r"^(?:ISSN\s*0921\s*-\s*7398)?\s*(?:[’']s-Gravenhage\s*\d{4})?\s*$")


_PAGE_BREAK = re.compile(r"^(?:-{3,}|h tk \d{8} \d+)$")
_ORPHAN_MARKER = re.compile(r"(?<=[?»”])(\d{1,2})(?=\s|$)")


# Ministry letterheads (the column beside a letter, the block above it), recognised by the shape
# of their lines rather than by any one ministry's address. A strong line can only be letterhead;
# a weak one (an address, a bare web address) only counts beside a strong one.
_LETTERHEAD_STRONG = re.compile(
    r"^(?:"
    r"Postbus\s+\d{1,6}(?:\s+\d{4}\s?[A-Z]{2}\b.*)?"  # Postbus 20301 (2500 EH Den Haag)
    r"|(?:Ons|Uw|Onze)\s+(?:kenmerk|referentie)\b.*"
    r"|(?:Kenmerk|Datum|Onderwerp|Contactpersoon|Projectnaam|Bijlagen?|Retouradres|Inlichtingen|Doorkiesnummer)"
    r"\s*:?"
    r"|Retouradres\b.*"
    r"|Directoraat[- ]?[Gg]eneraal\b.*"
    r"|[TF]\s*(?:\+31|0)[\d\s-]{8,14}"  # T 070 426 64 26
    r"|Bij beantwoording de datum en (?:ons|het) kenmerk vermelden.*"
    r"|Wilt u slechts één zaak in uw brief behandelen.*"
    r"|Pagina\s+\d+\s+van\s+\d+"
    r")$"
)
_LETTERHEAD_WEAK = re.compile(
    r"^(?:"
    r"\d{4}\s?[A-Z]{2}\s+(?:[’']s[- ])?[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?"  # 2500 EA Den Haag
    r"|(?:https?://)?www\.[\w.-]+\.(?:nl|eu|com|org)(?:/[\w-]{1,15})?/?"  # www.rijksoverheid.nl/jenv
    r"|Directie\s+[A-Z].{0,60}"
    # "Turfmarkt 147", "Bezuidenhoutseweg 73"
    r"|(?:[A-Z][a-zà-ÿ’'-]+\s){0,2}[A-Z][a-zà-ÿ’'-]*(?:straat|weg|laan|plein|markt|kade|gracht|singel|dijk|"
    r"hof|park|hout|plaats|baan|dreef|veld|poort|burgwal|haven|steeg|wal|ring|boulevard)\s+\d{1,4}[a-z]?"
    r")$"
)
# the value printed under "Ons kenmerk" / "Datum" in the letterhead column
_LABEL = re.compile(r"^(?:(?:Ons|Uw|Onze)\s+(?:kenmerk|referentie)|Kenmerk|Datum)$")
_LABEL_VALUE = re.compile(r"^(?:[\w/.-]{3,30}|\d{1,2}\s+\w+\s+\d{4})$")


def is_letterhead(line: str) -> bool:
    """A line that by its shape can only be ministry letterhead (address, label, contact)."""
    return bool(_LETTERHEAD_STRONG.match(line.strip()))


def drop_letterhead(lines: list[str]) -> list[str]:
    """Lines without letterhead: strong lines, weak lines (addresses, a bare web address) beside
    a strong one, and the value line under a label ("Ons kenmerk" / "5303168"). A table row is
    one line and stays: the header reader cuts its cells."""
    texts = [line.strip() for line in lines]
    strong = [bool(_LETTERHEAD_STRONG.match(t)) for t in texts]
    filled = [i for i, t in enumerate(texts) if t]
    keep = [True] * len(lines)
    for pos, i in enumerate(filled):
        text = texts[i]
        neighbours = filled[max(0, pos - 3) : pos] + filled[pos + 1 : pos + 4]
        weak = bool(_LETTERHEAD_WEAK.match(text)) and any(strong[j] for j in neighbours)
        label_value = pos > 0 and bool(_LABEL.match(texts[filled[pos - 1]]) and _LABEL_VALUE.match(text))
        keep[i] = not (strong[i] or weak or label_value)
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


@dataclass
class Furniture:
    """What the page furniture says about the document, and the footnotes found beside it."""

    ids: list[str] = field(default_factory=list)
    vergaderjaar: str | None = None
    footnotes: dict[int, str] = field(default_factory=dict)


def is_heading(line: str) -> bool:
    return bool(_HEADING.match(line))


def _footer_split(line: str) -> tuple[str, bool]:
    """(text before a page footer, whether the line holds a footer)."""
    m = patterns.PAGE_FOOTER.search(line)
    if not m:
        return line, False
    prefix = line[: m.start()]
    if _FOOTER_PREFIX.match(prefix):
        return "", True
    # "ISSN 0921 - 7398’s-Gravenhage 2024" glued in front, or a footnote glued to the footer
    prefix = re.sub(r"ISSN\s*0921\s*-\s*7398\s*[’']s-Gravenhage\s*\d{4}\s*$", "", prefix).strip()
    return prefix, True


def _is_furniture(line: str) -> bool:
    return bool(patterns.FURNITURE_LINE.match(line))


def footnote_start(line: str, number: int, end_zone: bool = False) -> str | None:
    """The footnote text if `line` starts footnote `number`, else None."""
    n = str(number)
    for pat in (rf"^\[\^?{n}\]:?\s*(.*)$", rf"^{n}\)\s*(.+)$", rf"^\({n}\)\s*(.+)$"):
        m = re.match(pat, line)
        if m:
            return m.group(1)
    if end_zone:
        return None
    if line == n:
        return ""
    m = re.match(rf"^{n}(?:(?=(?:19|20)\d\d)|(?!\d))\s*(.*)$", line)
    if not m:
        return None
    rest = m.group(1)
    if not rest or rest[0] in ".,;:)-–":
        return None
    spaced = line[len(n) : len(n) + 1] == " "
    if spaced and rest[0].islower():
        return None
    return rest


def _parse_zone(lines: list[str], first: int, end_zone: bool) -> dict[int, str] | None:
    """Footnotes numbered first, first+1, ... from the lines of one page-bottom zone."""
    notes: dict[int, list[str]] = {}
    expected = first
    current: int | None = None
    for line in lines:
        if not line or _is_furniture(line):
            continue
        for skip in range(3 if current is not None else 1):
            text = footnote_start(line, expected + skip, end_zone)
            if text is not None:
                current = expected + skip
                notes[current] = [text] if text else []
                expected = current + 1
                break
        if text is not None:
            continue
        if current is None:
            return None
        if re.fullmatch(r"\d{1,3}", line):
            continue  # a stray number of a footnote printed out of order
        notes[current].append(line)
    if not notes:
        return None
    body_lines = sum(len(v) for v in notes.values())
    if body_lines > 5 * len(notes) + 2:
        return None
    return {n: join_lines(v) for n, v in notes.items()}


def _own_id(line: str) -> str | None:
    """The official id on a furniture line ("ah-tk-20242025-604", alone or before the ISSN
    footer); an id quoted inside a sentence names another document and is not taken."""
    m = patterns.OFFICIAL_ID.match(line.strip())
    if not m:
        return None
    rest = patterns.PAGE_FOOTER.sub("", line.strip()[m.end() :])
    rest = re.sub(r"ISSN\s*0921\s*-\s*7398|[’']s-Gravenhage\s*\d{4}", "", rest)
    return None if re.search(r"[A-Za-z]{3}", rest) else m.group(1)


def strip_furniture(lines: list[str], find_footnotes: bool = True) -> tuple[list[str], Furniture]:
    """Body lines without headers, footers, page numbers and (when asked) footnote zones."""
    info = Furniture()
    for line in lines:
        own = _own_id(line)
        if own:
            info.ids.append(own)
        m = re.match(r"^h tk (\d{8}) (\d+)$", line)
        if m:
            info.ids.append(f"ah-tk-{m.group(1)}-{m.group(2)}")
        if info.vergaderjaar is None and _is_furniture(line):
            m = patterns.VERGADERJAAR.search(line)
            if m:
                info.vergaderjaar = _year_range(m)
    work: list[str | None] = []
    anchors: list[int] = []
    for line in lines:
        text, footer = _footer_split(line)
        if _PAGE_BREAK.match(line):
            text, footer = "", True
        if footer:
            if text:
                work.append(text)
            anchors.append(len(work))
            work.append(None)
            continue
        work.append(line)
    anchors.append(len(work))

    next_fn = 1
    start = 0
    for a_idx, anchor in enumerate(anchors):
        end_zone = a_idx == len(anchors) - 1
        last_heading = start - 1
        for i in range(start, anchor):
            if work[i] is not None and is_heading(work[i]):
                last_heading = i
        for i in range(last_heading + 1, anchor if find_footnotes else last_heading + 1):
            line = work[i]
            if line is None:
                continue
            if footnote_start(line, next_fn, end_zone) is None:
                continue
            notes = _parse_zone([w or "" for w in work[i:anchor]], next_fn, end_zone)
            if notes is None:
                continue
            info.footnotes.update(notes)
            next_fn = max(notes) + 1
            for j in range(i, anchor):
                work[j] = None
            break
        # a page number printed just after the footer (pdftotext puts it there)
        j = anchor + 1
        while j < len(work) and work[j] == "":
            j += 1
        if j < len(work) and work[j] is not None and re.fullmatch(r"\d{1,3}", work[j] or ""):
            work[j] = None
        start = anchor + 1

    body = drop_letterhead([w for w in work if w is not None and not _is_furniture(w)])
    return body, info


def _year_range(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    if len(second) == 2:
        second = first[:2] + second
    return f"{first}-{second}"


_DIGITS = re.compile(r"\d+")


def mark_footnote_refs(lines: list[str], numbers: list[int]) -> list[str]:
    """Rewrite footnote markers as "[^n]", scanning for each number after the previous one.

    Extraction leaves markers glued ("bekend?1"), on lines of their own ("2 3") or at a line
    start; since footnotes are numbered in reading order, the next marker is searched only
    after the previous one, which keeps ordinary numbers in the text untouched. Every marker is
    a whole run of digits, so only the lines holding that run are looked at: a document with
    thousands of notes whose markers went missing costs no scan of the whole text per note.
    """
    out = list(lines)
    where: dict[str, list[int]] = {}
    for i, line in enumerate(out):
        for run in dict.fromkeys(_DIGITS.findall(line)):
            where.setdefault(run, []).append(i)
    pos = (0, 0)
    for n in sorted(numbers):
        found = _find_marker(out, n, pos, where.get(str(n), []))
        if found is None:
            continue
        i, s, e = found
        line = out[i]
        if line.strip() == str(n) or _LONE_MARKERS.match(line.strip()):
            # a line of lone markers ("2 3") belongs to the text before it
            rest = (line[:s] + line[e:]).strip(" ,en.")
            target = i - 1
            while target > 0 and not out[target]:
                target -= 1
            if target >= 0 and out[target] and not is_heading(out[target]):
                out[target] = out[target] + f"[^{n}]"
                out[i] = rest
                pos = (target, len(out[target]))
                continue
        out[i] = line[:s] + f"[^{n}]" + line[e:]
        pos = (i, s + len(f"[^{n}]"))
    # markers whose footnote text was lost in extraction ("ingeburgerd»?1")
    return [_ORPHAN_MARKER.sub(r"[^\1]", line) for line in out]


def _find_marker(
    lines: list[str], n: int, pos: tuple[int, int], candidates: list[int]
) -> tuple[int, int, int] | None:
    ns = str(n)
    explicit = re.compile(rf"\[\^{ns}\]")
    glued = re.compile(rf"(?<=[a-zà-ÿ»”?.)!;:’'\]]){ns}\)?(?![\d])")
    line_start = re.compile(rf"^{ns}\)?(?=[\s.,]|$)")
    paren = re.compile(rf"\s?\({ns}\)|\s{ns}\)(?=\s|$)")
    for i in candidates[bisect_left(candidates, pos[0]) :]:
        line = lines[i]
        offset = pos[1] if i == pos[0] else 0
        best = None
        for pat in (explicit, glued, paren):
            m = pat.search(line, offset)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), m.end())
        if offset == 0 and not is_heading(line):
            m = line_start.match(line)
            if m and (best is None or m.start() <= best[0]):
                best = (m.start(), m.end())
        if best:
            return i, best[0], best[1]
    return None
