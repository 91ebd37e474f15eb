"""End to end in a real headless Chromium (Debian's, driven by Playwright): type a query and see
the results change without a page load, click a facet, open a document, follow a question
anchor. Screenshots are kept in tests/artifacts/."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from indexer.pipeline import Indexer
from web.app import create_app
from web.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory, dev):
    data = tmp_path_factory.mktemp("e2e")
    Indexer(data).run([ROOT / "corpus", dev / "learninglion-kamervragen-pdf" / "pdf"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(data_dir=data)), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium must be installed (make test installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def test_search_updates_in_place_and_documents_open(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/search")
    page.evaluate("window.__sameDocument = true")
    page.fill("#q", "inburgering examen")
    page.wait_for_selector("li.hit", timeout=10_000)
    assert page.evaluate("window.__sameDocument") is True, "results must arrive without a full page load"
    assert "q=inburgering" in page.url, "the state is a shareable URL"
    assert page.locator("li.hit mark").count() > 0
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)

    facet = page.locator("aside.facets a.facet").first
    facet.click()
    page.wait_for_selector("aside.facets a.facet.active", timeout=10_000)
    assert page.evaluate("window.__sameDocument") is True
    assert "%3A" in page.url or ":" in page.url
    assert ":" in page.input_value("#q"), "the search box shows the filter the facet added"
    page.wait_for_timeout(800)  # nothing may undo the facet afterwards (a late search, a blur)
    assert page.locator("aside.facets a.facet.active").count() >= 1

    page.locator("li.hit a.title").first.click()
    page.wait_for_selector("article.document", timeout=10_000)
    assert "#vraag-" in page.url
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    page.locator("section.pair h2 a").nth(1).click()
    assert page.url.endswith("#vraag-2")
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_page_works_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/search?q=stroomtekort")
    assert page.locator("li.hit").count() >= 1
    context.close()
