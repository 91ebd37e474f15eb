"""Undo the two ways PDF text extraction damages words, so that rules reading words see them:
line ends glued onto the next word ("zal ik uw Kamerinformeren", "wordtgekeken", "ikzal") and
words broken by a line-end hyphen ("infor- meren", "gerap-porteerd").

Both repairs are judged by a lexicon of Dutch word frequencies (`wordfreq`, installed data, no
download), never by a list of the damaged forms seen in documents:

- a token is split in two only when it is not a Dutch word itself and both halves are: a part of
  four letters or more must be a common word, a shorter part one of the function words that glue
  most often at a line end (`GLUE_WORDS`: "ik", "zal", "de", "en" …), because short fragments
  such as "ers" or "gen" are frequent too but are word endings, not words;
- a hyphen between two lower-case parts is removed when the joined form is a word and a part alone
  is not ("infor-meren"), never before "en"/"of"/"tot" ("zorg- en veiligheidshuizen").

The repaired text is for matching only: callers keep the original text and offsets."""

from __future__ import annotations

import math
import re
from functools import lru_cache

# Zipf frequency (log10 per billion words) below which a token is not taken for a Dutch word,
# and above which a part of four letters or more is
UNKNOWN_ZIPF = 1.0
PART_ZIPF = 3.0
# short words that PDF line ends glue onto their neighbour and that the rules read
GLUE_WORDS = frozenset(
    {
        "ik", "u", "uw", "we", "wij", "zij", "het", "de", "een", "en", "of", "dat", "die", "dit",
        "zal", "ga", "wil", "kan", "is", "zijn", "er", "in", "op", "te", "om", "na", "tot", "aan",
        "van", "met", "bij", "uit", "nu", "al", "nog", "ook", "wel", "zo", "mij", "ons", "als",
        "niet", "geen", "voor", "naar",
    }
)  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_]{4,}")
_HYPHEN = re.compile(r"(?<![^\W\d_])([a-zà-ÿ]{2,})-(\s?)([a-zà-ÿ]{2,})(?![^\W\d_])")
_NOT_JOINED = frozenset({"en", "of", "tot"})


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """Dutch words → frequency per word, wordfreq's table as installed (read once, 0.4 s)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("nl")


def _zipf_of(word: str) -> float:
    """The Zipf value of `word` (log10 of its frequency per billion words), 0 when unknown."""
    f = _frequencies().get(word, 0.0)
    return math.log10(f) + 9 if f > 0 else 0.0


def _is_part(part: str) -> float:
    """How good a word `part` is as half of a glued token (0 when it is none)."""
    if part in GLUE_WORDS:
        return _zipf_of(part)
    if len(part) >= 4 and (z := _zipf_of(part)) >= PART_ZIPF:
        return z
    return 0.0


@lru_cache(maxsize=50_000)
def split_glued(token: str) -> str:
    """`token` with a space where two words were glued ("Kamerinformeren" → "Kamer informeren"),
    or unchanged. A capital inside a lower-case word ("hetRussische") is a glue point too."""
    camel = re.match(r"^([a-zà-ÿ]{2,})([A-Z][a-zà-ÿ]+)$", token)
    if camel and camel.group(1) in GLUE_WORDS:
        return f"{camel.group(1)} {camel.group(2)}"
    low = token.lower()
    if _zipf_of(low) >= UNKNOWN_ZIPF:
        return token
    best, at = 0.0, 0
    for i in range(1, len(low)):
        score = min(_is_part(low[:i]), _is_part(low[i:]))
        if score > best:
            best, at = score, i
    if not at:
        # three words glued ("voorheteinde"): a glue word first, the rest split again
        for i in range(1, len(low) - 3):
            if low[:i] in GLUE_WORDS and (rest := split_glued(token[i:])) != token[i:]:
                return f"{token[:i]} {rest}"
        return token
    return f"{token[:at]} {token[at:]}"


def _join(m: re.Match) -> str:
    head, space, tail = m.groups()
    if tail in _NOT_JOINED:
        return m.group(0)
    joined = head + tail
    if _zipf_of(joined) >= UNKNOWN_ZIPF and (
        space or _zipf_of(head) < PART_ZIPF or _zipf_of(tail) < PART_ZIPF
    ):
        return joined
    return m.group(0)


def repair(text: str) -> str:
    """Text with line-end hyphens joined and glued words split, for matching words in it."""
    text = _HYPHEN.sub(_join, text)
    return _TOKEN.sub(lambda m: split_glued(m.group(0)), text)
