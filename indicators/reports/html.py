"""Report pages as HTML built in Python, a page of rows at a time.

A long report is split into pages (`Pages`) so no page is more than a few hundred
kilobytes: a 500-target exception report on one page was 2.2 MB of HTML (its rows, a
district table for each red or amber one and every overdue return) and took longer to
write than everything else the report does. Each page has the whole report's summary and
contents, every section's heading (saying which pages its rows are on) and links to every
page, so every target stays one link away; the PDF, Excel and CSV keep every row.

The rows are written here rather than in a template: through the template engine each cell
costs about 10 µs a variable, which at hundreds of rows is most of a page's time. The
markup is the templates' own (report_exceptions_body.html holds the table heads), and every
value is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from indicators.illustrative import illustrative_html
from indicators.scoring import NO_COMMENTARY

if TYPE_CHECKING:
    from indicators.reports.exceptions import Entry
    from indicators.reports.rows import Row

# Rows a page holds. An exception row with its district table is about 6 KB, a scorecard
# row about 1.5 KB, an overdue target's line about 2 KB (a link for each return).
EXCEPTIONS_PER_PAGE = 40
SCORECARD_PER_PAGE = 200
OVERDUE_TARGETS_PER_PAGE = 50
# Page numbers asked beyond this are read as this (it bounds what the cache may be asked).
MAX_PAGE = 1000


def page_number(value: object) -> int:
    """A page number from the query string: 1 for anything that is not a whole number of at
    least 1, at most MAX_PAGE."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


@dataclass(frozen=True, slots=True)
class Pages:
    """Page `number` of `total` items shown `per_page` at a time (a number past the last
    page is read as the last)."""

    asked: int
    per_page: int
    total: int

    @property
    def count(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def number(self) -> int:
        return min(self.asked, self.count)

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def stop(self) -> int:
        return min(self.start + self.per_page, self.total)

    def of(self, index: int) -> int:
        """The page the item at `index` (from 0) is on."""
        return index // self.per_page + 1

    @property
    def shown(self) -> str:
        """'41–80 of 245' (or '12' when they all fit on one page)."""
        if self.count == 1:
            return str(self.total)
        return f"{self.start + 1}–{self.stop} of {self.total}"


def page_href(query: str, param: str, number: int, anchor: str = "") -> SafeString:
    """The link to page `number` of this report, keeping the rest of the query."""
    keep = "&".join(p for p in query.split("&") if p and not p.startswith(f"{param}="))
    joined = f"{keep}&" if keep else ""
    return mark_safe(escape(f"?{joined}{param}={number}{f'#{anchor}' if anchor else ''}"))


_PREV_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 '
    '6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>'
)
_NEXT_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--next" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 '
    '4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>'
)

_PAGE = '<span class="govuk-visually-hidden"> page</span>'


def pager_html(pages: Pages, query: str, *, param: str, label: str, anchor: str = "") -> SafeString:
    """GOV.UK pagination (as templates/includes/pagination.html) naming what is paged
    (`label`, e.g. "Pages of exceptions"); nothing when everything fits on one page. Every
    page is listed: a report has a handful, and each must be reachable."""
    if pages.count == 1:
        return mark_safe("")
    current = pages.number
    html = [f'<nav class="govuk-pagination app-no-print" aria-label="{escape(label)}">']
    if current > 1:
        html.append(
            f'<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" '
            f'href="{page_href(query, param, current - 1, anchor)}" rel="prev">{_PREV_ICON}'
            f'<span class="govuk-pagination__link-title">Previous{_PAGE}</span></a></div>'
        )
    html.append('<ul class="govuk-pagination__list">')
    for number in range(1, pages.count + 1):
        is_current = number == current
        item = " govuk-pagination__item--current" if is_current else ""
        marked = ' aria-current="page"' if is_current else ""
        href = page_href(query, param, number, anchor)
        html.append(
            f'<li class="govuk-pagination__item{item}"><a class="govuk-link '
            f'govuk-pagination__link" href="{href}" aria-label="Page {number}"{marked}>'
            f"{number}</a></li>"
        )
    html.append("</ul>")
    if current < pages.count:
        html.append(
            f'<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" '
            f'href="{page_href(query, param, current + 1, anchor)}" rel="next">'
            f'<span class="govuk-pagination__link-title">Next{_PAGE}</span>{_NEXT_ICON}</a></div>'
        )
    html.append("</nav>")
    return mark_safe("".join(html))  # numbers and escaped links only


def pages_text(first: int, last: int) -> str:
    return f"page {first}" if first == last else f"pages {first} to {last}"


# Shared cells -----------------------------------------------------------------------------


