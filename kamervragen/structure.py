"""Cut the body of a Kamervraag into question, answer and notice blocks.

Headings vary by publisher: "Vraag 4 en 5" / "Antwoord 4 en 5" in the Aanhangsel, "Antwoord op
vragen 7, 8, en 9" in ministry letters, bare numbers or "1." with a bare "Antwoord", and question
sets from the Kamer with no numbers at all (one paragraph per question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamervragen import patterns

_NUMBERED_ITEM = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_BARE = re.compile(r"^(\d{1,2})\s*$")


@dataclass
class Block:
    """One heading and the lines under it; kind is 'q' (question), 'a' (answer) or 'notice'."""

    kind: str
    numbers: list[int]
    lines: list[str] = field(default_factory=list)
    numbered: bool = True


def parse_numbers(spec: str | None) -> list[int]:
    """'4, 5, 7 en 8' → [4, 5, 7, 8]; '2 t/m 6' and '4-7' expand to every number between."""
    if not spec:
        return []
    numbers: list[int] = []
    spec = patterns.RANGE.sub(
        lambda m: (
            " ".join(str(i) for i in range(int(m.group(1)), int(m.group(2)) + 1))
            if 0 < int(m.group(2)) - int(m.group(1)) < 60
            else m.group(0)
        ),
        spec,
    )
    for n in patterns.NUM_SPLIT.findall(spec):
        if int(n) not in numbers:
            numbers.append(int(n))
    return numbers


def classify_heading(line: str) -> tuple[str, list[int], str] | None:
    """('q'|'a'|'notice', numbers, rest of the line) when the line is a heading."""
    if patterns.NOTICE_HEADING.match(line):
        return "notice", [], ""
    m = patterns.QUESTION_HEADING.match(line)
    if m and _heading_rest_ok(m.group("nums"), m.group("rest")):
        return "q", parse_numbers(m.group("nums")), m.group("rest").strip()
    m = patterns.ANSWER_HEADING.match(line)
    if m and _heading_rest_ok(m.group("nums"), m.group("rest"), answer=True):
        return "a", parse_numbers(m.group("nums")), m.group("rest").strip()
    return None


def _heading_rest_ok(nums: str | None, rest: str, answer: bool = False) -> bool:
    """A heading stands alone on its line; text may follow only after a clear separator."""
    rest = rest.strip()
    if not rest:
        return True
    if nums is None:
        return False
    # "Antwoord 1: Ja." / "Vraag 2 Bent u ..." (flattened text) — a capital after the number
    return bool(re.match(r"[A-Z«“‘'\"(]", rest)) and not re.match(r"(?:van|op|en)\b", rest)


def has_headings(lines: list[str]) -> bool:
    return any(classify_heading(line) for line in lines)


def first_heading(lines: list[str]) -> int | None:
    mode = numbering_mode(lines)
    if mode in {"bare", "items"}:
        pattern = _BARE if mode == "bare" else _NUMBERED_ITEM
        for i, line in enumerate(lines):
            m = pattern.match(line)
            if m and m.group(1) == "1":
                return i
    for i, line in enumerate(lines):
        h = classify_heading(line)
        if h and (h[0] != "a" or h[1] or _looks_like_answer_start(lines, i)):
            return i
    return None


def _looks_like_answer_start(lines: list[str], i: int) -> bool:
    return lines[i].rstrip(":").strip() in {"Antwoord", "Antwoorden"}


def segment(lines: list[str]) -> list[Block]:
    """Blocks in document order; unnumbered questions and answers numbered as they come."""
    blocks: list[Block] = []
    seen_q: list[int] = []
    mode = numbering_mode(lines)
    for line in lines:
        heading = classify_heading(line)
        if heading is None and mode == "items":
            m = _NUMBERED_ITEM.match(line)
            if m and int(m.group(1)) == (max(seen_q) + 1 if seen_q else 1) and _in_question_zone(blocks):
                heading = ("q", [int(m.group(1))], m.group(2))
        if heading is None and mode == "bare":
            m = _BARE.match(line)
            if m and int(m.group(1)) == (max(seen_q) + 1 if seen_q else 1):
                heading = ("q", [int(m.group(1))], "")
        if heading is None:
            if blocks:
                blocks[-1].lines.append(line)
            continue
        kind, numbers, rest = heading
        if kind == "q":
            numbered = bool(numbers)
            if not numbers:
                numbers = [max(seen_q) + 1 if seen_q else 1]
            elif any(n in seen_q for n in numbers) and max(numbers) <= max(seen_q):
                # the same number printed twice: the second is the next question
                numbers = [max(seen_q) + 1 + i for i in range(len(numbers))]
            seen_q.extend(numbers)
            blocks.append(Block("q", numbers, [rest] if rest else [], numbered))
        elif kind == "a":
            if not numbers:
                prev_q = next((b for b in reversed(blocks) if b.kind == "q"), None)
                numbers = list(prev_q.numbers) if prev_q else []
            blocks.append(Block("a", numbers, [rest] if rest else []))
        else:
            blocks.append(Block("notice", [], []))
    return blocks


def _in_question_zone(blocks: list[Block]) -> bool:
    return not blocks or blocks[-1].kind == "a" or blocks[-1].kind == "q"


def numbering_mode(lines: list[str]) -> str:
    """'headings' when "Vraag N" headings exist; 'items' for "1." lists; 'bare' for lone numbers."""
    if any((h := classify_heading(line)) and h[0] == "q" for line in lines):
        return "headings"
    items = [int(m.group(1)) for line in lines if (m := _NUMBERED_ITEM.match(line))]
    bare = [int(m.group(1)) for line in lines if (m := _BARE.match(line))]
    if bare[:2] == [1, 2]:
        return "bare"
    if items[:2] == [1, 2]:
        return "items"
    return "paragraphs"


def paragraph_questions(lines: list[str]) -> list[Block]:
    """Question sets without numbers: each paragraph that asks something is one question."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        text = " ".join(para).strip()
        if text and "?" in text:
            blocks.append(Block("q", [len(blocks) + 1], list(para), numbered=False))
        elif text and blocks:
            blocks[-1].lines.extend(para)
        para.clear()

    for line in lines:
        if line.strip(" _"):
            para.append(line)
        else:
            flush()
    flush()
    return blocks


