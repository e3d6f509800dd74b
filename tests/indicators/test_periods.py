from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import (
    Frequency,
    Period,
    financial_year_of,
    period_for,
    periods_between,
    periods_in_year,
)

AGREEMENT_START = date(2008, 4, 1)
AGREEMENT_END = date(2011, 3, 31)

days = st.dates(min_value=date(1950, 4, 1), max_value=date(2098, 3, 31))
frequencies = st.sampled_from(list(Frequency))
periods = st.builds(period_for, days, frequencies)


# Parsing -----------------------------------------------------------------------------


def test_a_year_label_is_the_financial_year_from_april_to_march():
    period = Period.parse("2009/10")

    assert period.kind is Frequency.ANNUAL
    assert (period.start, period.end) == (date(2009, 4, 1), date(2010, 3, 31))


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2009/10 Q1", date(2009, 4, 1), date(2009, 6, 30)),
        ("2009/10 Q2", date(2009, 7, 1), date(2009, 9, 30)),
        ("2009/10 Q3", date(2009, 10, 1), date(2009, 12, 31)),
        ("2009/10 Q4", date(2010, 1, 1), date(2010, 3, 31)),
    ],
)
def test_quarters_count_from_april(label, start, end):
    period = Period.parse(label)

    assert period.kind is Frequency.QUARTERLY
    assert (period.start, period.end) == (start, end)


def test_a_month_label_is_the_calendar_month():
    period = Period.parse("2009-04")

    assert period.kind is Frequency.MONTHLY
    assert (period.start, period.end) == (date(2009, 4, 1), date(2009, 4, 30))


def test_february_ends_on_the_29th_in_a_leap_year():
    assert Period.parse("2008-02").end == date(2008, 2, 29)
    assert Period.parse("2009-02").end == date(2009, 2, 28)


def test_the_year_that_spans_a_century_is_labelled_99_00():
    period = Period.parse("1999/00")

    assert period.end == date(2000, 3, 31)
    assert period.label == "1999/00"


@pytest.mark.parametrize("label", [" 2009/10 Q1 ", "2009/10 q1", "2009/10\tQ1", "2009/10  Q1"])
def test_parsing_forgives_whitespace_and_a_lower_case_q(label):
    assert Period.parse(label) == Period.of_quarter(2009, 1)


@pytest.mark.parametrize(
    "label",
    [
        "2009/13",
        "2009/11",
        "2009/09",
        "2009/10 Q0",
        "2009/10 Q5",
        "2009/10Q1",
        "2009/10 Q",
        "2009/10 Q12",
        "2009-00",
        "2009-13",
        "2009-4",
        "09/10",
        "2009/2010",
        "Q1 2009/10",
        "2009",
        "",
        "   ",
        "April 2009",
        "२००९/१०",
    ],
)
def test_a_bad_label_is_refused_in_plain_words(label):
    with pytest.raises(ValueError) as error:
        Period.parse(label)

    assert str(error.value) == (
        f"'{label.strip()}' is not a period: use 2009/10, 2009/10 Q1 or 2009-04"
    )


def test_the_message_quotes_the_label_as_typed():
    with pytest.raises(ValueError, match=r"^'2009/13' is not a period: use 2009/10, "):
        Period.parse("  2009/13 ")


def test_a_year_label_can_be_read_as_a_biennial_survey_year():
    survey = Period.parse("2008/09", Frequency.BIENNIAL)

    assert survey.kind is Frequency.BIENNIAL
    assert survey.label == "2008/09"
    assert (survey.start, survey.end) == (date(2008, 4, 1), date(2009, 3, 31))


def test_parsing_with_a_kind_refuses_a_label_of_another_kind():
    with pytest.raises(ValueError, match=r"^'2009-04' is not a quarterly period: use 2009/10 Q1$"):
        Period.parse("2009-04", Frequency.QUARTERLY)
    with pytest.raises(ValueError, match=r"^'2009/10 Q1' is not an annual period: use 2009/10$"):
        Period.parse("2009/10 Q1", Frequency.ANNUAL)


def test_parsing_with_the_matching_kind_gives_the_same_period():
    assert Period.parse("2009-04", Frequency.MONTHLY) == Period.of_month(2009, 4)
    assert Period.parse("2009/10", "annual") == Period.of_year(2009)


# Building and labelling ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period.of_month(2010, 1), "2010-01"),
        (Period.of_quarter(2009, 4), "2009/10 Q4"),
        (Period.of_year(2009), "2009/10"),
        (Period.of_year(2008, Frequency.BIENNIAL), "2008/09"),
    ],
)
def test_every_kind_has_its_label(period, label):
    assert period.label == label
    assert str(period) == label


