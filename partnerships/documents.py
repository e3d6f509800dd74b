"""Documents for people to print or file: the one way the app makes a PDF."""

import functools
import os
import threading

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

PRINT_CSS = "css/print.css"

_per_thread = threading.local()


def render_pdf(template: str, context: dict[str, object]) -> bytes:
    """Render a Django template to PDF bytes with the shared print stylesheet.

    The template is a whole HTML document; page size, headers and page numbers come from
    its own @page rules and static/css/print.css. No network: fonts are the system's.
    """
    html = render_to_string(template, context)
    path = finders.find(PRINT_CSS)
    styles = [_stylesheet(path, os.stat(path).st_mtime_ns)] if path else []
    return HTML(string=html, base_url=None).write_pdf(stylesheets=styles, font_config=_fonts())


@functools.lru_cache(maxsize=4)
def _stylesheet(path: str, modified: int) -> CSS:
    """The print stylesheet, parsed once (about 25 ms a PDF otherwise) and again only when
    the file changes (`modified`), so edits show without a restart."""
    return CSS(filename=path)


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
