"""Data versions, one per agreement: numbers the database moves on whenever an agreement's
data change, so that work built from them (the report pages) can be kept until it would come
out different, and a change in one agreement never touches another's pages or waits on its
writers.

Triggers on the tables of the apps move the version of the agreement a row belongs to in the
same transaction as the change, so the version and the data it stands for become visible
together: whatever was built after reading version v of an agreement was built from that
agreement's data at least as new as v. Every write counts, however it is made (a form, the
admin, `queryset.update`, the import's COPY and raw SQL), because the database counts it,
not the code. A row's agreement is found through its foreign keys (`agreement_paths`: the
shortest way to an agreement, e.g. an actual → its target → the target's agreement). Rows
that belong to no one agreement (areas, the national indicators, a user's name), and rows
whose agreement cannot be found, move the version every agreement shares (row 0), which is
part of each agreement's version. Left out: the tables no report reads (reminder settings,
sent reminders, calendar feeds, and the actuals' history, which imports write 50,000 rows at
a time); a user's row counts only when their name or e-mail changes (it changes at every
sign-in).

- PostgreSQL: a row trigger notes the row's agreement in a setting local to the transaction;
  a deferred constraint trigger moves each noted agreement's version on once, at commit, in
  agreement order. Only those agreements' rows are locked, and only while committing: writers
  in other agreements never wait on them. The row locks the app takes to serialise its writes
  are FOR NO KEY UPDATE: they never hold up the foreign-key checks run at commit.
- SQLite: a trigger per row written; SQLite has one writer at a time anyway.

Each move also draws a random token, so a version never repeats: not after a restore from a
backup, nor on a replica that lost its last commits, nor in a database built again from
nothing. Pages kept in a shared cache under versions of the lost timeline are never found
again, so no server needs restarting. The table and any missing triggers are made after every
`migrate` (`install`, on post_migrate, in one transaction), which then moves the shared
version on: SQLite drops a table's triggers when a migration rebuilds the table, so writes
made meanwhile are counted then; new models get their triggers.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque

from django.apps import apps
from django.db import connections, models, transaction

TABLE = "golden_thread_agreement_version"
OLD_TABLE = "golden_thread_data_version"  # one row for the whole database, until issue 19
EVERY = 0  # the version every agreement shares
APPS = ("partnerships", "indicators", "plans", "meetings", "funding")
# Tables whose changes no report shows: the documents built from reports (kept by the
# version: writing one must not move it), reminder settings, sent reminders, calendar feeds,
# and the actuals' history (imports write it 50,000 rows at a time; reports read the
# actuals themselves). Other history is tracked: the exception report reads plan actions'.
# Nor sign-ins and their sessions (a row at every sign-in; a change to them would move
# every agreement's version, as they belong to none).
UNTRACKED = {
    "Document",  # files built from the data: they are kept by its version
    "ImportRun",  # a workbook import's progress (what it writes is tracked)
    "ReminderPreference",
    "SentReminder",
    "CalendarFeed",
    "HistoricalActual",
    "SignInEvent",
    "SignedInSession",
}
# A user's row changes at every sign-in; reports show only their name.
ONLY_COLUMNS = {"User": ("first_name", "last_name", "email")}


def current(agreement: int | None = None, using: str = "default") -> str:
    """The data version of an agreement now, e.g. '3f2a9c0b11d4.12.9e01c2aa7b30.1207'; with
    no agreement, a number that moves on with every change to any agreement."""
    with connections[using].cursor() as cursor:
        if agreement is None:
            cursor.execute(f"SELECT COALESCE(SUM(n), 0) FROM {TABLE}")
            return str(cursor.fetchone()[0])
        cursor.execute(
            f"SELECT agreement_id, token, n FROM {TABLE} WHERE agreement_id IN (%s, %s)",
            [EVERY, agreement],
        )
        found = {row[0]: f"{row[1]}.{row[2]}" for row in cursor.fetchall()}
    return f"{found.get(EVERY, '0')}.{found.get(agreement, '0')}"


def tracked_tables() -> dict[str, tuple[str, ...]]:
    """{table: the columns whose updates count (empty: every change counts)}."""
    tables = {}
    for model in _tracked_models():
        owner = model._meta.auto_created or model
        tables[model._meta.db_table] = ONLY_COLUMNS.get(owner.__name__, ())
    return dict(sorted(tables.items()))


def _tracked_models() -> list[type[models.Model]]:
    found = []
    for label in APPS:
        if label not in apps.app_configs:
            continue
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            owner = model._meta.auto_created or model  # a many-to-many table: its model
            if owner.__name__ in UNTRACKED or model.__name__ in UNTRACKED:
                continue
            if owner.__name__ in ONLY_COLUMNS and owner is not model:
                continue  # not the user's groups and permissions
            found.append(model)
    return found


def agreement_paths() -> dict[str, list[models.ForeignKey] | None]:
    """{table: the foreign keys leading from its rows to their agreement}: [] for the
    agreements' own table, None for tables whose rows belong to no one
    agreement. Keys that are never empty are preferred: an action point's agreement is its
    agenda item's meeting's, not that of the meeting it may be due at."""
    agreement = apps.get_model("partnerships", "Agreement")
    paths = {}
    for model in _tracked_models():
        # A history row has its model's columns (its keys may be empty, but not in rows).
        source = getattr(model, "instance_type", model)
        if source is agreement:
            paths[model._meta.db_table] = []
            continue
        path = _path(source, agreement, nullable=False)
        paths[model._meta.db_table] = path if path is not None else _path(source, agreement)
    return paths


def _path(
    model: type[models.Model], agreement: type[models.Model], nullable: bool = True
) -> list | None:
    """The shortest chain of foreign keys from model to the agreement (breadth first)."""
    queue: deque[tuple[type[models.Model], list]] = deque([(model, [])])
    seen = {model}
    while queue:
        here, path = queue.popleft()
        if here is agreement:
            return path
        for field in here._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one) or (field.null and not nullable):
                continue
            target = field.related_model
            if target in seen or target._meta.app_label not in APPS:
                continue
            seen.add(target)
            queue.append((target, [*path, field]))
    return None


def agreement_of(path: list | None, row: str) -> str:
    """SQL for the agreement of row (NEW or OLD) along path, NULL if it cannot be found."""
    if path is None:
        return "NULL"
    if not path:
        return f"{row}.id"
    sql = f"{row}.{path[0].column}"
    for before, field in itertools.pairwise(path):
        sql = (
            f"(SELECT {field.column} FROM {field.model._meta.db_table} "
            f"WHERE {before.target_field.column} = {sql})"
        )
    return sql


def install(using: str = "default", **kwargs: object) -> None:
    """Make the versions' table and the missing triggers, in one transaction, then move the
    shared version on: whatever changed while a migration had a table's triggers away is
    counted. Safe to run again (post_migrate)."""
    connection = connections[using]
    present = set(connection.introspection.table_names())
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for sql in _POSTGRESQL_SETUP if postgresql else _SQLITE_SETUP:
            cursor.execute(sql)
        tables = tracked_tables()
        paths = agreement_paths()
        if postgresql:
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'gt\\_%%'"
            )
            made = set(cursor.fetchall())
            for table, name in made:  # a table no longer tracked
                if table not in tables:
                    cursor.execute(f'DROP TRIGGER "{name}" ON "{table}"')
        else:  # the triggers of an older version move the old table: made again
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'gt\\_%%' ESCAPE '\\'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER "{name}"')
            made = set()
        for table, columns in tables.items():
            if table in present:
                make = _postgresql_triggers if postgresql else _sqlite_triggers
                for sql in make(table, columns, paths[table], made):
                    cursor.execute(sql)
        cursor.execute(f"DROP TABLE IF EXISTS {OLD_TABLE}")
        cursor.execute(
            f"UPDATE {TABLE} SET n = n + 1, token = {_TOKEN[postgresql]} "
            f"WHERE agreement_id = {EVERY}"
        )


_TOKEN = {True: "substr(md5(random()::text), 1, 12)", False: "lower(hex(randomblob(6)))"}

_SQLITE_SETUP = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(agreement_id integer PRIMARY KEY, token text NOT NULL, n integer NOT NULL)",
    f"INSERT OR IGNORE INTO {TABLE} VALUES ({EVERY}, {_TOKEN[False]}, 0)",
]

_POSTGRESQL_SETUP = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(agreement_id bigint PRIMARY KEY, token text NOT NULL, n bigint NOT NULL)",
    f"INSERT INTO {TABLE} VALUES ({EVERY}, {_TOKEN[True]}, 0) "
    "ON CONFLICT (agreement_id) DO NOTHING",
    # Notes an agreement (0: every one) in a setting local to the transaction (and to a
    # savepoint: one rolled back takes its notes with it).
    f"""CREATE OR REPLACE FUNCTION gt_note(agreement bigint) RETURNS void
        LANGUAGE plpgsql AS $$
        DECLARE
            noted text := COALESCE(current_setting('golden_thread.touched', true), '');
            one text := ',' || COALESCE(agreement, {EVERY}) || ',';
        BEGIN
            IF noted = '' THEN
                PERFORM set_config('golden_thread.touched', one, true);
            ELSIF position(one IN noted) = 0 THEN
                PERFORM set_config('golden_thread.touched', noted || substr(one, 2), true);
            END IF;
        END $$""",
    f"""CREATE OR REPLACE FUNCTION gt_bump(agreement bigint) RETURNS void
        LANGUAGE sql AS $$
        INSERT INTO {TABLE} VALUES (agreement, {_TOKEN[True]}, 1)
        ON CONFLICT (agreement_id)
        DO UPDATE SET n = {TABLE}.n + 1, token = EXCLUDED.token $$""",
    # At commit, the first deferred event moves each noted agreement on, in order (two
    # transactions never lock the same two agreements in opposite orders); the rest find
    # nothing noted.
    """CREATE OR REPLACE FUNCTION gt_data_changed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            noted text := COALESCE(current_setting('golden_thread.touched', true), '');
            agreement bigint;
        BEGIN
            IF noted <> '' THEN
                PERFORM set_config('golden_thread.touched', '', true);
                FOR agreement IN
                    SELECT DISTINCT x::bigint FROM
                    unnest(string_to_array(trim(BOTH ',' FROM noted), ',')) x ORDER BY 1
                LOOP
                    PERFORM gt_bump(agreement);
                END LOOP;
            END IF;
            RETURN NULL;
        END $$""",
    f"""CREATE OR REPLACE FUNCTION gt_data_truncated() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM gt_bump({EVERY});
            RETURN NULL;
        END $$""",
]


def _sqlite_triggers(
    table: str, columns: tuple[str, ...], path: list | None, made: set
) -> list[str]:
    def bump(row: str, unless: str = "") -> str:
        found = f"COALESCE({agreement_of(path, row)}, {EVERY})"
        where = (
            f"{found} IS NOT COALESCE({agreement_of(path, unless)}, {EVERY})" if unless else "true"
        )
        return (
            f"INSERT INTO {TABLE} SELECT {found}, {_TOKEN[False]}, 1 WHERE {where} "
            "ON CONFLICT (agreement_id) DO UPDATE SET n = n + 1, token = excluded.token;"
        )

    bodies = {
        "INSERT": bump("NEW"),
        "UPDATE": bump("NEW") + " " + bump("OLD", unless="NEW"),
        "DELETE": bump("OLD"),
    }
    events = {f"UPDATE OF {', '.join(columns)}": bodies["UPDATE"]} if columns else bodies
    return [
        f"CREATE TRIGGER gt_{table}_{event.split()[0].lower()} "
        f"AFTER {event} ON {table} BEGIN {body} END"
        for event, body in events.items()
    ]


def _postgresql_triggers(
    table: str, columns: tuple[str, ...], path: list | None, made: set
) -> list[str]:
    events = f"UPDATE OF {', '.join(columns)}" if columns else "INSERT OR UPDATE OR DELETE"
    function = f"gt_touched_{table}"
    if len(function) > 63:
        function = f"{function[:54]}_{hashlib.sha1(table.encode()).hexdigest()[:8]}"
    sql = [
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN PERFORM gt_note({agreement_of(path, "OLD")}); END IF;
                IF TG_OP <> 'DELETE' THEN PERFORM gt_note({agreement_of(path, "NEW")}); END IF;
                RETURN NULL;
            END $$"""
    ]
    if (table, "gt_agreement_touched") not in made:
        sql.append(
            f"CREATE TRIGGER gt_agreement_touched AFTER {events} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    if (table, "gt_data_changed") not in made:
        sql.append(
            f"CREATE CONSTRAINT TRIGGER gt_data_changed AFTER {events} ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gt_data_changed()"
        )
    if not columns:
        sql.append(
            f"CREATE OR REPLACE TRIGGER gt_data_truncated AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION gt_data_truncated()"
        )
    return sql
