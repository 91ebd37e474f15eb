"""Settings of the web app, from arguments or environment (KAMERVRAGEN_*)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field


class Settings(BaseModel):
    data_dir: Path = Field(default_factory=lambda: Path(os.environ.get("KAMERVRAGEN_DATA", "data")))
    db: str | None = Field(default_factory=lambda: os.environ.get("KAMERVRAGEN_DB"))
    search: str | None = Field(
        default_factory=lambda: os.environ.get("KAMERVRAGEN_SEARCH") or None,
        description="whoosh or postgres; by default postgres when the store is PostgreSQL.",
    )
    cors_origins: list[str] = Field(
        default_factory=lambda: [o for o in os.environ.get("KAMERVRAGEN_CORS", "").split(",") if o.strip()]
    )
    rate_limit_per_minute: int = Field(
        default_factory=lambda: int(os.environ.get("KAMERVRAGEN_RATE_LIMIT", "600"))
    )
    trusted_proxies: list[str] = Field(
        default_factory=lambda: [
            p.strip() for p in os.environ.get("KAMERVRAGEN_TRUSTED_PROXIES", "").split(",") if p.strip()
        ],
        description="Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed; "
        "from anyone else the header is ignored, so it cannot be rotated to dodge the rate limit.",
    )
    search_cache_entries: int = Field(
        default_factory=lambda: int(os.environ.get("KAMERVRAGEN_SEARCH_CACHE", "512")),
        description="Search answers each server process keeps for repeated searches (0: none); "
        "a commit in any process drops them.",
    )
    search_threads: int | None = Field(
        default_factory=lambda: int(os.environ.get("KAMERVRAGEN_SEARCH_THREADS", "0")) or None,
        description="Searches a server process runs at once (the others queue in order); by "
        "default 2 for an embedded index, which computes in the process, and 40 for PostgreSQL, "
        "whose searches mostly wait on the database.",
    )
    max_query_length: int = 500
    max_page_size: int = 100
    max_export_rows: int = 10_000
