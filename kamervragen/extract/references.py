"""Find references in text and resolve them to normalised ids and official URLs."""

from __future__ import annotations

import re
from datetime import date

from kamervragen.extract import patterns as P
from kamervragen.extract.laws import LawMatch, bw_book, find_laws
from kamervragen.spans import Reference

OB = "https://zoek.officielebekendmakingen.nl"


def _ref(m: re.Match, location: str, kind: str, ident: str | None, url: str | None) -> Reference:
    """A reference spanning the whole match."""
    return Reference(
        location=location, start=m.start(), end=m.end(), text=m.group(0), kind=kind, id=ident, url=url
    )


def _vergaderjaar(y1: str, y2: str) -> str:
    if len(y2) == 2:
        y2 = y1[:2] + y2
    return f"{y1}{y2}"


def kamerstuk_id(dossier: str, sub: str | None, nr: str) -> str:
    dossier = dossier.replace(" ", "")
    sub = (sub or "").strip(" -–")
    return f"kst-{dossier}-{sub.upper()}-{nr}" if sub else f"kst-{dossier}-{nr}"


def _kamerstukken(text: str, location: str) -> list[Reference]:
    out = []
    for m in P.KAMERSTUK.finditer(text):
        numbers = [m.group("nr"), *re.findall(r"\d{1,5}", m.group("more") or "")]
        for nr in numbers:
            ident = kamerstuk_id(m.group("dossier"), m.group("sub"), nr)
            out.append(_ref(m, location, "kamerstuk", ident, f"{OB}/{ident}.html"))
    return out


def _simple(text: str, location: str) -> list[Reference]:
    out: list[Reference] = []
    for m in P.AANHANGSEL.finditer(text):
        ident = f"ah-tk-{_vergaderjaar(m.group('y1'), m.group('y2'))}-{m.group('nr')}"
        out.append(_ref(m, location, "aanhangsel", ident, f"{OB}/{ident}.html"))
    for m in P.HANDELINGEN.finditer(text):
        kamer = "tk" if m.group("kamer") == "II" else "ek"
        ident = f"h-{kamer}-{_vergaderjaar(m.group('y1'), m.group('y2'))}-{m.group('nr')}"
        if m.group("item"):
            ident += f"-{m.group('item')}"
        out.append(_ref(m, location, "handelingen", ident, f"{OB}/{ident}.html"))
    for m in P.STAATSBLAD.finditer(text):
        blad = m.group("kind").lower().startswith("stb") or m.group("kind") == "Staatsblad"
        kind, prefix = ("staatsblad", "stb") if blad else ("staatscourant", "stcrt")
        ident = f"{prefix}-{m.group('year')}-{m.group('nr')}"
        out.append(_ref(m, location, kind, ident, f"{OB}/{ident}.html"))
    for m in P.ECLI.finditer(text):
        ident = m.group(0).upper()
        out.append(_ref(m, location, "ecli", ident, f"https://uitspraken.rechtspraak.nl/details?id={ident}"))
    for m in P.EU_ACT.finditer(text):
        celex = _celex(m)
        if celex:
            out.append(_ref(m, location, "eu", celex, _eurlex(celex)))
    for pattern, kind in ((P.ZAAK, "zaak"), (P.DOCUMENT, "document")):
        for m in pattern.finditer(text):
            ident = m.group("id").replace(" ", "")
            out.append(_ref(m, location, kind, ident, None))
    for m in P.MOTIE.finditer(text):
        out.append(
            Reference(
                location=location,
                start=m.start(),
                end=m.end(),
                text=m.group(0).strip(),
                kind="motie",
                id=None,
                url=None,
            )
        )
    for m in P.URL.finditer(text):
        url = m.group(0)
        out.append(
            Reference(
                location=location,
                start=m.start(),
                end=m.end(),
                text=url,
                kind="url",
                id=url if url.startswith("http") else "https://" + url,
                url=url if url.startswith("http") else "https://" + url,
            )
        )
    return out


def _eurlex(celex: str) -> str:
    return f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:{celex}"


def _celex(m: re.Match) -> str | None:
    """CELEX number of an EU act: sector 3, year, L/R/D, four-digit number."""
    a, b = m.group("a"), m.group("b")
    kind = m.group("type").lower()
    letter = "L" if kind == "richtlijn" else "D" if kind == "besluit" else "R"
    if letter == "D" and not (m.group("org") or m.group("suffix")):
        return None  # "besluit 12/3" without EU marker is not an EU act
    if m.group("nrword") or (len(b) == 4 and len(a) < 4):
        number, year = a, b  # old style: "Verordening (EG) nr. 1907/2006"
    else:
        year, number = a, b
    if len(year) == 2:
        year = ("19" if int(year) > 50 else "20") + year
    if len(year) != 4 or not year.startswith(("19", "20")):
        return None
    return f"3{year}{letter}{int(number):04d}"


def _lid(m: re.Match) -> str | None:
    if m.group("lid"):
        return m.group("lid")
    return str(P.LID_WORDS[m.group("lid_word")]) if m.group("lid_word") else None


