"""Subcommands of ``xxgk region``: one module per subcommand, registered by name.

Each module defines ``HELP``, ``add_arguments(parser)`` and ``handle(options, stdout, stderr)
-> int`` (the exit code), as in ``xxgk.annual_reports.cli``. Add a subcommand (e.g.
``scorecard``) by writing its module and adding one line to ``SUBCOMMANDS``.

Exit codes: 0 = fine, 1 = some input was refused, 2 = invalid arguments.
"""

from __future__ import annotations

SUBCOMMANDS: dict[str, str] = {
    "status": "xxgk.region.cli.status",
    "import": "xxgk.region.cli.import_files",
    # The score card (issue 14 item 5) lives with the annual reports.
    "scorecard": "xxgk.annual_reports.cli.scorecard",
}

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_INVALID = 2
