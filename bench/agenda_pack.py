"""Time building the agenda pack of the demo PMG meeting (27 March 2009) against WeasyPrint
rendering the same HTML saved as a static file: how much the app adds to WeasyPrint.

    .venv/bin/python bench/agenda_pack.py            # builds /tmp/bench-meetings.sqlite3 once
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/agenda_pack.py --runs 9

The database is migrated and the demo loaded (idempotent) unless --no-seed. Prints the
median of each, in milliseconds, the split of the app's own work (queries and template)
and the ratio pack / static file. The static file is rendered with the same parsed
stylesheet and font configuration that `render_pdf` keeps between PDFs, so the ratio is
what the app adds; the command-line figure (stylesheet and fonts set up each time) is
printed beside it.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench-meetings.sqlite3")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-" + "0123456789abcdef" * 2)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DEBUG"] = "0"


def medians_ms(works: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median time of each piece of work, the pieces taken in turn within each run so a
    change in the machine's load falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in works}
    for work in works.values():
        work()  # warm: fonts, templates, the first queries
    for _ in range(runs):
        for name, work in works.items():
            started = time.perf_counter()
            work()
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-seed", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    import pdfplumber
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from meetings.models import Meeting
    from meetings.pack import pack_context, pack_pdf
    from partnerships.documents import PRINT_CSS

    if not args.no_seed:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
    meeting = Meeting.objects.get(partnership__slug="essex-pmg", date="2009-03-27")

    html = render_to_string("meetings/pack_pdf.html", pack_context(meeting))
    static = Path(tempfile.gettempdir()) / "agenda-pack.html"
    static.write_text(html, encoding="utf-8")
    print_css = finders.find(PRINT_CSS)

    # The app's own PDF, to count its pages and check it is the same document.
    def page_count(content: bytes) -> int:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            return len(pdf.pages)

    pages = page_count(pack_pdf(meeting))
    static_pages = page_count(HTML(filename=str(static)).write_pdf(stylesheets=[print_css]))
    assert pages == static_pages, (pages, static_pages)
    # What render_pdf keeps between PDFs: the parsed stylesheet and the font configuration.
    css = CSS(filename=print_css)
    fonts = FontConfiguration()
    timed = medians_ms(
        {
            # one click: queries, template and WeasyPrint, as /meetings/<id>/pack.pdf does
            "pack": lambda: pack_pdf(meeting),
            # the same HTML from a file, with the same stylesheet and fonts as render_pdf
            "static": lambda: HTML(filename=str(static)).write_pdf(
                stylesheets=[css], font_config=fonts
            ),
            # as `weasyprint -s print.css agenda-pack.html out.pdf` would: stylesheet parsed
            # and fonts set up on every run
            "cli": lambda: HTML(filename=str(static)).write_pdf(
                stylesheets=[CSS(filename=print_css)]
            ),
            "context": lambda: pack_context(meeting),
            "template": lambda: render_to_string("meetings/pack_pdf.html", pack_context(meeting)),
        },
        args.runs,
    )
    pack, static_file, cli = timed["pack"], timed["static"], timed["cli"]
    context, template = timed["context"], timed["template"]

    print(f"Agenda pack of {meeting}: {pages} pages, {len(html) / 1024:.0f} KiB of HTML")
    print(f"  median of {args.runs} runs, each piece taken in turn within a run")
    print(f"  app: build the pack PDF (queries + template + WeasyPrint)  {pack:8.0f} ms")
    print(f"  WeasyPrint alone, same HTML saved as a static file         {static_file:8.0f} ms")
    print(f"  ratio pack / static file                                   {pack / static_file:8.2f}")
    print(f"    of which queries (pack_context)                          {context:8.0f} ms")
    print(f"    of which queries + template (render_to_string)           {template:8.0f} ms")
    print(f"  static file as the weasyprint command would (CSS, fonts)   {cli:8.0f} ms")
    print(f"  ratio pack / command-line static file                      {pack / cli:8.2f}")


if __name__ == "__main__":
    main()
