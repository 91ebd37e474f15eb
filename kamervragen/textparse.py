"""Parse the text of a Kamervraag (from any reader) into a Document.

Order of steps: clean lines → drop page furniture and collect footnotes → mark footnote
references → split header from body → read the header → cut the body into blocks → build
questions and answers. Every reader ends here, so every format gets the same rules.
"""

from __future__ import annotations

import re

from kamervragen import patterns
from kamervragen.errors import NotAKamervraag
from kamervragen.furniture import is_letterhead, mark_footnote_refs, strip_furniture
from kamervragen.gaps import repair_headings, sequence_warnings
from kamervragen.header import (
    first_date,
    parse_addressees,
    parse_answerers,
    parse_askers,
    surname,
)
from kamervragen.ids import fill_official_id
from kamervragen.model import Answer, CrossReference, Document, Footnote, Kind, Question
from kamervragen.normalize import date_from, nfc, paragraphs, to_lines
from kamervragen.printed_answers import printed_answers
from kamervragen.structure import (
    Block,
    first_heading,
    paragraph_questions,
    parse_numbers,
    segment,
    split_combined,
    split_unheaded_answers,
)

_APPENDIX = re.compile(r"^--- (footnotes|headers|endnotes)\b.*---$")
_ASKERS = re.compile(
    r"(?:Mondelinge\s+|Schriftelijke\s+)?(?:Kamer)?[Vv]ra(?:ag|gen)\s+van\s+"
    r"(?:het\s+(?:Kamer)?(?:lid|leden)|de\s+(?:Kamer)?leden|lid|leden)(?:\s+|(?=[A-ZÀ-Ý]))(?P<askers>[^\n]+?)\s+"
    r"(?:aan\s+(?P<addressees>[^\n]+?)\s*)?\bover(?:\s+|(?=(?:het|de|een|dit|deze)\b))(?P<subject>[^\n]+?)"
    r"\s*(?=\(\s*[Ii]n-?gezonden|\(\d{4}Z\d{5}\)|Antwoord van|Mededeling van|\n|$)",
)
# "AH 604" or "Aanhangsel 604" on a header line of its own (ministry letters, pre-publication)
_AH_LINE = re.compile(
    r"(?m)^(?:AH|Aanhangsel(?:\s+van\s+de\s+Handelingen)?)\s*(?:,\s*)?(?:nr\.?|nummer)?\s*(\d{1,5})\s*$"
)
_NAMES_PARTY = r"[A-ZÀ-Ý][^()\n]{0,80}?\([^()\n]{1,40}\)"
# the askers alone, for a sentence without "over" ("De vragen van het lid X (SGP), ingezonden…")
_ASKERS_ONLY = re.compile(
    r"[Vv]ra(?:ag|gen)\s+van\s+(?:het\s+(?:Kamer)?lid|de\s+(?:Kamer)?leden|lid|leden)(?:\s+|(?=[A-ZÀ-Ý]))"
    rf"(?P<askers>{_NAMES_PARTY}(?:\s*(?:,|en)\s*{_NAMES_PARTY})*)"
)
_SEE_ALSO = re.compile(r"Zie ook\s+(?:Aanhangsel|Handelingen).*$", re.IGNORECASE | re.DOTALL)


def parse_text(
    raw: str,
    *,
    fmt: str = "text",
    footnotes: dict[int, str] | None = None,
    find_footnotes: bool = True,
) -> Document:
    """The Document in a text rendering; raises NotAKamervraag when it is something else."""
    lines = to_lines(raw)
    lines, appendix_notes, appendix_text = _split_appendix(lines)
    body, furniture = strip_furniture(lines, find_footnotes=find_footnotes)
    notes: dict[int, str] = dict(furniture.footnotes)
    notes.update(appendix_notes)
    if footnotes:
        # readers pass their footnotes beside the text: the same normalisation as the text
        notes.update({n: nfc(text) for n, text in footnotes.items()})
    body = mark_footnote_refs(body, list(notes))

    start = first_heading(body)
    if start is None:
        start = _first_question_paragraph(body)
    header_lines = body[:start] if start is not None else body
    rest = body[start:] if start is not None else []
    header = paragraphs(header_lines)
    header_flat = " ".join(header.split())

    doc = Document(format=fmt, header=header_flat or None)
    _read_header(doc, header, header_flat, furniture, appendix_text)
    _sign_letter(doc, header_lines)

    rest = repair_headings(_answer_header_in_body(doc, rest))
    blocks = segment(rest) if rest else []
    if rest and not any(b.kind == "q" for b in blocks):
        blocks = paragraph_questions(rest)
    blocks = split_unheaded_answers(blocks)
    for text in _trailing_note_texts(blocks):
        notes[max(notes, default=0) + 1] = text
    printed, printed_on = printed_answers(lines)
    if not blocks and not printed and not _is_kamervraag_header(header_flat):
        raise NotAKamervraag("no questions, answers or Kamervragen header found: not a Kamervraag")
    _build(doc, blocks)
    if sum(len(a.text) for a in doc.answers) < 100 and sum(len(a.text) for a in printed) > 100:
        # a printed Aanhangsel page sets its answer numbers inline: the blocks found none (or
        # only the running foot)
        doc.answers, doc.received = printed, doc.received or printed_on
    doc.warnings.extend(
        sequence_warnings([q.number for q in doc.questions], [a.numbers for a in doc.answers])
    )
    _attach_notice(doc, blocks, header_flat)
    doc.footnotes = [Footnote(number=n, text=t, url=_url(t)) for n, t in sorted(notes.items())]
    if not (doc.questions or doc.answers or doc.notice) and not _opens_as_kamervraag(
        header_lines, header_flat, furniture
    ):
        raise NotAKamervraag(
            "no question, answer or notice found, and the text does not open with a Kamervragen "
            "header: not a Kamervraag"
        )
    _decide_kind(doc, header_flat)
    fill_official_id(doc, chamber_of(lines[: len(lines) - len(rest)] or lines[:40]))
    return doc


