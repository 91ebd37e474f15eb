"""Read the metadata block of a Kamervraag: who asked whom about what, who answered and when."""

from __future__ import annotations

import re

from kamervragen import patterns
from kamervragen.model import Answerer, Asker
from kamervragen.normalize import date_from
from kamervragen.parties import canonical_party, respace_ministry

_PARTY_QUANTIFIER = re.compile(r"^(?:beiden|beide|allen|alle|allebei)\s+", re.IGNORECASE)
_NAME_JOIN = re.compile(r"\s*,\s*|\s+en\s+")
_TITLE = re.compile(r"^(?:de heer|mevrouw|mw\.|dhr\.)\s+", re.IGNORECASE)
_ROLE_AHEAD = r"(?=(?:de\s+|het\s+)?(?:Minister|Staatssecretaris|minister|staatssecretaris))"
# "Minister A (X) en Minister B (Y)", "(X) en van minister B (Y)" (one sentence, two answerers);
# the source typo "(X) van Minister B" is read the same way
_NEXT_MAIN_ANSWERER = re.compile(r"\)\s*(?:en\s+van|en|,|van)\s*(?:antwoord\s+van\s+)?" + _ROLE_AHEAD)
# "minister van X en van Y": one role, two ministries (an "en" inside a ministry name is not
# followed by "van"/"voor")
_NEXT_MINISTRY = re.compile(r"\s+en\s+(?=(?:van|voor)\s)|,\s*(?=(?:van|voor)\s)")
# a glued first name ("DaniëlleJansen"): a capitalised word running straight into the surname
_GLUED_FIRST_NAME = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]{2,}(?=[A-ZÀ-Ý][a-zà-ÿ])")
# a word broken at the line end and joined with its hyphen ("Roet-hof", "Ver-keer"): a double
# surname or a compound goes on with a capital or a name prefix ("Faber-van de Klashorst")
_LINE_END_HYPHEN = re.compile(
    r"(?<=[a-zà-ÿ])-(?!(?:van|de|den|der|ter|ten|te|in|op|het|'t|’t)\b)(?=[a-zà-ÿ])"
)
MAX_NAME_CHARS = 50
MAX_NAME_WORDS = 6
_NEXT_CO_ANSWERER = re.compile(r"\)?\s*(?:,|\ben\b)\s*" + _ROLE_AHEAD)
_PREFIXES = {"van", "de", "den", "der", "ter", "ten", "te", "in", "op", "het", "el", "la", "le"}
_INITIALS = re.compile(r"^(?:[A-Z]\.\s*)+")


def surname(raw: str) -> str:
    """Surname with prefix, prefix capitalised as Dutch writes a name standing alone.

    "van Nispen" → "Van Nispen"; "Inge van Dijk" → "Van Dijk"; "Faber - Van de Klashorst" →
    "Faber-van de Klashorst" (only the first letter of the whole name is capitalised).
    """
    name = _TITLE.sub("", raw.strip(" .,;:"))
    name = _INITIALS.sub("", name).strip()
    name = re.sub(r"\s*[-–]\s*", "-", name)
    name = _LINE_END_HYPHEN.sub("", name)
    # "PietervanDijk": a prefix glued between first name and surname
    name = re.sub(r"(?<=[a-zà-ÿ]{2})(van|den|der|ter|ten)(?=[A-Z][a-z])", r" \1", name)
    name = re.sub(r"\b([Vv]an|[Dd]e|[Dd]en|[Tt]er|[Tt]en)(?=[A-Z][a-z])", r"\1 ", name)
    name = _GLUED_FIRST_NAME.sub("", name)
    words = name.split()
    # "Inge van Dijk": a first name stands before a prefix word; "Faber-van de Klashorst" and
    # "Bruins Slot" have none and are kept whole
    for i, w in enumerate(words):
        if w.lower() in _PREFIXES:
            if i > 0 and "-" not in words[i - 1]:
                words = words[i:]
            break
    name = " ".join(words)
    if "-" in name:
        head, tail = name.split("-", 1)
        if tail[:1].isupper() and tail.split(" ", 1)[0].lower() in {"van", "de", "den", "der"}:
            tail = tail[0].lower() + tail[1:]
        name = f"{head}-{tail}"
    return name[:1].upper() + name[1:]


