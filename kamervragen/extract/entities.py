"""Entities: persons, parties, ministries and organisations, found with spaCy.

The trained Dutch model `nl_core_news_sm` is used when it is installed; everywhere else (it is
not on PyPI) a blank Dutch pipeline with an EntityRuler does the work: gazetteers of parties,
ministries and organisations from data/organisations.tsv, the names in the document header,
and "minister X" / "staatssecretaris X" patterns. Lemmas come from simplemma. The pipeline is
built once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kamervragen.spans import Entity

_TITLED_PERSON = re.compile(
    r"\b(?:[Mm]inister-[Pp]resident|[Mm]inister|[Ss]taatssecretaris|(?:het\s+)?lid|leden)\s+"
    r"(?P<name>(?:(?:Van|De|Den|Ter|Ten|El)(?:\s+(?:de|den|der))?\s+)?[A-Z][\w'’]+"
    r"(?:-(?:[a-z]+\s+){0,2}[A-Z][\w'’]+)?)"
)
_LABELS = {
    "PARTY": "party",
    "MINISTRY": "ministry",
    "ORG": "organisation",
    "PERSON": "person",
    "PER": "person",
}


def gazetteer() -> list[tuple[str, str, str]]:
    """(label, canonical name, surface form) for every entry and alias."""
    rows = resources.files("kamervragen.data").joinpath("organisations.tsv").read_text(encoding="utf-8")
    out = []
    for line in rows.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, name, aliases = ([*line.split("\t"), ""])[:3]
        out.append((label, name, name))
        out.extend((label, name, alias) for alias in aliases.split("|") if alias)
    return out


class RegexTokenizer:
    """Words (hyphenated and with apostrophes kept whole) and single punctuation marks.

    The blank pipeline only matches names, so the Dutch tokenizer's thousands of special cases
    buy nothing here and cost most of the extraction time; "GroenLinks-PvdA." still ends in its
    own "." token.
    """

    _TOKEN = re.compile(r"\w+(?:[-'’&]\w+)*|[^\w\s]")

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        words, spaces, offsets = [], [], []
        for m in self._TOKEN.finditer(text):
            words.append(m.group(0))
            spaces.append(text[m.end() : m.end() + 1].isspace())
            offsets.append((m.start(), m.end()))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["offsets"] = offsets  # the original text's offsets: runs of spaces collapse
        return doc

    def to_disk(self, *args, **kwargs) -> None:  # pragma: no cover - never serialised
        raise NotImplementedError

    def from_disk(self, *args, **kwargs):  # pragma: no cover - never serialised
        raise NotImplementedError


@lru_cache(maxsize=1)
def pipeline():
    import spacy

    try:
        nlp = spacy.load("nl_core_news_sm", exclude=["parser"])
        before = {"before": "ner"}
    except OSError:
        nlp = spacy.blank("nl")
        nlp.tokenizer = RegexTokenizer(nlp.vocab)
        before = {}
    # two phrase-matcher rulers (fast for many names): abbreviations (VNG, JenV, PvdA) match
    # exactly, full names whatever their capitals
    exact = nlp.add_pipe(
        "entity_ruler",
        name="abbreviations",
        config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"},
        **before,
    )
    names = nlp.add_pipe(
        "entity_ruler",
        name="names",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        before="abbreviations",
    )
    exact_patterns, name_patterns = [], []
    for label, name, surface in gazetteer():
        abbreviation = (
            surface.isupper()
            or len(surface) <= 4
            or (" " not in surface and re.search(r"[A-Z].*[A-Z]", surface))
        )
        (exact_patterns if abbreviation else name_patterns).append(
            {"label": label, "pattern": surface, "id": name}
        )
    # each ruler runs the pipeline over its phrase patterns: fill the first one first
    names.add_patterns(name_patterns)
    exact.add_patterns(exact_patterns)
    return nlp


def get_entities(text: str, location: str = "", people: tuple[str, ...] = ()) -> list[Entity]:
    """Named entities in text; `people` are surnames known from the document header."""
    return get_entities_many([(location, text)], people)


def get_entities_many(units: list[tuple[str, str]], people: tuple[str, ...] = ()) -> list[Entity]:
    """Entities of several (location, text) units, run through spaCy as one batch."""
    out: list[Entity] = []
    texts = [text for _, text in units]
    for (location, text), doc in zip(units, pipeline().pipe(texts, batch_size=64), strict=True):
        out.extend(_entities(doc, text, location, people))
    return out


def _person(m: re.Match, location: str, name: str) -> Entity:
    return Entity(location=location, start=m.start(), end=m.end(), text=m.group(0), label="person", name=name)


def _entities(doc, text: str, location: str, people: tuple[str, ...]) -> list[Entity]:
    out: list[Entity] = []
    for m in _TITLED_PERSON.finditer(text):
        if m.group("name") not in {"Kamer", "President"}:
            out.append(_person(m, location, m.group("name")))
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if not label:
            continue
        name = ent.ent_id_ or ent.text
        offsets = doc.user_data.get("offsets")
        start, end = (
            (offsets[ent.start][0], offsets[ent.end - 1][1]) if offsets else (ent.start_char, ent.end_char)
        )
        out.append(
            Entity(location=location, start=start, end=end, text=text[start:end], label=label, name=name)
        )
    for person in people:
        if not person:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(person)}(?![\w-])", text):
            if not any(e.start <= m.start() < e.end for e in out):
                out.append(_person(m, location, person))
    return sorted(out, key=lambda e: e.start)
