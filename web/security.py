"""Security headers on every response, and a simple per-client rate limit for the API and the
search pages (the expensive requests). The client is the connecting address; a forwarded address
counts only when uvicorn was told to trust the proxy (web.app.server_options)."""

from __future__ import annotations

import threading
import time

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

from web.errors import error_page, problem, wants_html

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


LIMITED = ("/api/", "/search", "/nieuwe-vraag", "/toezeggingen", "/zaak/")


class RateLimit(BaseHTTPMiddleware):
    """A token bucket per client address on the API and the search pages: `per_minute` requests,
    refilled continuously."""

    def __init__(self, app, per_minute: int) -> None:
        super().__init__(app)
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    async def dispatch(self, request: Request, call_next):
        if not request.url.path.startswith(LIMITED) or self.capacity <= 0:
            return await call_next(request)
        client = request.client.host if request.client else "unknown"
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self.buckets[client] = (tokens - 1 if allowed else tokens, now)
            if len(self.buckets) > 10_000:
                self.buckets.clear()
        if not allowed:
            response = (
                error_page(request, 429, "U zoekt te snel achter elkaar; probeer het over een paar seconden.")
                if wants_html(request)
                else problem(429, "rate limit exceeded; slow down", request.url.path)
            )
            response.headers["Retry-After"] = "1"
            return response
        return await call_next(request)
