"""Every sentence of every source document is printed back by the app from the demo, or is
listed in docs/seeds.md with the reason it is not (bench/seed_compare.py compares)."""

import re

import pytest
from django.core.management import call_command

from bench.seed_compare import DOCS, SEED_DOCUMENTS, compare, compare_all, sentences
from demo.timeline import DEMO_AS_AT

LISTED = re.compile(r'^- "(?P<sentence>.+)" — (?P<reason>.+)$')


def listed_in_docs() -> dict[str, set[str]]:
    """docs/seeds.md: under each "## … (file)" heading, the sentences not reproduced."""
    listed: dict[str, set[str]] = {}
    current = None
    for line in DOCS.read_text().splitlines():
        heading = re.match(r"^## .*\((?P<file>[\w.-]+\.txt)\)$", line)
        if heading:
            current = listed.setdefault(heading["file"], set())
        elif current is not None and (match := LISTED.match(line)):
            current.add(match["sentence"])
    return listed


@pytest.mark.django_db
def test_each_seed_sentence_is_reproduced_or_listed_with_its_reason(settings):
    settings.DEBUG = True
    settings.GOLDEN_THREAD_TODAY = DEMO_AS_AT
    call_command("seed_demo", verbosity=0)

    results = compare_all()
    listed = listed_in_docs()

    assert {r.seed.file for r in results} == {s.file for s in SEED_DOCUMENTS}
    for result in results:
        documented = listed.get(result.seed.file, set())
        assert set(result.missing) - documented == set(), f"{result.seed.file}: not listed"
        assert documented - set(result.missing) == set(), f"{result.seed.file}: now reproduced"
        # Most of each document comes back; the list is of exceptions.
        assert len(result.missing) <= result.total // 4, result.seed.file


def test_a_sentence_is_found_as_written_with_small_changes_or_missing():
    seed = SEED_DOCUMENTS[0]
    text = (
        "**Agreed:** Minutes of the February meeting were approved.\n"
        "- Sam Grant was confirmed as the new lead for the block.\n"
        "The Group noted the report on the carers' indicator."
    )
    printed = (
        "Agreed: Minutes of the February  meeting were approved. "
        "Sam Grant was confirmed as the new lead for the Safer block."
    )
    result = compare(seed, text, printed)
    assert result.exact == ["Agreed: Minutes of the February meeting were approved."]
    assert result.close == ["Sam Grant was confirmed as the new lead for the block."]
    assert result.missing == ["The Group noted the report on the carers' indicator."]


def test_sentences_drop_bullets_numbering_and_single_words():
    assert sentences("1) Overall progress\n\nAmber\n- It went well. Then it rained.") == [
        "It went well.",
        "Then it rained.",
    ]
