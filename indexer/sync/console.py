"""What `kamervragen sync` shows: progress bars with counts and ETA on a terminal (quiet when
not a terminal, as under cron), a summary, and a clear message with a non-zero exit instead of a
traceback when a source cannot be reached."""

from __future__ import annotations

from datetime import date
from pathlib import Path

EXIT_OK, EXIT_USAGE, EXIT_LOCKED, EXIT_FULL, EXIT_OFFLINE, EXIT_INCOMPLETE = 0, 2, 3, 4, 5, 6


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None


def run_sync_command(
    data_dir: Path, db: str | None, source: str, since: str | None, until: str | None, offline: bool
) -> int:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from indexer.lock import IndexLocked
    from indexer.storage_errors import StorageFull
    from indexer.sync.http import Offline
    from indexer.sync.run import SOURCES, SyncIncomplete, run_sync

    console = Console(stderr=True)
    try:
        since_day, until_day = _day(since, "--since"), _day(until, "--until")
        if source not in SOURCES:
            raise ValueError(f"--source must be one of {', '.join(SOURCES)}, not {source!r}")
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        return EXIT_USAGE
    tasks: dict[str, int] = {}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    ) as bars:

        def progress(what: str, done: int, total: int | None) -> None:
            if what not in tasks:
                tasks[what] = bars.add_task(what, total=total)
            bars.update(tasks[what], completed=done, total=total)

        indexed = {"n": 0}

        def index_progress(path: Path, status: str) -> None:
            indexed["n"] += 1
            progress("indexing", indexed["n"], None)

        try:
            report = run_sync(
                data_dir,
                db,
                source=source,
                since=since_day,
                until=until_day,
                progress=progress,
                index_progress=index_progress,
                fetch=not offline,
            )
            code = EXIT_OK
        except Offline as exc:
            console.print(
                f"[red]no connection:[/red] {exc.reason}. Nothing was changed; "
                "check the network (or KAMERVRAGEN_KOOP_SRU_URL / KAMERVRAGEN_TK_* for a mirror).",
                soft_wrap=True,
            )
            return EXIT_OFFLINE
        except IndexLocked as exc:
            console.print(f"[red]{exc}[/red]", soft_wrap=True)
            return EXIT_LOCKED
        except StorageFull as exc:
            console.print(f"[red]{exc}[/red]", soft_wrap=True)
            return EXIT_FULL
        except SyncIncomplete as exc:
            report, code = exc.report, EXIT_INCOMPLETE
    summary = report.index
    console.print(
        f"listed {report.listed}, fetched {report.fetched}, already held {report.unchanged}, "
        f"failed {report.failed}, skipped {report.skipped}; TK rows {report.tk_rows}, "
        f"deleted {report.deleted}, mondelinge toezeggingen {report.commitments}; "
        f"{report.requests} requests",
        soft_wrap=True,
    )
    if summary is not None:
        console.print(
            f"indexed: added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
            f"failed {len(summary.failed)}, not Kamervragen {len(summary.skipped)}",
            soft_wrap=True,
        )
    for line in report.errors[:50]:
        console.print(f"  {line}", soft_wrap=True, markup=False)
    if len(report.errors) > 50:
        console.print(f"  … and {len(report.errors) - 50} more in the ingest log")
    return code
