"""The interactive API documentation (/docs, /redoc) from assets vendored by fastapi-offline, so it
works without internet and under the site's strict Content-Security-Policy: no CDN, no inline script
(FastAPI's own pages load swagger-ui and redoc from a CDN and start them with an inline script)."""

from __future__ import annotations

import secrets
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from web.security import CSP

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request):
    return request.app.state.templates.TemplateResponse(
        request, "apidocs.html", {"viewer": "swagger", "assets": ASSETS_URL}
    )


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request):
    """ReDoc styles itself with <style> elements it writes at run time (styled-components): they
    carry a fresh nonce that the policy of this one page allows. Scripts stay 'self' only."""
    nonce = secrets.token_urlsafe(16)
    response = request.app.state.templates.TemplateResponse(
        request, "apidocs.html", {"viewer": "redoc", "assets": ASSETS_URL, "nonce": nonce}
    )
    # its search index runs in a worker it creates from a blob
    policy = CSP.replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")
    response.headers["Content-Security-Policy"] = policy + "; worker-src 'self' blob:"
    return response


def install(app: FastAPI) -> None:
    """Mount the vendored assets and add the two pages; FastAPI's CDN pages must be switched off
    (docs_url=None, redoc_url=None) when the app is created."""
    app.mount(ASSETS_URL, StaticFiles(directory=str(ASSETS)), name="api-docs")
    app.include_router(router)
