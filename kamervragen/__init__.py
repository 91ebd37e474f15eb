"""kamervragen: turn Dutch parliamentary written questions and answers into structured data.

The public API is small: `parse(path_or_bytes)` returns a `Document`.
"""

from kamervragen.errors import NotAKamervraag, ParseError
from kamervragen.model import Answer, Answerer, Asker, Document, Footnote, Kind, Question
from kamervragen.parser import parse

__all__ = [
    "Answer",
    "Answerer",
    "Asker",
    "Document",
    "Footnote",
    "Kind",
    "NotAKamervraag",
    "ParseError",
    "Question",
    "parse",
]
