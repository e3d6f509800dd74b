"""The data version: a number the database moves on whenever the app's data changes, so
that work built from the data (the report pages) can be kept until it would come out
different.

Triggers on the tables of the four apps move the number on in the same transaction as the
change, so the number and the data it stands for become visible together: whatever was
built after reading version n was built from data at least as new as n. Every write counts,
however it is made (a form, the admin, `queryset.update`, the import's COPY and raw SQL),
because the database counts it, not the code. Left out: the tables no report reads
(reminder settings, sent reminders, calendar feeds, and the actuals' history, which imports
write 50,000 rows at a time); a user's row counts only when their name or e-mail changes
(it changes at every sign-in).

- PostgreSQL: a deferred constraint trigger moves the number on once per transaction, at
  commit, so the one row is locked only while committing: writers do not queue behind each
  other mid-transaction. A commit that then waits on another transaction's row lock would
  hold the row meanwhile, so the row locks the app takes to serialise its writes are
  FOR NO KEY UPDATE: they never hold up the foreign-key checks run at commit.
- SQLite: a trigger per row written; SQLite has one writer at a time anyway.

The row also holds a random epoch, made with the table, so that a database built again from
nothing never repeats an earlier version. The table and any missing triggers are made after
every `migrate` (`install`, on post_migrate, in one transaction), which then moves the
version on: SQLite drops a table's triggers when a migration rebuilds the table, so writes
made meanwhile are counted then; new models get their triggers.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connections, transaction

TABLE = "golden_thread_data_version"
APPS = ("partnerships", "indicators", "plans", "meetings", "funding")
# Tables whose changes no report shows: reminder settings, sent reminders, calendar feeds,
# and the actuals' history (imports write it 50,000 rows at a time; reports read the
# actuals themselves). Other history is tracked: the exception report reads plan actions'.
UNTRACKED = {"ReminderPreference", "SentReminder", "CalendarFeed", "HistoricalActual"}
# A user's row changes at every sign-in; reports show only their name.
ONLY_COLUMNS = {"User": ("first_name", "last_name", "email")}


def current(using: str = "default") -> str:
    """The data version now, e.g. '3f2a9c.1207'."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT epoch, n FROM {TABLE} WHERE id = 1")
        epoch, n = cursor.fetchone()
    return f"{epoch}.{n}"


def tracked_tables() -> dict[str, tuple[str, ...]]:
    """{table: the columns whose updates count (empty: every change counts)}."""
    tables = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            owner = model._meta.auto_created or model  # a many-to-many table: its model
            if owner.__name__ in UNTRACKED or model.__name__ in UNTRACKED:
                continue
            if owner.__name__ in ONLY_COLUMNS:
                if owner is model:  # not the user's groups and permissions
                    tables[model._meta.db_table] = ONLY_COLUMNS[model.__name__]
                continue
            tables[model._meta.db_table] = ()
    return dict(sorted(tables.items()))


def install(using: str = "default", **kwargs: object) -> None:
    """Make the version row and the missing triggers, in one transaction, then move the
    version on: whatever changed while a migration had a table's triggers away is counted.
    Safe to run again (post_migrate); existing triggers are left alone."""
    connection = connections[using]
    present = set(connection.introspection.table_names())
    postgresql = connection.vendor == "postgresql"
    statements = _POSTGRESQL if postgresql else _SQLITE
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for sql in statements["setup"]:
            cursor.execute(sql)
        made: set[str] = set()
        if postgresql:
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'gt_data_changed'"
            )
            made = {row[0] for row in cursor.fetchall()}
        triggers = _postgresql_triggers if postgresql else _sqlite_triggers
        for table, columns in tracked_tables().items():
            if table in present and table not in made:
                for sql in triggers(table, columns):
                    cursor.execute(sql)
        cursor.execute(f"UPDATE {TABLE} SET n = n + 1 WHERE id = 1")


_SQLITE = {
    "setup": [
        f"CREATE TABLE IF NOT EXISTS {TABLE} "
        "(id integer PRIMARY KEY, epoch text NOT NULL, n integer NOT NULL)",
        f"INSERT OR IGNORE INTO {TABLE} VALUES (1, lower(hex(randomblob(6))), 0)",
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
}


def _sqlite_triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    events = [f"UPDATE OF {', '.join(columns)}"] if columns else ["INSERT", "UPDATE", "DELETE"]
    return [
        f"CREATE TRIGGER IF NOT EXISTS gt_{table}_{event.split()[0].lower()} "
        f"AFTER {event} ON {table} BEGIN UPDATE {TABLE} SET n = n + 1 WHERE id = 1; END"
        for event in events
    ]


def _postgresql_triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    events = f"UPDATE OF {', '.join(columns)}" if columns else "INSERT OR UPDATE OR DELETE"
    sql = [
        f"CREATE CONSTRAINT TRIGGER gt_data_changed AFTER {events} ON {table} "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gt_data_changed()"
    ]
    if not columns:
        sql.append(
            f"CREATE OR REPLACE TRIGGER gt_data_truncated AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION gt_data_truncated()"
        )
    return sql
