"""The lead's update list (/my-updates/): what is listed, saving everything at once (or one
row), with the plan and indicator pages' own validation, permissions and edit conflicts."""

import datetime as dt
import html as html_lib
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from indicators.models import Actual, DataReturn
from meetings.models import Meeting
from partnerships.models import Membership
from plans.actions import action_progress_update
from plans.models import Action
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_indicator, make_target
from tests.meetings.factories import make_meeting
from tests.plans.factories import make_action, make_plan

AS_AT = dt.date(2009, 11, 20)
URL = "/my-updates/"


@pytest.fixture(autouse=True)
def as_at(settings):
    settings.GOLDEN_THREAD_TODAY = AS_AT


@pytest.fixture
def data(world):
    """Safer Essex meets on 9 Dec 2009 (last met 14 Oct): its workplan is due by 2 Dec."""
    lead = world.person(world.lead)
    make_meeting(world.safer, dt.date(2009, 10, 14), status=Meeting.Status.HELD)
    make_meeting(world.safer, dt.date(2009, 12, 9))
    plan = make_plan(world.safer)
    other = make_person_in(world)
    actions = {
        "overdue": make_action(plan, "Refresh the MARAC protocol", lead=lead,
                               due_on=dt.date(2009, 10, 31)),
        "stale": make_action(plan, "Train front-line staff", lead=other,
                             due_on=dt.date(2010, 3, 31)),
        "closed": make_action(plan, "Done already", lead=lead, status=Action.Status.COMPLETE,
                              due_on=dt.date(2009, 9, 1)),
    }  # fmt: skip
    cwop_plan = make_plan(world.cwop, "Older people plan")
    actions["cwop"] = make_action(cwop_plan, "Not the lead's", due_on=dt.date(2009, 11, 1))
    target = make_target(world.safer, make_indicator(world.essex, "NI 32"), lead=lead)
    add_actual(target, "2009/10 Q1", "24")
    DataReturn.objects.create(target=target, period="2009/10 Q1", status="approved")
    return {"plan": plan, "actions": actions, "target": target}


def make_person_in(world):
    _, person = make_member_with_login(
        world.safer, Membership.Role.MEMBER, "member@example.test", "Mo Member"
    )
    return person


def version_of(html: str, key: str) -> str:
    match = re.search(rf'name="{key}-version" value="(\d*)"', html)
    assert match, f"no version for {key}"
    return match.group(1)


class FormReader(HTMLParser):
    """What a browser would post from the page: every field as shown."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        name = found.get("name", "")
        if tag == "input" and name and found.get("type") not in ("checkbox", "radio", "submit"):
            self.data[name] = html_lib.unescape(found.get("value", ""))
        elif tag == "textarea":
            self._textarea, self.data[name] = name, ""
        elif tag == "select":
            self._select, self.data[name] = name, ""
        elif tag == "option" and self._select and "selected" in found:
            self.data[self._select] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += (
                data.removeprefix("\n") if not self.data[self._textarea] else data
            )


def posted(html: str, rows: dict[str, dict[str, str]], **extra: str) -> dict[str, str]:
    """What the page posts: every field as shown, with `rows`' changes."""
    reader = FormReader()
    reader.feed(html)
    data = {k: v for k, v in reader.data.items() if k != "csrfmiddlewaretoken"}
    for key, fields in rows.items():
        for name, value in fields.items():
            data[f"{key}-{name}"] = value
    return {**data, **extra}


def action_fields(action, **changes):
    return {
        "status": action.status,
        "percent_complete": str(action.percent_complete),
        "progress_note": action.progress_note,
        **changes,
    }


def figure_fields(**changes):
    return {"value": "", "missing_reason": "", "status": "provisional", "quality": "",
            "commentary": "", **changes}  # fmt: skip