def _asker(raw: str, party: str | None, warnings: list[str] | None) -> Asker | None:
    """One asker; a "name" longer than any real name (an OCR header read as a name) is dropped
    and said in `warnings`."""
    name = surname(raw)
    if not name:
        return None
    if len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS or re.search(r"\d", name):
        if warnings is not None:
            warnings.append(f"asker dropped: not a name ({len(name)} characters: {name[:40]}…)")
        return None
    return Asker(name=name, party=party)


def parse_askers(text: str, warnings: list[str] | None = None) -> list[Asker]:
    """'Van den Hil (VVD) en Bikker (ChristenUnie)', 'Kröger en Gabriëls (beiden GL-PvdA)'.

    Parties come out canonical ("P.v.d.A." → "PvdA"); a parenthesis that is no party
    ("(ingezonden 22 augustus 1977)") leaves the names before it without a party.
    """
    askers: list[Asker] = []
    pos = 0
    text = " ".join(text.split())
    for m in patterns.NAME_PARTY.finditer(text):
        party = canonical_party(_PARTY_QUANTIFIER.sub("", m.group("party").strip()))
        if party is None and askers:
            break  # a parenthesis that is no party after the askers: the list has ended
        for raw in _NAME_JOIN.split(m.group("names")):
            raw = raw.strip()
            if raw and raw.lower() not in {"en", "de leden", "het lid"}:
                asker = _asker(raw, party, warnings)
                if asker:
                    askers.append(asker)
        pos = m.end()
    rest = text[pos:].strip(" ,.")
    if rest and not askers:
        for raw in _NAME_JOIN.split(rest):
            asker = _asker(raw, None, warnings) if raw.strip() else None
            if asker:
                askers.append(asker)
    return askers


def parse_addressees(text: str) -> list[str]:
    """'de Ministers van X en van Y' → ['minister van X', 'minister van Y']."""
    text = _unglue(" ".join(text.split()))
    text = re.sub(r"^(?:de|het)\s+", "", text)
    text = re.sub(r",?\s*bij afwezigheid van .*$", "", text)
    parts = re.split(r"\s+en\s+(?:de|het)\s*(?=[A-Z]|minister|staatssecretaris)|,\s*(?:de|het)\s+", text)
    result: list[str] = []
    for part in parts:
        part = part.strip(" ,")
        m = re.match(r"(?i)(ministers|staatssecretarissen)\s+(van|voor)\s+(.*)$", part)
        if m:
            role = "minister" if m.group(1).lower() == "ministers" else "staatssecretaris"
            for sub in re.split(r"\s+en\s+(?=van |voor )|,\s*(?=van |voor )", m.group(3)):
                sub = sub.strip()
                prep = "" if re.match(r"(van|voor) ", sub) else m.group(2) + " "
                result.append(f"{role} {prep}{sub}")
            continue
        m = re.match(r"(?i)(minister en staatssecretaris)\s+(van|voor)\s+(.*)$", part)
        if m:
            result.append(f"minister {m.group(2)} {m.group(3)}")
            result.append(f"staatssecretaris {m.group(2)} {m.group(3)}")
            continue
        m = re.match(r"(?i)(minister-president|minister|staatssecretaris|staatsecretaris)\b\s*(.*)$", part)
        if m:
            role = m.group(1).lower().replace("staatsecretaris", "staatssecretaris")
            for sub in _NEXT_MINISTRY.split(m.group(2)) if m.group(2) else [""]:
                result.append(f"{role} {sub.strip()}".strip())
        elif part:
            result.append(part)
    result = [_respace_addressee(item) for item in result]
    # "de Staatssecretaris en de Minister van VWS": a bare role shares the next one's ministry
    for i, item in enumerate(result):
        if item in {"minister", "staatssecretaris"} and i + 1 < len(result):
            m = re.match(r"\S+\s+((?:van|voor)\s.*)$", result[i + 1])
            if m:
                result[i] = f"{item} {m.group(1)}"
    return result


def _respace_addressee(item: str) -> str:
    m = re.match(r"(\S+\s+(?:van|voor)\s+)(.+)$", item)
    return m.group(1) + respace_ministry(m.group(2)) if m else item


