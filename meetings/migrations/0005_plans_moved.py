"""Delivery plans moved to the plans app (plans/0001): the relations to them follow, in
state only (the tables and columns are unchanged)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_edit_versions"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="actionpoint",
                    name="plan_action",
                    field=models.ForeignKey(blank=True, editable=False, help_text="The delivery plan action it was turned into.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="action_points", to="plans.action"),
                ),
                migrations.AlterField(
                    model_name="historicalactionpoint",
                    name="plan_action",
                    field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text="The delivery plan action it was turned into.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="plans.action"),
                ),
                migrations.AlterField(
                    model_name="agendaitem",
                    name="plans",
                    field=models.ManyToManyField(blank=True, related_name="agenda_items", to="plans.deliveryplan"),
                ),
            ],
            database_operations=[],
        ),
    ]
