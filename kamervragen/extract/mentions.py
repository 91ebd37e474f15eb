"""Find sentences in an answer that name an earlier answer by its askers while speaking of a
promise: "Zoals toegezegd in antwoord op vragen van het lid Azmani (VVD) stuur ik u …". The
register uses them as evidence that the earlier answer's commitment was kept."""

from __future__ import annotations

import re

from kamervragen.extract import patterns as P
from kamervragen.extract.commitments import sentences
from kamervragen.spans import AnswerMention

_PARTY = re.compile(r"\s*\([^)]*\)")
_SPLIT = re.compile(r"\s*(?:,|\ben\b)\s*")


def _members(names: str) -> list[str]:
    bare = _PARTY.sub("", names)
    return [n.strip() for n in _SPLIT.split(bare) if n.strip() and n.strip()[0].isupper()]


def get_answer_mentions(text: str, location: str = "") -> list[AnswerMention]:
    """Every sentence of `text` that names earlier questions' askers and speaks of a promise
    (toegezegd, aangekondigd, toezegging) — a mention without a promise word is only context."""
    found: list[AnswerMention] = []
    for start, sentence in sentences(text):
        if not P.PROMISED.search(sentence):
            continue
        members: list[str] = []
        for m in P.EARLIER_ANSWER.finditer(sentence):
            members += [n for n in _members(m.group("names")) if n not in members]
        if members:
            found.append(
                AnswerMention(
                    location=location, start=start, end=start + len(sentence), text=sentence, members=members
                )
            )
    return found
