"""Documents for people to print or file: the one way the app makes a PDF."""

import functools
import mimetypes
import os
import posixpath
import threading
import urllib.parse
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

PRINT_CSS = "css/print.css"

_per_thread = threading.local()


class StaticFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher for documents: the app's own static files (``/static/…``,
    found as ``{% static %}`` finds them, or in STATIC_ROOT) and ``data:`` URLs, nothing
    else. WeasyPrint's own fetcher opens file:// and http(s):// URLs, so a document
    could read the server's files or reach other hosts (including ones only the server
    can see); this one never touches the file system outside the static files or the
    network."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)  # inline in the document: nothing to fetch
        path = static_file(url)
        if path is None:
            raise ValueError(f"Documents may use only the app's static files, not {url[:200]}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})


def document_base_url() -> str:
    """The base URL of documents: ``/static/…`` resolves against it (to a static file,
    through StaticFilesFetcher) and any other relative link points at the site."""
    return settings.SITE_URL.rstrip("/") + "/"


def static_file(url: str) -> Path | None:
    """The static file a URL names, or None if it names none."""
    prefix = urllib.parse.urljoin(document_base_url(), settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    name = posixpath.normpath(path.removeprefix(urllib.parse.urlsplit(prefix).path))
    if name.startswith(("/", "..")) or "\\" in name or "\x00" in name:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name  # hashed names exist only there
    return collected if collected.is_file() else None


def render_pdf(template: str, context: dict[str, object]) -> bytes:
    """Render a Django template to PDF bytes with the shared print stylesheet.

    The template is a whole HTML document; page size, headers and page numbers come from
    its own @page rules and static/css/print.css. No network: fonts are the system's, and
    the document may load only the app's static files (StaticFilesFetcher).
    """
    html = render_to_string(template, context)
    path = finders.find(PRINT_CSS)
    styles = [_stylesheet(path, os.stat(path).st_mtime_ns)] if path else []
    document = HTML(string=html, base_url=document_base_url(), url_fetcher=StaticFilesFetcher())
    return document.write_pdf(stylesheets=styles, font_config=_fonts())


@functools.lru_cache(maxsize=4)
def _stylesheet(path: str, modified: int) -> CSS:
    """The print stylesheet, parsed once (about 25 ms a PDF otherwise) and again only when
    the file changes (`modified`), so edits show without a restart. Its own url()s go
    through the same fetcher, relative to /static/css/."""
    return CSS(
        string=Path(path).read_text(encoding="utf-8"),
        base_url=urllib.parse.urljoin(document_base_url(), settings.STATIC_URL + PRINT_CSS),
        url_fetcher=StaticFilesFetcher(),
    )


def _fonts() -> FontConfiguration:
    """This thread's font configuration, kept between PDFs: a new one finds and loads every
    font again. One per thread because Pango's font maps are not thread-safe."""
    if not hasattr(_per_thread, "fonts"):
        _per_thread.fonts = FontConfiguration()
    return _per_thread.fonts


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
