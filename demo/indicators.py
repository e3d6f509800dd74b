"""Demo indicators, targets and actuals for the Essex and Herefordshire LAAs.

Indicator codes and titles follow the seeds (NI 134 "Emergency bed days", "LI 2.2 LI 39
Affordable housing", LI 7.1/LI 36 domestic violence...) and the National Indicator Set file
(/work/shared/data/national_indicator_set.csv). A title neither gives is marked
illustrative (`title_note`, shown wherever the indicator is). The seeds give no baseline,
target or actual for any target, so the demo's figures are its own, chosen so the scorecard
shows every rating (each target's `pattern` says how its actuals track the profile), and
each target carries an illustrative note saying which of its figures are invented
(docs/illustrative.md). The Essex PMG of 27 March 2009 agreed GEPF "as on track", so the
GEPF targets are green.

Idempotent: a target that already exists is left alone, with its values and actuals.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from indicators.models import Actual, Indicator, Target, TargetValue
from indicators.periods import Frequency, Period, periods_in_year
from partnerships.models import Agreement, Area, Outcome, Partnership, Person

YEARS = ["2008/09", "2009/10", "2010/11"]
# Actuals run to the end of September 2009, so the demo scorecard defaults to 2009/10 Q2.
LAST_PERIOD_END = Period.parse("2009/10 Q2").end
# The seeds' commentary on a target is what the PMG heard on 27 March 2009 (seed 000): it
# belongs to the latest period ended by then (2008/09 Q3 for a quarterly target), not to
# the period the demo is at, which has no commentary of its own.
COMMENTED_ON = dt.date(2009, 3, 27)


@dataclass(frozen=True)
class Spec:
    code: str
    title: str
    partnership: str
    outcome: str
    polarity: str
    unit: str
    frequency: str
    baseline: str | None
    targets: tuple[str, str, str] | None
    pattern: str  # green | amber | red | improving | worsening | missing | awaited | no_data
    lead: str = ""
    owner: str = ""
    accumulation: str = "snapshot"
    designation: str = "improvement"
    priority: int = 2
    places: int = 1
    tolerance: str = "5"
    kind: str = "national"
    proxy_for: str = ""
    reward: str | None = None
    source: str = ""
    awaited: str = ""
    districts: bool = False
    commentary: str = ""
    # Illustrative notes (docs/illustrative.md): the indicator's title, when neither the
    # seeds nor the national set file give it; the target's figures, by default worked out
    # from what the spec invents (`figures_note`: None), or "" when it invents none.
    title_note: str = ""
    figures_note: str | None = None
    # The first year with actuals, when reporting started later than the agreement.
    reported_from: str = ""


DV_COMMENTARY = (
    "The data suggests that the target will not be met this year. Actions to raise the "
    "profile of domestic abuse and make it easier and safer to report mean that numbers "
    "rise at first as more people feel confident to come forward and recording improves; "
    "people coming back for ongoing support within twelve months count as repeat "
    "incidents. The initial increase appears to be slowing down."
)
PLACE_SURVEY = "Awaiting the Place Survey results (Audit Commission sign-off)"
NOT_IN_SOURCES = (
    "Title not in the source documents or the National Indicator Set file: the demo's own wording."
)
DV_MINUTES = "the PMG minutes (27 March 2009) name it only as 'Domestic Violence (LI7.1/LI36)'"
NEW_LOCAL = "Code, title and definition are the demo's own: no such indicator is in the seeds."
NI32_REWARD = (
    "The £315,000 reward grant is the demo's own: Safer Essex (2 October 2008) endorsed a "
    "Performance Reward Grant bid of £315,000 for domestic violence work, which is money "
    "to spend, not the grant claimable if this target is met. "
)
NI26_FROM = "Reporting requirements for NI 26 start in 2009/10 (Safer Essex, 2 October 2008)"

ESSEX = (
    Spec(
        "NI 32",
        "Repeat incidents of domestic violence",
        "safer-essex",
        "SE1.1",
        "lower",
        "%",
        "quarterly",
        "28.0",
        ("27.0", "26.0", "25.0"),
        "red",
        "Ewen Wilson",
        "Duncan Wood",
        designation="reward",
        priority=1,
        reward="315000",
        tolerance="4",
        districts=True,
        source="MARAC returns, Essex Police",
        commentary=DV_COMMENTARY,
        figures_note=NI32_REWARD
        + "The baseline, annual targets, profile and actuals are the demo's own too.",
    ),
    Spec(
        "LI 7.1",
        "Repeat victims of domestic abuse referred to MARACs (interim measure)",
        "safer-essex",
        "SE1.2",
        "lower",
        "%",
        "quarterly",
        "30.0",
        ("29.0", "28.0", "27.0"),
        "worsening",
        "Peter Lowton",
        "Duncan Wood",
        kind="proxy",
        proxy_for="NI 32",
        designation="local",
        priority=1,
        commentary="Interim measure while NI 32 data is incomplete.",
        title_note=f"Title, definition and its use as an interim measure for NI 32 are the "
        f"demo's own: {DV_MINUTES}.",
    ),
    Spec(
        "LI 36",
        "Domestic abuse incidents reported to Essex Police",
        "safer-essex",
        "SE1.1",
        "higher",
        "number",
        "quarterly",
        "5200",
        ("5400", "5600", "5800"),
        "green",
        "Peter Lowton",
        "Kay Asuni",
        kind="local",
        designation="local",
        places=0,
        accumulation="cumulative",
        commentary="Reporting is rising as confidence grows.",
        title_note=f"Title and definition are the demo's own: {DV_MINUTES}.",
    ),
    Spec(
        "NI 16",
        "Serious acquisitive crime rate",
        "safer-essex",
        "SE2.1",
        "lower",
        "rate per 1,000",
        "quarterly",
        "14.2",
        ("13.9", "13.5", "13.1"),
        "amber",
        "Colin Steele",
        "Kay Asuni",
        accumulation="cumulative",
        priority=1,
        places=2,
        tolerance="5",
        districts=True,
        source="iQuanta, Home Office",
    ),
    Spec(
        "NI 20",
        "Assault with injury crime rate",
        "safer-essex",
        "SE2.1",
        "lower",
        "rate per 1,000",
        "quarterly",
        "6.8",
        ("6.7", "6.5", "6.3"),
        "green",
        "Colin Steele",
        "Kay Asuni",
        accumulation="cumulative",
        places=2,
    ),
    Spec(
        "NI 21",
        "Dealing with local concerns about anti-social behaviour and crime by the local "
        "council and police",
        "safer-essex",
        "SE3.1",
        "higher",
        "%",
        "biennial",
        None,
        None,
        "awaited",
        "Paul Warren",
        "Duncan Wood",
        awaited=PLACE_SURVEY,
        source="Place Survey",
    ),
    Spec(
        "NI 26",
        "Specialist support to victims of a serious sexual offence",
        "safer-essex",
        "SE1.1",
        "higher",
        "number",
        "quarterly",
        None,
        ("130", "140", "150"),
        "missing",
        "Peter Lowton",
        "Kay Asuni",
        places=0,
        accumulation="cumulative",
        awaited=f"{NI26_FROM}: no earlier figure to set a baseline from",
        reported_from="2009/10",
        commentary="Reporting requirements for NI 26 start in 2009/10.",
        title_note="Title not in the source documents or the National Indicator Set file "
        "(the Safer Essex minutes of 2 October 2008 give the code only): the demo's own.",
    ),
    Spec(
        "NI 30",
        "Re-offending rate of prolific and priority offenders",
        "safer-essex",
        "SE2.1",
        "lower",
        "%",
        "quarterly",
        "42.0",
        ("40.0", "38.0", "36.0"),
        "improving",
        "Alex Bamber",
        "Kay Asuni",
        tolerance="5",
    ),
    Spec(
        "NI 40",
        "Drug users in effective treatment",
        "safer-essex",
        "SE4.1",
        "higher",
        "number",
        "quarterly",
        "2450",
        ("2550", "2650", "2750"),
        "green",
        "Liesel Park",
        "Kay Asuni",
        places=0,
    ),
    Spec(
        "NI 111",
        "First time entrants to the Youth Justice System aged 10–17",
        "safer-essex",
        "SE2.1",
        "lower",
        "per 100,000",
        "quarterly",
        "1950",
        ("1900", "1850", "1800"),
        "red",
        "Tanya Gillett",
        "Kay Asuni",
        places=0,
        accumulation="cumulative",
        tolerance="3",
        title_note="The National Indicator Set file has only 'First time entrants to the "
        "Youth Justice System aged …': 'aged 10–17' is the demo's ending.",
    ),
    Spec(
        "NI 134",
        "Emergency bed days",  # as the PMG minutes (27 March 2009) name NI 134
        "cwop",
        "CW1.1",
        "lower",
        "bed days per head",
        "quarterly",
        "0.62",
        ("0.61", "0.60", "0.58"),
        "red",
        "Loretta Sollars",
        "Duncan Wood",
        accumulation="cumulative",
        priority=1,
        places=3,
        designation="improvement",
        commentary="Concern shown, but this is an issue of target profiling, being reviewed.",
    ),
    Spec(
        "NI 135",
        "Carers receiving needs assessment or review and a specific carers service, or "
        "advice and information",
        "cwop",
        "CW2.1",
        "higher",
        "%",
        "quarterly",
        "18.0",
        ("20.0", "22.0", "24.0"),
        "amber",
        "Loretta Sollars",
        "Duncan Wood",
        accumulation="cumulative",
        designation="reward",
        priority=1,
        reward="250000",
        tolerance="8",
        commentary="Position to be discussed at the April PMG meeting.",
    ),
    Spec(
        "NI 136",
        "People supported to live independently through social services (all ages)",
        "cwop",
        "CW1",
        "higher",
        "per 100,000",
        "quarterly",
        "2900",
        ("3000", "3100", "3200"),
        "green",
        "Loretta Sollars",
        "Duncan Wood",
        places=0,
        title_note="The unit (per 100,000) is the demo's own: the National Indicator "
        "Set file gives a rate per 1,000",
    ),
    Spec(
        "NI 139",
        "The extent to which older people receive the support they need to live "
        "independently at home",
        "cwop",
        "CW1",
        "higher",
        "%",
        "biennial",
        None,
        None,
        "awaited",
        "Loretta Sollars",
        "Duncan Wood",
        awaited=PLACE_SURVEY,
        source="Place Survey",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 125",
        "Achieving independence for older people through rehabilitation",
        "cwop",
        "CW1",
        "higher",
        "%",
        "quarterly",
        "78.0",
        ("80.0", "81.0", "82.0"),
        "improving",
        "Loretta Sollars",
        "Duncan Wood",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 39",
        "Alcohol-harm related hospital admission rates",
        "safer-essex",
        "SE4.1",
        "lower",
        "per 100,000",
        "annual",
        "1180",
        ("1200", "1230", "1260"),
        "green",
        "Liesel Park",
        "Duncan Wood",
        places=0,
        designation="improvement",
    ),
    Spec(
        "NI 154",
        "Net additional homes provided",
        "sustainable-essex",
        "SU1.1",
        "higher",
        "homes",
        "annual",
        "4300",
        ("4800", "5000", "5200"),
        "red",
        "Gwyn Owen",
        "Jan Plummer",
        places=0,
        priority=1,
        designation="improvement",
        commentary="Increase in dwelling stock – dealt with on refresh.",
    ),
    Spec(
        "LI 2.2 LI 39",  # the code as the PMG minutes (27 March 2009) write it
        "Affordable housing",
        "sustainable-essex",
        "SU1.2",
        "higher",
        "homes",
        "annual",
        "880",
        ("1000", "1050", "1100"),
        "green",  # "no issues" (PMG, 27 March 2009)
        "Gwyn Owen",
        "Jan Plummer",
        places=0,
        tolerance="10",
        kind="local",
        commentary="Affordable housing – no issues.",
    ),
    Spec(
        "NI 186",
        "Per capita reduction in CO2 emissions in the LA area",
        "sustainable-essex",
        "SU2.1",
        "lower",
        "tonnes per person",
        "annual",
        "8.9",
        ("8.7", "8.5", "8.3"),
        "green",
        "Gwyn Owen",
        "Jan Plummer",
        places=2,
        tolerance="2",
        source="DECC local authority CO2 emissions estimates",
        commentary="Per capita CO2 emissions in the LA area – no issues.",
    ),
    Spec(
        "LI 186P",
        "CO2 emissions from Essex County Council's own estate (interim)",
        "sustainable-essex",
        "SU2.1",
        "lower",
        "tonnes",
        "quarterly",
        "21500",
        ("21000", "20500", "20000"),
        "amber",
        "Gwyn Owen",
        "Jan Plummer",
        kind="proxy",
        proxy_for="NI 186",
        designation="local",
        places=0,
        accumulation="cumulative",
        title_note=NEW_LOCAL,
    ),
    Spec(
        "NI 188",
        "Planning to Adapt to Climate Change",
        "sustainable-essex",
        "SU2",
        "higher",
        "level (0–4)",
        "annual",
        "0",
        ("1", "2", "3"),
        "green",
        "Gwyn Owen",
        "Jan Plummer",
        places=0,
        tolerance="0",
    ),
    Spec(
        "NI 191",
        "Residual household waste per household",
        "sustainable-essex",
        "SU2",
        "lower",
        "kg",
        "quarterly",
        "720",
        ("700", "680", "660"),
        "green",
        "Gwyn Owen",
        "Jan Plummer",
        places=0,
        accumulation="cumulative",
    ),
    Spec(
        "NI 192",
        "Percentage of household waste sent for reuse, recycling and composting",
        "sustainable-essex",
        "SU2",
        "higher",
        "%",
        "quarterly",
        "42.0",
        ("45.0", "48.0", "50.0"),
        "amber",
        "Gwyn Owen",
        "Jan Plummer",
        designation="reward",
        priority=1,
        reward="180000",
        tolerance="5",
        districts=True,
    ),
    Spec(
        "NI 56",
        "Obesity among primary school age children in Year 6",
        "cypsp",
        "CY2",
        "lower",
        "%",
        "annual",
        "16.8",
        ("16.6", "16.4", "16.2"),
        "red",
        "Peter Featherstone",
        "Adam Thompson",
        tolerance="2",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 72",
        "Achievement of at least 78 points across the Early Years Foundation Stage with at "
        "least 6 in each of the scales in Personal Social and Emotional Development and "
        "Communications, Language and Literacy",
        "cypsp",
        "CY2.1",
        "higher",
        "%",
        "annual",
        "48.0",
        ("51.0", "53.0", "55.0"),
        "amber",
        "Peter Featherstone",
        "Adam Thompson",
        designation="statutory",
        priority=1,
    ),
    Spec(
        "NI 75",
        "Achievement of 5 or more A*- C grades at GCSE or equivalent including English and Maths",
        "cypsp",
        "CY2.1",
        "higher",
        "%",
        "annual",
        "47.2",
        ("49.0", "51.0", "53.0"),
        "red",
        "Peter Featherstone",
        "Adam Thompson",
        designation="statutory",
        priority=1,
        tolerance="3",
    ),
    Spec(
        "NI 110",
        "More participation in positive activities",
        "cypsp",
        "CY1.1",
        "higher",
        "%",
        "annual",
        None,
        ("67.0", "69.0", "71.0"),
        "awaited",
        "Peter Featherstone",
        "Adam Thompson",
        awaited="Awaiting the TellUs survey",
        commentary="Improving activities for teenagers is a growing priority for the public.",
    ),
    Spec(
        "NI 112",
        "Under 18 conception rate",
        "cypsp",
        "CY1",
        "lower",
        "% change",
        "annual",
        "-10.5",
        ("-16.0", "-20.0", "-25.0"),
        "worsening",
        "Peter Featherstone",
        "Adam Thompson",
        tolerance="10",
    ),
    Spec(
        "NI 117",
        "16 to 18 year olds who are Not in Education, Training or Employment (NEET)",
        "cypsp",
        "CY1",
        "lower",
        "%",
        "quarterly",
        "6.4",
        ("6.2", "5.9", "5.6"),
        "missing",
        "Nicky Pace",
        "Adam Thompson",
        designation="reward",
        priority=1,
        reward="200000",
        commentary="Connexions data for the quarter has not been received.",
    ),
    Spec(
        "NI 151",
        "Overall employment rate (working-age)",
        "gepf",
        "EP1.1",
        "higher",
        "%",
        "quarterly",
        "76.5",
        ("77.0", "77.5", "78.0"),
        "green",  # GEPF "Agreed as on track" (PMG, 27 March 2009)
        "Louise Aiken",
        "Richard Puleston",
        tolerance="1",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 152",
        "Working age people on out of work benefits",
        "gepf",
        "EP1.1",
        "lower",
        "%",
        "quarterly",
        "10.2",
        ("10.0", "9.8", "9.6"),
        "green",  # GEPF "Agreed as on track" (PMG, 27 March 2009)
        "Louise Aiken",
        "Richard Puleston",
        tolerance="3",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 163",
        "Proportion of population aged 19–64 qualified to at least Level 2",
        "gepf",
        "EP1",
        "higher",
        "%",
        "annual",
        "66.0",
        ("68.0", "70.0", "72.0"),
        "green",
        "Louise Aiken",
        "Richard Puleston",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 171",
        "New business registration rate",
        "gepf",
        "EP2.1",
        "higher",
        "per 10,000 adults",
        "annual",
        "62.0",
        ("64.0", "66.0", "68.0"),
        "green",  # GEPF "Agreed as on track" (PMG, 27 March 2009)
        "Louise Aiken",
        "Richard Puleston",
        tolerance="5",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 8",
        "Adult participation in sport and active recreation",
        "essex-2012",
        "OG1.1",
        "higher",
        "%",
        "annual",
        "20.4",
        ("21.4", "22.4", "23.4"),
        "green",
        "Miriam Stead",
        "Kathryn Berry",
        source="Active People Survey, Sport England",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "LI 2012.1",
        "Essex residents trained as 2012 Games volunteers",
        "essex-2012",
        "OG2.1",
        "higher",
        "people",
        "quarterly",
        "0",
        ("500", "1500", "3000"),
        "improving",
        "Miriam Stead",
        "Kathryn Berry",
        kind="local",
        designation="local",
        places=0,
        accumulation="cumulative",
        tolerance="10",
        title_note=NEW_LOCAL,
    ),
    Spec(
        "NI 4",
        "% of people who feel they can influence decisions in their locality",
        "harlow-lsp",
        "",
        "higher",
        "%",
        "biennial",
        None,
        None,
        "no_data",
        "Marina Sherriff",
        "Duncan Wood",
        awaited=PLACE_SURVEY,
        source="Place Survey",
        # Baseline awaited, as the PMG heard on 27 March 2009; nothing reported, nothing invented.
        figures_note="",
    ),
    Spec(
        "NI 1",
        "% of people who believe people from different backgrounds get on well "
        "together in their local area",
        "rochford-lsp",
        "",
        "higher",
        "%",
        "biennial",
        "78.0",
        ("80.0", "80.0", "82.0"),
        "green",
        "Cheryl Milton-White",
        "Duncan Wood",
        source="Place Survey",
    ),
)

HEREFORDSHIRE = (
    Spec(
        "NI 186",
        "Per capita reduction in CO2 emissions in the LA area",
        "herefordshire-environment",
        "EN1",
        "lower",
        "tonnes per person",
        "annual",
        "9.8",
        ("9.6", "9.4", "9.2"),
        "amber",
        places=2,
        tolerance="1",
    ),
    Spec(
        "NI 125",
        "Achieving independence for older people through rehabilitation",
        "herefordshire-hcop",
        "HCOP1",
        "higher",
        "%",
        "quarterly",
        "75.0",
        ("77.0", "79.0", "81.0"),
        "green",
        title_note=NOT_IN_SOURCES,
    ),
    Spec(
        "NI 16",
        "Serious acquisitive crime rate",
        "herefordshire-safer-communities",
        "SC1",
        "lower",
        "rate per 1,000",
        "quarterly",
        "9.1",
        ("8.9", "8.7", "8.5"),
        "red",
        accumulation="cumulative",
        places=2,
    ),
    Spec(
        "NI 152",
        "Working age people on out of work benefits",
        "herefordshire-economic-development",
        "EDE1",
        "lower",
        "%",
        "quarterly",
        "8.1",
        ("8.0", "7.9", "7.8"),
        "worsening",
        tolerance="3",
        title_note=NOT_IN_SOURCES,
    ),
)

SPECS = {"essex-laa-2008-11": ESSEX, "herefordshire-laa-2008-11": HEREFORDSHIRE}

# How far the actual sits from the profiled target at the latest period, as a fraction of
# the tolerance band: below -1 is red, between -1 and 0 amber, 0 or more green.
PATTERN_OFFSET = {
    "green": 0.6,
    "amber": -0.5,
    "red": -2.5,
    "improving": 0.3,
    "worsening": -0.6,
    "missing": -0.4,
    "awaited": 0.0,
}


def indicators_load(*, agreements: dict[str, Agreement]) -> None:
    for slug, specs in SPECS.items():
        agreement = agreements.get(slug)
        if agreement is None or Target.objects.filter(agreement=agreement).exists():
            continue
        _load(agreement, specs)


def _load(agreement: Agreement, specs: tuple[Spec, ...]) -> None:
    partnerships = {p.slug: p for p in Partnership.objects.filter(agreement=agreement)}
    people = {p.name: p for p in Person.objects.filter(agreement=agreement)}
    outcomes = {o.code: o for o in Outcome.objects.filter(theme__agreement=agreement)}
    districts = list(
        Area.objects.filter(parent=agreement.area, kind=Area.Kind.DISTRICT).order_by("code")
    )
    indicators: dict[str, Indicator] = {}
    for spec in specs:
        indicators[spec.code] = Indicator.objects.create(
            agreement=agreement,
            code=spec.code,
            title=spec.title,
            kind=spec.kind,
            proxy_for=indicators.get(spec.proxy_for),
            polarity=spec.polarity,
            unit=spec.unit,
            decimal_places=spec.places,
            frequency=spec.frequency,
            accumulation=spec.accumulation,
            data_source=spec.source,
            definition=f"{spec.title}. See the National Indicator Set handbook of definitions."
            if spec.kind == "national"
            else f"{spec.title}. The source documents give no definition.",
            illustrative=spec.title_note,
        )
    for spec in specs:
        target = Target.objects.create(
            agreement=agreement,
            indicator=indicators[spec.code],
            partnership=partnerships[spec.partnership],
            outcome=outcomes.get(spec.outcome),
            lead=people.get(spec.lead),
            data_owner=people.get(spec.owner),
            designation=spec.designation,
            priority=spec.priority,
            baseline=Decimal(spec.baseline) if spec.baseline is not None else None,
            baseline_period="2007/08" if spec.baseline is not None else "",
            baseline_awaited_reason=spec.awaited if spec.baseline is None else "",
            tolerance=Decimal(spec.tolerance),
            reward_grant=Decimal(spec.reward) if spec.reward else None,
            illustrative=figures_note(spec),
        )
        _values_and_actuals(target, spec, districts)
    _dated_as_entered(agreement)


def figures_note(spec: Spec) -> str:
    """Which of the target's figures are the demo's own (all it has: the seeds give none)."""
    if spec.figures_note is not None:
        return spec.figures_note
    invented = []
    if spec.baseline is not None:
        invented.append("baseline")
    if spec.targets:
        invented.append("targets")
    if spec.reward:
        invented.append(f"£{int(spec.reward):,} reward grant")
    if spec.pattern == "awaited" and not spec.targets:
        invented.append("survey result")
    elif spec.pattern != "no_data":
        invented.append("actuals")
    if not invented:
        return ""
    *most, last = invented
    listed = f"{', '.join(most)} and {last}" if most else last
    verb = "are" if most or last.endswith("s") else "is"
    return f"The {listed} {verb} the demo's own: the source documents give no figures for it."


# The demo's figures were entered when the partnerships had them: this many days after
# each period ended (not on the day the demo is loaded, which would make every figure
# look late to a report run as at 2009).
ENTERED_AFTER_DAYS = 20


def _dated_as_entered(agreement: Agreement) -> None:
    actuals = Actual.objects.filter(target__agreement=agreement)
    for label in actuals.values_list("period", flat=True).distinct():
        entered_on = Period.parse(label).end + dt.timedelta(days=ENTERED_AFTER_DAYS)
        at = timezone.make_aware(dt.datetime.combine(entered_on, dt.time(10)))
        actuals.filter(period=label).update(entered_at=at)


def _values_and_actuals(target: Target, spec: Spec, districts: list[Area]) -> None:
    rng = random.Random(f"{target.agreement.slug}{spec.code}")
    places = Decimal(1).scaleb(-spec.places)
    frequency = Frequency(spec.frequency)
    values: list[TargetValue] = []
    profile: dict[str, Decimal] = {}
    start = Decimal(spec.baseline) if spec.baseline is not None else None
    for year, annual in zip(YEARS, spec.targets or (), strict=False):
        annual_value = Decimal(annual)
        values.append(TargetValue(target=target, period=year, value=annual_value))
        if frequency == Frequency.QUARTERLY:
            quarters = periods_in_year(year, frequency)
            for index, quarter in enumerate(quarters, start=1):
                if spec.accumulation == "cumulative":
                    expected = annual_value * index / 4
                else:
                    base = start if start is not None else annual_value
                    expected = base + (annual_value - base) * index / 4
                expected = expected.quantize(places)
                profile[quarter.label] = expected
                values.append(TargetValue(target=target, period=quarter.label, value=expected))
        else:
            profile[year] = annual_value
        start = annual_value
    for value in values:
        value.save()

    if spec.pattern == "no_data":
        if spec.awaited:  # the figure is awaited (a survey not yet reported): accounted for
            for period in _reported_periods(frequency):
                Actual.objects.create(
                    target=target, period=period.label, value=None, missing_reason=spec.awaited
                )
        return
    periods = [
        p for p in _reported_periods(frequency) if p.financial_year.label >= spec.reported_from
    ]
    for period in _reported_periods(frequency):
        if period.financial_year.label < spec.reported_from:
            # Accounted for, so the periods before reporting started are not chased as late.
            Actual.objects.create(
                target=target, period=period.label, value=None,
                missing_reason=f"Not collected: reporting starts in {spec.reported_from}",
            )  # fmt: skip
    if not profile and spec.pattern == "awaited":
        # Survey result arrived, no target yet: data only (not rated).
        for period in periods[-1:]:
            _actual(target, period, Decimal(rng.randint(55, 75)), spec)
        return
    said_by_then = [p for p in periods if p.end <= COMMENTED_ON and p.label in profile]
    commented = said_by_then[-1] if said_by_then else periods[-1] if periods else None
    sign = Decimal(1 if spec.polarity == "higher" else -1)
    tolerance = Decimal(spec.tolerance) / 100
    for index, period in enumerate(periods):
        expected = profile.get(period.label)
        if expected is None:
            continue
        is_last = index == len(periods) - 1
        if spec.pattern == "missing" and is_last:
            Actual.objects.create(
                target=target, period=period.label, value=None,
                missing_reason="Return not received from the data provider",
            )  # fmt: skip
            continue
        offset = PATTERN_OFFSET[spec.pattern]
        if spec.pattern == "improving":
            offset = -1.2 + 1.5 * index / max(len(periods) - 1, 1)
        elif spec.pattern == "worsening":
            offset = 0.8 - 1.4 * index / max(len(periods) - 1, 1)
        elif not is_last:
            offset += rng.uniform(-0.4, 0.4)
        band = max(abs(expected) * tolerance, places)
        value = (expected + sign * band * Decimal(str(round(offset, 3)))).quantize(places)
        _actual(target, period, value, spec, final=not is_last, said=period == commented)
        if spec.districts and index >= len(periods) - 2:
            for d_index, district in enumerate(districts):
                spread = Decimal(str(round(rng.uniform(-3, 3) + (d_index % 4 - 1.5), 3)))
                Actual.objects.create(
                    target=target, period=period.label, district=district,
                    value=(value + sign * band * spread).quantize(places), status="final",
                )  # fmt: skip


def _reported_periods(frequency: Frequency) -> list[Period]:
    periods = []
    for year in YEARS[:2]:
        periods += [p for p in periods_in_year(year, frequency) if p.end <= LAST_PERIOD_END]
    if frequency == Frequency.BIENNIAL:
        periods = [Period.parse("2008/09", Frequency.BIENNIAL)]
    return periods


def _actual(
    target: Target,
    period: Period,
    value: Decimal,
    spec: Spec,
    final: bool = True,
    said: bool = True,
) -> None:
    Actual.objects.create(
        target=target,
        period=period.label,
        value=value,
        status=Actual.Status.FINAL if final else Actual.Status.PROVISIONAL,
        quality=Actual.Quality.ESTIMATED if spec.kind == "proxy" else Actual.Quality.NONE,
        commentary=spec.commentary if said else "",
    )
