"""The search routes run their searches in worker threads, at most `search_threads` at once per
process (web/search_threads.py), and answer the same with the result cache in front."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx

import web.api
import web.pages
from indexer.search.backend import Hit, SearchResponse
from web.app import create_app
from web.present import PublicSearchResponse
from web.settings import Settings


class _SlowBackend:
    """Takes 50 ms a search and records how many searches ran at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = self.most = 0

    def search(self, request):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        with self.lock:
            self.running -= 1
        hit = Hit(
            pair_id="ah-tk-20232024-12#q1",
            document_id="ah-tk-20232024-12",
            source="/srv/data/ah-tk-20232024-12.xml",
            question_numbers=[1],
            score=1.5,
            snippet="een <mark>woord</mark>",
            kind="answer",
            subject="Onderwerp",
        )
        return SearchResponse(query=request.query, total=1, page=1, page_size=10, results=[hit])


async def _gather(app, paths: list[str]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await asyncio.gather(*(client.get(p) for p in paths))


def test_at_most_search_threads_searches_run_at_once(tmp_path):
    app = create_app(Settings(data_dir=tmp_path, rate_limit_per_minute=0, search_threads=2))
    app.state.backend = backend = _SlowBackend()
    paths = [f"/api/v1/search?q=woord{i}" for i in range(4)] + [f"/search?q=woord{i}" for i in range(4)]
    responses = asyncio.run(_gather(app, paths))
    assert [r.status_code for r in responses] == [200] * 8
    assert backend.most == 2


def test_the_default_depends_on_where_the_search_runs(tmp_path):
    assert create_app(Settings(data_dir=tmp_path, search="tantivy")).state.search_threads == 2
    assert create_app(Settings(data_dir=tmp_path, search_threads=7)).state.search_threads == 7


def test_the_api_answer_is_the_response_model_serialised(tmp_path):
    """The route serialises the answer itself (no second validation); it is exactly what the
    response model makes of it: the file name only, the official page, every field."""
    app = create_app(Settings(data_dir=tmp_path, rate_limit_per_minute=0))
    app.state.backend = _SlowBackend()
    (response,) = asyncio.run(_gather(app, ["/api/v1/search?q=woord"]))
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert PublicSearchResponse.model_validate(body).model_dump(mode="json") == body
    assert body["results"][0]["source"] == "ah-tk-20232024-12.xml"
    assert (
        body["results"][0]["official_url"] == "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-12.html"
    )


def test_a_kept_answer_is_served_without_a_search_thread(tmp_path, monkeypatch):
    """A repeated search is answered from the result cache on the event loop: the same page and
    API answer as the first time, without a search thread."""
    from indexer.search.result_cache import CachedBackend

    app = create_app(Settings(data_dir=tmp_path, rate_limit_per_minute=0))
    slow = _SlowBackend()
    slow.generation = lambda: 1
    app.state.backend = cached = CachedBackend(slow, fresh_within=60)
    paths = ["/api/v1/search?q=woord", "/search?q=woord"]
    first = [asyncio.run(_gather(app, [p]))[0] for p in paths]

    async def no_thread(*args):
        raise AssertionError("a kept answer went to a search thread")

    monkeypatch.setattr(web.api, "in_search_thread", no_thread)
    monkeypatch.setattr(web.pages, "in_search_thread", no_thread)
    before = cached.hits
    again = asyncio.run(_gather(app, paths))
    assert [r.status_code for r in again] == [200, 200]
    assert [r.text for r in again] == [r.text for r in first]
    assert cached.hits == before + 2
