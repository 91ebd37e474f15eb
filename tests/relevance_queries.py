"""Queries a user would type (inflected, compounds, without diacritics) and the document — by a
unique part of its file name — that must be in the top 5. Written by hand from the dev corpus."""

DOCUMENT_QUERIES: list[tuple[str, str]] = [
    ("inburgeringsexamen nieuwkomers", "azmani"),
    ("examen inburgering lening", "azmani"),
    ("inburgeraar DUO", "azmani"),
    ("secretaris-generaal VN Rusland top", "20242025-575"),
    ("wachttijd ggz vastgelegd", "20242025-562"),
    ("escortbureau vergunning mensenhandel", "2024Z18891"),
    ("Veldzicht motie", "2024Z18566"),
    ("NAVO verplichting", "2024Z18561"),
    ("Nibud mobiliteit", "20242025-586"),
    ("capaciteitsfixus opleiding", "20242025-584"),
    ("zwembaden zwemveiligheid", "20242025-559"),
    ("woningruil kleiner wonen", "2024Z18441"),
    ("rechtszaak Afghanistan", "20242025-591"),
    ("waterstof uit afval RWE", "20242025-576"),
    ("racepaard snack", "20242025-571"),
    ("ADL hulp", "20242025-578"),
    ("bezuinigen brandweer crisisbeheersing", "20242025-558"),
    ("restitutiepolis ggz patienten", "2024Z18439"),
    ("wachttijd stroomaansluiting", "2024Z18442"),
    ("TikTok moderatoren", "20242025-597"),
    ("toegankelijkheid jeugdzorg", "20242025-563"),
    ("reservist verlof militair weekend", "2024Z18440"),
    ("eetstoornis jongeren", "1a529d02"),
    ("sinterklaasintocht afgelast", "1aa9bd01"),
    ("quantum encryptie", "1c0f765c"),
    ("Buurtzorg NZa", "1c7587f8"),
    ("gratis lunch werknemers loonbelasting", "1c83f4f5"),
    ("stroomtekort energiemarkt", "1cf0c343"),
    ("regenboogbeleid Friesland", "00fe7edd"),
    ("Jemen", "01b2bcad"),
    ("politiebureau Wolvega sluiting", "Wolvega"),
    ("bijtincident hond registratie", "Wassenberg"),
    ("niet-noodnummer brandweer", "Temmink"),
    ("Argos Sammy Baker", "Sammy Baker"),
    ("kankerverwekkend gas Sabic", "2024Z18893"),
    ("Oeigoeren Thailand", "2024Z18888"),
    ("orthodontie aanvullende verzekering", "2024Z18793"),
    ("hoofdlijnenakkoord juridische analyse", "01bf9f06"),
    ("Delta Rhine Corridor", "1a2d8959"),
    ("ombudsman fraude burgers", "1dac45ca"),
]

# (query, file name part, first question number of the pair that must be in the top 5)
PAIR_QUERIES: list[tuple[str, str, int]] = [
    ("hoeveel inburgeraars lening DUO", "azmani", 2),
    ("afspraken gemeenten VNG volgen inburgeringsplichtigen", "azmani", 4),
    ("verblijfsrecht verliezen inburgering regeerakkoord", "azmani", 5),
    ("leveringszekerheid blinde vlek", "1cf0c343", 2),
    ("capaciteitsmechanisme gascentrales vergoeding", "1cf0c343", 7),
    ("starttarief per minuut brandweer nummer", "Temmink", 4),
    ("Koninklijke Marechaussee gratis telefoonnummer", "Temmink", 6),
    ("ontmoeting Poetin arrestatiebevel", "20242025-575", 4),
]


def document_ranks(search) -> tuple[float, float, list[str]]:
    """(share found in the top 5, mean reciprocal rank, queries missed) of DOCUMENT_QUERIES, with
    `search(query, **request)` returning a SearchResponse."""
    found, rr, misses = 0, 0.0, []
    for query, part in DOCUMENT_QUERIES:
        hits = search(query, group="document", page_size=5).results
        ranks = [i for i, h in enumerate(hits) if part in h.source]
        if ranks:
            found += 1
            rr += 1 / (ranks[0] + 1)
        else:
            misses.append(query)
    return found / len(DOCUMENT_QUERIES), rr / len(DOCUMENT_QUERIES), misses


def pair_ranks(search) -> tuple[float, float, list[str]]:
    """The same for PAIR_QUERIES: the pair itself must be in the top 5."""
    found, rr, misses = 0, 0.0, []
    for query, part, number in PAIR_QUERIES:
        hits = search(query, page_size=5).results
        ranks = [i for i, h in enumerate(hits) if part in h.source and h.question_numbers[:1] == [number]]
        if ranks:
            found += 1
            rr += 1 / (ranks[0] + 1)
        else:
            misses.append(query)
    return found / len(PAIR_QUERIES), rr / len(PAIR_QUERIES), misses
