"""`xxgk demo`: migrate the local database, load the demo data, and serve the site."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from xxgk.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from xxgk.backoffice.demo import load_demo
from xxgk.forking import close_before_fork


class Command(BaseCommand):
    help = "准备演示数据库（迁移、加载演示数据、创建演示账户）并启动网站。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000, help="端口，默认 8000")
        parser.add_argument("--host", default="127.0.0.1", help="监听地址，默认 127.0.0.1")
        parser.add_argument("--no-serve", action="store_true", help="只准备数据，不启动网站")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["port"] <= 65535:
            raise CommandError("端口应在 1—65535 之间。")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"数据目录：{settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        # The demo's own notices (回执, 退回, 催办) are not sent anywhere nor printed: a new
        # user should see the addresses and accounts, not a page of MIME text.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            load_demo()
        base = f"http://{options['host']}:{options['port']}"
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
        self.stdout.write(f"  政府信息公开专栏：{base}/")
        self.stdout.write(f"  大冶市科技局专栏：{base}/daye-kjj/")
        self.stdout.write(f"  工作人员登录：    {base}/backoffice/login/")
        self.stdout.write(f"  系统配置：        {base}/admin/")
        self.stdout.write(f"演示账户（密码均为 {DEMO_PASSWORD}）：")
        from xxgk.accounts.models import Role
        from xxgk.agencies.models import Agency

        names = dict(Agency.objects.values_list("code", "name"))
        from xxgk.region.demo import REGION_ACCOUNTS

        for username, full_name, code, role in DEMO_ACCOUNTS + REGION_ACCOUNTS:
            self.stdout.write(f"  {username:<16} {full_name}  {names[code]} · {Role(role).label}")
        self.stdout.write(
            "  另有 daye-<部门>-office 等各部门公开办及审核账户，见 README“本地区报送”。"
        )
        if options["no_serve"]:
            return
        self.stdout.write("按 Ctrl+C 停止。")
        # The request threads open their own connections; none stays idle from loading.
        close_before_fork()
        # One background worker beside the demo server runs the queued jobs (ADR 0007).
        worker = _start_worker()
        try:
            call_command(
                "runserver",
                f"{options['host']}:{options['port']}",
                use_reloader=False,
                insecure_serving=True,
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)


def _start_worker() -> subprocess.Popen[bytes] | None:
    if "DatabaseBackend" not in settings.TASKS["default"]["BACKEND"]:
        return None
    return subprocess.Popen(
        [sys.executable, "-m", "xxgk.cli", "db_worker", "--interval", "1", "--verbosity", "0"]
    )
