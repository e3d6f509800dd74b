"""Pages that follow the golden thread across apps: agreement → theme → outcome → target
(with its rating) → actions (with theirs) → money, and the impact map of targets without
actions, actions without targets and cross-cutting actions.

They live in the project package because they read both partnerships (plans) and
indicators (targets and ratings), and partnerships must not import indicators.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO, StringIO
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font

from indicators.models import Target
from indicators.rating import Rating
from indicators.scoring import Score, latest_scores
from partnerships import clock
from partnerships.models import Outcome, Partnership, Theme
from partnerships.permissions import get_standing
from partnerships.spreadsheets import safe_cell, safe_row
from partnerships.typing import HtmxHttpRequest
from plans.models import Action, FundingLine
from plans.schedule import ActionRatingResult

# Red first: the impact map is read for what needs attention.
RATING_ORDER = {
    Rating.RED: 0,
    Rating.AMBER: 1,
    Rating.NO_DATA: 2,
    Rating.NOT_RATED: 3,
    Rating.GREEN: 4,
}


def target_ratings(targets: QuerySet[Target], today: dt.date) -> dict[int, Score]:
    """Each target's latest rating, from the indicators app's scoring (a fixed number of
    queries however many targets). The one place these pages read target ratings."""
    return latest_scores(targets, today)


def _partnership_filter(request: HtmxHttpRequest, agreement_id: int) -> Partnership | None:
    wanted = request.GET.get("partnership", "")
    if not wanted.isdigit():
        return None
    return Partnership.objects.filter(agreement_id=agreement_id, pk=int(wanted)).first()


def _links(target_ids: Iterable[int]) -> dict[int, list[int]]:
    """target id → ids of the actions serving it (one query)."""
    links: dict[int, list[int]] = defaultdict(list)
    through = Action.targets.through.objects.filter(target_id__in=list(target_ids))
    for target_id, action_id in through.values_list("target_id", "action_id"):
        links[target_id].append(action_id)
    return links


# The golden thread ----------------------------------------------------------------------


@dataclass
class ThreadAction:
    action: Action
    result: ActionRatingResult
    funding: list[FundingLine] = field(default_factory=list)


@dataclass
class ThreadTarget:
    target: Target
    score: Score | None
    actions: list[ThreadAction] = field(default_factory=list)


def rating_summary(entries: list[ThreadTarget]) -> str:
    """E.g. "3 targets: 1 red, 2 green", worst first."""
    counts: dict[Rating, int] = defaultdict(int)
    for entry in entries:
        counts[entry.score.rating if entry.score else Rating.NOT_RATED] += 1
    if not counts:
        return "no targets"
    total = sum(counts.values())
    ratings = sorted(counts.items(), key=lambda item: RATING_ORDER[item[0]])
    parts = ", ".join(f"{n} {rating.label.lower()}" for rating, n in ratings)
    return f"{total} target{'s' if total != 1 else ''}: {parts}"


@dataclass
class ThreadOutcome:
    outcome: Outcome
    targets: list[ThreadTarget] = field(default_factory=list)
    children: list[ThreadOutcome] = field(default_factory=list)

    @property
    def target_count(self) -> int:
        return len(self.targets) + sum(child.target_count for child in self.children)

    @property
    def rating_summary(self) -> str:
        """E.g. "3 targets: 1 red, 2 green" (its own and its sub-outcomes'), worst first."""
        return rating_summary(self._all_targets())

    def _all_targets(self) -> list[ThreadTarget]:
        return self.targets + [t for child in self.children for t in child._all_targets()]


@dataclass
class ThreadTheme:
    theme: Theme | None
    outcomes: list[ThreadOutcome] = field(default_factory=list)
    loose_targets: list[ThreadTarget] = field(default_factory=list)

    @property
    def target_count(self) -> int:
        return len(self.loose_targets) + sum(o.target_count for o in self.outcomes)

    @property
    def loose_summary(self) -> str:
        return rating_summary(self.loose_targets)


@login_required
@require_GET
def thread(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    agreement = standing.agreement
    chosen = _partnership_filter(request, agreement.pk)
    # The whole agreement opened up is thousands of lines: start from the outcomes and
    # their rating counts, and open everything for one partnership or when asked.
    expanded = chosen is not None or request.GET.get("open") == "all"
    targets = _thread_targets(agreement.pk, chosen)
    by_outcome: dict[int | None, list[ThreadTarget]] = defaultdict(list)
    for entry in _thread_entries(targets, clock.today()):
        by_outcome[entry.target.outcome_id].append(entry)
    return render(
        request,
        "plans/thread.html",
        {
            "agreement": agreement,
            "themes": _thread_themes(agreement.pk, chosen, by_outcome),
            "unlinked": ThreadTheme(None, loose_targets=by_outcome.get(None, [])),
            # The chosen one too, so the list shows it even when it has nothing to show.
            "partnerships": Partnership.objects.filter(agreement=agreement)
            .filter(
                Q(plans__isnull=False)
                | Q(targets__isnull=False)
                | Q(pk=chosen.pk if chosen else None)
            )
            .distinct()
            .order_by("name"),
            "chosen": chosen,
            "expanded": expanded,
            "target_total": len(targets),
            "nav_section": "plans",
        },
    )


def _thread_targets(agreement_id: int, chosen: Partnership | None) -> list[Target]:
    """The agreement's active targets; for one partnership, those it leads or serves."""
    targets = Target.objects.active().filter(agreement_id=agreement_id)
    if chosen:
        targets = targets.filter(
            Q(partnership=chosen) | Q(actions__plan__partnership=chosen)
        ).distinct()
    return list(targets.select_related("indicator", "lead", "partnership"))


def _thread_entries(targets: list[Target], today: dt.date) -> list[ThreadTarget]:
    """Each target with its rating and the actions serving it, each with its money."""
    scores = target_ratings(Target.objects.filter(pk__in=[t.pk for t in targets]), today)
    links = _links(t.pk for t in targets)
    actions = {
        a.pk: a
        for a in Action.objects.filter(pk__in={pk for ids in links.values() for pk in ids})
        .exclude(status=Action.Status.DROPPED)
        .select_related("lead", "plan__partnership")
    }
    funding: dict[int, list[FundingLine]] = defaultdict(list)
    for line in FundingLine.objects.filter(action_id__in=list(actions)):
        funding[line.action_id].append(line)  # type: ignore[index]
    entries = []
    for target in targets:
        served = [actions[pk] for pk in links.get(target.pk, []) if pk in actions]
        served.sort(key=lambda a: (a.plan.partnership.name, a.order, a.pk))
        thread_actions = [ThreadAction(a, a.rating(today), funding.get(a.pk, [])) for a in served]
        entries.append(ThreadTarget(target, scores.get(target.pk), thread_actions))
    return entries


def _thread_themes(
    agreement_id: int,
    chosen: Partnership | None,
    by_outcome: dict[int | None, list[ThreadTarget]],
) -> list[ThreadTheme]:
    """The agreement's themes, each with its outcome tree and the targets under each."""
    outcomes = Outcome.objects.filter(theme__agreement_id=agreement_id)
    children: dict[int | None, list[Outcome]] = defaultdict(list)
    for outcome in outcomes.order_by("order", "code", "pk"):
        children[outcome.parent_id].append(outcome)

    def branch(outcome: Outcome, depth: int = 0) -> ThreadOutcome:
        kids = children.get(outcome.pk, []) if depth < 10 else []
        return ThreadOutcome(
            outcome, by_outcome.get(outcome.pk, []), [branch(k, depth + 1) for k in kids]
        )

    themes = []
    for theme in Theme.objects.filter(agreement_id=agreement_id).select_related("partnership"):
        tops = [o for o in children.get(None, []) if o.theme_id == theme.pk]
        entry = ThreadTheme(theme, [branch(o) for o in tops])
        if not chosen or entry.target_count or theme.partnership_id == chosen.pk:
            themes.append(entry)
    return themes


# The impact map -------------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    """One line of the impact map, the same for the page, the CSV and the workbook."""

    partnership: str
    target_code: str = ""
    target_title: str = ""
    target_rating: str = ""
    action_ref: str = ""
    action_title: str = ""
    plan: str = ""
    action_lead: str = ""
    action_rating: str = ""
    note: str = ""
    target_url: str = ""
    action_url: str = ""
    rag: str = ""
    action_rag: str = ""


@dataclass
class ImpactSection:
    key: str
    title: str
    description: str
    rows: list[ImpactRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many targets or actions the section lists (a cross-cutting action has a
        row for each target it serves, a shared target one for each action)."""
        if self.key == "cross-cutting-actions":
            return len({row.action_url for row in self.rows})
        if self.key == "targets-with-several-partnerships":
            return len({row.target_url for row in self.rows})
        return len(self.rows)


COLUMNS = [
    ("partnership", "Partnership"),
    ("target_code", "Target"),
    ("target_title", "Target title"),
    ("target_rating", "Target rating"),
    ("action_ref", "Action ref"),
    ("action_title", "Action"),
    ("plan", "Plan"),
    ("action_lead", "Action lead"),
    ("action_rating", "Action rating"),
    ("note", "Note"),
]


def impact_map(
    agreement_id: int, chosen: Partnership | None, today: dt.date
) -> list[ImpactSection]:
    links = _ImpactLinks.load(agreement_id, chosen, today)
    return [
        _targets_without_actions(links),
        _actions_without_targets(links),
        _cross_cutting_actions(links),
        _targets_of_several_partnerships(links),
    ]


@dataclass
class _ImpactLinks:
    """The agreement's active targets and live actions, which serves which, and how each
    rates today: what the impact map's four sections are read from."""

    chosen: Partnership | None
    today: dt.date
    targets: list[Target]
    actions: list[Action]
    scores: dict[int, Score]
    served_by: dict[int, list[Action]] = field(default_factory=lambda: defaultdict(list))
    serves: dict[int, list[Target]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, agreement_id: int, chosen: Partnership | None, today: dt.date) -> _ImpactLinks:
        targets = list(
            Target.objects.active()
            .filter(agreement_id=agreement_id)
            .select_related("indicator", "partnership", "lead")
        )
        by_pk = {t.pk: t for t in targets}
        actions = list(
            Action.objects.filter(plan__partnership__agreement_id=agreement_id)
            .exclude(status=Action.Status.DROPPED)
            .select_related("lead", "plan__partnership")
        )
        scores = target_ratings(Target.objects.filter(pk__in=list(by_pk)), today)
        links = cls(chosen, today, targets, actions, scores)
        action_by_pk = {a.pk: a for a in actions}
        for target_id, action_ids in _links(by_pk).items():
            for action_id in action_ids:
                if action_id in action_by_pk:
                    links.served_by[target_id].append(action_by_pk[action_id])
                    links.serves[action_id].append(by_pk[target_id])
        return links

    def rating_of(self, target: Target) -> Rating:
        score = self.scores.get(target.pk)
        return score.rating if score else Rating.NOT_RATED

    def target_part(self, target: Target) -> dict[str, str]:
        rating = self.rating_of(target)
        return {
            "target_code": target.indicator.code,
            "target_title": target.indicator.title,
            "target_rating": rating.label,
            "target_url": target.get_absolute_url(),
            "rag": rating.value,
        }

    def action_part(self, action: Action) -> dict[str, str]:
        result = action.rating(self.today)
        return {
            "action_ref": action.ref,
            "action_title": action.title,
            "plan": action.plan.title,
            "action_lead": action.lead.name if action.lead else "",
            "action_rating": result.rating.label,
            "action_rag": result.rating.value,
            "action_url": action.get_absolute_url(),
        }

    def in_scope_target(self, target: Target) -> bool:
        return self.chosen is None or target.partnership_id == self.chosen.pk

    def in_scope_action(self, action: Action) -> bool:
        return self.chosen is None or action.plan.partnership_id == self.chosen.pk


def _targets_without_actions(links: _ImpactLinks) -> ImpactSection:
    section = ImpactSection(
        "targets-without-actions",
        "Targets with no action",
        "No action in any delivery plan serves these targets. Red and amber ones first.",
    )
    for target in sorted(
        (t for t in links.targets if links.in_scope_target(t) and not links.served_by.get(t.pk)),
        key=lambda t: (RATING_ORDER[links.rating_of(t)], t.indicator.code),
    ):
        section.rows.append(ImpactRow(target.partnership.label, **links.target_part(target)))
    return section


def _actions_without_targets(links: _ImpactLinks) -> ImpactSection:
    section = ImpactSection(
        "actions-without-targets",
        "Actions linked to no target",
        "These actions do not say which target they serve, so their effect cannot be traced.",
    )
    for action in links.actions:
        if links.in_scope_action(action) and not links.serves.get(action.pk):
            section.rows.append(
                ImpactRow(action.plan.partnership.label, **links.action_part(action))
            )
    return section


def _cross_cutting_actions(links: _ImpactLinks) -> ImpactSection:
    section = ImpactSection(
        "cross-cutting-actions",
        "Cross-cutting actions",
        "Actions serving more than one target, those reaching several partnerships' "
        "targets first. The downloads have one line for each target served.",
    )

    def reach(action: Action) -> tuple[int, int]:
        served = links.serves.get(action.pk, [])
        return (-len({t.partnership_id for t in served}), -len(served))

    for action in sorted(links.actions, key=reach):
        served = sorted(links.serves.get(action.pk, []), key=lambda t: t.indicator.code)
        if links.in_scope_action(action) and len(served) > 1:
            owners = {t.partnership_id for t in served}
            note = f"Serves {len(served)} targets" + (
                f" of {len(owners)} partnerships" if len(owners) > 1 else ""
            )
            for target in served:
                section.rows.append(
                    ImpactRow(
                        action.plan.partnership.label,
                        **links.target_part(target),
                        **links.action_part(action),
                        note=note,
                    )
                )
    return section


def _targets_of_several_partnerships(links: _ImpactLinks) -> ImpactSection:
    section = ImpactSection(
        "targets-with-several-partnerships",
        "Targets served by several partnerships",
        "Targets that actions of more than one partnership's plan work towards: "
        "the opportunities for joint work.",
    )
    for target in links.targets:
        contributors = {a.plan.partnership_id for a in links.served_by.get(target.pk, [])}
        if links.in_scope_target(target) and len(contributors) > 1:
            for action in links.served_by[target.pk]:
                section.rows.append(
                    ImpactRow(
                        action.plan.partnership.label,
                        **links.target_part(target),
                        **links.action_part(action),
                        note=f"{len(contributors)} partnerships' plans serve it",
                    )
                )
    return section


@login_required
@require_GET
def impact(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    chosen = _partnership_filter(request, standing.agreement.pk)
    today = clock.today()
    sections = impact_map(standing.agreement.pk, chosen, today)
    export = request.GET.get("format")
    name = f"impact-map-{standing.agreement.slug}{f'-{chosen.slug}' if chosen else ''}"
    if export == "csv":
        return _csv_response(sections, f"{name}.csv")
    if export == "xlsx":
        return _xlsx_response(sections, f"{name}.xlsx")
    return render(
        request,
        "plans/impact.html",
        {
            "sections": sections,
            "chosen": chosen,
            "partnerships": Partnership.objects.filter(agreement=standing.agreement).order_by(
                "name"
            ),
            "agreement": standing.agreement,
            "nav_section": "plans",
        },
    )


def _values(row: ImpactRow) -> list[Any]:
    """The row's cells for the CSV and the workbook: titles people typed never run."""
    return safe_row(getattr(row, key) for key, _ in COLUMNS)


def _csv_response(sections: list[ImpactSection], filename: str) -> HttpResponse:
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(["Section", *(heading for _, heading in COLUMNS)])
    for section in sections:
        for row in section.rows:
            writer.writerow([safe_cell(section.title), *_values(row)])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_response(sections: list[ImpactSection], filename: str) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for section in sections:
        sheet = workbook.create_sheet(section.title[:31])
        sheet.append([heading for _, heading in COLUMNS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in section.rows:
            sheet.append(_values(row))
        sheet.freeze_panes = "A2"
        widths = [20, 10, 45, 12, 8, 45, 30, 22, 12, 30]
        for letter, width in zip("ABCDEFGHIJ", widths, strict=True):
            sheet.column_dimensions[letter].width = width
    out = BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
