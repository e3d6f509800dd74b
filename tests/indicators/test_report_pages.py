"""Long reports come a page at a time (issue 19): no report page over 500 KB, and every
exception, every target and every overdue return still one link away from any page."""

import re

import pytest

from bench.make_large_agreement import populate
from indicators.reports import build_exceptions
from indicators.reports import html as pages_module
from indicators.reports.html import Pages, page_href, page_number

pytestmark = pytest.mark.django_db

EXCEPTION_ROW = re.compile(r'<tr class="govuk-table__row[^"]*" data-code="([^"]+)" data-section="')
SCORECARD_ROW = re.compile(r'<tr class="govuk-table__row" data-code="([^"]+)" data-rating="')
RETURN_LINK = re.compile(r'<a class="govuk-link" href="(/indicators/targets/\d+/returns/[^"]+)">')


def hrefs(text: str, label: str) -> dict[int, str]:
    """{page number: link} of the pagination named `label`."""
    nav = re.search(rf'<nav class="govuk-pagination[^"]*" aria-label="{label}">(.*?)</nav>', text)
    assert nav, f"no {label} on the page"
    found = re.findall(r'href="([^"]+)" aria-label="Page (\d+)"', nav[1])
    return {int(number): href.replace("&amp;", "&") for href, number in found}


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 4 exceptions, 3 overdue targets and 7 scorecard rows, so a few dozen
    targets make several pages."""
    monkeypatch.setattr(pages_module, "EXCEPTIONS_PER_PAGE", 4)
    monkeypatch.setattr(pages_module, "OVERDUE_TARGETS_PER_PAGE", 3)
    monkeypatch.setattr(pages_module, "SCORECARD_PER_PAGE", 7)


def test_every_exception_is_on_exactly_one_page_reached_from_the_first(world, as_user, small_pages):
    populate(world.essex, targets=30, quarters=4, districts=2)
    report = build_exceptions(agreement=world.essex)
    expected = [row.code for row in report.rows]
    assert len(expected) > 8  # three pages or more
    client = as_user(world.chair)
    first = client.get("/indicators/exceptions/")
    links = hrefs(first.text, "Pages of exceptions")
    assert sorted(links) == list(range(1, -(-len(expected) // 4) + 1))
    seen = []
    for number, href in sorted(links.items()):
        page = client.get(f"/indicators/exceptions/{href.split('#')[0]}")
        assert page.status_code == 200
        assert f"this is page {number} of {len(links)}" in page.text
        # The current page is marked for screen readers, and every page keeps the summary.
        assert re.search(rf'aria-label="Page {number}" aria-current="page"', page.text)
        assert f"{len(expected)} targets need attention" in page.text
        seen += EXCEPTION_ROW.findall(page.text)
    assert seen == expected  # each once, in report order


def test_a_section_on_another_page_is_linked_from_the_contents(world, as_user, small_pages):
    populate(world.essex, targets=30, quarters=4, districts=2)
    report = build_exceptions(agreement=world.essex)
    client = as_user(world.chair)
    start = 0
    for section in report.sections:
        if section.rows and start >= 4:  # first shown after page 1
            break
        start += len(section.rows)
    else:
        pytest.skip("every section starts on the first page")
    page_one = client.get("/indicators/exceptions/").text
    link = re.search(rf'<a class="govuk-link" href="([^"]+)">{section.title}</a>', page_one)
    assert link and link[1].endswith(f"page={start // 4 + 1}#{section.key}")
    target_page = client.get(f"/indicators/exceptions/{link[1].replace('&amp;', '&')}").text
    assert f'data-code="{section.rows[0].code}" data-section="{section.key}"' in target_page
    # Its heading is on every page, saying where its rows are.
    assert f'id="{section.key}"' in page_one


def test_every_overdue_return_is_reachable_a_page_of_targets_at_a_time(world, as_user, small_pages):
    populate(world.essex, targets=12, quarters=2, districts=0)
    client = as_user(world.chair)
    first = client.get("/indicators/exceptions/")
    heading = re.search(
        r'id="escalations">Overdue more than \d+ days at [^(]+\((\d+)\)', first.text
    )
    assert heading and int(heading[1]) > 0
    links = hrefs(first.text, "Pages of targets with overdue returns")
    assert len(links) > 1
    returns, targets = [], 0
    for href in links.values():
        assert href.endswith("#escalations")
        page = client.get(f"/indicators/exceptions/{href.split('#')[0]}").text
        section = page[page.index('id="escalations"') :]
        rows = section.count('data-escalated="return"')
        assert 0 < rows <= 3
        targets += rows
        returns += RETURN_LINK.findall(section)
    assert targets == 12
    assert len(returns) == len(set(returns)) == int(heading[1])  # no actions: all returns


def test_pages_past_the_last_or_not_numbers_show_a_real_page(world, as_user, small_pages):
    populate(world.essex, targets=30, quarters=4, districts=2)
    client = as_user(world.chair)
    last = max(hrefs(client.get("/indicators/exceptions/").text, "Pages of exceptions"))
    for asked, shown in (("0", 1), ("-3", 1), ("x", 1), ("999", last), ("99999999999", last)):
        response = client.get(f"/indicators/exceptions/?page={asked}&overdue={asked}")
        assert response.status_code == 200
        assert f"this is page {shown} of {last}" in response.text


def test_the_scorecard_continues_a_theme_on_the_next_page(world, as_user, small_pages):
    populate(world.essex, targets=30, quarters=4, districts=0)
    client = as_user(world.observer)
    first = client.get("/indicators/scorecard/").text
    links = hrefs(first, "Pages of the scorecard")
    codes = []
    for href in links.values():
        page = client.get(f"/indicators/scorecard/{href.split('#')[0]}").text
        rows = SCORECARD_ROW.findall(page)
        assert 0 < len(rows) <= 7
        codes += rows
    total = int(re.search(r"<strong>(\d+) targets?:</strong>", first)[1])
    assert total >= 30
    assert len(set(codes)) == len(codes) == total
    second = client.get("/indicators/scorecard/?page=2").text
    assert "(continued)</h2>" in second  # 7 rows a page split the five-target themes
    # The contents name every theme and the pages it is on.
    assert re.search(r"\(\d+, pages? \d+", first)


def test_a_page_that_fits_has_no_pagination(world, as_user):
    populate(world.essex, targets=10, quarters=4, districts=2)
    client = as_user(world.chair)
    for url in ("/indicators/exceptions/", "/indicators/scorecard/"):
        text = client.get(url).text
        assert "govuk-pagination" not in text
        assert "to a page" not in text


@pytest.mark.slow
def test_500_target_reports_are_each_under_500_kb(world, as_user):
    """The bench's agreement shape: 500 targets, a figure per district; the exception
    report was 2.2 MB on one page (its rows, a district table each and 5,500 overdue
    returns), the scorecard 765 KB."""
    populate(world.essex, targets=500, quarters=12, districts=12)
    client = as_user(world.chair)
    first = client.get("/indicators/exceptions/")
    pages = hrefs(first.text, "Pages of exceptions")
    overdue = hrefs(first.text, "Pages of targets with overdue returns")
    sizes = [
        len(client.get(f"/indicators/exceptions/{h.split('#')[0]}").content) for h in pages.values()
    ]
    sizes += [
        len(client.get(f"/indicators/exceptions/{h.split('#')[0]}").content)
        for h in overdue.values()
    ]
    for url in (
        "/indicators/scorecard/",
        "/indicators/scorecard/?page=3",
        "/indicators/highlight/",
    ):
        sizes.append(len(client.get(url).content))
    assert max(sizes) < 500_000, sizes


def test_page_numbers_are_read_safely():
    assert [page_number(v) for v in (None, "", "x", "0", "-1", "2", " 3", "1e3")] == [
        1, 1, 1, 1, 1, 2, 3, 1,
    ]  # fmt: skip
    assert page_number("1000000") == pages_module.MAX_PAGE


def test_pages_count_and_clamp():
    pages = Pages(9, 40, 245)
    assert (pages.count, pages.number, pages.start, pages.stop) == (7, 7, 240, 245)
    assert pages.shown == "241–245 of 245"
    assert Pages(1, 40, 0).count == 1 and Pages(1, 40, 12).shown == "12"
    assert [pages.of(i) for i in (0, 39, 40, 244)] == [1, 1, 2, 7]


def test_page_links_keep_the_question_and_replace_the_page():
    assert page_href("period=2010%2F11+Q4&page=2&rating=red", "page", 3, "red") == (
        "?period=2010%2F11+Q4&amp;rating=red&amp;page=3#red"
    )
    assert page_href("", "overdue", 2) == "?overdue=2"
