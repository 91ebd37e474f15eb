"""The shape of a law's name where no table knows it: "Wet ..." or "Regeling ..." with the words
that follow up to where the sentence goes on, "…wet"/"…verdrag" compounds, "NOW-regeling",
"Tijdelijke overbruggingsregeling zelfstandig ondernemers (TOZO)", "Akkoord van Parijs".

Where a name ends is decided word by word: a name goes on over nouns, attributive adjectives and
"op de"/"van het", and ends at punctuation, a verb, a pronoun, a predicative adjective or
participle ("beschikbaar", "aangenomen"), or a coordinated new phrase ("... en in de ...").
"""

from __future__ import annotations

import re

PUNCT = re.compile(r"[,.;:()«»\"“”‘’'/–—]|\s-\s")
YEAR = re.compile(r"(?:18|19|20)\d\d$")

# "...wet" nouns that name no particular law
_GENERIC_WORDS = (
    "wet kaderwet spoedwet noodwet verzamelwet initiatiefwet veegwet reparatiewet raamwet uitvoeringswet "
    "invoeringswet aanpassingswet wijzigingswet belastingwet natuurwet basiswet omnibuswet modelwet huurwet "
    "strafwet noodwetboek"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


LAW_ENDS = ("wet", "wetboek", "verdrag", "wetsvoorstel")


def is_law_compound(word: str) -> bool:
    w = word.lower()
    return w.endswith(("wet", "wetboek", "verdrag")) and w not in _GENERIC and len(w) > 7


# words after which a name has ended and the sentence goes on
_CLOSE_WORDS = (
    "is zijn wordt worden werd zal zullen kan kunnen moet moeten heeft hebben had kent geldt gaat "
    "biedt regelt bepaalt treedt voorziet verplicht stelt maakt wil wilt was de het een die dat deze "
    "dit niet ook nog al wel echter reeds nu inmiddels sinds als dan hoe wat waar wanneer waarom "
    "omdat zodat terwijl maar of want u ik we wij zij hij ze er hier daar om te bij naar door uit "
    "aan over na tot worden per zoals waarin waarmee waarop waarbij welke wie onder tegen tussen "
    "vanaf sprake komen gaan treden nemen brengen houden leiden zien bevat omvat vereist verbiedt schrijft "
    "staat ligt loopt wijzigt vervangt beoogt noemt eist houdt legt brengt draagt zegt verwijst beschrijft "
    "volgt komt blijft werkt leidt helpt past vraagt krijgt mag"
)
_CLOSE = frozenset(_CLOSE_WORDS.split())
# "... dierverwaarlozing stuur ik": a word before a subject pronoun is an inverted verb
_PRONOUNS = frozenset({"ik", "u", "we", "wij", "zij", "hij", "je", "jij"})
_ARTICLES = frozenset({"de", "het"})
_LINKS = frozenset({"en", "of", "van", "op", "in", "voor", "met", "inzake", "tot", "ter"})
# predicative adjectives and participles end a name too: "beschikbaar", "aangenomen", "ingediend"
_CLOSE_SHAPE = re.compile(
    r"(?:baar|lijk|ig|isch)$|^(?:aan|in|op|uit|vast|af)?ge\w+(?<!heid)[dt]$|^(?:aan|in)?genomen$"
)
_UNKNOWN_HEAD = re.compile(
    r"^(?:Wet|Wetsvoorstel|Regeling|Besluit|Verdrag|Akkoord|Klimaatakkoord|Overeenkomst|Conventie)$"
)
# "NOW-regeling", "CLP-verordening"; capitalised compounds mid-sentence: "Subsidieregeling", "Bouwbesluit"
_HYPHEN_NAME = re.compile(r"^[A-Z][A-Z0-9]{1,7}-(?:regeling|besluit|wet|richtlijn|verordening)$")
_COMPOUND_NAME = re.compile(r"^[A-Z][a-zà-ÿ]{3,}(?:regeling|besluit)$")


def unknown_name(tokens: list[str], gaps: list[str], i: int) -> int | None:
    """Length of a law-shaped name the tables do not know ("Wet internationalisering in balans",
    "Klimaatwet", "Akkoord van Parijs"), or None."""
    word = tokens[i]
    if is_law_compound(word) and not gaps[i - 1 if i else 0].endswith("-"):
        if word[:1].isupper() or word.lower().endswith("wet"):
            n = 1
            if i + 1 < len(tokens) and YEAR.match(tokens[i + 1]) and not PUNCT.search(gaps[i]):
                n = 2
            return n
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if _HYPHEN_NAME.match(word):
        return 1  # "NOW-regeling", "CLP-verordening": an act named by its abbreviation
    if word == "wet" and re.fullmatch(r"[A-Z]{2,6}", nxt) and not PUNCT.search(gaps[i]):
        return 2  # "de wet VBAR"
    if _COMPOUND_NAME.match(word) and i and not re.search(r"[.?!:]\s*$|\n\s*\n", gaps[i - 1]):
        return 2 if YEAR.match(nxt) and not PUNCT.search(gaps[i]) else 1  # "Subsidieregeling sport 2024"
    if word.lower() == "wetsvoorstel" and nxt == "Wet":
        return None  # "wetsvoorstel Wet ...": the name starts at "Wet"
    if word == "wetsvoorstel" and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
        word = "Wetsvoorstel"  # "het wetsvoorstel Verbetering beschikbaarheid jeugdzorg"
    if not _UNKNOWN_HEAD.match(word):
        return _glossed_name(tokens, gaps, i)
    if word in {"Akkoord", "Klimaatakkoord", "Overeenkomst", "Verdrag", "Conventie"}:
        ok = i + 2 < len(tokens) and tokens[i + 1] == "van" and tokens[i + 2][:1].isupper()
        return 3 if ok and not PUNCT.search(gaps[i] + gaps[i + 1]) else None
    n = 1
    while i + n < len(tokens) and n < 8 and not PUNCT.search(gaps[i + n - 1]):
        t = tokens[i + n]
        if (
            (t in _CLOSE and not (t in _ARTICLES and tokens[i + n - 1] in _LINKS))  # "Wet op de ..."
            or (_CLOSE_SHAPE.search(t) and _predicative(tokens, gaps, i + n))
            or (
                t[:1].isupper()
                and word in {"Wet", "Wetsvoorstel"}
                and n > 1
                and tokens[i + n - 1].islower()
                and tokens[i + n - 1] not in _LINKS | _ARTICLES
            )
            or (i + n + 1 < len(tokens) and tokens[i + n + 1] in _PRONOUNS)
        ):
            break
        if t in _LINKS and (
            i + n + 1 >= len(tokens)
            or (tokens[i + n + 1] in _CLOSE and tokens[i + n + 1] not in _ARTICLES)
            or (t in {"en", "of"} and tokens[i + n + 1] in _LINKS)  # "... en in de ...": a new phrase
            or PUNCT.search(gaps[i + n])
        ):
            break
        n += 1
        if YEAR.match(t):
            break
    while n > 1 and tokens[i + n - 1] in _LINKS | _ARTICLES:
        n -= 1
    if n < 2 or tokens[i + 1] in {"en", "of", "is", "van"} or tokens[i + n - 1] in _ARTICLES:
        return None
    return n


def _predicative(tokens: list[str], gaps: list[str], k: int) -> bool:
    """An adjective or participle that ends the sentence part ("beschikbaar komen", "aangenomen.")
    rather than qualifying the next word of a title ("het wetenschappelijk onderwijs")."""
    return k + 1 >= len(tokens) or bool(PUNCT.search(gaps[k])) or tokens[k + 1] in _CLOSE


def _glossed_name(tokens: list[str], gaps: list[str], i: int) -> int | None:
    """A name glossed by its abbreviation: "Tijdelijke overbruggingsregeling zelfstandig
    ondernemers (TOZO)" — a capitalised word, a law-like compound, words up to "(ABBR)"."""
    if not (tokens[i][:1].isupper() and i + 1 < len(tokens) and tokens[i + 1].islower()):
        return None
    if not re.search(r"(?:regeling|besluit|wet)$", tokens[i + 1]) or PUNCT.search(gaps[i]):
        return None
    for n in range(2, 8):
        if i + n > len(tokens):
            return None
        if re.match(r"\s*\($", gaps[i + n - 1]) and i + n < len(tokens) and tokens[i + n][:2].isupper():
            return n
        if i + n < len(tokens) and (tokens[i + n] in _CLOSE or PUNCT.search(gaps[i + n - 1])):
            return None
    return None
