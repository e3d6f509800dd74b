"""Start an agreement from the command line, as a site administrator does on
/agreement/start/: the same checks, the same records.

    manage.py start_agreement --name "Suffolk LAA 2008–11" --area-code 42 \
        --area-name Suffolk --area-kind county --starts-on 2008-04-01 \
        --ends-on 2011-03-31 --period-type quarterly \
        --governance-name "Suffolk Public Sector Leaders" --governance-kind board \
        --secretariat-name "Jo Bloggs" --secretariat-email jo@example.gov.uk \
        --secretariat-organisation "Suffolk County Council"

An existing county or unitary area is used when --area-code names one.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerships.actions import agreement_start
from partnerships.models import Area
from partnerships.setup_forms import AgreementStartForm

OPTIONS = [
    "name",
    "area_name",
    "area_code",
    "area_kind",
    "starts_on",
    "ends_on",
    "period_type",
    "governance_name",
    "governance_kind",
    "secretariat_name",
    "secretariat_email",
    "secretariat_organisation",
]


class Command(BaseCommand):
    help = "Start an agreement with its governance body and first secretariat member."

    def add_arguments(self, parser: CommandParser) -> None:
        for option in OPTIONS:
            parser.add_argument("--" + option.replace("_", "-"), default="")
        parser.set_defaults(area_kind="county", period_type="quarterly")
        parser.set_defaults(governance_kind="management_group")

    def handle(self, *args: Any, **options: Any) -> None:
        data = {name: options[name] for name in OPTIONS}
        existing = Area.objects.filter(
            code__iexact=data["area_code"], kind__in=[Area.Kind.COUNTY, Area.Kind.UNITARY]
        ).first()
        if existing is not None:
            data.update(area=existing.pk, area_name="", area_code="")
        form = AgreementStartForm(data)
        if not form.is_valid():
            problems = [
                f"{name.replace('_', '-') if name != '__all__' else 'error'}: {message}"
                for name, messages in form.errors.items()
                for message in messages
            ]
            raise CommandError("\n".join(problems))
        clean = form.cleaned_data
        agreement, person = agreement_start(
            name=clean["name"],
            area=clean["area"],
            new_area=(clean["area_name"].strip(), clean["area_code"].strip(), clean["area_kind"]),
            starts_on=clean["starts_on"],
            ends_on=clean["ends_on"],
            period_type=clean["period_type"],
            governance_name=clean["governance_name"],
            governance_kind=clean["governance_kind"],
            secretariat_name=clean["secretariat_name"],
            secretariat_email=clean["secretariat_email"],
            organisation_name=clean["secretariat_organisation"],
            by=None,
        )
        self.stdout.write(
            f"Started {agreement}; {person} ({person.email}) is its secretariat: invited by e-mail."
        )
