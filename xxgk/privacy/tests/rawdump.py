"""Every row of every table as raw text, the way a stolen database dump would read."""

from __future__ import annotations

from django.db import connection


def raw_dump() -> str:
    quote = connection.ops.quote_name
    parts: list[str] = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - our own table names
            parts.extend(repr(row) for row in cursor.fetchall())
    # repr() escapes nothing in CJK text but JSON columns may hold \\u escapes: decode both.
    text = "\n".join(parts)
    return text + "\n" + text.encode("utf-8").decode("unicode_escape", errors="ignore")