def secondary(text: str, before: str = "<br>") -> str:
    return f'{before}<span class="app-secondary-text">{escape(text)}</span>' if text else ""


def commentary_html(row: Row) -> str:
    """The period's own commentary or, without one, "No commentary for this period" and the
    latest earlier one marked as earlier; escaped."""
    if row.commentary:
        return escape(row.commentary)
    html = f'<span class="app-secondary-text">{NO_COMMENTARY}</span>'
    if earlier := row.score.earlier_commentary:
        html += (
            f'<span class="app-earlier"><strong>Earlier, {escape(earlier.period)}:</strong> '
            f"{escape(earlier.text)}</span>"
        )
    return html


def _illustrative(row: Row) -> str:
    target = row.score.target
    return illustrative_html(
        target.illustrative or target.title_illustrative, "figures", short=True
    )


def _date(day: dt.date | None, missing: str = "") -> str:
    """'1 Oct 2008', as the templates' date:"j M Y"."""
    return f"{day.day} {day:%b %Y}" if day else missing


def _fixed(value: Decimal, places: int) -> str:
    """As the templates' floatformat:places (half up)."""
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


# The exception report ---------------------------------------------------------------------

_EXCEPTION_ROW = (
    '<tr class="govuk-table__row{has_response}" data-code="{code}" data-section="{section}">'
    '<th scope="row" class="govuk-table__header app-report-table__code">'
    '<a class="govuk-link" href="{url}">{code_text}</a></th>'
    '<td class="govuk-table__cell app-report-table__text" data-label="Indicator">{title}'
    '<br><span class="app-secondary-text">{partnership}. Lead: {lead}. {designation}{also}'
    "{benchmark}</span></td>"
    '<td class="govuk-table__cell app-numeric" data-label="Target">{target}'
    '<br><span class="app-secondary-text">{period}</span></td>'
    '<td class="govuk-table__cell app-numeric" data-label="Actual">{actual}</td>'
    '<td class="govuk-table__cell app-report-table__status" data-label="Rating">'
    '<strong class="app-rag app-rag--{rating}">{rating_label}</strong>'
    '<span class="app-dot app-dot--{direction}">{direction_label}</span>'
    '<span class="app-secondary-text">Forecast: {forecast}</span>{rating_note}</td>'
    '<td class="govuk-table__cell app-report-table__commentary" data-label="Commentary">'
    '{commentary}<br><span class="app-secondary-text">{explanation}</span></td>'
    "</tr>\n"
)
_RESPONSE_ROW = (
    '<tr class="govuk-table__row app-response-row" data-response-for="{code}">'
    '<th scope="row" class="govuk-table__header"><span class="govuk-visually-hidden">'
    "Response to {code}</span></th>"
    '<td class="govuk-table__cell" colspan="5">{response}</td></tr>\n'
)
_NO_ACTION = (
    '<strong class="govuk-tag govuk-tag--red" data-response="none">No action planned</strong>'
)


def exception_rows_html(entries: Iterable[Entry], section: str) -> SafeString:
    """The rows of one section of the exception page, each with the partnership's response
    under it (when an app answers), every value escaped."""
    html = []
    for entry in entries:
        r, response = entry.row, entry.response
        forecast = (
            f"{escape(r.forecast_label)} ({escape(r.forecast_text)})"
            if r.forecast_text
            else "none yet"
        )
        code = escape(r.code)
        html.append(
            _EXCEPTION_ROW.format(
                has_response=" app-has-response" if response is not None else "",
                code=code,
                section=section,
                url=escape(r.url),
                code_text=escape(r.code_text),
                title=escape(r.title) + _illustrative(r),
                partnership=escape(r.partnership),
                lead=escape(r.lead_text),
                designation=escape(r.designation_text),
                also=f". Also: {escape(r.also)}" if r.also else "",
                benchmark=f". Benchmark: {escape(r.benchmark_text)}" if r.benchmark_text else "",
                target=escape(r.target_text),
                period=escape(r.period_text),
                actual=escape(r.actual_text),
                rating=r.rating.value,
                rating_label=escape(r.rating_label),
                direction=r.direction_class,
                direction_label=r.direction_label,
                forecast=forecast,
                rating_note=secondary(r.rating_note, ""),
                commentary=commentary_html(r),
                explanation=escape(r.explanation),
            )
        )
        if response is not None:
            html.append(_RESPONSE_ROW.format(code=code, response=_response_html(response, r)))
    return mark_safe("".join(html))  # every value above is escaped


def _response_html(response: Any, row: Row) -> str:
    """ "No action planned", or the plan actions and risks (their template: the list is
    short and only some rows have one)."""
    if not response.actions and not response.risks:
        return _NO_ACTION
    return render_to_string(
        "indicators/includes/exception_response.html", {"response": response, "r": row}
    )


