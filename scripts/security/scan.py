"""The body of scripts/security-scan (run it through that script, which installs the
scanners first).

1. A throwaway copy of the app: a PostgreSQL database created for the scan
   (golden_thread_scan; dropped at the end), migrated and loaded with the demo, static
   files collected, served by gunicorn on 127.0.0.1 at a free port with DEBUG off, as in
   production (except plain HTTP). Its access log and error log (Django's tracebacks)
   are kept in test-artifacts/security/.
2. A scanning account made for the scan: a person in the secretariat of every agreement,
   signed in with a scripted POST; the scanners send that session. The pages that could
   take its rights away (ending its own memberships, changing its password, signing out)
   are left out of the crawl; everything else is in scope.
3. wapiti3 (modules sql, xss, permanentxss, csrf, exec) crawls and attacks every page in
   scope, with its out-of-band endpoint pointed at 127.0.0.1:9 so that nothing leaves
   loopback.
4. A small crawler finds every filter and search parameter (GET forms and query strings
   in links); sqlmap tries each, in batch mode, at a bounded level, risk and time.
5. Any vulnerability, any anomaly, any injection point, any response of 500 or more in
   the server's access log (a crash under attack), a worker killed for taking too long,
   or the scanning account losing its rights is a failure: the script prints them all
   (with each distinct traceback) and exits 1.
"""

from __future__ import annotations

import argparse
import collections
import html.parser
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from demo_server import (  # noqa: E402
    PYTHON,
    App,
    cookie_header,
    load_demo,
    production_env,
    sign_in,
    start_app,
)

