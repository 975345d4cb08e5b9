"""Database connections and process forks: a connection never crosses a fork.

A PostgreSQL connection is a socket plus protocol state. If a process forks while one is
open (gunicorn's master after Django's system checks, which query the calendar table; any
job runner that forks), parent and children share the socket: their queries interleave,
one process reads another's results, and applicants see each other's cases (issue 16).
Two guards, used by `xxgk serve` (xxgk/gunicorn_conf.py), `xxgk demo` and any job runner:

- `close_before_fork()` in the parent, after whatever used the database and before forking;
- `discard_inherited()` in the child right after the fork, in case the parent reopened one.
"""

from __future__ import annotations

import os

from django.db import Error, connections


def close_before_fork() -> None:
    """Close every database connection of this process (the next query opens a new one)."""
    connections.close_all()


def discard_inherited() -> None:
    """In a freshly forked child: drop inherited connections without touching the server.

    Closing them the normal way would send PostgreSQL a Terminate message over the socket
    the parent still uses, killing its session. Closing our copy of the file descriptor
    first leaves the parent's socket intact; the library's own close then has nothing to
    send. (Celery's Django fix-up does the same for its pool processes.)
    """
    for conn in connections.all(initialized_only=True):
        raw = conn.connection
        if raw is None:
            continue
        fileno = getattr(raw, "fileno", None)
        if callable(fileno):  # psycopg; sqlite3 connections have no socket
            try:
                os.close(fileno())
            except OSError:
                pass
        try:
            conn.close()
        except Error:
            pass  # the descriptor is gone: the close could only fail, and that is expected
        conn.connection = None
