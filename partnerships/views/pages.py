"""The static pages anyone may read, signed in or not: help and the accessibility
statement. Here, at the bottom layer, so that every app's pages may link to them."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from partnerships.typing import HtmxHttpRequest


@require_GET
def accessibility(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@require_GET
def help_page(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "help.html")
