"""The API's records: stable snake_case field names (docs/api.md); ids for relations."""

from __future__ import annotations

from rest_framework import serializers

from funding.models import Allocation, Bid, Fund
from indicators.models import Actual, DataReturn, Indicator, Target, TargetValue
from meetings.models import ActionPoint, Meeting
from partnerships.models import Agreement, Partnership
from plans.models import Action, DeliveryPlan


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "slug", "name", "starts_on", "ends_on", "period_type", "government_office"]


class PartnershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partnership
        fields = ["id", "agreement", "name", "short_name", "slug", "kind", "reports_to"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id", "agreement", "code", "title", "kind", "polarity", "unit", "decimal_places",
            "frequency", "accumulation", "data_source", "proxy_for",
        ]  # fmt: skip


class TargetValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetValue
        fields = ["period", "value", "stretch", "is_annual"]


class TargetSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    values = TargetValueSerializer(many=True, read_only=True)

    class Meta:
        model = Target
        fields = [
            "id", "agreement", "indicator", "indicator_code", "partnership", "outcome", "lead",
            "data_owner", "designation", "priority", "baseline", "baseline_period",
            "tolerance_kind", "tolerance", "range_low", "range_high", "status", "version",
            "values",
        ]  # fmt: skip


class ActualSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="target.indicator.code", read_only=True)

    class Meta:
        model = Actual
        fields = [
            "id", "target", "indicator_code", "period", "period_start", "period_end",
            "district", "value", "missing_reason", "status", "quality", "commentary",
            "version", "updated_at",
        ]  # fmt: skip


class DataReturnSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataReturn
        fields = ["id", "target", "period", "period_end", "status", "submitted_at", "approved_at"]


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeliveryPlan
        fields = ["id", "partnership", "title", "starts_on", "ends_on", "status", "targets"]


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = [
            "id", "plan", "ref", "title", "status", "percent_complete", "starts_on", "due_on",
            "progress_note", "progress_updated_at", "targets",
        ]  # fmt: skip


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "partnership", "title", "date", "starts_at", "venue", "status"]


class ActionPointSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="item.meeting_id", read_only=True)

    class Meta:
        model = ActionPoint
        fields = ["id", "meeting", "number", "text", "due_on", "status", "closed_on"]


class FundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fund
        fields = ["id", "agreement", "kind", "name", "spend_type", "deciding_body"]


class AllocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Allocation
        fields = ["id", "fund", "partnership", "year", "amount", "note"]


class BidSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bid
        fields = ["id", "fund", "round", "partnership", "title", "spend_type", "status"]


class RatingSerializer(serializers.Serializer):
    """One target rated for a period: the scorecard CSV's columns (docs/reports.md), plus
    the target's id and the rating's explanation."""

    target_id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    partnership = serializers.CharField()
    lead = serializers.CharField(required=False)
    period = serializers.CharField()
    baseline = serializers.CharField(allow_null=True)
    target = serializers.CharField(allow_null=True)
    actual = serializers.CharField(allow_null=True)
    rating = serializers.CharField()
    direction = serializers.CharField()
    forecast = serializers.CharField()
    forecast_value = serializers.CharField(allow_null=True)
    theme = serializers.CharField()
    contributors = serializers.CharField()
    designation = serializers.CharField()
    priority = serializers.IntegerField()
    unit = serializers.CharField()
    data_quality = serializers.CharField()
    late = serializers.BooleanField()
    commentary = serializers.CharField()
    quartile = serializers.IntegerField(allow_null=True)
    benchmark = serializers.CharField()
    rating_note = serializers.CharField()
    explanation = serializers.CharField()


class ActualWriteSerializer(serializers.Serializer):
    """One figure: the web form's fields. Several: a list of these with indicator_code."""

    target = serializers.IntegerField()
    period = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    missing_reason = serializers.CharField(required=False, allow_blank=True)
    status = serializers.CharField(required=False)
    quality = serializers.CharField(required=False, allow_blank=True)
    commentary = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, allow_null=True)
