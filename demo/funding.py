"""The seeds' money, as records: Safer Essex's £610,000 indicative PRG and £902,000 of
schemes (the IDVA service, the £315,000 domestic-violence bid it endorsed, the £130,000
information-sharing proposal), Herefordshire's £2.6 million LPSA2 reward grant not yet
allocated, the 95% ABG guarantee with a 3% top slice, the ABG application round (with the
Stronger Communities Group's Community Led Planning bid, a draft: the minutes give no
amount), and the Children's Trust's 3% underspend rolled forward. Figures and quotes come
from `demo/data/funding_facts.json`: each fact has its `quote` exactly as minuted, the
`figure` as written ("£157,540", "3% or 5%"), the `amount` in pounds, and the meeting
(its file name in `demo/data/meetings/`) and item it comes from.

What the seeds do not say is marked "Illustrative" in the record's note: the balance of
Safer Essex's schemes (£902,000 less the three named bids), and an approval of the IDVA
bid with two quarters' spend, so that awards, spend and the statement have something
to show.

`bid_links_load` then ties the bids to the delivery plans' funding lines and the actions
they pay for; it runs once the plans are loaded (demo/load.py).

Idempotent: every record is found by its natural key and created only if missing; a
bid's amounts, trail and awards are written only when the bid itself is created, and a
bid that already has links is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from demo.files import data_read
from demo.partnerships import ESSEX, HEREFORDSHIRE
from funding.models import (
    Allocation,
    Award,
    Bid,
    BidAmount,
    BidDecision,
    CarryForward,
    CommissioningRound,
    Fund,
    FundYear,
    Spend,
)
from indicators.models import Target
from meetings.models import AgendaItem, Meeting
from partnerships.models import Agreement, Partnership, Person
from plans.models import FundingLine

SAFER_ESSEX_MEETING_ON = SE_ON = dt.date(2008, 10, 2)
EPF_DECISION_ON = dt.date(2008, 11, 28)
HFD_MEETING_ON = dt.date(2009, 5, 6)
IDVA_QUARTER = Decimal("39385.00")  # a quarter of £157,540

# Bid title (start) → the funding lines' description in the Safer Essex plan.
LINKS = {
    "Independent Domestic Violence Advisers (IDVA)": "IDVA service and IDVA manager",
    "Information Sharing Project": "Information sharing system",
}


FundingFactKind = Literal[
    "indicative_allocation",
    "bid",
    "bids_total",
    "guarantee",
    "top_slice",
    "underspend",
    "reward_grant",
    "budget",
    "process",
    "other",
]


@dataclass(frozen=True, slots=True)
class FundingFactSpec:
    key: str
    agreement: str
    meeting: str
    item: str
    quote: str
    fund: Literal["PRG", "ABG", "LPSA2", "Supporting People", "Other"]
    kind: FundingFactKind
    figure: str
    amount: Decimal | None = None
    percentage: Decimal | None = None
    financial_years: tuple[str, ...] = ()
    partnership: str | None = None
    on: dt.date | None = None
    note: str = ""


@cache
def funding_facts() -> dict[str, FundingFactSpec]:
    facts: tuple[FundingFactSpec, ...] = data_read(
        "funding_facts.json", tuple[FundingFactSpec, ...]
    )
    return {fact.key: fact for fact in facts}


def funding_load(*, agreements: dict[str, Agreement]) -> None:
    if ESSEX in agreements:
        _essex(agreements[ESSEX])
    if HEREFORDSHIRE in agreements:
        _herefordshire(agreements[HEREFORDSHIRE])


def _partnership(agreement: Agreement, slug: str) -> Partnership:
    return Partnership.objects.get(agreement=agreement, slug=slug)


def _meeting(partnership: Partnership, on: dt.date) -> Meeting | None:
    return Meeting.objects.filter(partnership=partnership, date=on).first()


def _item(meeting: Meeting | None, number: str) -> AgendaItem | None:
    return meeting.items.filter(number=number).first() if meeting else None


def _source(key: str) -> str:
    fact = funding_facts()[key]
    return f"“{fact.quote}” (minutes item {fact.item})."


def _bid(
    *,
    partnership: Partnership,
    fund: Fund,
    title: str,
    amounts: dict[str, Decimal],
    trail: list[tuple[str, dt.date, Meeting | None, AgendaItem | None, str]],
    targets: list[Target] = (),  # type: ignore[assignment]
    **fields: object,
) -> Bid:
    bid, created = Bid.objects.get_or_create(
        partnership=partnership, fund=fund, title=title, defaults=fields
    )
    if not created:
        return bid
    bid.targets.set(targets)
    for year, amount in amounts.items():
        BidAmount.objects.create(bid=bid, year=year, amount=amount)
    status = Bid.Status.DRAFT
    for to, on, meeting, item, note in trail:
        BidDecision.objects.create(
            bid=bid, from_status=status, to_status=to, decided_on=on,
            meeting=meeting, agenda_item=item, note=note,
        )  # fmt: skip
        status = to
    bid.status = status
    bid.save(update_fields=["status"])
    if status == Bid.Status.APPROVED:
        for amount in bid.amounts.all():
            Award.objects.create(bid=bid, year=amount.year, amount=amount.amount)
    return bid


def _essex(agreement: Agreement) -> None:
    facts = funding_facts()
    safer = _partnership(agreement, "safer-essex")
    forum = _partnership(agreement, "essex-partnership-forum")
    meeting = _meeting(safer, SAFER_ESSEX_MEETING_ON)
    prg, _ = Fund.objects.get_or_create(
        agreement=agreement,
        name="Performance Reward Grant (PRG)",
        defaults={
            "kind": Fund.Kind.PRG,
            "deciding_body": forum,
            "rules": "Funding for PRG can only be approved for those schemes that address LAA "
            "targets. Final decisions on PRG are made by the Essex Partnership Forum "
            "(28 November 2008). PRG funds are available 2009-11.",
        },
    )
    Allocation.objects.get_or_create(
        fund=prg,
        partnership=safer,
        year="",
        defaults={
            "amount": facts["se-prg-indicative"].amount,
            "note": "Not including an allocation for Road Safety (Safer Essex, 2 October 2008).",
        },
    )
    ni32 = list(Target.objects.active().filter(agreement=agreement, indicator__code="NI 32"))
    lead = Person.objects.filter(agreement=agreement, name="Alan Dawkes").first()
    item_71, item_8 = _item(meeting, "7.1"), _item(meeting, "8")
    idva = _bid(
        partnership=safer,
        fund=prg,
        title="Independent Domestic Violence Advisers (IDVA) service and IDVA manager",
        amounts={y: facts[f"se-idva-{y.replace('/', '-')}"].amount for y in ("2009/10", "2010/11")},
        targets=ni32,
        scheme_lead=lead,
        rationale="Domestic Violence Review recommendation V: the IDVA service (within new "
        "Essex) and an IDVA manager, as identified in the LAA action plan.",
        impact="Fewer repeat incidents of domestic violence (NI 32).",
        trail=[
            (Bid.Status.SUBMITTED, SAFER_ESSEX_MEETING_ON, meeting, item_71, ""),
            (Bid.Status.ENDORSED, SE_ON, meeting, item_71, _source("se-idva-2009-10")),
            (Bid.Status.APPROVED, EPF_DECISION_ON, None, None,
             "Illustrative: the seeds say final decisions on PRG were to be made by the Essex "
             "Partnership Forum on 28 November 2008; they do not record the outcome."),
        ],
    )  # fmt: skip
    for award in idva.awards.filter(year="2009/10"):
        for quarter in (1, 2):
            Spend.objects.get_or_create(
                award=award,
                quarter=quarter,
                defaults={"amount": IDVA_QUARTER, "note": "Illustrative: a quarter of the award."},
            )
    _bid(
        partnership=safer,
        fund=prg,
        title="Domestic Violence Review: PRG bid",
        amounts={"": facts["se-dv-prg-315k"].amount},
        targets=ni32,
        note=facts["se-dv-prg-315k"].note + " The minutes give no split by year.",
        rationale="The posts and services identified in the Domestic Violence Review.",
        trail=[
            (Bid.Status.SUBMITTED, SAFER_ESSEX_MEETING_ON, meeting, item_71, ""),
            (Bid.Status.ENDORSED, SE_ON, meeting, item_71, _source("se-dv-prg-315k")),
        ],
    )  # fmt: skip
    _bid(
        partnership=safer,
        fund=prg,
        title="Information Sharing Project: basic solution",
        amounts={"": facts["se-info-sharing-130k"].amount},
        note=facts["se-info-sharing-130k"].note + " PRG funds available 2009-11; no split by year.",
        trail=[(Bid.Status.SUBMITTED, SAFER_ESSEX_MEETING_ON, meeting, item_8,
                _source("se-info-sharing-130k"))],
    )  # fmt: skip
    named = sum(
        (facts[k].amount for k in ("se-idva-2009-10", "se-idva-2010-11", "se-dv-prg-315k",
                                   "se-info-sharing-130k")),
        Decimal(0),
    )  # fmt: skip
    _bid(
        partnership=safer,
        fund=prg,
        title="Other schemes considered by Safer Essex",
        amounts={"": facts["se-prg-schemes-total"].amount - named},
        note="Illustrative: the minutes give the £902,000 total of schemes considered but "
        "itemise only the bids above; this is the balance.",
        trail=[(Bid.Status.SUBMITTED, SAFER_ESSEX_MEETING_ON, meeting, _item(meeting, "7.2"),
                _source("se-prg-schemes-total"))],
    )  # fmt: skip


def _herefordshire(agreement: Agreement) -> None:
    facts = funding_facts()
    pmg = _partnership(agreement, "herefordshire-pmg")
    cyp = _partnership(agreement, "herefordshire-cyp")
    meeting = _meeting(pmg, HFD_MEETING_ON)
    lpsa2, _ = Fund.objects.get_or_create(
        agreement=agreement,
        name="LPSA2 reward grant",
        defaults={
            "kind": Fund.Kind.LPSA2,
            "deciding_body": pmg,
            "rules": facts["hfd-lpsa2-2-6m"].quote + " " + facts["hfd-lpsa2-one-off"].quote,
        },
    )
    FundYear.objects.get_or_create(
        fund=lpsa2,
        year="",
        defaults={
            "available": facts["hfd-lpsa2-2-6m"].amount,
            "note": "LPSA2 Reward Grant and any underspend; not yet allocated (6 May 2009).",
        },
    )
    abg, _ = Fund.objects.get_or_create(
        agreement=agreement,
        name="Area Based Grant (ABG)",
        defaults={
            "kind": Fund.Kind.ABG,
            "deciding_body": pmg,
            "guaranteed_share": facts["hfd-abg-offer-letter-95pc"].percentage,
            "top_slice": Decimal(3),
            "rules": " ".join(
                facts[k].quote
                for k in ("hfd-abg-offer-letter-95pc", "hfd-abg-top-slice", "hfd-abg-max-loss-5pc")
            ),
        },
    )
    abg_round, _ = CommissioningRound.objects.get_or_create(
        fund=abg,
        title="ABG 2009/10 application round",
        defaults={
            "year": "2009/10",
            "opens_on": facts["hfd-abg-application-form"].on,
            "closes_on": facts["hfd-abg-applications-return"].on,
            "decision_meeting": _meeting(pmg, dt.date(2009, 6, 22)),
            "decision_due": "the Management Group meeting in June",
            "criteria": facts["hfd-abg-applications-return"].note,
            "is_capital_allowed": True,
        },
    )
    _bid(
        partnership=_partnership(agreement, "herefordshire-stronger-communities"),
        fund=abg,
        round=abg_round,
        title="Community Led Planning",
        amounts={},
        rationale="Community Led Planning had previously had funding through DEFRA, which "
        "has now ceased.",
        note=_source("hfd-community-led-planning") + " The minutes give no amount: the bid is "
        "a draft until the group puts a figure to it.",
        trail=[],
    )
    CarryForward.objects.get_or_create(
        fund=abg,
        partnership=cyp,
        from_year="2008/09",
        to_year="2009/10",
        defaults={
            "percent_of_budget": Decimal(3),
            "rule": "If a group were given funding to commission certain types of activity and "
            "there was still an expectation that this activity was needed (although the "
            "timescale may have slipped) the funding should stay available.",
            "agreed_by": pmg,
            "agreed_on": HFD_MEETING_ON,
            "meeting": meeting,
            "agenda_item": _item(meeting, "5.5"),
        },
    )


def bid_links_load(*, agreements: dict[str, Agreement]) -> None:
    """Tie the demo bids to the delivery plans' funding lines and actions they pay for: a
    bid is matched to the lines of its own partnership's plans by the lines' description."""
    if ESSEX not in agreements:
        return
    for title, description in LINKS.items():
        bid = Bid.objects.filter(
            partnership__agreement=agreements[ESSEX], title__startswith=title
        ).first()
        if bid is None or bid.funding_lines.exists():
            continue
        lines = list(
            FundingLine.objects.filter(
                plan__partnership=bid.partnership, description=description
            ).select_related("action")
        )
        bid.funding_lines.set(lines)
        bid.actions.set({line.action for line in lines if line.action is not None})
