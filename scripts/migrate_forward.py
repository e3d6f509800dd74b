"""Prove that a database made by an earlier release migrates forward with nothing lost.

    .venv/bin/python scripts/migrate_forward.py OLD_REF [--postgres]

Checks out OLD_REF (e.g. the commit before the plans app took the delivery-plan models)
into a temporary work tree, migrates a fresh database with it and loads the demo, takes
every table's row count and a fingerprint of its rows, then migrates the same database
with this checkout's code and compares: every table of before must still be there with
the same rows (new tables may appear). SQLite by default; --postgres uses a throwaway
database on $PG_URL (postgres://postgres@127.0.0.1:5432). Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def run(args: list[str], cwd: Path, database_url: str) -> None:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url}
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


def fingerprint_sqlite(path: Path) -> dict[str, tuple[int, str]]:
    db = sqlite3.connect(path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {t: _digest(db.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}


def fingerprint_postgres(url: str) -> dict[str, tuple[int, str]]:
    import psycopg

    with psycopg.connect(url) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        return {t: _digest(db.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}


def _digest(rows: list[tuple[object, ...]]) -> tuple[int, str]:
    lines = sorted(repr(row) for row in rows)
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


# Tables whose rows a migrate is expected to change: the migration log, the data
# version (moved on by every migrate), content types (moved models change app).
EXPECTED_TO_CHANGE = {
    "django_migrations",
    "golden_thread_data_version",  # until issue 19: dropped by the next migrate
    "golden_thread_agreement_version",  # its shared row (every agreement's) moves on
    "django_content_type",
    "sqlite_sequence",  # SQLite's id counters: the migration log's moves on
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_ref")
    parser.add_argument("--postgres", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(old), options.old_ref],
            cwd=ROOT,
            check=True,
        )
        try:
            if options.postgres:
                import psycopg

                base = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
                with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
                    admin.execute("DROP DATABASE IF EXISTS golden_thread_forward")
                    admin.execute("CREATE DATABASE golden_thread_forward")
                url = f"{base}/golden_thread_forward"
                take = lambda: fingerprint_postgres(url)  # noqa: E731
            else:
                path = Path(tmp) / "forward.sqlite3"
                url = f"sqlite:///{path}"
                take = lambda: fingerprint_sqlite(path)  # noqa: E731
            run([PYTHON, "manage.py", "migrate", "--no-input"], old, url)
            run([PYTHON, "manage.py", "seed_demo"], old, url)
            before = take()
            run([PYTHON, "manage.py", "migrate", "--no-input"], ROOT, url)
            run([PYTHON, "manage.py", "migrate", "--check"], ROOT, url)
            after = take()
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT)
    problems = [
        f"{table}: {before[table][0]} rows before, "
        + (f"{after[table][0]} after" if table in after else "table gone")
        + ("" if table not in after or after[table][0] != before[table][0] else " (rows changed)")
        for table in sorted(before)
        if table not in EXPECTED_TO_CHANGE and before[table] != after.get(table)
    ]
    rows = sum(count for table, (count, _) in before.items() if table not in EXPECTED_TO_CHANGE)
    engine = "PostgreSQL" if options.postgres else "SQLite"
    if problems:
        print(f"{engine}: {len(problems)} tables differ after migrating forward:")
        print("\n".join(f"  {p}" for p in problems))
        return 1
    print(f"{engine}: {len(before)} tables, {rows} rows from {options.old_ref}: all intact.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
