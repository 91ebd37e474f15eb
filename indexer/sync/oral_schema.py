"""Let a knowledge base made before oral commitments hold them: their rows have no document,
and an older commitments table has `document_id NOT NULL`. Adding columns is done for every
table when the engine opens (indexer.store); relaxing a constraint is not, so the sync does it
once here, before its first import, keeping every stored row.

PostgreSQL drops the constraint in place. SQLite cannot: the table is rebuilt the way SQLite's
documentation prescribes (new table, rows copied, old one dropped) in one transaction, so a
failure leaves the old table as it was."""

from __future__ import annotations

from sqlalchemy import Engine, inspect
from sqlalchemy import text as sql_text

from indexer import models as m

__all__ = ["allow_oral_rows"]


def allow_oral_rows(engine: Engine) -> bool:
    """Make commitments.document_id nullable if it is not; True when something was changed."""
    table = m.CommitmentRow.__table__
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":  # pysqlite would run the DDL outside a transaction
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        columns = {c["name"]: c for c in inspect(conn).get_columns(table.name)}
        if columns["document_id"]["nullable"]:
            return False
        if conn.dialect.name != "sqlite":
            conn.execute(sql_text(f'ALTER TABLE "{table.name}" ALTER COLUMN document_id DROP NOT NULL'))
            return True
        old = f"{table.name}_before_oral"
        conn.execute(sql_text(f'ALTER TABLE "{table.name}" RENAME TO "{old}"'))
        for index in inspect(conn).get_indexes(old):  # their names are the new table's
            conn.execute(sql_text(f'DROP INDEX "{index["name"]}"'))
        table.create(conn)
        shared = ", ".join(f'"{c.name}"' for c in table.columns if c.name in columns)
        conn.execute(sql_text(f'INSERT INTO "{table.name}" ({shared}) SELECT {shared} FROM "{old}"'))
        conn.execute(sql_text(f'DROP TABLE "{old}"'))
    return True
