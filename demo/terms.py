"""Terms of reference for the Essex and Herefordshire PMGs (issue 21, part 4), from what
their minutes imply: who is a member (the attendance and apologies lists), and that a
substitute may stand in (Jan Plummer for Gwyn Owen on 27 March 2009; Richard Lawrence for
Lucy Phillips on 6 May 2009). The seeds give no quorum rule: the count is the partnership's
demo quorum, and the note says it is illustrative.

Idempotent: a second run writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetings.models import ExpectedMember, TermsOfReference
from partnerships.models import Agreement, Organisation, Partnership, Person

ILLUSTRATIVE = "Illustrative: not in the source documents"


@dataclass(frozen=True)
class TermsSpec:
    agreement: str
    partnership: str
    # (organisation name, seats) or (None, person name): as the minutes list them.
    organisations: tuple[tuple[str, int], ...]
    people: tuple[str, ...]
    note: str


TERMS = (
    TermsSpec(
        agreement="essex-laa-2008-11",
        partnership="essex-pmg",
        organisations=(),
        # The seeds give the PMG's members by their partnership role, most without an
        # organisation: the chair and the thematic partnership and LSP leads.
        people=(
            "Ewen Wilson",
            "Alan Dawkes",
            "Gwyn Owen",
            "Loretta Sollars",
            "Peter Featherstone",
            "Louise Aiken",
            "Miriam Stead",
            "Kathryn Berry",
            "Marina Sherriff",
            "Cheryl Milton-White",
        ),
        note="Members: the chair and the thematic partnership and LSP leads listed as present "
        "or sending apologies in the minutes of 27 March 2009; substitutes allowed, as Jan "
        "Plummer stood in for Gwyn Owen. "
        f"The quorum of 5 and that the chair need not be present: {ILLUSTRATIVE}.",
    ),
    TermsSpec(
        agreement="herefordshire-laa-2008-11",
        partnership="herefordshire-pmg",
        organisations=(
            ("Herefordshire Council", 2),
            ("Fire and Rescue Service", 1),
            ("West Mercia Constabulary", 1),
            ("Voluntary Sector Assembly", 1),
            ("Herefordshire Association of Local Councils", 1),
            ("Learning and Skills Council", 1),
            ("Advantage West Midlands", 1),
        ),
        # Members the seeds name by theme, not organisation.
        people=("Paul Baker", "Natalia Silver", "Chris Baird", "Ian Williams"),
        note="Members: those listed as present or sending apologies in the minutes of 6 May "
        "2009, by organisation where the minutes give one (Herefordshire Council's two seats: "
        "the Leader and Chris Bull); substitutes allowed, as Richard Lawrence attended for "
        "Lucy Phillips. "
        f"The quorum of 5 and that the chair need not be present: {ILLUSTRATIVE}.",
    ),
)


def terms_load(*, agreements: dict[str, Agreement]) -> None:
    for spec in TERMS:
        agreement = agreements.get(spec.agreement)
        if agreement is not None:
            _load(agreement, spec)


def _load(agreement: Agreement, spec: TermsSpec) -> None:
    partnership = Partnership.objects.get(agreement=agreement, slug=spec.partnership)
    wanted = {
        "quorum_rule": TermsOfReference.QuorumRule.COUNT,
        "quorum_count": partnership.quorum,
        "chair_required": False,
        "substitutes_allowed": True,
        "note": spec.note,
    }
    terms = TermsOfReference.objects.filter(partnership=partnership).first()
    if terms is None:
        terms = TermsOfReference.objects.create(partnership=partnership, **wanted)
    elif any(getattr(terms, k) != v for k, v in wanted.items()):
        for k, v in wanted.items():
            setattr(terms, k, v)
        terms.save()
    rows = [
        (Organisation.objects.get(agreement=agreement, name=name).pk, None, seats)
        for name, seats in spec.organisations
    ] + [(None, Person.objects.get(agreement=agreement, name=name).pk, 1) for name in spec.people]
    have = list(terms.expected_members.values_list("organisation_id", "person_id", "seats"))
    if have != rows:
        terms.expected_members.all().delete()
        for organisation_id, person_id, seats in rows:
            ExpectedMember.objects.create(
                terms=terms, organisation_id=organisation_id, person_id=person_id, seats=seats
            )
