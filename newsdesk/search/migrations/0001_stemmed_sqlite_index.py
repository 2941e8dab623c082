"""
On SQLite, the search index's FTS5 table is made again with the Porter stemmer (and
accents folded), so "strikes" finds "strike" and "Tomas" finds "Tomás", as PostgreSQL's
English configuration does. The rows are copied from the index entries; Wagtail's
triggers keep the table current as before. Other databases: nothing to do.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def _make(schema_editor, tokenize):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [f"{TABLE}_fts"]
        )
        if cursor.fetchone() is None:
            return  # SQLite without FTS5: Wagtail searches with its fallback.
        cursor.execute(f"DROP TABLE {TABLE}_fts")
        options = f", tokenize = '{tokenize}'" if tokenize else ""
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE}_fts USING fts5(autocomplete, body, title{options})"
        )
        cursor.execute(
            f"INSERT INTO {TABLE}_fts (rowid, title, body, autocomplete) "
            f"SELECT id, title, body, autocomplete FROM {TABLE}"
        )


def stem(apps, schema_editor):
    _make(schema_editor, "porter unicode61 remove_diacritics 2")


def unstem(apps, schema_editor):
    _make(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(stem, unstem, elidable=False)]
