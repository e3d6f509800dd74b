"""Importing a checked workbook: all or nothing, only what differs, with history."""

from __future__ import annotations

import datetime
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from indicators.models import Actual, DataReturn, Indicator, Target, TargetValue
from indicators.workbook.planning import Plan, plan_import
from indicators.workbook.planning.outcomes_sheet import THEMES
from indicators.workbook.planning.people_sheet import ORGANISATIONS
from indicators.workbook.reading import (
    ACTUALS,
    DISTRICTS,
    INDICATORS,
    MEMBERSHIPS,
    OUTCOMES,
    PARTNERSHIPS,
    PEOPLE,
    TARGET_VALUES,
    TARGETS,
    Problem,
    Sheet,
    WorkbookRejected,
    workbook_read,
)
from partnerships import clock
from partnerships.models import (
    Agreement,
    Area,
    Membership,
    Organisation,
    Outcome,
    Partnership,
    Person,
    Theme,
    User,
)

BATCH_SIZE = 1_000
# Values the database driver takes as they are; dates and times go through Django's
# conversion (time zones, SQLite's text dates).
_AS_IS = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField",
    "DecimalField", "ForeignKey", "IntegerField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SmallIntegerField", "TextField",
}  # fmt: skip


def _converter(field: models.Field[Any, Any]) -> Any:
    if field.get_internal_type() in _AS_IS:
        return None
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        # A workbook names few distinct dates and one "now": convert each once.
        if value not in seen:
            seen[value] = field.get_db_prep_save(value, connection)
        return seen[value]

    return convert


def _columns(fields: list[models.Field[Any, Any]], rows: list[dict[str, Any]]) -> list[list[Any]]:
    """Each field's values over rows, as the database driver takes them."""
    names = [f.attname for f in fields]
    values_of = operator.itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    columns = [list(column) for column in zip(*map(values_of, rows), strict=True)]
    for n, convert in enumerate(map(_converter, fields)):
        if convert is not None:
            columns[n] = [convert(value) for value in columns[n]]
    return columns


def _values(fields: list[Any], rows: list[dict[str, Any]]) -> tuple[str, list[Any]]:
    """SQLite: VALUES (%s, …), (…) of rows' values, with its parameters."""
    columns = _columns(fields, rows)
    row = f"({', '.join(['%s'] * len(fields))})"
    params = [value for values in zip(*columns, strict=True) for value in values]
    return f"VALUES {', '.join([row] * len(rows))}", params


def _copy_to_scratch(
    cursor: Any, model: type[models.Model], fields: list[Any], rows: list[dict[str, Any]]
) -> str:
    """PostgreSQL: COPY rows' values into a scratch table shaped like the model's (no
    indexes, no constraints, dropped at commit); its name.

    COPY is how PostgreSQL takes many rows: psycopg formats them in C, where multi-row
    VALUES or one array per column make it adapt every value in Python.
    """
    quote = connection.ops.quote_name
    scratch = quote(f"import_{model._meta.db_table}")
    columns = ", ".join(quote(f.column) for f in fields)
    cursor.execute(
        f"CREATE TEMPORARY TABLE {scratch} ON COMMIT DROP AS "
        f"SELECT {columns} FROM {quote(model._meta.db_table)} WITH NO DATA"
    )
    names = [f.attname for f in fields]
    values_of = operator.itemgetter(*names)
    with cursor.cursor.copy(f"COPY {scratch} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(values_of(row))
    return scratch


@dataclass(frozen=True)
class _History:
    """Who, when and why, for the history rows the database copies from rows it writes."""

    by: User | None
    reason: str
    now: datetime.datetime

    def insert(self, model: type[models.Model], kind: str) -> tuple[str, str, list[Any]]:
        """INSERT INTO the history table (…) and SELECT …'s columns, with their parameters,
        for rows of model just created ("+") or changed ("~")."""
        history = get_history_manager_for_model(model).model
        quote = connection.ops.quote_name
        tracked = ", ".join(quote(f.column) for f in history.tracked_fields)
        names = ("history_date", "history_change_reason", "history_type", "history_user")
        extra = [history._meta.get_field(name) for name in names]
        values = [self.now, self.reason, kind, self.by.pk if self.by else None]
        params = [f.get_db_prep_save(v, connection) for f, v in zip(extra, values, strict=True)]
        columns = ", ".join(quote(f.column) for f in extra)
        return (
            f"INSERT INTO {quote(history._meta.db_table)} ({tracked}, {columns})",
            f"{tracked}, %s, %s, %s, %s",
            params,
        )

    def tracked(self, model: type[models.Model], alias: str = "") -> str:
        quote = connection.ops.quote_name
        fields = get_history_manager_for_model(model).model.tracked_fields
        return ", ".join(f"{alias}{quote(f.column)}" for f in fields)


def _insert(
    model: type[models.Model], rows: list[dict[str, Any]], history: _History | None
) -> None:
    """INSERT rows (attname → value) and, with history, a "+" history row for each.

    For the many actuals: Django's bulk_create makes a model instance of each and converts
    every value through its field, several times the database's own work.
    """
    pk = model._meta.pk
    assert pk is not None
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            scratch = _copy_to_scratch(cursor, model, fields, rows)
            insert = f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {scratch}"
            params: list[Any] = []
            if history is not None:
                # One statement: the history rows are copied from the rows as inserted.
                into, select, params = history.insert(model, "+")
                insert = (
                    f"WITH written AS ({insert} RETURNING {history.tracked(model)}) "
                    f"{into} SELECT {select} FROM written"
                )
            cursor.execute(insert, params)
            cursor.execute(f"DROP TABLE {scratch}")
            return
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            values, params = _values(fields, batch)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) {values} RETURNING {quote(pk.column)}", params
            )
            keys = [key for (key,) in cursor.fetchall()]
            if history is not None:
                _record(cursor, model, keys, history, "+")


