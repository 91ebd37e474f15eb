"""The FastAPI application, assembled from small modules: API, pages, API docs, errors, security."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from jinja2_fragments.fastapi import Jinja2Blocks

from indexer.search.engines import default_search, open_backend
from indexer.search.result_cache import CachedBackend
from indexer.store import database_url, make_engine
from web import (
    api,
    api_commitments,
    api_facts,
    apidocs,
    cases,
    errors,
    fact_pages,
    feeds,
    pages,
    register_pages,
)
from web.present import official_url, toezegging_url
from web.search_threads import DATABASE_THREADS, EMBEDDED_THREADS
from web.security import RateLimit, SecurityHeaders
from web.settings import Settings

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="Kamervragen API",
        version="1.0.0",
        description="Dutch parliamentary written questions and answers: search, documents, figures, "
        "references and commitments. Read-only. Every result names its source document.",
        docs_url=None,  # FastAPI's own pages load from a CDN: see web/apidocs.py
        redoc_url=None,
        lifespan=_warm_up,
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    app.state.settings = settings
    app.state.engine = make_engine(database_url(settings.data_dir, settings.db))
    backend = open_backend(app.state.engine, settings.data_dir, settings.search)
    app.state.backend = CachedBackend(backend, app.state.engine, settings.search_cache_entries)
    embedded = (settings.search or default_search(app.state.engine)) != "postgres"
    app.state.search_threads = settings.search_threads or (EMBEDDED_THREADS if embedded else DATABASE_THREADS)
    templates = Jinja2Blocks(directory=str(HERE / "templates"))
    templates.env.auto_reload = False  # no stat of every template file on every page (the profile)
    templates.env.globals["kinds"] = pages.KIND_TITLES
    templates.env.globals["official_url"] = official_url
    templates.env.globals["status_titles"] = register_pages.STATUS_TITLES
    templates.env.globals["toezegging_url"] = toezegging_url
    app.state.templates = templates
    apidocs.install(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    app.include_router(api.router)
    app.include_router(api_facts.router)
    app.include_router(fact_pages.router)
    app.include_router(pages.router)
    app.include_router(cases.router)
    app.include_router(api_commitments.router)
    app.include_router(register_pages.router)
    app.include_router(feeds.router)
    errors.install(app)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"], allow_headers=["*"]
        )
    app.add_middleware(SecurityHeaders)
    return app


@asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """Open the index and read its arrays before the server accepts a request (uvicorn opens its
    socket after startup), so the first visitors do not wait seconds for a cold engine."""
    warm = getattr(app.state.backend, "warm", None)
    if warm is not None:
        warm()
    yield


def server_options(settings: Settings) -> dict:
    """uvicorn options for `kamervragen serve`: X-Forwarded-For is believed only from the configured
    proxies (KAMERVRAGEN_TRUSTED_PROXIES). uvicorn's default believes it from any local client, so a
    client behind no proxy could rotate the header and get a fresh rate-limit bucket every time."""
    if not settings.trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(settings.trusted_proxies)}
