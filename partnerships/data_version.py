"""The data version: a number the database moves on whenever the app's data changes, so
that work built from the data (the report pages) can be kept until it would come out
different.

Triggers on the tables of the four apps move the number on in the same transaction as the
change, so the number and the data it stands for become visible together: whatever was
built after reading version n was built from data at least as new as n. Every write counts,
however it is made (a form, the admin, `queryset.update`, the import's COPY and raw SQL),
because the database counts it, not the code. History tables and the per-person tables that
no report reads (sign-ins, reminder settings, sent reminders, calendar feeds) are left out.

- PostgreSQL: a deferred constraint trigger moves the number on once per transaction, at
  commit, so the one row is locked only while committing: writers never queue behind each
  other mid-transaction, nor deadlock over it.
- SQLite: a trigger per row written; SQLite has one writer at a time anyway.

The row also holds a random epoch, made with the table, so that a database built again from
nothing never repeats an earlier version. The table and triggers are (re)made after every
`migrate` (`install`, on post_migrate): SQLite drops a table's triggers when a migration
rebuilds the table, and new models get theirs.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connections

TABLE = "golden_thread_data_version"
APPS = ("partnerships", "indicators", "meetings", "funding")
UNTRACKED = {"User", "ReminderPreference", "SentReminder", "CalendarFeed"}


def current(using: str = "default") -> str:
    """The data version now, e.g. '3f2a9c.1207'."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT epoch, n FROM {TABLE} WHERE id = 1")
        epoch, n = cursor.fetchone()
    return f"{epoch}.{n}"


def tracked_tables() -> list[str]:
    tables = set()
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            owner = model._meta.auto_created or model  # a many-to-many table: its model
            if model.__name__.startswith("Historical") or owner.__name__ in UNTRACKED:
                continue
            tables.add(model._meta.db_table)
    return sorted(tables)


def install(using: str = "default", **kwargs: object) -> None:
    """Make the version row and the triggers; safe to run again (post_migrate)."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    statements = _POSTGRESQL if connection.vendor == "postgresql" else _SQLITE
    with connection.cursor() as cursor:
        for sql in statements["setup"]:
            cursor.execute(sql)
        for table in tracked_tables():
            if table in tables:
                for sql in statements["table"]:
                    cursor.execute(sql.format(table=table))


_SQLITE = {
    "setup": [
        f"CREATE TABLE IF NOT EXISTS {TABLE} "
        "(id integer PRIMARY KEY, epoch text NOT NULL, n integer NOT NULL)",
        f"INSERT OR IGNORE INTO {TABLE} VALUES (1, lower(hex(randomblob(6))), 0)",
    ],
    "table": [
        f"CREATE TRIGGER IF NOT EXISTS gt_{{table}}_{event.lower()} AFTER {event} ON {{table}} "
        f"BEGIN UPDATE {TABLE} SET n = n + 1 WHERE id = 1; END"
        for event in ("INSERT", "UPDATE", "DELETE")
    ],
}

_POSTGRESQL = {
    "setup": [
        f"CREATE TABLE IF NOT EXISTS {TABLE} "
        "(id integer PRIMARY KEY, epoch text NOT NULL, n bigint NOT NULL)",
        f"INSERT INTO {TABLE} VALUES (1, substr(md5(random()::text), 1, 12), 0) "
        "ON CONFLICT (id) DO NOTHING",
        # Once per transaction: the first row event at commit moves the number on and
        # notes it in a setting local to the transaction; the rest see the note.
        f"""CREATE OR REPLACE FUNCTION gt_data_changed() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('golden_thread.counted', true) IS DISTINCT FROM 'yes' THEN
                    UPDATE {TABLE} SET n = n + 1 WHERE id = 1;
                    PERFORM set_config('golden_thread.counted', 'yes', true);
                END IF;
                RETURN NULL;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION gt_data_truncated() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {TABLE} SET n = n + 1 WHERE id = 1;
                RETURN NULL;
            END $$""",
    ],
    "table": [
        # (PostgreSQL cannot replace a constraint trigger, so it is dropped and made again.)
        "DROP TRIGGER IF EXISTS gt_data_changed ON {table}",
        "CREATE CONSTRAINT TRIGGER gt_data_changed "
        "AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED "
        "FOR EACH ROW EXECUTE FUNCTION gt_data_changed()",
        "CREATE OR REPLACE TRIGGER gt_data_truncated AFTER TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION gt_data_truncated()",
    ],
}
