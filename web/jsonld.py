"""schema.org JSON-LD for document pages: a QAPage whose main entity is the first question with
its answer, and the other pairs as further questions, so that search engines and fact-checkers'
crawlers read who asked what and what the government answered.

Document text is untrusted and the JSON goes inside a <script> element: '<', '>' and '&' are
written as JSON unicode escapes, so no text can close the element ("</script>") or open a
comment; the JSON stays the same JSON."""

from __future__ import annotations

import json

from markupsafe import Markup

from kamervragen.model import Document

_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data: object) -> Markup:
    """JSON safe to place between <script> tags."""
    return Markup(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))


def qa_page(doc: Document, title: str, url: str) -> Markup:
    answer_of = {n: a for a in doc.answers for n in a.numbers}
    author = [{"@type": "Person", "name": a.name} for a in doc.askers if a.name]
    answerer = [{"@type": "Person", "name": a.name} for a in doc.answerers if a.name]
    asked = doc.submitted.isoformat() if doc.submitted else None
    answered = doc.received.isoformat() if doc.received else None
    questions = []
    for q in doc.questions:
        item: dict = {
            "@type": "Question",
            "name": f"Vraag {q.number}: {title}"[:200],
            "text": q.text,
            "url": f"{url}#vraag-{q.number}",
            "dateCreated": asked,
            "author": author,
        }
        a = answer_of.get(q.number)
        item["answerCount"] = 1 if a else 0
        if a:
            item["acceptedAnswer"] = {
                "@type": "Answer",
                "text": a.text,
                "url": f"{url}#vraag-{q.number}",
                "dateCreated": answered,
                "author": answerer,
            }
        questions.append({k: v for k, v in item.items() if v not in (None, [])})
    data: dict = {"@context": "https://schema.org", "@type": "QAPage", "name": title, "url": url}
    if questions:
        data["mainEntity"] = questions[0]
        if len(questions) > 1:
            data["hasPart"] = questions[1:]
    return script_json(data)