def test_lists_the_leads_actions_and_figures_due(world, as_user, data):
    html = as_user(world.lead).get(URL).content.decode()
    a = data["actions"]
    assert f'id="action-{a["overdue"].pk}"' in html  # theirs, overdue
    assert "Overdue 31 Oct 2009" in html
    assert f'id="action-{a["stale"].pk}"' in html  # their plan's, not updated since 14 Oct
    assert "due by 2 Dec 2009, for the meeting on 9 Dec 2009" in html
    assert f'id="action-{a["closed"].pk}"' not in html  # complete
    assert f'id="action-{a["cwop"].pk}"' not in html  # another partnership's
    assert f'id="figure-{data["target"].pk}"' in html  # NI 32 2009/10 Q2 owed
    assert "NI 32 2009/10 Q2" in html
    assert html.count(">Save all<") == 1


def test_an_action_updated_since_the_last_meeting_is_not_listed(world, as_user, data):
    stale = data["actions"]["stale"]
    Action.objects.filter(pk=stale.pk).update(
        progress_updated_at=dt.datetime(2009, 10, 20, 9, tzinfo=dt.UTC)
    )
    html = as_user(world.lead).get(URL).content.decode()
    assert f'id="action-{stale.pk}"' not in html


def test_save_all_saves_every_changed_row_together(world, as_user, data):
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    a, target = data["actions"], data["target"]
    body = posted(html, {
        f"action-{a['overdue'].pk}": action_fields(a["overdue"], status="on_track",
                                                   percent_complete="60",
                                                   progress_note="Protocol drafted"),
        f"action-{a['stale'].pk}": action_fields(a["stale"], status="complete",
                                                 progress_note="All trained"),
        f"figure-{target.pk}": figure_fields(value="23.5", commentary="Police figures"),
    })  # fmt: skip
    response = client.post(URL, body, follow=True)
    page = response.content.decode()
    assert "Saved 2 actions and 1 figure" in page
    overdue, stale = (Action.objects.get(pk=a[k].pk) for k in ("overdue", "stale"))
    assert (overdue.status, overdue.percent_complete) == ("on_track", 60)
    assert overdue.progress_note == "Protocol drafted"
    assert overdue.progress_updated_by == world.lead
    assert (stale.status, stale.percent_complete) == ("complete", 100)  # the action's own rule
    actual = Actual.objects.get(target=target, period="2009/10 Q2")
    assert actual.value == Decimal("23.5") and actual.entered_by == world.lead


def test_rows_left_as_they_were_are_not_saved(world, as_user, data):
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    stale = data["actions"]["stale"]
    Action.objects.filter(pk=stale.pk).update(progress_note="Line one\nline two")
    html = client.get(URL).content.decode()
    stale.refresh_from_db()
    body = posted(html, {
        f"action-{stale.pk}": action_fields(stale, progress_note="Line one\r\nline two"),
        f"figure-{data['target'].pk}": figure_fields(),
    })  # fmt: skip
    page = client.post(URL, body).content.decode()
    assert "You have not changed anything" in page
    stale.refresh_from_db()
    assert stale.version == 1 and stale.progress_updated_at is None


def test_one_invalid_row_saves_nothing_and_says_why(world, as_user, data):
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    a, target = data["actions"], data["target"]
    body = posted(html, {
        f"action-{a['overdue'].pk}": action_fields(a["overdue"], progress_note="Drafted"),
        f"action-{a['stale'].pk}": action_fields(a["stale"], percent_complete="140"),
        f"figure-{target.pk}": figure_fields(commentary="No value, no reason"),
    })  # fmt: skip
    response = client.post(URL, body)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has been saved" in page
    assert "Enter a value, or say why there is none." in page
    assert "less than or equal to 100" in page
    assert "Drafted" in page  # what was typed in the valid row stays
    assert Action.objects.get(pk=a["overdue"].pk).progress_note == ""
    assert not Actual.objects.filter(target=target, period="2009/10 Q2").exists()


