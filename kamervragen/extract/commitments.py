"""Commitments: promises made in answers ("Ik zal de Kamer in het voorjaar informeren",
"zal ik uw Kamer voor de zomer een brief sturen", "Ik ben bereid …"), with who, topic and due."""

from __future__ import annotations

import re
from datetime import date

from kamervragen.extract.due import resolve_due
from kamervragen.spans import Commitment

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
# the government speaking in the first person about a future act: "zal ik", "wij zullen",
# "het kabinet zal", "ga ik", or the Kamer being promised information, also in the passive
_STRONG = re.compile(
    r"\b(?:ik|wij|we|het\s+kabinet)\s+(?:zal|zullen|ga|gaan)\b"
    r"|\b(?:zal|zullen|ga|gaan)\s+(?:ik|wij|we|het\s+kabinet)\b"
    r"|\b(?:ik|wij|we|het\s+kabinet)\s+(?:ben|zijn|is)\s+(?:graag\s+|daarom\s+|ook\s+)?bereid\b"
    r"|\bzeg\s+(?:ik\s+)?(?:u|uw\s+Kamer|de\s+Kamer)?\s*toe\b|\bik\s+zeg\b[^.]{0,40}\btoe\b"
    r"|\bconform\s+de\s+toezegging\b"
    r"|\bzal\s+(?:ik\s+)?(?:de|uw)\s+(?:Tweede\s+)?Kamer\b"
    r"|\b(?:uw|de)\s+(?:Tweede\s+)?Kamer\s+(?:zal|wordt|worden)\b[^.]{0,90}\bge[ïi]nformeerd",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"\b(?:ik|wij|we|het\s+kabinet)\s+(?:kom|komen|wil|willen|streef|streven|verwacht|verwachten|"
    r"informeer|informeren|stuur|sturen)\b|\b(?:kom|wil|verwacht|streef)\s+ik\b",
    re.IGNORECASE,
)
_ACT = re.compile(
    r"informeren|informeer|sturen|toesturen|toezenden|zenden|rapporteren|berichten|"
    r"op de hoogte\s+(?:houden|stellen|brengen)|terugkomen|terug\s+te\s+komen|\bterug\b|"
    r"bezien|onderzoeken|onderzoek|uitzoeken|nagaan|evalueren|evaluatie|uitwerken|brief|"
    r"verkennen|in\s+gesprek|gesprek|overleg|dialoog|aanpassen|opnemen|inventariseren|monitoren|"
    r"bespreken|delen|publiceren|aanbieden|voorleggen|meenemen|uitvoeren|oppakken|afspreken|"
    r"doelen\s+stellen|maatregelen|toe\s+te\s+(?:kunnen\s+)?(?:sturen|zenden)|resultaten",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:niet|geen|nooit)\b[^,.]{0,20}\bbereid\b|\bbereid\b[^,.]{0,12}\bniet\b", re.I)
_TOPIC = re.compile(r"\bover\s+(?P<topic>[^,.;:()]{4,120})", re.I)


def get_commitments(
    text: str, location: str = "", who: str | None = None, answered_on: date | None = None
) -> list[Commitment]:
    """Promise sentences in an answer text, each with its due date resolved."""
    out: list[Commitment] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        promise = _STRONG.search(sentence) or (_WEAK.search(sentence) and _ACT.search(sentence))
        if not promise or _NEGATION.search(sentence):
            continue
        if re.search(r"\b(?:zou|zouden|zal\s+niet|zullen\s+niet)\b", sentence, re.I):
            continue
        if re.match(r"\s*(?:Mocht|Indien|Wanneer|Als|Zodra)\b", sentence):
            continue  # a conditional ("Mocht blijken …, dan zal ik …") is not yet a promise
        start = m.start() + len(sentence) - len(sentence.lstrip())
        due, vague, _ = resolve_due(sentence, answered_on)
        topic = _TOPIC.search(sentence)
        out.append(
            Commitment(
                location=location,
                start=start,
                end=m.end(),
                text=sentence.strip(),
                who=who,
                topic=topic.group("topic").strip() if topic else None,
                due=due,
                vague=vague,
            )
        )
    return out