class ChangedMeanwhile(Exception):
    """A row the import planned to change was changed (or its period approved) by someone
    else while the import ran: nothing is written, and the preview must be seen again."""


def _update(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    names: Iterable[str],
    history: _History | None = None,
) -> None:
    """Write the named columns of rows (attname → value, with the primary key) and, with
    history, a "~" history row for each. When the rows carry their next `version`, a row
    is written only if it is still at the version before: any other raises
    ChangedMeanwhile (optimistic concurrency, as a form's save has).

    Django's bulk_update sets each column with a CASE of one branch per row, which the
    database evaluates row by row: quadratic, and minutes for 50,000 rows on SQLite. An
    UPDATE … FROM a table of the new values is linear.
    """
    pk = model._meta.pk
    assert pk is not None
    fields: list[Any] = [pk, *(model._meta.get_field(name) for name in sorted(names))]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key = quote(pk.column)
    versioned = "version" in names
    version = quote("version")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _update_from_copy(cursor, model, fields, rows, history, versioned=versioned)
            return
        aliases = [f"c{n}" for n in range(len(fields))]
        sets = ", ".join(f"{quote(f.column)} = v.{aliases[n]}" for n, f in enumerate(fields) if n)
        at = next((aliases[n] for n, f in enumerate(fields) if f.attname == "version"), "")
        condition = f" AND {table}.{version} = v.{at} - 1" if versioned else ""
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start : start + BATCH_SIZE]
            values, params = _values(fields, batch)
            cursor.execute(
                f"WITH v({', '.join(aliases)}) AS ({values}) "
                f"UPDATE {table} SET {sets} FROM v WHERE {table}.{key} = v.c0{condition}",
                params,
            )
            if versioned:
                # sqlite3 gives no rowcount for a statement that starts with WITH.
                cursor.execute("SELECT changes()")
                if cursor.fetchone()[0] != len(batch):
                    raise ChangedMeanwhile
            if history is not None:
                _record(cursor, model, [row[pk.attname] for row in batch], history, "~")


