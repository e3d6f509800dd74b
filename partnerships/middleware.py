"""Downloads are never kept by browsers or proxies.

Every document the app makes (PDF, Word, Excel, CSV, calendar) carries the agreement's
figures, names and minutes; on a shared or public computer a cached copy would outlive
the session. One place marks them all, whichever view made them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

DOWNLOAD_TYPES = frozenset(
    {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/csv",
        "text/calendar",
    }
)


def is_download(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    disposition = response.get("Content-Disposition", "").strip().lower()
    return disposition.startswith("attachment") or content_type in DOWNLOAD_TYPES


class DownloadNoStoreMiddleware:
    """``Cache-Control: no-store`` on every download: an attachment, or a document type
    shown inline (PDFs open in the browser)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_download(response):
            response["Cache-Control"] = "no-store"
        return response
