"""Issue 16's "done when", end to end in Chromium: a person with only a browser and a
district council's KPI table adopts Golden Thread.

A site administrator (a staff user, not a superuser) starts the agreement and names its
first secretariat member; the secretariat takes the link from the invitation e-mail, sets
a password, adds the partnerships, invites a lead, imports the KPI table (checked in a
preview first, nothing written until confirmed) and reads the scorecard.
"""

import re
from pathlib import Path

import openpyxl
import pytest
from django.core import mail

from indicators.models import Actual
from partnerships.models import Agreement, Membership, Partnership, Person
from tests.browser.conftest import screenshot, sign_in
from tests.factories import make_user

pytestmark = pytest.mark.browser

AGREEMENT = "Harlow District LAA 2014–17"
SECRETARIAT = "jo.bloggs@harlow.example.test"
LEAD = "priya.shah@essex-police.example.test"
NEW_PASSWORD = "a-long-and-unusual-passphrase"
CSP = "Community Safety Partnership"
STRONGER = "Stronger Communities Partnership"


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def kpi_table(path: Path) -> Path:
    """A district council's KPI table as the secretariat keeps it: codes, titles, units and
    which way is better; an annual target per indicator; quarterly figures written the way
    people write them (Q1 2014/15), one of them in a cell formatted as a percentage."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    indicators = workbook.create_sheet("Indicators")
    for row in [
        ["Code", "Title", "Kind", "Polarity", "Unit", "Decimal places", "Frequency",
         "Accumulation"],
        ["CS01", "Total recorded crime", "local", "lower", "number", 0, "quarterly", ""],
        ["CS02", "Anti-social behaviour cases resolved", "local", "higher", "%", 1, "", ""],
        ["CS05", "First-time entrants to the youth justice system", "local", "lower",
         "number", 0, "quarterly", "cumulative"],
        ["HS01", "Average days to process a housing benefit claim", "local",
         "Lower is better", "days", 1, "quarterly", "snapshot"],
        ["EN01", "Household waste recycled and composted", "local", "higher", "%", 1,
         "quarterly", ""],
    ]:  # fmt: skip
        indicators.append(row)
    targets = workbook.create_sheet("Targets")
    for row in [
        ["Indicator code", "Partnership", "Lead", "Target 2014/15"],
        ["CS01", CSP, "Priya Shah", 1500],
        ["CS02", CSP, LEAD, "90%"],
        ["CS05", CSP, "Priya Shah", 110],
        ["HS01", STRONGER, "", 20],
        ["EN01", STRONGER, "", 45],
    ]:
        targets.append(row)
    actuals = workbook.create_sheet("Actuals")
    actuals.append(["Indicator code", "Period", "Value", "Commentary"])
    figures = {
        "CS01": [1450, 1420, 1480, 1390],
        "CS02": ["91.0%", "93.5%", "94.0%", 0.955],  # the last in a percentage-formatted cell
        "CS05": [30, 52, 79, 100],
        "HS01": ["22.1 days", "23.4 days", "24.0 days", "24.5 days"],
        "EN01": [43.0, 43.5, 44.2, 44.0],
    }
    for code, values in figures.items():
        for quarter, value in enumerate(values, 1):
            actuals.append([code, f"Q{quarter} 2014/15", value, ""])
            if value == 0.955:
                actuals.cell(actuals.max_row, 3).number_format = "0.0%"
    actuals.cell(actuals.max_row, 4).value = "Dry summer cut garden waste."
    workbook.save(path)
    return path


def test_an_administrator_and_a_secretariat_adopt_golden_thread_with_a_kpi_table(
    open_page, tmp_path
):
    # 1. The site administrator starts the agreement, naming its first secretariat member.
    make_user("admin@golden-thread.example.test", is_staff=True)
    admin = open_page()
    sign_in(admin, "admin@golden-thread.example.test")
    admin.goto("/agreement/start/")
    admin.get_by_label("Name of the agreement").fill(AGREEMENT)
    admin.get_by_label("New area's name").fill("Harlow")
    admin.get_by_label("New area's ONS code").fill("22UJ")
    admin.get_by_label("Unitary authority").check()
    admin.get_by_label("Starts on").fill("2014-04-01")
    admin.get_by_label("Ends on").fill("2017-03-31")
    admin.get_by_label("Quarterly").check()
    admin.get_by_label("Name of the governance body").fill("Harlow Strategic Partnership Board")
    admin.get_by_label("First secretariat member's full name").fill("Jo Bloggs")
    admin.get_by_label("Their e-mail address").fill(SECRETARIAT)
    admin.get_by_label("Their organisation").fill("Harlow Council")
    screenshot(admin, "adoption-1-start-agreement")
    admin.get_by_role("button", name="Start the agreement").click()
    alert = admin.get_by_role("alert").inner_text()
    assert f"{AGREEMENT} started." in alert and SECRETARIAT in alert
    agreement = Agreement.objects.get(name=AGREEMENT)
    assert (agreement.starts_on.isoformat(), agreement.ends_on.isoformat()) == (
        "2014-04-01",
        "2017-03-31",
    )
    (invitation,) = mail.outbox
    assert invitation.to == [SECRETARIAT]

    # 2. The secretariat, in a browser of their own, opens the link and sets a password.
    secretariat = open_page()
    secretariat.goto(link_in(invitation))
    assert secretariat.get_by_role("heading", name=f"Join {AGREEMENT}").is_visible()
    secretariat.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    secretariat.get_by_label("Type the password again").fill(NEW_PASSWORD)
    secretariat.get_by_role("button", name="Join").click()
    secretariat.wait_for_url(lambda url: "/invitations/" not in url)
    assert AGREEMENT in secretariat.locator("main").inner_text()
    screenshot(secretariat, "adoption-2-secretariat-joined")

    # 3. They add the partnerships and invite the community safety lead.
    for name, short, kind in [
        (CSP, "CSP", "Community safety partnership (CDRP)"),
        (STRONGER, "SCP", "Thematic partnership"),
    ]:
        secretariat.goto("/agreement/setup/")
        secretariat.get_by_role("link", name="Add a partnership").click()
        secretariat.get_by_label("Name", exact=True).fill(name)
        secretariat.get_by_label("Short name").fill(short)
        secretariat.get_by_label("Kind").select_option(label=kind)
        secretariat.get_by_role("button", name="Save").click()
        assert f"{name} saved." in secretariat.get_by_role("alert").inner_text()
    assert secretariat.get_by_role("link", name=CSP, exact=True).is_visible()
    screenshot(secretariat, "adoption-3-partnerships")

    secretariat.goto("/invitations/new/")
    secretariat.get_by_label("Name", exact=True).fill("Priya Shah")
    secretariat.get_by_label("E-mail address").fill(LEAD)
    secretariat.get_by_label("Partnership").select_option(label=CSP)
    secretariat.get_by_label("Role").select_option(label="Lead")
    secretariat.get_by_role("button", name="Send invitation").click()
    assert f"An invitation has been sent to {LEAD}." in (
        secretariat.get_by_role("alert").inner_text()
    )
    assert mail.outbox[-1].to == [LEAD] and "/invitations/" in link_in(mail.outbox[-1])
    csp = Partnership.objects.get(agreement=agreement, name=CSP)
    lead = Person.objects.get(agreement=agreement, email=LEAD)
    assert lead.memberships.filter(partnership=csp, role=Membership.Role.LEAD).exists()

    # 4. They import the KPI table: the preview says what would change, warns and lists
    # the defaults, and nothing is written until they confirm.
    secretariat.goto("/indicators/import/")
    secretariat.get_by_label("Workbook").set_input_files(kpi_table(tmp_path / "harlow-kpis.xlsx"))
    secretariat.get_by_role("button", name="Check the workbook").click()
    secretariat.wait_for_url("**/indicators/import/preview/")
    heading = secretariat.get_by_role("heading", level=1).inner_text()
    assert heading == "Check the changes before importing", secretariat.locator("main").inner_text()
    preview = secretariat.locator("main").inner_text()
    assert "What will change" in preview and "Actuals: 20 new, 0 changed" in preview
    assert "CS05 is cumulative (year to date) and has no profile for 2014/15" in preview
    assert "Defaults applied" in preview
    assert "CS02 — " in preview and "frequency Quarterly (left blank)" in preview
    assert "tolerance 5 (no column)" in preview
    screenshot(secretariat, "adoption-4-import-preview")
    assert Actual.objects.count() == 0  # the preview wrote nothing

    secretariat.get_by_role("button", name="Accept the warnings and import").click()
    secretariat.wait_for_url(lambda url: "/preview/" not in url)
    assert "Imported harlow-kpis.xlsx." in secretariat.get_by_role("alert").inner_text()
    screenshot(secretariat, "adoption-5-imported")
    assert Actual.objects.filter(target__agreement=agreement).count() == 20
    cs02 = Actual.objects.get(target__indicator__code="CS02", period="2014/15 Q4")
    assert str(cs02.value.normalize()) == "95.5"

    # 5. The scorecard for the year's last quarter rates every indicator.
    secretariat.goto("/indicators/scorecard/")
    secretariat.get_by_label("Period", exact=True).select_option(label="2014/15 Q4")
    secretariat.get_by_role("button", name="Apply filters").click()
    assert "2014/15 Q4" in secretariat.get_by_role("heading", level=1).inner_text()
    ratings = {}
    for code in ("CS01", "CS02", "CS05", "HS01", "EN01"):
        row = secretariat.locator(f'table.app-scorecard tr[data-code="{code}"]')
        assert row.count() == 1, code
        ratings[code] = row.locator('td[data-label="Rating"] strong.app-rag').inner_text()
    assert ratings == {
        "CS01": "Green",  # 1,390 against 1,500, lower is better
        "CS02": "Green",  # 95.5% against 90%
        "CS05": "Green",  # 100 against the profile's 110 by Q4, lower is better
        "HS01": "Red",  # 24.5 days against 20, beyond the 5% tolerance
        "EN01": "Amber",  # 44.0% against 45%, within the 5% tolerance
    }
    summary = secretariat.locator("#summary").inner_text()
    assert summary.startswith("5 targets:"), summary
    screenshot(secretariat, "adoption-6-scorecard")
