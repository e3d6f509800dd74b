"""The body of scripts/security-scan (run it through that script, which installs the
scanners first).

1. A throwaway copy of the app: migrate and load the demo (with its sign-ins) into a
   temporary SQLite database, collect static files, and serve it with gunicorn on
   127.0.0.1 at a free port, DEBUG off, as in production (except plain HTTP).
2. Sign in as the secretariat with a scripted POST; the scanners send that session.
3. wapiti3 (modules sql, xss, csrf, exec) crawls and attacks every page in scope, with
   its out-of-band endpoint pointed at 127.0.0.1:9 so that nothing leaves loopback.
4. A small crawler finds every filter and search parameter (GET forms and query strings
   in links); sqlmap tries each, in batch mode, at a bounded level, risk and time.
5. Any vulnerability, any anomaly (a 500 under attack) or any injection point is a
   finding: the script prints them all and exits 1.
"""

from __future__ import annotations

import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from demo_server import (  # noqa: E402
    App,
    cookie_header,
    load_demo,
    production_env,
    sign_in,
    start_app,
)

REPORTS = ROOT / "test-artifacts" / "security"
SIGN_IN = ("secretariat@demo.test", "demo")
# Never attacked: signing out would end the scan's session, the password pages would
# change the scanning account or send e-mail, and documents are slow to build and take
# no parameters the pages do not.
EXCLUDED = [
    "/accounts/logout/",
    "/accounts/password_change/*",
    "/accounts/password_reset/*",
    "/accounts/reset/*",
    "/admin/*",
    "/static/*",
    "*.pdf",
    "*.docx",
    "*.xlsx",
]
# Boolean, error and UNION based by default: time-based blind tests multiply the run time
# on a busy machine; SQLMAP_TECHNIQUES=BEUST scripts/security-scan adds them.
SQLMAP_TECHNIQUES = os.environ.get("SQLMAP_TECHNIQUES", "BEU")
SKIPPED_SUFFIXES = (".pdf", ".docx", ".xlsx", ".csv", ".ics", ".png", ".svg", ".css", ".js")


def log(message: str) -> None:
    print(f"[security-scan] {message}", flush=True)


# --- finding the filter and search parameters ---------------------------------------------


class PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict[str, object]] = []
        self._form: dict[str, object] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"method": a.get("method", "get").lower(), "action": a.get("action", ""),
                          "fields": {}}  # fmt: skip
            self.forms.append(self._form)
        elif (
            self._form is not None
            and tag in ("input", "select", "textarea")
            and a.get("name")
            and a.get("type") not in ("submit", "button", "file")
        ):
            self._form["fields"].setdefault(a["name"], a.get("value", ""))  # type: ignore[union-attr]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None


def shape(path: str) -> str:
    return re.sub(r"/\d+(?=/|$|\.)", "/N", path)


DOCUMENT_FORMATS = re.compile(r"(^|&)format=(pdf|xlsx|docx|csv)\b")


@dataclass
class Targets:
    """One example URL per page shape, carrying every parameter seen on that shape."""

    pages: int = 0
    params: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def add(self, path: str, query: dict[str, str]) -> None:
        if DOCUMENT_FORMATS.search(urllib.parse.urlencode(query)):
            return  # the same filters as the page, rendered as a slow document
        _, known = self.params.setdefault(shape(path), (path, {}))
        for name, value in query.items():
            known.setdefault(name, value)

    def urls(self) -> list[str]:
        return [
            f"{path}?{urllib.parse.urlencode(query)}"
            for path, query in (self.params[key] for key in sorted(self.params))
        ]


def find_parameters(base: str, cookies: dict[str, str], limit: int = 250) -> Targets:
    """Every GET form and every query string in links, one example URL per (page shape,
    parameter names)."""
    seen_shapes: dict[str, int] = {}
    queue, visited, targets = ["/"], set(), Targets()
    while queue and targets.pages < limit:
        path = queue.pop(0)
        if path in visited:
            continue
        visited.add(path)
        path = urllib.parse.quote(path, safe="/?=&%:+,;@~")  # hrefs may hold raw spaces
        request = urllib.request.Request(base + path, headers={"Cookie": cookie_header(cookies)})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                if "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                page = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError:
            continue
        targets.pages += 1
        parser = PageParser()
        parser.feed(page)
        for form in parser.forms:
            if form["method"] == "get" and form["fields"]:
                action = urllib.parse.urljoin(path, str(form["action"]) or path)
                fields = {k: v or "test" for k, v in form["fields"].items()}  # type: ignore[union-attr]
                targets.add(urllib.parse.urlsplit(action).path, fields)
        for href in parser.links:
            url = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, href))
            outside = url.netloc != urllib.parse.urlsplit(base).netloc
            if outside or url.path.endswith(SKIPPED_SUFFIXES):
                continue
            if any(url.path.startswith(x.rstrip("*")) for x in EXCLUDED if x.startswith("/")):
                continue
            if url.query:
                query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
                targets.add(url.path, {name: values[0] for name, values in query.items()})
            page_shape = shape(url.path)
            if seen_shapes.get(page_shape, 0) < 2 and url.path not in visited:
                seen_shapes[page_shape] = seen_shapes.get(page_shape, 0) + 1
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return targets


# --- the scanners -------------------------------------------------------------------------


