"""Delivery plans moved to the plans app (plans/0001): the relations to them follow, in
state only (the tables and columns are unchanged)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0002_edit_versions"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="historicalbid_actions",
                    name="action",
                    field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace="", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="plans.action"),
                ),
                migrations.AlterField(
                    model_name="historicalbid_funding_lines",
                    name="fundingline",
                    field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace="", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="plans.fundingline"),
                ),
                migrations.AlterField(
                    model_name="bid",
                    name="actions",
                    field=models.ManyToManyField(blank=True, related_name="bids", to="plans.action", verbose_name="plan actions"),
                ),
                migrations.AlterField(
                    model_name="bid",
                    name="funding_lines",
                    field=models.ManyToManyField(blank=True, related_name="bids", to="plans.fundingline", verbose_name="plan funding"),
                ),
            ],
            database_operations=[],
        ),
    ]
