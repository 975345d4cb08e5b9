"""Demo data: each app's `demo.load()`, in dependency order, all idempotent."""

from __future__ import annotations

import importlib

from django.db import transaction

# Explicit order: later loaders use what earlier ones created.
LOADERS = [
    "xxgk.agencies.demo",
    "xxgk.accounts.demo",
    "xxgk.publications.demo",
    "xxgk.applications.demo",
    "xxgk.annual_reports.demo",
    "xxgk.region.demo",
]


@transaction.atomic
def load_demo() -> None:
    for module in LOADERS:
        importlib.import_module(module).load()
