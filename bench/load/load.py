"""The body of bench/load/run: throughput and latency of signed-in pages under load.

gunicorn with 2 workers (DEBUG off, as in production) on PostgreSQL with the demo; wrk
with 16 connections for 60 s on each page, signed in with a session from a scripted
sign-in; then the same on a trivial page, /accessibility/, signed in with the same
session (so it pays the same session, user and context-processor queries and nothing
else: the app's cheapest page). Any socket error, timeout or non-2xx answer fails the run.
Results: printed as a table and saved to bench/out/load-<timestamp>.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from demo_server import cookie_header, load_demo, production_env, sign_in, start_app  # noqa: E402

TRIVIAL = "/accessibility/"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/gt_bench"


@dataclass
class Result:
    path: str
    requests_per_second: float
    latency_ms: dict[str, float]  # percentile -> milliseconds
    requests: int
    errors: int
    details: str


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def run_wrk(url: str, cookie: str, *, seconds: int, connections: int) -> Result:
    command = [
        "wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency",
        "--timeout", "10s", "-H", f"Cookie: {cookie}", url,
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = {
        p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$",
                                                 out, re.M)
    }  # fmt: skip
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
    errors += int(non_2xx[1]) if non_2xx else 0
    return Result(
        path=urllib.parse.urlsplit(url).path,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        latency_ms=latency,
        requests=int(re.search(r"(\d+) requests in", out)[1]),
        errors=errors,
        details=out,
    )


def check_answers(url: str, cookie: str) -> None:
    """The page must answer 200 to this session (not a redirect to sign in)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200 or "/accounts/login/" in response.url:
            raise SystemExit(f"{url} answered {response.status} at {response.url}")


def database_has_demo(env: dict[str, str]) -> bool:
    probe = (
        "from partnerships.models import Agreement, User;"
        "print(Agreement.objects.exists()"
        " and User.objects.filter(email__endswith='@demo.test').exists())"
    )
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "shell", "-c", probe],
        cwd=ROOT, env=env | {"DEBUG": "1"}, capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout.strip().endswith("True")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="pages to load, e.g. /partnerships/")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--as", dest="email", default="lead@demo.test", help="demo sign-in")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    if database_url == DEFAULT_DATABASE:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "gt_bench"], capture_output=True
        )  # fmt: skip  (exists already: fine)
    env = production_env(database_url)
    if not database_has_demo(env):
        print(f"loading the demo into {database_url}", flush=True)
        load_demo(env)
    # The shared report cache's table (a release step, docs/deploy.md): without it report
    # pages are never kept and every read logs the missing table.
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "createcachetable"], cwd=ROOT, env=env,
        check=True,
    )  # fmt: skip
    app = start_app(env, workers=2)
    try:
        cookie = cookie_header(sign_in(app.url, args.email))
        results = []
        for path in [*args.paths, TRIVIAL]:
            url = app.url + path
            check_answers(url, cookie)
            run_wrk(url, cookie, seconds=3, connections=2)  # warm up both workers
            result = run_wrk(url, cookie, seconds=args.seconds, connections=args.connections)
            results.append(result)
            print(f"{path}: {result.requests_per_second:.1f} req/s, "
                  f"p50 {result.latency_ms.get('50', 0):.1f} ms, errors {result.errors}",
                  flush=True)  # fmt: skip
    finally:
        app.stop()
    trivial = results[-1]
    lines = [
        f"# Load test {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"gunicorn, 2 sync workers, DEBUG off, PostgreSQL ({database_url.rsplit('/', 1)[-1]}),"
        f" demo data; wrk {args.connections} connections, {args.seconds} s per page, signed in"
        f" as {args.email}; {os.cpu_count()} CPU cores shared with everything else running.",
        "",
        "| page | req/s | p50 ms | p75 ms | p90 ms | p99 ms | requests | errors | cost ×trivial |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        ratio = trivial.requests_per_second / r.requests_per_second
        p = r.latency_ms
        lines.append(
            f"| `{r.path}` | {r.requests_per_second:.1f} | {p.get('50', 0):.1f} | "
            f"{p.get('75', 0):.1f} | {p.get('90', 0):.1f} | {p.get('99', 0):.1f} | "
            f"{r.requests} | {r.errors} | {ratio:.2f}× |"
        )
    lines += ["", f"Trivial page: `{TRIVIAL}` signed in (session, user and menu queries only)."]
    report = "\n".join(lines)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"load-{dt.datetime.now():%Y%m%d-%H%M%S}.md"
    raw = "\n".join(f"## {r.path}\n```\n{r.details}```" for r in results)
    path.write_text(f"{report}\n\n{raw}")
    print("\n" + report + f"\n\nSaved to {path}")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