def chamber_of(head: list[str]) -> str:
    """'ek' when the header says the document is the Eerste Kamer's, else 'tk'."""
    text = " ".join(head)
    return "ek" if re.search(r"Eerste Kamer(?: der Staten-Generaal|, vergaderjaar)", text) else "tk"


def _split_appendix(lines: list[str]) -> tuple[list[str], dict[int, str], str]:
    """Sections a text rendering appends after the body (Word footnotes, page headers)."""
    notes: dict[int, str] = {}
    extra: list[str] = []
    for i, line in enumerate(lines):
        if _APPENDIX.match(line):
            section = None
            for tail in lines[i:]:
                m = _APPENDIX.match(tail)
                if m:
                    section = m.group(1)
                    continue
                if section in {"footnotes", "endnotes"}:
                    fm = re.match(r"^\[\^(\d+)\]:\s*(.*)$", tail)
                    if fm:
                        notes[int(fm.group(1))] = fm.group(2).strip()
                else:
                    extra.append(tail)
            return lines[:i], notes, "\n".join(extra)
    return lines, notes, ""


def _first_question_paragraph(body: list[str]) -> int | None:
    """Start of unnumbered questions: the first paragraph after the 'Vragen van' paragraph."""
    for i, line in enumerate(body):
        if re.search(r"[Vv]ragen?\s+van\s+(?:het|de)\s+(?:lid|leden)", line):
            j = i
            while j < len(body) and body[j]:
                j += 1
            return j if j < len(body) else None
    return None


def _read_header(doc: Document, header: str, flat: str, furniture, appendix: str) -> None:
    ids = [i for i in furniture.ids]
    own = _own_ids(flat, ids)
    doc.id = own
    case = patterns.CASE_NUMBER.search(_SEE_ALSO.sub("", flat))
    if doc.id and doc.id.startswith("kv-"):
        doc.case_number = doc.id.split("-")[-1]
    elif case:
        doc.case_number = case.group(1).replace(" ", "")
    if doc.id and doc.id.startswith("ah-"):
        doc.aanhangsel_number = int(doc.id.rsplit("-", 1)[1])
        y = doc.id.split("-")[2]
        doc.vergaderjaar = f"{y[:4]}-{y[4:]}"
    else:
        doc.vergaderjaar = furniture.vergaderjaar
        m = re.match(r"AH\s*(\d{1,5})\b", flat) or _AH_LINE.search(header)
        if m:
            doc.aanhangsel_number = int(m.group(1))
    if doc.aanhangsel_number is None and doc.id is None:
        m = re.search(r"[Rr]egering gegeven antwoorden\s+(\d{1,5})\b", flat)
        if m:
            doc.aanhangsel_number = int(m.group(1))

    m = _ASKERS.search(header) or _ASKERS.search(flat)
    if m:
        doc.askers = parse_askers(m.group("askers"), doc.warnings)
        # a letter's subject line names no addressee; its covering sentence does
        named = next((o for o in (m, *_ASKERS.finditer(header)) if o.group("addressees")), None)
        if named:
            doc.addressees = parse_addressees(named.group("addressees"))
        doc.subject = _clean_subject(m.group("subject"))
    else:
        m = _ASKERS_ONLY.search(flat)
        doc.askers = parse_askers(m.group("askers"), doc.warnings) if m else []
    doc.submitted = first_date(patterns.SUBMITTED, flat)
    doc.received = first_date(patterns.RECEIVED, flat)
    if doc.submitted is None:
        m = re.search(r"In (?:het )?antwoord op uw brief van\s+(\d{1,2}\s+\w+\s+\d{4})", flat)
        if m:
            doc.submitted = date_from(m.group(1))
    who = patterns.ANSWER_BY.search(flat)
    if who:
        doc.answerers = parse_answerers(who.group("who"))
    else:
        letter = patterns.ANSWER_BY_LETTER.search(flat)
        if letter:
            doc.answerers = parse_answerers(letter.group("who"))


