"""The scorecard, exception and highlight reports, each as a page, a PDF, Excel and CSV.

Every format of a report is the same `Report` (indicators/reports/) for the same query
string, so a download never disagrees with the page. Everyone in the agreement reads the
reports; only the secretariat overrides a theme's highlight rating or writes its key issues.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.forms import BoundField
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from indicators import hooks, report_cache
from indicators.comparisons import QUARTILE_NAMES
from indicators.exports import ReportMeta, report_csv, report_xlsx
from indicators.forms_highlight import HighlightOverrideForm
from indicators.highlight_docx import DOCX_TYPE, highlight_docx
from indicators.illustrative import illustrative_html
from indicators.models import Actual, HighlightOverride, Target
from indicators.periods import Period
from indicators.reports import (
    APPROVED,
    RATING_ORDER,
    Filters,
    Report,
    Row,
    build_exceptions,
    build_highlight,
    build_scorecard,
    direction_label,
    report_periods,
)
from indicators.reports.html import (
    commentary_html,
    exception_page,
    page_number,
    scorecard_page,
    secondary,
)
from indicators.returns import report_date
from partnerships import clock
from partnerships.background import PDF, document_builder, document_for, document_response
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.documents import render_pdf
from partnerships.models import Agreement, Area, Partnership, Person, Theme
from partnerships.permissions import (
    Standing,
    agreements_for,
    can_manage_agreement,
    get_standing,
    standing_in,
)
from partnerships.typing import HtmxHttpRequest

Builder = Callable[..., Report]


# Forms ------------------------------------------------------------------------------------


# Areas that actuals are broken down by (wards are not offered: there are thousands).
DISTRICT_KINDS = (Area.Kind.DISTRICT, Area.Kind.UNITARY)


class ReportFilterForm(forms.Form):
    """The period and filters of a report, read from the query string (bookmarkable).

    Choices come from the reader's own agreement, so another agreement's ids are refused.
    """

    period = forms.ChoiceField(required=False, label="Period")
    partnership = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    theme = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    designation = forms.ChoiceField(required=False)
    priority = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    rating = forms.ChoiceField(required=False)
    lead = forms.TypedChoiceField(coerce=int, empty_value=None, required=False, label="Target lead")
    district = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    quartile = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Benchmark",
        choices=[("", "All"), *((q, name) for q, name in QUARTILE_NAMES.items())],
    )
    ratings = forms.ChoiceField(
        required=False,
        label="Ratings",
        choices=[("", "As recalculated now"), (APPROVED, "As approved at sign-off")],
    )

    FILTERS = (
        "partnership", "theme", "designation", "priority", "rating", "lead", "district",
        "quartile", "ratings",
    )  # fmt: skip

    def __init__(self, data: object, *, agreement: Agreement, with_filters: bool = True) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.fields["period"].choices = [("", "Latest with data")] + [
            (p.label, p.label) for p in report_periods(agreement)
        ]
        for name, field in self.fields.items():
            what = str(field.label or name).lower()
            field.error_messages["invalid_choice"] = f"Choose a {what} from the list"
        self.fields["ratings"].error_messages["invalid_choice"] = (
            "Choose ratings as recalculated now or as approved at sign-off"
        )
        if not with_filters:
            for name in self.FILTERS:
                del self.fields[name]
            return
        any_ = [("", "All")]
        targets = Target.objects.active().filter(agreement=agreement)
        self.fields["partnership"].choices = any_ + list(
            Partnership.objects.filter(Exists(targets.filter(partnership=OuterRef("pk"))))
            .order_by("name")
            .values_list("pk", "name")
        )
        self.fields["theme"].choices = any_ + list(
            Theme.objects.filter(agreement=agreement).values_list("pk", "name")
        )
        self.fields["designation"].choices = any_ + list(Target.Designation.choices)
        self.fields["priority"].choices = any_ + list(Target.Priority.choices)
        self.fields["rating"].choices = any_ + [(r.value, r.label) for r in RATING_ORDER]
        self.fields["lead"].choices = any_ + list(
            Person.objects.filter(Exists(targets.filter(lead=OuterRef("pk"))))
            .order_by("name")
            .values_list("pk", "name")
        )
        self.fields["district"].choices = [("", "Whole area"), *agreement_districts(agreement)]

    def filters(self) -> Filters:
        get = self.cleaned_data.get
        return Filters(
            partnership=get("partnership"),
            theme=get("theme"),
            designation=get("designation") or "",
            priority=get("priority"),
            rating=get("rating") or "",
            lead=get("lead"),
            district=get("district"),
            quartile=get("quartile"),
            ratings=get("ratings") or "",
        )

    def chosen_period(self) -> Period | None:
        label = self.cleaned_data.get("period")
        return Period.parse(label) if label else None

    def described(self) -> list[tuple[str, str]]:
        """The filters in use, as (name, value) for a printed report's heading."""
        described = []
        for name in self.FILTERS:
            value = self.cleaned_data.get(name)
            if value and name in self.fields:
                field = self.fields[name]
                labels = {str(key): label for key, label in field.choices}  # type: ignore[attr-defined]
                label = str(field.label or name.title())
                described.append((label, str(labels.get(str(value), value))))
        return described

    def selects(self) -> list[tuple[BoundField, SafeString]]:
        """Each field with its <select> as HTML, built here because Django's widget
        templates render each <option> through the template engine: over a hundred
        options took longer than the 500-row scorecard table."""
        selects = []
        for field in self:
            current = str(self.data.get(field.name, ""))
            described_by = f' aria-describedby="{field.auto_id}_error"' if field.errors else ""
            options = "".join(
                f'<option value="{escape(str(value))}"'
                f"{' selected' if str(value) == current else ''}>{escape(str(label))}</option>"
                for value, label in field.field.choices  # type: ignore[attr-defined]
            )
            html = (
                f'<select class="govuk-select{" govuk-select--error" if field.errors else ""}" '
                f'id="{field.auto_id}" name="{field.html_name}"{described_by}>{options}</select>'
            )
            selects.append((field, mark_safe(html)))  # values and labels escaped above
        return selects


