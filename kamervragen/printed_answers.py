"""Answers in the printed Aanhangsel layout (OCR pages, 1918–1999), read when the block parser
finds none.

The printed Handelingen set a question set as one run of text: "Antwoord van Minister X (…).
(Ontvangen 24 april 1979) 1 Ja. 2 en 3 Met de stelling … 4 De toegezegde …", the answer numbers
inline rather than on lines of their own, often glued to the next word ("2Ja", "3en 10 De") and
with OCR noise in the heading ("Antwooid van", "Akkoord van"). A page may hold several sets.
Without this step such a page has no answers, so nothing a minister promised or said there is
found. The numbers are taken only in rising order from 1, so an amount or a date inside an answer
("f 64,30", "op 22 april") never starts a new one.
"""

from __future__ import annotations

import re
from datetime import date

from kamervragen.model import Answer
from kamervragen.normalize import date_from

# "Antwoord van Minister …", "Antwoord van de heer Van Leijenhorst, Staatssecretaris …", before
# 1975 "ANTWOORD van den heer Colijn, Minister van Financiën. (Ingezonden 9 September 1924.)", with
# the OCR misreadings of "Antwoord" seen on printed pages; the heading must carry the date received
# (or sent, in the Eerste Kamer), which sets it apart from "antwoord van de minister" in a sentence
_HEADING = re.compile(
    r"\b(?:Antwoord|ANTWOORD|A[nk]\w{3,5}d)\s+van\s+(?=den?\s|[A-Zm-s])"
    # the heading never runs into the next question set
    r"(?:(?!Vragen\s+van|VRAGEN\s+van)[^()]|\([^()]{0,120}\)){3,400}?\(\s*(?:Ontvangen|Ont-\s*vangen|Ontvan-\s*gen|Ingezonden|In-\s*gezonden)"
    r"[^()]{0,60}\)[\s.;,]*(?:\((?:Zie|zie)\s+ook[^()]{0,160}\)[\s.;]*|,?\s*zie\s+ook\s+Aanhangsel[^.]{0,120}\.\s*)?",
)
# the next question set on the same page: its aanhangsel number and "Vragen van …"
_NEXT_SET = re.compile(
    r"(?:^|\n)\s*(?:\d{1,4}\.?\s*\n?\s*)?(?:Aanvullende\s+)?(?:[Vv]ragen|VRAGEN)\s+van\s+(?:het|de|den|mevrouw)\s+"
)
# an inline answer number: at the start or after a sentence end, one or more numbers ("2 en 3",
# "1,2, 6, 7 en 8", "1 t/m 5"), then the answer's first word (a capital, possibly glued on)
_NUMBER = re.compile(
    r"(?:^|(?<=[.?!»\"')])\s+|\n\s*)"
    # older pages number "1°." and "I.", "II."
    r"(?P<nums>\d{1,2}°?(?:\s*(?:,|en|t/m|tot\s+en\s+met|-)\s*\d{1,2}°?)*|(?P<roman>X?(?:IX|IV|V?I{1,3}|V))(?=\.))\.?"
    r"(?:\s+|(?=[A-Z]))(?=[A-Z«\"'(]|[a-h][.)]\s)"
)
# the page's running foot and the printer's line, which OCR leaves inside the last answer
_FURNITURE = re.compile(
    r"\s*(?:Tweede|Eerste)\s+Kamer,\s+(?:zitting|vergaderjaar)\s+[\d-]+,\s+Aanhangsel"
    r"[ \t]*(?:\n\s*\d+[ \t]*(?=\n|$))?"
    r"|\s*\d{5,6}F\s+ISSN[^\n]*(?:\n[^\n]*Gravenhage[^\n]*)?"
)


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _numbers(group: str) -> list[int]:
    if group.isalpha():
        return [_roman(group)]
    parts = [int(n) for n in re.findall(r"\d{1,2}", group)]
    if re.search(r"t/m|tot\s+en\s+met|-", group) and len(parts) == 2 and parts[0] < parts[1]:
        return list(range(parts[0], parts[1] + 1))
    return parts


def _split(text: str) -> list[Answer]:
    """The answers of one set, numbered as printed; text before the first number is answer 1
    (a set of one unnumbered question)."""
    cuts: list[tuple[int, int, list[int]]] = []
    expected = 1
    for m in _NUMBER.finditer(text):
        nums = _numbers(m.group("nums"))
        if not nums or nums != sorted(nums) or len(set(nums)) != len(nums):
            continue
        # rising from the last answer; a number lost to OCR may be skipped, a far jump is a figure
        if not expected <= nums[0] <= expected + 2:
            continue
        cuts.append((m.start(), m.end(), nums))
        expected = nums[-1] + 1
    answers: list[Answer] = []
    head = " ".join((text[: cuts[0][0]] if cuts else text).split())
    if head and (not cuts or len(head) > 40):
        answers.append(Answer(numbers=[1], text=head))
    for i, (_, end, nums) in enumerate(cuts):
        # a printed line ends where the column does, not where a sentence does
        body = " ".join(text[end : cuts[i + 1][0] if i + 1 < len(cuts) else len(text)].split())
        if answers and answers[-1].numbers[0] == nums[0]:
            answers[-1] = Answer(numbers=answers[-1].numbers, text=answers[-1].text + " " + body)
        elif body:
            answers.append(Answer(numbers=nums, text=body))
    return answers


def printed_answers(lines: list[str]) -> tuple[list[Answer], date | None]:
    """The answers of every set on a printed page and the first date received, or ([], None)
    when the page has no printed answer heading. `lines` are the page's lines before footnotes
    are taken out: an inline answer "1 Neen." looks like a footnote to that step."""
    text = "\n".join(lines)
    headings = list(_HEADING.finditer(text))
    answers: list[Answer] = []
    for i, heading in enumerate(headings):
        end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        region = _FURNITURE.sub(" ", text[heading.end() : end])
        following = _NEXT_SET.search(region)
        if following:
            region = region[: following.start()]
        answers.extend(_split(region))
    # OCR breaks and glues the date: "(Ont-vangen8juni 1978)", "17 au-gustus1979"
    said = re.sub(r"(?<=[a-z])-\s*(?=[a-z])", "", headings[0].group(0)) if headings else ""
    received = date_from(re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", said)) if said else None
    return answers, received
