"""Workflows that touch several funding records: saving a bid with its yearly amounts,
moving it through submitted → endorsed → decided (each step kept in its trail), awards on
approval, and quarterly spend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction

from funding.models import Award, Bid, BidAmount, BidDecision, CarryForward, Spend
from funding.money import pence
from indicators.models import Target
from meetings.models import AgendaItem, Meeting
from partnerships.models import User
from plans.models import Action, FundingLine


class FundingError(Exception):
    """A step the rules do not allow; the message is shown to the person."""


@transaction.atomic
def bid_save(
    *,
    bid: Bid,
    amounts: Mapping[str, Decimal],
    by: User,
    targets: Iterable[Target] | None = None,
    actions: Iterable[Action] | None = None,
    funding_lines: Iterable[FundingLine] | None = None,
) -> Bid:
    """Save a bid and set its amounts to exactly ``amounts`` (year → pounds), and its
    links to targets, plan actions and plan funding lines when given."""
    if bid.pk and not bid.is_editable:
        raise FundingError(f"A bid that is {bid.get_status_display().lower()} cannot be changed.")
    if not bid.pk:
        bid.created_by = by
    bid.save()
    if targets is not None:
        bid.targets.set(targets)
    if actions is not None:
        bid.actions.set(actions)
    if funding_lines is not None:
        bid.funding_lines.set(funding_lines)
    bid.amounts.exclude(year__in=list(amounts)).delete()
    for year, amount in amounts.items():
        BidAmount.objects.update_or_create(bid=bid, year=year, defaults={"amount": pence(amount)})
    return bid


@transaction.atomic
def bid_move(
    *,
    bid: Bid,
    to: str,
    by: User | None,
    on: dt.date,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    note: str = "",
) -> BidDecision:
    """Submit, endorse, approve, reject or defer a bid, keeping the step in its trail.
    Approval awards each year's amount as bid."""
    locked = Bid.objects.select_for_update(no_key=True).get(pk=bid.pk)
    if to not in Bid.NEXT[locked.status]:
        raise FundingError(
            f"A bid that is {locked.get_status_display().lower()} cannot become "
            f"{Bid.Status(to).label.lower()}."
        )
    if agenda_item is not None and meeting is not None and agenda_item.meeting_id != meeting.pk:
        raise FundingError("The minutes item must be one of that meeting's items.")
    if agenda_item is not None and meeting is None:
        meeting = agenda_item.meeting
    decision = BidDecision.objects.create(
        bid=locked,
        from_status=locked.status,
        to_status=to,
        decided_by=by,
        decided_on=on,
        meeting=meeting,
        agenda_item=agenda_item,
        note=note,
    )
    locked.status = to
    locked.save(update_fields=["status"])
    bid.status = to
    if to == Bid.Status.APPROVED:
        for amount in locked.amounts.all():
            Award.objects.get_or_create(
                bid=locked, year=amount.year, defaults={"amount": amount.amount}
            )
    return decision


@transaction.atomic
def spend_record(
    *, award: Award, quarter: int, amount: Decimal, by: User | None, note: str = ""
) -> Spend:
    """Record (or correct) one quarter's spend against an award."""
    status = (
        Bid.objects.select_for_update(no_key=True)
        .values_list("status", flat=True)
        .get(pk=award.bid_id)
    )
    if status == Bid.Status.REJECTED:
        raise FundingError("Spend cannot be recorded against a rejected bid.")
    if status != Bid.Status.APPROVED:
        raise FundingError("Spend can only be recorded once the bid is approved.")
    if amount < 0:
        raise FundingError("Spend cannot be negative.")
    spend, _ = Spend.objects.update_or_create(
        award=award,
        quarter=quarter,
        defaults={"amount": pence(amount), "note": note, "recorded_by": by},
    )
    return spend


@transaction.atomic
def award_change(*, award: Award, amount: Decimal) -> Award:
    """Correct the amount awarded for a year; never below what has been spent against it."""
    locked = Award.objects.select_for_update(no_key=True).select_related("bid").get(pk=award.pk)
    if locked.bid.status != Bid.Status.APPROVED:
        raise FundingError("Only an approved bid's award can be changed.")
    spent = sum((s.amount for s in locked.spend.all()), Decimal("0.00"))
    if pence(amount) < spent:
        raise FundingError(
            f"£{spent:,.2f} has already been spent against this award, so it cannot be "
            f"less than that. Correct the spend first."
        )
    locked.amount = pence(amount)
    locked.save(update_fields=["amount"])
    award.amount = locked.amount
    return locked


@transaction.atomic
def carry_forward_record(*, carry: CarryForward, by: User | None) -> CarryForward:
    """Roll an underspend forward; it must go to a later year than it came from."""
    if carry.from_year and carry.to_year and carry.to_year <= carry.from_year:
        raise FundingError("Underspend can only be carried forward into a later year.")
    item = carry.agenda_item
    if item is not None and carry.meeting_id and item.meeting_id != carry.meeting_id:
        raise FundingError("The minutes item must be one of that meeting's items.")
    if item is not None and not carry.meeting_id:
        carry.meeting_id = item.meeting_id
    if carry.award_id and carry.award.bid.status == Bid.Status.REJECTED:
        raise FundingError("Nothing can be carried forward from a rejected bid.")
    carry.recorded_by = by
    carry.save()
    return carry
