"""Settings of the web app, from arguments or environment (KAMERVRAGEN_*)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field


class Settings(BaseModel):
    data_dir: Path = Field(default_factory=lambda: Path(os.environ.get("KAMERVRAGEN_DATA", "data")))
    db: str | None = Field(default_factory=lambda: os.environ.get("KAMERVRAGEN_DB"))
    cors_origins: list[str] = Field(
        default_factory=lambda: [o for o in os.environ.get("KAMERVRAGEN_CORS", "").split(",") if o.strip()]
    )
    rate_limit_per_minute: int = Field(
        default_factory=lambda: int(os.environ.get("KAMERVRAGEN_RATE_LIMIT", "600"))
    )
    max_query_length: int = 500
    max_page_size: int = 100
    max_export_rows: int = 10_000