def agreement_districts(agreement: Agreement) -> list[tuple[int, str]]:
    """The districts of the agreement's area (id, name); for an agreement without an area,
    the districts its actuals are broken down by."""
    areas = Area.objects.filter(kind__in=DISTRICT_KINDS)
    if agreement.area_id:
        # A unitary authority is its own single district.
        areas = areas.filter(Q(parent_id=agreement.area_id) | Q(pk=agreement.area_id))
    else:
        reported = Actual.objects.filter(district=OuterRef("pk"), target__agreement=agreement)
        areas = areas.filter(Exists(reported))
    return list(areas.values_list("pk", "name"))


# Views ------------------------------------------------------------------------------------

FORMATS = ("html", "csv", "xlsx", "pdf")
# The highlight report is prose: a PDF or a Word document, not a table.
HIGHLIGHT_FORMATS = ("html", "pdf", "docx")
DOWNLOADS = [("pdf", "PDF"), ("xlsx", "Excel"), ("csv", "CSV")]
REPORTS = [
    ("scorecard", "Scorecard", "indicators:scorecard"),
    ("exceptions", "Exception report", "indicators:exception-report"),
    ("highlight", "Highlight report", "indicators:highlight-report"),
]
TITLES = {key: label for key, label, _ in REPORTS}
RATINGS = [(r.value, r.label) for r in RATING_ORDER]


