"""Time building the agenda pack of the demo PMG meeting (27 March 2009) against WeasyPrint
rendering the same HTML saved as a static file: how much the app adds to WeasyPrint.

    .venv/bin/python bench/agenda_pack.py            # builds /tmp/bench-meetings.sqlite3 once
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/agenda_pack.py --runs 9

The database is migrated and the demo loaded (idempotent) unless --no-seed. Prints the
median of each, in milliseconds, the split of the app's own work (queries and template)
and the ratio pack / static file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/bench-meetings.sqlite3")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
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
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML

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
    pages = len(HTML(filename=str(static)).render(stylesheets=[CSS(filename=print_css)]).pages)
    timed = medians_ms(
        {
            "pack": lambda: pack_pdf(meeting),
            # as `weasyprint -s print.css agenda-pack.html out.pdf` would: the stylesheet
            # is read each time, as render_pdf reads it
            "static": lambda: HTML(filename=str(static)).write_pdf(
                stylesheets=[CSS(filename=print_css)]
            ),
            "css": lambda: CSS(filename=print_css),
            "context": lambda: pack_context(meeting),
            "template": lambda: render_to_string("meetings/pack_pdf.html", pack_context(meeting)),
        },
        args.runs,
    )
    pack, static_file = timed["pack"], timed["static"]
    context, template, css = timed["context"], timed["template"], timed["css"]

    print(f"Agenda pack of {meeting}: {pages} pages, {len(html) / 1024:.0f} KiB of HTML")
    print(f"  median of {args.runs} runs")
    print(f"  app: build the pack PDF (queries + template + WeasyPrint)  {pack:8.0f} ms")
    print(f"  WeasyPrint alone, same HTML saved as a static file         {static_file:8.0f} ms")
    print(f"  ratio pack / static file                                   {pack / static_file:8.2f}")
    print(f"    of which queries (pack_context)                          {context:8.0f} ms")
    print(f"    of which queries + template (render_to_string)           {template:8.0f} ms")
    print(f"  reading print.css into WeasyPrint, in both of them         {css:8.0f} ms")


if __name__ == "__main__":
    main()
