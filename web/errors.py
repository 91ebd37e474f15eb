"""Errors as problem details (RFC 9457) for the API, and as a Dutch page for browsers."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
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
# what a reader is told when the code that failed gave no Dutch explanation of its own
DUTCH_DETAIL = {
    400: "Dit verzoek kan de server niet verwerken.",
    404: "Deze pagina bestaat niet.",
    405: "Deze pagina kan alleen worden opgevraagd, niet verstuurd of gewijzigd.",
    422: "Een of meer velden hebben een ongeldige waarde.",
    429: "U doet te veel verzoeken achter elkaar; probeer het over een paar seconden.",
    500: "Er ging iets mis aan onze kant. De fout is vastgelegd.",
}
# the site's form fields, by name, for a validation message a reader understands
FIELD_NAMES = {"q": "zoekvraag", "van": "datum van", "tot": "datum tot", "page": "pagina"}


class InvalidQuery(ValueError):
    """A query the search backend refused (an invalid filter value): 422, with a Dutch message."""


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


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    """The Dutch error page; `detail` only when it is a Dutch sentence meant for the reader."""
    return request.app.state.templates.TemplateResponse(
        request,
        "error.html",
        {
            "status": status,
            "title": DUTCH.get(status, "Fout"),
            "detail": detail or DUTCH_DETAIL.get(status, DUTCH_DETAIL[500]),
        },
        status_code=status,
    )


def _own_detail(exc: StarletteHTTPException) -> str | None:
    """The routes' own details are Dutch; Starlette's defaults ("Not Found") are not."""
    from http import HTTPStatus

    try:
        default = HTTPStatus(exc.status_code).phrase
    except ValueError:
        default = None
    return None if exc.detail == default else str(exc.detail)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if wants_html(request):
            response = error_page(request, exc.status_code, _own_detail(exc))
        else:
            response = problem(exc.status_code, str(exc.detail), request.url.path)
        for name, value in (exc.headers or {}).items():  # the Allow header of a 405, above all
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{"loc": [str(x) for x in e.get("loc", [])], "msg": e.get("msg", "")} for e in exc.errors()]
        if wants_html(request):
            fields = sorted({FIELD_NAMES.get(e["loc"][-1], e["loc"][-1]) for e in errors if e["loc"]})
            detail = "Ongeldige waarde voor: " + ", ".join(fields) + "." if fields else None
            return error_page(request, 422, detail)
        return problem(422, "the request parameters are not valid", request.url.path, errors=errors)

    @app.exception_handler(InvalidQuery)
    async def invalid_query(request: Request, exc: InvalidQuery):
        if wants_html(request):
            return error_page(request, 422, f"Deze zoekvraag klopt niet: {exc}")
        return problem(422, str(exc), request.url.path)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        if wants_html(request):
            return error_page(request, 500)
        return problem(500, "unexpected error; it has been logged", request.url.path)
