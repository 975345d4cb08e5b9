"""Recompute the open cases' due dates after the calendar changed.

The case desk (xxgk.applications) owns the due dates; the calendar must not import it at
module level (it is built later and must stay optional) and must not hide the call behind a
signal or a registered hook. So callers of the calendar services call this function
explicitly, and it calls `xxgk.applications.services.recompute_open_deadlines(years,
actor=...)` when that function exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xxgk.accounts.models import User

CASE_SERVICES = "xxgk.applications.services"


def recompute_open_deadlines(years: Iterable[int], *, actor: User | None) -> bool:
    """Ask the case desk to recompute open deadlines for `years`; False if it cannot yet."""
    try:
        module = importlib.import_module(CASE_SERVICES)
    except ModuleNotFoundError as exc:
        if exc.name != CASE_SERVICES:  # a broken import inside the module must surface
            raise
        return False
    if not hasattr(module, "recompute_open_deadlines"):
        return False
    module.recompute_open_deadlines(frozenset(years), actor=actor)
    return True
