"""Demo data for the meetings (and funding) apps: the three meetings in ``seeds/``.

Plain Python only (no Django imports). People are referred to by ``Person.name`` and
partnerships by ``Partnership.slug`` from ``partnerships/demo_data.py`` (same agreement).
Texts are as written in the seeds; the only changes are whitespace, dropped Markdown
emphasis (``**bold**``, ``*italic*``), spaces before colons ("change :" → "change:") and
these obvious typos:

* Safer Essex action point 8: "report to the next group in January 2008" → "January 2009"
  (the next meeting is 22 January 2009).
* Safer Essex 4(a)3: missing closing quote after "Purpose and Key Activities";
  4(c): stray closing quote after "Essex Management Board".
* Safer Essex 5: "for the this process" → "for this process"; 9(2): "The areas selected
  will one rural and one urban" → "will be one rural and one urban"; "North Essex,
  Partnership Trust" → "North Essex Partnership Trust"; EDAAT sub-items numbered 5)–7)
  in the seed are numbered 10.1–10.3 here.
* Herefordshire item 3: "Richard Qualington" → "Richard Quallington" (spelling used in
  the attendance list); "Herefordshire Association Local Councils" → "… Association of
  Local Councils"; a paragraph split by a page break is joined and missing full stops
  are added at the end of three paragraphs.

Shapes (frozen dataclasses):

``MEETINGS: tuple[Meeting, ...]``
    ``Meeting(key, agreement, partnership, title, date, starts_at, ends_at, venue, chair,
    minute_taker, attendance, declarations, declarations_text, items,
    previous_meeting_on, previous_meeting_text, next_meeting_on, next_meeting_at,
    next_meeting_venue, source, note)``.
    ``starts_at``/``ends_at``/``next_meeting_at`` are ``datetime.time`` or ``None`` when
    the seed does not say. ``declarations`` lists declared interests (empty when none);
    ``declarations_text`` is the recorded sentence ("There were no declarations.") or ""
    when the minutes have no declarations item. ``source`` is the seed file name.

``Attendance(person, status, as_written, substitute_for=None, note="")``
    ``status`` in ``ATTENDANCE_STATUSES`` (present / apologies / in_attendance /
    substitute). ``as_written`` is the role/organisation text beside the name in the seed
    (Safer Essex rows have two columns, joined here with " | "). ``substitute_for`` is a
    ``Person.name`` for "X for Y" / "Substitute for Y".

``AgendaItem(number, title, kind, presenters=(), partnership=None, agenda_text=(),
minutes=(), decisions=(), actions=(), note="")``
    Items are in agenda order and flattened: sub-items have dotted numbers ("6.1", "4.a");
    the parent of "6.1" is the item numbered "6" (it may have no text of its own).
    ``kind`` in ``ITEM_KINDS`` (standing / proposed / matters_arising / aob).
    ``presenters`` are ``Person.name``s (only where the seed says who presented).
    ``partnership`` is set where the item is about one partnership (PMG reviews per
    theme). ``agenda_text`` holds bullet points printed under the heading in the agenda
    (the item's purpose; for matters arising, the list of earlier actions). ``minutes``
    are the paragraphs as written, including sentences that are also listed in
    ``decisions``; list items are separate paragraphs. ``decisions`` are the decision
    sentences, verbatim. Action-point text is not repeated in ``minutes``.

``ActionPoint(text, owners=(), owner_groups=(), number="", due_on=None, due_text="",
status="open", raised_on=None, raised_item="", note="")``
    ``owners`` are ``Person.name``s; ``owner_groups`` are owners that are not people, as
    text ("Thematic Leads", "CYPSP", "ECC"). Both may be empty where the minutes name
    nobody. ``number`` is the seed's own number ("1"–"12" for Safer Essex). ``due_on`` is
    a date when the seed gives or implies one (e.g. "the next meeting" → that date);
    ``due_text`` is the wording. ``status`` in ``ACTION_STATUSES``. ``raised_on`` /
    ``raised_item`` are set for matters arising carried from an earlier meeting (``None``
    means raised at this meeting).

``FORWARD_PLANS: tuple[ForwardPlan, ...]``
    ``ForwardPlan(key, agreement, partnership, title, source_meeting, standing_items,
    meetings, to_be_scheduled, note)`` with ``PlannedMeeting(date, starts_at, venue,
    items, note)`` and ``PlannedItem(title, responsible=(), responsible_text="",
    partnership=None, detail=(), note="")``. ``responsible`` are ``Person.name``s,
    ``responsible_text`` the column as written ("Tbc"). The PMG plan is the seed's own
    forward plan; the others collect future dates and items that the minutes assign to
    later meetings (``note`` says which).

``FUNDING_FACTS: tuple[FundingFact, ...]``
    ``FundingFact(key, agreement, meeting, item, quote, fund, kind, figure, amount=None,
    percentage=None, financial_years=(), partnership=None, on=None, note="")``. ``quote``
    is exact; ``figure`` is the figure as written ("£157,540", "3% or 5%"); ``amount`` is
    pounds as ``Decimal``; ``kind`` in ``FUNDING_FACT_KINDS``; ``fund`` is "PRG", "ABG",
    "LPSA2", "Supporting People" or "Other"; ``meeting`` is a ``Meeting.key``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Literal

ESSEX = "essex-laa-2008-11"
HEREFORDSHIRE = "herefordshire-laa-2008-11"

AttendanceStatus = Literal["present", "apologies", "in_attendance", "substitute"]
ItemKind = Literal["standing", "proposed", "matters_arising", "aob"]
ActionStatus = Literal["open", "done"]
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

ATTENDANCE_STATUSES: tuple[str, ...] = ("present", "apologies", "in_attendance", "substitute")
ITEM_KINDS: tuple[str, ...] = ("standing", "proposed", "matters_arising", "aob")
ACTION_STATUSES: tuple[str, ...] = ("open", "done")
FUNDING_FACT_KINDS: tuple[str, ...] = (
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
)


@dataclass(frozen=True, slots=True)
class Attendance:
    person: str
    status: AttendanceStatus
    as_written: str
    substitute_for: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ActionPoint:
    text: str
    owners: tuple[str, ...] = ()
    owner_groups: tuple[str, ...] = ()
    number: str = ""
    due_on: date | None = None
    due_text: str = ""
    status: ActionStatus = "open"
    raised_on: date | None = None
    raised_item: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class AgendaItem:
    number: str
    title: str
    kind: ItemKind
    presenters: tuple[str, ...] = ()
    partnership: str | None = None
    agenda_text: tuple[str, ...] = ()
    minutes: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionPoint, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    key: str
    agreement: str
    partnership: str
    title: str
    date: datetime.date
    starts_at: time | None
    ends_at: time | None
    venue: str
    chair: str
    minute_taker: str | None
    attendance: tuple[Attendance, ...]
    declarations: tuple[str, ...]
    declarations_text: str
    items: tuple[AgendaItem, ...]
    previous_meeting_on: datetime.date | None
    previous_meeting_text: str
    next_meeting_on: datetime.date | None
    next_meeting_at: time | None
    next_meeting_venue: str
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class PlannedItem:
    title: str
    responsible: tuple[str, ...] = ()
    responsible_text: str = ""
    partnership: str | None = None
    detail: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    date: datetime.date
    starts_at: time | None = None
    venue: str = ""
    items: tuple[PlannedItem, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class ForwardPlan:
    key: str
    agreement: str
    partnership: str
    title: str
    source_meeting: str | None
    standing_items: tuple[PlannedItem, ...]
    meetings: tuple[PlannedMeeting, ...]
    to_be_scheduled: tuple[PlannedItem, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class FundingFact:
    key: str
    agreement: str
    meeting: str
    item: str
    quote: str
    fund: str
    kind: FundingFactKind
    figure: str
    amount: Decimal | None = None
    percentage: Decimal | None = None
    financial_years: tuple[str, ...] = ()
    partnership: str | None = None
    on: date | None = None
    note: str = ""


def _t(text: str) -> str:
    """One paragraph: wrapped source lines joined by single spaces."""
    return " ".join(text.split())


def _ps(text: str) -> tuple[str, ...]:
    """Paragraphs separated by blank lines, each joined onto one line."""
    return tuple(_t(block) for block in text.strip().split("\n\n") if block.strip())


def _lines(*parts: str) -> str:
    """A multi-line text (a paragraph followed by its list items), one line per part."""
    return "\n".join(_t(part) for part in parts)


PMG_MEETING = "essex-pmg-2009-03-27"
HEREFORDSHIRE_MEETING = "herefordshire-pmg-2009-05-06"
SAFER_ESSEX_MEETING = "safer-essex-2008-10-02"

# ===========================================================================
# 1. Essex LAA Performance Management Group, 27 March 2009, 10:00–12:00
# ===========================================================================

_PMG_ATTENDANCE: tuple[Attendance, ...] = (
    Attendance("Ewen Wilson", "present", "Essex Police (Chair)"),
    Attendance("Alan Dawkes", "present", "Safer Essex Lead"),
    Attendance(
        "Jan Plummer",
        "substitute",
        "Substitute for Gwyn Owen (Sustainable Essex Lead)",
        substitute_for="Gwyn Owen",
    ),
    Attendance("Miriam Stead", "present", "2012 Olympics/Paralympic Games (2012) Lead"),
    Attendance("Marina Sherriff", "present", "Harlow LSP Lead"),
    Attendance("Nathalie Collomb", "present", "GO East Representative"),
    Attendance("Loretta Sollars", "present", "Community Wellbeing and Older People Lead"),
    Attendance(
        "Duncan Wood",
        "in_attendance",
        "Head of Public Engagement and Corporate Analysis",
        note="Listed under Attendees; presented item 2 (Place Survey results).",
    ),
    Attendance(
        "Kay Asuni",
        "in_attendance",
        "Policy and Public Engagement Officer",
        note="Listed under Attendees; presented item 2 (Place Survey results).",
    ),
    Attendance("Gill Butterworth", "present", "Essex Partnership Secretariat"),
    Attendance("Louise Crew", "present", "Essex Partnership Secretariat (Minutes)"),
    Attendance("Louise Aiken", "apologies", "Greater Essex Prosperity Forum (GEPF) Lead"),
    Attendance(
        "Peter Featherstone",
        "apologies",
        "Children & Young People's Strategic Partnership (CYPSP) Lead",
    ),
    Attendance(
        "Kathryn Berry",
        "apologies",
        "(Sports Essex) – 2012 Olympics/Paralympic Games (2012) Deputy Lead",
    ),
    Attendance("Gwyn Owen", "apologies", "Sustainable Essex Lead"),
    Attendance("Cheryl Milton-White", "apologies", "Rochford LSP Lead"),
    Attendance("Dan Gascoyne", "apologies", "Essex Partnership Secretariat"),
)

_PMG_ITEMS: tuple[AgendaItem, ...] = (
    AgendaItem(
        "1",
        "Minutes of last meeting and matters arising",
        "matters_arising",
        minutes=_ps(
            """
            Minutes of the February meeting were approved.

            Sam Grant was confirmed as the Safer Essex deputy lead.

            Matters arising from the last meeting were outlined and confirmed as either
            complete or covered on the agenda.

            The Chair welcomed Nathalie Collomb from GO East to the meeting and extended an
            invitation to all future meetings. Nathalie confirmed she will try to attend as
            many PMG meetings as her diary will allow, the next being the September meeting.
            Nathalie offered support to the group wherever possible. She stated that she had
            already discussed the issue of proxy indicators with Peter Lowton, but would
            appreciate a steer on which targets to focus on.
            """
        ),
        decisions=(
            "Minutes of the February meeting were approved.",
            "Sam Grant was confirmed as the Safer Essex deputy lead.",
        ),
        actions=(
            ActionPoint(
                _t(
                    """Ewen and Gill to review where proxy or interim indicators would be
                    helpful, in liaison with thematic leads"""
                ),
                owners=("Ewen Wilson", "Gill Butterworth"),
            ),
        ),
    ),
    AgendaItem(
        "2",
        "Place Survey results",
        "proposed",
        presenters=("Duncan Wood", "Kay Asuni"),
        minutes=_ps(
            """
            Duncan Wood and Kay Asuni gave a presentation on the Place Survey results based
            on County data only at this stage. They confirmed that the Audit Commission had
            not signed off the final results and it was not yet possible to compare with
            others or look at the results for each district, until the district results are
            available. It is possible however to compare over time and draw some
            conclusions. People appear to be feeling safer and there are positive
            improvements across all anti-social behaviour indicators. Improving activities
            for teenagers is emerging as a key and growing priority for the public.

            The presentation will be distributed to the group via email when available,
            along with annotations to explain each slide.

            Duncan commented that the order of questions in the survey contributes a great
            deal to the results. The public tend to give positive scores towards the
            beginning of a survey. He also outlined that they had recently completed a
            telephone survey of the public on the Transformation Programme which came out 75%
            different to the Place and Tracker Surveys. This was due to the order of
            questions and the fact that it was a telephone survey rather than postal
            therefore people are more positive on the telephone, with direct interaction.

            It was suggested that action plans already in place may impact on more than one
            indicator and there may be opportunities for cross cutting projects which meet
            several outcomes. This will be explored further in future meetings.

            It was also considered to be helpful to have feedback at future meetings on
            public engagement findings and relevant times will be scheduled on the Forward
            Plan.
            """
        ),
        actions=(
            ActionPoint(
                _t(
                    """The CYPSP to be asked to comment on what plans are in place to improve
                    activities for teenagers"""
                ),
                owner_groups=("CYPSP",),
            ),
            ActionPoint(
                "Thematic Leads to reflect on action plans to see if they impact on other "
                "indicators.",
                owner_groups=("Thematic Leads",),
            ),
        ),
    ),
    AgendaItem(
        "3",
        "Performance Model and supporting documentation/guidance",
        "proposed",
        presenters=("Gill Butterworth",),
        minutes=_ps(
            """
            Gill outlined the draft Performance Model which reflects the agreed Governance
            arrangements. The model outlines how the relationships should be/how we would
            like them to be and there is clearly more to do to make the links work better in
            practice, especially engagement between LSPs, target leads and the thematic
            partnerships. There is also an issue in how the PMG reports to EMB/EPF and the
            Chair asked Nathalie for examples of best practice reporting to partnership
            executives.

            Gill also presented an improved delivery plan template, which strengthens the
            links with resources, and provides a summary of risks and a means of tracking PRG
            expenditure – which can be used to support any required self-certification of
            grant use. This has the advantage of having key information on delivery in one
            place and in a format that can be adopted by LSPs, if this is felt to be helpful.
            Jan suggested that Equality and Diversity should be included on the delivery
            plan. Gill confirmed that there is still a prompt on the template for this and
            this will be underpinned by guidance on how to do equality impact assessments,
            but that the plan is perhaps not the best place to hold the detail.
            """
        ),
        actions=(
            ActionPoint(
                _t(
                    """Ewen and Gill to consider how the PMG will report to EMB and EPF, in
                    discussion with Peter Lowton and in light of any best practice
                    examples."""
                ),
                owners=("Ewen Wilson", "Gill Butterworth"),
            ),
            ActionPoint(
                _t(
                    """Gill to publish the Model and supporting documents and guidance to the
                    partnership website; Thematic Leads to start using the updated format for
                    the workplan – support on reformatting is available if needed."""
                ),
                owners=("Gill Butterworth",),
                owner_groups=("Thematic Leads",),
            ),
            ActionPoint(
                "Gill to arrange for the Model to be shared with LSP Chairs and Lead Officers.",
                owners=("Gill Butterworth",),
            ),
        ),
    ),
    AgendaItem("4", "Annual report – progress and timescales", "proposed"),
    AgendaItem(
        "4.1",
        "Safer Essex",
        "proposed",
        partnership="safer-essex",
        minutes=_ps(
            """
            Alan confirmed that he is producing an annual report for the July meeting of
            Safer Essex. He agreed he will bring a draft report to PMG in May and then sign
            it off at Safer Essex meeting in July.
            """
        ),
    ),
    AgendaItem(
        "4.2",
        "CWOP",
        "proposed",
        partnership="cwop",
        minutes=_ps(
            """
            Loretta confirmed that she will bring the CWOP annual report to PMG in May,
            signed off by CWOP.
            """
        ),
    ),
    AgendaItem(
        "4.3",
        "Sustainable Essex",
        "proposed",
        partnership="sustainable-essex",
        minutes=_ps(
            """
            Jan confirmed that Gwyn has made good progress with this report and has submitted
            it to Sustainable Essex for comments. He will bring it to the April meeting of
            PMG.
            """
        ),
    ),
    AgendaItem(
        "4.4",
        "2012",
        "proposed",
        partnership="essex-2012",
        minutes=_ps(
            """
            Miriam had not seen the annual report guidance but confirmed she will try to
            complete and bring a draft to the April PMG meeting.
            """
        ),
    ),
    AgendaItem("5", "Performance issues for review", "standing"),
    AgendaItem(
        "5.1",
        "CYPSP",
        "standing",
        partnership="cypsp",
        minutes=_ps(
            """
            The Chair expressed concerns that the CYPSP were not represented and that there
            are apparent issues about performance which need to be addressed at the next
            meeting.
            """
        ),
    ),
    AgendaItem(
        "5.2",
        "CWOP",
        "standing",
        partnership="cwop",
        minutes=_ps(
            """
            The data for NI 134 (Emergency bed days) suggests concern, but this is an issue
            of target profiling, which is being reviewed. The position with the carers'
            indicator (NI135) will be discussed at the April meeting.
            """
        ),
    ),
    AgendaItem(
        "5.3",
        "GEPF",
        "standing",
        partnership="gepf",
        minutes=("Agreed as on track.",),
        decisions=("Agreed as on track.",),
    ),
    AgendaItem(
        "5.4",
        "Sustainable Essex",
        "standing",
        partnership="sustainable-essex",
        minutes=_ps(
            """
            NI 154 Increase in dwelling stock – dealt with on refresh.

            LI 186 Per capita CO2 emissions in the LA area – no issues.

            LI 2.2 LI 39 Affordable housing – no issues.
            """
        ),
    ),
    AgendaItem(
        "5.5",
        "Safer Essex",
        "standing",
        partnership="safer-essex",
        minutes=_ps(
            """
            The key issue is the indicator on repeat incidents of domestic violence, which
            was covered in more detail.
            """
        ),
    ),
    AgendaItem(
        "5.6",
        "Domestic Violence (LI7.1/LI36)",
        "standing",
        presenters=("Alan Dawkes",),
        partnership="safer-essex",
        minutes=_ps(
            """
            Alan Dawkes gave an outline of his report. The data suggests that the target will
            not be met this year, although there are many actions in place to improve how we
            deal with and try to reduce incidents of domestic violence, including rolling out
            MARACS (multi-agency risk assessment conferences) and using PRG to support
            domestic violence advisor posts. Ewen, as target lead, added contextual
            information about the nature of the indicator. Actions being taken to raise the
            profile of domestic abuse and make it easier and safer to report mean that
            initially numbers will rise as more people feel confident to come forward and
            recording of incidents improves. People coming back for ongoing support are also
            classed as 'repeat incidents' under the definition of the indicator if this
            happens within twelve months. There appears to be a slowing down of the initial
            increase in numbers, which could mean that reporting has reached the level where
            we can start to see and demonstrate improvement. There are some variations in
            district activity which it would be interesting to explore, and as yet there is
            little comparative information, although other areas are experiencing similar
            issues with the indicator as defined.

            Nathalie commented that this was a good story of improvement, that the economic
            downturn may increase the incidence, and that domestic violence was going up the
            Whitehall agenda.
            """
        ),
    ),
    AgendaItem(
        "6",
        "Comparative performance",
        "proposed",
        presenters=("Gill Butterworth",),
        minutes=_ps(
            """
            Gill distributed a publication from DCLG showing when information on the NIS will
            be published on Data Interchange Hub. In the early days this is likely to raise
            issues of data quality but the Hub will be an important resource for the Group to
            use to see how we compare to others and identify 'best in class'. Nathalie agreed
            to check which comparators or family groups would be appropriate.
            """
        ),
        actions=(
            ActionPoint(
                "Gill to arrange for members of the Group to be registered to access the Hub",
                owners=("Gill Butterworth",),
            ),
        ),
    ),
    AgendaItem(
        "7",
        "Milestones due/forward plan review",
        "standing",
        minutes=_ps(
            """
            The forward plan was discussed and content for the April agenda was agreed as per
            the forward plan.
            """
        ),
        decisions=(
            "The forward plan was discussed and content for the April agenda was agreed as "
            "per the forward plan.",
        ),
    ),
    AgendaItem("8", "AOB", "aob", minutes=("There was no other business",)),
)

# ===========================================================================
# 2. Herefordshire Partnership Management Group, 6 May 2009, 9:30am, Brockington
# ===========================================================================

_HFD_ATTENDANCE: tuple[Attendance, ...] = (
    Attendance("Roger Phillips", "present", "Leader of Herefordshire Council (Chair)"),
    Attendance("Chris Bull", "present", "Herefordshire Council/Herefordshire PCT"),
    Attendance("Paul Baker", "present", "Safer Communities"),
    Attendance(
        "Richard Lawrence",
        "substitute",
        "Fire and Rescue Service (for Lucy Phillips)",
        substitute_for="Lucy Phillips",
    ),
    Attendance("Mark Turner", "present", "West Mercia Constabulary"),
    Attendance("Richard Quallington", "present", "Voluntary Sector Assembly"),
    Attendance("Natalia Silver", "present", "Economic Development and Enterprise"),
    Attendance("Chris Bucknell", "in_attendance", "Herefordshire Partnership Support Team"),
    Attendance("Philippa Lydford", "in_attendance", "Herefordshire Partnership Support Team"),
    Attendance("Kevin Lloyd", "in_attendance", "Herefordshire Council Policy and Performance"),
    Attendance(
        "Lucy Phillips",
        "apologies",
        "Fire and Rescue Service (Richard Lawrence attended in her place)",
    ),
    Attendance("Lynda Wilcox", "apologies", "Herefordshire Association of Local Councils"),
    Attendance("Sharon Gray", "apologies", "Learning and Skills Council"),
    Attendance("Chris Baird", "apologies", "Children and Young People"),
    Attendance("Ian Williams", "apologies", "Healthier Communities and Older People"),
    Attendance("Ian Edwards", "apologies", "Advantage West Midlands"),
    Attendance("Tony Southall", "apologies", "Government Office for the West Midlands"),
)

_HFD_PREVIOUS = date(2009, 3, 23)
_HFD_NEXT = date(2009, 6, 22)
_HFD_BOARD = date(2009, 5, 29)

_HFD_ITEMS: tuple[AgendaItem, ...] = (
    AgendaItem(
        "1",
        "Introduction and Welcome – Apologies",
        "standing",
        minutes=_ps(
            """
            The Chair welcomed everyone to the meeting, especially Richard Lawrence,
            attending on behalf of Lucy Phillips, Fire and Rescue Service. The apologies and
            corresponding substitutions were noted.
            """
        ),
    ),
    AgendaItem(
        "2",
        "Minutes of Last Meeting (23rd March 2009)",
        "standing",
        presenters=("Chris Bucknell",),
        agenda_text=(
            "Members to agree the amendments to wording (Item 4 Area Based Grant)",
            "Members to agree the final wording for the decision regarding LPSA2 Reward "
            "Grant (Agenda item 4)",
        ),
        minutes=_ps(
            """
            Chris Bucknell went through the suggested changes of wording as a matter of
            accuracy, the following wording was agreed:

            Item 4 – Area Based Grant

            Mark Turner said that the principles needed are firstly that no Partnership
            should lose more than 5%, but not assume it will be a 5% variation. He said that
            the group should set out a series of commissioning priorities, going back to the
            Community Strategy and priorities in response to the economic downturn and invite
            groups to bid, redirecting funding to support the identified priorities.

            Mark Turner proposed a 3% or 5% funding “top slice” (unpopular as it might be)
            placing the emphasis on a robust commissioning process rather than relying on
            everyone interpreting and responding to direction to release funding in a
            consistent and equally altruistic way. Mark explained that his proposal was aimed
            in a positive way to guarantee 95%.

            Item 4 – LPSA Reward Grant

            Following discussion, it was agreed that while individual organisations may have
            made assumptions about allocation of the funding, this would need to be discussed
            and agreed as part of the overall commissioning process. It was agreed by the
            group that the whole £2.6 million (LPSA2 Reward Grant and any underspend) had not
            yet been allocated, and cannot be without a due partnership process which was yet
            to be agreed.

            It was agreed the Minutes be amended.
            """
        ),
        decisions=("It was agreed the Minutes be amended.",),
        note="The paragraphs under 'Item 4 – …' are the agreed amended wording of the "
        "minutes of 23 March 2009.",
    ),
    AgendaItem(
        "3",
        "Matters arising not on the agenda",
        "matters_arising",
        agenda_text=(
            "Agenda Item 2 - Policy and Delivery Group contacts to pass on the CAA self "
            "evaluation to their groups and feed back comments before the end of March. If "
            "there are no additions groups to confirm that.",
            "Agenda Item 3 - Check list of missing Delivery Plans and notify relevant Chairs "
            "of Groups and Directors. All plans to be completed by the next meeting – (note) "
            "this will be covered under the item on Performance Management",
            "Agenda Item 4 – LPSA funding passed to Third Sector organisations - circulated",
            "Agenda Item 6 - List of Strategies used in the refresh to be circulated to the "
            "group, who should then reply with Strategies from their areas that should be "
            "included in the process.",
            "Agenda Item 6 - Guiding Principles to be circulated to the group – circulated",
        ),
        minutes=_ps(
            """
            Item 2, only one response had been received. It was agreed to send the CAA self
            evaluation to Chairs of the Policy and Delivery groups.

            Item 3, the delivery plans, will be covered later on the agenda.

            Item 4, LPSA2 funding, Richard Quallington mentioned Sharon Gray's suggestion
            that this money could in part fund the Partnership Support team. Chris Bull said
            that the perception that the Local Authority claim money back might be a way
            forward. Mark said that Herefordshire Partnership should have the money and
            sustainability from ABG, for independence. The Chair said that it is important
            with tightness of expenditure to find a way forward.

            Natalia mentioned that two new leaflets on Fighting the Downturn were being
            published and help explain to businesses and individuals how public services and
            partners are working together. The Chair asked which partners were involved and
            had it been circulated. Natalia explained that it was branded the Herefordshire
            Public Services (Herefordshire Council and the Primary Care Trust). Chris Bull
            agreed that it would be good to send them around to partners to give them the
            opportunity to make additions. The Chair felt that the Local Strategic
            Partnership should impact on this.
            """
        ),
        decisions=(
            "It was agreed to send the CAA self evaluation to Chairs of the Policy and "
            "Delivery groups.",
        ),
        actions=(
            # Matters arising carried from the meeting of 23 March 2009.
            ActionPoint(
                "Policy and Delivery Group contacts to pass on the CAA self evaluation to "
                "their groups and feed back comments before the end of March. If there are no "
                "additions groups to confirm that.",
                owner_groups=("Policy and Delivery Group contacts",),
                due_on=date(2009, 3, 31),
                due_text="before the end of March",
                raised_on=_HFD_PREVIOUS,
                raised_item="2",
                note="6 May 2009: only one response had been received; the CAA self "
                "evaluation is now to go to the Chairs of the Policy and Delivery groups.",
            ),
            ActionPoint(
                "Check list of missing Delivery Plans and notify relevant Chairs of Groups "
                "and Directors. All plans to be completed by the next meeting",
                due_text="by the next meeting",
                raised_on=_HFD_PREVIOUS,
                raised_item="3",
                note="(note) this will be covered under the item on Performance Management",
            ),
            ActionPoint(
                "LPSA funding passed to Third Sector organisations",
                status="done",
                raised_on=_HFD_PREVIOUS,
                raised_item="4",
                note="circulated",
            ),
            ActionPoint(
                "List of Strategies used in the refresh to be circulated to the group, who "
                "should then reply with Strategies from their areas that should be included "
                "in the process.",
                raised_on=_HFD_PREVIOUS,
                raised_item="6",
            ),
            ActionPoint(
                "Guiding Principles to be circulated to the group",
                status="done",
                raised_on=_HFD_PREVIOUS,
                raised_item="6",
                note="circulated",
            ),
            # Raised at this meeting.
            ActionPoint(
                "CAA self assessment to be e-mailed to the Chairs, for checking and signing off",
            ),
            ActionPoint(
                "the draft leaflet to be sent around to members of the group for input and "
                "comment.",
                note="The Fighting the Downturn leaflets (Natalia Silver).",
            ),
        ),
    ),
    AgendaItem(
        "4",
        "Performance Management",
        "proposed",
        presenters=("Kevin Lloyd",),
        agenda_text=(
            "To give members an overview of the new Performance Plus management system",
            "To outline the process for performance management using the system",
            "To review the delivery planning process and identify any areas without delivery plans",
            "To gain members views as to the reporting processes and how these can be used "
            "to inform the Management Group",
        ),
        minutes=_ps(
            """
            The end of year performance against the LAA indicators had been circulated to the
            group. Data was shown for the LAA as a whole and broken down by Policy and
            Delivery groups.

            A number of indicators had been rated as amber; this was mainly because they had
            been deferred in year 1 awaiting baseline data from the Place Survey. A
            significant number of the indicators have missed their first year targets and
            there was a need to decide how these would be addressed.

            The new structure had been put in place in order to make clear links between the
            strategy, performance and delivery and to do this the right people needed to be
            around the table. Concern was raised that two of the Policy and Delivery groups
            (Environment and Health and Wellbeing) were not represented.

            Health and Wellbeing was a particular issue as six out of the seven indicators
            were rated red. Chris Bull said that the extent that people feel accountable to
            the partnership is a concern and this needed to be addressed. He said he was
            confident there was a lot of work going on but if this is going on in a silo the
            rating could misrepresent what was actually happening.

            Chris Bull felt that with a joint Management Team responsibility for indicators
            would be better spread across all JMT rather than just resting with HD Directors.
            Looking to CAA, it would be helpful to note which partners have an impact on
            indicators.

            Policy and Delivery groups need to identify how they can influence performance by
            working with other groups.

            Some of the delivery plans are not in place and some are not robust. There had
            been no delivery plans received from the Health and Wellbeing Group and some Safer
            Communities plans were outstanding although Mark confirmed that work was underway
            to address this. Mark suggested that Action Plans be required by the end of June
            and proposed that money be allocated against them, with the possibility of
            another funding round in August, for those unable to achieve the deadline.

            Mark said that we need to know the reasons behind performance ratings to take
            action i.e. is it the measure, is the timeframe for changes unrealistic etc.

            Mark suggested the group look at four R's

            - Is it realistic to achieve?

            - With delivery plans – what is the rationale for bidding funding (who, what
            achieve)?

            - Relative value for money through the commissioning process.

            - Receive reports and group looks at value

            The Chair said that we need to put pressure on leads and Chairs of Partnership
            groups, giving clear timescales and stressing the need for a clear understanding
            and accountability for the impact performance has on local services.

            Chris Bull said that we need to get people to feel as accountable to the
            Partnership as they do to their own organisation. It is very important that
            Chairs or other Partnership group representatives come to this meeting, otherwise
            the accountability doesn't work. What was being highlighted was lack of
            engagement, not necessarily evidence of poor performance.

            Chris Bull said that we should have the right people around the table.
            Representatives needed to understand and be able to debate performance. Mark
            confirmed that we needed positive engagement as key decisions are made by the
            Management Group. It needed to be recognized that everyone is part of the
            Partnership.

            The Chair said that he expected to see all delivery plans by the 22nd June (next
            meeting Management Group) and then to be able to engage with representatives from
            all areas, and drill down on the issues.

            Kevin Lloyd presented the new Performance Plus system. The initial exercise is to
            get the LAA into the system, by theme/Policy and Delivery group plus the
            mandatory Children and Young People's performance indicators. Performance Plus
            makes four judgments based on an agreed tolerance level. The system looks at
            performance and actions linked to delivery plans. Actions that impact on more
            than one indicator can be identified when the system is set up. The new
            performance system will be easier to monitor and can produce a performance report
            summary alongside detailed reports.

            Kevin said that if delivery plans are available by 22nd June, the first quarter
            report could be produced by the end of July. Chris Bull said that he had no
            problem with the performance system but ultimately he is interested in outcomes
            and action plans may need to be changed if they are not delivering the desired
            outcome. Kevin said the system is currently linked to performance indicators but
            not outcomes.

            Mark said that to avoid duplication, would partners have access to this system?
            Kevin said that this would be possible in the future with partners having web
            based access.
            """
        ),
        actions=(
            ActionPoint(
                "a new column should be included on the performance report identifying leads "
                "and contributors.",
            ),
            ActionPoint(
                "Chris Bull to liaise with Chris Bucknell and write to Chairs and "
                "representatives expressing concern around engagement and being effective.",
                owners=("Chris Bull", "Chris Bucknell"),
            ),
            ActionPoint(
                "Chris Bucknell to meet with the Leader the week before the Board meeting to "
                "discuss progress with representation.",
                owners=("Chris Bucknell",),
                due_on=date(2009, 5, 22),
                due_text="the week before the Board meeting",
                note="The Leader is Councillor Roger Phillips; the Board meets on 29 May 2009 "
                "(due date derived).",
            ),
        ),
    ),
    AgendaItem(
        "5",
        "Finance",
        "proposed",
        presenters=("Philippa Lydford",),
        agenda_text=(
            "To gain members approval to the ABG Commissioning and Procurement process and "
            "associated timescale",
            "To update members on the latest position regarding resources available to the "
            "Partnership",
        ),
    ),
    AgendaItem(
        "5.1",
        "Commissioning of Partnership Resources",
        "proposed",
        presenters=("Philippa Lydford",),
        minutes=_ps(
            """
            Philippa Lydford presented the report on the Commissioning and Procurement
            process, with particular reference to the position regarding Area Based Grant
            (ABG).
            """
        ),
    ),
    AgendaItem(
        "5.2",
        "Allocations for 2009/10",
        "proposed",
        minutes=_ps(
            """
            There was an expectation that the Partnership would manage and monitor ABG
            (reporting back to CLG) but it was also important that the Policy and Delivery
            Groups had ownership of the process and were given the flexibility to commission
            activity without feeling that there was a disproportionate level of central
            control and bureaucracy.

            It was agreed that a simple offer letter, similar to the one used in 2008/09,
            should be issued for the 95% guarantee. This would be used to monitor the spend
            of the grant at a high level while still allowing PADs the flexibility to
            commission activity to meet their objectives.
            """
        ),
        decisions=(
            "It was agreed that a simple offer letter, similar to the one used in 2008/09, "
            "should be issued for the 95% guarantee.",
        ),
    ),
    AgendaItem(
        "5.3",
        "LPSA2 funding",
        "proposed",
        minutes=_ps(
            """
            The group discussed whether some of the LPSA2 reward grant should be added to the
            ABG pot for allocation in 2009/10. It was noted that there would be an ABG
            allocation every year but that the LPSA Reward funding was one off funding and if
            it were all allocated in year 1 this would reduce the potential to boost activity
            later in the LAA period. There was the potential for LAA Reward Grant but this
            was not as much as the LPSA reward grant.

            Chris Bull felt that there should be a relationship between performance and
            allocation and that partnerships should see some reward accruing from their
            achievements.

            Mark Turner felt there should be a strong link between allocation and performance
            but funding may also be given to areas which were not performing well but may
            have the potential to.

            There needed to be clarity on the amount available for allocation, whether this
            was rewarding performance and/or incentivising performance and how this could be
            achieved with maximum flexibility and minimum bureaucracy.

            Mark Turner added that consideration needed to be given to sustainability,
            particularly that of areas such as the Third Sector and the Partnership Support
            Team.

            There was a need for clarity around what was believed to be available.
            """
        ),
        actions=(
            ActionPoint(
                "The Resources Directorate would prepare a paper which would go to the Board "
                "for discussion on the 29th May. This should detail what was available for "
                "reallocation, what was not and the rationale behind this.",
                owner_groups=("The Resources Directorate",),
                due_on=_HFD_BOARD,
                due_text="the Board, 29th May",
            ),
        ),
    ),
    AgendaItem(
        "5.4",
        "Partnership Commissioning Framework",
        "proposed",
        minutes=_ps(
            """
            It was agreed that a short application form should be issued to the Policy and
            Delivery Groups by Monday 11th May. These would then be considered at the
            Management group Meeting in June and decisions made as to the allocation of
            funding.

            The applications should take account of

            - Delivery Plans

            - The Commissioning criteria

            - The impact the activity will have on achievement of the targets

            - Consequence of not undertaking certain areas of delivery (risk)

            There should be an opportunity for groups to bid for capital if there is a strong
            case for doing so. Applications should be returned by the 1st June in order that
            queries could be clarified and papers issued to the Management Group in advance
            of the meeting.
            """
        ),
        decisions=(
            "It was agreed that a short application form should be issued to the Policy and "
            "Delivery Groups by Monday 11th May.",
        ),
    ),
    AgendaItem(
        "5.5",
        "ABG 2008/09",
        "proposed",
        partnership="herefordshire-cyp",
        minutes=_ps(
            """
            The Children's Trust had under spent their budget by 3%. It was agreed that this
            should be rolled forward. The principle should be that if a group were given
            funding to commission certain types of activity and there was still an
            expectation that this activity was needed (although the timescale may have
            slipped) the funding should stay available.

            There was a need to develop some guidelines around carryover.
            """
        ),
        decisions=(
            "The Children's Trust had under spent their budget by 3%. It was agreed that this "
            "should be rolled forward.",
        ),
        actions=(
            ActionPoint(
                "A short paper to be prepared for the June meeting.",
                due_on=_HFD_NEXT,
                due_text="the June meeting",
                note="Guidelines around carryover.",
            ),
        ),
    ),
    AgendaItem(
        "6",
        "Any other business",
        "aob",
        agenda_text=("Community led Planning",),
    ),
    AgendaItem(
        "6.1",
        "Community led Planning",
        "aob",
        presenters=("Chris Bucknell",),
        partnership="herefordshire-stronger-communities",
        minutes=_ps(
            """
            Chris Bucknell opened this item by saying that Community Led Planning had
            previously had funding through DEFRA, which has now ceased. There had been a
            review of Community Led Planning which had reported to the Chief Executive's
            Group and this paper was an update on progress so far.

            Richard said that it needs to come through the ABG application process, via the
            Stronger Communities group. The Chair said that it needs to sit alongside
            negotiations on 106 agreements for communities, with Parish Councils. It needs to
            be linked to this process to avoid duplication. Richard explained that the bid
            was for support of the process/mechanisms rather than for projects coming out of
            Parish Plans.
            """
        ),
        actions=(
            ActionPoint(
                "a bid for ABG to be submitted through the Stronger Communities Group.",
            ),
        ),
        note="'Richard' is not identified further in the minutes (Richard Lawrence and "
        "Richard Quallington were both present).",
    ),
    AgendaItem(
        "7",
        "Date of next meeting",
        "standing",
        minutes=("22nd June at 2pm, Hereford Room, Plough Lane, Hereford",),
    ),
)

# ===========================================================================
# 3. Safer Essex, 2 October 2008
# ===========================================================================

_SE_ATTENDANCE: tuple[Attendance, ...] = (
    Attendance(
        "Paul Warren",
        "present",
        "Chief Executive, Rochford District Council | Chair Safer Essex",
    ),
    Attendance(
        "Peter Lowton",
        "present",
        "ACC, Territorial Policing | Essex Police Vice Chair Safer Essex",
    ),
    Attendance("Tracey Chapman", "present", "Cllr, Cabinet Member | Essex County Council"),
    Attendance("Colin Steele", "present", "Superintendent, Territorial Policing | Essex Police"),
    Attendance(
        "Richard Puleston",
        "present",
        "Assistant Chief Executive Policy, Community Planning and Regeneration | Essex "
        "County Council",
    ),
    Attendance("Bala Mahendran", "present", "Chief Executive, Basildon Council | Basildon CDRP"),
    Attendance("Tony Ball", "present", "Cllr | Basildon Council"),
    Attendance("Alan Gooden", "present", "Chief Inspector | Braintree CDRP"),
    Attendance("Peter Woollard", "present", "Probation Service | Castle Point CDRP"),
    Attendance(
        "Spencer Clarke",
        "present",
        "Community Safety Manager, Chelmsford Council | Chelmsford CDRP",
    ),
    Attendance(
        "Ian Vipond",
        "present",
        "Executive Director Colchester BC and Chair of CDRP | Colchester CDRP",
    ),
    Attendance(
        "John Gilbert",
        "present",
        "Director, Environment and Neighbourhood, Epping Forest DC | Epping Forest CDRP",
    ),
    Attendance("Lynn Seward", "present", "Harlow Council | Harlow CDRP"),
    Attendance("Steve Watson", "present", "Chief Executive Maldon District Council | Maldon CDRP"),
    Attendance(
        "Roger Stewart",
        "present",
        "Assistant Chief Executive Tendring Council | Tendring CDRP",
    ),
    Attendance("Yvette Wetton", "present", "Area Co-ordinator ECC | Uttlesford CDRP"),
    Attendance("Alex Bamber", "present", "Assistant Chief Probation Officer | Essex Probation"),
    Attendance(
        "Liesel Park",
        "present",
        "Associate Director of Public Health and Health Intelligence | South East Essex PCT",
    ),
    Attendance("Mark Tebbs", "present", "South West Essex PCT"),
    Attendance(
        "Nicky Pace",
        "present",
        "Director of Vulnerable Children and Young People ECC | ECC Schools Children and Families",
    ),
    Attendance(
        "Tanya Gillett",
        "present",
        "Head Youth Offending Service | Youth Offending Service",
    ),
    Attendance(
        "Lindsay Whitehouse",
        "present",
        "Assistant Governor Chelmsford Prison | Chelmsford Prison Service",
    ),
    Attendance("Andy Martin", "present", "Director Operations | North Essex Partnership Trust"),
    Attendance("Paul Bowers", "present", "Essex Fire and Rescue | Essex Fire and Rescue"),
    # The seed leaves a blank line before the next six names (officers and advisers),
    # still under "Those Present".
    Attendance("Clare Aitken", "present", "Strategic Manager, Essex DAAT | Essex DAAT"),
    Attendance(
        "Samantha Grant",
        "present",
        "Head of Crime and Disorder Reduction Unit | Essex County Council",
    ),
    Attendance("Ben Hughes", "present", "Essex DAAT"),
    Attendance("Richard Whetton", "present", "Rochford District Council"),
    Attendance(
        "Simon Harniess",
        "present",
        "Head of Supporting People | Supporting People",
    ),
    Attendance("Lee Taylor", "present", "ECC Cabinet Support Officer | ECC"),
    Attendance(
        "Mary Archer",
        "apologies",
        "Chief Probation Officer | Essex Criminal Justice Board",
    ),
    Attendance("Rob Davis", "apologies", "Governor Chelmsford Prison"),
    Attendance("Alison Cowie", "apologies", "West Essex PCT"),
    Attendance("Averil Price", "apologies", "Chelmsford Council"),
    Attendance(
        "Richard Coleman",
        "apologies",
        "Chief Executive | North Essex Partnership Trust",
    ),
    Attendance(
        "Patrick Geoghan",
        "apologies",
        "Chief Executive SEPT | South Essex Partnership Trust",
    ),
    Attendance("Paul Zollinger-Read", "apologies", "Chief Executive | North East Essex PCT"),
)

_SE_NEXT = date(2009, 1, 22)

_SE_ITEMS: tuple[AgendaItem, ...] = (
    AgendaItem(
        "2",
        "Declarations of Pecuniary or other Interests",
        "standing",
        minutes=("There were no declarations.",),
        note="The minutes start at item 2 (item 1 is not recorded).",
    ),
    AgendaItem(
        "3",
        "Minutes of Previous Meeting",
        "standing",
        minutes=("Minutes of the meeting of 1st July 2008 were agreed.",),
        decisions=("Minutes of the meeting of 1st July 2008 were agreed.",),
    ),
    AgendaItem("4", "Review of Terms of reference and Hallmarks of Good practice", "proposed"),
    AgendaItem(
        "4.a",
        "Terms of reference",
        "proposed",
        partnership="safer-essex",
        minutes=_ps(
            """
            The review of the TOR was agreed with the following points identified for
            change:

            1) Arrangements for Chairing of Meetings: Wording be changed to the following:
            "The position of Chair of the meeting shall be reviewed annually and the
            nominated person shall be selected from the Responsible Authorities"

            The reason for this change is to ensure that consistency and continuity is
            possible.

            2) A representative of the Essex Fire and Rescue Authority be formally invited to
            attend the meetings.

            3) Wording in the TOR section 1 "Purpose and Key Activities" be amended with a
            new point 9 to read: "To encourage and facilitate opportunities for cross border
            working with Essex where this will help to deliver key strategic objectives"

            4) It was noted that the membership of Safer Essex could be enhanced by inviting
            specific service areas to be members as this can assist strategic decision
            making. Such representatives could include for example ECC Trading Standards, HM
            Revenue and Customs etc. It was agreed that Trading Standards be invited to
            become members of Safer Essex

            5) It was agreed that ACC Peter Lowton should be the Vice Chair of Safer Essex
            """
        ),
        decisions=(
            "The review of the TOR was agreed",
            _t(
                """Arrangements for Chairing of Meetings: Wording be changed to the
                following: "The position of Chair of the meeting shall be reviewed annually
                and the nominated person shall be selected from the Responsible
                Authorities\""""
            ),
            "A representative of the Essex Fire and Rescue Authority be formally invited to "
            "attend the meetings.",
            _t(
                """Wording in the TOR section 1 "Purpose and Key Activities" be amended with
                a new point 9 to read: "To encourage and facilitate opportunities for cross
                border working with Essex where this will help to deliver key strategic
                objectives\""""
            ),
            "It was agreed that Trading Standards be invited to become members of Safer Essex",
            "It was agreed that ACC Peter Lowton should be the Vice Chair of Safer Essex",
        ),
    ),
    AgendaItem(
        "4.b",
        "Hallmarks of Good Practice",
        "proposed",
        partnership="safer-essex",
        minutes=_ps(
            """
            The Hallmarks of Good Practice were considered as they applied to Safer Essex. It
            was noted that with the exception of three possible points Safer Essex generally
            complied well with the Hallmarks. Two of the exception points have been picked up
            in the changes to the TOR as set out above (items 2 and 3).

            The third point relates to the legal requirement for each partner organisation to
            have in place a designated liaison officer for the purposes of data sharing. It
            is noted that we have a data sharing protocol in place that is currently being
            reviewed. It is now the opportunity for this situation to be clarified or
            refreshed as appropriate.
            """
        ),
        actions=(
            ActionPoint(
                _t(
                    """It was agreed that each organisation be reminded of this legal
                    requirement through the review of the (Safer Essex) Information Sharing
                    protocol where guidance will be given on the person to be designated."""
                ),
                number="1",
                note="No owner named in the minutes.",
            ),
        ),
    ),
    AgendaItem(
        "4.c",
        "Best Practice Guide to Partnership Working",
        "proposed",
        minutes=_ps(
            """
            The meeting was advised that a “Best Practice Guide to Partnership Working” is
            being produced in response to a request from the Essex Management Board. This
            document will be launched for consultation on 28th November at the Essex
            Partnership Forum.
            """
        ),
    ),
    AgendaItem(
        "5",
        "Performance Report and Score Card summary",
        "standing",
        partnership="safer-essex",
        minutes=_ps(
            """
            The score card report was presented and the following comments were made:

            1) Some concern over the Domestic Violence data:

            a. On this point ACC Lowton the target Lead, commented that due to improved
            training there is likely to be increased reporting and recording

            b. There is increasing confidence from victims in feeling able to report
            incidents. These factors were thought to be partial reasons for the increase in
            reports and as such it would be appropriate to allow more time for the situation
            to settle down so that the position could be assessed over a long time period.

            c. A further related point was made in connection with the “Multi Agency Risk
            Assessment Conferences” MARACs. MARACs were beginning to make a real difference
            but there is concern that to make them even more effective health representation
            and engagement needs to be consistent, with Health signing the MARAC Information
            Sharing Protocol (currently signed by all other relevant partners).

            2) Missing data

            a. Comment was made about the problem of missing data in key areas of the LAA
            agreement. If there is not confidence that data will be forthcoming consideration
            will have to be given to removing the relevant targets from the LAA

            3) Role of the Crime and Disorder Network Executive (CDNE):

            a. It was noted that the format of the performance report gave significant detail
            and whilst this was good it was agreed that Safer Essex should concentrate on the
            exception issues and that more detailed examination of the data should be
            undertaken by the Network Executive where these exception items could be
            identified.

            b. It was also noted that there was a LAA Performance Group that had a role to
            play in the overall monitoring arrangements for this process.
            """
        ),
        decisions=(
            _t(
                """It was agreed that Safer Essex should concentrate on the exception issues
                and that more detailed examination of the data should be undertaken by the
                Network Executive where these exception items could be identified."""
            ),
        ),
        actions=(
            ActionPoint(
                _t(
                    """It was agreed that a letter be sent from the Target Lead on behalf of
                    Safer Essex to Health stressing the importance of MARACs and requesting
                    their agreement to the Information Sharing Protocol."""
                ),
                owners=("Peter Lowton",),
                number="2",
                note="The Target Lead for domestic violence is ACC Peter Lowton.",
            ),
            ActionPoint(
                _t(
                    """It was agreed that Network Executive be required to undertake a full
                    consideration of the scorecard data and highlight matters of exception to
                    Safer Essex."""
                ),
                owner_groups=("Crime and Disorder Network Executive (CDNE)",),
                number="3",
            ),
        ),
    ),
    AgendaItem("6", "LAA 2", "proposed"),
    AgendaItem(
        "6.1",
        "General Update",
        "proposed",
        presenters=("Richard Puleston",),
        minutes=_ps(
            """
            a. Richard Puleston outlined progress made on the LAA Action planning progress.
            Particular reference was made to the “quality assurance workshops” and the EIA
            and Risk Assessment workshops. It was noted that the draft plans were now all on
            the website.

            b. Phase 2 of the action plan process is due for completion by 10th October.

            c. Chairs of the LSPs and Thematic Partnerships are due to meet on 8th October to
            consider the plans and look at the Performance Reward Grant implications but no
            decisions on this will be made until the Essex Partnership Forum (EPF) meeting on
            28th November.

            d. There will be a Good Practice Partnership Guide (consultation launch at the
            EPF). Key elements of this will enable a cost benefit analysis of partnership
            working, this work is being undertaken with Warwick University.

            e. LAA Review and Refresh:

            i. The review is to be signed off by mid January 2009 and this will enable data
            gaps to be filled and other outstanding issues resolved. This will be a
            relatively light touch process.

            ii. Refresh: this is to be completed by 24th March 2009 and will enable account
            to be taken of current economic downturn and any other factors that may impact on
            targets in the LAA. This is a good opportunity for the Thematic Partnerships. ECC
            has been doing some background work in this connection and will be able to help
            in the process. It was agreed that this item should be considered at the next
            meeting of Safer Essex.
            """
        ),
        decisions=(
            "It was agreed that this item should be considered at the next meeting of Safer Essex.",
        ),
        actions=(
            ActionPoint(
                "Safer Essex consider the issues pertinent to Refresh at the January 2009 meeting.",
                owner_groups=("Safer Essex",),
                number="4",
                due_on=_SE_NEXT,
                due_text="the January 2009 meeting",
            ),
            ActionPoint(
                "For ECC to share the current work on the possible implications of the "
                "economic downturn with Safer Essex.",
                owner_groups=("ECC",),
                number="5",
            ),
        ),
    ),
    AgendaItem(
        "6.2",
        "Supporting People",
        "proposed",
        presenters=("Simon Harniess",),
        minutes=_ps(
            """
            a. This paper was introduced by the Supporting People Head of Service and set out
            the current position of Essex as a pilot area trialling the removal of ring-fence
            around Supporting People funding. Some of the clients for SP funding (£10-12M
            expenditure out of a total of £29m) are the same client groupings that Safer
            Essex has an interest in. With the pilot arrangements comes the consideration of
            how future commissioning arrangements for SP will evolve set against a future
            fall in funding provision. With this in mind it is essential that there is a
            Safer Essex voice as part of the commissioning arrangements.

            b. An illustrative example was highlighted in relation to SP funding in the
            current year for funding of DV refuges. Although reducing the ring fencing of SP
            funding could bring opportunities for responding to funding requests there is
            also the risk that such situations could increase pressure on existing
            resources.
            """
        ),
        decisions=(
            "It was agreed that this should be the case and that this view should be fed "
            "into the consideration of the new arrangements.",
        ),
        actions=(
            ActionPoint(
                "It was agreed that this should be the case and that this view should be fed "
                "into the consideration of the new arrangements.",
                number="6",
                note="'This' is a Safer Essex voice in the Supporting People commissioning "
                "arrangements. No owner named in the minutes.",
            ),
        ),
        note="Introduced by 'the Supporting People Head of Service' (Simon Harniess, Head of "
        "Supporting People, was present).",
    ),
    AgendaItem(
        "6.3",
        "Sexual Offences",
        "proposed",
        minutes=_ps(
            """
            a. This report set out the background requirements to reporting requirements for
            NI 26 from 2009/10 and the potential for considering this as a future priority in
            the LAA.

            b. The report made two recommendations relating to this and both were accepted.
            """
        ),
        decisions=("The report made two recommendations relating to this and both were accepted.",),
        actions=(
            ActionPoint(
                _t(
                    """Specifically it was agreed that Safer Essex partners contribute to an
                    initial scoping exercise to consider existing need, service provision,
                    availability of data and specialist support services. This information
                    will then be put together in a report for consideration by the next Safer
                    Essex meeting in January 2009"""
                ),
                owner_groups=("Safer Essex partners",),
                number="7",
                due_on=_SE_NEXT,
                due_text="the next Safer Essex meeting in January 2009",
            ),
        ),
    ),
    AgendaItem("7", "LAA 2 and related Action Plans", "proposed"),
    AgendaItem(
        "7.1",
        "Domestic Violence Review",
        "proposed",
        partnership="safer-essex",
        minutes=_ps(
            """
            a. This report referred to the Review of Domestic Violence service provision
            commissioned by Essex Police, as target lead, on behalf of Safer Essex. The
            report headlined the key findings and recommendations of the Review. The headline
            recommendations in the report are as follows:

            I. To form a strategic domestic abuse (DA) forum for Essex sitting under the
            auspices of Safer Essex

            II. To consider nominating a member of Safer Essex as the official representative
            on the DA group

            III. For this to be actioned immediately in order for the forum to drive forward
            recommendations identified in the review

            IV. That from April 2009 the post of strategic DV Coordinator is hosted by ECC,
            unless another more appropriate option is identified by the group

            V. That the group support the request for PRG funding for the IDVA service
            (within new Essex) and an IDVA manager, as identified in the LAA action plan
            (£157,540 for 2009/10 and £157,540 for 2010/11).

            VI. That the newly formed strategic domestic abuse forum identifies, in
            consultation with partners, the most appropriate management and support
            arrangements for the IDVA service, and that these are agreed and implemented from
            April 2009.

            VII. That the Board actively support work to create a Federation of Essex Women's
            Aid Refuges if this recommendation is taken forward by the refuges.

            b. The Target Lead for DV, ACC Peter Lowton, suggested that whilst much of the
            Review and recommendations had merit it would be appropriate for more detailed
            work on its contents to be undertaken by a time limited focus group. It is also
            important that the current Essex Against Domestic Violence members and also the
            Essex Refuges are engaged and informed of developments. It could be helpful for
            this focus group to include the Review Report author.

            In the interim it was clear that there was support for the priority area and the
            need for stepping up our strategic and working arrangements. With this in mind
            there was strong support for the Performance Reward Grant bid for £315,000 be
            endorsed by Safer Essex. This provisional marker for funding as identified in the
            review does not, at this stage, confirm the total acceptance of all the findings
            particularly around some of the posts identified. This would be a key element of
            the more detailed focus group work proposed.

            c. The Chair stressed the importance of this work and that it needs to be
            prioritised in the short term.
            """
        ),
        decisions=(
            "With this in mind there was strong support for the Performance Reward Grant bid "
            "for £315,000 be endorsed by Safer Essex.",
        ),
        actions=(
            ActionPoint(
                _lines(
                    """It was agreed that the target lead convenes a time limited focus group
                    (max 2 meetings), inviting Win Bernard the Review report author, to
                    consider details of the review and the way forward. Key elements of this
                    work should include:""",
                    "1) Linkages with the Children's Safeguarding Board",
                    "2) Identification of where improvements will be made",
                    "3) The roles of the various posts identified",
                    "4) The role of the frontline staff",
                    """5) Engagement with key participants working in DV in Essex to ensure
                    that a positive outcome can be achieved""",
                    """6) Realisation that not all funding requested may be approved and an
                    identification therefore of key priorities.""",
                    """There will be a report to the next group in January 2009 on the
                    decisions and actions taken.""",
                ),
                owners=("Peter Lowton",),
                number="8",
                due_on=_SE_NEXT,
                due_text="a report to the next group in January 2009",
                note="The seed says 'January 2008' (typo: the next meeting is 22 January "
                "2009). Win Bernard is to be invited.",
            ),
        ),
    ),
    AgendaItem(
        "7.2",
        "LAA2 Action Plan and Performance Reward Requests",
        "proposed",
        partnership="safer-essex",
        minutes=_ps(
            """
            a. The bids for PRG arising out of LAA Action plans were presented in summary. It
            was noted that PRG funding could only be approved for those plans that addressed
            LAA priority areas and that if data was not available this would seriously affect
            the consideration for this funding.

            b. An indicative amount of PRG for the Safer Essex Thematic partnership has been
            identified at £610,000 not including an allocation for Road Safety. In addition
            LSPs have also received indicative amounts against which bids are being made that
            will also support Safer Essex LAA priorities.

            c. The total value of schemes considered by Safer Essex amounted to £902,000
            showing a significant funding gap assuming indicative levels remain at the
            current amounts. It was agreed that there needs to be some work carried out on
            identifying the priorities for funding from the available resources and that this
            should enable partners to take a view on what the priorities should be if this
            proves necessary.

            d. Final decisions on PRG will not be made until the Essex Partnership Forum on
            28th November.
            """
        ),
        decisions=(
            _t(
                """It was agreed that there needs to be some work carried out on identifying
                the priorities for funding from the available resources and that this should
                enable partners to take a view on what the priorities should be if this
                proves necessary."""
            ),
            "The recommendations for PRG, as set out in the report, be endorsed subject to "
            "the points below.",
            "Funding for PRG can only be approved for those schemes that address LAA targets",
        ),
        actions=(
            ActionPoint(
                _lines(
                    "It was agreed that:",
                    """1) The recommendations for PRG, as set out in the report, be endorsed
                    subject to the points below.""",
                    """2) All Safer Essex Partners be circulated with more detail information
                    on the PRG action plan bids as set out in the agenda so that a more
                    considered view can be taken. (NB this document was sent out on 9th
                    October 2008 with return required by 22nd October)""",
                    """3) Subject to circulation of this information partners respond within
                    2 weeks indicating their priorities""",
                    """4) This information be supplemented with an indication of bids made
                    through local LSPs where this may be relevant to Safer Essex
                    priorities""",
                    """5) Funding for PRG can only be approved for those schemes that address
                    LAA targets""",
                ),
                owner_groups=("Safer Essex partners",),
                number="9",
                due_on=date(2008, 10, 22),
                due_text="partners respond within 2 weeks (return required by 22nd October)",
                note="The more detailed information was sent out on 9th October 2008.",
            ),
        ),
        note="The 'points below' in the second decision are action point 9.",
    ),
    AgendaItem(
        "8",
        "Information Sharing Project",
        "proposed",
        partnership="safer-essex",
        minutes=_ps(
            """
            1) A report was presented on the findings of the group set up to review the trial
            presentations received by suppliers of software solutions

            2) The report identified that if approved a PRG bid for £130k should be submitted
            and that the project should progress to the next stage in developing a tender.

            3) The recommendations were accepted as set out below:

            i. To agree that a detailed system specification/requirement be developed to
            allow a tender process to commence.

            ii. To consider own organisation's current staff capacity and experience in
            project management/tender development and advise on availability;

            iii. To agree in the event that an existing project management resource is not
            found that Essex County Council lead on identifying the necessary funds and
            contracting a temporary project manager to develop the tender.

            iv. To agree that a proposal for £130,000 be submitted for Performance Reward
            Grant (PRG) funds (available 2009-11) to cover the cost of the basic solution.

            v. To agree that as part of the tender process it be established how much
            outsourcing would be desirable for the Essex Partnership in terms of: data
            management, analysts, system administration etc
            """
        ),
        decisions=(
            _lines(
                "The recommendations were accepted as set out below:",
                """i. To agree that a detailed system specification/requirement be developed
                to allow a tender process to commence.""",
                """ii. To consider own organisation's current staff capacity and experience
                in project management/tender development and advise on availability;""",
                """iii. To agree in the event that an existing project management resource is
                not found that Essex County Council lead on identifying the necessary funds
                and contracting a temporary project manager to develop the tender.""",
                """iv. To agree that a proposal for £130,000 be submitted for Performance
                Reward Grant (PRG) funds (available 2009-11) to cover the cost of the basic
                solution.""",
                """v. To agree that as part of the tender process it be established how much
                outsourcing would be desirable for the Essex Partnership in terms of: data
                management, analysts, system administration etc""",
            ),
        ),
        actions=(
            ActionPoint(
                "Proceed to tender subject to funding (lead ECC)",
                owner_groups=("ECC",),
                number="10",
            ),
        ),
    ),
    AgendaItem("9", "Current Development Issues", "proposed"),
    AgendaItem(
        "9.1",
        "Operation APEX",
        "proposed",
        minutes=_ps(
            """
            This was an information item setting out the proposal for meeting the key
            objective of securing £27m year on year to pay for an additional 600 police
            officers. The desired performance benefits of achieving this objective were set
            out in the report as:

            - Reduce recorded crime to less than 100,000 per annum in the short term and
            become the safest county in England and Wales

            - Reduce Anti Social Behaviour incidents to the lowest in England and Wales

            - Achieve the best recorded customer experience

            - Improve our effectiveness and service quality

            - Achieve the best sanction detection rate in England and Wales

            - Establish a highly productive and motivated workforce, with the most
            appropriate staff mix

            - Continue to manage our resources wisely

            - Improve workforce productivity and accountability, thus gaining further returns
            on our investment

            - Improve demand management

            It was noted that as part of delivery of this objective an additional 110
            officers will be recruited by March 2009. These officers will be allocated on the
            basis of 22 per division.
            """
        ),
    ),
    AgendaItem(
        "9.2",
        "Community Safety Programme",
        "proposed",
        minutes=_ps(
            """
            1) The Community Safety Programme has been initiated through the Essex Management
            Board and two pilot areas will be selected for the delivery of the programme.
            This will be multi-agency in nature addressing how services are joined up locally
            and how they respond to Fear of Crime and anti-social behaviour.

            2) The areas selected will be one rural and one urban.

            3) Various models will be researched and proposals will be submitted to the Essex
            Management Board and Safer Essex. The report set out a timetable for delivering
            the various stages of the project and identified that an application for PRG
            could be submitted once the model has been developed further and approved.

            4) It was suggested at the meeting that representation from a rural and urban
            Best Performing CDRP could be invited to contribute to the local project
            board/s.

            The contents of the report were noted and the action required to develop the
            programme further.
            """
        ),
        decisions=(
            "The contents of the report were noted and the action required to develop the "
            "programme further.",
        ),
    ),
    AgendaItem("10", "EDAAT issues", "proposed"),
    AgendaItem(
        "10.1",
        "Strategic Plan",
        "proposed",
        minutes=_ps(
            """
            i. It was noted that key priorities have been identified in the 3 year plan and
            it was now necessary to have named themed leads to take the priorities forward.
            These names will be submitted to the next Safer Essex meeting

            ii. More detailed action plans are being developed and will be circulated in due
            course

            iii. It was also noted that a Section 75 agreement has now been drafted dealing
            with financial issues. This will be reviewed over the next few weeks and
            considered at the next Safer Essex meeting.
            """
        ),
        actions=(
            ActionPoint(
                "Confirmation of Identified theme leads to be resolved at the next meeting. "
                "List of potential theme lead agencies to be circulated with minutes.",
                number="11",
                due_on=_SE_NEXT,
                due_text="the next meeting",
                note="No owner named in the minutes.",
            ),
        ),
    ),
    AgendaItem(
        "10.2",
        "Alcohol Strategy",
        "proposed",
        minutes=_ps(
            """
            i. The draft Alcohol Strategy had been circulated having been developed across
            agencies and service users

            ii. A period of wider consultation will be undertaken on the detail of the action
            plans.
            """
        ),
        decisions=(
            "The Alcohol Strategy was endorsed by Safer Essex subject to final sign off by the "
            "end of October 2008.",
        ),
        actions=(
            ActionPoint(
                "The Alcohol Strategy was endorsed by Safer Essex subject to final sign off by "
                "the end of October 2008. The draft action plans will be out for consultation "
                "by the end of November 2008.",
                number="12",
                due_on=date(2008, 10, 31),
                due_text="final sign off by the end of October 2008; draft action plans out "
                "for consultation by the end of November 2008",
                note="No owner named in the minutes.",
            ),
        ),
    ),
    AgendaItem(
        "10.3",
        "EDAAT Finance Report",
        "proposed",
        minutes=_ps(
            """
            i. Confirmation was given that the budget will be spent by year end.

            ii. The report was noted.
            """
        ),
        decisions=("The report was noted.",),
    ),
    AgendaItem("11", "AOB", "aob", minutes=("There was no other business",)),
)

# ===========================================================================
# Meetings
# ===========================================================================

MEETINGS: tuple[Meeting, ...] = (
    Meeting(
        key=SAFER_ESSEX_MEETING,
        agreement=ESSEX,
        partnership="safer-essex",
        title="Safer Essex",
        date=date(2008, 10, 2),
        starts_at=None,
        ends_at=time(11, 40),
        venue="",
        chair="Paul Warren",
        minute_taker=None,
        attendance=_SE_ATTENDANCE,
        declarations=(),
        declarations_text="There were no declarations.",
        items=_SE_ITEMS,
        previous_meeting_on=date(2008, 7, 1),
        previous_meeting_text="the meeting of 1st July 2008",
        next_meeting_on=_SE_NEXT,
        next_meeting_at=time(14, 0),
        next_meeting_venue="",
        source="002_b54d0e956782b075.txt",
        note="Meeting ended at 11.40 am. The start time is not recorded (meetings for "
        "2009/10 start at 9.30 am; the next two at 2pm).",
    ),
    Meeting(
        key=PMG_MEETING,
        agreement=ESSEX,
        partnership="essex-pmg",
        title="LAA Performance Management Group",
        date=date(2009, 3, 27),
        starts_at=time(10, 0),
        ends_at=time(12, 0),
        venue="",
        chair="Ewen Wilson",
        minute_taker="Louise Crew",
        attendance=_PMG_ATTENDANCE,
        declarations=(),
        declarations_text="",
        items=_PMG_ITEMS,
        previous_meeting_on=None,
        previous_meeting_text="the February meeting",
        next_meeting_on=date(2009, 4, 20),
        next_meeting_at=None,
        next_meeting_venue="",
        source="000_d0d16e302d51d325.txt",
        note="The next meeting date comes from the forward plan ('the April meeting').",
    ),
    Meeting(
        key=HEREFORDSHIRE_MEETING,
        agreement=HEREFORDSHIRE,
        partnership="herefordshire-pmg",
        title="Herefordshire Partnership Management Group Meeting",
        date=date(2009, 5, 6),
        starts_at=time(9, 30),
        ends_at=None,
        venue="Brockington, Hereford",
        chair="Roger Phillips",
        minute_taker=None,
        attendance=_HFD_ATTENDANCE,
        declarations=(),
        declarations_text="",
        items=_HFD_ITEMS,
        previous_meeting_on=_HFD_PREVIOUS,
        previous_meeting_text="23rd March 2009",
        next_meeting_on=_HFD_NEXT,
        next_meeting_at=time(14, 0),
        next_meeting_venue="Hereford Room, Plough Lane, Hereford",
        source="001_bfa94edace6f48d1.txt",
    ),
)

# ===========================================================================
# Forward plans
# ===========================================================================

_TBC = "Tbc"
_FROM_MINUTES = "Assigned to this meeting in the minutes of {}."

FORWARD_PLANS: tuple[ForwardPlan, ...] = (
    ForwardPlan(
        key="essex-pmg-forward-plan-2009-10",
        agreement=ESSEX,
        partnership="essex-pmg",
        title="LAA Performance Management Group Forward Plan",
        source_meeting=PMG_MEETING,
        standing_items=(
            PlannedItem(
                "Progress updates",
                responsible_text="Thematic Partnership Leads or deputies",
                detail=(
                    "agreed updates from previous meetings",
                    "other 'exceptions for attention/discussion': achievements/good news "
                    "stories; barriers to delivery and actions needed; assurance where data "
                    "is not available; resource issues, including use of PRG; locality and "
                    "'hotspot' issues",
                    "milestones (key actions/new information) due in next period",
                ),
                note="Please send updated workplans to Gill for circulation at least 7 "
                "calendar days before each meeting",
            ),
        ),
        meetings=(
            PlannedMeeting(
                date(2009, 4, 20),
                items=(
                    PlannedItem(
                        "Sustainable Essex Annual Report",
                        ("Gwyn Owen",),
                        "Gwyn Owen",
                        "sustainable-essex",
                    ),
                    PlannedItem(
                        "2012 Annual Report (tbc)",
                        ("Miriam Stead",),
                        "Miriam Stead",
                        "essex-2012",
                    ),
                    PlannedItem(
                        "Support to carers (NI135)",
                        ("Loretta Sollars",),
                        "Loretta Sollars",
                        "cwop",
                    ),
                    PlannedItem(
                        "Preparation for Essex Strategy Review",
                        ("Adam Thompson",),
                        "Adam Thompson",
                    ),
                    PlannedItem("CYPSP update", responsible_text=_TBC, partnership="cypsp"),
                ),
            ),
            PlannedMeeting(
                date(2009, 5, 18),
                items=(
                    PlannedItem(
                        "CWOP Annual Report",
                        ("Loretta Sollars",),
                        "Loretta Sollars",
                        "cwop",
                    ),
                    PlannedItem(
                        "Safer Essex Annual Report",
                        ("Alan Dawkes",),
                        "Alan Dawkes",
                        "safer-essex",
                    ),
                    PlannedItem(
                        "'Economic' Annual Report", responsible_text=_TBC, partnership="gepf"
                    ),
                    PlannedItem(
                        "CYPSP Annual Report (tbc)",
                        partnership="cypsp",
                        note="The plan's responsibility column lists three entries for these "
                        "four items; none is given for this one.",
                    ),
                ),
            ),
            PlannedMeeting(date(2009, 6, 22)),
            PlannedMeeting(date(2009, 7, 20)),
            PlannedMeeting(
                date(2009, 9, 24),
                note="Nathalie Collomb (GO East) expects to attend (minutes of 27 March 2009).",
            ),
            PlannedMeeting(
                date(2009, 10, 19),
                items=(
                    PlannedItem("Thematic Partnership Mid Year reports x 3", responsible_text=_TBC),
                ),
            ),
            PlannedMeeting(
                date(2009, 11, 16),
                items=(
                    PlannedItem("Thematic Partnership Mid Year reports x 3", responsible_text=_TBC),
                ),
            ),
            PlannedMeeting(date(2009, 12, 15)),
            PlannedMeeting(date(2010, 1, 18)),
            PlannedMeeting(date(2010, 2, 15)),
            PlannedMeeting(date(2010, 3, 22)),
        ),
        to_be_scheduled=(
            PlannedItem("Public engagement feedback (Place Survey, tracker surveys etc)"),
        ),
        note="Start times are not given; the 27 March 2009 meeting ran 10:00–12:00.",
    ),
    ForwardPlan(
        key="safer-essex-future-meetings-2008-10",
        agreement=ESSEX,
        partnership="safer-essex",
        title="Safer Essex: dates of future meetings",
        source_meeting=SAFER_ESSEX_MEETING,
        standing_items=(),
        meetings=(
            PlannedMeeting(
                _SE_NEXT,
                time(14, 0),
                items=(
                    PlannedItem(
                        "LAA Refresh",
                        partnership="safer-essex",
                        note=_FROM_MINUTES.format("2 October 2008 (action point 4)"),
                    ),
                    PlannedItem(
                        "Sexual Offences: report on the initial scoping exercise",
                        responsible_text="Safer Essex partners",
                        note=_FROM_MINUTES.format("2 October 2008 (action point 7)"),
                    ),
                    PlannedItem(
                        "Domestic Violence Review: report on the focus group's decisions and "
                        "actions",
                        ("Peter Lowton",),
                        "target lead",
                        note=_FROM_MINUTES.format("2 October 2008 (action point 8)"),
                    ),
                    PlannedItem(
                        "EDAAT Strategic Plan: confirmation of theme leads",
                        note=_FROM_MINUTES.format("2 October 2008 (action point 11)"),
                    ),
                    PlannedItem(
                        "EDAAT Section 75 agreement",
                        note=_FROM_MINUTES.format("2 October 2008 (item 10)"),
                    ),
                ),
            ),
            PlannedMeeting(date(2009, 3, 5), time(14, 0)),
            PlannedMeeting(
                date(2009, 7, 2),
                time(9, 30),
                items=(
                    PlannedItem(
                        "Safer Essex Annual Report (sign-off)",
                        ("Alan Dawkes",),
                        "Alan Dawkes",
                        "safer-essex",
                        note="PMG minutes of 27 March 2009: Alan will sign it off at the "
                        "Safer Essex meeting in July.",
                    ),
                ),
            ),
            PlannedMeeting(date(2009, 10, 8), time(9, 30)),
            PlannedMeeting(date(2010, 1, 28), time(9, 30)),
            PlannedMeeting(date(2010, 3, 11), time(9, 30)),
        ),
        to_be_scheduled=(),
        note="Dates of future meetings: 22nd January 2009 at 2pm, 5th March 2009 at 2pm; "
        "dates for 2009/10: 2nd July 2009, 8th October 2009, 28th Jan 2010, 11th March 2010. "
        "All meetings for 2009/10 to commence at 9.30 am.",
    ),
    ForwardPlan(
        key="essex-partnership-forum-2008-11",
        agreement=ESSEX,
        partnership="essex-partnership-forum",
        title="Essex Partnership Forum: items named in the Safer Essex minutes",
        source_meeting=SAFER_ESSEX_MEETING,
        standing_items=(),
        meetings=(
            PlannedMeeting(
                date(2008, 11, 28),
                items=(
                    PlannedItem(
                        "Best Practice Guide to Partnership Working: launch for consultation",
                        note=_FROM_MINUTES.format("Safer Essex, 2 October 2008 (item 4c)"),
                    ),
                    PlannedItem(
                        "Final decisions on Performance Reward Grant",
                        note=_FROM_MINUTES.format("Safer Essex, 2 October 2008 (items 6, 7)"),
                    ),
                ),
            ),
        ),
        to_be_scheduled=(),
    ),
    ForwardPlan(
        key="herefordshire-pmg-2009-06",
        agreement=HEREFORDSHIRE,
        partnership="herefordshire-pmg",
        title="Herefordshire Partnership Management Group: next meeting",
        source_meeting=HEREFORDSHIRE_MEETING,
        standing_items=(),
        meetings=(
            PlannedMeeting(
                _HFD_NEXT,
                time(14, 0),
                "Hereford Room, Plough Lane, Hereford",
                items=(
                    PlannedItem(
                        "Delivery plans from all Policy and Delivery Groups",
                        responsible_text="Policy and Delivery Groups",
                        note="The Chair expected to see all delivery plans by the 22nd June "
                        "(minutes of 6 May 2009, item 4).",
                    ),
                    PlannedItem(
                        "ABG applications from the Policy and Delivery Groups: decisions on "
                        "the allocation of funding",
                        responsible_text="Policy and Delivery Groups",
                        note=_FROM_MINUTES.format(
                            "6 May 2009 (item 5); applications to be returned by the 1st June"
                        ),
                    ),
                    PlannedItem(
                        "Guidelines around carryover (short paper)",
                        note=_FROM_MINUTES.format("6 May 2009 (item 5)"),
                    ),
                ),
            ),
        ),
        to_be_scheduled=(),
    ),
    ForwardPlan(
        key="herefordshire-partnership-board-2009-05",
        agreement=HEREFORDSHIRE,
        partnership="herefordshire-partnership",
        title="Herefordshire Partnership Board: items named in the PMG minutes",
        source_meeting=HEREFORDSHIRE_MEETING,
        standing_items=(),
        meetings=(
            PlannedMeeting(
                _HFD_BOARD,
                items=(
                    PlannedItem(
                        "Resources available for reallocation (paper)",
                        responsible_text="The Resources Directorate",
                        note=_FROM_MINUTES.format("the PMG on 6 May 2009 (item 5)"),
                    ),
                ),
            ),
        ),
        to_be_scheduled=(),
    ),
)

# ===========================================================================
# Funding facts (for the funding app)
# ===========================================================================

_IDVA_QUOTE = _t(
    """That the group support the request for PRG funding for the IDVA service (within new
    Essex) and an IDVA manager, as identified in the LAA action plan (£157,540 for 2009/10
    and £157,540 for 2010/11)."""
)

FUNDING_FACTS: tuple[FundingFact, ...] = (
    # --- Safer Essex, 2 October 2008 ---
    FundingFact(
        key="se-idva-2009-10",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.1",
        quote=_IDVA_QUOTE,
        fund="PRG",
        kind="bid",
        figure="£157,540",
        amount=Decimal("157540"),
        financial_years=("2009/10",),
        partnership="safer-essex",
        note="Domestic Violence Review recommendation V.",
    ),
    FundingFact(
        key="se-idva-2010-11",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.1",
        quote=_IDVA_QUOTE,
        fund="PRG",
        kind="bid",
        figure="£157,540",
        amount=Decimal("157540"),
        financial_years=("2010/11",),
        partnership="safer-essex",
        note="Domestic Violence Review recommendation V.",
    ),
    FundingFact(
        key="se-dv-prg-315k",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.1",
        quote=_t(
            """With this in mind there was strong support for the Performance Reward Grant
            bid for £315,000 be endorsed by Safer Essex. This provisional marker for funding
            as identified in the review does not, at this stage, confirm the total acceptance
            of all the findings particularly around some of the posts identified."""
        ),
        fund="PRG",
        kind="bid",
        figure="£315,000",
        amount=Decimal("315000"),
        partnership="safer-essex",
        note="Endorsed as a provisional marker. (2 × £157,540 = £315,080; the minutes do not "
        "say whether the £315,000 is the IDVA request.)",
    ),
    FundingFact(
        key="se-prg-indicative",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.2",
        quote=_t(
            """An indicative amount of PRG for the Safer Essex Thematic partnership has been
            identified at £610,000 not including an allocation for Road Safety. In addition
            LSPs have also received indicative amounts against which bids are being made that
            will also support Safer Essex LAA priorities."""
        ),
        fund="PRG",
        kind="indicative_allocation",
        figure="£610,000",
        amount=Decimal("610000"),
        partnership="safer-essex",
    ),
    FundingFact(
        key="se-prg-schemes-total",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.2",
        quote=_t(
            """The total value of schemes considered by Safer Essex amounted to £902,000
            showing a significant funding gap assuming indicative levels remain at the
            current amounts."""
        ),
        fund="PRG",
        kind="bids_total",
        figure="£902,000",
        amount=Decimal("902000"),
        partnership="safer-essex",
        note="Funding gap against the £610,000 indicative amount: £292,000 (derived).",
    ),
    FundingFact(
        key="se-prg-decision-epf",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.2",
        quote="Final decisions on PRG will not be made until the Essex Partnership Forum on "
        "28th November.",
        fund="PRG",
        kind="process",
        figure="",
        partnership="essex-partnership-forum",
        on=date(2008, 11, 28),
    ),
    FundingFact(
        key="se-prg-laa-targets-only",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.2",
        quote="Funding for PRG can only be approved for those schemes that address LAA targets",
        fund="PRG",
        kind="process",
        figure="",
        partnership="safer-essex",
        note="Action point 9(5).",
    ),
    FundingFact(
        key="se-prg-priorities-return",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="7.2",
        quote="(NB this document was sent out on 9th October 2008 with return required by "
        "22nd October)",
        fund="PRG",
        kind="process",
        figure="",
        partnership="safer-essex",
        on=date(2008, 10, 22),
        note="Partners' priorities among the PRG action plan bids (action point 9).",
    ),
    FundingFact(
        key="se-info-sharing-130k",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="8",
        quote=_t(
            """To agree that a proposal for £130,000 be submitted for Performance Reward
            Grant (PRG) funds (available 2009-11) to cover the cost of the basic
            solution."""
        ),
        fund="PRG",
        kind="bid",
        figure="£130,000",
        amount=Decimal("130000"),
        financial_years=("2009/10", "2010/11"),
        partnership="safer-essex",
        note="Also 'a PRG bid for £130k'. Information Sharing Project; tender led by ECC "
        "(action point 10).",
    ),
    FundingFact(
        key="se-supporting-people",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="6.2",
        quote=_t(
            """Some of the clients for SP funding (£10-12M expenditure out of a total of £29m)
            are the same client groupings that Safer Essex has an interest in."""
        ),
        fund="Supporting People",
        kind="budget",
        figure="£10-12M … of £29m",
        amount=Decimal("29000000"),
        partnership="safer-essex",
        note="Essex is a pilot area trialling the removal of the Supporting People ring-fence.",
    ),
    FundingFact(
        key="se-operation-apex",
        agreement=ESSEX,
        meeting=SAFER_ESSEX_MEETING,
        item="9.1",
        quote=_t(
            """This was an information item setting out the proposal for meeting the key
            objective of securing £27m year on year to pay for an additional 600 police
            officers."""
        ),
        fund="Other",
        kind="other",
        figure="£27m year on year",
        amount=Decimal("27000000"),
        note="Operation APEX (Essex Police).",
    ),
    # --- LAA Performance Management Group, 27 March 2009 ---
    FundingFact(
        key="pmg-prg-tracking",
        agreement=ESSEX,
        meeting=PMG_MEETING,
        item="3",
        quote=_t(
            """Gill also presented an improved delivery plan template, which strengthens the
            links with resources, and provides a summary of risks and a means of tracking PRG
            expenditure – which can be used to support any required self-certification of
            grant use."""
        ),
        fund="PRG",
        kind="process",
        figure="",
    ),
    FundingFact(
        key="pmg-prg-dv-advisors",
        agreement=ESSEX,
        meeting=PMG_MEETING,
        item="5.6",
        quote=_t(
            """including rolling out MARACS (multi-agency risk assessment conferences) and
            using PRG to support domestic violence advisor posts."""
        ),
        fund="PRG",
        kind="other",
        figure="",
        partnership="safer-essex",
    ),
    # --- Herefordshire Partnership Management Group, 6 May 2009 ---
    FundingFact(
        key="hfd-abg-max-loss-5pc",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="2",
        quote=_t(
            """Mark Turner said that the principles needed are firstly that no Partnership
            should lose more than 5%, but not assume it will be a 5% variation."""
        ),
        fund="ABG",
        kind="other",
        figure="5%",
        percentage=Decimal("5"),
        note="Agreed amended wording of the minutes of 23 March 2009.",
    ),
    FundingFact(
        key="hfd-abg-top-slice",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="2",
        quote=_t(
            """Mark Turner proposed a 3% or 5% funding “top slice” (unpopular as it might be)
            placing the emphasis on a robust commissioning process rather than relying on
            everyone interpreting and responding to direction to release funding in a
            consistent and equally altruistic way."""
        ),
        fund="ABG",
        kind="top_slice",
        figure="3% or 5%",
        note="A proposal (agreed amended wording of the minutes of 23 March 2009).",
    ),
    FundingFact(
        key="hfd-abg-guarantee-proposal",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="2",
        quote="Mark explained that his proposal was aimed in a positive way to guarantee 95%.",
        fund="ABG",
        kind="guarantee",
        figure="95%",
        percentage=Decimal("95"),
    ),
    FundingFact(
        key="hfd-lpsa2-2-6m",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="2",
        quote=_t(
            """It was agreed by the group that the whole £2.6 million (LPSA2 Reward Grant and
            any underspend) had not yet been allocated, and cannot be without a due
            partnership process which was yet to be agreed."""
        ),
        fund="LPSA2",
        kind="reward_grant",
        figure="£2.6 million",
        amount=Decimal("2600000"),
        note="Includes any underspend. Agreed wording of the minutes of 23 March 2009.",
    ),
    FundingFact(
        key="hfd-abg-offer-letter-95pc",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="5.2",
        quote=_t(
            """It was agreed that a simple offer letter, similar to the one used in 2008/09,
            should be issued for the 95% guarantee. This would be used to monitor the spend
            of the grant at a high level while still allowing PADs the flexibility to
            commission activity to meet their objectives."""
        ),
        fund="ABG",
        kind="guarantee",
        figure="95%",
        percentage=Decimal("95"),
        financial_years=("2009/10",),
        note="Decision. The Partnership manages and monitors ABG, reporting back to CLG.",
    ),
    FundingFact(
        key="hfd-lpsa2-one-off",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="5.3",
        quote=_t(
            """It was noted that there would be an ABG allocation every year but that the
            LPSA Reward funding was one off funding and if it were all allocated in year 1
            this would reduce the potential to boost activity later in the LAA period. There
            was the potential for LAA Reward Grant but this was not as much as the LPSA
            reward grant."""
        ),
        fund="LPSA2",
        kind="reward_grant",
        figure="",
        financial_years=("2009/10",),
    ),
    FundingFact(
        key="hfd-lpsa2-support-team",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="3",
        quote=_t(
            """Item 4, LPSA2 funding, Richard Quallington mentioned Sharon Gray's suggestion
            that this money could in part fund the Partnership Support team."""
        ),
        fund="LPSA2",
        kind="other",
        figure="",
    ),
    FundingFact(
        key="hfd-resources-paper-board",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="5.3",
        quote=_t(
            """The Resources Directorate would prepare a paper which would go to the Board
            for discussion on the 29th May. This should detail what was available for
            reallocation, what was not and the rationale behind this."""
        ),
        fund="LPSA2",
        kind="process",
        figure="",
        partnership="herefordshire-partnership",
        on=_HFD_BOARD,
    ),
    FundingFact(
        key="hfd-abg-application-form",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="5.4",
        quote=_t(
            """It was agreed that a short application form should be issued to the Policy and
            Delivery Groups by Monday 11th May. These would then be considered at the
            Management group Meeting in June and decisions made as to the allocation of
            funding."""
        ),
        fund="ABG",
        kind="process",
        figure="",
        partnership="herefordshire-pmg",
        on=date(2009, 5, 11),
    ),
    FundingFact(
        key="hfd-abg-applications-return",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="5.4",
        quote=_t(
            """There should be an opportunity for groups to bid for capital if there is a
            strong case for doing so. Applications should be returned by the 1st June in
            order that queries could be clarified and papers issued to the Management Group
            in advance of the meeting."""
        ),
        fund="ABG",
        kind="process",
        figure="",
        partnership="herefordshire-pmg",
        on=date(2009, 6, 1),
        note="Applications take account of delivery plans, the commissioning criteria, "
        "impact on the targets and the consequence of not undertaking the delivery (risk).",
    ),
    FundingFact(
        key="hfd-action-plans-funding-round",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="4",
        quote=_t(
            """Mark suggested that Action Plans be required by the end of June and proposed
            that money be allocated against them, with the possibility of another funding
            round in August, for those unable to achieve the deadline."""
        ),
        fund="ABG",
        kind="process",
        figure="",
        note="A suggestion, not a decision.",
    ),
    FundingFact(
        key="hfd-abg-underspend-3pc",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="5.5",
        quote=_t(
            """The Children's Trust had under spent their budget by 3%. It was agreed that
            this should be rolled forward. The principle should be that if a group were given
            funding to commission certain types of activity and there was still an
            expectation that this activity was needed (although the timescale may have
            slipped) the funding should stay available."""
        ),
        fund="ABG",
        kind="underspend",
        figure="3%",
        percentage=Decimal("3"),
        financial_years=("2008/09",),
        partnership="herefordshire-cyp",
        note="Carried forward; guidelines around carryover to come to the June meeting.",
    ),
    FundingFact(
        key="hfd-community-led-planning",
        agreement=HEREFORDSHIRE,
        meeting=HEREFORDSHIRE_MEETING,
        item="6.1",
        quote=_t(
            """Chris Bucknell opened this item by saying that Community Led Planning had
            previously had funding through DEFRA, which has now ceased."""
        ),
        fund="ABG",
        kind="bid",
        figure="",
        partnership="herefordshire-stronger-communities",
        note="Action: a bid for ABG to be submitted through the Stronger Communities Group.",
    ),
)
