"""The `kamervragen` command. The one place where the domain, the indexer and the web app meet."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from kamervragen.errors import ParseError
from kamervragen.parser import parse

app = typer.Typer(help="Kamervragen: Dutch parliamentary questions and answers, structured.")

PARSEABLE = {".pdf", ".txt", ".docx", ".xml", ".html", ".htm", ".md"}


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders walked in sorted order for the formats the parser reads."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in PARSEABLE)
        else:
            out.append(path)
    return out


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
    for path in _expand(paths):
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