def _law_url(law: LawMatch, bwb: str | None) -> str | None:
    if law.kind == "eu":
        return _eurlex(law.bwb_id) if law.bwb_id else None
    return f"https://wetten.overheid.nl/{bwb}" if bwb else None


def _article_law(
    text: str, m: re.Match, laws: list[LawMatch], by_start: dict[int, LawMatch], cited: set[int]
):
    """The law an article belongs to: named right after it ("artikel 3 van de Awb"), or else the
    last one named before it in the same sentence ("De Wpg kent in artikel 8 ..."), unless that
    one belongs to an earlier article. None when the sentence names no law: a bare "artikel
    11.04" of a budget is not a law article."""
    law = by_start.get(m.end())
    if law:
        return law
    if re.search(r"\bvan\s+(?:de|het)\s*$", m.group(0)):
        return None  # "artikel 5 van het reglement": it belongs to what follows, not to a law before
    before = [x for x in laws if x.end <= m.start() and m.start() - x.end < 80 and x.start not in cited]
    if before and not re.search(r"[.?!]\s|\n\s*\n", text[before[-1].end : m.start()]):
        return before[-1]
    return None


def _laws_and_articles(text: str, location: str, on: date | None = None) -> list[Reference]:
    out: list[Reference] = []
    laws = find_laws(text, on)
    by_start = {law.start: law for law in laws}
    book_of: dict[int, str] = {}
    matches = list(P.ARTICLE.finditer(text))
    cited = {m.end() for m in matches if m.end() in by_start}
    for m in matches:
        law = _article_law(text, m, laws, by_start, cited)
        if law is None:
            continue
        after = law.start == m.end()
        items = [(m.start(), m.group("art"), _lid(m))]
        items += [
            (m.start("more") + x.start("art"), x.group("art"), _lid(x))
            for x in P.ARTICLE_ITEM.finditer(m.group("more"))
        ]
        tail = text[m.end() : law.start] if after else ""
        link = re.sub(r"^.*?((?:\s*,?\s*(?:van\s+)?(?:de|het))?\s*)$", r"\1", m.group(0), flags=re.S) + tail
        for k, (start, art, lid) in enumerate(items):
            bwb = law.bwb_id if law.kind != "eu" else None
            if law.text == "BW":
                bwb = bw_book(art) or bwb
                book_of[law.start] = bwb
                art = art.split(":")[-1]  # "7:658 BW" is article 658 of Book 7
            ident = url = None
            if bwb:
                ident = f"jci1.3:c:{bwb}&artikel={art}"
                if lid:
                    ident += f"&lid={lid}"
                url = f"https://wetten.overheid.nl/{ident}"
            if after:
                end = law.end
            elif k == 0:
                end = m.start() + len(re.sub(r"(?:\s*,?\s*(?:van\s+)?(?:de|het))?[\s,]*$", "", m.group(0)))
            else:
                end = start + len(art)
            out.append(
                Reference(
                    location=location,
                    start=start,
                    end=end,
                    # each article of a list reads as its own citation: "artikel 35 van de DSA"
                    text=f"artikel {art}{link}{law.text}"
                    if after and len(items) > 1
                    else text[start:end].strip(),
                    kind="article",
                    id=ident,
                    url=url,
                )
            )
    for law in laws:
        bwb = book_of.get(law.start, law.bwb_id)
        out.append(
            Reference(
                location=location,
                start=law.start,
                end=law.end,
                text=law.text,
                kind=law.kind,
                id=bwb,
                url=_law_url(law, bwb),
            )
        )
    return out


def get_references(text: str, location: str = "", on: date | None = None) -> list[Reference]:
    """Every reference in text, in order of position. A kamerstuk inside a motie or a URL inside
    a footnote is reported on its own as well: each kind answers a different question. `on` is
    the document's date: it picks the act in force where a law's name was reused."""
    refs = _kamerstukken(text, location) + _simple(text, location) + _laws_and_articles(text, location, on)
    refs = _drop_glossed(text, _drop_contained(refs))
    return sorted(refs, key=lambda r: (r.start, r.kind))


def _drop_glossed(text: str, refs: list[Reference]) -> list[Reference]:
    """A name without id glossed by an EU act ("Ontbossingswet (Verordening (EU) 2023/1115)")
    is that act's nickname, not a Dutch law of its own."""
    eu_starts = [r.start for r in refs if r.kind == "eu"]
    keep = []
    for r in refs:
        gloss = re.match(r"\s*\(", text[r.end : r.end + 4])
        if (
            r.kind == "law"
            and r.id is None
            and gloss
            and any(0 <= s - r.end - gloss.end() <= 1 for s in eu_starts)
        ):
            continue
        keep.append(r)
    return keep


def _drop_contained(refs: list[Reference]) -> list[Reference]:
    """A zaak number inside a URL, or a law name that is really part of an EU act's title, is
    not a reference of its own."""
    keep = []
    for r in refs:
        inside = any(
            o is not r
            and o.kind in {"url", "eu", "ecli"}
            and o.start <= r.start
            and r.end <= o.end
            and (o.start, o.end) != (r.start, r.end)
            for o in refs
        )
        if not inside:
            keep.append(r)
    return keep
