"""The app's URLs plus /bench/trivial/: one query, a few bytes, through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns
from partnerships.models import Agreement


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"<p>{Agreement.objects.count()} agreements</p>")


urlpatterns = [path("bench/trivial/", trivial), *app_urlpatterns]