def test_a_stale_row_saves_nothing_and_shows_the_conflict(world, as_user, data):
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    a = data["actions"]
    # Someone else updates the stale action on the plan page meanwhile.
    Action.objects.filter(pk=a["stale"].pk).update(version=2, progress_note="Theirs")
    body = posted(html, {
        f"action-{a['overdue'].pk}": action_fields(a["overdue"], progress_note="Mine, fine"),
        f"action-{a['stale'].pk}": action_fields(a["stale"], progress_note="Mine, stale"),
    })  # fmt: skip
    page = client.post(URL, body).content.decode()
    assert "Nothing has been saved" in page
    assert "Someone else changed this action" in page
    assert Action.objects.get(pk=a["overdue"].pk).progress_note == ""  # rolled back
    assert Action.objects.get(pk=a["overdue"].pk).version == 1
    assert Action.objects.get(pk=a["stale"].pk).progress_note == "Theirs"
    # Having compared, saving again replaces theirs.
    again = posted(page, {
        f"action-{a['overdue'].pk}": action_fields(a["overdue"], progress_note="Mine, fine"),
        f"action-{a['stale'].pk}": action_fields(a["stale"], progress_note="Mine, stale"),
    })  # fmt: skip
    assert version_of(page, f"action-{a['stale'].pk}") == "2"
    client.post(URL, again)
    assert Action.objects.get(pk=a["stale"].pk).progress_note == "Mine, stale"
    assert Action.objects.get(pk=a["overdue"].pk).progress_note == "Mine, fine"


def test_a_row_someone_else_brought_up_to_date_meanwhile_still_meets_the_conflict(
    world, as_user, data
):
    """Updated on the plan page since the list was opened, the action is no longer due:
    the lead's change to it is not dropped in silence, it is refused as stale."""
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    stale, overdue = data["actions"]["stale"], data["actions"]["overdue"]
    action_progress_update(
        action=Action.objects.get(pk=stale.pk), by=world.secretariat, status="at_risk",
        percent_complete=10, progress_note="Theirs", expected_version=1,
    )  # fmt: skip
    assert f'id="action-{stale.pk}"' not in client.get(URL).content.decode()  # not due now
    body = posted(html, {
        f"action-{stale.pk}": action_fields(stale, progress_note="Mine"),
        f"action-{overdue.pk}": action_fields(overdue, progress_note="Fine"),
    })  # fmt: skip
    page = client.post(URL, body).content.decode()
    assert "Nothing has been saved" in page and "Someone else changed this action" in page
    assert Action.objects.get(pk=stale.pk).progress_note == "Theirs"
    assert Action.objects.get(pk=overdue.pk).progress_note == ""


def test_a_figure_changed_meanwhile_saves_nothing(world, as_user, data):
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    target, overdue = data["target"], data["actions"]["overdue"]
    add_actual(target, "2009/10 Q2", "30", version=1)
    body = posted(html, {
        f"action-{overdue.pk}": action_fields(overdue, progress_note="Fine"),
        f"figure-{target.pk}": figure_fields(value="22"),
    })  # fmt: skip
    page = client.post(URL, body).content.decode()
    assert "Someone else changed this figure" in page
    assert Actual.objects.get(target=target, period="2009/10 Q2").value == Decimal("30")
    assert Action.objects.get(pk=overdue.pk).progress_note == ""


