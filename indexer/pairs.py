"""Question/answer pairs: the unit of search. A question goes with the answer block that
answers it; "Antwoord 4 en 5" makes one pair of questions 4 and 5; an unanswered question (a
question set, a notice) is a pair without an answer."""

from __future__ import annotations

from dataclasses import dataclass

from kamervragen.model import Document


@dataclass
class Pair:
    numbers: list[int]
    question_text: str
    answer_text: str | None

    def pair_id(self, doc_id: str) -> str:
        return f"{doc_id}#q{self.numbers[0]}"


def document_pairs(doc: Document) -> list[Pair]:
    answer_of: dict[int, int] = {}
    for i, a in enumerate(doc.answers):
        for n in a.numbers:
            answer_of.setdefault(n, i)
    pairs: list[Pair] = []
    by_answer: dict[int, Pair] = {}
    for q in doc.questions:
        i = answer_of.get(q.number)
        if i is not None and i in by_answer:
            pair = by_answer[i]
            pair.numbers.append(q.number)
            if q.text not in pair.question_text:
                pair.question_text += "\n" + q.text
            continue
        pair = Pair([q.number], q.text, doc.answers[i].text if i is not None else None)
        if i is not None:
            by_answer[i] = pair
        pairs.append(pair)
    return pairs