def _answer_header_in_body(doc: Document, rest: list[str]) -> list[str]:
    """Older layouts print "Antwoord van minister X (ontvangen ...)" after the questions."""
    if doc.answerers:
        return rest
    for i, line in enumerate(rest):
        if not re.match(r"(?:Antwoord|Mededeling) van\b", line):
            continue
        for span in (1, 2, 3):
            joined = " ".join(rest[i : i + span])
            m = patterns.ANSWER_BY.match(joined)
            if m:
                doc.answerers = parse_answerers(m.group("who"))
                doc.received = doc.received or first_date(patterns.RECEIVED, joined)
                return rest[:i] + rest[i + span :]
    return rest


def _own_ids(flat: str, ids: list[str]) -> str | None:
    """The document's own id: one printed as a furniture line (its own line, or before the ISSN
    footer), else one opening the header. An id inside running text names another document."""
    if ids:
        return ids[0]
    m = patterns.OFFICIAL_ID.match(flat)
    return m.group(1) if m else None


_SIGNATURE_ROLE = re.compile(r"^[Dd]e ([Mm]inister|[Ss]taatssecretaris) (?:van|voor) (.+?),?$")
_SIGNATURE_NAME = re.compile(r"^(?:[A-Z]\.\s*)+(?:[a-z]+\s+)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*$")


def _sign_letter(doc: Document, header_lines: list[str]) -> None:
    """Ministry letters name the minister by role; the signature under the role gives the name."""
    if all(person.name for person in doc.answerers):
        return
    # table cells ("| a / b |") and their paragraphs count as lines of their own
    lines = [seg.strip() for line in header_lines for seg in re.split(r"\s+/\s+|\|", line)]
    lines = [seg for seg in lines if seg and seg != "/"]
    for i, line in enumerate(lines):
        role = _SIGNATURE_ROLE.match(line)
        if not role:
            continue
        name = next((c for c in lines[i + 1 : i + 7] if _SIGNATURE_NAME.match(c)), None)
        if not name:
            continue
        for person in doc.answerers:
            if (
                person.name is None
                and person.role == role.group(1).lower()
                and (person.ministry or "").casefold() == role.group(2).casefold()
            ):
                person.name = surname(name)
                break


def _clean_subject(subject: str) -> str:
    subject = patterns.FOOTNOTE_MARKER.sub("", " ".join(subject.split())).strip(" |")
    # a subject never runs into the next table cell or into a letterhead segment
    subject = re.split(r"\s*\|\s*", subject, maxsplit=1)[0]
    subject = " / ".join(_until_letterhead(subject.split(" / ")))
    subject = re.sub(r"\s+(?:worden|zijn|kunnen)\s+(?:beantwoord|niet binnen)\b.*$", "", subject)
    subject = re.sub(r"\s*\((?:ingezonden|ontvangen)?\s*$", "", subject)
    return subject.rstrip(" .,:")


_OPENING = re.compile(
    r"(?i:(?:mondelinge\s+|schriftelijke\s+)?vra(?:ag|gen)\s+(?:van|door)\b|(?:antwoord|mededeling)\s+van\b"
    r"|aanhangsel\s+(?:van|tot)\s+(?:de|het)\s+(?:handelingen|verslag))"
)


def _opens_as_kamervraag(header_lines: list[str], flat: str, furniture) -> bool:
    """A document of header only (oral questions, an excerpt, an OCR page whose questions were
    not found) must *open* with the Kamervragen header: one of its first lines starts with it
    (or Aanhangsel page furniture was found). A notes file or README that mentions a Kamervraag
    inside its sentences is no Kamervraag."""
    first = [line for line in header_lines if line.strip()][:15]
    opens = any(_OPENING.match(re.sub(r"^[\d\s.]*", "", line)) for line in first)
    return (opens or furniture.vergaderjaar is not None or bool(furniture.ids)) and _is_kamervraag_header(
        flat
    )


def _until_letterhead(segments: list[str]) -> list[str]:
    out: list[str] = []
    for part in segments:
        if is_letterhead(part):
            break
        out.append(part)
    return out or segments[:1]


def _is_kamervraag_header(flat: str) -> bool:
    return bool(
        _ASKERS.search(flat)
        or patterns.ANSWER_BY.search(flat)
        or re.search(r"Mededeling van|Mondelinge vragen|kv-tk-|ah-tk-", flat)
    )


