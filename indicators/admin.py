"""The admin for indicators, targets, figures and their sign-off.

Figures entered here skip the app's rules (locked periods, data owners), so the admin is
for superusers putting things right; people enter figures on the target pages. Sign-off
records (frozen ratings, revisions) are evidence and are read only.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    Actual,
    ActualRevision,
    AgreementHighlight,
    BlockHighlight,
    ComparatorImport,
    ComparatorValue,
    DataReturn,
    FamilyGroup,
    FrozenRating,
    HighlightOverride,
    ImportRun,
    Indicator,
    NationalIndicator,
    Target,
    TargetValue,
)
from partnerships.admin import ReadOnlyAdmin
from partnerships.conflicts import VersionedAdminMixin


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "kind", "polarity", "frequency", "agreement"]
    list_filter = ["kind", "frequency", "agreement"]
    search_fields = ["code", "title"]
    raw_id_fields = ["agreement", "proxy_for"]


@admin.register(NationalIndicator)
class NationalIndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "theme", "polarity", "unit", "collection", "is_withdrawn"]
    list_filter = ["is_withdrawn", "polarity", "collection"]
    search_fields = ["code", "title"]


class TargetValueInline(admin.TabularInline):
    model = TargetValue
    extra = 0


@admin.register(TargetValue)
class TargetValueAdmin(SimpleHistoryAdmin):
    list_display = ["target", "period", "value"]
    search_fields = ["target__indicator__code", "period"]
    raw_id_fields = ["target"]


@admin.register(Target)
class TargetAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "designation", "priority", "status"]
    list_filter = ["status", "designation", "agreement"]
    search_fields = ["indicator__code", "indicator__title", "partnership__name"]
    raw_id_fields = ["agreement", "indicator", "partnership", "outcome", "lead", "data_owner"]
    filter_horizontal = ["contributing_partnerships", "contributing_organisations"]
    inlines = [TargetValueInline]


@admin.register(Actual)
class ActualAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["target", "period", "district", "value", "status", "quality"]
    list_filter = ["status", "quality"]
    search_fields = ["target__indicator__code", "period"]
    raw_id_fields = ["target", "district", "entered_by"]


@admin.register(DataReturn)
class DataReturnAdmin(SimpleHistoryAdmin):
    list_display = ["target", "period", "status", "submitted_at", "approved_at"]
    list_filter = ["status"]
    search_fields = ["target__indicator__code", "period"]
    raw_id_fields = ["target", "submitted_by", "approved_by", "returned_by"]


@admin.register(FrozenRating)
class FrozenRatingAdmin(ReadOnlyAdmin):
    list_display = ["data_return", "rating", "rule_version"]
    list_filter = ["rating"]


@admin.register(ActualRevision)
class ActualRevisionAdmin(ReadOnlyAdmin):
    list_display = ["data_return", "district", "old_value", "new_value", "by", "at"]


@admin.register(HighlightOverride)
class HighlightOverrideAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["theme", "period", "rating", "direction", "updated_by"]
    raw_id_fields = ["theme", "updated_by"]


class BlockHighlightInline(admin.StackedInline):  # type: ignore[type-arg]
    model = BlockHighlight
    extra = 0
    raw_id_fields = ["theme"]


@admin.register(AgreementHighlight)
class AgreementHighlightAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["agreement", "period", "overall_rating", "direction_rating", "updated_by"]
    raw_id_fields = ["agreement", "updated_by"]
    inlines = [BlockHighlightInline]


@admin.register(BlockHighlight)
class BlockHighlightAdmin(SimpleHistoryAdmin):
    list_display = ["theme", "highlight"]
    raw_id_fields = ["highlight", "theme"]


@admin.register(FamilyGroup)
class FamilyGroupAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "code", "agreement"]
    list_filter = ["kind"]
    filter_horizontal = ["members"]


@admin.register(ComparatorImport)
class ComparatorImportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["indicator", "filename", "source", "status", "created_by"]
    list_filter = ["status"]
    raw_id_fields = ["agreement", "indicator", "created_by"]


@admin.register(ComparatorValue)
class ComparatorValueAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["indicator", "area", "period", "value", "batch"]
    search_fields = ["indicator__code", "area__name", "period"]
    raw_id_fields = ["indicator", "area", "batch"]


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    """Workbook checks and imports run by the worker: looked at (a failed run's error is
    here), never made or changed in the admin."""

    list_display = ["filename", "agreement", "kind", "status", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
