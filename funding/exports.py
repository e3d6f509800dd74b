"""The self-certification statement of grant use (page and PDF, one template) and the
Excel ledger. Both read the same functions as the pages, so the figures agree."""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font

from funding.models import Award, BidAmount, BidDecision, Spend, year_label
from funding.position import Position, funding_position, grant_statement
from partnerships import clock
from partnerships.documents import pdf_response, render_pdf
from partnerships.permissions import get_standing
from partnerships.spreadsheets import safe_row
from partnerships.typing import HtmxHttpRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'


def _year(request: HtmxHttpRequest, years: list[str]) -> str:
    chosen = request.GET.get("year")
    return chosen if chosen in years else years[min(1, len(years) - 1)]


def _statement_context(request: HtmxHttpRequest) -> dict[str, object]:
    standing = get_standing(request)
    years = standing.agreement.financial_years
    year = _year(request, years)
    return {
        "agreement": standing.agreement,
        "statement": grant_statement(standing.agreement, year),
        "years": years,
        "year": year,
        "prepared_on": clock.today(),
        "prepared_by": standing.person,
        "nav_section": "funding",
    }


@login_required
@require_GET
def statement(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "funding/statement.html", _statement_context(request))


@login_required
@require_GET
def statement_pdf(request: HtmxHttpRequest) -> HttpResponse:
    context = _statement_context(request)
    pdf = render_pdf("funding/statement_pdf.html", context)
    year = str(context["year"]).replace("/", "-")
    return pdf_response(pdf, f"statement-of-grant-use-{year}.pdf")


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[object]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(safe_row(row))  # names and notes people typed: never a live formula
    for column in ws.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, min(48, len(name) + 6))
    ws.freeze_panes = "A2"


def ledger_workbook(agreement_id: int, position: Position, agreement: object) -> bytes:
    """The position by year and in total, then the bids, decisions, awards and spend
    behind it, one sheet each."""
    wb = Workbook()
    wb.remove(wb.active)
    _position_sheet(wb, position)
    _totals_sheet(wb, position)
    _bids_sheet(wb, agreement_id)
    _decisions_sheet(wb, agreement_id)
    _awards_sheet(wb, agreement_id)
    _spend_sheet(wb, agreement_id)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _position_sheet(wb: Workbook, position: Position) -> None:
    rows: list[list[object]] = []
    for group in position.groups:
        for row in group.years:
            f = row.figures
            rows.append([
                group.partnership.name, group.fund.name, row.label, f.indicative, f.bid, f.gap,
                f.approved, f.spent, f.carried,
            ])  # fmt: skip
    t = position.total
    rows.append(["Total", "", "", t.indicative, t.bid, t.gap, t.approved, t.spent, t.carried])
    _sheet(
        wb,
        "Position",
        ["Partnership", "Fund", "Year", "Indicative", "Bids", "Gap (bids − indicative)",
         "Approved", "Spent", "Carried forward"],
        rows,
    )  # fmt: skip


def _totals_sheet(wb: Workbook, position: Position) -> None:
    t = position.total
    _sheet(
        wb,
        "Totals",
        ["Partnership", "Fund", "Indicative", "Bids", "Gap (bids − indicative)", "Approved",
         "Spent", "Carried forward"],
        [
            *([g.partnership.name, g.fund.name, g.total.indicative, g.total.bid, g.total.gap,
               g.total.approved, g.total.spent, g.total.carried]
              for g in position.groups),
            ["Total", "", t.indicative, t.bid, t.gap, t.approved, t.spent, t.carried],
        ],
    )  # fmt: skip


def _bids_sheet(wb: Workbook, agreement_id: int) -> None:
    amounts = BidAmount.objects.filter(bid__partnership__agreement_id=agreement_id).select_related(
        "bid__partnership", "bid__fund"
    )
    _sheet(
        wb,
        "Bids",
        ["Bid", "Partnership", "Fund", "Status", "Revenue or capital", "Year", "Amount"],
        [
            [a.bid.title, a.bid.partnership.name, a.bid.fund.name, a.bid.get_status_display(),
             a.bid.get_spend_type_display(), year_label(a.year), a.amount]
            for a in amounts.order_by("bid__partnership__name", "bid__title", "year")
        ],
    )  # fmt: skip


def _decisions_sheet(wb: Workbook, agreement_id: int) -> None:
    decisions = BidDecision.objects.filter(
        bid__partnership__agreement_id=agreement_id
    ).select_related("bid", "decided_by", "meeting__partnership", "agenda_item")
    _sheet(
        wb,
        "Decisions",
        ["Bid", "From", "To", "Date", "By", "Meeting", "Minutes item", "Note"],
        [
            [d.bid.title, d.get_from_status_display(), d.get_to_status_display(), d.decided_on,
             str(d.decided_by or ""), str(d.meeting or ""), str(d.agenda_item or ""), d.note]
            for d in decisions
        ],
    )  # fmt: skip


def _awards_sheet(wb: Workbook, agreement_id: int) -> None:
    awards = Award.objects.filter(bid__partnership__agreement_id=agreement_id).select_related(
        "bid__partnership", "bid__fund"
    )
    _sheet(
        wb,
        "Awards",
        ["Bid", "Partnership", "Fund", "Year", "Awarded"],
        [[a.bid.title, a.bid.partnership.name, a.bid.fund.name, year_label(a.year), a.amount]
         for a in awards],
    )  # fmt: skip


def _spend_sheet(wb: Workbook, agreement_id: int) -> None:
    spend = Spend.objects.filter(award__bid__partnership__agreement_id=agreement_id).select_related(
        "award__bid__partnership"
    )
    _sheet(
        wb,
        "Spend",
        ["Bid", "Partnership", "Year", "Quarter", "Spent", "Note"],
        [[s.award.bid.title, s.award.bid.partnership.name, year_label(s.award.year),
          s.get_quarter_display(), s.amount, s.note] for s in spend],
    )  # fmt: skip


@login_required
@require_GET
def ledger(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    agreement = standing.agreement
    content = ledger_workbook(agreement.pk, funding_position(agreement), agreement)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="funding-ledger-{agreement.slug}.xlsx"'
    return response