REPORTS = ROOT / "test-artifacts" / "security"
DATABASE_URL = os.environ.get(
    "SCAN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/golden_thread_scan"
)
SCANNER_EMAIL = "security-scan@scan.invalid"
# Never crawled or attacked: signing out would end the scan's session, and the password
# pages would change the scanning account or send e-mail (ending the scanner's own
# memberships is added once their ids are known). The admin refuses the scanner (not
# staff) and static files take no input.
EXCLUDED = [
    "/accounts/logout/*",
    "/accounts/password_change/*",
    "/accounts/password_reset/*",
    "/accounts/reset/*",
    "/admin/*",
    "/static/*",
    # A filtered page as a document: the same filters as the page (attacked there),
    # rendered as a PDF, Word or Excel file for every payload.
    "*format=pdf*",
    "*format=docx*",
    "*format=xlsx*",
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


# --- the throwaway database and the scanning account -----------------------------------


def database_recreate(url: str, *, drop_only: bool = False) -> None:
    """Drop the scan's database (closing its connections) and, unless drop_only, create
    it empty. Through the server's maintenance database, with the app's psycopg."""
    import psycopg  # the app's dependency; this script runs in the app's virtualenv

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing an unusual database name: {name!r}")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


SCANNER_SETUP = textwrap.dedent("""
    import json, os
    from partnerships.models import Agreement, Membership, Partnership, Person, User
    user, _ = User.objects.get_or_create(email=os.environ["SCANNER_EMAIL"])
    user.first_name, user.last_name, user.is_active = "Security", "scanner", True
    user.set_password(os.environ["SCANNER_PASSWORD"])
    user.save()
    memberships = []
    for agreement in Agreement.objects.order_by("pk"):
        secretariat = Membership.objects.filter(
            partnership__agreement=agreement, role=Membership.Role.SECRETARIAT
        ).select_related("partnership").first()
        partnership = secretariat.partnership if secretariat else Partnership.objects.filter(
            agreement=agreement, reports_to__isnull=True
        ).order_by("pk").first()
        if partnership is None:
            continue
        person, _ = Person.objects.get_or_create(
            agreement=agreement, user=user,
            defaults={"name": "Security Scanner", "email": user.email},
        )
        membership, _ = Membership.objects.get_or_create(
            person=person, partnership=partnership, role=Membership.Role.SECRETARIAT,
            defaults={"note": "scripts/security-scan"},
        )
        memberships.append(membership.pk)
    print(json.dumps(memberships))
""")

SCANNER_CHECK = textwrap.dedent("""
    import os
    from partnerships.models import Membership, User
    user = User.objects.filter(email=os.environ["SCANNER_EMAIL"]).first()
    problems = []
    if user is None or not user.is_active:
        problems.append("the account is gone or inactive")
    elif not user.check_password(os.environ["SCANNER_PASSWORD"]):
        problems.append("its password was changed")
    elif Membership.objects.current().filter(
        person__user=user, role=Membership.Role.SECRETARIAT
    ).count() != int(os.environ["SCANNER_MEMBERSHIPS"]):
        problems.append("it lost a secretariat membership")
    print("; ".join(problems) or "intact")
""")


def manage_shell(env: dict[str, str], code: str) -> str:
    """The last line `manage.py shell -c code` prints; raises RuntimeError, with the end
    of its error output, if it fails."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(" | ".join(result.stderr.strip().splitlines()[-3:]))
    return result.stdout.strip().splitlines()[-1]


def scanner_create(env: dict[str, str], password: str) -> list[int]:
    """A secretariat person in every agreement, for the scan only; returns the ids of
    its memberships (whose end pages are left out of the crawl)."""
    out = manage_shell(env | {"SCANNER_EMAIL": SCANNER_EMAIL, "SCANNER_PASSWORD": password},
                       SCANNER_SETUP)  # fmt: skip
    return [int(pk) for pk in json.loads(out)]


def scanner_check(env: dict[str, str], password: str, memberships: list[int]) -> str:
    return manage_shell(
        env
        | {
            "SCANNER_EMAIL": SCANNER_EMAIL,
            "SCANNER_PASSWORD": password,
            "SCANNER_MEMBERSHIPS": str(len(memberships)),
        },
        SCANNER_CHECK,
    )


# --- what the server logged ---------------------------------------------------------------

ACCESS_LINE = re.compile(r'^\[[^\]]*\] "(?P<request>.*)" (?P<status>\d{3}) \S+ \S+$')
# Where one record of the server's log begins: Django's "Reason phrase (detail): /path"
# (django.request and django.security) or gunicorn's "[date time] [pid] [LEVEL]".
RECORD_START = r"^(?=[A-Z][A-Za-z' -]+(?: \(.*\))?: /|\[\d{4}-\d\d-\d\d )"
SERVER_ERROR_RECORD = re.compile(
    r"^(Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout)"
    r"|^\[[^\]]*\] \[\d+\] \[(ERROR|CRITICAL)\]"
)


# The exception's class on the last line of a traceback, e.g. "django.db.utils.IntegrityError"
# (not a database's "DETAIL:  Key …" that may follow it).
EXCEPTION_LINE = re.compile(r"^((?:[A-Za-z_]\w*\.)*[A-Z]\w*[a-z]\w*)(?::|$)", re.M)


@dataclass
class ServerLog:
    requests: int
    errors: list[tuple[int, str]]  # (status, request line) of every 5xx response
    timeouts: int  # workers killed for taking more than gunicorn's --timeout
    # Each distinct server error the log records (5xx, gunicorn errors): its traceback
    # (or message), then the first line of each record of it.
    tracebacks: dict[str, list[str]]


def server_log_read(access_log: Path, error_log: Path) -> ServerLog:
    requests, errors = 0, []
    for line in access_log.read_text(errors="replace").splitlines() if access_log.exists() else []:
        match = ACCESS_LINE.match(line)
        if not match:
            continue
        requests += 1
        if int(match["status"]) >= 500:
            errors.append((int(match["status"]), match["request"]))
    text = error_log.read_text(errors="replace") if error_log.exists() else ""
    tracebacks: dict[str, list[str]] = {}
    for record in re.split(RECORD_START, text, flags=re.M):
        lines = record.rstrip().splitlines()
        if not lines or not SERVER_ERROR_RECORD.match(lines[0]):
            continue  # 404s, 403s and other answers Django logs as warnings
        # The same error on another object or parameter is the same error: the same
        # exception raised from the same line of the app's code. A record with no
        # traceback (a worker killed, say) is told apart by its message.
        frames = [
            f"{path.removeprefix(str(ROOT) + '/')}:{line}"
            for path, line in re.findall(r'File "([^"]+)", line (\d+)', record)
            if path.startswith(str(ROOT)) and "-packages/" not in path
        ]
        exceptions = EXCEPTION_LINE.findall(record)
        if exceptions:
            key = f"{exceptions[-1]} at {frames[-1] if frames else 'a library'}"
        else:
            key = re.sub(r"^\[.*?\] \[\d+\] ", "", lines[0])
        tracebacks.setdefault(key, [record.rstrip()]).append(lines[0])
    return ServerLog(requests, errors, text.count("WORKER TIMEOUT"), tracebacks)


def server_errors_report(server: ServerLog) -> list[str]:
    """Writes server-errors.txt (every 5xx request, each distinct traceback) and returns
    the findings: one per distinct page shape and status, with an example URL."""
    by_page: dict[tuple[int, str], list[str]] = collections.defaultdict(list)
    for status, request in server.errors:
        method, _, rest = request.partition(" ")
        url = rest.rsplit(" ", 1)[0]
        by_page[(status, f"{method} {shape(urllib.parse.urlsplit(url).path)}")].append(url)
    with open(REPORTS / "server-errors.txt", "w") as out:
        out.write(f"{len(server.errors)} responses of 500 or more:\n")
        for status, request in server.errors:
            out.write(f"  {status} {request}\n")
        out.write(f"\n{len(server.tracebacks)} distinct errors in the server's log:\n")
        for traceback, *firsts in server.tracebacks.values():
            out.write(f"\n===== {len(firsts)}x; {', '.join(sorted(set(firsts))[:5])}\n")
            out.write(traceback + "\n")
    findings = [
        f"server error {status}: {page} ({len(urls)}x), e.g. {urls[0]}"
        for (status, page), urls in sorted(by_page.items())
    ]
    findings += [
        f"server log, {len(firsts)}x: {key}" for key, (_, *firsts) in server.tracebacks.items()
    ]
    if server.timeouts:
        findings.append(f"server: {server.timeouts} worker(s) killed after 120 s (WORKER TIMEOUT)")
    return findings


# --- the scanners -------------------------------------------------------------------------


def run_wapiti(
    venv: Path,
    app: App,
    cookies: dict[str, str],
    minutes: float,
    work: Path,
    excluded: list[str],
) -> list[str]:
    report = REPORTS / "wapiti.json"
    modules = "sql,xss,permanentxss,csrf,exec"
    command = [
        str(venv / "bin" / "wapiti"), "-u", app.url + "/", "--scope", "folder",
        "-m", modules, "--endpoint", "http://127.0.0.1:9/",
        "-C", cookie_header(cookies),  # a header: the cookies are Secure, the scan is HTTP
        "--max-scan-time", str(int(minutes * 60)), "--max-attack-time", str(int(minutes * 60 / 5)),
        "--max-links-per-page", "30", "--max-files-per-dir", "8", "-d", "3",
        "--tasks", "4", "-t", "30", "--flush-session", "--no-bugreport",
        "--store-session", str(work / "wapiti-session"),
        "--store-config", str(work / "wapiti-config"),
        "-f", "json", "-o", str(report), "-v", "1",
    ]  # fmt: skip
    for pattern in excluded:
        command += ["-x", app.url + pattern if pattern.startswith("/") else f"{app.url}/{pattern}"]
    log(f"wapiti: modules {modules} for at most {minutes:g} minutes")
    with open(REPORTS / "wapiti.log", "w") as output:
        subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, timeout=minutes * 60 + 600)
    if not report.exists():
        return [f"wapiti wrote no report (see {REPORTS / 'wapiti.log'})"]
    data = json.loads(report.read_text())
    findings = []
    for section in ("vulnerabilities", "anomalies"):
        for category, items in data.get(section, {}).items():
            for item in items:
                findings.append(
                    f"wapiti {section[:-1]}: {category}: {item.get('method')} {item.get('path')} "
                    f"{item.get('parameter', '')} – {item.get('info', '')}"
                )
    crawled = data.get("infos", {}).get("crawled_pages_nbr", "?")
    log(f"wapiti: {crawled} URLs and forms crawled, {len(findings)} findings")
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


def run_scanners(
    args: argparse.Namespace, app: App, work: Path, password: str, memberships: list[int]
) -> tuple[list[str], dict[str, int]]:
    """The crawler, wapiti and sqlmap against the running app, signed in as the scanning
    account; returns the findings and how many requests each step made."""
    venv = (ROOT / args.scan_venv).resolve()

    def requests() -> int:
        return server_log_read(REPORTS / "access.log", REPORTS / "server.log").requests

    findings: list[str] = []
    counts = {}
    cookies = sign_in(app.url, SCANNER_EMAIL, password)
    log(f"signed in as {SCANNER_EMAIL}, secretariat of {len(memberships)} agreements")
    targets = find_parameters(app.url, cookies)
    log(f"{targets.pages} pages read; {len(targets.params)} filter/search parameter sets:")
    for url in targets.urls():
        log(f"  {url}")
    counts["sign-in and crawler"] = requests()
    if args.only != "sqlmap":
        excluded = EXCLUDED + [f"/memberships/{pk}/end/*" for pk in memberships]
        findings += run_wapiti(venv, app, cookies, args.minutes, work, excluded)
        counts["wapiti"] = requests() - sum(counts.values())
        cookies = sign_in(app.url, SCANNER_EMAIL, password)  # a fresh session
    if args.only != "wapiti":
        sqlmap_ends = time.monotonic() + args.sqlmap_minutes * 60
        for url in targets.urls():
            if time.monotonic() > sqlmap_ends:
                log(f"sqlmap {url}: NOT SCANNED, past the {args.sqlmap_minutes:g} minutes")
                continue
            found = run_sqlmap(venv, app, cookies, url, work)
            log(f"sqlmap {url}: {'FOUND' if found else 'nothing'}")
            findings += found
        counts["sqlmap"] = requests() - sum(counts.values())
    try:
        account = scanner_check(app.env, password, memberships)
    except RuntimeError as error:
        account = f"(could not check it: {error})"
    if account != "intact":
        findings.append(f"the scanning account lost its rights midway: {account}")
    return findings, counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scan-venv", default=".venv-scan")
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("SCAN_MINUTES", 8)))
    parser.add_argument(
        "--sqlmap-minutes", type=float, default=float(os.environ.get("SQLMAP_MINUTES", 30))
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="keep the scan database afterwards, and reuse it if it holds the demo",
    )
    parser.add_argument("--only", choices=["wapiti", "sqlmap"], help="run one scanner")
    args = parser.parse_args()
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    env = production_env(DATABASE_URL)
    name = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
    try:
        if not (args.reuse_database and demo_loaded(env)):
            log(f"migrating and loading the demo into a new PostgreSQL database, {name}")
            database_recreate(DATABASE_URL)
            load_demo(env)
        password = secrets.token_urlsafe(24)
        memberships = scanner_create(env, password)
        with tempfile.TemporaryDirectory(prefix="gt-security-scan-") as tmp:
            app = start_app(
                env, error_log=REPORTS / "server.log", access_log=REPORTS / "access.log"
            )
            log(f"serving with gunicorn on {app.url} (DEBUG off, PostgreSQL {name})")
            try:
                findings, counts = run_scanners(args, app, Path(tmp), password, memberships)
            finally:
                app.stop()
    finally:
        if not args.reuse_database:
            database_recreate(DATABASE_URL, drop_only=True)
    server = server_log_read(REPORTS / "access.log", REPORTS / "server.log")
    findings += server_errors_report(server)
    log(
        f"finished in {(time.monotonic() - started) / 60:.1f} minutes: {server.requests} requests"
        f" ({', '.join(f'{step} {n}' for step, n in counts.items())}),"
        f" {len(server.errors)} responses of 500 or more,"
        f" {len(server.tracebacks)} distinct tracebacks; reports in {REPORTS}"
    )
    if findings:
        log(f"{len(findings)} FINDINGS:")
        for finding in findings:
            print("  " + finding)
        if server.tracebacks:
            log(f"every 5xx and each distinct traceback: {REPORTS / 'server-errors.txt'}")
        return 1
    log("no findings")
    return 0


def demo_loaded(env: dict[str, str]) -> bool:
    probe = "from partnerships.models import Agreement; print(Agreement.objects.exists())"
    try:
        return manage_shell(env, probe) == "True"
    except RuntimeError:  # no such database, or not migrated
        return False


if __name__ == "__main__":
    sys.exit(main())