_HOTSPOT_TABLE = (
    '<table class="govuk-table app-table--compact app-report-table app-report-table--hotspots">'
    '<caption class="govuk-table__caption govuk-table__caption--s">'
    '<a class="govuk-link" href="{url}">{code_text}</a> {title} '
    '<strong class="app-rag app-rag--{rating}">{rating_label}</strong> '
    '<span class="app-secondary-text">Target {target}, {period}</span></caption>'
    '<thead class="govuk-table__head"><tr class="govuk-table__row">'
    '<th scope="col" class="govuk-table__header">District</th>'
    '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Value</th>'
    '<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
    "Short of target by</th>"
    '<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
    "Share of shortfall</th></tr></thead>"
    '<tbody class="govuk-table__body">{rows}</tbody></table>\n'
)
_HOTSPOT_ROW = (
    '<tr class="govuk-table__row" data-code="{code}" data-district="{district}">'
    '<th scope="row" class="govuk-table__header">{district}</th>'
    '<td class="govuk-table__cell app-numeric">{value}</td>'
    '<td class="govuk-table__cell app-numeric">{gap}</td>'
    '<td class="govuk-table__cell app-numeric">{share}%</td></tr>'
)


def hotspots_html(rows: Iterable[Row]) -> SafeString:
    """A table of the districts short of the target for each row that has some."""
    html = []
    for r in rows:
        if not r.hotspots:
            continue
        code = escape(r.code)
        cells = "".join(
            _HOTSPOT_ROW.format(
                code=code,
                district=escape(h.district),
                value=_fixed(h.value, r.places),
                gap=_fixed(h.gap, r.places),
                share=h.share,
            )
            for h in r.hotspots
        )
        html.append(
            _HOTSPOT_TABLE.format(
                url=escape(r.url),
                code_text=escape(r.code_text),
                title=escape(r.title),
                rating=r.rating.value,
                rating_label=escape(r.rating_label),
                target=escape(r.target_text),
                period=escape(r.period_text),
                rows=cells,
            )
        )
    return mark_safe("".join(html))  # every value above is escaped


_OVERDUE_ROW = (
    '<tr class="govuk-table__row" data-escalated="return">'
    '<th scope="row" class="govuk-table__header">{code}<br>'
    '<span class="app-secondary-text">{title}</span></th>'
    '<td class="govuk-table__cell" data-label="Returns overdue">{links}</td>'
    '<td class="govuk-table__cell" data-label="Oldest due">{due}</td>'
    '<td class="govuk-table__cell govuk-table__cell--numeric" data-label="Days overdue">'
    "{days}</td></tr>\n"
)


def overdue_returns_html(groups: Sequence[Any]) -> SafeString:
    """One line a target (meetings/escalation.py's TargetReturns): a link to each overdue
    return, the oldest due date and the days overdue, as templates/includes/escalations.html."""
    html = []
    for g in groups:
        code = escape(g.code)
        links = ", ".join(
            f'<a class="govuk-link" href="{escape(r.url)}">{escape(r.period.label)}'
            f'<span class="govuk-visually-hidden"> return for {code}</span></a>'
            + ("" if r.status.value == "late" else f" ({escape(str(r.status.label).lower())})")
            for r in g.returns
        )
        html.append(
            _OVERDUE_ROW.format(
                code=code, title=escape(g.title), links=links, due=_date(g.due_on), days=g.days_late
            )
        )
    return mark_safe("".join(html))  # every value above is escaped


_ACTION_ROW = (
    '<tr class="govuk-table__row" data-escalated="action">'
    '<th scope="row" class="govuk-table__header"><a class="govuk-link" href="{url}">{text}</a>'
    '<br><span class="app-secondary-text">{kind}</span></th>'
    '<td class="govuk-table__cell" data-label="Partnership">{partnership}</td>'
    '<td class="govuk-table__cell" data-label="Owner">{owners}</td>'
    '<td class="govuk-table__cell" data-label="Due">{due}</td>'
    '<td class="govuk-table__cell govuk-table__cell--numeric" data-label="Days overdue">'
    "{days}</td></tr>\n"
)


def _truncated(text: str, length: int = 120) -> str:
    """As the templates' truncatechars:120."""
    return text if len(text) <= length else text[: length - 1] + "…"


def overdue_actions_html(actions: Iterable[Any]) -> SafeString:
    """The overdue plan actions and action points (partnerships/due.py's DueItem)."""
    return mark_safe(
        "".join(
            _ACTION_ROW.format(
                url=escape(a.url),
                text=escape(_truncated(a.text)),
                kind=escape(str(a.kind)),
                partnership=escape(a.partnership),
                owners=escape(a.owners),
                due=_date(a.due_on),
                days=a.days_late,
            )
            for a in actions
        )
    )  # every value above is escaped


