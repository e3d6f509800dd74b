"""Demo delivery plans for Essex: Safer Essex (domestic abuse: the strategic domestic abuse
forum, IDVA posts, MARACs, from the Safer Essex minutes of 2 October 2008), CWOP,
Sustainable Essex and the 2012 Games. Actions are in every status and rating, some serve
targets of other partnerships (cross-cutting), and there are risks and PRG/ABG lines.

Runs after the indicators demo (demo/load.py), because actions link to targets
by indicator code; a code with no target yet is skipped, and linked on a later run.

Dates are relative to the day the demo is loaded, so ratings, "overdue" and "update due"
read as they would in a live plan; the financial years of the money are the agreement's.
Idempotent: every row is created only if missing, so a second run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from demo.partnerships import CWOP, ESSEX, GAMES_2012, SAFER_ESSEX, SUSTAINABLE_ESSEX
from demo.timeline import DEMO_AS_AT
from indicators.models import Target
from meetings.actions import meetings_relink
from meetings.models import Meeting
from partnerships import clock
from partnerships.models import Agreement, Organisation, Outcome, Partnership, Person
from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk

S = Action.Status


@dataclass(frozen=True)
class ActionSpec:
    ref: str
    title: str
    lead: str
    targets: tuple[str, ...]
    start: int  # days from the day the demo is loaded
    due: int
    status: str
    percent: int
    note: str = ""
    description: str = ""
    contributors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    milestones: tuple[tuple[int, str, bool], ...] = ()
    # (status, percent, note) at the last meeting: the update since shows as a change.
    earlier: tuple[str, int, str] | None = None


@dataclass(frozen=True)
class RiskSpec:
    description: str
    likelihood: int
    impact: int
    mitigation: str
    owner: str
    status: str = Risk.Status.OPEN
    actions: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class FundingSpec:
    source: str
    year: str
    amount: str
    description: str
    action: str = ""


@dataclass(frozen=True)
class PlanSpec:
    partnership: str
    title: str
    owner: str
    targets: tuple[str, ...]
    status: str
    equality: tuple[str, int | None, str]  # (answer, days from today, link or note)
    resources: str
    next_meeting: int  # days from today
    last_meeting: int
    updated: int  # days from today of the plan's last update
    actions: tuple[ActionSpec, ...]
    risks: tuple[RiskSpec, ...] = ()
    funding: tuple[FundingSpec, ...] = ()
    approver: str = ""
    created: int = -200
    extra: dict[str, str] = field(default_factory=dict)


E = DeliveryPlan.Equality

PLANS = (
    PlanSpec(
        partnership=SAFER_ESSEX,
        title="Domestic abuse and community safety delivery plan",
        owner="Alan Dawkes",
        targets=("NI 32", "LI 7.1", "LI 36", "NI 16", "NI 20", "NI 26", "NI 39", "NI 40"),
        status=DeliveryPlan.Status.APPROVED,
        equality=(E.ASSESSED, -160, "Reviewed at the LAA EIA and Risk Assessment workshop."),
        resources=(
            "PRG for the IDVA service and an IDVA manager (£157,540 a year for two years) and "
            "for the information sharing system (£130,000 over 2009–11). Indicative PRG for "
            "Safer Essex is £610,000 against £902,000 of schemes considered."
        ),
        next_meeting=5,
        last_meeting=-86,
        updated=-3,
        approver="Ewen Wilson",
        actions=(
            ActionSpec(
                "1.1",
                "Form a strategic domestic abuse forum for Essex under Safer Essex",
                "Peter Lowton",
                ("NI 32", "LI 7.1"),
                -200,
                -120,
                S.COMPLETE,
                100,
                "The forum has met twice; Safer Essex's representative is its vice-chair.",
                description="Recommendations I–III of the Domestic Violence Review.",
                contributors=("Samantha Grant",),
                organisations=("Essex Police", "Essex County Council", "Essex Refuges"),
                milestones=(
                    (-170, "Terms of reference agreed", True),
                    (-125, "First meeting of the forum", True),
                ),
            ),
            ActionSpec(
                "1.2",
                "Fund the IDVA service and an IDVA manager through PRG",
                "Samantha Grant",
                ("NI 32", "LI 7.1", "LI 36"),
                -150,
                90,
                S.ON_TRACK,
                55,
                "Two of four IDVA posts filled; the manager starts next month.",
                description="Recommendation V: £157,540 for 2009/10 and £157,540 for 2010/11.",
                organisations=("Essex County Council", "Essex Against Domestic Violence"),
                milestones=(
                    (-60, "Hosting arrangements agreed by the forum", True),
                    (20, "IDVA manager in post", False),
                    (80, "All four IDVA posts filled", False),
                ),
                earlier=(S.ON_TRACK, 40, "Recruitment under way for the first two IDVA posts."),
            ),
            ActionSpec(
                "1.3",
                "Health partners sign the MARAC information sharing protocol",
                "Alan Dawkes",
                ("LI 7.1", "NI 32"),
                -100,
                20,
                S.AT_RISK,
                40,
                "Letter sent from the target lead; two of the four PCTs have signed.",
                description="Action point 2 of Safer Essex, 2 October 2008.",
                contributors=("Peter Lowton", "Liesel Park"),
                organisations=("South East Essex PCT", "West Essex PCT"),
                earlier=(S.ON_TRACK, 25, "Letter to Health drafted for the target lead."),
            ),
            ActionSpec(
                "1.4",
                "Time-limited focus group on the Domestic Violence Review",
                "Peter Lowton",
                ("NI 32",),
                -210,
                -150,
                S.COMPLETE,
                100,
                "Two meetings held with the review's author; report made to Safer Essex.",
                contributors=("Win Bernard",),
            ),
            ActionSpec(
                "1.5",
                "Scope specialist support for victims of serious sexual offences",
                "Samantha Grant",
                ("NI 26",),
                10,
                120,
                S.NOT_STARTED,
                0,
                description="Action point 7: partners contribute to an initial scoping exercise.",
            ),
            ActionSpec(
                "1.6",
                "Information sharing system: specification and tender",
                "Richard Puleston",
                ("NI 16", "NI 20"),
                -200,
                -10,
                S.SLIPPED,
                30,
                "Specification drafted; no project manager found in partners' staff yet.",
                description="Action point 10: proceed to tender subject to £130,000 of PRG.",
                organisations=("Essex County Council",),
            ),
            ActionSpec(
                "1.7",
                "Alcohol strategy: action plans out for consultation",
                "Clare Aitken",
                ("NI 39", "NI 40", "NI 134"),
                -60,
                30,
                S.ON_TRACK,
                70,
                "Draft action plans circulated to partners and service users.",
                organisations=("Essex DAAT",),
            ),
            ActionSpec(
                "1.8",
                "Community Safety Programme: one rural and one urban pilot area",
                "Richard Puleston",
                ("NI 21", "NI 16"),
                -30,
                150,
                S.ON_TRACK,
                20,
                "Models from best performing CDRPs being researched.",
            ),
            ActionSpec(
                "1.9",
                "Review Safer Essex's terms of reference and invite Trading Standards",
                "Alan Dawkes",
                (),
                -40,
                40,
                S.ON_TRACK,
                50,
                "Terms of reference agreed; invitation to Trading Standards sent.",
            ),
            ActionSpec(
                "1.10",
                "Support a Federation of Essex Women's Aid Refuges",
                "Samantha Grant",
                ("NI 32",),
                -120,
                60,
                S.DROPPED,
                10,
                "The refuges decided not to federate for now.",
            ),
        ),
        risks=(
            RiskSpec(
                "Not all the PRG asked for is approved: £902,000 of schemes against £610,000 "
                "indicative.",
                4,
                4,
                "Partners rank the schemes within two weeks so priorities are agreed before "
                "the Essex Partnership Forum decides.",
                "Alan Dawkes",
                actions=("1.2", "1.6"),
            ),
            RiskSpec(
                "Health partners do not sign the MARAC information sharing protocol.",
                3,
                4,
                "Letter from the target lead; raise at the PMG if not signed by the due date.",
                "Peter Lowton",
                actions=("1.3",),
                targets=("LI 7.1",),
            ),
            RiskSpec(
                "Better training and recording raise reported domestic violence, so NI 32 "
                "looks worse before it improves.",
                4,
                2,
                "Explain the trend in the quarterly commentary; watch the longer period.",
                "Peter Lowton",
                status=Risk.Status.MANAGED,
                targets=("NI 32", "LI 36"),
            ),
            RiskSpec(
                "No host for the strategic DV co-ordinator post from April.",
                2,
                3,
                "Essex County Council agreed to host the post.",
                "Samantha Grant",
                status=Risk.Status.CLOSED,
                actions=("1.1",),
            ),
        ),
        funding=(
            FundingSpec("prg", "2009/10", "157540", "IDVA service and IDVA manager", "1.2"),
            FundingSpec("prg", "2010/11", "157540", "IDVA service and IDVA manager", "1.2"),
            FundingSpec("prg", "2009/10", "65000", "Information sharing system", "1.6"),
            FundingSpec("prg", "2010/11", "65000", "Information sharing system", "1.6"),
            FundingSpec("abg", "2009/10", "45000", "Strategic DV co-ordinator (illustrative)"),
            FundingSpec(
                "other", "2009/10", "120000", "Supporting People: DV refuges (illustrative)"
            ),
        ),
    ),
    PlanSpec(
        partnership=CWOP,
        title="Community wellbeing and older people delivery plan",
        owner="Loretta Sollars",
        targets=("NI 134", "NI 135", "NI 136", "NI 125"),
        status=DeliveryPlan.Status.SUBMITTED,
        equality=(E.PLANNED, 30, ""),
        resources="ABG for falls prevention; PRG bid for carers' assessments in GP surgeries.",
        next_meeting=12,
        last_meeting=-30,
        updated=-40,
        actions=(
            ActionSpec(
                "2.1",
                "Falls prevention service in the priority neighbourhoods",
                "Loretta Sollars",
                ("NI 134", "NI 125"),
                -90,
                90,
                S.ON_TRACK,
                45,
                "Service running in Vange and Pitsea North West.",
            ),
            ActionSpec(
                "2.2",
                "Carers' assessments offered in GP surgeries",
                "Peter Featherstone",
                ("NI 135",),
                -120,
                60,
                S.AT_RISK,
                30,
                "Only three practices signed up so far.",
            ),
            ActionSpec(
                "2.3",
                "Reablement at home after hospital discharge",
                "Loretta Sollars",
                ("NI 125", "NI 136", "NI 134"),
                -60,
                120,
                S.SLIPPED,
                20,
                "Recruitment of reablement workers delayed.",
            ),
            ActionSpec(
                "2.4",
                "Alcohol awareness for older people with the DAAT",
                "Clare Aitken",
                ("NI 39", "NI 134"),
                -10,
                100,
                S.NOT_STARTED,
                0,
            ),
            ActionSpec(
                "2.5",
                "Extra care housing places: joint plan with Sustainable Essex",
                "Gwyn Owen",
                ("NI 136", "NI 154"),
                -200,
                20,
                S.ON_TRACK,
                80,
                "Two sites identified with district councils.",
            ),
        ),
        risks=(
            RiskSpec(
                "Delays in hospital discharge hold up reablement.",
                3,
                3,
                "Joint discharge protocol with the PCTs.",
                "Loretta Sollars",
                actions=("2.3",),
            ),
            RiskSpec(
                "Carers' grant reduced next year.",
                2,
                4,
                "Bid for PRG to cover the GP surgery pilot.",
                "Peter Featherstone",
                actions=("2.2",),
            ),
        ),
        funding=(
            FundingSpec("abg", "2009/10", "85000", "Falls prevention service", "2.1"),
            FundingSpec("prg", "2010/11", "60000", "Carers' assessments in GP surgeries", "2.2"),
        ),
    ),
    PlanSpec(
        partnership=SUSTAINABLE_ESSEX,
        title="Sustainable Essex delivery plan",
        owner="Gwyn Owen",
        targets=("NI 186", "LI 186P", "NI 154", "LI 2.2 LI 39", "NI 188", "NI 191", "NI 192"),
        status=DeliveryPlan.Status.DRAFT,
        equality=(E.NOT_ANSWERED, None, ""),
        resources="ABG for the carbon reduction programme; district council contributions.",
        next_meeting=3,
        last_meeting=-60,
        updated=-75,
        actions=(
            ActionSpec(
                "3.1",
                "Carbon reduction programme for council buildings",
                "Gwyn Owen",
                ("NI 186", "LI 186P"),
                -150,
                150,
                S.ON_TRACK,
                60,
                "Energy audits done in 40 buildings.",
            ),
            ActionSpec(
                "3.2",
                "Affordable homes pipeline with the district councils",
                "Gwyn Owen",
                ("NI 154", "LI 2.2 LI 39"),
                -100,
                100,
                S.AT_RISK,
                35,
                "Two schemes paused by developers.",
            ),
            ActionSpec(
                "3.3",
                "Level 1 assessment of climate change risks",
                "Gwyn Owen",
                ("NI 188",),
                -180,
                -30,
                S.COMPLETE,
                100,
                "Assessment signed off.",
            ),
            ActionSpec(
                "3.4",
                "Home composting and recycling campaign",
                "Gwyn Owen",
                ("NI 191", "NI 192"),
                -20,
                160,
                S.ON_TRACK,
                25,
                "Campaign launched in three districts.",
            ),
        ),
        risks=(
            RiskSpec(
                "The housing market downturn slows completions.",
                5,
                4,
                "Work with registered social landlords on schemes that can go ahead.",
                "Gwyn Owen",
                actions=("3.2",),
                targets=("NI 154", "LI 2.2 LI 39"),
            ),
        ),
        funding=(
            FundingSpec("abg", "2009/10", "40000", "Carbon reduction programme", "3.1"),
            FundingSpec("other", "2010/11", "25000", "District council contributions", "3.4"),
        ),
    ),
    PlanSpec(
        partnership=GAMES_2012,
        title="2012 Games legacy delivery plan",
        owner="Miriam Stead",
        targets=("NI 8", "LI 2012.1"),
        status=DeliveryPlan.Status.APPROVED,
        equality=(E.ASSESSED, -90, "Equality impact assessment held by Sports Essex."),
        resources="PRG for volunteer training; Sports Essex staff time.",
        next_meeting=30,
        last_meeting=-28,
        updated=-2,
        approver="Ewen Wilson",
        actions=(
            ActionSpec(
                "4.1",
                "Train Essex residents as 2012 Games volunteers",
                "Kathryn Berry",
                ("LI 2012.1",),
                -120,
                240,
                S.ON_TRACK,
                40,
                "First 300 volunteers trained.",
                organisations=("Sports Essex",),
            ),
            ActionSpec(
                "4.2",
                "Free swimming and community sport sessions for teenagers",
                "Kathryn Berry",
                ("NI 8", "NI 110"),
                -180,
                60,
                S.ON_TRACK,
                65,
                "Sessions running in eight districts; teenagers' take-up growing.",
                description="Activities for teenagers are a growing priority in the Place Survey.",
            ),
            ActionSpec(
                "4.3",
                "Pre-Games training camps: bids from Essex venues",
                "Miriam Stead",
                (),
                30,
                200,
                S.NOT_STARTED,
                0,
            ),
        ),
        risks=(
            RiskSpec(
                "Volunteer interest falls once the ticket ballot closes.",
                2,
                3,
                "Keep volunteers engaged through local events.",
                "Kathryn Berry",
                actions=("4.1",),
            ),
        ),
        funding=(FundingSpec("prg", "2010/11", "50000", "Volunteer training", "4.1"),),
    ),
)


def plans_load(*, agreements: dict[str, Agreement]) -> None:
    agreement = agreements.get(ESSEX)
    if agreement is None:
        return
    today = DEMO_AS_AT
    people = {p.name: p for p in Person.objects.filter(agreement=agreement)}
    organisations = {o.name: o for o in Organisation.objects.filter(agreement=agreement)}
    targets = {
        t.indicator.code: t
        for t in Target.objects.filter(
            agreement=agreement, status=Target.Status.ACTIVE
        ).select_related("indicator")
    }
    for spec in PLANS:
        partnership = Partnership.objects.filter(agreement=agreement, slug=spec.partnership).first()
        if partnership is not None:
            _load_plan(spec, partnership, people, organisations, targets, today)


def _days(today: dt.date, days: int) -> dt.date:
    return today + dt.timedelta(days=days)


def _moment(today: dt.date, days: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_days(today, days), dt.time(10, 0)))


def _add_missing(manager, wanted: list) -> None:  # type: ignore[no-untyped-def]
    """Add only the links that are missing, so a second run writes nothing."""
    have = set(manager.values_list("pk", flat=True))
    missing = [obj for obj in wanted if obj.pk not in have]
    if missing:
        manager.add(*missing)


def _load_plan(spec, partnership, people, organisations, targets, today) -> None:  # type: ignore[no-untyped-def]
    if not Meeting.objects.filter(partnership=partnership).ahead(today).exists():
        # The meetings either side of today that the plan's update deadline hangs on.
        for days, status in (
            (spec.last_meeting, Meeting.Status.HELD),
            (spec.next_meeting, Meeting.Status.PLANNED),
        ):
            Meeting.objects.get_or_create(
                partnership=partnership, date=_days(today, days), defaults={"status": status}
            )
        meetings_relink(partnership=partnership)

    run_started = clock.now()
    answer, days, reference = spec.equality
    approver = people.get(spec.approver)
    plan, created = DeliveryPlan.objects.get_or_create(
        partnership=partnership,
        title=spec.title,
        defaults={
            "owner": people.get(spec.owner),
            "starts_on": _days(today, spec.created),
            "ends_on": _days(today, spec.created + 365),
            "status": spec.status,
            "resources_summary": spec.resources,
            "equality_impact": answer,
            "equality_assessed_on": _days(today, days) if days is not None else None,
            "equality_reference": reference,
            "submitted_at": _moment(today, spec.created + 20)
            if spec.status != DeliveryPlan.Status.DRAFT
            else None,
            "approved_at": _moment(today, spec.created + 30)
            if spec.status == DeliveryPlan.Status.APPROVED
            else None,
            "approved_by": approver.user if approver else None,
            "created_at": _moment(today, spec.created),
        },
    )
    _add_missing(plan.targets, [targets[c] for c in spec.targets if c in targets])
    if created:
        _add_missing(
            plan.outcomes,
            list(Outcome.objects.filter(theme__partnership=partnership, parent__isnull=True)),
        )

    actions: dict[str, Action] = {}
    updates: list[tuple[Action, ActionSpec]] = []
    for order, a in enumerate(spec.actions, start=1):
        first = a.earlier or (a.status, a.percent, a.note)
        action, action_created = Action.objects.get_or_create(
            plan=plan,
            ref=a.ref,
            defaults={
                "title": a.title,
                "description": a.description,
                "lead": people.get(a.lead),
                "starts_on": _days(today, a.start),
                "due_on": _days(today, a.due),
                "status": first[0],
                "percent_complete": first[1],
                "progress_note": first[2],
                "progress_updated_at": _moment(today, spec.last_meeting - 7),
                "order": order,
            },
        )
        actions[a.ref] = action
        _add_missing(action.targets, [targets[c] for c in a.targets if c in targets])
        _add_missing(action.contributors, [people[n] for n in a.contributors if n in people])
        _add_missing(
            action.contributing_organisations,
            [organisations[n] for n in a.organisations if n in organisations],
        )
        for due, title, is_done in a.milestones:
            Milestone.objects.get_or_create(
                action=action,
                title=title,
                defaults={"due_on": _days(today, due), "is_done": is_done},
            )
        if action_created and a.earlier:
            updates.append((action, a))

    for r in spec.risks:
        risk, _ = Risk.objects.get_or_create(
            plan=plan,
            description=r.description,
            defaults={
                "likelihood": r.likelihood,
                "impact": r.impact,
                "mitigation": r.mitigation,
                "owner": people.get(r.owner),
                "status": r.status,
            },
        )
        _add_missing(risk.actions, [actions[ref] for ref in r.actions if ref in actions])
        _add_missing(risk.targets, [targets[c] for c in r.targets if c in targets])

    for f in spec.funding:
        FundingLine.objects.get_or_create(
            plan=plan,
            source=f.source,
            year=f.year,
            description=f.description,
            defaults={"amount": Decimal(f.amount), "action": actions.get(f.action)},
        )

    if created:
        # Date what was just entered as if it had been entered when the plan was written,
        # then make the leads' latest updates, so "what changed" shows only those.
        when = _moment(today, spec.created)
        action_ids = [a.pk for a in actions.values()]
        for history, lookup in (
            (DeliveryPlan.history, {"id": plan.pk}),
            (Action.history, {"plan_id": plan.pk}),
            (Risk.history, {"plan_id": plan.pk}),
            (FundingLine.history, {"plan_id": plan.pk}),
            (Milestone.history, {"action_id__in": action_ids}),
        ):
            history.filter(**lookup, history_date__gte=run_started).update(history_date=when)
        for action, action_spec in updates:
            _update_since_last_meeting(action, action_spec, people, _moment(today, spec.updated))
        DeliveryPlan.objects.filter(pk=plan.pk).update(updated_at=_moment(today, spec.updated))


def _update_since_last_meeting(action: Action, spec: ActionSpec, people, when) -> None:  # type: ignore[no-untyped-def]
    """The lead's latest update, made after the last meeting: it shows in "what changed"."""
    action.status, action.percent_complete, action.progress_note = (
        spec.status,
        spec.percent,
        spec.note,
    )
    action.progress_updated_at = when
    lead = people.get(spec.lead)
    action.progress_updated_by = lead.user if lead else None
    action.save()
    latest = action.history.order_by("-history_id").first()  # type: ignore[attr-defined]
    if latest is not None:
        action.history.filter(history_id=latest.history_id).update(  # type: ignore[attr-defined]
            history_date=when, history_user=action.progress_updated_by
        )
