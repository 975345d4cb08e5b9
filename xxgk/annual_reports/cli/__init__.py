"""Subcommands of ``xxgk report``: one module per subcommand, registered by name.

Each module in this package defines ``HELP`` (one Chinese line), ``add_arguments(parser)`` and
``handle(options, stdout, stderr) -> int`` (the exit code). To add a subcommand (e.g.
``compute``), write ``cli/compute.py`` and add one line to ``SUBCOMMANDS``.

Exit codes: 0 = fine, 1 = the report has errors, 2 = the input cannot be read or is invalid.
"""

from __future__ import annotations

SUBCOMMANDS: dict[str, str] = {
    "parse": "xxgk.annual_reports.cli.parse",
    "check": "xxgk.annual_reports.cli.check",
    "render": "xxgk.annual_reports.cli.render",
    "compute": "xxgk.annual_reports.cli.compute",
    "compare": "xxgk.annual_reports.cli.compare",
}

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2
