"""`xxgk serve`: the production server (gunicorn), to run behind nginx (docs/deployment.md)."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "以生产方式（gunicorn）启动网站，供 nginx 反向代理。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default=os.environ.get("XXGK_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("XXGK_WORKERS", "3") or 3)
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if sys.platform.startswith("win"):
            raise CommandError(
                "gunicorn 不支持 Windows；请在 Linux 服务器上部署，或用 xxgk demo 试用。"
            )
        if options["workers"] < 1:
            raise CommandError("--workers 至少为 1。")
        from gunicorn.app.wsgiapp import run

        from xxgk.forking import close_before_fork

        # The system checks that ran before handle() queried the database (the calendar
        # check): close that connection now, or every worker forked below inherits it.
        close_before_fork()
        sys.argv = [
            "gunicorn",
            "xxgk.wsgi:application",
            "--config",
            "python:xxgk.gunicorn_conf",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("XXGK_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        run()