def test_one_row_saved_on_its_own_with_htmx(world, as_user, data):
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    a = data["actions"]
    key = f"action-{a['overdue'].pk}"
    body = posted(html, {
        key: action_fields(a["overdue"], progress_note="Just this one"),
        f"action-{a['stale'].pk}": action_fields(a["stale"], percent_complete="999"),
    }, only=key)  # fmt: skip
    response = client.post(URL, body, headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert f'id="{key}"' in fragment[:200]
    assert "<html" not in fragment and "Saved" in fragment
    assert Action.objects.get(pk=a["overdue"].pk).progress_note == "Just this one"
    assert Action.objects.get(pk=a["stale"].pk).percent_complete == 0  # not this row's turn


def test_one_row_saved_on_its_own_without_javascript_keeps_the_others_typing(world, as_user, data):
    client = as_user(world.lead)
    html = client.get(URL).content.decode()
    a = data["actions"]
    key = f"action-{a['overdue'].pk}"
    body = posted(html, {
        key: action_fields(a["overdue"], progress_note="Just this one"),
        f"action-{a['stale'].pk}": action_fields(a["stale"], progress_note="Still typing"),
    }, only=key)  # fmt: skip
    page = client.post(URL, body).content.decode()
    assert "Still typing" in page
    assert version_of(page, key) == "2"  # the saved row is at its new version
    assert Action.objects.get(pk=a["stale"].pk).progress_note == ""


def test_anonymous_is_sent_to_sign_in(as_user, world):
    response = as_user(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_observer_sees_no_edit_and_may_not_post(world, as_user, data):
    client = as_user(world.observer)
    page = client.get(URL).content.decode()
    assert "change nothing" in page and ">Save all<" not in page and "<textarea" not in page
    key = f"action-{data['actions']['overdue'].pk}"
    response = client.post(URL, {f"{key}-progress_note": "x", "only": key})
    assert response.status_code == 403


def test_another_partnerships_lead_sees_nothing_of_safer_essex_and_cannot_save_it(
    world, as_user, data
):
    cwop = data["actions"]["cwop"]
    Action.objects.filter(pk=cwop.pk).update(lead=world.person(world.other_lead))
    client = as_user(world.other_lead)
    page = client.get(URL).content.decode()
    overdue = data["actions"]["overdue"]
    assert "Refresh the MARAC protocol" not in page
    assert f'id="action-{data["actions"]["cwop"].pk}"' in page  # their own plan's
    key = f"action-{overdue.pk}"
    fields = {f"{key}-{k}": v for k, v in action_fields(overdue).items()}
    fields |= {f"{key}-progress_note": "Hijack", f"{key}-version": "1", "only": key}
    client.post(URL, fields)
    assert Action.objects.get(pk=overdue.pk).progress_note == ""


def test_another_agreements_user_sees_nothing_listed_and_saves_nothing(world, as_user, data):
    client = as_user(world.outsider)
    page = client.get(URL).content.decode()
    assert "Refresh the MARAC protocol" not in page and "NI 32" not in page
    overdue = data["actions"]["overdue"]
    key = f"action-{overdue.pk}"
    client.post(URL, {f"{key}-status": "dropped", f"{key}-percent_complete": "0",
                      f"{key}-progress_note": "x", f"{key}-version": "1"})  # fmt: skip
    assert Action.objects.get(pk=overdue.pk).status == Action.Status.NOT_STARTED


def test_the_leads_home_links_to_the_update_list(world, as_user, data):
    html = as_user(world.lead).get("/").content.decode()
    assert "Updates before your next meeting" in html
    assert 'href="/my-updates/"' in html
    assert "2 plan actions and 1 figure to update" in html


def _add_rows(world, n, start):
    lead = world.person(world.lead)
    plan = make_plan(world.safer, f"Plan {start}")
    for i in range(n):
        make_action(plan, f"Action {start + i}", lead=lead, due_on=dt.date(2009, 11, 1))
        make_target(world.safer, make_indicator(world.essex, f"NI {start + i}"), lead=lead)


def test_the_update_list_has_bounded_queries(world, as_user, data, django_assert_max_num_queries):
    client = as_user(world.lead)
    _add_rows(world, 2, 100)
    with django_assert_max_num_queries(40) as small:
        client.get(URL)
    _add_rows(world, 20, 200)
    with django_assert_max_num_queries(40) as large:
        page = client.get(URL).content.decode()
    assert "Action 219" in page and "NI 219" in page
    assert len(large.captured_queries) == len(small.captured_queries)
