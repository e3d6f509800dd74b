"""The Excel ledger and the statement of grant use: they open, and they add up."""

import io
from decimal import Decimal

import pdfplumber
import pytest
from openpyxl import load_workbook

from funding.models import Bid, CarryForward, Spend
from tests.funding.factories import make_allocation, make_bid, make_fund

pytestmark = pytest.mark.django_db

COLUMNS = ["Indicative", "Bids", "Gap (bids − indicative)", "Approved", "Spent",
           "Carried forward"]  # fmt: skip


def money(value: object) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.fixture
def ledger_data(world):
    prg = make_fund(world.essex, "PRG", deciding_body=world.pmg)
    abg = make_fund(world.essex, "ABG", kind="abg")
    make_allocation(prg, world.safer, "610000")
    make_allocation(abg, world.cwop, "100000.33", "2009/10")
    make_bid(world.safer, prg, {"": "902000"}, Bid.Status.ENDORSED, title="Schemes")
    idva = make_bid(world.safer, prg, {"2009/10": "157540", "2010/11": "157540"},
                    Bid.Status.APPROVED, title="IDVA")  # fmt: skip
    make_bid(world.cwop, abg, {"2009/10": "0.67"}, Bid.Status.APPROVED, title="Falls")
    make_bid(world.cwop, abg, {"2009/10": "999"}, title="A draft")
    award = idva.awards.get(year="2009/10")
    for quarter in (1, 2):
        Spend.objects.create(award=award, quarter=quarter, amount=Decimal("39385.00"))
    CarryForward.objects.create(
        fund=abg, partnership=world.cwop, from_year="2009/10", to_year="2010/11",
        amount=Decimal("1234.56"), rule="Still needed", agreed_by=world.pmg,
        agreed_on="2010-05-06",
    )  # fmt: skip
    return idva


def _sheet(workbook, name):
    rows = list(workbook[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_the_ledger_opens_and_every_column_adds_up_to_its_total(world, as_user, ledger_data):
    response = as_user(world.observer).get("/funding/ledger.xlsx")
    assert response["Content-Disposition"].startswith('attachment; filename="funding-ledger-')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Position", "Totals", "Bids", "Decisions", "Awards", "Spend"]
    header, rows = _sheet(workbook, "Position")
    *lines, totals = rows
    assert totals[0] == "Total"
    for column in COLUMNS:
        i = header.index(column)
        assert all(isinstance(row[i], int | float) for row in rows), column
        assert sum(money(row[i]) for row in lines) == money(totals[i]), column
    figures = {column: money(totals[header.index(column)]) for column in COLUMNS}
    assert figures == {
        "Indicative": Decimal("710000.33"),
        "Bids": Decimal("1217080.67"),  # 902,000 + 315,080 + 0.67; the draft is not counted
        "Gap (bids − indicative)": Decimal("507080.34"),
        "Approved": Decimal("315080.67"),
        "Spent": Decimal("78770.00"),
        "Carried forward": Decimal("1234.56"),
    }
    # Each partnership and fund's total over all years, adding up to the same total.
    header, rows = _sheet(workbook, "Totals")
    *groups, grand = rows
    assert [g[:2] for g in groups] == [
        ("Community Wellbeing and Older People", "ABG"), ("Safer Essex", "PRG"),
    ]  # fmt: skip
    for column in COLUMNS:
        i = header.index(column)
        assert sum(money(g[i]) for g in groups) == money(grand[i]) == figures[column], column
    # The detail sheets add up to the position's totals.
    header, awards = _sheet(workbook, "Awards")
    assert sum(money(r[header.index("Awarded")]) for r in awards) == figures["Approved"]
    header, spend = _sheet(workbook, "Spend")
    assert sum(money(r[header.index("Spent")]) for r in spend) == figures["Spent"]
    header, bids = _sheet(workbook, "Bids")
    considered = [r for r in bids if r[header.index("Status")] != "Draft"]
    assert sum(money(r[header.index("Amount")]) for r in considered) == figures["Bids"]


def test_the_ledger_holds_only_the_persons_own_agreement(world, as_user, ledger_data):
    workbook = load_workbook(
        io.BytesIO(as_user(world.outsider).get("/funding/ledger.xlsx").content)
    )
    _, rows = _sheet(workbook, "Bids")
    assert rows == []
    assert as_user(None).get("/funding/ledger.xlsx").status_code == 302


def test_the_statement_pdf_shows_the_years_awards_spend_and_carry_forward(
    world, as_user, ledger_data
):
    response = as_user(world.secretariat).get("/funding/statement.pdf?year=2009/10")
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Statement of grant use, 2009/10" in text
    assert "Safer Essex: IDVA" in text
    # awarded, Q1, Q2, Q3, Q4, spent, unspent
    assert "£157,540.00 £39,385.00 £39,385.00 £0.00 £0.00 £78,770.00 £78,770.00" in text
    assert "Total £157,540.67" in text
    assert "£1,234.56 carried into 2010/11" in text
    assert "I certify that" in text and "Signed:" in text
