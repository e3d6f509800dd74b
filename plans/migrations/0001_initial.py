"""The delivery-plan models moved here from partnerships (issue 15).

State only: the tables keep their names (each model's db_table, and simple-history's
tables through plans.models.MovedHistoricalRecords), so no row moves and nothing is
copied. The content types follow the models, so admin history and permissions keep
pointing at them. partnerships/0006 then drops the models from partnerships' state.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ['deliveryplan', 'action', 'fundingline', 'milestone', 'risk', 'historicalaction', 'historicalaction_contributing_organisations', 'historicalaction_contributors', 'historicalaction_targets', 'historicaldeliveryplan', 'historicaldeliveryplan_outcomes', 'historicaldeliveryplan_targets', 'historicalfundingline', 'historicalmilestone', 'historicalrisk']


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="plans", model__in=MOVED).delete()
    ContentType.objects.filter(app_label="partnerships", model__in=MOVED).update(app_label="plans")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="plans", model__in=MOVED).update(app_label="partnerships")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('indicators', '0005_edit_versions'),
        ('partnerships', '0005_edit_versions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DeliveryPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200)),
                        ('starts_on', models.DateField(verbose_name='period from')),
                        ('ends_on', models.DateField(verbose_name='period to')),
                        ('resources_summary', models.TextField(blank=True, help_text='People, money and other resources the plan relies on.')),
                        ('equality_impact', models.CharField(blank=True, choices=[('', 'Not answered yet'), ('assessed', 'Yes, an equality impact assessment has been done'), ('planned', 'Not yet, an assessment is planned'), ('not_needed', 'No, an assessment is not needed')], default='', max_length=12, verbose_name="has the plan's equality impact been assessed?")),
                        ('equality_assessed_on', models.DateField(blank=True, null=True, verbose_name='date assessed or planned')),
                        ('equality_reference', models.CharField(blank=True, help_text='Where the assessment is, or why one is not needed.', max_length=500, verbose_name='link or note')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for approval'), ('approved', 'Approved')], default='draft', max_length=10)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('approved_at', models.DateTimeField(blank=True, null=True)),
                        ('returned_note', models.CharField(blank=True, max_length=500)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When the plan, its actions, risks or funding last changed.', verbose_name='last updated')),
                        ('edit_version', models.PositiveIntegerField(default=1, editable=False)),
                        ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('outcomes', models.ManyToManyField(blank=True, related_name='plans', to='partnerships.outcome', verbose_name='outcomes it serves')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='plans_owned', to='partnerships.person')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='plans', to='partnerships.partnership')),
                        ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('targets', models.ManyToManyField(blank=True, related_name='plans', to='indicators.target', verbose_name='targets it serves')),
                    ],
                    options={
                        'db_table': 'partnerships_deliveryplan',
                        'ordering': ['partnership__name', '-starts_on', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='Action',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ref', models.CharField(blank=True, help_text='e.g. 1.3', max_length=12, verbose_name='reference')),
                        ('title', models.CharField(max_length=300)),
                        ('description', models.TextField(blank=True)),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='start date')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('on_track', 'On track'), ('at_risk', 'At risk'), ('slipped', 'Slipped'), ('complete', 'Complete'), ('dropped', 'Dropped')], default='not_started', max_length=12)),
                        ('percent_complete', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='% complete')),
                        ('progress_note', models.TextField(blank=True, verbose_name='latest progress')),
                        ('progress_updated_at', models.DateTimeField(blank=True, null=True)),
                        ('order', models.PositiveIntegerField(default=0)),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('contributing_organisations', models.ManyToManyField(blank=True, related_name='actions_contributed', to='partnerships.organisation')),
                        ('contributors', models.ManyToManyField(blank=True, related_name='actions_contributed', to='partnerships.person', verbose_name='contributing people')),
                        ('lead', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='actions_led', to='partnerships.person')),
                        ('progress_updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('targets', models.ManyToManyField(blank=True, related_name='actions', to='indicators.target', verbose_name='targets it serves')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='plans.deliveryplan')),
                    ],
                    options={
                        'db_table': 'partnerships_action',
                        'ordering': ['order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='FundingLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('prg', 'Performance Reward Grant (PRG)'), ('abg', 'Area Based Grant (ABG)'), ('other', 'Other')], max_length=8)),
                        ('year', models.CharField(help_text='e.g. 2009/10', max_length=7, verbose_name='financial year')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='amount (£)')),
                        ('description', models.CharField(blank=True, max_length=300)),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('action', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='funding_lines', to='plans.action')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='funding_lines', to='plans.deliveryplan')),
                    ],
                    options={
                        'db_table': 'partnerships_fundingline',
                        'ordering': ['year', 'source', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAction',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('ref', models.CharField(blank=True, help_text='e.g. 1.3', max_length=12, verbose_name='reference')),
                        ('title', models.CharField(max_length=300)),
                        ('description', models.TextField(blank=True)),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='start date')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('on_track', 'On track'), ('at_risk', 'At risk'), ('slipped', 'Slipped'), ('complete', 'Complete'), ('dropped', 'Dropped')], default='not_started', max_length=12)),
                        ('percent_complete', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='% complete')),
                        ('progress_note', models.TextField(blank=True, verbose_name='latest progress')),
                        ('progress_updated_at', models.DateTimeField(blank=True, null=True)),
                        ('order', models.PositiveIntegerField(default=0)),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('lead', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.person')),
                        ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.deliveryplan')),
                        ('progress_updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical action',
                        'verbose_name_plural': 'historical actions',
                        'db_table': 'partnerships_historicalaction',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAction_contributing_organisations',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('action', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.action')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='plans.historicalaction')),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.organisation')),
                    ],
                    options={
                        'verbose_name': 'HistoricalAction_contributing_organisations',
                        'db_table': 'partnerships_historicalaction_contributing_organisations',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAction_contributors',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('action', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.action')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='plans.historicalaction')),
                        ('person', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.person')),
                    ],
                    options={
                        'verbose_name': 'HistoricalAction_contributors',
                        'db_table': 'partnerships_historicalaction_contributors',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAction_targets',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('action', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.action')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='plans.historicalaction')),
                        ('target', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.target')),
                    ],
                    options={
                        'verbose_name': 'HistoricalAction_targets',
                        'db_table': 'partnerships_historicalaction_targets',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalDeliveryPlan',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=200)),
                        ('starts_on', models.DateField(verbose_name='period from')),
                        ('ends_on', models.DateField(verbose_name='period to')),
                        ('resources_summary', models.TextField(blank=True, help_text='People, money and other resources the plan relies on.')),
                        ('equality_impact', models.CharField(blank=True, choices=[('', 'Not answered yet'), ('assessed', 'Yes, an equality impact assessment has been done'), ('planned', 'Not yet, an assessment is planned'), ('not_needed', 'No, an assessment is not needed')], default='', max_length=12, verbose_name="has the plan's equality impact been assessed?")),
                        ('equality_assessed_on', models.DateField(blank=True, null=True, verbose_name='date assessed or planned')),
                        ('equality_reference', models.CharField(blank=True, help_text='Where the assessment is, or why one is not needed.', max_length=500, verbose_name='link or note')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted for approval'), ('approved', 'Approved')], default='draft', max_length=10)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('approved_at', models.DateTimeField(blank=True, null=True)),
                        ('returned_note', models.CharField(blank=True, max_length=500)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When the plan, its actions, risks or funding last changed.', verbose_name='last updated')),
                        ('edit_version', models.PositiveIntegerField(default=1, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('approved_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.person')),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                        ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical delivery plan',
                        'verbose_name_plural': 'historical delivery plans',
                        'db_table': 'partnerships_historicaldeliveryplan',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalDeliveryPlan_outcomes',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('deliveryplan', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.deliveryplan')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='plans.historicaldeliveryplan')),
                        ('outcome', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.outcome')),
                    ],
                    options={
                        'verbose_name': 'HistoricalDeliveryPlan_outcomes',
                        'db_table': 'partnerships_historicaldeliveryplan_outcomes',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalDeliveryPlan_targets',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('deliveryplan', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.deliveryplan')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='plans.historicaldeliveryplan')),
                        ('target', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='indicators.target')),
                    ],
                    options={
                        'verbose_name': 'HistoricalDeliveryPlan_targets',
                        'db_table': 'partnerships_historicaldeliveryplan_targets',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalFundingLine',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('source', models.CharField(choices=[('prg', 'Performance Reward Grant (PRG)'), ('abg', 'Area Based Grant (ABG)'), ('other', 'Other')], max_length=8)),
                        ('year', models.CharField(help_text='e.g. 2009/10', max_length=7, verbose_name='financial year')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='amount (£)')),
                        ('description', models.CharField(blank=True, max_length=300)),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.action')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.deliveryplan')),
                    ],
                    options={
                        'verbose_name': 'historical funding line',
                        'verbose_name_plural': 'historical funding lines',
                        'db_table': 'partnerships_historicalfundingline',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalMilestone',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=300)),
                        ('due_on', models.DateField(verbose_name='due date')),
                        ('is_done', models.BooleanField(default=False, verbose_name='done')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.action')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical milestone',
                        'verbose_name_plural': 'historical milestones',
                        'db_table': 'partnerships_historicalmilestone',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalRisk',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('description', models.TextField()),
                        ('likelihood', models.PositiveSmallIntegerField(choices=[(1, '1 – Rare'), (2, '2 – Unlikely'), (3, '3 – Possible'), (4, '4 – Likely'), (5, '5 – Almost certain')])),
                        ('impact', models.PositiveSmallIntegerField(choices=[(1, '1 – Negligible'), (2, '2 – Minor'), (3, '3 – Moderate'), (4, '4 – Major'), (5, '5 – Severe')])),
                        ('mitigation', models.TextField(blank=True)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('managed', 'Being managed'), ('closed', 'Closed')], default='open', max_length=10)),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.person')),
                        ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.deliveryplan')),
                    ],
                    options={
                        'verbose_name': 'historical risk',
                        'verbose_name_plural': 'historical risks',
                        'db_table': 'partnerships_historicalrisk',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Milestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300)),
                        ('due_on', models.DateField(verbose_name='due date')),
                        ('is_done', models.BooleanField(default=False, verbose_name='done')),
                        ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='plans.action')),
                    ],
                    options={
                        'db_table': 'partnerships_milestone',
                        'ordering': ['due_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Risk',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('description', models.TextField()),
                        ('likelihood', models.PositiveSmallIntegerField(choices=[(1, '1 – Rare'), (2, '2 – Unlikely'), (3, '3 – Possible'), (4, '4 – Likely'), (5, '5 – Almost certain')])),
                        ('impact', models.PositiveSmallIntegerField(choices=[(1, '1 – Negligible'), (2, '2 – Minor'), (3, '3 – Moderate'), (4, '4 – Major'), (5, '5 – Severe')])),
                        ('mitigation', models.TextField(blank=True)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('managed', 'Being managed'), ('closed', 'Closed')], default='open', max_length=10)),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('actions', models.ManyToManyField(blank=True, related_name='risks', to='plans.action')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='risks_owned', to='partnerships.person')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='risks', to='plans.deliveryplan')),
                        ('targets', models.ManyToManyField(blank=True, related_name='risks', to='indicators.target')),
                    ],
                    options={
                        'db_table': 'partnerships_risk',
                        'ordering': ['pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='deliveryplan',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='plan_ends_after_start'),
                ),
                migrations.AddConstraint(
                    model_name='action',
                    constraint=models.CheckConstraint(condition=models.Q(('percent_complete__lte', 100)), name='action_percent_at_most_100'),
                ),
                migrations.AddConstraint(
                    model_name='action',
                    constraint=models.CheckConstraint(condition=models.Q(('due_on__isnull', True), ('starts_on__isnull', True), ('due_on__gte', models.F('starts_on')), _connector='OR'), name='action_due_after_start'),
                ),
                migrations.AddConstraint(
                    model_name='action',
                    constraint=models.UniqueConstraint(condition=models.Q(('ref', ''), _negated=True), fields=('plan', 'ref'), name='action_unique_ref'),
                ),
                migrations.AddConstraint(
                    model_name='fundingline',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='funding_line_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='risk',
                    constraint=models.CheckConstraint(condition=models.Q(('impact__gte', 1), ('impact__lte', 5), ('likelihood__gte', 1), ('likelihood__lte', 5)), name='risk_scales_1_to_5'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