def test_a_period_that_does_not_line_up_with_the_year_is_refused():
    with pytest.raises(ValueError, match="not a quarterly period"):
        Period(Frequency.QUARTERLY, date(2009, 5, 1), date(2009, 7, 31))
    with pytest.raises(ValueError, match="not an annual period"):
        Period(Frequency.ANNUAL, date(2009, 1, 1), date(2009, 12, 31))
    with pytest.raises(ValueError, match="not a monthly period"):
        Period(Frequency.MONTHLY, date(2009, 4, 1), date(2009, 4, 29))


def test_a_kind_given_as_a_string_becomes_a_frequency():
    period = Period("quarterly", date(2009, 4, 1), date(2009, 6, 30))

    assert period.kind is Frequency.QUARTERLY
    assert period == Period.of_quarter(2009, 1)


def test_quarter_five_does_not_exist():
    with pytest.raises(ValueError, match="quarters run 1 to 4"):
        Period.of_quarter(2009, 5)


def test_a_year_must_be_annual_or_biennial():
    with pytest.raises(ValueError, match="annual or biennial"):
        Period.of_year(2009, Frequency.QUARTERLY)


def test_frequencies_compare_equal_to_their_stored_values():
    assert Frequency.QUARTERLY == "quarterly"
    assert Frequency.BIENNIAL.label == "Biennial"


# Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "quarter", "months"),
    [
        ("2009-04", 1, 1),
        ("2009-06", 1, 3),
        ("2009-07", 2, 4),
        ("2009-12", 3, 9),
        ("2010-01", 4, 10),
        ("2010-03", 4, 12),
        ("2009/10 Q1", 1, 3),
        ("2009/10 Q2", 2, 6),
        ("2009/10 Q3", 3, 9),
        ("2009/10 Q4", 4, 12),
        ("2009/10", None, 12),
    ],
)
def test_quarter_and_months_into_the_year(label, quarter, months):
    period = Period.parse(label)

    assert period.quarter == quarter
    assert period.months_into_year == months


def test_fraction_of_year_elapsed_at_the_half_year_is_a_half():
    assert Period.parse("2009/10 Q2").fraction_of_year_elapsed == Decimal("0.5")
    assert Period.parse("2009/10").fraction_of_year_elapsed == 1


@pytest.mark.parametrize("label", ["2010-02", "2009/10 Q4", "2009/10", "2009-04"])
def test_every_period_knows_its_financial_year(label):
    assert Period.parse(label).financial_year == Period.of_year(2009)
    assert Period.parse(label).fy == 2009


def test_a_survey_years_financial_year_is_the_annual_period():
    survey = Period.of_year(2008, Frequency.BIENNIAL)

    assert survey.financial_year == Period.of_year(2008)


def test_financial_year_of_a_date_turns_on_the_first_of_april():
    assert financial_year_of(date(2010, 3, 31)) == 2009
    assert financial_year_of(date(2010, 4, 1)) == 2010


def test_contains_includes_both_ends():
    quarter = Period.parse("2009/10 Q3")

    assert quarter.contains(date(2009, 10, 1))
    assert quarter.contains(date(2009, 12, 31))
    assert not quarter.contains(date(2009, 9, 30))
    assert not quarter.contains(date(2010, 1, 1))


def test_a_period_has_ended_only_after_its_last_day():
    quarter = Period.parse("2009/10 Q1")

    assert not quarter.has_ended(date(2009, 6, 29))
    assert not quarter.has_ended(date(2009, 6, 30))
    assert quarter.has_ended(date(2009, 7, 1))


# Moving --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "previous"),
    [
        ("2009/10 Q1", "2008/09 Q4"),
        ("2009/10 Q4", "2009/10 Q3"),
        ("2009-04", "2009-03"),
        ("2010-01", "2009-12"),
        ("2009/10", "2008/09"),
        ("2000/01", "1999/00"),
    ],
)
def test_previous_crosses_year_boundaries(label, previous):
    assert Period.parse(label).previous().label == previous
    assert Period.parse(previous).next().label == label


@pytest.mark.parametrize(
    ("label", "last_year"),
    [
        ("2009/10 Q1", "2008/09 Q1"),
        ("2009/10 Q4", "2008/09 Q4"),
        ("2009-04", "2008-04"),
        ("2010-01", "2009-01"),
        ("2009/10", "2008/09"),
    ],
)
def test_same_period_last_year(label, last_year):
    assert Period.parse(label).same_period_last_year() == Period.parse(last_year)


def test_a_survey_year_compares_with_the_survey_two_years_before():
    survey = Period.parse("2010/11", Frequency.BIENNIAL)

    assert survey.previous() == Period.parse("2008/09", Frequency.BIENNIAL)
    assert survey.same_period_last_year() == survey.previous()
    assert survey.next().label == "2012/13"


def test_periods_sort_by_start_then_shortest_first():
    shuffled = [
        Period.parse("2009/10"),
        Period.parse("2009/10 Q2"),
        Period.parse("2008/09 Q4"),
        Period.parse("2009/10 Q1"),
        Period.parse("2009-04"),
        Period.parse("2009-05"),
    ]

    assert [p.label for p in sorted(shuffled)] == [
        "2008/09 Q4",
        "2009-04",
        "2009/10 Q1",
        "2009/10",
        "2009-05",
        "2009/10 Q2",
    ]


