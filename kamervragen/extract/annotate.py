"""Mark extracted spans in HTML: the document text is escaped, spans become elements.

Kept apart from finding and resolving so the web layer can choose its markup, and so escaping
happens in exactly one place: every character of document text passes through html.escape.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from kamervragen.spans import Commitment, Entity, Figure, Reference, Span


def default_markup(span: Span) -> tuple[str, str]:
    """Opening and closing tags for a span; attribute values are escaped too."""
    if isinstance(span, Reference):
        attrs = f' class="ref ref-{html.escape(span.kind)}" data-id="{html.escape(span.id or "")}"'
        if span.url:
            return f'<a{attrs} href="{html.escape(span.url)}" rel="noopener">', "</a>"
        return f"<span{attrs}>", "</span>"
    if isinstance(span, Figure):
        title = " · ".join(
            str(x) for x in (span.subject, span.as_of and f"peildatum {span.as_of}", span.source) if x
        )
        return f'<mark class="figure" title="{html.escape(title)}" tabindex="0">', "</mark>"
    if isinstance(span, Commitment):
        due = span.due.isoformat() if span.due else ""
        return f'<mark class="commitment" data-due="{due}">', "</mark>"
    if isinstance(span, Entity):
        return f'<span class="entity entity-{html.escape(span.label)}">', "</span>"
    return "<span>", "</span>"


def annotate(
    text: str,
    spans: Sequence[Span],
    markup: Callable[[Span], tuple[str, str]] = default_markup,
) -> str:
    """HTML for text with spans marked. Overlapping spans: the earlier (and longer) one wins."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if 0 <= span.start < span.end <= len(text) and (not chosen or span.start >= chosen[-1].end):
            chosen.append(span)
    out: list[str] = []
    pos = 0
    for span in chosen:
        out.append(html.escape(text[pos : span.start]))
        opening, closing = markup(span)
        out.append(opening + html.escape(text[span.start : span.end]) + closing)
        pos = span.end
    out.append(html.escape(text[pos:]))
    return "".join(out)
