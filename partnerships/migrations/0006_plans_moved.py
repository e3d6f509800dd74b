"""Delivery plans moved to the plans app (plans/0001): partnerships forgets them, in state
only. The tables stay, now plans' (they keep their names)."""

from django.db import migrations

MOVED_LAST_FIRST = [
    "HistoricalAction_contributing_organisations",
    "HistoricalAction_contributors",
    "HistoricalAction_targets",
    "HistoricalDeliveryPlan_outcomes",
    "HistoricalDeliveryPlan_targets",
    "HistoricalAction",
    "HistoricalDeliveryPlan",
    "HistoricalFundingLine",
    "HistoricalMilestone",
    "HistoricalRisk",
    "Milestone",
    "Risk",
    "FundingLine",
    "Action",
    "DeliveryPlan",
]


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_edit_versions"),
        ("plans", "0001_initial"),
        ("meetings", "0005_plans_moved"),
        ("funding", "0003_plans_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name) for name in MOVED_LAST_FIRST],
            database_operations=[],
        ),
    ]
