"""Extraction: references, figures, commitments and entities in the text of a Document.

The steps are kept apart the way citation extractors do it: `find` (patterns over text),
`resolve` (normalised ids and URLs, law names to BWB ids) and `annotate` (marking spans in
HTML). `extract_document` runs them over every question, answer, footnote and notice.
"""

from kamervragen.extract.annotate import annotate
from kamervragen.extract.commitments import get_commitments
from kamervragen.extract.document import extract_document, text_units
from kamervragen.extract.entities import get_entities
from kamervragen.extract.figures import get_figures
from kamervragen.extract.references import get_references

__all__ = [
    "annotate",
    "extract_document",
    "get_commitments",
    "get_entities",
    "get_figures",
    "get_references",
    "text_units",
]
