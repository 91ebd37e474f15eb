"""Snippets (indexer/search/snippets.py): marked context around the searched words, at most
`max_chars` of it, made without reading more of a long answer than the snippet needs."""

from __future__ import annotations

from indexer.search import snippets
from indexer.search.analysis import stem
from indexer.search.snippets import snippet

COSTS = {stem("kosten")}


def test_the_words_searched_are_marked_and_the_text_escaped():
    found = snippet("De <b>kosten</b> van de zorg stijgen.", COSTS)
    assert found == 'De &lt;b&gt;<mark class="match">kosten</mark>&lt;/b&gt; van de zorg stijgen.'
    assert snippet("De zorg stijgt.", COSTS) == ""


def test_a_full_snippet_ends_at_its_cut_without_a_sliver_of_the_next_match():
    """Windows around matches are joined with " … " until `max_chars`; the window that reaches
    the limit is cut at a space and ends the snippet (before, the few characters left over
    gave a sliver such as "… de" of the next window)."""
    text = " ".join(["kosten", "woord"] * 20 + ["vulling"] * 40 + ["kosten"])
    found = snippet(text, COSTS, max_chars=100)
    assert " … " not in found and len(found.replace('<mark class="match">', "").replace("</mark>", "")) <= 100
    far = " ".join(["kosten"] + ["woord"] * 30 + ["kosten"] + ["woord"] * 30 + ["kosten"])
    parts = snippet(far, COSTS, max_chars=200, surround=20).split(" … ")
    assert len(parts) == 3 and all("<mark" in p for p in parts)


def test_a_long_answer_is_read_only_as_far_as_the_snippet_needs(monkeypatch):
    head = " ".join(["kosten", "van", "de", "zorg"] * 40)
    tail = " ".join(f"woord{i} kosten" for i in range(3000))
    seen: list[str] = []
    real = snippets.word_keys

    def counting(word: str) -> frozenset[str]:
        seen.append(word)
        return real(word)

    monkeypatch.setattr(snippets, "word_keys", counting)
    assert snippet(head + " " + tail, COSTS) == snippet(head, COSTS)
    assert len(seen) < 400, "the words after the full snippet are not stemmed"
