"""The real production server (`xxgk serve`, gunicorn) on a scratch database.

Shared by the slow server tests (tests/test_server_concurrency.py,
tests/test_server_durability.py) and the intake bench (bench/bench_intake.py). The server
and every step that touches its database run in child processes with the production
settings (xxgk.settings); the caller only speaks HTTP and reads JSON. Those steps are
`python -m xxgk.testing_server prepare|verify` (see `_child`).

The database is the kind XXGK_DATABASE_URL names (SQLite by default): a new SQLite file, or
a new database on the same PostgreSQL server, dropped afterwards.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SECRET = "server-test-secret-key-not-for-production-0123456789"


@dataclass
class ScratchDatabase:
    """An empty database and data folder for one server run."""

    url: str
    data_dir: Path
    vendor: str
    admin_url: str = ""  # PostgreSQL: where CREATE/DROP DATABASE is sent
    name: str = ""

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a child process: this database, production settings."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("XXGK_") and k != "DJANGO_SETTINGS_MODULE"
        }
        env.update(
            DJANGO_SETTINGS_MODULE="xxgk.settings",
            XXGK_DATABASE_URL=self.url,
            XXGK_DATA_DIR=str(self.data_dir),
            XXGK_SECRET_KEY=SECRET,
            XXGK_LOG_LEVEL="WARNING",
            # The load comes from one address: the per-IP API limit would refuse it.
            XXGK_API_APPLICATION_RATE="off",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def scratch_database(base_url: str | None, data_dir: Path) -> Iterator[ScratchDatabase]:
    """A new empty database beside base_url (SQLite when None or sqlite://)."""
    (data_dir / "static").mkdir(parents=True, exist_ok=True)  # STATIC_ROOT: no warning
    if not base_url or base_url.startswith("sqlite"):
        yield ScratchDatabase(
            url=f"sqlite:///{data_dir / 'server.sqlite3'}", data_dir=data_dir, vendor="sqlite"
        )
        return
    parts = urlsplit(base_url)
    name = f"xxgk_server_{secrets.token_hex(4)}"
    admin = base_url.replace("postgres://", "postgresql://", 1)
    _pg_admin(admin, f'CREATE DATABASE "{name}"')
    try:
        yield ScratchDatabase(
            url=urlunsplit(parts._replace(path=f"/{name}")),
            data_dir=data_dir,
            vendor="postgresql",
            admin_url=admin,
            name=name,
        )
    finally:
        _pg_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_step(db: ScratchDatabase, step: str, payload: object = None) -> Any:
    """Run `python -m xxgk.testing_server STEP` on db; return the JSON it prints last."""
    proc = subprocess.run(
        [sys.executable, "-m", "xxgk.testing_server", step],
        cwd=ROOT,
        env=db.env(),
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{step} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Response:
    status: int
    body: bytes
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def request(
    port: int,
    method: str,
    path: str,
    body: object = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Response:
    """One HTTP request on a new connection (gunicorn's sync workers do not keep alive).

    Raises OSError (http.client errors included) when the server does not answer.
    """
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
    all_headers = {"Host": f"127.0.0.1:{port}", **(headers or {})}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=data, headers=all_headers)
        resp = conn.getresponse()
        content = resp.read()
    except http.client.HTTPException as exc:  # e.g. RemoteDisconnected mid-response
        raise ConnectionError(str(exc)) from exc
    finally:
        conn.close()
    return Response(resp.status, content, time.perf_counter() - start)


def resident_id(n: int) -> str:
    """A valid 18-digit 居民身份证号码 per n (distinct applicants).

    The check character is ISO 7064 MOD 11-2 (GB 11643), computed here because the client
    side of the harness does not load Django.
    """
    base = f"4202811970{n % 10_000_000:07d}"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(base))
    check = (12 - total % 11) % 11
    return base + ("X" if check == 10 else str(check))


def application_body(agency: str, n: int) -> dict[str, str]:
    """The JSON body of POST /api/v1/applications for applicant number n."""
    return {
        "agency": agency,
        "applicant_kind": "natural",
        "name": f"申请人{n}",
        "id_type": "resident_id",
        "id_number": resident_id(n),
        "phone": f"138{n % 100_000_000:08d}",
        "description": f"请公开第{n}号项目的立项批复文件。",
        "form": "email",
        "delivery": "email",
        "email": f"applicant{n}@example.com",
    }


def post_application(port: int, key: str, body: dict[str, str], timeout: float = 60) -> Response:
    return request(
        port,
        "POST",
        "/api/v1/applications",
        body=body,
        headers={"Idempotency-Key": key},
        timeout=timeout,
    )


@dataclass
class Server:
    """`xxgk serve` on 127.0.0.1:port in its own process group (master + workers)."""

    db: ScratchDatabase
    workers: int
    port: int = 0
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    _log: TextIO | None = field(default=None, repr=False)

    def start(self, timeout: float = 60) -> None:
        self.port = self.port or free_port()
        self.log_path = self.log_path or self.db.data_dir / f"server-{self.port}.log"
        self._log = self.log_path.open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "xxgk.cli",
                "serve",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
            ],
            cwd=ROOT,
            env=self.db.env(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: SIGKILL reaches every worker
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"xxgk serve exited:\n{self.log_tail()}")
            try:
                # A static file: answered by a worker without touching the database.
                if request(self.port, "GET", "/static/xxgk/site.css", timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"xxgk serve did not answer within {timeout} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (a crash, not a shutdown)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._close_log()

    def stop(self) -> None:
        """Graceful shutdown (SIGTERM: workers finish their request)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, chars: int = 4000) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        lines = [
            line
            for line in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
            if '"GET ' not in line and '"POST ' not in line  # access log lines
        ]
        return "\n".join(lines)[-chars:]

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- steps run in the child process, on the scratch database -------------------------


def _prepare() -> dict[str, Any]:
    """Migrate, then the two agencies of the test world and two published items of A."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    from django.utils import timezone

    from xxgk.publications import services
    from xxgk.publications.tests import factories
    from xxgk.testing import make_world

    # Nobody signs in to this server: fast hashing keeps the set-up short.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        world = make_world()
    items = []
    for title, word in (
        ("关于申报市级科技计划项目的通知", "科技计划"),
        ("大冶市科技局部门预算公开", "部门预算"),
    ):
        approved = factories.approved(world, title=title, formed_on=timezone.localdate())
        pub = services.publish(approved, actor=world.grace)
        items.append(
            {
                "id": pub.pk,
                "title": title,
                "word": word,
                "url": f"/{world.a.code}/publications/{pub.pk}/",
            }
        )
    return {"agency": world.a.code, "agency_name": world.a.name, "items": items}


def assert_complete_cases(found: dict[str, Any], answers: dict[str, Any], keys: set[str]) -> None:
    """Each key the server acknowledged is exactly one complete case, numbered without gaps.

    `found` is the "verify" step's result, `answers` the HTTP answers by idempotency key. The
    case the applicant was told about is the case stored under their key. It waited as 待确认
    (no due date yet, Art. 31) until the office confirmed it; then it is complete.
    """
    assert set(found["cases"]) == keys
    for key, answer in answers.items():
        body = answer.json()
        [case] = found["cases"][key]
        assert body["due"] is None, key
        assert case.pop("due_date") is not None, key
        assert case == {
            "case_number": body["case_number"],
            "tracking_code": body["tracking_code"],
            "submitted_events": 1,
            "receipts": 1,
        }, key
    assert found["total"] == found["confirmed"] == len(keys)
    for entry in found["numbering"]:
        # Unique and gap-free: exactly the numbers 1..last of the agency's pattern.
        assert entry["numbers"] == entry["expected"], (entry["agency"], entry["year"])
    assert sum(len(n["numbers"]) for n in found["numbering"]) == len(keys)


def _confirm_pending() -> int:
    """The office confirms every online submission (条例 Art. 31: 双方确认之日), in bulk.

    An API application waits as 待确认 without a receipt date; confirmation starts its clock
    and issues the 回执. Only then is a case complete (event, receipt letter, due date).
    """
    from django.utils import timezone

    from xxgk.accounts.models import User
    from xxgk.applications.models import Application, Status
    from xxgk.applications.services import confirm_applications

    pending = list(Application.objects.filter(status=Status.AWAITING_CONFIRMATION))
    if pending:
        office = User.objects.get(username="grace")  # 公开办 of the agency (xxgk.testing)
        confirm_applications(pending, actor=office, confirmed_on=timezone.localdate())
    return len(pending)


def _verify() -> dict[str, Any]:
    """Every API case (by idempotency key) and the case numbering of every agency-year."""
    from django.db.models import Count

    confirmed = _confirm_pending()

    from xxgk.applications.models import (
        Application,
        ApplicationEvent,
        EventType,
        Letter,
        LetterKind,
        NumberCounter,
    )
    from xxgk.applications.services.common import desk_settings

    events = dict(
        ApplicationEvent.objects.filter(type=EventType.SUBMITTED)
        .values_list("application_id")
        .annotate(n=Count("id"))
    )
    receipts = dict(
        Letter.objects.filter(kind=LetterKind.RECEIPT)
        .values_list("application_id")
        .annotate(n=Count("id"))
    )
    cases: dict[str, list[dict[str, Any]]] = {}
    rows = Application.objects.filter(idempotency_key__startswith="api:").values_list(
        "pk", "idempotency_key", "case_number", "tracking_code", "due_date"
    )
    for pk, key, number, code, due in rows:
        cases.setdefault(key.removeprefix("api:"), []).append(
            {
                "case_number": number,
                "tracking_code": code,
                "due_date": due.isoformat() if due else None,
                "submitted_events": events.get(pk, 0),
                "receipts": receipts.get(pk, 0),
            }
        )
    numbering = []
    for counter in NumberCounter.objects.filter(series="case").select_related("agency"):
        pattern = desk_settings(counter.agency).case_number_pattern
        numbers = Application.objects.filter(
            agency=counter.agency, received_on__year=counter.year
        ).values_list("case_number", flat=True)
        numbering.append(
            {
                "agency": counter.agency.code,
                "year": counter.year,
                "last": counter.last,
                "numbers": sorted(numbers),
                "expected": sorted(
                    pattern.format(short=counter.agency.short_name, year=counter.year, seq=seq)
                    for seq in range(1, counter.last + 1)
                ),
            }
        )
    return {
        "cases": cases,
        "numbering": numbering,
        "total": Application.objects.count(),
        "confirmed": confirmed,
    }


def _child(step: str) -> None:
    import django

    django.setup()
    result = {"prepare": _prepare, "verify": _verify}[step]()
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    _child(sys.argv[1])
