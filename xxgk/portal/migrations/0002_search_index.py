"""The bigram full-text index: FTS5 on SQLite, a GIN expression index on PostgreSQL."""

from __future__ import annotations

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS portal_searchfts USING fts5("
    "tokens, content='portal_searchdocument', content_rowid='id', "
    "tokenize='unicode61', detail='full')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS portal_searchfts"
PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS portal_searchdocument_tokens_gin ON portal_searchdocument "
    "USING GIN (to_tsvector('simple', tokens))"
)
PG_DROP = "DROP INDEX IF EXISTS portal_searchdocument_tokens_gin"


def forwards(apps: object, schema_editor: object) -> None:
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)  # type: ignore[attr-defined]
    elif vendor == "postgresql":
        schema_editor.execute(PG_CREATE)  # type: ignore[attr-defined]


def backwards(apps: object, schema_editor: object) -> None:
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)  # type: ignore[attr-defined]
    elif vendor == "postgresql":
        schema_editor.execute(PG_DROP)  # type: ignore[attr-defined]


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
