"""A partnership's next meeting now comes from its meetings (plans/due.py). The date that
was kept in step with them, or typed on the plan page, becomes an override set by hand:
renamed, so every row keeps its date. A date the meetings themselves hold (the partnership
has a meeting that day) was theirs, not an override, so it is cleared."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef

FIELD = models.DateField(
    blank=True,
    null=True,
    verbose_name="next meeting (set by hand)",
    help_text="Used in place of the next meeting booked in the meetings pages, for the "
    "workplan update deadline, until the day passes. Leave empty to follow the meetings.",
)


def forget_dates_the_meetings_hold(apps, schema_editor):
    Partnership = apps.get_model("partnerships", "Partnership")
    Meeting = apps.get_model("meetings", "Meeting")
    held = Meeting.objects.filter(
        partnership=OuterRef("pk"), date=OuterRef("next_meeting_override")
    )
    Partnership.objects.filter(Exists(held)).update(next_meeting_override=None)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0006_plans_moved"),
        ("meetings", "0005_plans_moved"),
    ]

    operations = [
        migrations.RenameField("partnership", "next_meeting_on", "next_meeting_override"),
        migrations.RenameField("historicalpartnership", "next_meeting_on", "next_meeting_override"),
        migrations.AlterField("partnership", "next_meeting_override", FIELD),
        migrations.AlterField("historicalpartnership", "next_meeting_override", FIELD),
        migrations.RunPython(forget_dates_the_meetings_hold, migrations.RunPython.noop),
    ]
