"""Every edit page of a record two people can open refuses a stale save (issue 14,
finding 7; the mechanism is issue 8's, partnerships/conflicts.py).

The edit pages are found from the URL configuration, not listed by hand: a URL named
"…-edit" or "…-update", or whose path ends in "edit/". Each must have a case below (or
an entry in CANNOT_CONFLICT saying why it cannot), so a new edit page without one fails
here. For each, two people open the form; the second saves; the first then saves from
the page they opened and must get the conflict page, with nothing of theirs written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.html import escape

from funding.models import Award, Bid, CommissioningRound
from indicators.models import AgreementHighlight, FamilyGroup, HighlightOverride
from partnerships.conflicts import NO_VERSION
from partnerships.models import Area, Membership
from tests.conftest import World
from tests.factories import (
    make_member_with_login,
    make_organisation,
    make_outcome,
    make_person,
    make_theme,
    version_in,
)
from tests.funding.factories import make_allocation, make_bid, make_fund
from tests.indicators.factories import make_target
from tests.meetings.factories import make_action as make_action_point
from tests.meetings.factories import make_item, make_meeting
from tests.plans.factories import (
    make_action,
    make_funding_line,
    make_plan,
    make_risk,
)

pytestmark = pytest.mark.django_db

# Edit pages where two people cannot be editing the same record. None so far: every one
# found edits a record of the agreement that the secretariat and a lead (or two members of
# the secretariat) can both open. Name: reason.
CANNOT_CONFLICT: dict[str, str] = {
    "api:publication-edit": "a two-step (confirm) page; its version check is tested in "
    "tests/api/test_open_data.py::test_a_choice_made_on_a_page_opened_before_anothers_is_refused",
}


def edit_url_names() -> set[str]:
    """Every URL name of an edit page in the URL configuration (the admin aside: it
    keeps its own versions, see VersionedAdminMixin)."""
    found: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str, route: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, route + str(pattern.pattern))
            elif pattern.name:
                path = route + str(pattern.pattern)
                if pattern.name.endswith(("-edit", "-update")) or path.endswith("edit/"):
                    found.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "", "")
    return found


@dataclass(frozen=True)
class Case:
    """One edit page: `make` gives the URL it posts to and the row it changes; both
    people change `field` (to `theirs`, then `yours`). `page` is where the form is, when
    that is not the edit URL itself."""

    make: Callable[[World], tuple[str, models.Model]]
    field: str
    theirs: str
    yours: str
    page: Callable[[models.Model], str] | None = None


def _partnership(world: World) -> tuple[str, models.Model]:
    return f"/partnerships/{world.safer.pk}/edit/", world.safer


def _plan(world: World) -> tuple[str, models.Model]:
    plan = make_plan(world.safer, owner=world.person(world.lead))
    return f"/plans/{plan.pk}/edit/", plan


def _plan_action(world: World) -> tuple[str, models.Model]:
    action = make_action(make_plan(world.safer), "Fund the IDVA service")
    return f"/plans/actions/{action.pk}/edit/", action


def _risk(world: World) -> tuple[str, models.Model]:
    risk = make_risk(make_plan(world.safer))
    return f"/plans/risks/{risk.pk}/edit/", risk


def _funding_line(world: World) -> tuple[str, models.Model]:
    line = make_funding_line(make_plan(world.safer), description="IDVA post")
    return f"/plans/funding/{line.pk}/edit/", line


def _target(world: World) -> tuple[str, models.Model]:
    target = make_target(world.safer)
    return f"/indicators/targets/{target.pk}/edit/", target


def _highlight(world: World) -> tuple[str, models.Model]:
    theme = make_theme(world.essex, "Safer communities", partnership=world.safer)
    make_target(world.safer, outcome=make_outcome(theme))
    record = HighlightOverride.objects.create(theme=theme, period="2009/10 Q2", key_issues="–")
    return f"/indicators/highlight/themes/{theme.pk}/edit/?period=2009/10+Q2", record


def _agreement_highlight(world: World) -> tuple[str, models.Model]:
    make_theme(world.essex, "Safer communities", partnership=world.safer)
    record = AgreementHighlight.objects.create(
        agreement=world.essex, period="2009/10 Q2", key_issues="–"
    )
    url = f"/indicators/highlight/agreements/{world.essex.pk}/edit/?period=2009/10+Q2"
    return url, record


def _reward_rule(world: World) -> tuple[str, models.Model]:
    from funding.models import RewardRule

    rule = RewardRule.objects.create(agreement=world.essex)
    return f"/funding/agreements/{world.essex.pk}/reward-rule/", rule


def _terms(world: World) -> tuple[str, models.Model]:
    from meetings.models import TermsOfReference

    terms = TermsOfReference.objects.create(partnership=world.safer, quorum_count=4)
    return f"/meetings/partnership/{world.safer.pk}/terms/edit/", terms


def _family_group(world: World) -> tuple[str, models.Model]:
    group = FamilyGroup.objects.create(name="Nearest neighbours", agreement=world.essex)
    group.members.set(
        Area.objects.create(code=code, name=name, kind=Area.Kind.COUNTY)
        for code, name in (("22", "Essex"), ("26", "Hertfordshire"), ("29", "Kent"))
    )
    return f"/indicators/family-groups/{group.pk}/edit/", group


def _meeting(world: World) -> tuple[str, models.Model]:
    meeting = make_meeting(world.safer, dt.date(2009, 1, 22), venue="County Hall")
    return f"/meetings/{meeting.pk}/edit/", meeting


def _item(world: World) -> tuple[str, models.Model]:
    item = make_item(make_meeting(world.safer, dt.date(2008, 10, 2)), "4", "Terms of reference")
    return f"/meetings/items/{item.pk}/edit/", item


def _action_point(world: World) -> tuple[str, models.Model]:
    item = make_item(make_meeting(world.safer, dt.date(2008, 10, 2)))
    action = make_action_point(item, "Letter to Health", owners=[world.person(world.lead)])
    return f"/meetings/actions/{action.pk}/edit/", action


def _action_point_status(world: World) -> tuple[str, models.Model]:
    _, action = _action_point(world)
    return f"/meetings/actions/{action.pk}/update/", action


def _fund(world: World) -> tuple[str, models.Model]:
    fund = make_fund(world.essex, rules="Only LAA targets")
    return f"/funding/funds/{fund.pk}/edit/", fund


def _allocation(world: World) -> tuple[str, models.Model]:
    allocation = make_allocation(make_fund(world.essex), world.safer, "1000", "2009/10")
    return f"/funding/allocations/{allocation.pk}/edit/", allocation


def _round(world: World) -> tuple[str, models.Model]:
    round_ = CommissioningRound.objects.create(
        fund=make_fund(world.essex),
        title="PRG round 1",
        opens_on=dt.date(2009, 4, 1),
        closes_on=dt.date(2009, 5, 29),
    )
    return f"/funding/rounds/{round_.pk}/edit/", round_


def _bid(world: World) -> tuple[str, models.Model]:
    bid = make_bid(world.safer, make_fund(world.essex), rationale="Repeat victims")
    return f"/funding/bids/{bid.pk}/edit/", bid


def _award(world: World) -> tuple[str, models.Model]:
    bid = make_bid(world.safer, make_fund(world.essex), status=Bid.Status.APPROVED)
    award = Award.objects.get(bid=bid)
    return f"/funding/awards/{award.pk}/edit/", award


def _theme(world: World) -> tuple[str, models.Model]:
    theme = make_theme(world.essex)
    return f"/agreement/setup/themes/{theme.pk}/edit/", theme


def _outcome(world: World) -> tuple[str, models.Model]:
    outcome = make_outcome(make_theme(world.essex))
    return f"/agreement/setup/outcomes/{outcome.pk}/edit/", outcome


def _organisation(world: World) -> tuple[str, models.Model]:
    organisation = make_organisation(world.essex, "Essex Police")
    return f"/agreement/setup/organisations/{organisation.pk}/edit/", organisation


def _person(world: World) -> tuple[str, models.Model]:
    person = make_person(world.essex, "Sam Grant", job_title="Analyst")
    return f"/agreement/setup/people/{person.pk}/edit/", person


def _area(world: World) -> tuple[str, models.Model]:
    world.essex.area = Area.objects.create(code="22", name="Essex", kind=Area.Kind.COUNTY)
    world.essex.save()
    district = Area.objects.create(
        code="22UB", name="Basildon", kind=Area.Kind.DISTRICT, parent=world.essex.area
    )
    return f"/agreement/setup/areas/{district.pk}/edit/", district


CASES: dict[str, Case] = {
    "partnerships:theme-edit": Case(_theme, "name", "Safer places", "Safer streets"),
    "partnerships:outcome-edit": Case(_outcome, "title", "Fewer victims", "Fewer repeats"),
    "partnerships:organisation-edit": Case(_organisation, "name", "Essex Police", "EP"),
    "partnerships:person-edit": Case(_person, "job_title", "Head of data", "Data lead"),
    "partnerships:area-edit": Case(_area, "name", "Basildon District", "Basildon Borough"),
    "partnerships:partnership-edit": Case(_partnership, "description", "Crime", "Safety"),
    "plans:plan-edit": Case(_plan, "title", "DA plan 2009–10", "DA plan, refreshed"),
    "plans:action-edit": Case(_plan_action, "title", "Fund the IDVA", "Fund 2 IDVAs"),
    "plans:risk-edit": Case(_risk, "mitigation", "Bid early", "Bid twice"),
    "plans:funding-line-edit": Case(_funding_line, "description", "IDVA", "IDVA + 1"),
    "indicators:target-edit": Case(_target, "removed_reason", "Theirs", "Yours"),
    "indicators:highlight-edit": Case(_highlight, "key_issues", "Refuges", "IDVAs"),
    "indicators:highlight-agreement-edit": Case(
        _agreement_highlight, "key_issues", "Survey burden", "Direct payments"
    ),
    "funding:reward-rule-edit": Case(_reward_rule, "threshold", "50.00", "70.00"),
    "indicators:family-group-edit": Case(_family_group, "description", "CIPFA", "ONS"),
    "meetings:terms-edit": Case(_terms, "note", "Agreed October 2008", "Agreed November 2008"),
    "meetings:meeting-edit": Case(_meeting, "venue", "Council Chamber", "Committee Room 2"),
    "meetings:item-edit": Case(_item, "minutes", "Terms agreed.", "Deferred to April."),
    "meetings:action-edit": Case(_action_point, "text", "Letter to the PCT", "Call Health"),
    "meetings:action-update": Case(
        _action_point_status,
        "status",
        "done",
        "dropped",
        page=lambda action: f"/meetings/actions/{action.pk}/",
    ),
    "funding:fund-edit": Case(_fund, "rules", "Only LAA targets, 2 years", "Any target"),
    "funding:allocation-edit": Case(_allocation, "note", "Excluding road safety", "All of it"),
    "funding:round-edit": Case(_round, "criteria", "LAA targets", "Any target"),
    "funding:bid-edit": Case(_bid, "rationale", "Repeat victims fall", "Fewer repeats"),
    "funding:award-edit": Case(_award, "amount", "150000.00", "140000.00"),
}


class FormReader(HTMLParser):
    """What a browser would post from the page's forms (those posting to `action`, if
    given): every named field's current value."""

    def __init__(self, action: str | None) -> None:
        super().__init__()
        self.action = action
        self.forms: list[dict[str, list[str]]] = []
        self.current: dict[str, list[str]] | None = None
        self.select: tuple[str, bool] | None = None  # its name, and whether multiple
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.current = None
            if self.action is None or a.get("action") in (None, "", self.action):
                self.current = {}
                self.forms.append(self.current)
        elif self.current is None or "disabled" in a:
            return
        elif tag == "option" and self.select:
            name, multiple = self.select
            value = a.get("value") or ""
            if "selected" in a:
                self.current[name] = [*self.current[name], value] if multiple else [value]
            elif not multiple and not self.current[name]:
                self.current[name] = [value]  # the first, until one is selected
        elif not a.get("name"):
            return
        elif tag == "input" and a.get("type") in ("checkbox", "radio"):
            if "checked" in a:
                value = a.get("value")
                self.current.setdefault(str(a["name"]), []).append("on" if value is None else value)
        elif tag == "input" and a.get("type") not in ("submit", "button", "file"):
            self.current[str(a["name"])] = [a.get("value") or ""]
        elif tag == "select":
            self.select = (str(a["name"]), "multiple" in a)
            self.current[str(a["name"])] = []
        elif tag == "textarea":
            self.textarea = str(a["name"])
            self.current[self.textarea] = [""]

    def handle_data(self, data: str) -> None:
        if self.textarea and self.current is not None:
            self.current[self.textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "textarea" and self.textarea and self.current is not None:
            # The newline Django writes after <textarea> is not part of the value.
            value = self.current[self.textarea][0]
            self.current[self.textarea] = [value.removeprefix("\n")]
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_on(html: str, action: str | None = None) -> dict[str, list[str]]:
    """The one form on the page that carries a version, as the browser would post it."""
    reader = FormReader(action)
    reader.feed(html)
    forms = [f for f in reader.forms if "version" in f]
    assert len(forms) == 1, "the page has no form carrying a version"
    return forms[0]


def problems(html: str) -> str:
    """The page's error summary or conflict, in words (for a failing assertion)."""
    found = re.search(r'<div class="govuk-error-summary".*?</div></div>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


def saved(row: models.Model, field: str) -> str:
    row.refresh_from_db()
    value = getattr(row, field)
    return str(value) if not isinstance(value, Decimal) else f"{value:.2f}"


@pytest.fixture
def second_secretariat(world: World):
    user, _ = make_member_with_login(world.pmg, Membership.Role.SECRETARIAT, "sec2@example.test")
    return user


def test_every_edit_page_is_walked_here():
    found = edit_url_names()
    assert found, "no edit pages found: has the URL configuration moved?"
    assert found - CASES.keys() - CANNOT_CONFLICT.keys() == set(), "an edit page has no case"
    assert CASES.keys() <= found, "a case for an edit page that is no longer there"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_stale_save_gets_the_conflict_page_and_writes_nothing(
    world, as_user, second_secretariat, name
):
    case = CASES[name]
    url, row = case.make(world)
    page_url = case.page(row) if case.page else url
    post_to = url.split("?")[0] if case.page else None
    first, second = as_user(world.secretariat), as_user(second_secretariat)
    opened = first.get(page_url)
    assert opened.status_code == 200
    mine = form_on(opened.text, post_to)
    theirs = form_on(second.get(page_url).text, post_to)
    assert mine["version"] == theirs["version"] != [""]

    response = second.post(url, {**theirs, case.field: case.theirs})
    assert response.status_code == 302, problems(response.text)
    assert saved(row, case.field) == case.theirs
    history = row.history.count()  # type: ignore[attr-defined]

    response = first.post(url, {**mine, case.field: case.yours})

    assert response.status_code == 200
    page = response.text
    noun = row._meta.verbose_name
    assert f"Someone else changed this {noun}" in page
    assert f"sec2@example.test saved a change to this {noun}" in page
    assert saved(row, case.field) == case.theirs
    assert row.history.count() == history  # type: ignore[attr-defined]
    assert version_in(page) == str(int(mine["version"][0]) + 1)  # to save again, knowingly


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_change_without_a_version_is_refused(world, as_user, name):
    case = CASES[name]
    url, row = case.make(world)
    client = as_user(world.secretariat)
    page_url = case.page(row) if case.page else url
    data = form_on(client.get(page_url).text, url.split("?")[0] if case.page else None)
    del data["version"]
    before = saved(row, case.field)

    response = client.post(url, {**data, case.field: case.yours}, follow=True)

    assert escape(NO_VERSION) in response.text
    assert saved(row, case.field) == before


def test_a_first_highlight_saved_after_someone_elses_first_is_a_conflict(
    world, as_user, second_secretariat
):
    url, record = _highlight(world)
    record.delete()
    first, second = as_user(world.secretariat), as_user(second_secretariat)
    mine = form_on(first.get(url).text)
    theirs = form_on(second.get(url).text)
    assert mine["version"] == ["0"]  # opened before the theme had a word for the period

    assert second.post(url, {**theirs, "key_issues": "Refuges"}).status_code == 302
    response = first.post(url, {**mine, "key_issues": "IDVAs"})

    assert response.status_code == 200
    assert "Someone else changed this highlight override" in response.text
    assert HighlightOverride.objects.get().key_issues == "Refuges"
