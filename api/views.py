"""The API's read endpoints: every agreement the token's person is in, nothing else.

Each list is scoped as the web pages are (partnerships/permissions.py: `agreements_for`),
so a record of another agreement answers 404; everyone in an agreement reads all of it
(docs/permissions.md). Lists load their relations up front: a fixed number of queries.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers as s
from api.scorecard import rating_records
from funding.models import Allocation, Bid, Fund
from indicators.models import Actual, DataReturn, Indicator, Target
from indicators.periods import Period
from indicators.rating import Rating
from indicators.reports import Filters, build_scorecard
from meetings.models import ActionPoint, Meeting
from partnerships.models import Agreement, Partnership
from partnerships.permissions import agreements_for, standing_in
from plans.models import Action, DeliveryPlan


class ApiView(APIView):
    """Throttled with a message saying when to try again."""

    def throttled(self, request: Request, wait: float | None) -> None:
        seconds = int(wait or 0) + 1
        raise exceptions.Throttled(
            wait,
            detail=(
                "Too many requests for this token: the limit is "
                f"{self.get_throttles()[0].rate}. Try again in {seconds} seconds."
            ),
        )


def user_agreements(request: Request) -> list[Agreement]:
    return agreements_for(request._request)


def chosen_agreements(request: Request) -> list[Agreement]:
    """?agreement=<id or slug> narrows to one of the person's agreements (404 otherwise)."""
    agreements = user_agreements(request)
    wanted = request.query_params.get("agreement")
    if not wanted:
        return agreements
    found = [a for a in agreements if str(a.pk) == wanted or a.slug == wanted]
    if not found:
        raise Http404("Not found")
    return found


def _filter_params(*names: str) -> list[OpenApiParameter]:
    return [OpenApiParameter(n, OpenApiTypes.STR, description=f"Only this {n}") for n in names]


class ScopedViewSet(ApiView, viewsets.ReadOnlyModelViewSet):
    """A read-only endpoint over the person's agreements: `agreement_path` reaches the
    agreement; `filters` maps a query parameter to a field."""

    lookup_value_converter = "int"
    agreement_path: ClassVar[str] = "agreement"
    filters: ClassVar[dict[str, str]] = {}
    base: ClassVar[QuerySet[Any]]

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # the schema, describing the list
            return self.base.none()
        queryset = self.base.filter(
            **{f"{self.agreement_path}__in": [a.pk for a in chosen_agreements(self.request)]}
        )
        for name, lookup in self.filters.items():
            value = self.request.query_params.get(name)
            if value:
                queryset = queryset.filter(**{lookup: value})
        return queryset.order_by("pk")


def scoped(
    name: str, base: QuerySet[Any], serializer: type, path: str, **filters: str
) -> type[ScopedViewSet]:
    params = _filter_params("agreement", *filters)
    view = type(
        f"{name.replace(' ', '')}ViewSet",
        (ScopedViewSet,),
        {"base": base, "serializer_class": serializer, "agreement_path": path, "filters": filters},
    )
    return extend_schema_view(list=extend_schema(parameters=params, tags=[name]),
                              retrieve=extend_schema(tags=[name]))(view)  # fmt: skip


AgreementViewSet = scoped("Agreements", Agreement.objects.all(), s.AgreementSerializer, "pk")
PartnershipViewSet = scoped(
    "Partnerships", Partnership.objects.all(), s.PartnershipSerializer, "agreement"
)
IndicatorViewSet = scoped("Indicators", Indicator.objects.all(), s.IndicatorSerializer, "agreement")
TargetViewSet = scoped(
    "Targets",
    Target.objects.select_related("indicator").prefetch_related("values"),
    s.TargetSerializer,
    "agreement",
    partnership="partnership",
    indicator_code="indicator__code",
    status="status",
)
DataReturnViewSet = scoped(
    "Data returns",
    DataReturn.objects.all(),
    s.DataReturnSerializer,
    "target__agreement",
    period="period",
    partnership="target__partnership",
    target="target",
    status="status",
)
PlanViewSet = scoped(
    "Plans",
    DeliveryPlan.objects.prefetch_related("targets"),
    s.PlanSerializer,
    "partnership__agreement",
    partnership="partnership",
)
ActionViewSet = scoped(
    "Plan actions",
    Action.objects.prefetch_related("targets"),
    s.ActionSerializer,
    "plan__partnership__agreement",
    partnership="plan__partnership",
    plan="plan",
    status="status",
)
MeetingViewSet = scoped(
    "Meetings", Meeting.objects.all(), s.MeetingSerializer, "partnership__agreement",
    partnership="partnership",
)  # fmt: skip
ActionPointViewSet = scoped(
    "Action points",
    ActionPoint.objects.select_related("item"),
    s.ActionPointSerializer,
    "item__meeting__partnership__agreement",
    partnership="item__meeting__partnership",
    meeting="item__meeting",
    status="status",
)
FundViewSet = scoped("Funding", Fund.objects.all(), s.FundSerializer, "agreement")
AllocationViewSet = scoped(
    "Funding", Allocation.objects.all(), s.AllocationSerializer, "fund__agreement",
    partnership="partnership", fund="fund", year="year",
)  # fmt: skip
BidViewSet = scoped(
    "Funding", Bid.objects.all(), s.BidSerializer, "fund__agreement",
    partnership="partnership", fund="fund", status="status",
)  # fmt: skip


