"""The `xxgk` console script: Django's management commands under one name.

`xxgk report parse FILE`, `xxgk demo`, `xxgk serve` … are management commands of the app
that owns each job. A configuration error is printed as one Chinese line, never a traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    args = list(sys.argv if argv is None else ["xxgk", *argv])
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"配置错误：{exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
