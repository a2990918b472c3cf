"""Russian ordering of names on both databases.

Name columns use the collation named ``russian``. On PostgreSQL it is an ICU collation
created by the first migration; on SQLite the same name is registered as a Python
comparison on every new connection. Both sort case-insensitively and put Ё with Е, as a
Russian reader expects (byte order would put Ё before А and ё after я).
"""

from django.db import migrations

COLLATION = "russian"


def sort_key(value):
    folded = value.casefold()
    return folded.replace("ё", "е"), folded, value


def compare(left, right):
    left_key, right_key = sort_key(left), sort_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)


def _create_icu_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE COLLATION IF NOT EXISTS {COLLATION} (provider = icu, locale = 'ru-RU')")


def create_collation_operation():
    """The migration operation that makes the collation exist before any table uses it."""
    return migrations.RunPython(_create_icu_collation, migrations.RunPython.noop, elidable=False)
