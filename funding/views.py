"""Funding pages: the position, funds and allocations, bids with their decision trail,
spend, top-slice modelling, reward at risk. Exports are in exports.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from funding import actions, permissions
from funding.forms import (
    AllocationForm,
    AwardForm,
    BidForm,
    CarryForwardForm,
    DecisionForm,
    FundForm,
    FundYearForm,
    ModellingForm,
    RoundForm,
    SpendForm,
)
from funding.models import Allocation, Award, Bid, BidDecision, Fund, FundYear
from funding.money import ZERO, top_slice
from funding.position import (
    bids_with_targets,
    fund_checks,
    funding_position,
    reward_at_risk,
    year_order,
)
from indicators.models import Target
from indicators.scoring import latest_scores
from partnerships import clock
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.models import Partnership, User
from partnerships.permissions import Standing, get_standing, standing_in
from partnerships.typing import HtmxHttpRequest


def _user(request: HtmxHttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _chosen[T](items: list[T], value: str | None) -> T | None:
    return next((i for i in items if str(i.pk) == value), None)  # type: ignore[attr-defined]


def _draftable(standing: Standing) -> QuerySet[Partnership]:
    partnerships = Partnership.objects.filter(agreement=standing.agreement)
    if standing.is_observer:
        return partnerships.none()
    return partnerships if standing.is_secretariat else partnerships.filter(pk__in=standing.leads)


# The position ------------------------------------------------------------------------------


@login_required
@require_GET
def position(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = list(Partnership.objects.filter(agreement=standing.agreement))
    funds = list(Fund.objects.filter(agreement=standing.agreement))
    partnership = _chosen(partnerships, request.GET.get("partnership"))
    fund = _chosen(funds, request.GET.get("fund"))
    context = {
        "position": funding_position(standing.agreement, partnership=partnership, fund=fund),
        "partnerships": partnerships,
        "funds": funds,
        "partnership": partnership,
        "fund": fund,
        "standing": standing,
        "nav_section": "funding",
    }
    template = "funding/position.html#position" if request.htmx else "funding/position.html"
    return render(request, template, context)


# Funds, years, allocations, rounds ---------------------------------------------------------


@login_required
@require_GET
def fund_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    funds = Fund.objects.filter(agreement=standing.agreement).prefetch_related(
        "years", Prefetch("allocations", queryset=Allocation.objects.all())
    )
    rows = [(f, fund_checks(f, list(f.allocations.all()), list(f.years.all()))) for f in funds]
    return render(
        request,
        "funding/fund_list.html",
        {
            "rows": rows,
            "can_manage": permissions.can_manage_funds(standing),
            "nav_section": "funding",
        },
    )


@login_required
@require_GET
def fund_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    fund = permissions.get_fund_for_user(request, pk)
    standing = standing_in(request, fund.agreement)
    allocations = list(fund.allocations.select_related("partnership"))
    allocations.sort(key=lambda a: (year_order(a.year), a.partnership.name))
    years = list(fund.years.all())
    return render(
        request,
        "funding/fund_detail.html",
        {
            "fund": fund,
            "allocations": allocations,
            "checks": fund_checks(fund, allocations, years),
            "rounds": fund.rounds.select_related("decision_meeting__partnership"),
            "carry_forwards": fund.carry_forwards.select_related(
                "partnership", "agreed_by", "meeting__partnership", "agenda_item"
            ),
            "rule_history": fund.history.select_related("history_user").order_by("-history_date"),
            "can_manage": permissions.can_manage_funds(standing),
            "nav_section": "funding",
        },
    )


def _form_page(
    request: HtmxHttpRequest,
    form: object,
    title: str,
    back: str,
    conflict: EditConflict | None = None,
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "conflict": conflict}
    return render(request, "funding/form.html", {**context, "nav_section": "funding"})


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    if not permissions.can_manage_funds(standing):
        raise PermissionDenied("Only the secretariat manages funds.")
    form = FundForm(request.POST or None, agreement=standing.agreement)
    if request.method == "POST" and form.is_valid():
        fund = form.save()
        messages.success(request, f"{fund} added.")
        return redirect(fund)
    return _form_page(request, form, "Add a fund", "/funding/funds/")


@login_required
@require_http_methods(["GET", "POST"])
def fund_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    fund = permissions.get_fund_for_user(request, pk, write=True)
    form = FundForm(request.POST or None, instance=fund, agreement=fund.agreement)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(form, form.save)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(
                request, "Fund and rules saved. The earlier rules are kept in its history."
            )
            return redirect(fund)
    return _form_page(request, form, f"Change {fund}", fund.get_absolute_url(), conflict)


def _warn_if_over(request: HtmxHttpRequest, fund: Fund) -> None:
    for check in fund_checks(fund, list(fund.allocations.all()), list(fund.years.all())):
        if check.over_by:
            messages.warning(
                request,
                f"Allocations for {check.label} (£{check.allocated:,.2f}) exceed the "
                f"£{check.available:,.2f} available by £{check.over_by:,.2f}.",
            )


@login_required
@require_http_methods(["GET", "POST"])
def fund_year_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    fund = permissions.get_fund_for_user(request, pk, write=True)
    form = FundYearForm(request.POST or None, fund=fund)
    if request.method == "POST" and form.is_valid():
        form.save()
        _warn_if_over(request, fund)
        return redirect(fund)
    return _form_page(request, form, f"Amount available from {fund}", fund.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def allocation_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    fund = permissions.get_fund_for_user(request, pk, write=True)
    form = AllocationForm(request.POST or None, fund=fund)
    if request.method == "POST" and form.is_valid():
        form.save()
        _warn_if_over(request, fund)
        return redirect(fund)
    return _form_page(request, form, f"Indicative allocation from {fund}", fund.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def allocation_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    allocation = Allocation.objects.filter(pk=pk).select_related("fund").first()
    fund = permissions.get_fund_for_user(
        request, allocation.fund_id if allocation else 0, write=True
    )
    form = AllocationForm(request.POST or None, instance=allocation, fund=fund)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(form, form.save)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            _warn_if_over(request, fund)
            return redirect(fund)
    title = f"Change an allocation from {fund}"
    return _form_page(request, form, title, fund.get_absolute_url(), conflict)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    fund = permissions.get_fund_for_user(request, pk, write=True)
    form = RoundForm(request.POST or None, fund=fund)
    if request.method == "POST" and form.is_valid():
        round_ = form.save()
        messages.success(request, f"{round_} added.")
        return redirect(round_)
    return _form_page(request, form, f"Commissioning round for {fund}", fund.get_absolute_url())


@login_required
@require_GET
def round_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    round_ = permissions.get_round_for_user(request, pk)
    standing = standing_in(request, round_.fund.agreement)
    bids = list(bids_with_targets(round_.bids.all()))
    target_ids = {t.pk for b in bids for t in b.targets.all()}
    considered = [b for b in bids if b.status != Bid.Status.DRAFT]
    by_status = [
        (label, sum((b.total_amount for b in bids if b.status == value), ZERO),
         sum(1 for b in bids if b.status == value))
        for value, label in Bid.Status.choices
    ]  # fmt: skip
    return render(
        request,
        "funding/round_detail.html",
        {
            "round": round_,
            "fund": round_.fund,
            "state": round_.window_state(clock.today()),
            "bids": bids,
            "scores": latest_scores(Target.objects.filter(pk__in=target_ids)) if target_ids else {},
            "asked": sum((b.total_amount for b in considered), ZERO),
            "by_status": [row for row in by_status if row[2]],
            "can_manage": permissions.can_manage_funds(standing),
            "can_bid": _draftable(standing).exists(),
            "nav_section": "funding",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    round_ = permissions.get_round_for_user(request, pk, write=True)
    form = RoundForm(request.POST or None, instance=round_, fund=round_.fund)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(form, form.save)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, "Round saved. The earlier dates are kept in its history.")
            return redirect(round_)
    return _form_page(request, form, f"Change {round_}", round_.get_absolute_url(), conflict)


@login_required
@require_http_methods(["GET", "POST"])
def carry_forward_create(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    if not permissions.can_manage_funds(standing):
        raise PermissionDenied("Only the secretariat records carry-forward.")
    form = CarryForwardForm(request.POST or None, agreement=standing.agreement)
    if request.method == "POST" and form.is_valid():
        try:
            actions.carry_forward_record(carry=form.instance, by=_user(request))
        except actions.FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Carry-forward recorded.")
            return redirect(form.instance.fund)
    return _form_page(request, form, "Carry an underspend forward", "/funding/funds/")


# Bids --------------------------------------------------------------------------------------


@login_required
@require_GET
def bid_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = list(
        Partnership.objects.filter(agreement=standing.agreement, bids__isnull=False).distinct()
    )
    funds = list(Fund.objects.filter(agreement=standing.agreement))
    partnership = _chosen(partnerships, request.GET.get("partnership"))
    fund = _chosen(funds, request.GET.get("fund"))
    status = request.GET.get("status") if request.GET.get("status") in Bid.Status.values else ""
    bids = Bid.objects.in_agreement(standing.agreement.pk)
    if partnership:
        bids = bids.filter(partnership=partnership)
    if fund:
        bids = bids.filter(fund=fund)
    if status:
        bids = bids.filter(status=status)
    bid_rows = list(bids_with_targets(bids))
    target_ids = {t.pk for b in bid_rows for t in b.targets.all()}
    context = {
        "bids": bid_rows,
        "scores": latest_scores(Target.objects.filter(pk__in=target_ids)) if target_ids else {},
        "partnerships": partnerships,
        "funds": funds,
        "statuses": Bid.Status.choices,
        "partnership": partnership,
        "fund": fund,
        "status": status,
        "can_create": _draftable(standing).exists(),
        "nav_section": "funding",
    }
    template = "funding/bid_list.html#bids" if request.htmx else "funding/bid_list.html"
    return render(request, template, context)


@login_required
@require_GET
def bid_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    bid = permissions.get_bid_for_user(request, pk)
    standing = standing_in(request, bid.partnership.agreement)
    targets = bid.targets.select_related("indicator")
    return render(request, "funding/bid_detail.html", _bid_context(bid, standing, targets))


def _bid_context(bid: Bid, standing: Standing, targets: QuerySet[Target]) -> dict[str, object]:
    return {
        "bid": bid,
        "amounts": bid.amounts.all(),
        "targets": targets,
        "scores": latest_scores(targets),
        "plan_actions": bid.actions.select_related("plan__partnership"),
        "funding_lines": bid.funding_lines.select_related("plan__partnership", "action"),
        "decisions": BidDecision.objects.filter(bid=bid).select_related(
            "decided_by", "meeting__partnership", "agenda_item"
        ),
        "awards": bid.awards.prefetch_related("spend"),
        "can_edit": permissions.can_edit_bid(standing, bid),
        "can_submit": permissions.can_submit_bid(standing, bid),
        "can_endorse": permissions.can_endorse_bid(standing, bid),
        "can_decide": permissions.can_decide_bid(standing, bid),
        "can_spend": permissions.can_record_spend(standing, bid),
        "can_change_award": permissions.can_change_award(standing),
        "spend_form": SpendForm(),
        "nav_section": "funding",
    }


@login_required
@require_http_methods(["GET", "POST"])
def bid_create(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = _draftable(standing)
    if not partnerships.exists():
        raise PermissionDenied("Only a partnership's lead, deputy lead or secretariat can bid.")
    form = BidForm(
        request.POST or None,
        agreement=standing.agreement,
        partnerships=partnerships,
        initial={
            "partnership": request.GET.get("partnership")
            or (partnerships.get().pk if partnerships.count() == 1 else None),
            "fund": request.GET.get("fund"),
            "round": request.GET.get("round"),
        },
    )
    if request.method == "POST" and form.is_valid():
        bid = actions.bid_save(
            bid=form.save(commit=False),
            amounts=form.amounts,
            by=_user(request),
            targets=form.cleaned_data["targets"],
            actions=form.cleaned_data["actions"],
            funding_lines=form.cleaned_data["funding_lines"],
        )
        messages.success(request, "Bid saved as a draft. Submit it when it is ready.")
        return redirect(bid)
    return render(request, "funding/bid_form.html", {"form": form, "nav_section": "funding"})


@login_required
@require_http_methods(["GET", "POST"])
def bid_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    bid = permissions.get_bid_for_user(request, pk, write=True)
    standing = standing_in(request, bid.partnership.agreement)
    if not permissions.can_edit_bid(standing, bid):
        raise PermissionDenied("Only draft or deferred bids can be changed.")
    form = BidForm(
        request.POST or None, instance=bid, agreement=standing.agreement,
        partnerships=_draftable(standing),
    )  # fmt: skip
    conflict = None
    if request.method == "POST" and form.is_valid():

        def save() -> Bid:
            return actions.bid_save(
                bid=form.save(commit=False),
                amounts=form.amounts,
                by=_user(request),
                targets=form.cleaned_data["targets"],
                actions=form.cleaned_data["actions"],
                funding_lines=form.cleaned_data["funding_lines"],
            )

        try:
            versioned_save(form, save)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, "Bid saved.")
            return redirect(bid)
    context = {"form": form, "bid": bid, "conflict": conflict, "nav_section": "funding"}
    return render(request, "funding/bid_form.html", context)


@login_required
@require_POST
def bid_submit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    bid = permissions.get_bid_for_user(request, pk, write=True)
    if not permissions.can_submit_bid(standing_in(request, bid.partnership.agreement), bid):
        raise PermissionDenied("Only a draft bid can be submitted.")
    actions.bid_move(bid=bid, to=Bid.Status.SUBMITTED, by=_user(request), on=clock.today())
    messages.success(request, "Bid submitted to the partnership for endorsement.")
    return redirect(bid)


@login_required
@require_http_methods(["GET", "POST"])
def bid_decide(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Record the partnership's endorsement, or the deciding body's decision."""
    bid = permissions.get_bid_for_user(request, pk)
    standing = standing_in(request, bid.partnership.agreement)
    if permissions.can_endorse_bid(standing, bid):
        outcomes = [Bid.Status.ENDORSED]
    elif permissions.can_decide_bid(standing, bid):
        outcomes = list(Bid.NEXT[bid.status])
    else:
        raise PermissionDenied("You cannot record a decision on this bid now.")
    form = DecisionForm(request.POST or None, bid=bid, outcomes=outcomes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.bid_move(
                bid=bid, to=data["outcome"], by=_user(request), on=data["decided_on"],
                meeting=data["meeting"], agenda_item=data["agenda_item"], note=data["note"],
            )  # fmt: skip
        except actions.FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Decision recorded: {bid.get_status_display().lower()}.")
            return redirect(bid)
    return render(
        request, "funding/bid_decide.html", {"form": form, "bid": bid, "nav_section": "funding"}
    )


@login_required
@require_POST
def spend_record(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    award = permissions.get_award_for_user(request, pk, write=True)
    form = SpendForm(request.POST)
    if form.is_valid():
        try:
            actions.spend_record(
                award=award, quarter=form.cleaned_data["quarter"],
                amount=form.cleaned_data["amount"], by=_user(request),
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except actions.FundingError as error:
            form.add_error(None, str(error))
        else:
            form = SpendForm()
    if not request.htmx:
        if form.errors:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(award.bid)
    award = Award.objects.prefetch_related("spend").get(pk=award.pk)
    return render(
        request,
        "funding/bid_detail.html#award",
        {
            "award": award,
            "bid": award.bid,
            "can_spend": True,
            "can_change_award": permissions.can_change_award(
                standing_in(request, award.bid.partnership.agreement)
            ),
            "spend_form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def award_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    award = permissions.get_award_for_user(request, pk, manage=True)
    form = AwardForm(request.POST or None, instance=award)
    conflict = None
    if request.method == "POST" and form.is_valid():
        amount = form.cleaned_data["amount"]
        try:
            versioned_save(form, lambda: actions.award_change(award=award, amount=amount))
        except actions.FundingError as error:
            form.add_error("amount", str(error))
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, "Award saved. The earlier amount is kept in its history.")
            return redirect(award.bid)
    title = f"Change the award for {award.year or 'the whole period'}: {award.bid}"
    return _form_page(request, form, title, award.bid.get_absolute_url(), conflict)


# Modelling and reward ----------------------------------------------------------------------


@login_required
@require_GET
def modelling(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    funds = Fund.objects.filter(agreement=standing.agreement)
    abg = funds.filter(kind=Fund.Kind.ABG).first() or funds.first()
    initial = {"fund": abg, "top_slice": abg.top_slice if abg and abg.top_slice is not None else 3}
    form = ModellingForm(request.GET or None, agreement=standing.agreement, initial=initial)
    model, fund, year = None, None, ""
    if form.is_bound and form.is_valid():
        fund, year = form.cleaned_data["fund"], form.cleaned_data["year"]
        percent = form.cleaned_data["top_slice"]
    elif not form.is_bound and abg is not None:
        fund, percent = abg, initial["top_slice"]
        year = next((a.year for a in abg.allocations.order_by("-year")), "")
    if fund is not None:
        allocations = fund.allocations.filter(year=year).select_related("partnership")
        available = (
            FundYear.objects.filter(fund=fund, year=year)
            .values_list("available", flat=True)
            .first()
        )
        model = top_slice({a.partnership: a.amount for a in allocations}, percent, available)
    template = "funding/modelling.html#model" if request.htmx else "funding/modelling.html"
    return render(
        request,
        template,
        {"form": form, "model": model, "fund": fund, "year": year, "nav_section": "funding"},
    )


@login_required
@require_GET
def reward(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    context = {
        "report": reward_at_risk(standing.agreement),
        "agreement": standing.agreement,
        "can_set_rule": permissions.can_manage_funds(standing),
    }
    return render(request, "funding/reward.html", {**context, "nav_section": "funding"})
