"""Commitments: sentences in an answer in which the government announces an action it will take
after the answer ("Ik zal de Kamer in het voorjaar informeren", "Uw Kamer wordt voor de zomer
geïnformeerd", "Ik ben voornemens … te evalueren"), with who, topic, due date and whether the
promise is conditional.

A sentence is read by its structure, not by phrase lists per document: a government actor ("ik",
"wij", "het kabinet", "mijn ministerie", "Nederland", a co-signing minister) with a future or
intention verb (zal/zullen, ga/gaan, ben bereid/voornemens, wil, zeg toe), a present-tense act
towards the Kamer ("stuur ik uw Kamer", "kom ik … terug"), or a passive whose actor is the
government ("zal … worden gepubliceerd", "Uw Kamer wordt … geïnformeerd"). The classes that look
alike but promise nothing are ruled out by shape: refusals (a negation in the promising clause),
standing policy ("zal … blijven", "ga … door met"), necessities ("zal … moeten"), hypotheticals
("zou"), expectations ("Ik verwacht", "De verwachting is"), remarks about the answer itself
("zal ik gezamenlijk beantwoorden"), and passives whose actor is named and not the government
("door de NVWA")."""

from __future__ import annotations

import re
from datetime import date

from kamervragen.extract.due import resolve_due
from kamervragen.spans import Commitment

# a sentence ends at . ! ? followed by a capital (PDF text may glue the next sentence on without
# a space) or at a line end; "nr. 5", "jl. en" and "o.a. de" do not end one
_SENTENCE_END = re.compile(r"(?<=[^\s.]{2}[.!?])(?=\s*[A-Z«“‘\"(])|\n")
_GOV = (
    r"(?:ik|wij|we|het\s+kabinet|de\s+regering|de\s+rijksoverheid|het\s+Rijk|Nederland|"
    r"mijn\s+(?:ministerie|departement|collega(?:'s)?)|"
    r"(?:de|het)\s+(?:minister|staatssecretaris|ministerie)(?:\s+(?:van|voor)\s+[A-Z][\w&]*)?)"
)
_ME = r"(?:ik|wij|we|het\s+kabinet)"
_AUX = r"(?:zal|zullen|ga|gaan)"
_INTENT = r"(?:bereid|voornemens|van\s+plan|voornemen)"
# the government acting: an actor with a future or intention verb, or a present-tense act towards
# the Kamer ("stuur ik uw Kamer", "kom ik … terug"); a match marks where the promising clause starts.
# PDF text may glue the next word onto "zal" ("Ik zalcliëntenorganisaties vragen").
_ACTIVE = re.compile(
    rf"\b{_GOV}\s+(?:zal|zullen)|\b{_GOV}\s+(?:ga|gaan)\b|\b{_AUX}\s+{_ME}\b"
    rf"|\b{_GOV}\s+(?:ben|zijn|is|heb|hebben|heeft)\s+(?:\w+\s+){{0,3}}?(?:het\s+)?{_INTENT}\b"
    rf"|\b(?:ben|zijn|is|heb|hebben|heeft)\s+{_ME}\s+(?:\w+\s+){{0,3}}?(?:het\s+)?{_INTENT}\b"
    rf"|\b{_ME}\s+(?:wil|willen)\b(?!\s+dat\b)|\b(?:wil|willen)\s+{_ME}\b"
    rf"|\bzeg\b(?:\s+\w+){{0,4}}\s+toe\b|\btoezeggen\b"
    rf"|\b{_ME}\s+(?:stuur|sturen|zend|zenden|informeer|informeren|bericht)\b"
    rf"|\b(?:stuur|zend|informeer|bericht)\s+{_ME}\b"
    rf"|\b(?:{_ME}\s+kom(?:en)?|kom(?:en)?\s+{_ME})\b[^,.;]{{0,80}}\bterug\b"
    rf"|\b(?:{_ME}\s+neem|neem\s+{_ME})\b[^.;]{{0,120}}\bmee\b"
    # expecting to do something oneself ("Ik verwacht u … toe te kunnen sturen"), unlike
    # expecting an outcome ("Ik verwacht dat …")
    rf"|\b{_ME}\s+verwacht(?:en)?\s+(?!dat\b)[^.;]{{0,150}}?\bte\s+(?:kunnen\s+)?\w+",
    re.IGNORECASE,
)
# a second verb of a government subject: "Het kabinet verkent … en zal de Kamer informeren"
_COORDINATED = re.compile(rf"^(?:\w+\s+){{0,3}}?{_GOV}\s+\w+[^.;]{{0,150}}?\ben\s*(?P<aux>zal|zullen)", re.I)
# the government acting in the present tense at a time after the answer: "Na de zomer maken we
# de balans op" (only with a due date of its own that lies ahead)
_NOW = re.compile(rf"\b{_ME}\b|\b(?:wordt|worden)\b[^,.;:]{{0,100}}?\b\w*ge\w+[dtn]\b", re.I)
_NOT_NOW = re.compile(
    r"\b(?:heb|hebben|heeft|had|hadden|is|zijn|was|waren|werd|werden|kan|kunnen|mag|mogen|moet|moeten)\b"
    r"|\b(?:momenteel|op\s+dit\s+moment|nu)\b",
    re.I,
)
# a year alone dates facts as often as plans ("in 2024 geslacht"), so it does not make a promise
_BARE_YEAR = re.compile(r"^(?:in|voor|uiterlijk)\s+\d{4}$", re.I)
# the government's act in the passive, its actor left out: the Kamer as receiver ("Uw Kamer
# wordt voor de zomer geïnformeerd", "zal … met uw Kamer gedeeld worden") or a future passive
# ("zal … worden gepubliceerd", "zullen … worden verhoogd")
_PASSIVE = re.compile(
    r"\b(?:(?:uw|de)\s+(?:Tweede\s+)?Kamer|u)\s+(?:zal|zullen|wordt|worden)[^.;]{0,100}?"
    r"(?:ge[ïi]nformeerd|bericht|toegezonden|toegestuurd)"
    r"|\b(?:zal|zullen|wordt|worden)\b[^.;]{0,100}?\b(?:met|aan)\s+(?:uw|de)\s+(?:Tweede\s+)?Kamer\s+"
    r"(?:gedeeld|gestuurd|toegestuurd|(?:toe|ver)?gezonden|aangeboden)"
    r"|\b(?:zal|zullen)\b[^,.;:]{0,100}?(?:\bworden\s*(?:ge\w+|\w+[dt])\b|\b(?:\w*ge\w+|\w+[dt])\s+worden\b)"
    # a body asked to act, or points taken along into a coming paper: "De NZa wordt gevraagd …
    # te …", "In de kabinetsreactie worden deze overwegingen meegenomen"
    r"|\b(?:wordt|worden)\s+(?:\w+\s+){0,3}?(?:gevraagd|verzocht)\b[^.;]{0,120}?\bte\s+\w+"
    r"|\b(?:wordt|worden)\b[^,.;]{0,80}?\bmeegenomen\b",
    re.IGNORECASE,
)

