"""Errors as problem details (RFC 9457) for the API, and as a Dutch page for browsers."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("kamervragen.web")
TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
}
DUTCH = {
    400: "Ongeldig verzoek",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    422: "Ongeldige invoer",
    429: "Te veel verzoeken",
    500: "Er ging iets mis",
}


def problem(status: int, detail: str, instance: str = "", **extra) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": instance,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_html(request):
            return app.state.templates.TemplateResponse(
                request,
                "error.html",
                {
                    "status": exc.status_code,
                    "title": DUTCH.get(exc.status_code, "Fout"),
                    "detail": exc.detail,
                },
                status_code=exc.status_code,
            )
        return problem(exc.status_code, str(exc.detail), request.url.path)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": [str(x) for x in e.get("loc", [])], "msg": e.get("msg", "")} for e in exc.errors()]
        if _wants_html(request):
            return app.state.templates.TemplateResponse(
                request,
                "error.html",
                {"status": 422, "title": DUTCH[422], "detail": "; ".join(e["msg"] for e in errors)},
                status_code=422,
            )
        return problem(422, "the request parameters are not valid", request.url.path, errors=errors)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return problem(500, "unexpected error; it has been logged", request.url.path)
