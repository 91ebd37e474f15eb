"""The cached one-step Dutch text filter gives exactly the terms of the filter chain it replaced
(lowercase, accents, numbers, stop words, decompounding, stemming), in index and query mode, so
indexes built before and after it agree (issue 14: analysis dominated the build)."""

from __future__ import annotations

import pytest

from indexer.search.analysis import _chain_analyzer, dutch_analyzer, dutch_terms


def test_cached_filter_gives_the_chain_terms_on_the_dev_texts(dev):
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(dev.rglob("*.txt"))[:40]]
    texts.append(
        "Het inburgeringsexamen: 7.803 jeugdzorgaanbieders, co-financiering, 3,5 en Yeşilgöz-Zegerius"
    )
    assert len(texts) > 10
    new, old = dutch_analyzer(), _chain_analyzer()
    for mode in ("index", "query"):
        for positions in (False, True):
            for text in texts:
                got = [(t.text, t.pos if positions else 0) for t in new(text, mode=mode, positions=positions)]
                want = [
                    (t.text, t.pos if positions else 0) for t in old(text, mode=mode, positions=positions)
                ]
                assert got == want


@pytest.mark.parametrize("stop", ["de", "De", "HET", "van"])
def test_stop_words_give_no_terms(stop):
    assert dutch_terms(stop) == ()
    assert [t.text for t in dutch_analyzer()(f"{stop} zorg")] == ["zorg"]