def run_wapiti(
    venv: Path, app: App, cookies: dict[str, str], minutes: float, work: Path
) -> list[str]:
    report = REPORTS / "wapiti.json"
    command = [
        str(venv / "bin" / "wapiti"), "-u", app.url + "/", "--scope", "folder",
        "-m", "sql,xss,csrf,exec", "--endpoint", "http://127.0.0.1:9/",
        "-C", cookie_header(cookies),  # a header: the cookies are Secure, the scan is HTTP
        "--max-scan-time", str(int(minutes * 60)), "--max-attack-time", str(int(minutes * 60 / 4)),
        "--max-links-per-page", "30", "--max-files-per-dir", "8", "-d", "3",
        "--tasks", "4", "-t", "30", "--flush-session", "--no-bugreport",
        "--store-session", str(work / "wapiti-session"),
        "--store-config", str(work / "wapiti-config"),
        "-f", "json", "-o", str(report), "-v", "1",
    ]  # fmt: skip
    for pattern in EXCLUDED:
        command += ["-x", app.url + pattern if pattern.startswith("/") else f"{app.url}/{pattern}"]
    log(f"wapiti: modules sql,xss,csrf,exec for at most {minutes:g} minutes")
    with open(REPORTS / "wapiti.log", "w") as output:
        subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, timeout=minutes * 60 + 600)
    data = json.loads(report.read_text())
    findings = []
    for section in ("vulnerabilities", "anomalies"):
        for category, items in data.get(section, {}).items():
            for item in items:
                findings.append(
                    f"wapiti {section[:-1]}: {category}: {item.get('method')} {item.get('path')} "
                    f"{item.get('parameter', '')} – {item.get('info', '')}"
                )
    crawled = len(data.get("infos", {}).get("crawled_pages", []) or [])
    log(f"wapiti: {crawled or 'some'} pages crawled, {len(findings)} findings")
    return findings


def run_sqlmap(venv: Path, app: App, cookies: dict[str, str], url: str, work: Path) -> list[str]:
    output = work / "sqlmap"
    command = [
        str(venv / "bin" / "sqlmap"), "-u", app.url + urllib.parse.quote(url, safe="/?=&%:+,;@~"),
        "--cookie", cookie_header(cookies),
        "--batch", "--level", "1", "--risk", "1", "--technique", SQLMAP_TECHNIQUES,
        "--time-sec", "2",
        "--timeout", "60", "--retries", "2", "--threads", "2", "--disable-coloring",
        "--skip-static", "--output-dir", str(output), "--answers", "follow=N",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
        text = result.stdout
    except subprocess.TimeoutExpired as timed_out:
        text = (timed_out.stdout or b"").decode() if isinstance(timed_out.stdout, bytes) else ""
        text += "\n[timed out after 180 s]"
    with open(REPORTS / "sqlmap.log", "a") as log_file:
        log_file.write(f"\n===== {url}\n{text}")
    if "identified the following injection point" in text or "is vulnerable" in text:
        return [f"sqlmap: injection point in {url}"]
    if "connection timed out to the target URL" in text and "testing if GET" not in text:
        return [f"sqlmap: {url} did not answer within 60 s, so it was not tested"]
    if "[timed out" in text:
        log(f"sqlmap {url}: stopped at the time limit (no injection found until then)")
    return []


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scan-venv", default=".venv-scan")
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("SCAN_MINUTES", 8)))
    parser.add_argument(
        "--sqlmap-minutes", type=float, default=float(os.environ.get("SQLMAP_MINUTES", 30))
    )
    parser.add_argument(
        "--database", type=Path, help="a SQLite file with the demo already loaded (copied)"
    )
    parser.add_argument("--only", choices=["wapiti", "sqlmap"], help="run one scanner")
    args = parser.parse_args()
    venv = (ROOT / args.scan_venv).resolve()
    if args.only != "sqlmap":
        shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "sqlmap.log").unlink(missing_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gt-security-scan-") as tmp:
        work = Path(tmp)
        env = production_env(f"sqlite:///{work / 'scan.sqlite3'}")
        if args.database:
            shutil.copy(args.database, work / "scan.sqlite3")
        else:
            log("migrating and loading the demo into a temporary SQLite database")
            load_demo(env)
        app = start_app(env, error_log=REPORTS / "gunicorn.log")
        log(f"serving with gunicorn on {app.url}")
        try:
            cookies = sign_in(app.url, *SIGN_IN)
            log(f"signed in as {SIGN_IN[0]}")
            targets = find_parameters(app.url, cookies)
            log(f"{targets.pages} pages read; {len(targets.params)} filter/search parameter sets:")
            for url in targets.urls():
                log(f"  {url}")
            findings = []
            if args.only != "sqlmap":
                findings += run_wapiti(venv, app, cookies, args.minutes, work)
                cookies = sign_in(app.url, *SIGN_IN)  # wapiti may have changed data
            sqlmap_ends = time.monotonic() + args.sqlmap_minutes * 60
            for url in targets.urls() if args.only != "wapiti" else []:
                if time.monotonic() > sqlmap_ends:
                    log(f"sqlmap {url}: NOT SCANNED, past the {args.sqlmap_minutes:g} minutes")
                    continue
                found = run_sqlmap(venv, app, cookies, url, work)
                log(f"sqlmap {url}: {'FOUND' if found else 'nothing'}")
                findings += found
        finally:
            app.stop()
    log(f"finished in {(time.monotonic() - started) / 60:.1f} minutes; reports in {REPORTS}")
    if findings:
        log(f"{len(findings)} FINDINGS:")
        for finding in findings:
            print("  " + finding)
        return 1
    log("no findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
