"""How a filter value of the query language names values in the index, for every backend:
names fold case and accents (`minister:Yesilgoz` finds "Yeşilgöz-Zegerius"), parties compare by
their one key (`partij:P.v.d.A.` = PvdA), a name matching nothing exactly matches the values
containing it ("Weel" → "Van Weel"), and a ministry is also known by its full name and its
abbreviation."""

from __future__ import annotations

from collections.abc import Iterable

from indexer.search.query import fold, party_key
from indexer.store import MINISTRY_ABBREVIATIONS, ministry_name
from kamervragen.extract.laws import law_titles

# fields whose filter values are names, matched loosely against the values in the index
NAME_FIELDS = ("askers", "parties", "addressees", "answerers", "ministries", "kamerstukken")


def value_key(field: str, value: str) -> str:
    """The form a value is compared in."""
    return party_key(value) if field == "parties" else fold(value)


def expand_ministries(values: list[str]) -> list[str]:
    """Each ministry as written, by its full name and by every name abbreviated the same way."""
    expanded: list[str] = []
    for v in values:
        expanded.append(v)
        expanded.append(ministry_name(v) or v)
        expanded.extend(n for n, a in MINISTRY_ABBREVIATIONS.items() if a.casefold() == v.casefold())
    return expanded


def matching_values(known: Iterable[str], field: str, values: list[str]) -> list[str]:
    """The values in the index (`known`) that the filter values name."""
    if field == "ministries":
        values = expand_ministries(values)
    pairs = [(t, value_key(field, t)) for t in known]
    wanted: list[str] = []
    for value in values:
        v = value_key(field, value)
        exact = [t for t, k in pairs if k == v]
        loose = [t for t, k in pairs if v in k] if not exact and len(v) >= 3 else []
        wanted.extend(exact or loose)
    return list(dict.fromkeys(wanted))


def facet_labels(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    """Titles for the law ids of the laws facet (the id itself when the table lacks it)."""
    titles = law_titles()
    laws = {v: titles.get(v, v) for v in facets.get("laws", {})}
    return {"laws": laws} if laws else {}
