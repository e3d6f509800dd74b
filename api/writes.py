"""Writing figures: one actual through the web form's path, a batch through the import's.

One actual (a JSON object) is checked by the target page's `ActualForm` and saved by
`indicators.actions.actual_record`: the same validation, locking of approved periods,
revisions, versions and conflicts as the form. A batch (a JSON list) is planned and
written by the workbook import (`indicators.workbook.importing.sheets_import`), as rows of
an Actuals sheet: every row checked first, every problem listed, all or nothing.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.history import VIA_API, via_api
from api.models import IdempotentWrite
from indicators.actions import ActualConflict, actual_record
from indicators.forms import ActualForm
from indicators.models import Target
from indicators.permissions import can_enter_actuals
from indicators.return_actions import ActualLocked
from indicators.workbook.columns import ACTUAL_COLUMNS
from indicators.workbook.importing import sheets_import
from indicators.workbook.reading import ACTUALS, Row, Sheet, column_letter
from partnerships import clock
from partnerships.models import Agreement, User
from partnerships.permissions import Standing, agreements_for, standing_in

MAX_BATCH = 50_000
BATCH_FIELDS = tuple(c.key.replace(" ", "_") for c in ACTUAL_COLUMNS)


def _refuse_observer(standing: Standing) -> None:
    if standing.is_observer:
        raise exceptions.PermissionDenied("Observers read figures; they cannot enter them.")


def actual_write_one(request: Request, data: dict[str, Any]) -> Response:
    """One period's actual, as the target page's form saves it."""
    from api.serializers import ActualSerializer

    target = get_object_or_404(
        Target.objects.select_related("indicator", "agreement", "partnership"),
        pk=_number(data.get("target"), "target"),
        agreement__in=agreements_for(request._request),
    )
    standing = standing_in(request._request, target.agreement)
    _refuse_observer(standing)
    if not can_enter_actuals(standing, target):
        raise exceptions.PermissionDenied(
            "Only the data owner, the target lead or the secretariat."
        )
    fields = ("period", "value", "missing_reason", "status", "quality", "commentary", "version")
    form_data = {name: "" if data.get(name) is None else str(data[name]) for name in fields}
    form_data["status"] = form_data["status"] or "provisional"
    form = ActualForm(form_data, target=target, today=clock.today())
    if not form.is_valid():
        return Response({"errors": form.errors.get_json_data()}, status=400)
    cleaned = form.cleaned_data
    try:
        actual = actual_record(
            target=target,
            period=cleaned["period_obj"],
            value=cleaned["value"],
            missing_reason=cleaned["missing_reason"],
            status=cleaned["status"],
            quality=cleaned["quality"],
            commentary=cleaned["commentary"],
            by=request.user,
            expected_version=cleaned["version"],
        )
    except ActualConflict as error:
        body = {"detail": str(error), "current_version": error.current.version}
        return Response(body, status=409)
    except ActualLocked as error:
        return Response({"detail": str(error)}, status=409)
    return Response(ActualSerializer(actual).data, status=201)


def actual_write_batch(request: Request, agreement: Agreement, rows: list[Any]) -> Response:
    """Rows of figures for one agreement, as a workbook's Actuals sheet imports them."""
    standing = standing_in(request._request, agreement)
    _refuse_observer(standing)
    if not rows or len(rows) > MAX_BATCH:
        raise exceptions.ValidationError(f"Send between 1 and {MAX_BATCH:,} rows.")
    if not all(isinstance(row, dict) for row in rows):
        raise exceptions.ValidationError("Each row is an object of field names and values.")
    refused = _refused_rows(standing, agreement, rows)
    if refused:
        detail = "Nothing was saved: you may not enter some of these figures."
        return Response({"detail": detail, "problems": refused}, status=403)
    result = sheets_import(
        agreement=agreement, sheets={ACTUALS: _sheet(rows)}, problems=[], by=request.user,
        reason=VIA_API,
    )  # fmt: skip
    if result.problems:
        problems = [_problem(p) for p in result.problems]
        return Response({"detail": "Nothing was saved.", "problems": problems}, status=400)
    if result.is_stale:
        detail = "Someone saved or approved a figure meanwhile: nothing was saved, send again."
        return Response({"detail": detail}, status=409)
    counts = result.summary.get(ACTUALS, {})
    body = {
        "created": counts.get("created", 0),
        "updated": counts.get("updated", 0),
        "unchanged": counts.get("unchanged", 0),
        "warnings": [_problem(p) for p in result.warnings],
    }
    return Response(body, status=201 if result.is_applied else 200)


def _sheet(rows: list[dict[str, Any]]) -> Sheet:
    """The rows as an Actuals sheet: field names as its columns, row n as "row" n."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    columns = {name.replace("_", " "): column_letter(i) for i, name in enumerate(names)}
    sheet_rows = [
        Row(
            number,
            {name.replace("_", " "): _cell(row.get(name)) for name in names},
        )
        for number, row in enumerate(rows)
    ]
    return Sheet(ACTUALS, columns, sheet_rows, header_row=-1)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # "52.3", as typed: a float would pass through binary
    return value


def _problem(problem: Any) -> dict[str, Any]:
    return {
        "row": problem.row if problem.row is not None and problem.row >= 0 else None,
        "field": problem.column.replace(" ", "_") if problem.column else None,
        "message": problem.message,
    }


def _refused_rows(
    standing: Standing, agreement: Agreement, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows of targets this person may not enter figures for (the import itself is the
    secretariat's; through the API each person enters what the target page lets them)."""
    if standing.is_secretariat:
        return []
    code_of = [str(row.get("indicator_code", "")).strip() for row in rows]
    targets = Target.objects.active().filter(agreement=agreement, indicator__code__in=code_of)
    refused = {
        target.indicator.code
        for target in targets.select_related("indicator")
        if not can_enter_actuals(standing, target)
    }
    # A code with no target is the import's to report, with the rest of the row's problems.
    return [
        {
            "row": n,
            "field": "indicator_code",
            "message": f"You may not enter figures for {code}.",
        }
        for n, code in enumerate(code_of)
        if code in refused
    ]


def _number(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise exceptions.ValidationError({name: "Give the target's id, a number."}) from error


def idempotent(request: Request, write: Any) -> Response:
    """Run write() once per Idempotency-Key and person: a retry answers as the first
    time did and writes nothing."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        with via_api():
            return write()
    if len(key) > 200:
        raise exceptions.ValidationError({"idempotency_key": "At most 200 characters."})
    user: User = request.user  # type: ignore[assignment]
    digest = hashlib.sha256(
        json.dumps([request.path, request.data], sort_keys=True, default=str).encode()
    ).hexdigest()
    with transaction.atomic():
        stored = IdempotentWrite.objects.select_for_update().filter(user=user, key=key).first()
        if stored is None:
            with via_api():
                response = write()
            if response.status_code < 500:
                try:
                    with transaction.atomic():
                        IdempotentWrite.objects.create(
                            user=user, key=key, request_hash=digest,
                            status=response.status_code, body=response.data,
                        )  # fmt: skip
                except IntegrityError:
                    pass  # the same key at the same moment: the first one is kept
            return response
    if stored.request_hash != digest:
        return Response(
            {"detail": "This Idempotency-Key was used for a different request."},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    response = Response(stored.body, status=stored.status)
    response["Idempotent-Replayed"] = "true"
    return response
