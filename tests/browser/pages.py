"""Every main page, and who looks at it. The accessibility sweep visits each page as each
persona listed, on the demo agreements, and saves a screenshot of each.

Adding a page is one line in PAGES. A path may name demo records as `{safer}`,
`{lead_person}`, … (see `demo_ids` in conftest.py; add a line there for a new record).
`later=True` marks a page whose feature is still being built: while its URL answers 404 it
is skipped as "feature not built yet"; as soon as it exists it is checked like the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

# Demo sign-ins (password "demo"), by the persona names used across the tests.
PERSONAS: dict[str, str | None] = {
    "anonymous": None,
    "secretariat": "secretariat@demo.test",
    "lead": "lead@demo.test",  # Safer Essex lead
    "other_lead": "lead2@demo.test",  # CWOP lead
    "chair": "chair@demo.test",
    "observer": "observer@demo.test",
    "outsider": "hereford@demo.test",  # Herefordshire: sees nothing of Essex
}

ANONYMOUS = ("anonymous",)
ESSEX = ("secretariat", "lead", "other_lead", "chair", "observer")
SIGNED_IN = (*ESSEX, "outsider")
SAFER_EDITORS = ("secretariat", "lead")


@dataclass(frozen=True)
class Page:
    path: str
    who: tuple[str, ...] = SIGNED_IN
    status: int = 200
    later: bool = False


PAGES = [
    # Public pages
    Page("/accounts/login/", ANONYMOUS),
    Page("/accounts/password_reset/", ANONYMOUS),
    Page("/accessibility/", ANONYMOUS),
    Page("/help/", ANONYMOUS),
    # The agreement, its partnerships and people
    Page("/"),
    Page("/my-updates/"),
    Page("/partnerships/"),
    Page("/partnerships/{safer}/", ESSEX),
    Page("/partnerships/{safer}/edit/", SAFER_EDITORS),
    Page("/partnerships/{safer}/members/add/", SAFER_EDITORS),
    Page("/people/"),
    Page("/people/?q=police", ESSEX[:1]),
    Page("/people/?q=nobody-matches-this", ESSEX[:1]),
    Page("/people/{lead_person}/", ESSEX),
    Page("/organisations/"),
    Page("/organisations/{organisation}/", ESSEX),
    Page("/agreement/"),
    Page("/accounts/password_change/", ESSEX[:1]),
    # Refusals must be readable too
    Page("/partnerships/{safer}/edit/", ("observer",), status=403),
    Page("/partnerships/{safer}/", ("outsider",), status=404),
    # Features being built (issues 3-7): checked as soon as their URL answers
    Page("/indicators/", later=True),
    Page("/indicators/scorecard/", later=True),
    Page("/indicators/exceptions/", later=True),
    Page("/indicators/highlight/", ESSEX, later=True),
    Page("/plans/", later=True),
    Page("/plans/thread/", ESSEX, later=True),
    Page("/meetings/", later=True),
    Page("/funding/", later=True),
]