def test_comparing_a_period_with_something_else_is_a_type_error():
    with pytest.raises(TypeError):
        _ = Period.parse("2009/10") < "2009/10"


def test_periods_can_key_a_dict():
    actuals = {Period.parse("2009/10 Q1"): Decimal(5)}

    assert actuals[Period.of_quarter(2009, 1)] == 5


# Helpers -------------------------------------------------------------------------------


def test_an_agreement_from_2008_to_2011_has_twelve_quarters():
    quarters = periods_between(AGREEMENT_START, AGREEMENT_END, Frequency.QUARTERLY)

    assert len(quarters) == 12
    assert quarters[0].label == "2008/09 Q1"
    assert quarters[-1].label == "2010/11 Q4"


def test_an_agreement_from_2008_to_2011_has_thirty_six_months_and_three_years():
    assert len(periods_between(AGREEMENT_START, AGREEMENT_END, Frequency.MONTHLY)) == 36
    years = periods_between(AGREEMENT_START, AGREEMENT_END, Frequency.ANNUAL)
    assert [y.label for y in years] == ["2008/09", "2009/10", "2010/11"]


def test_an_agreement_from_2008_to_2011_has_two_survey_years():
    surveys = periods_between(AGREEMENT_START, AGREEMENT_END, Frequency.BIENNIAL)

    assert [s.label for s in surveys] == ["2008/09", "2010/11"]


def test_periods_between_includes_periods_only_partly_inside():
    quarters = periods_between(date(2009, 5, 15), date(2009, 7, 1), Frequency.QUARTERLY)

    assert [q.label for q in quarters] == ["2009/10 Q1", "2009/10 Q2"]


def test_periods_between_refuses_an_end_before_the_start():
    with pytest.raises(ValueError, match="before the start"):
        periods_between(AGREEMENT_END, AGREEMENT_START, Frequency.QUARTERLY)


def test_periods_in_a_year():
    assert [p.label for p in periods_in_year("2009/10", Frequency.QUARTERLY)] == [
        "2009/10 Q1",
        "2009/10 Q2",
        "2009/10 Q3",
        "2009/10 Q4",
    ]
    months = periods_in_year("2009/10", Frequency.MONTHLY)
    assert [months[0].label, months[-1].label, len(months)] == ["2009-04", "2010-03", 12]
    assert periods_in_year("2009/10", Frequency.ANNUAL) == [Period.of_year(2009)]
    assert periods_in_year(Period.of_year(2008), Frequency.BIENNIAL) == [
        Period.of_year(2008, Frequency.BIENNIAL)
    ]


def test_periods_in_year_accepts_any_period_of_the_year():
    assert periods_in_year("2010-02", Frequency.QUARTERLY) == periods_in_year(
        "2009/10", Frequency.QUARTERLY
    )


@pytest.mark.parametrize(
    ("day", "frequency", "label"),
    [
        (date(2010, 3, 31), Frequency.MONTHLY, "2010-03"),
        (date(2010, 3, 31), Frequency.QUARTERLY, "2009/10 Q4"),
        (date(2010, 3, 31), Frequency.ANNUAL, "2009/10"),
        (date(2010, 4, 1), Frequency.QUARTERLY, "2010/11 Q1"),
        (date(2009, 8, 15), Frequency.BIENNIAL, "2009/10"),
    ],
)
def test_period_for_a_date(day, frequency, label):
    period = period_for(day, frequency)

    assert period.label == label
    assert period.kind == frequency


# Properties ----------------------------------------------------------------------------


@given(periods)
def test_every_label_parses_back_to_its_period(period):
    kind = Frequency.BIENNIAL if period.kind is Frequency.BIENNIAL else None

    assert Period.parse(period.label, kind) == period


@given(days, frequencies)
def test_the_period_for_a_date_contains_it(day, frequency):
    period = period_for(day, frequency)

    assert period.contains(day)
    assert period.has_ended(period.end + timedelta(days=1))
    assert not period.has_ended(day)


@given(periods)
def test_previous_and_next_undo_each_other_and_touch(period):
    assert period.previous().next() == period
    assert period.next().previous() == period
    if period.kind is not Frequency.BIENNIAL:
        assert period.previous().end + timedelta(days=1) == period.start


@given(periods)
def test_same_period_last_year_is_a_year_earlier(period):
    last_year = period.same_period_last_year()

    assert last_year.kind is period.kind
    if period.kind is not Frequency.BIENNIAL:
        assert last_year.start == period.start.replace(year=period.start.year - 1)
        assert last_year.quarter == period.quarter
        assert last_year.fy == period.fy - 1


@given(periods)
def test_every_period_lies_inside_its_financial_year(period):
    year = period.financial_year

    assert year.contains(period.start)
    assert year.contains(period.end)
    assert period in periods_in_year(year, period.kind)
