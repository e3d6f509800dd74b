"""Serve a throwaway copy of the app as production would, for scripts/security-scan and
bench/load: the demo loaded into a given database, static files collected, gunicorn on
127.0.0.1 at a free port with DEBUG off; and a scripted sign-in.

The session and CSRF cookies are marked Secure (production settings) while these tools
speak plain HTTP on loopback, so cookies are read from Set-Cookie by hand and sent back
as a Cookie header.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# One access-log line: [time] "GET /path?query HTTP/1.1" status bytes seconds
ACCESS_FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(L)s'


@dataclass
class App:
    url: str
    process: subprocess.Popen
    env: dict[str, str]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def production_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}}
    return env | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; everything else as deployed
        "EMAIL_HOST": "127.0.0.1",  # nothing is mailed anywhere: port 9 discards
        "EMAIL_PORT": "9",
        "LOG_LEVEL": "ERROR",
    }


def load_demo(env: dict[str, str]) -> None:
    """Migrate and load the demo; demo sign-ins are only created with DEBUG on."""
    seeding = env | {"DEBUG": "1"}
    for command in (["migrate", "--no-input", "-v0"], ["seed_demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=seeding, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip


def start_app(
    env: dict[str, str],
    *,
    workers: int = 2,
    error_log: Path | None = None,
    access_log: Path | None = None,
) -> App:
    """collectstatic, then gunicorn on a free loopback port; returns once it answers.

    error_log takes everything the server writes (gunicorn's own messages and Django's
    tracebacks of server errors); access_log one line per request: time, request line,
    status, bytes, seconds."""
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env,
        check=True,
    )  # fmt: skip
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    if access_log:
        command += ["--access-logfile", str(access_log), "--access-logformat", ACCESS_FORMAT]
    with open(error_log, "a") if error_log else contextlib.nullcontext() as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{url}/accounts/login/", timeout=5)
            return App(url, process, env)
        except OSError:  # not answering yet (refused, reset or timed out)
            if process.poll() is not None:
                raise SystemExit("gunicorn stopped before it answered") from None
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not answer within two minutes")


def _cookies_from(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def sign_in(base: str, email: str, password: str = "demo") -> dict[str, str]:
    """Sign in through the real form (GET for the CSRF token, then POST); returns the
    sessionid and csrftoken cookies."""
    opener = urllib.request.build_opener(_NoRedirect)
    page = opener.open(f"{base}/accounts/login/", timeout=30)
    cookies = _cookies_from(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    if not token:
        raise SystemExit("no CSRF token on the sign-in page")
    body = urllib.parse.urlencode(
        {"username": email, "password": password, "csrfmiddlewaretoken": token[1]}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/",
        data=body,
        headers={"Cookie": f"csrftoken={cookies['csrftoken']}", "Referer": base + "/"},
    )
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as redirect:  # 302 to the home page on success
        response = redirect
    cookies |= _cookies_from(response)
    if "sessionid" not in cookies:
        raise SystemExit(f"could not sign in as {email} (status {response.status})")
    return {name: cookies[name] for name in ("sessionid", "csrftoken")}


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
