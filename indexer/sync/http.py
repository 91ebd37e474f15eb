"""The one HTTP client of `kamervragen sync`: polite (a rate limit, a clear User-Agent), patient
with a busy server (retries with backoff on 429, 5xx, timeouts and cut-off transfers) and quick to
give up when there is no network at all (a short connect timeout, no retries on a refused or
unresolvable host), so a machine without network fails within seconds with a clear message.

Everything that interprets a response lives in pure functions elsewhere (koop.py, tk.py); this
module only moves bytes."""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

USER_AGENT = (
    "kamervragen-sync/0.1 (+https://github.com/kamervragen/kamervragen; "
    "open-source knowledge base of Kamervragen)"
)
DEFAULT_RATE = 2.0  # requests per second: polite to a public service, ~170,000 requests a day
RETRY_STATUS = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """A request that failed for good (after retries where retrying made sense)."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{reason} ({url})")
        self.url, self.reason, self.status = url, reason, status


class NotFound(FetchError):
    """404/410: the resource is gone (a record that vanished between listing and download)."""


class Offline(FetchError):
    """The server cannot be reached at all: no network, a wrong host name, nothing listening."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content: bytes
    content_type: str


def rate_from_env(default: float = DEFAULT_RATE) -> float:
    """`KAMERVRAGEN_SYNC_RATE` requests per second; nonsense falls back to the default."""
    try:
        rate = float(os.environ.get("KAMERVRAGEN_SYNC_RATE", default))
    except ValueError:
        return default
    return rate if rate > 0 else default


class Client:
    """GET with rate limit and retries. `sleep` is injectable so tests do not wait."""

    def __init__(
        self,
        rate: float | None = None,
        retries: int = 4,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / (rate or rate_from_env())
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.requests = 0
        self._last = 0.0
        self._lock = threading.Lock()
        self._http = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"},
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self) -> None:
        with self._lock:
            delay = self._last + self.interval - time.monotonic()
            if delay > 0:
                self.sleep(delay)
            self._last = time.monotonic()

    def get(self, url: str, params: dict[str, str] | None = None) -> Response:
        """The body of `url`, complete. Raises NotFound, Offline or FetchError."""
        attempt = 0
        while True:
            attempt += 1
            self._wait_turn()
            self.requests += 1
            try:
                r = self._http.get(url, params=params)
                content = r.content
            except (httpx.ConnectError, httpx.UnsupportedProtocol) as exc:
                # a refused connection or an unknown host will not improve in a second: say so now
                raise Offline(url, f"cannot reach the server: {_reason(exc)}") from exc
            except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as exc:
                # timeouts and transfers cut off mid-body (fewer bytes than Content-Length)
                if attempt > self.retries:
                    raise FetchError(url, f"gave up after {attempt} tries: {_reason(exc)}") from exc
                self.sleep(self._delay(attempt, None))
                continue
            except httpx.HTTPError as exc:
                raise FetchError(url, _reason(exc)) from exc
            if r.status_code in RETRY_STATUS:
                if attempt > self.retries:
                    raise FetchError(url, f"HTTP {r.status_code} after {attempt} tries", r.status_code)
                self.sleep(self._delay(attempt, r.headers.get("Retry-After")))
                continue
            if r.status_code in {404, 410}:
                raise NotFound(url, f"HTTP {r.status_code}: not there (any more)", r.status_code)
            if r.status_code >= 400:
                raise FetchError(url, f"HTTP {r.status_code}", r.status_code)
            declared = r.headers.get("Content-Length")
            encoded = "Content-Encoding" in r.headers
            if declared and declared.isdigit() and not encoded and int(declared) != len(content):
                if attempt > self.retries:
                    raise FetchError(url, f"truncated: {len(content)} of {declared} bytes")
                self.sleep(self._delay(attempt, None))
                continue
            return Response(str(r.url), r.status_code, content, r.headers.get("Content-Type", ""))

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        """Exponential backoff with jitter; a server's Retry-After (seconds) is honoured, capped."""
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), 300.0)
        return self.backoff * (2 ** (attempt - 1)) * (0.5 + random.random() / 2)


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]