def split_combined(text: str, count: int) -> list[str] | None:
    """Split one text under "Vraag 10 en 11" into its questions when the breaks are visible."""
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) == count:
        return paras
    parts = re.split(r"(?<=\?)(?:\[\^\d+\])*\s*(?=[A-Z«])|(?<=\?)(?=[A-Z«])", text)
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) == count:
        return parts
    return None


def split_unheaded_answers(blocks: list[Block]) -> list[Block]:
    """Ministry letters sometimes print an answer straight under its question, without a heading.

    In a document that has answers, a question nobody answers whose block goes on after the
    question paragraphs with paragraphs that ask nothing is split: those paragraphs are its answer.
    """
    answered = {n for b in blocks if b.kind == "a" for n in b.numbers}
    if not answered:
        return blocks
    out: list[Block] = []
    for block in blocks:
        if block.kind != "q" or answered.intersection(block.numbers):
            out.append(block)
            continue
        paras: list[list[str]] = [[]]
        for line in block.lines:
            if line.strip():
                paras[-1].append(line)
            elif paras[-1]:
                paras.append([])
        paras = [p for p in paras if p]
        asks = [bool(re.search(r"\?(?:\s*(?:\[\^\d+\]|\d{1,2}\)))*\s*$", " ".join(p))) for p in paras]
        if len(paras) < 2 or not asks[0] or all(asks):
            out.append(block)
            continue
        cut = asks.index(False)
        question_lines = [line for p in paras[:cut] for line in [*p, ""]]
        answer_lines = [line for p in paras[cut:] for line in [*p, ""]]
        out.append(Block("q", block.numbers, question_lines, block.numbered))
        out.append(Block("a", list(block.numbers), answer_lines))
    return out
