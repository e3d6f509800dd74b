"""Settings for timing: the app's own, with DEBUG off, plus a trivial page to compare with.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=sqlite:////tmp/bench.sqlite3 \
        .venv/bin/gunicorn -w 1 -b 127.0.0.1:8140 config.wsgi
"""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret-" + "0123456789abcdef" * 2)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# Documents are built in the request, so that bench/scorecard.py times the build itself;
# bench/pdf_round_trip.py sets the database queue and a worker, as deployed.
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")

from config.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
# Served over plain HTTP on 127.0.0.1, with static files from the app directories.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
AXES_ENABLED = False
