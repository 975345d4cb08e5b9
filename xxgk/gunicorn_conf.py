"""gunicorn configuration of `xxgk serve` (loaded as `python:xxgk.gunicorn_conf`).

The fork hook and a few fixed settings live here; bind address, worker count and proxy settings are passed on the
command line by xxgk/backoffice/management/commands/serve.py. Imported by the gunicorn
master: nothing here may touch the database at import time.
"""

from __future__ import annotations

from typing import Any


def post_fork(server: Any, worker: Any) -> None:
    """A new worker starts with no database connection of the master's (issue 16)."""
    from django.conf import settings

    if not settings.configured:  # plain `gunicorn -c …`: Django is set up later, in the app
        return
    from xxgk.forking import discard_inherited

    discard_inherited()


# gunicorn ≥ 25 opens a control socket at one fixed path per user: a second server on the
# machine (another site, a test run) would take it over. Nothing of ours uses it.
control_socket_disable = True
