"""Where a form sends the browser back to: the `next` it posted, when that is a page of
this site, otherwise the default page (issue 14).

Every view that follows a `next` from the request goes through safe_next. redirect()
would take a bare word ("abc") for the name of a view and fail with NoReverseMatch, and
a full address could lead anywhere; only a path on this site is followed.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_local_path(url: str) -> bool:
    """A path on this site ("/meetings/actions/?status=open"), not an address elsewhere
    ("//evil.example", "https://…"), a view name ("abc"), a script, or anything with a
    control character (a newline cannot go into the Location header)."""
    return (
        url.startswith("/")
        and not url.startswith("//")
        and url.isprintable()
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` posted (or, for a GET, in the query), if it is a path on this site;
    otherwise `default`."""
    wanted = (request.POST if request.method == "POST" else request.GET).get("next", "")
    return wanted if is_local_path(wanted) else default
