"""Documents for people to print or file: the one way the app makes a PDF."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

PRINT_CSS = "css/print.css"


def render_pdf(template: str, context: dict[str, object]) -> bytes:
    """Render a Django template to PDF bytes with the shared print stylesheet.

    The template is a whole HTML document; page size, headers and page numbers come from
    its own @page rules and static/css/print.css. No network: fonts are the system's.
    """
    html = render_to_string(template, context)
    stylesheet = finders.find(PRINT_CSS)
    styles = [CSS(filename=stylesheet)] if stylesheet else []
    return HTML(string=html, base_url=None).write_pdf(stylesheets=styles)


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
