"""The `kamervragen` command: the one place where the domain, the indexer and the web app meet.

kamervragen parse PATH...                 structured JSON, one document per line
kamervragen index PATH... [--data DIR]    parse, extract, store and index
kamervragen search QUERY [--data DIR]     search the knowledge base
kamervragen sync [--since D] [--source S] fetch from KOOP and the Tweede Kamer, then index
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from kamervragen.errors import ParseError
from kamervragen.files import document_files
from kamervragen.parser import parse

SEARCH_HELP = (
    "Search backend: whoosh (an index in the data folder), postgres (full-text search in the "
    "PostgreSQL store, shared by every worker and machine) or tantivy (an index in the data folder, "
    "the faster candidate of issue 14). Default: postgres when --db is PostgreSQL, else whoosh."
)

app = typer.Typer(help="Kamervragen: Dutch parliamentary questions and answers, structured and searchable.")


def _data_dir(data: Path | None) -> Path:
    return data or Path(os.environ.get("KAMERVRAGEN_DATA", "data"))


@app.callback()
def main() -> None:
    """Kamervragen command line."""


@app.command("parse")
def parse_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders to parse."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON for humans."),
) -> None:
    """Print one JSON object per document; a file that fails prints an error line instead."""
    failed = False
    for path in document_files(paths):
        source = str(path)
        try:
            record = {"source": source, **parse(path).to_json_dict()}
        except ParseError as exc:
            failed = True
            record = {"source": source, "error": str(exc)}
        except Exception as exc:
            failed = True
            record = {"source": source, "error": f"unexpected parser failure: {exc!r}"}
        typer.echo(json.dumps(record, ensure_ascii=False, indent=2 if pretty else None))
    if failed:
        raise typer.Exit(code=1)


@app.command("index")
def index_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders to index (PDF, text, DOCX, XML, HTML)."),
    data: Path | None = typer.Option(
        None, "--data", help="Data folder (default: data/ or KAMERVRAGEN_DATA)."
    ),
    db: str | None = typer.Option(None, "--db", help="Database URL (default: SQLite in the data folder)."),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Read every file again and replace the knowledge base with what they give."
    ),
    parse_timeout: float = typer.Option(
        120.0, "--parse-timeout", min=1.0, help="Seconds one file may take to parse before it is failed."
    ),
    parse_memory: int = typer.Option(
        4096, "--parse-memory", min=256, help="Memory (MB) a parse worker may use before the file is failed."
    ),
    workers: int = typer.Option(0, "--workers", min=0, help="Parse workers (default: one per core)."),
    search: str | None = typer.Option(None, "--search", help=SEARCH_HELP),
) -> None:
    """Parse, extract, store and index; unchanged files are skipped, failures are listed."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from indexer.lock import IndexLocked
    from indexer.pipeline import Indexer, StorageFull
    from indexer.workers import Limits

    console = Console(stderr=True)
    limits = Limits(parse_timeout, parse_memory, **({"workers": workers} if workers else {}))
    try:
        indexer = Indexer(_data_dir(data), db, limits=limits, search=search)
    except Exception as exc:
        console.print(f"[red]cannot open the knowledge base:[/red] {exc}")
        raise typer.Exit(code=2) from exc
    files = document_files(paths)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0, "skipped": 0}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} files/s"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("indexing", total=len(files), rate=0.0)

        def step(path: Path, status: str) -> None:
            counts[status] = counts.get(status, 0) + 1
            elapsed = progress.tasks[0].elapsed or 1e-9
            done = sum(counts.values())
            progress.update(
                task,
                advance=1,
                rate=done / elapsed,
                description=(
                    f"added {counts['added']} updated {counts['updated']} "
                    f"unchanged {counts['unchanged']} failed {counts['failed']}"
                ),
            )

        try:
            summary = indexer.run(files, rebuild=rebuild, progress=step)
        except IndexLocked as exc:
            console.print(f"[red]{exc}[/red]", soft_wrap=True)
            raise typer.Exit(code=3) from exc
        except StorageFull as exc:
            console.print(f"[red]{exc}[/red]", soft_wrap=True)
            raise typer.Exit(code=4) from exc
    typer.echo(
        f"added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"failed {len(summary.failed)}, not Kamervragen {len(summary.skipped)}"
        + (f", re-indexed {summary.reindexed} pending" if summary.reindexed else "")
        + (f", removed {summary.removed}" if summary.removed else "")
    )
    for source, reason in summary.failed:
        typer.echo(f"  failed: {source}: {reason}")
    for source, reason in summary.skipped:
        typer.echo(f"  skipped: {source}: {reason}")


@app.command("sync")
def sync_command(
    since: str | None = typer.Option(None, "--since", help="Changed on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Changed on or before (YYYY-MM-DD)."),
    source: str = typer.Option("all", "--source", help="koop, tk or all."),
    data: Path | None = typer.Option(
        None, "--data", help="Data folder (default: data/ or KAMERVRAGEN_DATA)."
    ),
    db: str | None = typer.Option(None, "--db", help="Database URL (default: SQLite in the data folder)."),
    offline: bool = typer.Option(
        False, "--offline", help="Fetch nothing: index again what earlier syncs kept (a rebuild)."
    ),
) -> None:
    """Fetch what is new at KOOP and the Tweede Kamer, keep it in the data folder, and index it."""
    from indexer.sync.console import run_sync_command

    raise typer.Exit(code=run_sync_command(_data_dir(data), db, source, since, until, offline))


