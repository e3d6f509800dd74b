"""Demo data for the partnerships app, transcribed from the users' documents in ``seeds/``.

Plain Python only (no Django imports): the ``seed_demo`` loader turns it into rows.
Every name, organisation, job title and role below comes from the seeds unless a
``note`` says otherwise. E-mail addresses are invented and plainly fake
(``firstname.lastname@essex.example`` / ``@herefordshire.example``).

Sources (files in ``/work/shared/seeds/``):

* ``000_…`` Essex LAA Performance Management Group (PMG) minutes, 27 March 2009, with
  the PMG forward plan to March 2010.
* ``001_…`` Herefordshire Partnership Management Group minutes, 6 May 2009.
* ``002_…`` Safer Essex minutes, 2 October 2008, with action points 1–12.
* ``003_…`` Cheshire LAA progress report (block → key outcome → sub-outcome with named
  owners, priority one / priority two). Only its *pattern* is used, in ``THEMES``.
* ``004_…`` Leicestershire highlight report (not used here).

Shapes (all frozen dataclasses; cross-references are by natural key, never by object):

``AGREEMENTS: tuple[Agreement, ...]``
    ``Agreement(slug, name, short_name, area, starts_on, ends_on, government_office,
    government_office_short)``.

``ORGANISATIONS: dict[agreement_slug, tuple[Organisation, ...]]``
    ``Organisation(name, kind, short_name="", note="")``; ``kind`` in
    ``ORGANISATION_KINDS``. ``name`` is unique within an agreement.

``PARTNERSHIPS: dict[agreement_slug, tuple[Partnership, ...]]``
    ``Partnership(slug, name, short_name, kind, reports_to, quorum, district="",
    description="", aliases=())``; ``kind`` in ``PARTNERSHIP_KINDS``; ``reports_to`` is
    the slug of a partnership of the same agreement, or ``None`` for the top of the tree.
    Parents are listed before their children. Slugs are unique across all agreements.
    ``quorum`` numbers are invented (the seeds give none).

``PEOPLE: dict[agreement_slug, tuple[Person, ...]]``
    ``Person(name, email, organisation, job_title="", title="", aliases=(), note="")``.
    ``name`` is the person's key (unique within the agreement) without honorifics;
    ``title`` holds "Cllr", "Councillor", "ACC", "Superintendent", "Chief Inspector".
    ``organisation`` is an ``Organisation.name`` of the same agreement, or ``None`` where
    the seeds name no organisation for that person (they only give a partnership role).
    ``aliases`` are other spellings the seeds use ("Sam Grant" for Samantha Grant).

``MEMBERSHIPS: dict[agreement_slug, tuple[Membership, ...]]``
    ``Membership(person, partnership, role, starts_on=None, note="")``; ``person`` is a
    ``Person.name``, ``partnership`` a ``Partnership.slug``, ``role`` in
    ``MEMBERSHIP_ROLES``. One person may hold several rows (e.g. lead of Safer Essex and
    member of the PMG).

``THEMES: dict[agreement_slug, tuple[Theme, ...]]``
    ``Theme(code, title, partnership, owner, priority, outcomes, note="")`` →
    ``Outcome(code, title, partnership, owner, priority, sub_outcomes, note="")`` →
    ``SubOutcome(code, title, partnership, owner, priority, indicator_refs=(), note="")``.
    ``partnership`` is the responsible partnership's slug, ``owner`` a ``Person.name`` or
    ``None`` (only set where a seed names the person), ``priority`` is 1 or 2 following
    the Cheshire pattern (priority one = mandatory and reward/LPSA2 targets, stronger
    scrutiny; priority two = the rest). A parent's priority is the highest (lowest number)
    of its children. ``indicator_refs`` are free-text references as the seeds give them
    ("NI 134", "LI 7.1"); the indicators app owns the catalogue. Outcomes whose ``note``
    starts with "Illustrative" are invented in the spirit of the seeds; the rest are
    grounded in a seed passage quoted or cited in the note.

``DEMO_LOGINS: dict[email, tuple[agreement_slug, person_name]]``
    The demo accounts; the password is the loader's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

OrganisationKind = Literal[
    "council",
    "police",
    "health",
    "fire",
    "probation",
    "voluntary",
    "government",
    "business",
    "education",
    "other",
]
PartnershipKind = Literal[
    "thematic", "lsp", "management_group", "board", "cdrp", "policy_delivery_group", "block"
]
MembershipRole = Literal[
    "chair", "vice_chair", "lead", "deputy_lead", "member", "secretariat", "observer"
]

ORGANISATION_KINDS: tuple[str, ...] = (
    "council",
    "police",
    "health",
    "fire",
    "probation",
    "voluntary",
    "government",
    "business",
    "education",
    "other",
)
PARTNERSHIP_KINDS: tuple[str, ...] = (
    "thematic",
    "lsp",
    "management_group",
    "board",
    "cdrp",
    "policy_delivery_group",
    "block",
)
MEMBERSHIP_ROLES: tuple[str, ...] = (
    "chair",
    "vice_chair",
    "lead",
    "deputy_lead",
    "member",
    "secretariat",
    "observer",
)


@dataclass(frozen=True, slots=True)
class Agreement:
    slug: str
    name: str
    short_name: str
    area: str
    starts_on: date
    ends_on: date
    government_office: str
    government_office_short: str


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    kind: OrganisationKind
    short_name: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Partnership:
    slug: str
    name: str
    short_name: str
    kind: PartnershipKind
    reports_to: str | None
    quorum: int
    district: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str
    organisation: str | None
    job_title: str = ""
    title: str = ""
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Membership:
    person: str
    partnership: str
    role: MembershipRole
    starts_on: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class SubOutcome:
    code: str
    title: str
    partnership: str
    owner: str | None
    priority: Literal[1, 2]
    indicator_refs: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    code: str
    title: str
    partnership: str
    owner: str | None
    priority: Literal[1, 2]
    sub_outcomes: tuple[SubOutcome, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Theme:
    code: str
    title: str
    partnership: str
    owner: str | None
    priority: Literal[1, 2]
    outcomes: tuple[Outcome, ...]
    note: str = ""


ESSEX = "essex-laa-2008-11"
HEREFORDSHIRE = "herefordshire-laa-2008-11"

# ---------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------

AGREEMENTS: tuple[Agreement, ...] = (
    Agreement(
        slug=ESSEX,
        name="Essex Local Area Agreement 2008–2011",
        short_name="Essex LAA 2008–2011",
        area="Essex",
        starts_on=date(2008, 4, 1),
        ends_on=date(2011, 3, 31),
        government_office="Government Office for the East of England (GO East)",
        government_office_short="GO East",
    ),
    Agreement(
        slug=HEREFORDSHIRE,
        name="Herefordshire Local Area Agreement 2008–2011",
        short_name="Herefordshire LAA 2008–2011",
        area="Herefordshire",
        starts_on=date(2008, 4, 1),
        ends_on=date(2011, 3, 31),
        government_office="Government Office for the West Midlands (GO West Midlands)",
        government_office_short="GO West Midlands",
    ),
)

# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------

_NOT_NAMED = (
    "Not named in the seeds; added so that every district whose CDRP is named in the "
    "Safer Essex minutes of 2 October 2008 has its council."
)

ORGANISATIONS: dict[str, tuple[Organisation, ...]] = {
    ESSEX: (
        Organisation("Essex County Council", "council", "ECC"),
        Organisation("Essex Police", "police"),
        Organisation(
            "Essex Fire and Rescue",
            "fire",
            note="Also 'Essex Fire and Rescue Authority' in the Safer Essex minutes.",
        ),
        Organisation("Essex Probation", "probation", note="Also 'Probation Service'."),
        Organisation("Basildon Council", "council"),
        Organisation("Braintree District Council", "council", note=_NOT_NAMED),
        Organisation("Castle Point Borough Council", "council", note=_NOT_NAMED),
        Organisation("Chelmsford Council", "council"),
        Organisation("Colchester Borough Council", "council", "Colchester BC"),
        Organisation("Epping Forest District Council", "council", "Epping Forest DC"),
        Organisation("Harlow Council", "council"),
        Organisation("Maldon District Council", "council"),
        Organisation("Rochford District Council", "council"),
        Organisation("Tendring Council", "council"),
        Organisation("Uttlesford District Council", "council", note=_NOT_NAMED),
        Organisation("North East Essex PCT", "health"),
        Organisation("South East Essex PCT", "health"),
        Organisation("South West Essex PCT", "health"),
        Organisation("West Essex PCT", "health"),
        Organisation("North Essex Partnership Trust", "health"),
        Organisation("South Essex Partnership Trust", "health", "SEPT"),
        Organisation("Youth Offending Service", "other", "YOS"),
        Organisation(
            "Chelmsford Prison",
            "government",
            note="'Chelmsford Prison Service' / 'Governor Chelmsford Prison' in the seeds.",
        ),
        Organisation(
            "Essex DAAT",
            "other",
            "EDAAT",
            note="Drug and Alcohol Action Team; reports to Safer Essex ('EDAAT issues').",
        ),
        Organisation("Essex Criminal Justice Board", "other"),
        Organisation("Government Office for the East of England", "government", "GO East"),
        Organisation(
            "Sports Essex",
            "other",
            note="Kathryn Berry (Sports Essex) is the 2012 Games deputy lead.",
        ),
        Organisation(
            "Essex Partnership Secretariat",
            "other",
            note="Gill Butterworth, Louise Crew and Dan Gascoyne; services the PMG.",
        ),
        Organisation(
            "Audit Commission",
            "government",
            note="Signs off the Place Survey results (PMG 27 March 2009).",
        ),
        Organisation(
            "Department for Communities and Local Government",
            "government",
            "DCLG",
            note="Publishes NIS data on the Data Interchange Hub (PMG 27 March 2009).",
        ),
        Organisation(
            "Warwick University",
            "education",
            note="Cost-benefit analysis of partnership working (Safer Essex 2 October 2008).",
        ),
        Organisation(
            "HM Revenue and Customs",
            "government",
            note="Named as a service area that could be invited to join Safer Essex.",
        ),
        Organisation(
            "Essex Refuges",
            "voluntary",
            note="Women's Aid refuges; a Federation of Essex Women's Aid Refuges was proposed "
            "in the Domestic Violence Review (Safer Essex 2 October 2008).",
        ),
        Organisation(
            "Essex Against Domestic Violence",
            "voluntary",
            note="Its members are to be engaged in the DV Review follow-up "
            "(Safer Essex 2 October 2008).",
        ),
    ),
    HEREFORDSHIRE: (
        Organisation("Herefordshire Council", "council"),
        Organisation("Herefordshire PCT", "health", note="'the Primary Care Trust'."),
        Organisation(
            "Herefordshire Public Services",
            "other",
            note="The brand of Herefordshire Council and the Primary Care Trust "
            "(Fighting the Downturn leaflets).",
        ),
        Organisation("West Mercia Constabulary", "police"),
        Organisation("Fire and Rescue Service", "fire"),
        Organisation("Voluntary Sector Assembly", "voluntary"),
        Organisation("Advantage West Midlands", "government"),
        Organisation("Learning and Skills Council", "education"),
        Organisation("Government Office for the West Midlands", "government", "GO West Midlands"),
        Organisation(
            "Herefordshire Association of Local Councils",
            "other",
            note="Spelt 'Herefordshire Association Local Councils' in the seed.",
        ),
        Organisation(
            "Herefordshire Partnership Support Team",
            "other",
            note="Chris Bucknell and Philippa Lydford; secretariat of the PMG.",
        ),
        Organisation(
            "Department for Environment, Food and Rural Affairs",
            "government",
            "DEFRA",
            note="Previously funded Community Led Planning; that funding has ceased.",
        ),
        Organisation(
            "Communities and Local Government",
            "government",
            "CLG",
            note="The Partnership reports ABG back to CLG.",
        ),
    ),
}

# ---------------------------------------------------------------------------
# Partnerships
# ---------------------------------------------------------------------------

PMG = "essex-pmg"
SAFER_ESSEX = "safer-essex"
SUSTAINABLE_ESSEX = "sustainable-essex"
CWOP = "cwop"
CYPSP = "cypsp"
GEPF = "gepf"
GAMES_2012 = "essex-2012"
HEREFORDSHIRE_PMG = "herefordshire-pmg"


def _cdrp(district: str) -> Partnership:
    return Partnership(
        slug=f"{district.lower().replace(' ', '-')}-cdrp",
        name=f"{district} CDRP",
        short_name=f"{district} CDRP",
        kind="cdrp",
        reports_to=SAFER_ESSEX,
        quorum=4,
        district=district,
        description=f"{district} Crime and Disorder Reduction Partnership; represented at "
        "Safer Essex (2 October 2008).",
    )


PARTNERSHIPS: dict[str, tuple[Partnership, ...]] = {
    ESSEX: (
        Partnership(
            slug="essex-partnership-forum",
            name="Essex Partnership Forum",
            short_name="EPF",
            kind="board",
            reports_to=None,
            quorum=8,
            description="Takes final decisions on PRG (28 November 2008) and receives PMG "
            "reports (PMG reports to EMB/EPF).",
        ),
        Partnership(
            slug="essex-management-board",
            name="Essex Management Board",
            short_name="EMB",
            kind="board",
            reports_to="essex-partnership-forum",
            quorum=5,
            description="Initiated the Community Safety Programme and asked for the Best "
            "Practice Guide to Partnership Working. (That it reports to the EPF is an "
            "assumption; the seeds say the PMG reports to 'EMB/EPF'.)",
        ),
        Partnership(
            slug=PMG,
            name="LAA Performance Management Group",
            short_name="PMG",
            kind="management_group",
            reports_to="essex-management-board",
            quorum=5,
            description="Reviews performance across all LAA themes; meets monthly "
            "10:00–12:00; also called the 'LAA Performance Group'.",
            aliases=("LAA Performance Group",),
        ),
        Partnership(
            slug=SAFER_ESSEX,
            name="Safer Essex",
            short_name="Safer Essex",
            kind="thematic",
            reports_to=PMG,
            quorum=8,
            description="Countywide community safety thematic partnership; the district "
            "CDRPs and the Essex DAAT report to it.",
        ),
        Partnership(
            slug=SUSTAINABLE_ESSEX,
            name="Sustainable Essex",
            short_name="Sustainable Essex",
            kind="thematic",
            reports_to=PMG,
            quorum=5,
        ),
        Partnership(
            slug=CWOP,
            name="Community Wellbeing and Older People",
            short_name="CWOP",
            kind="thematic",
            reports_to=PMG,
            quorum=5,
        ),
        Partnership(
            slug=CYPSP,
            name="Children & Young People's Strategic Partnership",
            short_name="CYPSP",
            kind="thematic",
            reports_to=PMG,
            quorum=5,
        ),
        Partnership(
            slug=GEPF,
            name="Greater Essex Prosperity Forum",
            short_name="GEPF",
            kind="thematic",
            reports_to=PMG,
            quorum=5,
            description="The 'Economic' theme (the forward plan lists an 'Economic' Annual "
            "Report).",
        ),
        Partnership(
            slug=GAMES_2012,
            name="2012 Olympics/Paralympic Games",
            short_name="2012",
            kind="thematic",
            reports_to=PMG,
            quorum=5,
        ),
        Partnership(
            slug="harlow-lsp",
            name="Harlow LSP",
            short_name="Harlow LSP",
            kind="lsp",
            reports_to=PMG,
            quorum=5,
            district="Harlow",
            description="Harlow Local Strategic Partnership.",
        ),
        Partnership(
            slug="rochford-lsp",
            name="Rochford LSP",
            short_name="Rochford LSP",
            kind="lsp",
            reports_to=PMG,
            quorum=5,
            district="Rochford",
            description="Rochford Local Strategic Partnership.",
        ),
        # The CDRPs named in the Safer Essex minutes of 2 October 2008 (no Rochford
        # CDRP is named there; Rochford District Council attends in its own right).
        _cdrp("Basildon"),
        _cdrp("Braintree"),
        _cdrp("Castle Point"),
        _cdrp("Chelmsford"),
        _cdrp("Colchester"),
        _cdrp("Epping Forest"),
        _cdrp("Harlow"),
        _cdrp("Maldon"),
        _cdrp("Tendring"),
        _cdrp("Uttlesford"),
    ),
    HEREFORDSHIRE: (
        Partnership(
            slug="herefordshire-partnership",
            name="Herefordshire Partnership",
            short_name="Herefordshire Partnership",
            kind="board",
            reports_to=None,
            quorum=8,
            description="The county's Local Strategic Partnership; its Board meets on 29 May 2009.",
            aliases=("the Board", "Local Strategic Partnership"),
        ),
        Partnership(
            slug=HEREFORDSHIRE_PMG,
            name="Herefordshire Partnership Management Group",
            short_name="PMG",
            kind="management_group",
            reports_to="herefordshire-partnership",
            quorum=5,
            description="Takes the key performance and commissioning decisions; the Policy "
            "and Delivery Groups report to it.",
            aliases=("Management Group",),
        ),
        Partnership(
            slug="herefordshire-cyp",
            name="Children and Young People",
            short_name="CYP",
            kind="policy_delivery_group",
            reports_to=HEREFORDSHIRE_PMG,
            quorum=4,
            description="Policy and Delivery Group. The minutes' 'Children's Trust' (3% ABG "
            "underspend in 2008/09) is taken to be this group.",
            aliases=("Children's Trust",),
        ),
        Partnership(
            slug="herefordshire-hcop",
            name="Healthier Communities and Older People",
            short_name="HCOP",
            kind="policy_delivery_group",
            reports_to=HEREFORDSHIRE_PMG,
            quorum=4,
            description="Policy and Delivery Group (Ian Williams).",
        ),
        Partnership(
            slug="herefordshire-health-wellbeing",
            name="Health and Wellbeing",
            short_name="Health and Wellbeing",
            kind="policy_delivery_group",
            reports_to=HEREFORDSHIRE_PMG,
            quorum=4,
            description="Policy and Delivery Group named in the minutes as not represented; "
            "no delivery plans received; six of its seven indicators red. It may be the same "
            "group as Healthier Communities and Older People (the seed does not say).",
        ),
        Partnership(
            slug="herefordshire-safer-communities",
            name="Safer Communities",
            short_name="Safer Communities",
            kind="policy_delivery_group",
            reports_to=HEREFORDSHIRE_PMG,
            quorum=4,
            description="Policy and Delivery Group (Paul Baker); some delivery plans "
            "outstanding in May 2009.",
        ),
        Partnership(
            slug="herefordshire-stronger-communities",
            name="Stronger Communities",
            short_name="Stronger Communities",
            kind="policy_delivery_group",
            reports_to=HEREFORDSHIRE_PMG,
            quorum=4,
            description="Policy and Delivery Group; Community Led Planning bids for ABG "
            "come through it.",
        ),
        Partnership(
            slug="herefordshire-economic-development",
            name="Economic Development and Enterprise",
            short_name="EDE",
            kind="policy_delivery_group",
            reports_to=HEREFORDSHIRE_PMG,
            quorum=4,
            description="Policy and Delivery Group (Natalia Silver).",
        ),
        Partnership(
            slug="herefordshire-environment",
            name="Environment",
            short_name="Environment",
            kind="policy_delivery_group",
            reports_to=HEREFORDSHIRE_PMG,
            quorum=4,
            description="Policy and Delivery Group named in the minutes as not represented.",
        ),
    ),
}

# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------


def _email(name: str, domain: str) -> str:
    return f"{name.lower().replace(' ', '.')}@{domain}"


def _essex(
    name: str,
    organisation: str | None,
    job_title: str = "",
    title: str = "",
    aliases: tuple[str, ...] = (),
    note: str = "",
) -> Person:
    return Person(
        name, _email(name, "essex.example"), organisation, job_title, title, aliases, note
    )


def _hfd(
    name: str,
    organisation: str | None,
    job_title: str = "",
    title: str = "",
    note: str = "",
) -> Person:
    return Person(
        name, _email(name, "herefordshire.example"), organisation, job_title, title, (), note
    )


ECC = "Essex County Council"
_NO_ORG = "The seeds give only a partnership role, no organisation."

PEOPLE: dict[str, tuple[Person, ...]] = {
    ESSEX: (
        # --- LAA Performance Management Group, 27 March 2009 ---
        _essex(
            "Ewen Wilson",
            "Essex Police",
            note="Chair of the PMG; target lead for "
            "domestic violence (LI 7.1 / LI 36) in March 2009.",
        ),
        _essex("Alan Dawkes", None, note="Safer Essex Lead. " + _NO_ORG),
        _essex(
            "Jan Plummer",
            None,
            note="Substituted for Gwyn Owen at the PMG on 27 March 2009. " + _NO_ORG,
        ),
        _essex("Gwyn Owen", None, note="Sustainable Essex Lead. " + _NO_ORG),
        _essex("Miriam Stead", None, note="2012 Olympics/Paralympic Games (2012) Lead. " + _NO_ORG),
        _essex("Marina Sherriff", None, note="Harlow LSP Lead. " + _NO_ORG),
        _essex(
            "Nathalie Collomb",
            "Government Office for the East of England",
            note="GO East Representative.",
        ),
        _essex(
            "Loretta Sollars", None, note="Community Wellbeing and Older People Lead. " + _NO_ORG
        ),
        _essex(
            "Duncan Wood",
            None,
            "Head of Public Engagement and Corporate Analysis",
            note="Presented the Place Survey results. " + _NO_ORG,
        ),
        _essex(
            "Kay Asuni",
            None,
            "Policy and Public Engagement Officer",
            note="Presented the Place Survey results. " + _NO_ORG,
        ),
        _essex("Gill Butterworth", "Essex Partnership Secretariat"),
        _essex(
            "Louise Crew",
            "Essex Partnership Secretariat",
            note="Took the minutes of the PMG on 27 March 2009.",
        ),
        _essex("Dan Gascoyne", "Essex Partnership Secretariat"),
        _essex("Louise Aiken", None, note="Greater Essex Prosperity Forum (GEPF) Lead. " + _NO_ORG),
        _essex(
            "Peter Featherstone",
            None,
            note="Children & Young People's Strategic Partnership (CYPSP) Lead. " + _NO_ORG,
        ),
        _essex(
            "Kathryn Berry",
            "Sports Essex",
            note="2012 Olympics/Paralympic Games (2012) Deputy Lead.",
        ),
        _essex("Cheryl Milton-White", None, note="Rochford LSP Lead. " + _NO_ORG),
        _essex(
            "Adam Thompson",
            None,
            note="Responsible for 'Preparation for Essex Strategy "
            "Review' on the PMG forward plan (20 April 2009). " + _NO_ORG,
        ),
        # --- Safer Essex, 2 October 2008: present ---
        _essex(
            "Paul Warren", "Rochford District Council", "Chief Executive", note="Chair Safer Essex."
        ),
        _essex(
            "Peter Lowton",
            "Essex Police",
            "Assistant Chief Constable, Territorial Policing",
            title="ACC",
            note="Vice Chair Safer Essex from 2 October 2008; "
            "target lead for domestic violence in October 2008.",
        ),
        _essex("Tracey Chapman", ECC, "Cabinet Member", title="Cllr"),
        _essex("Colin Steele", "Essex Police", "Territorial Policing", title="Superintendent"),
        _essex(
            "Richard Puleston",
            ECC,
            "Assistant Chief Executive Policy, Community Planning and Regeneration",
        ),
        _essex(
            "Bala Mahendran",
            "Basildon Council",
            "Chief Executive",
            note="Represents Basildon CDRP.",
        ),
        _essex("Tony Ball", "Basildon Council", title="Cllr"),
        _essex(
            "Alan Gooden",
            "Essex Police",
            title="Chief Inspector",
            note="Represents Braintree CDRP. Organisation inferred from the police rank; "
            "the seed lists only 'Braintree CDRP'.",
        ),
        _essex(
            "Peter Woollard",
            "Essex Probation",
            note="'Probation Service'; represents Castle Point CDRP.",
        ),
        _essex(
            "Spencer Clarke",
            "Chelmsford Council",
            "Community Safety Manager",
            note="Represents Chelmsford CDRP.",
        ),
        _essex(
            "Ian Vipond",
            "Colchester Borough Council",
            "Executive Director",
            note="'Executive Director Colchester BC and Chair of CDRP' (Colchester CDRP).",
        ),
        _essex(
            "John Gilbert",
            "Epping Forest District Council",
            "Director, Environment and Neighbourhood",
            note="Represents Epping Forest CDRP.",
        ),
        _essex("Lynn Seward", "Harlow Council", note="Represents Harlow CDRP."),
        _essex(
            "Steve Watson",
            "Maldon District Council",
            "Chief Executive",
            note="Represents Maldon CDRP.",
        ),
        _essex(
            "Roger Stewart",
            "Tendring Council",
            "Assistant Chief Executive",
            note="Represents Tendring CDRP.",
        ),
        _essex("Yvette Wetton", ECC, "Area Co-ordinator", note="Represents Uttlesford CDRP."),
        _essex("Alex Bamber", "Essex Probation", "Assistant Chief Probation Officer"),
        _essex(
            "Liesel Park",
            "South East Essex PCT",
            "Associate Director of Public Health and Health Intelligence",
        ),
        _essex("Mark Tebbs", "South West Essex PCT"),
        _essex(
            "Nicky Pace",
            ECC,
            "Director of Vulnerable Children and Young People",
            note="Listed for 'ECC Schools Children and Families'.",
        ),
        _essex("Tanya Gillett", "Youth Offending Service", "Head, Youth Offending Service"),
        _essex("Lindsay Whitehouse", "Chelmsford Prison", "Assistant Governor"),
        _essex("Andy Martin", "North Essex Partnership Trust", "Director Operations"),
        _essex("Paul Bowers", "Essex Fire and Rescue"),
        _essex("Clare Aitken", "Essex DAAT", "Strategic Manager"),
        _essex(
            "Samantha Grant",
            ECC,
            "Head of Crime and Disorder Reduction Unit",
            aliases=("Sam Grant",),
            note="Confirmed as the Safer Essex deputy lead at the PMG on 27 March 2009.",
        ),
        _essex("Ben Hughes", "Essex DAAT"),
        _essex("Richard Whetton", "Rochford District Council"),
        _essex(
            "Simon Harniess",
            ECC,
            "Head of Supporting People",
            note="Listed for 'Supporting People' (the Supporting People service).",
        ),
        _essex("Lee Taylor", ECC, "Cabinet Support Officer"),
        # --- Safer Essex, 2 October 2008: apologies ---
        _essex(
            "Mary Archer",
            "Essex Probation",
            "Chief Probation Officer",
            note="Listed for the Essex Criminal Justice Board.",
        ),
        _essex("Rob Davis", "Chelmsford Prison", "Governor"),
        _essex("Alison Cowie", "West Essex PCT"),
        _essex("Averil Price", "Chelmsford Council"),
        _essex("Richard Coleman", "North Essex Partnership Trust", "Chief Executive"),
        _essex("Patrick Geoghan", "South Essex Partnership Trust", "Chief Executive"),
        _essex("Paul Zollinger-Read", "North East Essex PCT", "Chief Executive"),
        # --- Named in the Safer Essex minutes (action point 8) ---
        _essex(
            "Win Bernard",
            None,
            "Review report author",
            note="Author of the Domestic Violence Review; to be invited to the DV focus "
            "group (Safer Essex action point 8). " + _NO_ORG,
        ),
    ),
    HEREFORDSHIRE: (
        _hfd(
            "Roger Phillips",
            "Herefordshire Council",
            "Leader of Herefordshire Council",
            title="Councillor",
            note="Chair of the Partnership Management Group.",
        ),
        _hfd(
            "Chris Bull",
            "Herefordshire Council",
            note="Listed as 'Herefordshire Council/Herefordshire PCT'.",
        ),
        _hfd("Paul Baker", None, note="Listed for Safer Communities. " + _NO_ORG),
        _hfd(
            "Richard Lawrence",
            "Fire and Rescue Service",
            note="Attended the PMG on 6 May 2009 in place of Lucy Phillips.",
        ),
        _hfd("Mark Turner", "West Mercia Constabulary"),
        _hfd(
            "Richard Quallington",
            "Voluntary Sector Assembly",
            note="Also spelt 'Qualington' once in the minutes.",
        ),
        _hfd(
            "Natalia Silver",
            None,
            note="Listed for Economic Development and Enterprise. " + _NO_ORG,
        ),
        _hfd("Chris Bucknell", "Herefordshire Partnership Support Team"),
        _hfd("Philippa Lydford", "Herefordshire Partnership Support Team"),
        _hfd(
            "Kevin Lloyd",
            "Herefordshire Council",
            "Policy and Performance",
            note="Presented the Performance Plus system.",
        ),
        _hfd("Lucy Phillips", "Fire and Rescue Service"),
        _hfd("Lynda Wilcox", "Herefordshire Association of Local Councils"),
        _hfd("Sharon Gray", "Learning and Skills Council"),
        _hfd("Chris Baird", None, note="Listed for Children and Young People. " + _NO_ORG),
        _hfd(
            "Ian Williams",
            None,
            note="Listed for Healthier Communities and Older People. " + _NO_ORG,
        ),
        _hfd("Ian Edwards", "Advantage West Midlands"),
        _hfd("Tony Southall", "Government Office for the West Midlands"),
    ),
}

# ---------------------------------------------------------------------------
# Memberships
# ---------------------------------------------------------------------------


def _m(
    person: str,
    partnership: str,
    role: MembershipRole = "member",
    starts_on: date | None = None,
    note: str = "",
) -> Membership:
    return Membership(person, partnership, role, starts_on, note)


_SE_LIST = "From the Safer Essex attendance list of 2 October 2008"
_CDRP_REP = "Represents the CDRP at Safer Essex (2 October 2008)."

MEMBERSHIPS: dict[str, tuple[Membership, ...]] = {
    ESSEX: (
        # --- LAA Performance Management Group ---
        _m("Ewen Wilson", PMG, "chair"),
        _m("Alan Dawkes", PMG, note="Safer Essex Lead."),
        _m("Gwyn Owen", PMG, note="Sustainable Essex Lead."),
        _m("Loretta Sollars", PMG, note="Community Wellbeing and Older People Lead."),
        _m("Peter Featherstone", PMG, note="CYPSP Lead."),
        _m("Louise Aiken", PMG, note="GEPF Lead."),
        _m("Miriam Stead", PMG, note="2012 Lead."),
        _m("Kathryn Berry", PMG, note="2012 Deputy Lead; sent apologies on 27 March 2009."),
        _m("Marina Sherriff", PMG, note="Harlow LSP Lead."),
        _m("Cheryl Milton-White", PMG, note="Rochford LSP Lead."),
        _m(
            "Nathalie Collomb",
            PMG,
            "observer",
            date(2009, 3, 27),
            note="GO East Representative; the Chair extended an invitation to all future "
            "meetings on 27 March 2009.",
        ),
        _m("Gill Butterworth", PMG, "secretariat", note="Essex Partnership Secretariat."),
        _m("Louise Crew", PMG, "secretariat", note="Essex Partnership Secretariat (minutes)."),
        _m("Dan Gascoyne", PMG, "secretariat", note="Essex Partnership Secretariat."),
        # --- Thematic partnership and LSP leads ---
        _m("Alan Dawkes", SAFER_ESSEX, "lead"),
        _m(
            "Samantha Grant",
            SAFER_ESSEX,
            "deputy_lead",
            date(2009, 3, 27),
            note="Sam Grant was confirmed as the Safer Essex deputy lead at the LAA Performance "
            "Management Group on 27 March 2009.",
        ),
        _m("Gwyn Owen", SUSTAINABLE_ESSEX, "lead"),
        _m("Loretta Sollars", CWOP, "lead"),
        _m("Peter Featherstone", CYPSP, "lead"),
        _m("Louise Aiken", GEPF, "lead"),
        _m("Miriam Stead", GAMES_2012, "lead"),
        _m("Kathryn Berry", GAMES_2012, "deputy_lead", note="Sports Essex."),
        _m("Marina Sherriff", "harlow-lsp", "lead"),
        _m("Cheryl Milton-White", "rochford-lsp", "lead"),
        # --- Safer Essex (attendance and apologies, 2 October 2008) ---
        _m("Paul Warren", SAFER_ESSEX, "chair", note="Chief Executive, Rochford District Council."),
        _m(
            "Peter Lowton",
            SAFER_ESSEX,
            "vice_chair",
            date(2008, 10, 2),
            note="It was agreed that ACC Peter Lowton should be the Vice Chair of Safer Essex "
            "(2 October 2008).",
        ),
        _m("Tracey Chapman", SAFER_ESSEX, note=_SE_LIST + "."),
        _m("Colin Steele", SAFER_ESSEX, note=_SE_LIST + "."),
        _m("Richard Puleston", SAFER_ESSEX, note=_SE_LIST + "."),
        _m("Bala Mahendran", SAFER_ESSEX, note="Basildon CDRP."),
        _m("Tony Ball", SAFER_ESSEX, note="Basildon Council."),
        _m("Alan Gooden", SAFER_ESSEX, note="Braintree CDRP."),
        _m("Peter Woollard", SAFER_ESSEX, note="Castle Point CDRP."),
        _m("Spencer Clarke", SAFER_ESSEX, note="Chelmsford CDRP."),
        _m("Ian Vipond", SAFER_ESSEX, note="Colchester CDRP."),
        _m("John Gilbert", SAFER_ESSEX, note="Epping Forest CDRP."),
        _m("Lynn Seward", SAFER_ESSEX, note="Harlow CDRP."),
        _m("Steve Watson", SAFER_ESSEX, note="Maldon CDRP."),
        _m("Roger Stewart", SAFER_ESSEX, note="Tendring CDRP."),
        _m("Yvette Wetton", SAFER_ESSEX, note="Uttlesford CDRP."),
        _m("Alex Bamber", SAFER_ESSEX, note="Essex Probation."),
        _m("Liesel Park", SAFER_ESSEX, note="South East Essex PCT."),
        _m("Mark Tebbs", SAFER_ESSEX, note="South West Essex PCT."),
        _m("Nicky Pace", SAFER_ESSEX, note="ECC Schools Children and Families."),
        _m("Tanya Gillett", SAFER_ESSEX, note="Youth Offending Service."),
        _m("Lindsay Whitehouse", SAFER_ESSEX, note="Chelmsford Prison Service."),
        _m("Andy Martin", SAFER_ESSEX, note="North Essex Partnership Trust."),
        _m(
            "Paul Bowers",
            SAFER_ESSEX,
            note="Essex Fire and Rescue; the Fire and Rescue "
            "Authority was formally invited to attend on 2 October 2008.",
        ),
        _m("Clare Aitken", SAFER_ESSEX, note="Essex DAAT."),
        _m("Ben Hughes", SAFER_ESSEX, note="Essex DAAT."),
        _m("Richard Whetton", SAFER_ESSEX, note="Rochford District Council."),
        _m("Simon Harniess", SAFER_ESSEX, note="Supporting People."),
        _m("Lee Taylor", SAFER_ESSEX, note="ECC Cabinet Support Officer."),
        _m(
            "Mary Archer",
            SAFER_ESSEX,
            note="Essex Criminal Justice Board; sent apologies on 2 October 2008.",
        ),
        _m(
            "Rob Davis",
            SAFER_ESSEX,
            note="Governor Chelmsford Prison; sent apologies on 2 October 2008.",
        ),
        _m("Alison Cowie", SAFER_ESSEX, note="West Essex PCT; sent apologies on 2 October 2008."),
        _m(
            "Averil Price",
            SAFER_ESSEX,
            note="Chelmsford Council; sent apologies on 2 October 2008.",
        ),
        _m(
            "Richard Coleman",
            SAFER_ESSEX,
            note="North Essex Partnership Trust; sent apologies on 2 October 2008.",
        ),
        _m(
            "Patrick Geoghan",
            SAFER_ESSEX,
            note="South Essex Partnership Trust; sent apologies on 2 October 2008.",
        ),
        _m(
            "Paul Zollinger-Read",
            SAFER_ESSEX,
            note="North East Essex PCT; sent apologies on 2 October 2008.",
        ),
        # --- District CDRPs (their representatives at Safer Essex) ---
        _m("Bala Mahendran", "basildon-cdrp", note=_CDRP_REP),
        _m("Alan Gooden", "braintree-cdrp", note=_CDRP_REP),
        _m("Peter Woollard", "castle-point-cdrp", note=_CDRP_REP),
        _m("Spencer Clarke", "chelmsford-cdrp", note=_CDRP_REP),
        _m("Ian Vipond", "colchester-cdrp", "chair", note="'Chair of CDRP'. " + _CDRP_REP),
        _m("John Gilbert", "epping-forest-cdrp", note=_CDRP_REP),
        _m("Lynn Seward", "harlow-cdrp", note=_CDRP_REP),
        _m("Steve Watson", "maldon-cdrp", note=_CDRP_REP),
        _m("Roger Stewart", "tendring-cdrp", note=_CDRP_REP),
        _m("Yvette Wetton", "uttlesford-cdrp", note=_CDRP_REP),
    ),
    HEREFORDSHIRE: (
        _m("Roger Phillips", HEREFORDSHIRE_PMG, "chair", note="Leader of Herefordshire Council."),
        _m("Chris Bull", HEREFORDSHIRE_PMG, note="Herefordshire Council/Herefordshire PCT."),
        _m("Paul Baker", HEREFORDSHIRE_PMG, note="Safer Communities."),
        _m(
            "Lucy Phillips",
            HEREFORDSHIRE_PMG,
            note="Fire and Rescue Service; Richard Lawrence attended in her place on 6 May 2009.",
        ),
        _m("Mark Turner", HEREFORDSHIRE_PMG, note="West Mercia Constabulary."),
        _m("Richard Quallington", HEREFORDSHIRE_PMG, note="Voluntary Sector Assembly."),
        _m("Natalia Silver", HEREFORDSHIRE_PMG, note="Economic Development and Enterprise."),
        _m("Lynda Wilcox", HEREFORDSHIRE_PMG, note="Herefordshire Association of Local Councils."),
        _m("Sharon Gray", HEREFORDSHIRE_PMG, note="Learning and Skills Council."),
        _m("Chris Baird", HEREFORDSHIRE_PMG, note="Children and Young People."),
        _m("Ian Williams", HEREFORDSHIRE_PMG, note="Healthier Communities and Older People."),
        _m("Ian Edwards", HEREFORDSHIRE_PMG, note="Advantage West Midlands."),
        _m(
            "Tony Southall",
            HEREFORDSHIRE_PMG,
            "observer",
            note="Government Office for the West Midlands.",
        ),
        _m(
            "Chris Bucknell",
            HEREFORDSHIRE_PMG,
            "secretariat",
            note="Herefordshire Partnership Support Team.",
        ),
        _m(
            "Philippa Lydford",
            HEREFORDSHIRE_PMG,
            "secretariat",
            note="Herefordshire Partnership Support Team.",
        ),
        # Policy and Delivery Group representatives on the PMG (the seed names each
        # against a group; it does not say whether they chair or lead it).
        _m("Chris Baird", "herefordshire-cyp", note="Represents the group on the PMG."),
        _m("Ian Williams", "herefordshire-hcop", note="Represents the group on the PMG."),
        _m(
            "Paul Baker", "herefordshire-safer-communities", note="Represents the group on the PMG."
        ),
        _m(
            "Natalia Silver",
            "herefordshire-economic-development",
            note="Represents the group on the PMG.",
        ),
    ),
}

# ---------------------------------------------------------------------------
# Themes → outcomes → sub-outcomes
# ---------------------------------------------------------------------------

_ILL = "Illustrative (not in the seeds)."

THEMES: dict[str, tuple[Theme, ...]] = {
    ESSEX: (
        Theme(
            "SE",
            "Safer Essex",
            SAFER_ESSEX,
            "Alan Dawkes",
            1,
            (
                Outcome(
                    "SE1",
                    "Reduce repeat incidents of domestic violence",
                    SAFER_ESSEX,
                    "Ewen Wilson",
                    1,
                    (
                        SubOutcome(
                            "SE1.1",
                            "Reduce repeat incidents of domestic violence",
                            SAFER_ESSEX,
                            "Ewen Wilson",
                            1,
                            ("LI 7.1", "LI 36", "NI 32"),
                            note="PMG 27 March 2009: 'Domestic Violence (LI7.1/LI36)'; Ewen "
                            "Wilson is target lead (ACC Peter Lowton was target lead in "
                            "October 2008). The data suggests the target will not be met "
                            "this year.",
                        ),
                        SubOutcome(
                            "SE1.2",
                            "Make multi-agency risk assessment conferences (MARACs) fully "
                            "effective, with Health signed up to the MARAC Information "
                            "Sharing Protocol",
                            SAFER_ESSEX,
                            None,
                            1,
                            note="Safer Essex 2 October 2008, item 5 and action point 2.",
                        ),
                        SubOutcome(
                            "SE1.3",
                            "Fund the IDVA service and an IDVA manager",
                            SAFER_ESSEX,
                            None,
                            1,
                            note="Domestic Violence Review recommendation V: PRG £157,540 "
                            "for 2009/10 and £157,540 for 2010/11.",
                        ),
                    ),
                    note="Safer Essex 2 October 2008 and PMG 27 March 2009 (the key issue "
                    "for Safer Essex).",
                ),
                Outcome(
                    "SE2",
                    "Reduce serious acquisitive crime",
                    SAFER_ESSEX,
                    None,
                    1,
                    (
                        SubOutcome(
                            "SE2.1",
                            "Reduce the serious acquisitive crime rate",
                            SAFER_ESSEX,
                            None,
                            1,
                            ("NI 16",),
                            note=_ILL,
                        ),
                    ),
                    note=_ILL,
                ),
                Outcome(
                    "SE3",
                    "Reduce anti-social behaviour and the fear of crime",
                    SAFER_ESSEX,
                    None,
                    2,
                    (
                        SubOutcome(
                            "SE3.1",
                            "Reduce the perception of anti-social behaviour",
                            SAFER_ESSEX,
                            None,
                            2,
                            ("NI 17",),
                            note="Place Survey (PMG 27 March 2009): people appear to be "
                            "feeling safer; positive improvements across all anti-social "
                            "behaviour indicators. Indicator reference illustrative.",
                        ),
                        SubOutcome(
                            "SE3.2",
                            "Pilot the Community Safety Programme in one rural and one urban area",
                            SAFER_ESSEX,
                            None,
                            2,
                            note="Safer Essex 2 October 2008, item 9: joined-up local "
                            "response to fear of crime and anti-social behaviour.",
                        ),
                    ),
                ),
                Outcome(
                    "SE4",
                    "Reduce the harm caused by drugs and alcohol",
                    SAFER_ESSEX,
                    None,
                    2,
                    (
                        SubOutcome(
                            "SE4.1",
                            "Deliver the Essex Alcohol Strategy action plans",
                            SAFER_ESSEX,
                            None,
                            2,
                            note="Safer Essex 2 October 2008, item 10: Alcohol Strategy "
                            "endorsed; EDAAT 3 year plan priorities need named theme leads.",
                        ),
                    ),
                ),
            ),
            note="Thematic lead Alan Dawkes; deputy Sam Grant (from 27 March 2009).",
        ),
        Theme(
            "SU",
            "Sustainable Essex",
            SUSTAINABLE_ESSEX,
            "Gwyn Owen",
            1,
            (
                Outcome(
                    "SU1",
                    "Increase the supply of housing, including affordable housing",
                    SUSTAINABLE_ESSEX,
                    None,
                    1,
                    (
                        SubOutcome(
                            "SU1.1",
                            "Increase in dwelling stock",
                            SUSTAINABLE_ESSEX,
                            None,
                            1,
                            ("NI 154",),
                            note="PMG 27 March 2009: 'NI 154 Increase in dwelling stock – "
                            "dealt with on refresh.' Priority one is illustrative.",
                        ),
                        SubOutcome(
                            "SU1.2",
                            "Affordable housing",
                            SUSTAINABLE_ESSEX,
                            None,
                            2,
                            ("LI 2.2", "LI 39"),
                            note="PMG 27 March 2009: 'LI 2.2 LI 39 Affordable housing – no "
                            "issues.'",
                        ),
                    ),
                ),
                Outcome(
                    "SU2",
                    "Reduce carbon emissions",
                    SUSTAINABLE_ESSEX,
                    None,
                    2,
                    (
                        SubOutcome(
                            "SU2.1",
                            "Per capita CO2 emissions in the LA area",
                            SUSTAINABLE_ESSEX,
                            None,
                            2,
                            ("NI 186",),
                            note="PMG 27 March 2009: 'LI 186 Per capita CO2 emissions in the "
                            "LA area – no issues.' (NI 186 in the National Indicator Set.)",
                        ),
                    ),
                ),
            ),
        ),
        Theme(
            "CW",
            "Community Wellbeing and Older People",
            CWOP,
            "Loretta Sollars",
            1,
            (
                Outcome(
                    "CW1",
                    "Reduce emergency hospital admissions and help older people live independently",
                    CWOP,
                    None,
                    1,
                    (
                        SubOutcome(
                            "CW1.1",
                            "Emergency bed days",
                            CWOP,
                            None,
                            1,
                            ("NI 134",),
                            note="PMG 27 March 2009: the data suggests concern, but this is "
                            "an issue of target profiling, which is being reviewed.",
                        ),
                    ),
                ),
                Outcome(
                    "CW2",
                    "Support carers",
                    CWOP,
                    "Loretta Sollars",
                    1,
                    (
                        SubOutcome(
                            "CW2.1",
                            "Carers receiving needs assessment or review and a specific "
                            "carer's service, or advice and information",
                            CWOP,
                            "Loretta Sollars",
                            1,
                            ("NI 135",),
                            note="PMG 27 March 2009: position to be discussed at the April "
                            "meeting; forward plan 20 April 2009 'Support to carers (NI135)' "
                            "– Loretta Sollars.",
                        ),
                    ),
                ),
            ),
        ),
        Theme(
            "CY",
            "Children & Young People",
            CYPSP,
            "Peter Featherstone",
            1,
            (
                Outcome(
                    "CY1",
                    "Improve activities for teenagers",
                    CYPSP,
                    None,
                    2,
                    (
                        SubOutcome(
                            "CY1.1",
                            "Young people's participation in positive activities",
                            CYPSP,
                            None,
                            2,
                            ("NI 110",),
                            note="Place Survey (PMG 27 March 2009): improving activities for "
                            "teenagers is emerging as a key and growing priority for the "
                            "public. Indicator reference illustrative.",
                        ),
                    ),
                ),
                Outcome(
                    "CY2",
                    "Achieve the statutory education and early years targets",
                    CYPSP,
                    None,
                    1,
                    (
                        SubOutcome(
                            "CY2.1",
                            "Statutory education and early years targets",
                            CYPSP,
                            None,
                            1,
                            note="Mandatory; the design glossary lists statutory "
                            "education/early-years targets in every LAA. " + _ILL,
                        ),
                    ),
                    note="PMG 27 March 2009: apparent issues about CYPSP performance to be "
                    "addressed at the next meeting.",
                ),
            ),
        ),
        Theme(
            "EP",
            "Greater Essex Prosperity",
            GEPF,
            "Louise Aiken",
            2,
            (
                Outcome(
                    "EP1",
                    "Support people into skills and employment through the economic downturn",
                    GEPF,
                    None,
                    2,
                    (
                        SubOutcome(
                            "EP1.1",
                            "Working age people on out of work benefits",
                            GEPF,
                            None,
                            2,
                            ("NI 152",),
                            note=_ILL,
                        ),
                    ),
                    note=_ILL + " GEPF was 'Agreed as on track' at the PMG on 27 March 2009.",
                ),
                Outcome(
                    "EP2",
                    "Help Essex businesses start up and survive",
                    GEPF,
                    None,
                    2,
                    (
                        SubOutcome(
                            "EP2.1",
                            "New business registration rate",
                            GEPF,
                            None,
                            2,
                            ("NI 171",),
                            note=_ILL,
                        ),
                    ),
                    note=_ILL,
                ),
            ),
        ),
        Theme(
            "OG",
            "2012 Olympics/Paralympic Games",
            GAMES_2012,
            "Miriam Stead",
            2,
            (
                Outcome(
                    "OG1",
                    "Increase participation in sport and physical activity",
                    GAMES_2012,
                    None,
                    2,
                    (
                        SubOutcome(
                            "OG1.1",
                            "Adult participation in sport and active recreation",
                            GAMES_2012,
                            None,
                            2,
                            ("NI 8",),
                            note=_ILL + " Deputy lead Kathryn Berry is from Sports Essex.",
                        ),
                    ),
                    note=_ILL,
                ),
                Outcome(
                    "OG2",
                    "Make the most of the 2012 Games for Essex communities and businesses",
                    GAMES_2012,
                    None,
                    2,
                    (
                        SubOutcome(
                            "OG2.1",
                            "Essex volunteers and businesses taking part in the 2012 Games",
                            GAMES_2012,
                            None,
                            2,
                            note=_ILL,
                        ),
                    ),
                    note=_ILL,
                ),
            ),
        ),
    ),
    HEREFORDSHIRE: (
        Theme(
            "CYP",
            "Children and Young People",
            "herefordshire-cyp",
            None,
            1,
            (
                Outcome(
                    "CYP1",
                    "Achieve the mandatory Children and Young People's performance indicators",
                    "herefordshire-cyp",
                    None,
                    1,
                    (
                        SubOutcome(
                            "CYP1.1",
                            "Mandatory Children and Young People's performance indicators",
                            "herefordshire-cyp",
                            None,
                            1,
                            note="Performance Plus is loaded 'by theme/Policy and Delivery "
                            "group plus the mandatory Children and Young People's "
                            "performance indicators' (6 May 2009).",
                        ),
                    ),
                ),
                Outcome(
                    "CYP2",
                    "Improve the health and wellbeing of children and young people",
                    "herefordshire-cyp",
                    None,
                    2,
                    (
                        SubOutcome(
                            "CYP2.1",
                            "Young people's participation in positive activities",
                            "herefordshire-cyp",
                            None,
                            2,
                            ("NI 110",),
                            note=_ILL,
                        ),
                    ),
                    note=_ILL,
                ),
            ),
        ),
        Theme(
            "HCOP",
            "Healthier Communities and Older People",
            "herefordshire-hcop",
            None,
            2,
            (
                Outcome(
                    "HCOP1",
                    "Help older people live independently",
                    "herefordshire-hcop",
                    None,
                    2,
                    (
                        SubOutcome(
                            "HCOP1.1",
                            "Older people supported to live independently",
                            "herefordshire-hcop",
                            None,
                            2,
                            note=_ILL,
                        ),
                    ),
                    note=_ILL,
                ),
            ),
        ),
        Theme(
            "HW",
            "Health and Wellbeing",
            "herefordshire-health-wellbeing",
            None,
            2,
            (
                Outcome(
                    "HW1",
                    "Improve health and reduce health inequalities",
                    "herefordshire-health-wellbeing",
                    None,
                    2,
                    (
                        SubOutcome(
                            "HW1.1",
                            "Health and wellbeing indicators",
                            "herefordshire-health-wellbeing",
                            None,
                            2,
                            note="6 May 2009: six out of the seven indicators were rated "
                            "red; no delivery plans received from the Health and Wellbeing "
                            "Group.",
                        ),
                    ),
                    note=_ILL,
                ),
            ),
        ),
        Theme(
            "SC",
            "Safer Communities",
            "herefordshire-safer-communities",
            None,
            1,
            (
                Outcome(
                    "SC1",
                    "Reduce crime and anti-social behaviour",
                    "herefordshire-safer-communities",
                    None,
                    1,
                    (
                        SubOutcome(
                            "SC1.1",
                            "Serious acquisitive crime rate",
                            "herefordshire-safer-communities",
                            None,
                            1,
                            ("NI 16",),
                            note=_ILL,
                        ),
                    ),
                    note=_ILL + " Some Safer Communities delivery plans were outstanding "
                    "on 6 May 2009.",
                ),
            ),
        ),
        Theme(
            "ST",
            "Stronger Communities",
            "herefordshire-stronger-communities",
            None,
            2,
            (
                Outcome(
                    "ST1",
                    "Support community led planning with parish councils",
                    "herefordshire-stronger-communities",
                    None,
                    2,
                    (
                        SubOutcome(
                            "ST1.1",
                            "Support for the Community Led Planning process and mechanisms",
                            "herefordshire-stronger-communities",
                            None,
                            2,
                            note="6 May 2009, AOB: the bid is for support of the "
                            "process/mechanisms rather than for projects coming out of "
                            "Parish Plans.",
                        ),
                    ),
                ),
            ),
        ),
        Theme(
            "EDE",
            "Economic Development and Enterprise",
            "herefordshire-economic-development",
            None,
            2,
            (
                Outcome(
                    "EDE1",
                    "Help businesses and individuals through the economic downturn",
                    "herefordshire-economic-development",
                    None,
                    2,
                    (
                        SubOutcome(
                            "EDE1.1",
                            "Fighting the Downturn: public services and partners working "
                            "together for businesses and individuals",
                            "herefordshire-economic-development",
                            None,
                            2,
                            note="6 May 2009: two new 'Fighting the Downturn' leaflets.",
                        ),
                    ),
                ),
            ),
        ),
        Theme(
            "EN",
            "Environment",
            "herefordshire-environment",
            None,
            2,
            (
                Outcome(
                    "EN1",
                    "Reduce carbon emissions",
                    "herefordshire-environment",
                    None,
                    2,
                    (
                        SubOutcome(
                            "EN1.1",
                            "Per capita CO2 emissions in the LA area",
                            "herefordshire-environment",
                            None,
                            2,
                            ("NI 186",),
                            note=_ILL,
                        ),
                    ),
                    note=_ILL,
                ),
            ),
        ),
    ),
}

# ---------------------------------------------------------------------------
# Demo logins
# ---------------------------------------------------------------------------

DEMO_LOGINS: dict[str, tuple[str, str]] = {
    "secretariat@demo.test": (ESSEX, "Gill Butterworth"),
    "lead@demo.test": (ESSEX, "Alan Dawkes"),
    "lead2@demo.test": (ESSEX, "Loretta Sollars"),
    "chair@demo.test": (ESSEX, "Ewen Wilson"),
    "observer@demo.test": (ESSEX, "Nathalie Collomb"),
    "hereford@demo.test": (HEREFORDSHIRE, "Chris Bull"),
}