@login_required
@require_GET
def scorecard(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    return _report_response(request, standing, build_scorecard, "scorecard")


@login_required
@require_GET
def exception_report(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    return _report_response(request, standing, build_exceptions, "exceptions")


@login_required
@require_GET
def highlight_report(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    return _report_response(request, standing, build_highlight, "highlight")


@login_required
@require_http_methods(["GET", "POST"])
def highlight_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theme = _get_theme_for_secretariat(request, pk)
    label = request.POST.get("period") or request.GET.get("period", "")
    if label not in {p.label for p in report_periods(theme.agreement)}:
        raise Http404("No such period in this agreement.")
    period = Period.parse(label)
    period_query = urlencode({"period": period.label})
    report = build_highlight(
        agreement=theme.agreement, period=period, theme_id=theme.pk, today=clock.today()
    )
    highlight = report.themes[0]
    record = highlight.override or HighlightOverride(theme=theme, period=period.label)
    form = HighlightOverrideForm(
        request.POST or None,
        instance=record,
        rule_rating=highlight.computed_rating.label,
        rule_direction=direction_label(highlight.computed_direction),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        try:
            if record.pk:
                versioned_save(form, saved.save)
            else:
                _highlight_create(saved)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, f"Highlight for {theme.name}, {period.label} saved.")
            url = reverse("indicators:highlight-report")
            return redirect(f"{url}?{period_query}#theme-{theme.pk}")
    history = record.history.select_related("history_user")[:20] if record.pk else []
    return render(
        request,
        "indicators/report_highlight_form.html",
        {
            "form": form,
            "conflict": conflict,
            "theme": theme,
            "period": period,
            "highlight": highlight,
            "history": history,
            "crumbs": [
                ("Home", "/"),
                ("Indicators", "/indicators/"),
                ("Highlight report", f"{reverse('indicators:highlight-report')}?{period_query}"),
                (theme.name, None),
            ],
            "nav_section": "indicators",
        },
    )


def _get_theme_for_secretariat(request: HtmxHttpRequest, pk: int) -> Theme:
    """A theme of one of the reader's agreements (404 otherwise), whose highlight only the
    agreement's secretariat may change (403 for anyone else)."""
    theme = get_object_or_404(
        Theme.objects.select_related("agreement", "partnership"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    if not can_manage_agreement(standing_in(request, theme.agreement)):
        raise PermissionDenied("Only the secretariat changes the highlight report.")
    return theme


def _highlight_create(record: HighlightOverride) -> None:
    """The theme's first word for the period; if someone else's came first (at the same
    moment), theirs stands and this one is refused as a conflict."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        theirs = HighlightOverride.objects.filter(theme=record.theme_id, period=record.period)
        if not theirs.exists():
            raise
        raise EditConflict(theirs.get()) from None


def _report_response(
    request: HtmxHttpRequest, standing: Standing, build: Builder, name: str
) -> HttpResponse:
    fmt = request.GET.get("format", "html")
    if fmt not in (HIGHLIGHT_FORMATS if name == "highlight" else FORMATS):
        raise Http404("That report does not come in that format.")
    # Only what the report understands is asked: other parameters are dropped.
    asked = QueryDict(mutable=True)
    for key in sorted(set(request.GET) & set(ReportFilterForm.base_fields)):
        asked.setlist(key, request.GET.getlist(key))
    if fmt != "html":
        return _report_download(request, asked, standing, build, name, fmt)
    # The page's body is kept until the data change (indicators/report_cache.py): it is the
    # same for everyone in the agreement asking the same question on the same day, bar the
    # secretariat's links to override a highlight.
    can_override = can_manage_agreement(standing)
    # Long reports come a page at a time (indicators/reports/html.py); which page is part
    # of the question (a whole number, at most MAX_PAGE, so it cannot fill the cache).
    pages = (page_number(request.GET.get("page")), page_number(request.GET.get("overdue")))
    period_label, body = report_cache.kept(
        (name, standing.agreement.pk, sorted(asked.lists()), can_override, pages),
        lambda: _report_body(request, asked, standing, build, name, can_override, pages),
        agreement=standing.agreement.pk,
    )
    return render(
        request,
        f"indicators/report_{name}.html",
        {
            "body": body,
            "period_label": period_label,
            "crumbs": [("Home", "/"), ("Indicators", "/indicators/"), (TITLES[name], None)],
            "nav_section": "indicators",
        },
    )


def _filter_form(asked: QueryDict, agreement: Agreement, name: str) -> ReportFilterForm:
    return ReportFilterForm(asked, agreement=agreement, with_filters=name != "highlight")


def _report_data(
    asked: QueryDict,
    agreement: Agreement,
    build: Builder,
    name: str,
    form: ReportFilterForm | None = None,
) -> tuple[Report, ReportFilterForm, QueryDict]:
    """The report the query asks for, the filter form (with any refused filters as errors,
    left out of the report) and the query as the report understood it."""
    is_highlight = name == "highlight"
    data = asked.copy()
    form = form or _filter_form(data, agreement, name)
    if not form.is_valid():
        # The page shows the errors, and the report without the refused filters (Django
        # leaves them out of cleaned_data).
        for field in form.errors:
            data.pop(field, None)
    kwargs: dict[str, object] = {
        "agreement": agreement,
        "period": form.chosen_period(),
        "today": clock.today(),
    }
    if not is_highlight:
        kwargs["filters"] = form.filters()
    report = build(**kwargs)
    data.setlist("period", [report.period.label])
    return report, form, data


def _report_download(
    request: HtmxHttpRequest,
    asked: QueryDict,
    standing: Standing,
    build: Builder,
    name: str,
    fmt: str,
) -> HttpResponse:
    agreement = standing.agreement
    form = _filter_form(asked, agreement, name)
    if not form.is_valid():
        return HttpResponseBadRequest(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        )
    if fmt in ("pdf", "docx"):  # built by the worker, kept for the data version
        kind = "PDF" if fmt == "pdf" else "Word"
        described = "; ".join(f"{label}: {value}" for label, value in form.described())
        document = document_for(
            report_document,
            {"agreement": agreement.pk, "report": name, "format": fmt,
             "asked": sorted(asked.lists()), "today": clock.today().isoformat()},
            agreement=agreement,
            title=f"{TITLES[name]}, {asked.get('period') or 'latest period'} ({kind})"
            + (f", {described}" if described else ""),
            filename=f"{name}-{agreement.slug}.{fmt}",
            content_type=PDF if fmt == "pdf" else DOCX_TYPE,
            retry=request.GET.get("retry") == "1",
        )  # fmt: skip
        return document_response(request, document)
    report, form, _ = _report_data(asked, agreement, build, name, form)
    meta = ReportMeta(filters=form.described(), printed=timezone.localtime(clock.now()))
    filename = _filename(agreement, name, report.period)
    if fmt == "csv":
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    response = HttpResponse(
        report_xlsx(report, meta),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


REPORT_BUILDERS: dict[str, Builder] = {
    "scorecard": build_scorecard,
    "exceptions": build_exceptions,
    "highlight": build_highlight,
}


@document_builder
def report_document(params: dict[str, Any]) -> tuple[bytes, str]:
    """A report's PDF or Word file and its name, built by the worker (partnerships/
    background.py) for the question `_report_download` was asked."""
    agreement = Agreement.objects.get(pk=params["agreement"])
    name, fmt = params["report"], params["format"]
    asked = QueryDict(mutable=True)
    for key, values in params["asked"]:
        asked.setlist(key, values)
    report, form, _ = _report_data(asked, agreement, REPORT_BUILDERS[name], name)
    meta = ReportMeta(filters=form.described(), printed=timezone.localtime(clock.now()))
    filename = f"{_filename(agreement, name, report.period)}.{fmt}"
    if fmt == "docx":
        return highlight_docx(report, meta), filename
    context = {"report": report, "meta": meta, "ratings": RATINGS}
    if name == "exceptions":
        context["escalations"] = _escalations(agreement, report, form)
    return render_pdf(f"indicators/pdf/{name}.html", context), filename


def _report_body(
    request: HtmxHttpRequest,
    asked: QueryDict,
    standing: Standing,
    build: Builder,
    name: str,
    can_override: bool,
    pages: tuple[int, int] = (1, 1),
) -> tuple[str, str]:
    """The report page's period and body (everything below the breadcrumbs), as HTML: page
    `pages[0]` of its rows (and of the targets with overdue returns, `pages[1]`)."""
    report, form, query = _report_data(asked, standing.agreement, build, name)
    is_highlight = name == "highlight"
    context = {
        "report": report,
        "meta": ReportMeta(filters=form.described(), printed=timezone.localtime(clock.now())),
        "form": form,
        "can_override": can_override,
        "ratings": RATINGS,
        "report_links": [
            (key, label, f"{reverse(url)}?{urlencode({'period': report.period.label})}")
            for key, label, url in REPORTS
        ],
        "downloads": [("pdf", "PDF"), ("docx", "Word")] if is_highlight else DOWNLOADS,
        "query": query.urlencode(),
        "period_only": is_highlight,
    }
    if name == "exceptions":
        context["escalations"] = escalations = _escalations(standing.agreement, report, form)
        context |= exception_page(
            report, escalations, context["query"], page=pages[0], overdue_page=pages[1]
        )
    elif name == "scorecard":
        context |= scorecard_page(
            report, context["query"], page=pages[0], rows_html=scorecard_rows_html
        )
    body = render_to_string(f"indicators/report_{name}_body.html", context, request=request)
    return report.period.label, body


def _escalations(agreement: Agreement, report: Report, form: ReportFilterForm) -> object:
    """What goes to the chair, for the exception report: composed by the app that knows the
    overdue work (meetings/escalation.py, through indicators/hooks.py); None without one."""
    provider = next(iter(hooks.exception_report_escalations), None)
    if provider is None:
        return None
    filters = form.filters()
    # Filters beyond the partnership narrow the returns too (actions have no theme, lead or
    # priority of their own).
    narrowed = filters != Filters(partnership=filters.partnership, ratings=filters.ratings)
    return provider(
        agreement,
        report_date(report.period, clock.today()),
        partnership_id=filters.partnership,
        target_ids=set(filters.targets(agreement).values_list("pk", flat=True))
        if narrowed
        else None,
    )


# The scorecard's rows as HTML, written here rather than in the template: 500 rows of 10
# cells through the template engine cost five times the rest of the page (about 10 µs a
# variable). The markup is the template's (report_scorecard_body.html holds the table
# head); each cell's data-label names it when a small screen stacks the row (reports.css).
_ROW = (
    '<tr class="govuk-table__row" data-code="{code}" data-rating="{rating}">'
    '<th scope="row" class="govuk-table__header app-report-table__code">'
    '<a class="govuk-link" href="{url}">{code_text}</a></th>'
    '<td class="govuk-table__cell app-report-table__text" data-label="Indicator">{title}{unit}'
    '<br><span class="app-secondary-text">Lead: {lead}{contributors}. {designation}</span></td>'
    '<td class="govuk-table__cell app-report-table__nowrap" data-label="Period">{period}</td>'
    '<td class="govuk-table__cell app-numeric" data-label="Baseline">{baseline}</td>'
    '<td class="govuk-table__cell app-numeric" data-label="Target">{target}</td>'
    '<td class="govuk-table__cell app-numeric" data-label="Actual">{actual}{quality}</td>'
    '<td class="govuk-table__cell app-report-table__status" data-label="Rating">'
    '<strong class="app-rag app-rag--{rating}">{rating_label}</strong>'
    '<span class="app-dot app-dot--{direction}">{direction_label}</span>{rating_note}</td>'
    '<td class="govuk-table__cell" data-label="Forecast">{forecast}</td>'
    '<td class="govuk-table__cell" data-label="Benchmark">{benchmark}</td>'
    '<td class="govuk-table__cell app-report-table__commentary" data-label="Commentary">'
    "{commentary}</td>"
    "</tr>\n"
)
_FORECAST = (
    '<strong class="app-rag app-rag--{rating}">{label}</strong> '
    '<span class="app-secondary-text">{value}</span>'
)


_NOT_COMPARED = '–<span class="govuk-visually-hidden"> not compared</span>'


def scorecard_rows_html(rows: list[Row]) -> SafeString:
    """Table rows for the scorecard page, every value escaped."""
    html = []
    for r in rows:
        forecast = (
            _FORECAST.format(
                rating=r.forecast.value, label=r.forecast_label, value=escape(r.forecast_text)
            )
            if r.forecast_text
            else "None yet"
        )
        if chance := r.score.chance:  # the chance of meeting the year's target, in words
            forecast += f'<br><span class="govuk-body-s" data-chance>{escape(chance.words)}</span>'
        html.append(
            _ROW.format(
                code=escape(r.code),
                code_text=escape(r.code_text),
                url=escape(r.url),
                rating=r.rating.value,
                title=escape(r.title)
                + illustrative_html(
                    r.score.target.illustrative or r.score.target.title_illustrative,
                    "figures",
                    short=True,
                ),
                unit=secondary(f"({r.unit_note})" if r.unit_note else "", " "),
                lead=escape(r.lead_text),
                contributors=f"; {escape(r.contributors)}" if r.contributors else "",
                designation=escape(r.designation_text),
                period=escape(r.period_text),
                baseline=escape(r.baseline_text),
                target=escape(r.target_text),
                actual=escape(r.actual_text),
                quality=secondary(r.quality_label),
                rating_label=r.rating_label,
                rating_note=secondary(r.rating_note, ""),
                benchmark=escape(r.benchmark_text) or _NOT_COMPARED,
                direction=r.direction_class,
                direction_label=r.direction_label,
                forecast=forecast,
                commentary=commentary_html(r),
            )
        )
    return mark_safe("".join(html))  # every value above is escaped


def _filename(agreement: Agreement, name: str, period: Period) -> str:
    label = period.label.replace("/", "-").replace(" ", "-")
    return f"{name}-{agreement.slug}-{label}"


__all__ = [
    "exception_report",
    "highlight_edit",
    "highlight_report",
    "scorecard",
]