@app.command("search")
def search_command(
    query: str = typer.Argument("", help='Words, "phrases", AND/OR/NOT, -word, prefix*, and filters.'),
    data: Path | None = typer.Option(
        None, "--data", help="Data folder (default: data/ or KAMERVRAGEN_DATA)."
    ),
    db: str | None = typer.Option(None, "--db", help="Database URL (default: SQLite in the data folder)."),
    search: str | None = typer.Option(None, "--search", help=SEARCH_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON output for tools."),
    limit: int = typer.Option(10, "--limit", min=1, max=100, help="Results per page."),
    page: int = typer.Option(1, "--page", min=1, help="Page number."),
    sort: str = typer.Option("relevance", "--sort", help="relevance or date."),
    group: str = typer.Option("pair", "--group", help="pair, or document: one result per document."),
    minister: str | None = typer.Option(None, "--minister", help="Answering minister (name)."),
    lid: str | None = typer.Option(None, "--lid", help="Asking member (name)."),
    partij: str | None = typer.Option(None, "--partij", help="Party of the asking member."),
    ministerie: str | None = typer.Option(None, "--ministerie", help="Ministry (name or abbreviation)."),
    soort: str | None = typer.Option(None, "--soort", help="antwoord, vragen, mededeling or mondeling."),
    van: str | None = typer.Option(None, "--van", help="From date (YYYY-MM-DD)."),
    tot: str | None = typer.Option(None, "--tot", help="To date (YYYY-MM-DD)."),
) -> None:
    """Search question/answer pairs; filters may also be written in the query (partij:VVD)."""
    from indexer.search.backend import SearchRequest
    from indexer.search.engines import open_backend
    from indexer.store import database_url, make_engine

    extra = {
        "minister": minister,
        "lid": lid,
        "partij": partij,
        "ministerie": ministerie,
        "soort": soort,
        "van": van,
        "tot": tot,
    }
    full_query = " ".join([query, *(f'{k}:"{v}"' for k, v in extra.items() if v)]).strip()
    if sort not in {"relevance", "date"} or group not in {"pair", "document"}:
        typer.echo("--sort must be relevance or date; --group must be pair or document", err=True)
        raise typer.Exit(code=2)
    url = database_url(_data_dir(data), db)
    if url.startswith("sqlite") and not any((_data_dir(data) / d).exists() for d in ("index", "tantivy")):
        typer.echo(f"no knowledge base in {_data_dir(data)}: run `kamervragen index PATH` first", err=True)
        raise typer.Exit(code=2)
    try:
        backend = open_backend(make_engine(url), _data_dir(data), search)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    try:
        response = backend.search(
            SearchRequest(query=full_query, page=page, page_size=limit, sort=sort, group=group)
        )
    except ValueError as exc:  # an invalid filter value (InvalidQuery): say so, search nothing
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=2) from exc
    if as_json:
        data_out = response.model_dump(mode="json")
        typer.echo(json.dumps(data_out, ensure_ascii=False, indent=2))
        return
    _print_human(response)


@app.command("serve")
def serve_command(
    data: Path | None = typer.Option(
        None, "--data", help="Data folder (default: data/ or KAMERVRAGEN_DATA)."
    ),
    db: str | None = typer.Option(None, "--db", help="Database URL (default: SQLite in the data folder)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64, help="Server processes sharing the port (one per core)."
    ),
    search: str | None = typer.Option(None, "--search", help=SEARCH_HELP),
) -> None:
    """Serve the site and the JSON API (http://127.0.0.1:8000 by default)."""
    import uvicorn

    from web.app import create_app, server_options
    from web.settings import Settings

    settings = Settings(
        data_dir=_data_dir(data),
        db=db or os.environ.get("KAMERVRAGEN_DB"),
        search=search or os.environ.get("KAMERVRAGEN_SEARCH"),  # Settings() reads it when not given
    )
    typer.echo(f"serving {settings.data_dir} on http://{host}:{port} (Ctrl+C stops)", err=True)
    options = {"log_level": "warning", **server_options(settings)}
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, **options)
        return
    from web.workers import serve_workers

    # each worker process builds its own app from the environment
    os.environ["KAMERVRAGEN_DATA"] = str(settings.data_dir.resolve())
    if settings.db:
        os.environ["KAMERVRAGEN_DB"] = settings.db
    if settings.search:
        os.environ["KAMERVRAGEN_SEARCH"] = settings.search
    serve_workers(workers, host, port, **options)


def _print_human(response) -> None:
    import re

    typer.echo(
        f"{response.total} result(s)"
        + (f" — bedoelde u: {response.suggestion}" if response.suggestion else "")
    )
    for i, hit in enumerate(response.results, start=(response.page - 1) * response.page_size + 1):
        numbers = ", ".join(map(str, hit.question_numbers))
        snippet = re.sub(r"</?mark[^>]*>", "*", hit.snippet)
        typer.echo(f"\n{i}. {hit.document_id} vraag {numbers}  ({hit.date or 'zonder datum'}; {hit.source})")
        if hit.subject:
            typer.echo(f"   {hit.subject}")
        typer.echo(f"   {snippet[:300]}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
