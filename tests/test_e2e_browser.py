"""End to end in a real headless Chromium (Debian's, driven by Playwright): type a query and see
the results change without a page load, click a facet, open a document, follow a question
anchor, go Back and Forward, read the API docs, use a phone-sized screen, and check the main pages
with axe-core (bundled with axe-playwright-python, no CDN). Screenshots are kept in tests/artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from live_server import live_server

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
    with live_server(create_app(Settings(data_dir=data))) as base:
        yield base


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
    errors = _console_errors(page)
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


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.mark.parametrize(
    ("path", "operation"),
    [("/docs", ".opblock-summary-path"), ("/redoc", "[data-section-id^='operation/']")],
)
def test_api_docs_render_operations_offline(server, browser, path, operation):
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(server) or route.request.url.startswith(("data:", "blob:"))
            else (outside.append(route.request.url), route.abort())
        ),
    )
    errors = _console_errors(page)
    page.goto(f"{server}{path}")
    page.wait_for_selector(operation, timeout=15_000)
    assert page.locator(operation).count() >= 6, "every API operation is shown"
    assert not outside, f"the docs must not need the internet: {outside}"
    assert not [e for e in errors if "Loading the script" in e or "worker" in e], errors
    context.close()


def _q_of(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("q", [""])[0]


def test_back_and_forward_show_the_query_of_the_url(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/search")
    page.fill("#q", "inburgering")
    page.wait_for_url(lambda url: "inburgering" in url, timeout=10_000)
    page.wait_for_selector("li.hit", timeout=10_000)
    typed_total = page.locator("p.total strong").inner_text()
    page.locator("aside.facets a.facet").first.click()
    page.wait_for_selector("aside.facets a.facet.active", timeout=10_000)
    filtered_q = page.input_value("#q")
    assert ":" in filtered_q

    page.go_back()
    page.wait_for_url(lambda url: ":" not in _q_of(url), timeout=10_000)
    page.wait_for_selector("li.hit", timeout=10_000)
    assert page.input_value("#q") == "inburgering"
    assert page.locator("aside.facets a.facet.active").count() == 0
    assert page.locator("p.total strong").inner_text() == typed_total

    page.go_forward()
    page.wait_for_url(lambda url: ":" in _q_of(url), timeout=10_000)
    page.wait_for_selector("aside.facets a.facet.active", timeout=10_000)
    assert page.input_value("#q") == filtered_q
    page.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


def test_phone_document_page_has_no_horizontal_overflow(server, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server}/search?q=inburgering")
    page.locator("li.hit a.title").first.click()
    page.wait_for_selector("article.document")
    for href in [
        "/documents/ah-tk-20232024-2168",
        page.url.split("#")[0],
        "/toezeggingen",
        "/cijfers",
        "/antwoordtermijnen",
    ]:
        page.goto(href if href.startswith("http") else f"{server}{href}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{href} is {width}px wide on a 390px screen"
    page.screenshot(path=str(ARTIFACTS / "document-phone.png"), full_page=True)
    context.close()


def test_phone_search_shows_results_first_and_folds_the_filters(server, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server}/search?q=zorg")
    first_hit = page.locator("li.hit").first.bounding_box()
    filters = page.locator("aside.facets").bounding_box()
    assert first_hit and filters and first_hit["y"] < filters["y"]
    assert first_hit["y"] < 844, "the first result is on the first screen"
    assert page.evaluate("document.querySelector('details.filters').open") is False
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#q", "inburgering")
    page.wait_for_url(lambda url: "inburgering" in url, timeout=10_000)
    page.wait_for_selector("li.hit")
    assert page.evaluate("document.querySelector('details.filters').open") is False
    page.screenshot(path=str(ARTIFACTS / "search-phone.png"), full_page=True)
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search",
        "/search?q=inburgering",
        "/documents/ah-tk-20232024-2168",
        "/nieuwe-vraag?tekst=lening+DUO+inburgeraars",
        "/leden/Azmani",
        "/bestaat-niet",
        "/toezeggingen",
        "/cijfers",
        "/antwoordtermijnen",
    ],
)
def test_main_pages_pass_axe(server, browser, path):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(f"{server}{path}")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.close()