_PAREN_MARKER = re.compile(r"(?<=[\w?.»”'\"])\s?(\d{1,2})\)(?=\s|$|[,.;])")
_SENTENCE_END = re.compile(r"[.!?:;»”\"')]\s*$")


def _trailing_note_texts(blocks: list[Block]) -> list[str]:
    """Note texts that Word letters print unnumbered after the last answer ("1)" in the body).

    They are short source lines (a title, a URL) without closing punctuation; they are taken
    off the last answer so that no footnote text stays inside it.
    """
    if not blocks or blocks[-1].kind != "a":
        return []
    markers = {m.group(1) for b in blocks for line in b.lines for m in _PAREN_MARKER.finditer(line)}
    if not markers:
        return []
    lines = blocks[-1].lines
    taken: list[str] = []
    # the answer keeps at least its first line of text ("Ja" has no closing punctuation either)
    text_left = sum(1 for line in lines if line.strip())
    while lines and len(taken) < len(markers) and text_left > 1:
        line = lines[-1].strip()
        if not line:
            lines.pop()
            continue
        if (_SENTENCE_END.search(line) and not patterns.URL.search(line)) or len(line) > 300:
            break
        taken.append(lines.pop().strip())
        text_left -= 1
    return list(reversed(taken))


def _block_text(block: Block) -> tuple[str, list[int]]:
    text = paragraphs(block.lines)
    refs = [int(n) for n in patterns.FOOTNOTE_MARKER.findall(text)]
    text = patterns.FOOTNOTE_MARKER.sub("", text)
    text = re.sub(r"[ \t]+([?.,;:!»])", r"\1", text) if refs else text
    return text.strip(), refs


def _build(doc: Document, blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind == "q":
            text, refs = _block_text(block)
            parts = split_combined(text, len(block.numbers)) if len(block.numbers) > 1 else None
            for i, n in enumerate(block.numbers):
                doc.questions.append(Question(number=n, text=parts[i] if parts else text, footnotes=refs))
        elif block.kind == "a":
            text, refs = _block_text(block)
            doc.answers.append(
                Answer(
                    numbers=block.numbers,
                    text=text,
                    footnotes=refs,
                    cross_references=_cross_references(text, block.numbers),
                )
            )


def _cross_references(text: str, own: list[int]) -> list[CrossReference]:
    refs: list[CrossReference] = []
    for m in patterns.CROSS_REFERENCE.finditer(text):
        for n in parse_numbers(m.group("nums")):
            if n not in own and all(r.question_number != n for r in refs):
                refs.append(CrossReference(question_number=n, text=m.group(0)))
    return refs


def _attach_notice(doc: Document, blocks: list[Block], flat: str) -> None:
    notices = [b for b in blocks if b.kind == "notice"]
    if notices:
        doc.notice = paragraphs([line for b in notices for line in b.lines]).strip() or None
    elif re.search(r"Mededeling van", flat):
        m = re.search(r"Mededeling van .*?\(ontvangen[^)]*\)\)?\.?\s*(.*)$", flat)
        doc.notice = m.group(1).strip() if m and m.group(1).strip() else None
    if doc.notice and not doc.askers:
        m = _ASKERS.search(doc.notice)
        if m:
            doc.askers = parse_askers(m.group("askers"), doc.warnings)
            doc.subject = doc.subject or _clean_subject(re.sub(r"\(\d{4}Z\d{5}\).*", "", m.group("subject")))
        elif only := _ASKERS_ONLY.search(doc.notice):
            doc.askers = parse_askers(only.group("askers"), doc.warnings)
    if doc.notice:
        if patterns.NOTICE_ELSEWHERE.search(doc.notice):
            doc.notice_type = "answered_elsewhere"
        elif patterns.NOTICE_DELAY.search(doc.notice):
            doc.notice_type = "delay"
        m = patterns.NOTICE_REASON.search(doc.notice)
        if m:
            doc.notice_reason = " ".join(m.group("reason").split())
    if doc.notice and not doc.case_number:
        m = patterns.CASE_NUMBER.search(doc.notice)
        if m:
            doc.case_number = m.group(1).replace(" ", "")


def _decide_kind(doc: Document, flat: str) -> None:
    if re.search(r"Mondelinge vragen", flat):
        doc.kind = Kind.ORAL
    elif doc.notice is not None or re.search(r"Mededeling van", flat):
        doc.kind = Kind.NOTICE
    elif doc.answers or patterns.ANSWER_BY.search(flat):
        doc.kind = Kind.ANSWER
    else:
        doc.kind = Kind.QUESTIONS


def _url(text: str) -> str | None:
    m = patterns.URL.search(text.replace("( https", "(https"))
    if not m:
        return None
    url = m.group(0).rstrip(".,;)")
    return url if url.startswith("http") else "https://" + url
