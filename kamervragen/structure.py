"""Cut the body of a Kamervraag into question, answer and notice blocks.

Headings vary by publisher: "Vraag 4 en 5" / "Antwoord 4 en 5" in the Aanhangsel, "Antwoord op
vragen 7, 8, en 9" or "Antwoord vraag 1:" in ministry letters, bare numbers or "1." with a bare
"Antwoord", questions with no heading at all before each "Antwoord", and question sets from the
Kamer with no numbers at all (one paragraph per question).

One pass over the lines with a little state (the next question number, the numbers seen, the
questions not yet answered) keeps the time linear in the length of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamervragen import patterns

# "1. Kent u ...?"; footnote marking may have read the number at the line start as "[^1]"
_NUMBERED_ITEM = re.compile(r"^(?:\[\^)?(\d{1,3})\]?[.)]\s+(\S.*)$")
_MAX_JUMP = 3  # how far a "1." numbering may skip ahead and still be read as the next question
_BARE = re.compile(r"^(\d{1,3})\.?$")
# after a number without ":" a heading's own text starts like a sentence
_SENTENCE_START = re.compile(r"[A-ZÀ-Ý«“‘'\"(]")
_NOT_A_HEADING_REST = re.compile(r"(?:van|op|en|is|zijn|wordt|worden)\b")
# a question ends with "?" (footnote markers and closing quotes may follow)
_ASKS = re.compile(r"\?[»”’'\")\]]*(?:\s*(?:\[\^\d+\]|\d{1,2}\)))*\s*$")
# "(ingezonden 29 november 1979)" belongs to the header of a question set, never to a question
_HEADER_END = re.compile(r"\([Ii]ngezonden\b")
_SENTENCE_END = re.compile(r"[.!:;][»”’'\")\]]*(?:\s*\[\^\d+\])*\s*$")


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
    for kind, pattern in (("q", patterns.QUESTION_HEADING), ("a", patterns.ANSWER_HEADING)):
        m = pattern.match(line)
        if m and _heading_rest_ok(m):
            return kind, parse_numbers(m.group("nums")), m.group("rest").strip()
    return None


def _heading_rest_ok(m: re.Match) -> bool:
    """A heading stands alone on its line, or its text follows a clear separator.

    "Antwoord op vraag 3: ja, ..." and "Antwoord: Ja." carry their text after a colon; after a
    number alone the text must start like a sentence ("Vraag 2 Bent u ..."), so that a sentence
    such as "Vraag 2 en 3 zijn samen beantwoord" stays text.
    """
    rest = m.group("rest").strip()
    if not rest:
        return True
    if _NOT_A_HEADING_REST.match(rest):
        return False
    if m.group("nums") is None and m.group(0).startswith("Vragen"):
        return False  # "Vragen: bel 070 ..." in a letterhead is no question
    if m.group("sep") == ":":
        return True
    return m.group("nums") is not None and bool(_SENTENCE_START.match(rest))


def numbering_mode(lines: list[str]) -> str:
    """How questions are marked.

    'headings' when "Vraag N" headings exist; 'items' for "1." lists; 'bare' for lone numbers;
    'answers' when only answer headings exist (each question is the text before its answer);
    'paragraphs' for question sets without any marks.
    """
    items: list[int] = []
    bare: list[int] = []
    first: dict[str, bool] = {}  # mode → its first number came before any answer heading
    answers = False
    for line in lines:
        h = classify_heading(line)
        if h and h[0] == "q":
            return "headings"
        answers = answers or bool(h and h[0] == "a")
        for mode, found, pattern in (("items", items, _NUMBERED_ITEM), ("bare", bare, _BARE)):
            # a numbering starts at 1 ("1387. VRAGEN van ..." before it is the set's own number)
            if len(found) < 2 and (m := pattern.match(line)) and (found or m.group(1) == "1"):
                found.append(int(m.group(1)))
                first.setdefault(mode, not answers)
    # in a letter with answers, numbered questions start before the first "Antwoord"; a "1."
    # further down is a list or a table inside an answer
    if bare == [1, 2] and (first["bare"] or not answers):
        return "bare"
    in_sequence = len(items) == 2 and 1 < items[1] <= 1 + _MAX_JUMP
    if items and first["items"] and (answers or in_sequence):
        return "items"
    return "answers" if answers else "paragraphs"


def first_heading(lines: list[str]) -> int | None:
    """Index of the line where the questions start (the header ends just before it)."""
    mode = numbering_mode(lines)
    if mode in {"bare", "items"}:
        pattern = _BARE if mode == "bare" else _NUMBERED_ITEM
        for i, line in enumerate(lines):
            m = pattern.match(line)
            if m and m.group(1) == "1":
                return i
    for i, line in enumerate(lines):
        h = classify_heading(line)
        if h is None:
            continue
        if mode == "answers" and h[0] == "a":
            start = _trailing_question_start(lines, 0, i)
            return start if start is not None else i
        if h[0] != "a" or h[1] or _looks_like_answer_start(lines, i):
            return i
    return None


def _looks_like_answer_start(lines: list[str], i: int) -> bool:
    return lines[i].rstrip(":").strip() in {"Antwoord", "Antwoorden"}


def _trailing_question_start(lines: list[str], lo: int, hi: int) -> int | None:
    """Start of the question text that ends lines[lo:hi], when that text asks something.

    With blank-line paragraphs: the closing run of paragraphs that end with "?". Without them
    (PDF text), and inside a paragraph that also holds the header ("(ingezonden ...)"): the
    lines after the last one that ends a sentence with anything but "?".
    """
    end = hi
    while end > lo and not lines[end - 1].strip():
        end -= 1
    if end == lo or not _ASKS.search(lines[end - 1]):
        return None
    blanks = [i for i in range(lo, end) if not lines[i].strip()]
    if not blanks:
        return _question_lines_start(lines, lo, end)
    start = para_end = end
    for b in reversed([lo - 1, *blanks]):
        para = " ".join(lines[b + 1 : para_end])
        if not para.strip():
            para_end = b
            continue
        if not _ASKS.search(para):
            break
        if _HEADER_END.search(para):
            return _question_lines_start(lines, b + 1, para_end)
        start = b + 1
        para_end = b
    return start


def _question_lines_start(lines: list[str], lo: int, end: int) -> int:
    """The line after the last one in lines[lo:end] that ends a sentence (not with "?") or the header."""
    start = end - 1
    while (
        start > lo and not _SENTENCE_END.search(lines[start - 1]) and not _HEADER_END.search(lines[start - 1])
    ):
        start -= 1
    return start


@dataclass
class _State:
    """Numbering state of one pass: next question number, numbers seen, open questions."""

    next_q: int = 1
    seen: set[int] = field(default_factory=set)
    open_q: list[Block] = field(default_factory=list)  # questions without an answer, in order
    open_from: int = 0
    answered: set[int] = field(default_factory=set)
    last_q: Block | None = None

    def question_numbers(self, printed: list[int]) -> list[int]:
        """Numbers for a new question: the next one when none is printed, and the next ones when
        the printed numbers are used already (a heading printed twice)."""
        if not printed:
            return [self.next_q]
        if max(printed) < self.next_q and self.seen.intersection(printed):
            return [self.next_q + i for i in range(len(printed))]
        return printed

    def add_question(self, block: Block) -> None:
        self.last_q = block
        self.seen.update(block.numbers)
        self.next_q = max(self.next_q, max(block.numbers) + 1)
        self.open_q.append(block)

    def first_open(self) -> Block | None:
        """The earliest question still waiting for its answer (a pointer that only moves on)."""
        while self.open_from < len(self.open_q):
            block = self.open_q[self.open_from]
            if not self.answered.issuperset(block.numbers):
                return block
            self.open_from += 1
        return None


def segment(lines: list[str]) -> list[Block]:
    """Blocks in document order; unnumbered questions and answers numbered as they come."""
    blocks: list[Block] = []
    state = _State()
    mode = numbering_mode(lines)
    pre = Block("pre", [], [])  # lines before the first heading: may hold an unheaded question
    list_next = 1  # the next number of a "1." list running inside the current answer
    for line in lines:
        heading = classify_heading(line)
        current = blocks[-1] if blocks else pre
        if heading is None and mode in {"items", "bare"}:
            heading = _numbered_line(line, mode, state.next_q, current, list_next)
            if heading is None and current.kind == "a" and (m := _NUMBERED_ITEM.match(line)):
                list_next = list_next + 1 if int(m.group(1)) == list_next else list_next
        if heading is None:
            current.lines.append(line)
            continue
        list_next = 1
        kind, numbers, rest = heading
        if kind == "q":
            block = Block("q", state.question_numbers(numbers), [rest] if rest else [], bool(numbers))
            state.add_question(block)
            blocks.append(block)
        elif kind == "a":
            numbered = bool(numbers)
            numbers = _answer_numbers(numbers, current, blocks, state)
            state.answered.update(numbers)
            blocks.append(Block("a", numbers, [rest] if rest else [], numbered))
        else:
            blocks.append(Block("notice", [], []))
    _pair_answer_runs(blocks)
    return blocks


def _pair_answer_runs(blocks: list[Block]) -> None:
    """All questions first, then as many unnumbered "Antwoord" headings: pair them in order."""
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "q":
            j += 1
        k = j
        while k < len(blocks) and blocks[k].kind == "a" and not blocks[k].numbered:
            k += 1
        if k - j >= 2 and k - j == j - i:
            for question, answer in zip(blocks[i:j], blocks[j:k], strict=True):
                answer.numbers = list(question.numbers)
        i = max(k, i + 1)


def _numbered_line(
    line: str, mode: str, expected: int, current: Block, list_next: int
) -> tuple[str, list[int], str] | None:
    """A "1." item or a lone "1" that opens the next question (not an item of an answer's list).

    A small jump forward ("4." where "2." was due) is taken as the next question, so that the
    questions after a lost number are kept and the gap is reported, not silently swallowed.
    """
    m = (_NUMBERED_ITEM if mode == "items" else _BARE).match(line)
    number = int(m.group(1)) if m else 0
    if not expected <= number <= expected + (_MAX_JUMP if mode == "items" else 0):
        return None
    if current.kind == "a" and list_next == number and list_next > 1:
        return None  # "2." after "1." inside an answer continues the answer's own list
    return "q", [number], (m.group(2) if mode == "items" else "")


def _answer_numbers(numbers: list[int], current: Block, blocks: list[Block], state: _State) -> list[int]:
    """The questions an answer heading answers; an unheaded question before it is cut out first.

    When the heading names a question that has no block yet ("Antwoord 2" with no "Vraag 2"),
    or names none while every question so far is answered, the text that closes the block
    before it and asks something is that question (letters that print only "Antwoord" headings,
    and conversions that lost a "Vraag" heading).
    """
    missing = not numbers and state.first_open() is None
    missing = missing or bool(numbers and not state.seen.intersection(numbers))
    if missing and current.kind in {"a", "pre"}:
        start = _trailing_question_start(current.lines, 0, len(current.lines))
        if start is not None and (start > 0 or current.kind == "pre"):
            block = Block("q", state.question_numbers(numbers), current.lines[start:], numbered=False)
            del current.lines[start:]
            state.add_question(block)
            blocks.append(block)
            return numbers or list(block.numbers)
    if numbers:
        return numbers
    if current.kind == "q":
        return list(current.numbers)
    open_q = state.first_open()
    if open_q is not None:
        return list(open_q.numbers)
    return list(state.last_q.numbers) if state.last_q else []


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
        asks = [bool(_ASKS.search(" ".join(p))) for p in paras]
        if len(paras) < 2 or not asks[0] or all(asks):
            out.append(block)
            continue
        cut = asks.index(False)
        question_lines = [line for p in paras[:cut] for line in [*p, ""]]
        answer_lines = [line for p in paras[cut:] for line in [*p, ""]]
        out.append(Block("q", block.numbers, question_lines, block.numbered))
        out.append(Block("a", list(block.numbers), answer_lines))
    return out