def _update_from_copy(
    cursor: Any,
    model: type[models.Model],
    fields: list[Any],
    rows: list[dict[str, Any]],
    history: _History | None,
    *,
    versioned: bool,
) -> None:
    """PostgreSQL: _update's UPDATE … FROM a COPY of the rows, history rows in the same
    statement; fields start with the primary key."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key = quote(fields[0].column)
    version = quote("version")
    scratch = _copy_to_scratch(cursor, model, fields, rows)
    sets = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields[1:])
    update = f"UPDATE {table} SET {sets} FROM {scratch} v WHERE {table}.{key} = v.{key}"
    if versioned:
        update += f" AND {table}.{version} = v.{version} - 1"
    params: list[Any] = []
    if history is not None:
        into, select, params = history.insert(model, "~")
        tracked = history.tracked(model, f"{table}.")
        update = (
            f"WITH written AS ({update} RETURNING {tracked}) {into} SELECT {select} FROM written"
        )
    cursor.execute(update, params)
    if cursor.rowcount != len(rows):  # the history rows written, one per row updated
        raise ChangedMeanwhile
    cursor.execute(f"DROP TABLE {scratch}")


def _record(
    cursor: Any, model: type[models.Model], keys: list[Any], history: _History, kind: str
) -> None:
    """SQLite: history rows copied by the database from the rows with these keys."""
    into, select, params = history.insert(model, kind)
    pk = model._meta.pk
    assert pk is not None
    quote = connection.ops.quote_name
    cursor.execute(
        f"{into} SELECT {select} FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(pk.column)} IN ({', '.join(['%s'] * len(keys))})",
        params + keys,
    )


@dataclass
class _Writer:
    by: User | None
    reason: str
    now: datetime.datetime = field(default_factory=clock.now)

    @property
    def history(self) -> dict[str, Any]:
        return {
            "batch_size": BATCH_SIZE,
            "default_user": self.by,
            "default_change_reason": self.reason,
            "default_date": self.now,
        }

    @property
    def copied_history(self) -> _History | None:
        """History rows the database copies (no need to hold every column of 50,000 rows
        in Python), unless history is switched off."""
        if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return None
        return _History(self.by, self.reason, self.now)

    def create(self, model: type[models.Model], objs: list[Any]) -> None:
        if objs:
            bulk_create_with_history(objs, model, **self.history)

    def update(
        self,
        model: type[models.Model],
        objs: list[Any],
        names: Iterable[str],
        *,
        versioned: bool = False,
    ) -> None:
        """Write the named fields of objs; versioned, each gets its next version and is
        written only if still at the one planned against (else ChangedMeanwhile)."""
        if not objs:
            return
        if versioned:
            names = {*names, "version"}
            for obj in objs:
                obj.version += 1
        fields = [model._meta.get_field(name) for name in names]
        relations = [f for f in fields if f.is_relation]
        for obj in objs:
            for relation in relations:
                # A related object set by the plan may have been created moments ago.
                if relation.is_cached(obj):
                    related = getattr(obj, relation.name)
                    setattr(obj, relation.attname, related.pk if related else None)
        rows = [
            {f.attname: getattr(obj, f.attname) for f in [model._meta.pk, *fields]} for obj in objs
        ]
        _update(model, rows, names)
        get_history_manager_for_model(model).bulk_history_create(objs, update=True, **self.history)


def _create_in_order(
    write: _Writer, model: type[models.Model], objs: list[Any], above: str
) -> None:
    """Create objs, each after the new one it refers to by its field above (a district
    before its wards, a partnership before those reporting to it)."""
    pending = list(objs)
    while pending:
        ready = [o for o in pending if getattr(o, above) is None or getattr(o, above).pk]
        write.create(model, ready)
        pending = [o for o in pending if o.pk is None]


def _apply_agreement_sheets(plan: Plan, write: _Writer) -> None:
    """The Districts, Partnerships, People and Outcomes sheets, in that order."""
    writes = plan.writes
    _create_in_order(write, Area, writes[DISTRICTS].created, "parent")
    write.update(Area, writes[DISTRICTS].updated, writes[DISTRICTS].fields, versioned=True)
    _create_in_order(write, Partnership, writes[PARTNERSHIPS].created, "reports_to")
    write.update(
        Partnership, writes[PARTNERSHIPS].updated, writes[PARTNERSHIPS].fields, versioned=True
    )
    write.create(Organisation, writes[ORGANISATIONS].created)
    write.create(Person, writes[PEOPLE].created)
    write.update(Person, writes[PEOPLE].updated, writes[PEOPLE].fields, versioned=True)
    write.create(Membership, writes[MEMBERSHIPS].created)
    write.update(Membership, writes[MEMBERSHIPS].updated, writes[MEMBERSHIPS].fields)
    write.create(Theme, writes[THEMES].created)
    _create_in_order(write, Outcome, writes[OUTCOMES].created, "parent")
    write.update(Outcome, writes[OUTCOMES].updated, writes[OUTCOMES].fields, versioned=True)


def _apply(plan: Plan, *, by: User | None, reason: str) -> None:
    write = _Writer(by, reason[:100])
    writes = plan.writes
    _apply_agreement_sheets(plan, write)
    # A new proxy can stand in for another new indicator: create those after it.
    pending = list(writes[INDICATORS].created)
    while pending:
        write.create(Indicator, [i for i in pending if i.proxy_for is None or i.proxy_for.pk])
        pending = [i for i in pending if i.pk is None]
    write.update(Indicator, writes[INDICATORS].updated, writes[INDICATORS].fields)
    write.create(Target, writes[TARGETS].created)
    write.update(Target, writes[TARGETS].updated, writes[TARGETS].fields)
    values = writes[TARGET_VALUES]
    write.create(TargetValue, values.created)
    write.update(TargetValue, values.updated, values.fields)
    for value in values.deleted:
        # Rare (a profile cell emptied): one query each, with its history row.
        value._history_user = by
        value._change_reason = write.reason
        value.delete()
    created, updated = writes[ACTUALS].created, writes[ACTUALS].updated
    for row in created:
        row["target_id"] = row.pop("target").pk
        if "district" in row:
            row["district_id"] = row.pop("district").pk
        row["entered_at"] = row["updated_at"] = write.now
        row["entered_by_id"] = by.pk if by else None
    for row in updated:
        row["updated_at"] = write.now
        row["version"] += 1
        if by is not None:
            row["entered_by_id"] = by.pk
    _check_still_open(created + updated)
    if created:
        _insert(Actual, created, write.copied_history)
    if updated:
        names = writes[ACTUALS].fields | {"updated_at", "version", "entered_by"}
        _update(Actual, updated, names, write.copied_history)


def _check_still_open(rows: list[dict[str, Any]]) -> None:
    """Lock the data returns of the periods about to be written (an approval waits for
    the import, and the import for an approval) and refuse if one was approved since the
    plan was made."""
    if not rows:
        return
    wanted = {(row["target_id"], row["period"]) for row in rows}
    returns = DataReturn.objects.select_for_update(no_key=True).filter(
        target_id__in={target for target, _ in wanted},
        period__in={period for _, period in wanted},
    )
    for target, period, status in returns.values_list("target_id", "period", "status"):
        if status == DataReturn.Status.APPROVED and (target, period) in wanted:
            raise ChangedMeanwhile


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # accepted by confirming
    defaults: list[str] = field(default_factory=list)  # what was assumed, per indicator
    summary: dict[str, dict[str, int]] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    change_count: int = 0
    is_applied: bool = False
    is_stale: bool = False  # the database changed since the preview it was to confirm

    @property
    def is_ok(self) -> bool:
        return not self.problems


def workbook_import(
    *,
    agreement: Agreement,
    path: Path,
    by: User | None = None,
    dry_run: bool = False,
    filename: str = "",
    expected: dict[str, dict[str, int]] | None = None,
) -> ImportResult:
    """Check the workbook at path and, unless dry_run, write what differs, all or nothing.

    With expected (the summary a preview showed), nothing is written if the import would
    now do something else: the result is stale and should be previewed again.
    """
    try:
        sheets, problems = workbook_read(path)
    except WorkbookRejected as rejected:
        return ImportResult(problems=rejected.problems)
    return sheets_import(
        agreement=agreement, sheets=sheets, problems=problems, by=by, dry_run=dry_run,
        reason=f"Imported from {filename or path.name}", expected=expected,
    )  # fmt: skip


def sheets_import(
    *,
    agreement: Agreement,
    sheets: dict[str, Sheet],
    problems: list[Problem],
    by: User | None,
    reason: str,
    dry_run: bool = False,
    expected: dict[str, dict[str, int]] | None = None,
) -> ImportResult:
    """workbook_import's checking and writing, for sheets already read: from a workbook,
    or rows pushed through the API (api/writes.py), so both share one code path."""
    with transaction.atomic():
        if not dry_run:
            # One import at a time per agreement, so two cannot interleave their writes.
            Agreement.objects.select_for_update(no_key=True).filter(pk=agreement.pk).exists()
        plan = plan_import(agreement, sheets, by=by)
        result = ImportResult(
            problems=problems + plan.problems,
            warnings=plan.warnings,
            defaults=plan.defaults,
            summary=plan.summary,
            changes=plan.changes,
            change_count=plan.change_count,
        )
        if result.problems or dry_run or not plan.change_count:
            return result
        if expected is not None and expected != plan.summary:
            result.is_stale = True
            return result
        try:
            with transaction.atomic():
                _apply(plan, by=by, reason=reason)
        except (ChangedMeanwhile, IntegrityError):
            # Someone saved or approved a figure while the import ran (an IntegrityError:
            # they entered one the import was about to add). Nothing is written.
            result.is_stale = True
            return result
        result.is_applied = True
    return result


SUMMARY_ORDER = (
    DISTRICTS,
    PARTNERSHIPS,
    ORGANISATIONS,
    PEOPLE,
    MEMBERSHIPS,
    THEMES,
    OUTCOMES,
    INDICATORS,
    TARGETS,
    TARGET_VALUES,
    ACTUALS,
)


def summary_lines(summary: Mapping[str, Mapping[str, int]]) -> list[str]:
    """'Actuals: 12 new, 3 changed, 200 unchanged' for each kind of row in a summary."""
    lines = []
    for name in SUMMARY_ORDER:
        counts = summary.get(name)
        if not counts:
            continue
        parts = [f"{counts['created']:,} new", f"{counts['updated']:,} changed"]
        if counts["deleted"]:
            parts.append(f"{counts['deleted']:,} removed")
        parts.append(f"{counts['unchanged']:,} unchanged")
        lines.append(f"{name}: {', '.join(parts)}")
    return lines
