"""The body of bench/load/two: two app servers, one worker, one PostgreSQL, under load.

Two gunicorn instances (2 sync workers each, DEBUG off, the same production environment
and secret key) on two loopback ports and one `manage.py db_worker`, all on one PostgreSQL
database with the demo and the shared report cache (the database's table, or Redis with
--redis). A load generator (Python threads, one keep-alive-less HTTP connection each, as a
browser behind a proxy would make) drives each server with --connections connections for
--seconds: signed-in reads of the scorecard, the exception report, target pages and
meeting pages, and writes of actuals through the REST API (a token, unique commentary per
write). Then it checks:

- errors: any socket error, timeout or answer other than 2xx (a redirect to sign in too);
- lost writes: every write the API acknowledged (201) is in the database afterwards: its
  commentary in the actual's history, and the actual holding the last one acknowledged;
- the shared cache, quietly before the load: a report built on server A is served kept on
  server B (B neither builds nor stores it: the kept row is untouched), and a write through
  B makes A's next read fresh; under load, a probe writes through one server and at once
  reads the scorecard on the other, which must show the write, again and again;
- the worker: tasks enqueued during the load (bench/load/tasks.py) are all run.

Results: printed and saved to bench/out/two-servers-<timestamp>.md (and .json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import secrets
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from demo_server import PYTHON, cookie_header, load_demo, production_env, sign_in, start_app  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/gt_load2"
AGREEMENT = 1  # the demo's Essex agreement: the signed-in lead's
READER = "lead@demo.test"
WRITER = "secretariat@demo.test"  # the API token's person: may enter every figure
# The mix: each request of each connection is one of these, drawn with these weights.
MIX = {"scorecard": 25, "exceptions": 20, "target": 20, "meeting": 20, "write": 15}
KEY_TABLE = "golden_thread_report_cache"
TASKS_ENQUEUED = 200


# --- HTTP -----------------------------------------------------------------------------


@dataclass
class Answer:
    status: int  # 0: no answer (socket error or timeout)
    seconds: float
    body: bytes = b""
    error: str = ""


def request(
    base: str, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> Answer:
    """One request on a new connection (gunicorn's sync workers close each one)."""
    parts = urllib.parse.urlsplit(base)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, time.perf_counter() - started, data)
    except (OSError, http.client.HTTPException) as error:
        return Answer(0, time.perf_counter() - started, error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()


@dataclass
class Slot:
    """An actual one load connection writes, alone, so it always knows its version."""

    id: int
    target: int
    period: str
    value: str
    version: int
    acknowledged: list[str] = field(default_factory=list)  # commentaries, in order
    unacknowledged: list[str] = field(default_factory=list)  # sent, no 201 seen


def write_actual(base: str, token: str, slot: Slot, commentary: str) -> Answer:
    payload = {
        "target": slot.target,
        "period": slot.period,
        "value": slot.value,
        "status": "provisional",
        "commentary": commentary,
        "version": slot.version,
    }
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    answer = request(base, "POST", "/api/v1/actuals/", headers, json.dumps(payload).encode())
    if answer.status == 201:
        slot.version = json.loads(answer.body)["version"]
        slot.acknowledged.append(commentary)
    else:
        slot.unacknowledged.append(commentary)
    return answer


def api_get(base: str, token: str, path: str) -> dict:
    answer = request(base, "GET", path, {"Authorization": f"Bearer {token}"})
    if answer.status != 200:
        raise SystemExit(f"GET {path}: {answer.status} {answer.error}")
    return json.loads(answer.body)


# --- Setting up -----------------------------------------------------------------------


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def issue_token(env: dict[str, str], email: str) -> str:
    code = (
        "from partnerships.models import User; from api.models import ApiToken;"
        f"print(ApiToken.issue(user=User.objects.get(email={email!r}),"
        " name='bench/load two servers')[1])"
    )
    return manage(env, "shell", "-v0", "-c", code).strip().splitlines()[-1]


def find_slots(base: str, token: str, wanted: int, run: str) -> list[Slot]:
    """Area-wide actuals of the agreement that the token's person may change (not in an
    approved return): each is tried with one write, and kept if it is acknowledged."""
    actuals = api_get(base, token, f"/api/v1/actuals/?agreement={AGREEMENT}&page_size=500")
    returns = api_get(base, token, f"/api/v1/data-returns/?agreement={AGREEMENT}&page_size=500")
    approved = {(r["target"], r["period"]) for r in returns["results"] if r["status"] == "approved"}
    candidates = [
        a for a in actuals["results"]
        if a["district"] is None and a["value"] is not None
        and (a["target"], a["period"]) not in approved
    ]  # fmt: skip
    candidates.sort(key=lambda a: (a["period_end"], a["id"]), reverse=True)  # latest first
    slots: list[Slot] = []
    refused: Counter[int] = Counter()
    for a in candidates:
        if len(slots) == wanted:
            break
        slot = Slot(a["id"], a["target"], a["period"], a["value"], a["version"])
        answer = write_actual(base, token, slot, f"{run} setup")
        if answer.status == 201:
            slots.append(slot)
        else:
            refused[answer.status] += 1
    if len(slots) < wanted:
        raise SystemExit(f"only {len(slots)} writable actuals found (refused: {dict(refused)})")
    return slots


# --- The cache, shown ------------------------------------------------------------------


class KeptPages:
    """The report pages kept in the shared cache: the database's table, or Redis."""

    def __init__(self, database_url: str, redis_url: str | None) -> None:
        self.database_url = database_url
        self.redis_url = redis_url

    def _redis(self, *args: str) -> str:
        return subprocess.run(
            ["redis-cli", "-u", self.redis_url, *args], capture_output=True, text=True,
            check=True,
        ).stdout  # fmt: skip

    def keys(self) -> dict[str, float]:
        """Each kept page's key and when it expires (seconds from the epoch; for Redis,
        from now, in milliseconds' precision)."""
        if self.redis_url:
            names = self._redis("--scan", "--pattern", "golden-thread-reports:*report:*").split()
            found = {}
            for name in names:
                if name.endswith(":building"):
                    continue
                found[name] = time.time() + int(self._redis("PTTL", name)) / 1000
            return found
        with psycopg.connect(self.database_url, autocommit=True) as db:
            rows = db.execute(
                f"SELECT cache_key, extract(epoch FROM expires) FROM {KEY_TABLE}"
                " WHERE cache_key LIKE %s AND cache_key NOT LIKE %s",
                ["%report:%", "%:building"],
            ).fetchall()
        return {key: float(expires) for key, expires in rows}

    def clear(self) -> None:
        if self.redis_url:
            for name in self._redis("--scan", "--pattern", "golden-thread-reports:*").split():
                self._redis("DEL", name)
            return
        with psycopg.connect(self.database_url, autocommit=True) as db:
            db.execute(f"DELETE FROM {KEY_TABLE}")


def show_cache_shared(
    a: str, b: str, cookie: str, token: str, probe: Slot, kept: KeptPages, run: str
) -> list[str]:
    """Quietly, before the load: built on A, served kept by B; a write through B, and A's
    next read shows it. Returns the lines of the account; raises SystemExit if not so."""
    page = f"/indicators/scorecard/?period={urllib.parse.quote(probe.period)}"
    headers = {"Cookie": cookie}
    lines = []

    def read(base: str, label: str) -> Answer:
        answer = request(base, "GET", page, headers)
        if answer.status != 200:
            raise SystemExit(f"{label}: {answer.status} {answer.error}")
        return answer

    before = kept.keys()
    built = read(a, "build on A")
    after_a = kept.keys()
    new = set(after_a) - set(before)
    if len(new) != 1:
        raise SystemExit(f"A's read kept {len(new)} new pages, not 1")
    (key,) = new
    lines.append(
        f"1. Server A reads the scorecard for {probe.period}: built in "
        f"{built.seconds * 1000:.0f} ms, and one page is kept (`{key[-16:]}`…)."
    )
    # A second and a half later: had B built and stored the page again, its expiry would
    # have moved on by as much (the database's is exact; Redis's TTL to the millisecond).
    time.sleep(1.5)
    served = read(b, "read on B")
    after_b = kept.keys()
    slack = 0.5 if kept.redis_url else 1e-6
    if set(after_b) != set(after_a) or abs(after_b[key] - after_a[key]) > slack:
        raise SystemExit("B built the page again instead of serving A's")
    if served.body.count(b"<tr") != built.body.count(b"<tr"):
        raise SystemExit("B's page differs from A's")
    lines.append(
        f"2. Server B reads the same page: {served.seconds * 1000:.0f} ms; no page is added and "
        "the kept page's expiry is unchanged, so B neither built nor stored it: it served "
        "A's."
    )
    marker = f"{run}-fresh-{secrets.token_hex(3)}"
    answer = write_actual(b, token, probe, marker)
    if answer.status != 201:
        raise SystemExit(f"write through B: {answer.status} {answer.body[:300]!r}")
    fresh = read(a, "read on A after the write")
    if marker.encode() not in fresh.body:
        raise SystemExit("A served a page older than the write made through B")
    after_write = kept.keys()
    lines.append(
        f"3. An actual's commentary is written through server B's API ({marker}); server A's "
        f"next read shows it, built again in {fresh.seconds * 1000:.0f} ms, kept under a new "
        f"key ({len(after_write) - len(after_b)} new page: the agreement's data version moved)."
    )
    again = read(b, "read on B after the write")
    if marker.encode() not in again.body or len(kept.keys()) != len(after_write):
        raise SystemExit("B did not serve A's fresh page")
    lines.append(
        f"4. Server B reads it again: {again.seconds * 1000:.0f} ms, the write is there, no page "
        "added."
    )
    return lines


# --- The load --------------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str
    server: str
    status: int
    seconds: float
    error: str


class Load:
    def __init__(self, servers: dict[str, str], cookie: str, token: str, pages: dict,
                 slots: list[Slot], run: str) -> None:  # fmt: skip
        self.servers = servers
        self.cookie = cookie
        self.token = token
        self.pages = pages
        self.slots = slots
        self.run = run
        self.outcomes: list[Outcome] = []
        self.lock = threading.Lock()
        self.stop_at = 0.0

    def connection(self, server: str, number: int, slot: Slot) -> None:
        base = self.servers[server]
        rng = random.Random(f"{self.run}-{server}-{number}")
        kinds, weights = list(MIX), list(MIX.values())
        sequence = 0
        mine: list[Outcome] = []
        while time.monotonic() < self.stop_at:
            kind = rng.choices(kinds, weights)[0]
            if kind == "write":
                sequence += 1
                answer = write_actual(
                    base, self.token, slot, f"{self.run} {server}{number}-{sequence}"
                )
            else:
                path = rng.choice(self.pages[kind])
                answer = request(base, "GET", path, {"Cookie": self.cookie})
            ok = 200 <= answer.status < 300
            error = answer.error or ("" if ok else f"HTTP {answer.status}")
            mine.append(Outcome(kind, server, answer.status, answer.seconds, error))
        with self.lock:
            self.outcomes += mine


@dataclass
class Probe:
    reads: int = 0
    stale: int = 0
    errors: int = 0
    notes: list[str] = field(default_factory=list)


def freshness_probe(servers: dict[str, str], cookie: str, token: str, slot: Slot,
                    stop_at: float, run: str, probe: Probe) -> None:  # fmt: skip
    """Writes through one server, then at once reads the scorecard on the other: the write
    must be on it. Turn about, every half second, through the load."""
    page = f"/indicators/scorecard/?period={urllib.parse.quote(slot.period)}"
    names = list(servers)
    n = 0
    while time.monotonic() < stop_at:
        n += 1
        writer, reader = names[n % 2], names[(n + 1) % 2]
        marker = f"{run}-probe-{n}-{secrets.token_hex(3)}"
        answer = write_actual(servers[writer], token, slot, marker)
        if answer.status != 201:
            probe.errors += 1
            probe.notes.append(f"probe write {n} through {writer}: {answer.status} {answer.error}")
            continue
        read = request(servers[reader], "GET", page, {"Cookie": cookie})
        probe.reads += 1
        if read.status != 200:
            probe.errors += 1
            probe.notes.append(f"probe read {n} on {reader}: {read.status} {read.error}")
        elif marker.encode() not in read.body:
            probe.stale += 1
            probe.notes.append(f"probe {n}: {reader} served a scorecard without {writer}'s write")
        time.sleep(0.5)


# --- Checking --------------------------------------------------------------------------


def check_writes(database_url: str, slots: list[Slot]) -> dict[str, int]:
    """Every acknowledged commentary is in the actual's history; each actual holds the last
    one acknowledged (its version too)."""
    found = missing = wrong_final = unacknowledged_found = 0
    with psycopg.connect(database_url, autocommit=True) as db:
        for slot in slots:
            history = {
                row[0]
                for row in db.execute(
                    "SELECT commentary FROM indicators_historicalactual WHERE id = %s", [slot.id]
                )
            }
            for commentary in slot.acknowledged:
                if commentary in history:
                    found += 1
                else:
                    missing += 1
            unacknowledged_found += sum(c in history for c in slot.unacknowledged)
            commentary, version = db.execute(
                "SELECT commentary, version FROM indicators_actual WHERE id = %s", [slot.id]
            ).fetchone()
            if slot.acknowledged and (commentary, version) != (
                slot.acknowledged[-1],
                slot.version,
            ):
                wrong_final += 1
    return {
        "acknowledged": sum(len(s.acknowledged) for s in slots),
        "found": found,
        "missing": missing,
        "actuals_not_at_last_write": wrong_final,
        "sent_unacknowledged": sum(len(s.unacknowledged) for s in slots),
        "unacknowledged_found": unacknowledged_found,
    }


def task_counts(database_url: str, run: str) -> dict[str, int]:
    with psycopg.connect(database_url, autocommit=True) as db:
        rows = db.execute(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE args_kwargs::text LIKE %s GROUP BY status",
            [f"%{run}%"],
        ).fetchall()
    return dict(rows)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def table(outcomes: list[Outcome], seconds: float, group) -> list[str]:  # type: ignore[no-untyped-def]
    rows = [
        "| | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[group(o)].append(o)
    for name in [*sorted(groups), "all"]:
        chosen = outcomes if name == "all" else groups[name]
        times = [o.seconds for o in chosen]
        errors = sum(1 for o in chosen if o.error)
        label = "**all**" if name == "all" else name
        rows.append(
            f"| {label} | {len(chosen)} | {len(chosen) / seconds:.1f} | "
            f"{percentile(times, 50):.0f} | {percentile(times, 90):.0f} | "
            f"{percentile(times, 99):.0f} | {max(times, default=0) * 1000:.0f} | {errors} |"
        )
    return rows


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) of these processes and their children now alive."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    seen = set()
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        todo += [int(c) for c in children]
    return total


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- Main ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32, help="per server")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--redis", metavar="URL", help="keep report pages in Redis (REDIS_URL)")
    parser.add_argument(
        "--writes", type=int, default=MIX["write"], metavar="PERCENT",
        help=f"share of writes in the mix (default {MIX['write']})",
    )  # fmt: skip
    args = parser.parse_args()
    if not 0 <= args.writes <= 100:
        parser.error("--writes is a percentage")
    # The reads keep their proportions among themselves.
    reads = {k: v for k, v in MIX.items() if k != "write"}
    for kind, weight in reads.items():
        MIX[kind] = weight * (100 - args.writes) / sum(reads.values())
    MIX["write"] = args.writes

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    name = database_url.rsplit("/", 1)[-1]
    if database_url == DEFAULT_DATABASE:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True
        )  # fmt: skip  (exists already: fine)
    run = f"load2-{dt.datetime.now():%H%M%S}"
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"

    # One environment for every process: the same database, cache and secret key (a
    # session signed in on one server is good on the other only with the same key).
    env = production_env(database_url) | {
        "API_RATE": "1000000/hour",  # the load is one token's; the limit is not measured
        "REPORT_CACHE_ENTRIES": "100000",  # no culling: kept pages are counted afterwards
    }
    if args.redis:
        env["REDIS_URL"] = args.redis
    probe_env = env | {"DEBUG": "1"}
    manage(env, "migrate", "--no-input", "-v0")  # first: a new database has no tables yet
    has_demo = manage(
        probe_env, "shell", "-v0", "-c",
        "from partnerships.models import Agreement; print(Agreement.objects.exists())",
    ).strip().endswith("True")  # fmt: skip
    if not has_demo:
        print(f"loading the demo into {name}", flush=True)
        load_demo(env)
    manage(env, "createcachetable")
    kept = KeptPages(database_url, args.redis)
    kept.clear()
    token = issue_token(env, WRITER)

    logs = {}
    apps = {}
    worker = None
    try:
        for server in ("A", "B"):
            logs[server] = out / f"two-servers-{stamp}-{server}.log"
            apps[server] = start_app(env, workers=args.workers, error_log=logs[server])
        servers = {s: app.url for s, app in apps.items()}
        worker_log = out / f"two-servers-{stamp}-worker.log"
        with open(worker_log, "w") as log:
            worker = subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"],
                cwd=ROOT, env=env, stdout=log, stderr=log,
            )  # fmt: skip
        print(f"servers {servers['A']} and {servers['B']}, worker pid {worker.pid}, "
              f"database {name}, cache {'Redis' if args.redis else 'the database'}",
              flush=True)  # fmt: skip

        cookie = cookie_header(sign_in(servers["A"], READER))
        meetings = api_get(servers["A"], token, f"/api/v1/meetings/?agreement={AGREEMENT}")
        targets = api_get(servers["A"], token, f"/api/v1/targets/?agreement={AGREEMENT}")
        pages = {
            "scorecard": ["/indicators/scorecard/"],
            "exceptions": ["/indicators/exceptions/"],
            "target": [f"/indicators/targets/{t['id']}/" for t in targets["results"]],
            "meeting": [f"/meetings/{m['id']}/" for m in meetings["results"]],
        }
        # Every page answers 200 to the session on both servers (signed in on A only).
        for base in servers.values():
            for paths in pages.values():
                for path in paths:
                    answer = request(base, "GET", path, {"Cookie": cookie})
                    if answer.status != 200:
                        raise SystemExit(f"{base}{path}: {answer.status} {answer.error}")
        connections = 2 * args.connections
        slots = find_slots(servers["A"], token, connections + 1, run)
        probe_slot, slots = slots[0], slots[1:]
        print(f"{connections} writable actuals found; pages answer on both servers", flush=True)

        shared = show_cache_shared(servers["A"], servers["B"], cookie, token, probe_slot, kept, run)
        print("\n".join(shared), flush=True)

        load = Load(servers, cookie, token, pages, slots, run)
        kept_before = len(kept.keys())
        load_before = load_average()
        cpu_before = os.times()
        ours = {"servers": [app.process.pid for app in apps.values()], "worker": [worker.pid]}
        ours_before = {k: cpu_seconds(v) for k, v in ours.items()}
        started = time.monotonic()
        load.stop_at = started + args.seconds
        threads = [
            threading.Thread(target=load.connection, args=(server, n, slots[i]))
            for i, (server, n) in enumerate(
                (s, n) for s in servers for n in range(args.connections)
            )
        ]
        probe = Probe()
        threads.append(threading.Thread(
            target=freshness_probe,
            args=(servers, cookie, token, probe_slot, load.stop_at, run, probe),
        ))  # fmt: skip
        for thread in threads:
            thread.start()
        # The worker's share: small tasks enqueued while the load runs (as a page would).
        enqueue = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "-v0", "-c",
             f"from bench.load.tasks import touch\n"
             f"for n in range({TASKS_ENQUEUED}): touch.enqueue({run!r}, n)"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        cpu = os.times()
        client_cpu = (cpu.user - cpu_before.user) + (cpu.system - cpu_before.system)
        ours_cpu = {k: cpu_seconds(v) - ours_before[k] for k, v in ours.items()}
        load_after = load_average()
        enqueue.wait()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            tasks = task_counts(database_url, run)
            if tasks.get("SUCCESSFUL", 0) + tasks.get("FAILED", 0) >= TASKS_ENQUEUED:
                break
            time.sleep(1)
        kept_after = len(kept.keys())
        alive = {s: app.process.poll() is None for s, app in apps.items()}
        alive["worker"] = worker.poll() is None
    finally:
        for app in apps.values():
            app.stop()
        if worker is not None and worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)

    outcomes = load.outcomes
    writes = check_writes(database_url, [*slots, probe_slot])
    errors = [o for o in outcomes if o.error]
    load_writes = sum(1 for o in outcomes if o.kind == "write" and o.status == 201)
    reports = sum(1 for o in outcomes if o.kind in ("scorecard", "exceptions")) + probe.reads
    built = kept_after - kept_before
    server_errors = {
        s: sum("Traceback" in line or "[ERROR]" in line for line in path.read_text().splitlines())
        for s, path in logs.items()
    }
    ok = (
        not errors
        and not probe.errors
        and not probe.stale
        and not writes["missing"]
        and not writes["actuals_not_at_last_write"]
        and all(alive.values())
        and tasks.get("SUCCESSFUL", 0) == TASKS_ENQUEUED
        and not any(server_errors.values())
    )
    lines = [
        f"# Two servers, one database: {dt.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Two gunicorn instances (A and B, {args.workers} sync workers each, DEBUG off, one "
        f"production environment) and one `manage.py db_worker` on PostgreSQL ({name}, the "
        f"demo); report pages kept in {'Redis' if args.redis else 'the database cache'}. "
        f"{args.connections} connections on each server for {elapsed:.0f} s, signed in as "
        f"{READER}; mix {', '.join(f'{k} {v:.0f}%' for k, v in MIX.items())} (writes: "
        f"POST /api/v1/actuals/ as {WRITER}, each connection its own actual). "
        f"{os.cpu_count()} CPU cores shared by everything, the load generator included "
        f"({client_cpu:.0f} s of CPU, {client_cpu / elapsed * 100:.0f}% of one core); load "
        f"average {load_before} before, {load_after} after.",
        "",
        f"CPU: the two servers' gunicorn processes used {ours_cpu['servers']:.0f} s of CPU in "
        f"{elapsed:.0f} s ({ours_cpu['servers'] / elapsed:.2f} of the {os.cpu_count()} cores; "
        f"{ours_cpu['servers'] / max(len(outcomes) + 2 * probe.reads, 1) * 1000:.0f} ms of "
        f"CPU per request), the worker {ours_cpu['worker']:.0f} s. What is left of the "
        "machine went to PostgreSQL and to whatever else ran on it.",
        "",
        "## By server",
        "",
        *table(outcomes, elapsed, lambda o: f"server {o.server}"),
        "",
        "## By request",
        "",
        *table(outcomes, elapsed, lambda o: o.kind),
        "",
        "## Checks",
        "",
        f"- Errors (socket, timeout, non-2xx): **{len(errors)}**"
        + (f": {Counter(o.error for o in errors).most_common(5)}" if errors else "")
        + f"; server error logs: {server_errors}.",
        f"- Writes acknowledged (201): **{writes['acknowledged']}** ({load_writes} by the load, "
        f"{probe.reads} by the probe, the rest while setting up); found in the database "
        f"afterwards: **{writes['found']}**; missing: **{writes['missing']}**; actuals not "
        f"holding their last acknowledged write: {writes['actuals_not_at_last_write']}; sent "
        f"without an acknowledgement: {writes['sent_unacknowledged']}.",
        f"- Freshness under load: {probe.reads} times a write through one server, then the "
        f"scorecard read at once on the other: stale **{probe.stale}**, errors "
        f"{probe.errors}." + (f" {probe.notes[:5]}" if probe.notes else ""),
        f"- Report pages read under load: {reports}; pages built (new kept pages): {built}; "
        f"so {reports - built} ({(reports - built) / max(reports, 1) * 100:.0f}%) were served "
        "kept, built by whichever server or worker process came first.",
        f"- Worker: {TASKS_ENQUEUED} tasks enqueued during the load; {tasks}; processes alive "
        f"at the end: {alive}.",
        "",
        "## The cache is shared (quiet, before the load)",
        "",
        *shared,
        "",
        f"Result: **{'PASS' if ok else 'FAIL'}**",
    ]
    report = "\n".join(lines)
    path = out / f"two-servers-{stamp}.md"
    path.write_text(report + "\n")
    (out / f"two-servers-{stamp}.json").write_text(json.dumps({
        "elapsed": elapsed, "writes": writes, "tasks": tasks, "alive": alive,
        "probe": probe.__dict__, "reports": reports, "built": built,
        "outcomes": [o.__dict__ for o in outcomes],
    }))  # fmt: skip
    print("\n" + report + f"\n\nSaved to {path}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
