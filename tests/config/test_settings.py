"""Production settings: secrets required, deploy checks clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    leaked = {"DEBUG", "SECRET_KEY", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in leaked}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="x" * 20 + "production-secret-key-for-the-check-0123456789",
        ALLOWED_HOSTS="golden-thread.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-0123456789",
    "ALLOWED_HOSTS": "golden-thread.example.org",
}


def test_production_refuses_a_short_secret_key():
    result = run_manage("check", SECRET_KEY="thirteenchars")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak: 13 characters" in result.stderr
    assert "at least 50" in result.stderr


def test_production_refuses_a_long_key_of_one_repeated_character():
    result = run_manage("check", SECRET_KEY="a" * 60)
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_debug_accepts_a_short_secret_key():
    result = run_manage("check", SECRET_KEY="thirteenchars", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_ssl_redirect_turned_off_on_purpose_passes_the_deploy_check():
    """A proxy that redirects to HTTPS itself (docs/deploy.md): no W008 warning."""
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", SECURE_SSL_REDIRECT="0", **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_only_the_ssl_redirect_warning_is_silenced():
    """With the redirect off, the deploy check still catches everything else."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        **PRODUCTION,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" not in result.stderr


def test_an_unset_ssl_redirect_stays_on_and_is_not_silenced():
    code = (
        "from django.conf import settings;"
        "print(settings.SECURE_SSL_REDIRECT, settings.SILENCED_SYSTEM_CHECKS)"
    )
    result = run_manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True []"
