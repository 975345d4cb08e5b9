"""Date-ordered full-text row ids and filter tokens (see docs/adr/0005-chinese-search.md).

SQLite: the FTS5 table's rowid becomes SearchDocument.sort_key (publication time in ms), so
"newest first" is FTS5's own descending rowid order. PostgreSQL: a stored generated tsvector
column with a GIN index replaces the expression index (no to_tsvector() per recheck).
"""

from __future__ import annotations

from django.db import migrations, models

SQLITE_SQL = [
    "DROP TABLE IF EXISTS portal_searchfts",
    "CREATE VIRTUAL TABLE portal_searchfts USING fts5("
    "tokens, content='portal_searchdocument', content_rowid='sort_key', "
    "tokenize='unicode61', detail='full')",
    "INSERT INTO portal_searchfts(portal_searchfts) VALUES('rebuild')",
]
SQLITE_BACK = [
    "DROP TABLE IF EXISTS portal_searchfts",
    "CREATE VIRTUAL TABLE portal_searchfts USING fts5("
    "tokens, content='portal_searchdocument', content_rowid='id', "
    "tokenize='unicode61', detail='full')",
    "INSERT INTO portal_searchfts(portal_searchfts) VALUES('rebuild')",
]
PG_SQL = [
    "DROP INDEX IF EXISTS portal_searchdocument_tokens_gin",
    "ALTER TABLE portal_searchdocument ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    "CREATE INDEX portal_searchdocument_tsv_gin ON portal_searchdocument USING GIN (tsv)",
]
PG_BACK = [
    "DROP INDEX IF EXISTS portal_searchdocument_tsv_gin",
    "ALTER TABLE portal_searchdocument DROP COLUMN IF EXISTS tsv",
    "CREATE INDEX portal_searchdocument_tokens_gin ON portal_searchdocument "
    "USING GIN (to_tsvector('simple', tokens))",
]


def _fill(apps: object, schema_editor: object) -> None:
    from xxgk.portal import bigrams

    doc_model = apps.get_model("portal", "SearchDocument")  # type: ignore[attr-defined]
    used: set[int] = set()
    for doc in doc_model.objects.order_by("published_at", "id"):
        key = int(doc.published_at.timestamp() * 1000)
        while key in used:
            key += 1
        used.add(key)
        doc.sort_key = key
        doc.tokens = bigrams.document_tokens(
            doc.title,
            doc.text,
            filters=bigrams.filter_tokens(
                agency_id=doc.agency_id,
                category_id=doc.category_id,
                year=doc.year,
                validity=doc.validity,
            ),
        )
        doc.save(update_fields=["sort_key", "tokens"])


def forwards(apps: object, schema_editor: object) -> None:
    _fill(apps, schema_editor)
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    statements = {"sqlite": SQLITE_SQL, "postgresql": PG_SQL}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)  # type: ignore[attr-defined]


def backwards(apps: object, schema_editor: object) -> None:
    vendor = schema_editor.connection.vendor  # type: ignore[attr-defined]
    statements = {"sqlite": SQLITE_BACK, "postgresql": PG_BACK}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)  # type: ignore[attr-defined]


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_search_index")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="sort_key",
            field=models.BigIntegerField(null=True, unique=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
