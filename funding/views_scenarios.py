"""What-if scenarios (issue 21): the secretariat's pages. A scenario's moves are saved;
the ledger is only read (funding/scenarios.py)."""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from funding import permissions
from funding.exports import MONEY_FORMAT, XLSX
from funding.forms_scenarios import MoveForm, ScenarioForm
from funding.models import Scenario, ScenarioMove
from funding.scenarios import (
    Comparison,
    LineKey,
    MoveRefused,
    Plan,
    apply_moves,
    check_move,
    compare,
    move_fields,
    moves_of,
    plan_for,
)
from partnerships.models import Agreement
from partnerships.permissions import agreements_for, get_standing, standing_in
from partnerships.spreadsheets import safe_row
from partnerships.typing import HtmxHttpRequest

REFUSED = "Only the secretariat models scenarios."


def _secretariat_agreement(request: HtmxHttpRequest) -> Agreement:
    standing = get_standing(request)
    if not permissions.can_manage_funds(standing):
        raise PermissionDenied(REFUSED)
    return standing.agreement


def get_scenario_for_user(request: HtmxHttpRequest, pk: int) -> Scenario:
    """404 outside the scenario's agreement; 403 for anyone but its secretariat."""
    scenario = get_object_or_404(
        Scenario.objects.select_related("agreement", "created_by"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    if not permissions.can_manage_funds(standing_in(request, scenario.agreement)):
        raise PermissionDenied(REFUSED)
    return scenario


def _moves(scenario: Scenario) -> list[ScenarioMove]:
    return list(scenario.moves.select_related("from_allocation", "to_allocation", "created_by"))


def _names(plan: Plan) -> dict[int, str]:
    return {pk: p.name for pk, p in plan.partnerships.items()}


@login_required
@require_http_methods(["GET", "POST"])
def scenario_list(request: HtmxHttpRequest) -> HttpResponse:
    agreement = _secretariat_agreement(request)
    form = ScenarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scenario = form.save(commit=False)
        scenario.agreement, scenario.created_by = agreement, request.user
        scenario.save()
        messages.success(request, "Scenario saved. Move money below: the ledger is not changed.")
        return redirect(scenario)
    scenarios = Scenario.objects.filter(agreement=agreement).select_related("created_by")
    return render(
        request,
        "funding/scenario_list.html",
        {"scenarios": list(scenarios), "form": form, "nav_section": "funding"},
    )


def _detail_context(scenario: Scenario, plan: Plan, rows: list[ScenarioMove]) -> dict[str, object]:
    moves = moves_of(scenario, rows)
    after, skipped = apply_moves(plan.lines, moves)
    current = {key: line.amount for key, line in plan.lines.items()}
    return {
        "scenario": scenario,
        "plan": plan,
        "comparison": compare(plan.lines, current, after),
        "rows": list(zip(rows, moves, strict=True)),
        "skipped": skipped,
        "history": scenario.history.select_related("history_user").order_by("-history_date")[:20],
        "move_history": ScenarioMove.history.filter(scenario_id=scenario.pk)
        .select_related("history_user")
        .order_by("-history_date")[:50],
        "nav_section": "funding",
    }


@login_required
@require_GET
def scenario_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    plan = plan_for(scenario.agreement)
    context = _detail_context(scenario, plan, _moves(scenario))
    context["form"] = MoveForm(lines=plan.lines, names=_names(plan))
    return render(request, "funding/scenario_detail.html", context)


@login_required
@require_POST
def scenario_move_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    plan = plan_for(scenario.agreement)
    form = MoveForm(request.POST, lines=plan.lines, names=_names(plan))
    rows = _moves(scenario)
    if form.is_valid():
        move = form.move()
        earlier, _ = apply_moves(plan.lines, moves_of(scenario, rows))
        try:
            check_move(plan.lines, earlier, move)
        except MoveRefused as refused:
            form.add_error("amount" if "holds" in str(refused) else None, str(refused))
        else:
            ScenarioMove.objects.create(
                scenario=scenario,
                note=form.cleaned_data["note"],
                created_by=request.user,
                **move_fields(move),
            )
            messages.success(request, "Move added to the scenario. The ledger is not changed.")
            return redirect(scenario)
    context = _detail_context(scenario, plan, rows)
    context["form"] = form
    return render(request, "funding/scenario_detail.html", context, status=200)


@login_required
@require_POST
def scenario_move_delete(request: HtmxHttpRequest, pk: int, move_pk: int) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    move = get_object_or_404(ScenarioMove, pk=move_pk, scenario=scenario)
    move.delete()
    messages.success(request, "Move taken out of the scenario (it is kept in the history).")
    return redirect(scenario)


@login_required
@require_POST
def scenario_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    with transaction.atomic():
        scenario.delete()
    messages.success(request, f"Scenario “{scenario.name}” deleted. The ledger is not changed.")
    return redirect("funding:scenario-list")


def _amounts(scenario: Scenario | None, plan: Plan) -> dict[LineKey, Decimal]:
    if scenario is None:
        return {key: line.amount for key, line in plan.lines.items()}
    return apply_moves(plan.lines, moves_of(scenario, _moves(scenario)))[0]


def _chosen(request: HtmxHttpRequest, value: str | None) -> Scenario | None:
    """A scenario named by the query string; None for the current plan."""
    if not value or value == "current":
        return None
    if not value.isdigit():
        raise Http404("No such scenario.")
    return get_scenario_for_user(request, int(value))


@login_required
@require_GET
def scenario_compare(request: HtmxHttpRequest) -> HttpResponse:
    agreement = _secretariat_agreement(request)
    first, second = _chosen(request, request.GET.get("a")), _chosen(request, request.GET.get("b"))
    for chosen in (first, second):
        if chosen is not None and chosen.agreement_id != agreement.pk:
            raise Http404("No such scenario.")
    plan = plan_for(agreement)
    comparison = compare(plan.lines, _amounts(first, plan), _amounts(second, plan))
    return render(
        request,
        "funding/scenario_compare.html",
        {
            "plan": plan,
            "comparison": comparison,
            "first": first,
            "second": second,
            "scenarios": list(Scenario.objects.filter(agreement=agreement)),
            "nav_section": "funding",
        },
    )


def scenario_workbook(scenario: Scenario, plan: Plan, comparison: Comparison) -> bytes:
    """The scenario against the current plan: per partnership, per line, and its moves.
    Every cell goes through safe_row: names and notes people typed are never formulas."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Partnerships"
    ws.append(safe_row(["Scenario", scenario.name]))
    ws.append(safe_row(["Notes", scenario.notes]))
    ws.append([])
    ws.append(
        ["Partnership", "Indicative now", "Indicative in scenario", "Change", "Bids now",
         "Bids in scenario", "Change", "Reward at risk"]
    )  # fmt: skip
    for pk, money in sorted(comparison.by_partnership.items(),
                            key=lambda item: plan.partnerships[item[0]].name):  # fmt: skip
        ws.append(safe_row([
            plan.partnerships[pk].name, money.indicative.before, money.indicative.after,
            money.indicative.change, money.bids.before, money.bids.after, money.bids.change,
            plan.partnership_at_risk.get(pk),
        ]))  # fmt: skip
    t = comparison.total
    ws.append(["Total", t.indicative.before, t.indicative.after, t.indicative.change,
               t.bids.before, t.bids.after, t.bids.change, None])  # fmt: skip
    lines = wb.create_sheet("Lines")
    lines.append(["Partnership", "Line", "Now", "In scenario", "Change", "Targets served",
                  "Reward at risk on them"])  # fmt: skip
    for line, pair in comparison.lines:
        codes = ", ".join(plan.targets[t].indicator.code for t in line.targets if t in plan.targets)
        lines.append(safe_row([plan.partnerships[line.partnership].name, line.label,
                               pair.before, pair.after, pair.change, codes,
                               plan.line_at_risk(line)]))  # fmt: skip
    moves = wb.create_sheet("Moves")
    moves.append(["From", "To", "Amount", "Note", "By", "When"])
    rows = _moves(scenario)
    for row, move in zip(rows, moves_of(scenario, rows), strict=True):
        source = plan.lines.get(move.source)
        destination = plan.lines.get(move.destination) if move.destination else None
        moves.append(safe_row([
            source.label if source else "(no longer in the plan)",
            destination.label if destination else "Cut: back to the fund",
            move.amount, row.note, str(row.created_by or ""), row.created_at.replace(tzinfo=None),
        ]))  # fmt: skip
    for sheet in wb.worksheets:
        for row_cells in sheet.iter_rows():
            for cell in row_cells:
                if cell.row == 1 or (sheet.title == "Partnerships" and cell.row == 4):
                    cell.font = Font(bold=True)
                if isinstance(cell.value, Decimal):
                    cell.number_format = MONEY_FORMAT
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@login_required
@require_GET
def scenario_export(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    scenario = get_scenario_for_user(request, pk)
    plan = plan_for(scenario.agreement)
    after, _ = apply_moves(plan.lines, moves_of(scenario, _moves(scenario)))
    current = {key: line.amount for key, line in plan.lines.items()}
    content = scenario_workbook(scenario, plan, compare(plan.lines, current, after))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="scenario-{scenario.pk}.xlsx"'
    return response
