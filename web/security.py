"""Security headers on every response, and a simple per-client rate limit for the API and the
search pages (the expensive requests). The client is the connecting address; a forwarded address
counts only when uvicorn was told to trust the proxy (web.app.server_options)."""

from __future__ import annotations

import threading
import time

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.errors import error_page, problem, wants_html

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the security headers to every response a route has not set them on.

    Both middlewares here are plain ASGI: Starlette's BaseHTTPMiddleware runs every request
    through an extra task and memory streams, which a profile of a loaded server showed as a
    large share of its time (issue 14)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


LIMITED = ("/api/", "/search", "/nieuwe-vraag", "/toezeggingen", "/zaak/")


class RateLimit:
    """A token bucket per client address on the API and the search pages (HTML as well as
    JSON): `per_minute` requests, refilled continuously. Each server process keeps its own
    buckets, so with `serve --workers N` a client may get up to N times the rate."""

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self.buckets[client] = (tokens - 1 if allowed else tokens, now)
            if len(self.buckets) > 10_000:
                self.buckets.clear()
        return allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.capacity <= 0 or not scope["path"].startswith(LIMITED):
            await self.app(scope, receive, send)
            return
        client = scope["client"][0] if scope.get("client") else "unknown"
        if self.allow(client):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = (
            error_page(request, 429, "U zoekt te snel achter elkaar; probeer het over een paar seconden.")
            if wants_html(request)
            else problem(429, "rate limit exceeded; slow down", request.url.path)
        )
        response.headers["Retry-After"] = "1"
        await response(scope, receive, send)