# the promising clause: from the match up to the next clause break
_CLAUSE_END = re.compile(
    r"[,;:(]|\s(?:dat|omdat|waarin|waarbij|waarvan|waarop|waarover|die|of|hoe|welke|wat|zodat|maar|terwijl)\s"
)
_NEGATED = re.compile(r"\b(?:niet|geen|nooit|allerminst)\b", re.I)
_STANDING = re.compile(
    r"\bblijf|\bblijv|\bblijft\b|\bonverminderd\b|\bdoor\s+met\b|\bdoorgaan\b|\bvoort(?:zetten|gaan)\b", re.I
)
_NOT_A_PROMISE = re.compile(
    r"\b(?:zou|zouden)\b"  # hypothetical
    r"|\b(?:zal|zullen)\b[^.;]{0,80}\bmoeten\b"  # a necessity without an actor
    r"|\b(?:ik|wij|we|het\s+kabinet)\s+(?:verwacht|verwachten)\s+dat\b|\bverwacht\s+(?:ik|wij|we)\s+dat\b"
    r"|\b(?:ik|wij|we)\s+(?:hoop|hopen)\b"
    r"|\bde\s+verwachting\s+is\b"
    r"|\b(?:ik|wij|we)\s+(?:wil|willen)\s+(?:\w+\s+){0,3}?(?:benadrukken|opmerken|zeggen|"
    r"voorop\s*stellen|onderstrepen|aangeven|wijzen|erop\s+wijzen)\b"
    r"|\bwil\s+(?:ik|wij|we)\s+(?:\w+\s+){0,3}?(?:benadrukken|opmerken|zeggen|voorop\s*stellen|"
    r"onderstrepen|aangeven|wijzen)\b"
    r"|\b(?:ga|gaan)\s+(?:ik|wij|we)\s+(?:er\s*)?van\s+uit\b|\b(?:ik|wij|we)\s+(?:ga|gaan)\s+(?:er\s*)?van\s+uit\b",
    re.I,
)
_BACK_REFERRED = re.compile(r"^(?:wordt|worden)\b.*\b(?:meegenomen|gevraagd|verzocht)\b", re.I)
_ONGOING = re.compile(r"\b(?:momenteel|op\s+dit\s+moment|bezig|werk(?:t|en)?\s+(?:\w+\s+){0,3}?aan)\b", re.I)
# remarks about the answer itself ("zal ik hieronder gezamenlijk beantwoorden"); in a delay
# notice the promise to answer is the commitment, so this is not applied there
_ABOUT_ANSWER = re.compile(r"\bbeantwoord\w*|\bhieronder\b|\bhierna\b", re.I)
# a passive whose actor is named and is not the government
_OTHER_ACTOR = re.compile(
    r"\bdoor\s+(?!mij\b|ons\b|het\s+kabinet\b|(?:de|het|mijn)\s+(?:minister|staatssecretaris|ministerie|"
    r"departement|rijk|regering|kabinet)\b)\w",
    re.I,
)
_CONDITIONAL = re.compile(
    r"\b(?:indien|mocht|mochten|afhankelijk\s+van|zo\s+nodig|waar\s+(?:dat\s+)?nodig|als\s+dat\s+nodig|"
    r"bezien|bekijken|afwegen|overwegen|kijken\s+(?:of|naar|welke|hoe|waar)|nagaan\s+of)\b|^\s*Als\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:niet|geen|nooit)\b[^,.]{0,20}\bbereid\b|\bbereid\b[^,.]{0,12}\bniet\b", re.I)
