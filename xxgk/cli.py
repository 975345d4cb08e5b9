"""The `xxgk` console script: Django's management commands under one name.

`xxgk report parse FILE`, `xxgk demo`, `xxgk serve` … are management commands of the app
that owns each job. A configuration error is printed as one Chinese line, never a traceback,
and Django's English "CommandError:" prefix is shown in Chinese.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


class _ChineseErrors:
    """Wrap stderr so Django's `CommandError: msg` reads `错误：msg` for our Chinese users."""

    PREFIX = "CommandError: "

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if text.startswith(self.PREFIX):
            text = "错误：" + text[len(self.PREFIX) :]
        return self._stream.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")
    args = list(sys.argv if argv is None else ["xxgk", *argv])
    from django.core.exceptions import ImproperlyConfigured

    original = sys.stderr
    sys.stderr = _ChineseErrors(original)  # type: ignore[assignment]
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        original.write(f"配置错误：{exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        sys.stderr = original
    return 0


if __name__ == "__main__":
    sys.exit(main())
