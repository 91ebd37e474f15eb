"""No question may vanish silently: repair headings that numbering says must exist, report the rest.

Questions are numbered 1..n, so a jump in the heading numbers ("Vraag 4" then "Vraag 8") means
headings 5-7 are there in a form the heading rules did not see: glued to the end of the line
before ("... gedeeld. Vraag 5"), split over two lines ("Vraag" / "5"), or left as a bare number
line ("5"). Only the lines between the two headings around a jump are searched, for exactly the
missing numbers in order, so the weak forms cannot fire anywhere else (a page number, a figure in
the text). What is still missing afterwards becomes a warning on the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kamervragen.structure import classify_heading

_WORDS = {
    "q": r"Vra(?:ag|gen)",
    "a": r"Antwoord(?:en)?(?:\s+(?:op\s+)?(?:de\s+)?vra(?:ag|gen))?",
}
_WORD_ONLY = {kind: re.compile(rf"^{word}\s*:?$") for kind, word in _WORDS.items()}
_GLUED_WORD = {kind: re.compile(rf"^(.*[.?!:;»”’'\")\]])\s*{word}\s*:?$") for kind, word in _WORDS.items()}
_CLOSES = re.compile(r"(?:[.?!:;»”’'\")\]]|\[\^\d+\])\s*$")


def repair_headings(lines: list[str]) -> list[str]:
    """Lines with the headings of missing question (and answer) numbers restored where found."""
    for kind in ("q", "a"):
        lines = _repair_kind(lines, kind)
    return lines


def _repair_kind(lines: list[str], kind: str) -> list[str]:
    heads = [(i, h[1]) for i, line in enumerate(lines) if (h := classify_heading(line)) and h[0] == kind]
    heads = [(i, numbers) for i, numbers in heads if numbers]
    if not heads:
        return lines
    found = {n for _, numbers in heads for n in numbers}
    edits: dict[int, tuple[int, list[str]]] = {}  # first line → (lines replaced, new lines)
    top, prev = 0, -1
    for i, numbers in heads:
        missing = [m for m in range(top + 1, min(numbers)) if m not in found]
        if missing and prev >= 0:
            _search_gap(lines, prev + 1, i, missing, kind, edits)
        if max(numbers) > top:
            top, prev = max(numbers), i
    _search_tail(lines, prev + 1, top, kind, edits)
    if not edits:
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in edits:
            span, new = edits[i]
            out.extend(new)
            i += span
        else:
            out.append(lines[i])
            i += 1
    return out


def _search_gap(
    lines: list[str], lo: int, hi: int, missing: list[int], kind: str, edits: dict[int, tuple[int, list[str]]]
) -> None:
    """Find missing numbers in lines[lo:hi], in increasing order, and note how to rewrite their
    lines; a number that is truly absent does not stop the search for the ones after it."""
    wanted = set(missing)
    i = lo
    while i < hi and wanted:
        fix = _weak_heading(lines, i, hi, kind)
        if fix is None or fix[2] not in wanted:
            i += 1
            continue
        span, new, number = fix
        edits[i] = (span, new)
        wanted = {m for m in wanted if m > number}
        i += span


def _search_tail(
    lines: list[str], lo: int, top: int, kind: str, edits: dict[int, tuple[int, list[str]]]
) -> None:
    """After the last heading no later number shows a gap, so only the forms that keep the word
    ("... gedeeld. Vraag 8", "Vraag" / "8") are taken, and only for top+1, top+2, ... in turn."""
    expected = top + 1
    i = lo
    while i < len(lines):
        fix = _weak_heading(lines, i, len(lines), kind, bare=False)
        if fix is None or fix[2] != expected:
            i += 1
            continue
        edits[i] = fix[:2]
        i += fix[0]
        expected += 1


_NUMBER_LINE = re.compile(r"^(?:\[\^)?(\d{1,4})(?!\d)\]?[.:)]?\s*(.*)$")
_BARE_NUMBER = re.compile(r"^(\d{1,4})\.?$")
_NUMBER_AND_QUESTION = re.compile(r"^(\d{1,4})[.)]?\s+([A-ZÀ-Ý«“‘'\"].*)$")
_TEXT_START = re.compile(r"[A-ZÀ-Ý«“‘'\"(]")


def _weak_heading(
    lines: list[str], i: int, hi: int, kind: str, bare: bool = True
) -> tuple[int, list[str], int] | None:
    """(lines consumed, replacement lines, number) when line i holds a heading in a weak form."""
    word = "Vraag" if kind == "q" else "Antwoord"
    line = lines[i]
    # split over two lines: "Vraag" / "5" (or "5 Bent u ..."), also with the word glued to the
    # end of the line before ("... gedeeld. Vraag" / "5"); footnote marking may already have
    # turned a lone "5" into "[^5]", which cannot stand alone under a heading word
    glued_word = _GLUED_WORD[kind].match(line)
    if _WORD_ONLY[kind].match(line) or glued_word:
        j = _next_text(lines, i + 1, hi)
        m = _NUMBER_LINE.match(lines[j]) if j < hi else None
        if m:
            before = [glued_word.group(1).rstrip()] if glued_word else []
            n = m.group(1)
            return j - i + 1, [*before, f"{word} {n}", *([m.group(2)] if m.group(2) else [])], int(n)
    # a bare number line: "5" or "5." (the word lost), unless it is under the other heading
    # word; for a question also "5 Kent u ...?" with the text on the number's line
    number = bare and (
        _BARE_NUMBER.match(line.strip()) or (_NUMBER_AND_QUESTION.match(line) if kind == "q" else None)
    )
    if number:
        other = "a" if kind == "q" else "q"
        before = _previous_text(lines, i)
        if before is None or not _WORD_ONLY[other].match(before):
            return 1, [f"{word} {number.group(1)}", *number.groups()[1:]], int(number.group(1))
    # glued to the end of the text before it: "... gedeeld. Vraag 5" / "...gedeeld.Vraag 5 Bent u"
    for m in re.finditer(rf"{_WORDS[kind]}\s*(\d{{1,4}})(?!\d)", line):
        before, after = line[: m.start()], line[m.end() :]
        if not before.strip() or (before[-1:].isalpha() and before[-1:].islower()):
            continue
        if not _CLOSES.search(before) and not before[-1:].isdigit():
            continue
        after = after.lstrip(" :.)")
        if after and not _TEXT_START.match(after):
            continue
        return 1, [before.rstrip(), f"{word} {m.group(1)}", *([after] if after else [])], int(m.group(1))
    return None


def _next_text(lines: list[str], i: int, hi: int) -> int:
    while i < hi and not lines[i].strip():
        i += 1
    return i


def _previous_text(lines: list[str], i: int) -> str | None:
    i -= 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    return lines[i] if i >= 0 else None


def sequence_warnings(questions: list[int], answers: Iterable[list[int]]) -> list[str]:
    """Short messages for question numbers that jump, answers to absent questions, unanswered ones.

    Unanswered questions are only reported when the document has answers at all (a question set
    or a notice has none by nature).
    """
    answers = list(answers)
    warnings: list[str] = []
    present = set(questions)
    top = 0
    for number in questions:
        if number > top + 1:
            gap = [m for m in range(top + 1, number) if m not in present]
            if gap:
                warnings.append(f"{_numbers('question', gap)} missing: numbers jump from {top} to {number}")
        top = max(top, number)
    answered = {n for numbers in answers for n in numbers}
    if present:
        for numbers in answers:
            absent = [n for n in numbers if n not in present]
            if absent:
                warnings.append(f"answer to {_numbers('question', absent)}, which is not in the document")
    elif answered:
        warnings.append("answers but no questions found")
    unanswered = sorted(present - answered)
    if answered and unanswered:
        warnings.append(f"{_numbers('question', unanswered)} without an answer")
    return warnings


def _numbers(word: str, numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"{word} {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{word}s {numbers[0]}-{numbers[-1]}"
    return f"{word}s " + ", ".join(str(n) for n in numbers)