_TOPIC = re.compile(r"\bover\s+(?P<topic>[^,.;:()]{4,120})", re.I)


def sentences(text: str) -> list[tuple[int, str]]:
    """(start, sentence) pairs; sentence ends need a capital after them, so abbreviations stay."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(s + len(t) - len(t.lstrip()), t.strip()) for s, t in out if t.strip()]


def _promise(sentence: str, answered_on: date | None, notice: bool, previous: str = "") -> re.Match | None:
    """The match that makes `sentence` a promise, or None for the classes that only look like one.
    A present passive takes its time from the sentence before: "Het ministerie is momenteel bezig
    met de evaluatie. Hierin wordt ook X meegenomen." describes work going on, not a promise."""
    if _NOT_A_PROMISE.search(sentence) or _NEGATION.search(sentence):
        return None
    if not notice and _ABOUT_ANSWER.search(sentence):
        return None
    m = _ACTIVE.search(sentence) or _COORDINATED.search(sentence)
    passive = m is None
    if passive:
        m = _PASSIVE.search(sentence)
    if m is None:
        m = _NOW.search(sentence)
        due, _, due_text = resolve_due(sentence, answered_on)
        if m is None or due is None or answered_on is None or due < answered_on:
            return None
        if _NOT_NOW.search(sentence) or _BARE_YEAR.match(due_text or ""):
            return None
    start = m.start("aux") if "aux" in m.re.groupindex and m.group("aux") else m.start()
    clause_end = _CLAUSE_END.search(sentence, m.end())
    clause = sentence[start : clause_end.start() if clause_end else len(sentence)]
    if _NEGATED.search(clause) or _STANDING.search(clause):
        return None
    if passive and _OTHER_ACTOR.search(sentence[start:]):
        return None
    if passive and _BACK_REFERRED.search(m.group(0)) and _ONGOING.search(previous):
        return None
    return m


def get_commitments(
    text: str, location: str = "", who: str | None = None, answered_on: date | None = None
) -> list[Commitment]:
    """Promise sentences in an answer (or delay notice) text, each with its due date resolved."""
    out: list[Commitment] = []
    previous = ""
    for start, sentence in sentences(text):
        promise = _promise(sentence, answered_on, notice=location == "notice", previous=previous)
        previous = sentence
        if promise is None:
            continue
        due, vague, due_text = resolve_due(sentence, answered_on)
        topic = _TOPIC.search(sentence)
        out.append(
            Commitment(
                location=location,
                start=start,
                end=start + len(sentence),
                text=sentence,
                who=who,
                topic=topic.group("topic").strip() if topic else None,
                due=due,
                vague=vague,
                due_text=due_text,
                conditional=bool(_CONDITIONAL.search(sentence)),
            )
        )
    return out