def one_agreement(request: Request) -> Agreement:
    """The agreement a rating or a batch is for: ?agreement=, or the person's only one."""
    agreements = chosen_agreements(request)
    if len(agreements) != 1:
        if not agreements:
            raise Http404("You are not a member of any agreement.")
        raise exceptions.ValidationError(
            {"agreement": "You are in several agreements: say which, ?agreement=<slug>."}
        )
    standing_in(request._request, agreements[0])
    return agreements[0]


class RatingsView(ApiView):
    """Every active target rated for a period (default: the latest with data): the
    scorecard, with each rating's explanation."""

    @extend_schema(
        tags=["Ratings"],
        parameters=_filter_params("agreement", "period", "partnership", "rating"),
        responses=s.RatingSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        agreement = one_agreement(request)
        params = request.query_params
        period = None
        if params.get("period"):
            try:
                period = Period.parse(params["period"])
            except ValueError as error:
                raise exceptions.ValidationError({"period": str(error)}) from error
        partnership = None
        if params.get("partnership"):
            partnership = get_object_or_404(
                Partnership, pk=_int(params["partnership"], "partnership"), agreement=agreement
            ).pk
        rating = params.get("rating", "")
        ratings = [r.value for r in Rating]
        if rating and rating not in ratings:
            raise exceptions.ValidationError({"rating": f"One of {', '.join(ratings)}."})
        report = build_scorecard(
            agreement=agreement,
            filters=Filters(partnership=partnership, rating=rating),
            period=period,
        )
        records = rating_records(report)
        paginator = self.pagination_class() if self.pagination_class else None
        if paginator is None:
            return Response(records)
        page = paginator.paginate_queryset(records, request, view=self)  # type: ignore[arg-type]
        return paginator.get_paginated_response(page)

    @property
    def pagination_class(self) -> Any:
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_PAGINATION_CLASS


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise exceptions.ValidationError({name: "A number."}) from error


@extend_schema_view(
    list=extend_schema(
        tags=["Actuals"],
        parameters=_filter_params(
            "agreement", "period", "partnership", "target", "indicator_code", "district"
        ),
    ),
    retrieve=extend_schema(tags=["Actuals"]),
)
class ActualViewSet(ScopedViewSet, viewsets.mixins.CreateModelMixin):
    """Figures by period and district (district empty: the whole area). POST one figure
    (an object) or a batch (a list): docs/api.md."""

    base = Actual.objects.select_related("target__indicator")
    serializer_class = s.ActualSerializer
    agreement_path = "target__agreement"
    filters = {
        "period": "period",
        "partnership": "target__partnership",
        "target": "target",
        "indicator_code": "target__indicator__code",
        "district": "district",
    }

    @extend_schema(
        tags=["Actuals"],
        request=s.ActualWriteSerializer,
        responses={201: s.ActualSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER,
                description="A key of your choosing: a retry with it writes nothing again.",
            )
        ],
    )  # fmt: skip
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        from api.writes import actual_write_batch, actual_write_one, idempotent

        data = request.data
        if isinstance(data, list):
            agreement = one_agreement(request)
            return idempotent(request, lambda: actual_write_batch(request, agreement, data))
        if isinstance(data, dict):
            return idempotent(request, lambda: actual_write_one(request, data))
        raise exceptions.ValidationError("Send one figure (an object) or several (a list).")
