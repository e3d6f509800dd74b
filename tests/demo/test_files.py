"""The demo's data files read into their dataclasses, and a mistake in one is caught with
its place in the file. No database."""

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pytest

from demo import files
from demo.funding import funding_facts
from demo.meetings import EARLIER_MEETINGS, SEEDED_MEETINGS, forward_plans_data, meeting_data
from demo.partnerships import ESSEX, partnerships_data


@dataclass(frozen=True)
class Row:
    name: str
    on: dt.date
    amount: Decimal | None = None
    kind: Literal["a", "b"] = "a"
    tags: tuple[str, ...] = ()


def read(tmp_path, monkeypatch, content: object) -> Row:
    (tmp_path / "row.json").write_text(json.dumps(content))
    monkeypatch.setattr(files, "DATA", tmp_path)
    return files.data_read("row.json", Row)


def test_every_data_file_reads_and_names_only_what_it_holds():
    data = partnerships_data()
    for slug, name in data.logins.values():
        assert name in {person.name for person in data.people[slug]}
    assert data.agreements[0].slug == ESSEX
    for key in EARLIER_MEETINGS + SEEDED_MEETINGS:
        meeting = meeting_data(key)
        assert meeting.key == key
        assert all(a.person for a in meeting.attendance)
    assert meeting_data("essex-pmg-2009-03-27").items[0].decisions
    assert forward_plans_data()[0].source_meeting == "essex-pmg-2009-03-27"
    assert funding_facts()["se-idva-2009-10"].amount == Decimal("157540")


def test_a_row_takes_its_defaults_and_skips_comments(tmp_path, monkeypatch):
    row = read(tmp_path, monkeypatch, {"_comment": "why", "name": "x", "on": "2009-03-27"})
    assert row == Row("x", dt.date(2009, 3, 27))


def test_money_keeps_its_places(tmp_path, monkeypatch):
    row = read(tmp_path, monkeypatch, {"name": "x", "on": "2009-03-27", "amount": "39385.00"})
    assert str(row.amount) == "39385.00"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"name": "x", "on": "2009-03-27", "colour": "red"}, "only the fields of Row"),
        ({"name": "x"}, "the fields ['on']"),
        ({"name": "x", "on": "2009-03-27", "kind": "c"}, "row.json.kind: expected one of"),
        ({"name": "x", "on": "2009-03-27", "tags": ["a", 1]}, "row.json.tags[1]: expected str"),
        ({"name": 1, "on": "2009-03-27"}, "row.json.name: expected str"),
        ({"name": "x", "on": 2009}, "row.json.on: expected a date as text"),
    ],
)
def test_a_mistake_is_reported_with_its_place(tmp_path, monkeypatch, content, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        read(tmp_path, monkeypatch, content)