def _unglue(text: str) -> str:
    """Undo PDF extraction gluing a preposition to the next name ("vanBinnenlandse")."""
    return re.sub(r"\b(van|voor|en|de)(?=[A-Z][a-z])", r"\1 ", text)


def _answerer(text: str, mede_namens: bool) -> Answerer | None:
    text = _unglue(" ".join(text.split())).strip(" ,.")
    text = re.sub(r"^(?:de|het)\s+", "", text)
    m = patterns.ROLE.search(text)
    if not m:
        return None
    role = m.group("role").lower()
    role = {"ministers": "minister", "staatssecretarissen": "staatssecretaris"}.get(role, role)
    after = text[m.end() :].strip()
    if role == "minister-president":
        # "Minister-President, minister van Algemene Zaken": the second role gives the ministry
        after = re.sub(r"^,?\s*(?:en\s+)?[Mm]inister\b\s*", "", after)
    ministry = None
    name = None
    pm = re.search(r"\(([^()]*)\)?\s*$", after) or re.search(r"\(([^()]+)", after)
    if pm:
        ministry = pm.group(1).strip() or None
        name_part = after[: pm.start()].strip()
    else:
        name_part = after
    # "Rutte, minister van Algemene Zaken": the name, then the office in words
    nm = re.match(r"(.+?),\s*(?:[Mm]inister|[Ss]taatssecretaris)\s+(?:van|voor)\s+(.+)$", name_part)
    if nm:
        name_part, ministry = nm.group(1), ministry or nm.group(2).strip()
    vm = re.match(r"(?:van|voor)\s+(.+)$", name_part)
    if vm:
        ministry = ministry or vm.group(1).strip()
    elif name_part:
        name = surname(name_part)
    if ministry:
        ministry = respace_ministry(_LINE_END_HYPHEN.sub("", re.sub(r"\s*[–-]\s*$", "", ministry)))
    return Answerer(name=name, role=role, ministry=ministry, mede_namens=mede_namens)


_NEXT_ROLE = re.compile(r"\s+en\s+(?:van\s+)?(?:de\s+|het\s+)?" + _ROLE_AHEAD)


def _by_role(text: str) -> list[str]:
    """A letter names people by role only: "de minister van X en van de staatssecretaris van Y",
    "de minister van X en van Y" (two ministers). Text with parentheses names its people itself."""
    if "(" in text:
        return [text]
    out: list[str] = []
    for part in _NEXT_ROLE.split(text):
        m = re.match(r"(?:de\s+|het\s+)?(\S+)\s+((?:van|voor)\s.+)$", part)
        if m and patterns.ROLE.fullmatch(m.group(1)):
            out.extend(f"{m.group(1)} {sub}" for sub in _NEXT_MINISTRY.split(m.group(2)))
        else:
            out.append(part)
    return out


def parse_answerers(text: str) -> list[Answerer]:
    """'Minister Asscher (Sociale Zaken en Werkgelegenheid), mede namens de Minister van ...'."""
    text = _unglue(" ".join(text.split()))
    parts = patterns.MEDE_NAMENS.split(text, maxsplit=1)
    result: list[Answerer] = []
    main_parts = _NEXT_MAIN_ANSWERER.split(parts[0])
    for i, p in enumerate(main_parts):
        p += ")" if i < len(main_parts) - 1 else ""
        for one in _by_role(p):
            a = _answerer(one, False)
            if a:
                result.append(a)
    if len(parts) > 1:
        # "de Minister voor X, van Y en voor Z": one role for several ministries
        split_roles = re.compile(
            r"\b(Ministers?|minister|Staatssecretaris|staatssecretaris)\s+(van|voor)\s+([^()]+?)"
            r"(?:,\s*|\s+en\s+)(?=(?:van|voor)\s)"
        )
        previous = None
        while previous != parts[1]:
            previous = parts[1]
            parts[1] = split_roles.sub(
                lambda m: f"{m.group(1)} {m.group(2)} {m.group(3)}, de {m.group(1)} ", parts[1], count=1
            )
        for p in _NEXT_CO_ANSWERER.split(parts[1]):
            a = _answerer(p, True)
            if a:
                result.append(a)
    return result


def first_date(pattern: re.Pattern, text: str):
    m = pattern.search(text)
    return date_from(m.group(1)) if m else None