# Pages of a report ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionPage:
    """One section of the exception report as one page shows it: its rows on this page
    (if any) and where the rest are."""

    key: str
    number: int
    title: str
    description: str
    total: int
    rows_html: SafeString
    first_page: int
    last_page: int
    href: str  # its heading: on this page, or the page with its first row

    @property
    def where(self) -> str:
        return pages_text(self.first_page, self.last_page)


def exception_page(
    report: Any, escalations: Any, query: str, *, page: int, overdue_page: int
) -> dict[str, object]:
    """What the exception page shows on page `page` of its exceptions (and `overdue_page` of
    the targets with overdue returns): every section's heading, the rows on this page, the
    district hotspots of those rows, and links to every page."""
    pages = Pages(page, EXCEPTIONS_PER_PAGE, len(report.rows))
    here = f"page={pages.number}"
    sections = []
    start = 0
    for number, section in enumerate(report.sections, 1):
        total = len(section.rows)
        first, last = pages.of(start), pages.of(max(start + total - 1, start))
        lo, hi = max(start, pages.start), min(start + total, pages.stop)
        rows_html = (
            exception_rows_html(section.entries[lo - start : hi - start], section.key)
            if lo < hi
            else mark_safe("")
        )
        shown = total == 0 or first <= pages.number <= last
        sections.append(
            SectionPage(
                key=section.key,
                number=number,
                title=section.title,
                description=section.description,
                total=total,
                rows_html=rows_html,
                first_page=first,
                last_page=last,
                href=f"#{section.key}"
                if shown
                else page_href(_with(query, f"overdue={overdue_page}"), "page", first, section.key),
            )
        )
        start += total
    on_page = report.rows[pages.start : pages.stop]
    context: dict[str, object] = {
        "page": pages,
        "pager": pager_html(
            pages,
            _with(query, f"overdue={overdue_page}"),
            param="page",
            label="Pages of exceptions",
            anchor="exceptions",
        ),
        "sections": sections,
        "hotspots_html": hotspots_html(on_page),
        "hotspots_here": sum(1 for r in on_page if r.hotspots),
        "hotspots_total": sum(1 for r in report.rows if r.hotspots),
    }
    if escalations is not None:
        groups = escalations.returns_by_target
        overdue = Pages(overdue_page, OVERDUE_TARGETS_PER_PAGE, len(groups))
        context |= {
            "overdue": overdue,
            "overdue_targets": len(groups),
            "overdue_html": overdue_returns_html(groups[overdue.start : overdue.stop]),
            "overdue_pager": pager_html(
                overdue,
                _with(query, here),
                param="overdue",
                label="Pages of targets with overdue returns",
                anchor="escalations",
            ),
            "actions_html": overdue_actions_html(escalations.actions),
        }
    return context


def _with(query: str, extra: str) -> str:
    return f"{query}&{extra}" if query else extra


@dataclass(frozen=True, slots=True)
class GroupPage:
    """One theme of the scorecard as one page shows it."""

    number: int
    title: str
    partnership: str
    total: int
    summary: str
    rows_html: SafeString
    continued: bool
    first_page: int
    last_page: int

    @property
    def where(self) -> str:
        return pages_text(self.first_page, self.last_page)


def scorecard_page(report: Any, query: str, *, page: int, rows_html: Any) -> dict[str, object]:
    """What the scorecard page shows on page `page`: the themes with rows on it (a theme
    split between pages is continued on the next), and every theme's page in the contents."""
    pages = Pages(page, SCORECARD_PER_PAGE, len(report.rows))
    groups, contents = [], []
    start = 0
    for number, group in enumerate(report.groups, 1):
        total = len(group.rows)
        first, last = pages.of(start), pages.of(start + total - 1)
        lo, hi = max(start, pages.start), min(start + total, pages.stop)
        item = GroupPage(
            number=number,
            title=group.title,
            partnership=group.partnership,
            total=total,
            summary=group.summary,
            rows_html=rows_html(group.rows[lo - start : hi - start]) if lo < hi else mark_safe(""),
            continued=lo > start,
            first_page=first,
            last_page=last,
        )
        contents.append(
            (
                item,
                f"#group-{number}"
                if first <= pages.number <= last
                else page_href(query, "page", first, f"group-{number}"),
            )
        )
        if lo < hi:
            groups.append(item)
        start += total
    return {
        "page": pages,
        "pager": pager_html(
            pages, query, param="page", label="Pages of the scorecard", anchor="targets"
        ),
        "groups": groups,
        "contents": contents if pages.count > 1 else [],
    }
