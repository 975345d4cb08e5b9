"""Test settings: fast hashing, in-memory mail, no lockouts between tests."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("XXGK_DATA_DIR", tempfile.mkdtemp(prefix="xxgk-test-"))
# A fixed development key (never used outside tests) keeps encrypted test data reproducible.
os.environ.setdefault("XXGK_DATA_KEYS", "dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=")
os.environ.setdefault("XXGK_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from xxgk.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The real page cache: tests see what production serves (root conftest empties it).
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise warns when STATIC_ROOT is missing; tests serve static files from the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Jobs run inside the request that starts them; one test runs the real database queue + worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The anchor file outlives each test's rolled-back database: tests that anchor point
# XXGK_AUDIT_ANCHOR_FILE at their own tmp_path, nothing anchors automatically.
XXGK_AUDIT_ANCHOR_EVERY = 0
