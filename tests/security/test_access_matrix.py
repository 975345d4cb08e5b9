"""Issue 11 guarantee 15: the access matrix, generated from the URL configuration.

Every URL pattern of the back office, the admin and the API is found by walking the URL
resolver (a new URL is covered without editing this test), its parameters are filled with
the ids of agency A's objects, and it is requested (GET, then POST with an empty form) as:

* anonymous, every role of agency B, the signed-in user without a role, the supervisor
  (POST only: a supervisor may read A), and
* the roles of A that must not act there (the admin: every role but 系统管理员; the
  back office: the 系统管理员, who configures but never handles cases or publications).

Each answer must be a refusal (403, 404, 405 or a redirect to a login page), carry none of
A's confidential markers, and leave every table unchanged (rows hashed before and after).
Patterns that are public by design are listed in PUBLIC; anything else is protected, so a
new public endpoint must be declared here on purpose.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern

import pytest
import time_machine

from xxgk.accounts.models import Role
from xxgk.accounts.policy import ACTION_ROLES
from xxgk.testing import PERSONAS_A, PERSONAS_B, World

PREFIXES = ("backoffice/", "admin/", "api/")
# Public by design: anyone may sign in, read the API's published data, apply and track.
PUBLIC = {
    "backoffice:login",
    "backoffice:logout",
    "api_docs",
    "api:openapi",
    "api:publications",
    "api:applications",
    "api:track",
    "admin:login",
    "admin:logout",
    "admin:jsi18n",
}
# Parameters that name one of A's objects (the others pick a verb, a format, a template).
A_PARAMS = {"code", "pk", "object_id", "id", "attachment_id", "letter_id", "url"}
LOGIN_PATHS = ("/backoffice/login/", "/admin/login/")
# Tables that change on every signed-in request by design (sessions) or on a refused
# sign-in attempt; everything else must stay byte-for-byte the same.
UNHASHED = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}

SECRET_APPLICANT = "甲申请人秘密"
SECRET_DRAFT = "甲机关未公开草稿标题"
SECRET_APPEAL = "甲复议秘密案由"
SECRET_ID_NUMBER = "110105194912310029"  # personal data: masked even for the supervisor


@dataclass(frozen=True)
class Pattern:
    route: str  # "backoffice/applications/<int:pk>/"
    name: str  # "applications:detail" ("" when unnamed)
    regex: bool
    callback: Any

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""

    @property
    def params(self) -> list[str]:
        if self.regex:
            return re.findall(r"\(\?P<(\w+)>", self.route)
        return re.findall(r"<(?:\w+:)?(\w+)>", self.route)


def walk(
    patterns: list[Any], prefix: str = "", ns: str = "", regex: bool = False
) -> Iterator[Pattern]:
    for p in patterns:
        is_regex = regex or isinstance(p.pattern, RegexPattern)
        if isinstance(p, URLResolver):
            namespace = ns + (f"{p.namespace}:" if p.namespace else "")
            yield from walk(p.url_patterns, prefix + str(p.pattern), namespace, is_regex)
        elif isinstance(p, URLPattern):
            name = ns + p.name if p.name else ""
            yield Pattern(prefix + str(p.pattern), name, is_regex, p.callback)


def protected_patterns() -> list[Pattern]:
    return [
        p
        for p in walk(get_resolver().url_patterns)
        if p.route.startswith(PREFIXES) and p.name not in PUBLIC
    ]


# --- agency A's objects ---------------------------------------------------------------------


@dataclass
class Objects:
    world: World
    application: Any
    publication: Any
    draft: Any
    appeal: Any
    report: Any
    channel: Any
    attachment: Any
    submission: Any
    reminder: Any

    def owns(self, model: type) -> bool:
        """True if rows of `model` belong to an agency (else it is installation-wide data)."""
        from xxgk.accounts.models import User
        from xxgk.agencies.models import Agency

        names = {f.name for f in model._meta.get_fields()}
        return model in (Agency, User) or bool(
            names & {"agency", "application", "publication", "appeal"}
        )

    def admin_object(self, model: type) -> Any:
        """The row of `model` that belongs to agency A (or the first row of a global table)."""
        from xxgk.accounts.models import User
        from xxgk.agencies.models import Agency

        if model is Agency:
            return self.world.a
        if model is User:
            return self.world.alice
        names = {f.name for f in model._meta.get_fields()}
        for path in ("agency", "application__agency", "publication__agency", "appeal__agency"):
            if path.split("__", 1)[0] in names:
                row = model.objects.filter(**{path: self.world.a}).order_by("pk").first()
                if row is not None:
                    return row
        return model.objects.order_by("pk").first()


@pytest.fixture
def objects(world: World) -> Iterator[Objects]:
    from xxgk.appeals.services import AppealData, record_appeal
    from xxgk.applications.models import Attachment
    from xxgk.applications.tests.scripting import submit
    from xxgk.portal.tests.factories import publication
    from xxgk.publications.models import Channel, ChannelKind, PublicationStatus

    with time_machine.travel("2025-12-31 10:00 +0800", tick=False):
        application = submit(world.a, world.alice, date(2025, 3, 3))
        application.applicant_name = SECRET_APPLICANT
        application.id_number = SECRET_ID_NUMBER
        application.save(update_fields=["applicant_name", "id_number"])
        attachment = Attachment.objects.create(
            application=application,
            file=ContentFile(b"%PDF-1.4 test", name="scan.pdf"),
            original_name="scan.pdf",
            content_type="application/pdf",
            size=13,
            uploaded_by=world.alice,
        )
        appeal = record_appeal(
            agency=world.a,
            actor=world.frank,
            data=AppealData(
                "reconsideration", "大冶市人民政府", date(2025, 4, 1), description=SECRET_APPEAL
            ),
        )
        from xxgk.annual_reports import services as reports
        from xxgk.annual_reports.tests.test_report_workflow import ready_report
        from xxgk.region import services as region
        from xxgk.region.testing import make_region_world

        # A's report, approved inside A, submitted to its 主管部门 and chased by it (报送, 催办).
        rw = make_region_world(world)
        report = ready_report(world)
        january = datetime(2026, 1, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
        reports.submit_report(report, actor=world.grace, now=january)
        for reviewer in (world.bob, world.carol, world.dave, world.erin):
            reports.approve_report_step(report, actor=reviewer, now=january)
        report.refresh_from_db()
        submission = region.submit_report(report, actor=world.grace, now=january).submission
        reminder = region.send_reminder(world.a, 2025, actor=world.users["otto"], now=january)
        assert rw.office is not None
    channel = Channel.objects.create(agency=world.a, name="甲机关微信", kind=ChannelKind.OTHER)
    yield Objects(
        world=world,
        application=application,
        publication=publication(world.a, "甲机关已公开信息"),
        draft=publication(world.a, SECRET_DRAFT, status=PublicationStatus.DRAFT, index=False),
        appeal=appeal,
        report=report,
        channel=channel,
        attachment=attachment,
        submission=submission,
        reminder=reminder,
    )


def _literals(callback: Any, variable: str) -> list[str]:
    """The string values a view compares `variable` with (its verbs, kinds …)."""
    view = getattr(callback, "view_class", None) or inspect.unwrap(callback)
    source = inspect.getsource(view)
    found = re.findall(rf"{variable} == \"(\w+)\"", source)
    found += [
        word
        for group in re.findall(rf"{variable} (?:not )?in \(([^)]*)\)", source)
        for word in re.findall(r"\"(\w+)\"", group)
    ]
    return sorted(set(found)) or ["x"]


def fill(pattern: Pattern, o: Objects) -> list[str]:
    """The URLs of `pattern` for agency A's objects (one per value of a verb-like slug)."""
    from xxgk.applications.views.actions import BY_NAME
    from xxgk.approvals.models import WorkflowKind
    from xxgk.publications.registers.sheets import SHEETS

    ns, a = pattern.namespace, o.world.a
    pk_by_namespace = {
        "publications": o.draft.pk,
        "applications": o.application.pk,
        "appeals": o.appeal.pk,
        "annual_reports": o.report.pk,
    }
    model_admin = getattr(pattern.callback, "model_admin", None)
    choices: dict[str, list[Any]] = {}
    for param in pattern.params:
        if param == "code" and "aggregate" in pattern.name:  # a report cell code
            choices[param] = ["t1.1.1"]
        elif param == "code":
            choices[param] = [a.code]
        elif param == "pk" and "aggregate" in pattern.name:  # a supervising agency's roll-up
            choices[param] = [a.pk]
        elif param == "year":
            choices[param] = [2025]
        elif param == "pk" and pattern.name == "publications:toggle_channel":
            choices[param] = [o.channel.pk]
        elif param == "pk" and ns == "jobs":
            from xxgk.jobs.models import Job

            job = Job.objects.create(
                kind="test", title="甲机关任务", agency=a, created_by=o.world.grace
            )
            choices[param] = [job.pk]
        elif param == "pk" and pattern.name == "region:reminder_read":
            choices[param] = [o.reminder.pk]
        elif param == "pk" and ns == "region":
            choices[param] = [o.submission.pk]
        elif param == "report_pk":
            choices[param] = [o.report.pk]
        elif param == "pk":
            choices[param] = [pk_by_namespace[ns]]
        elif param == "object_id" and pattern.name == "admin:view_on_site":
            choices[param] = [o.application.pk]
        elif param in ("object_id", "id"):
            row = o.admin_object(model_admin.model) if model_admin else None
            choices[param] = [row.pk if row is not None else 1]
        elif param == "content_type_id":
            choices[param] = [ContentType.objects.get_for_model(type(o.application)).pk]
        elif param == "app_label":
            choices[param] = ["applications"]
        elif param == "attachment_id":
            choices[param] = [o.attachment.pk]
        elif param == "letter_id":
            choices[param] = [o.application.letters.order_by("pk").first().pk]
        elif param == "name" and pattern.name == "applications:act":
            choices[param] = sorted(BY_NAME)
        elif param == "verb":
            choices[param] = _literals(pattern.callback, "verb")
        elif param == "kind" and pattern.name == "approvals:configure":
            choices[param] = list(WorkflowKind.values)
        elif param == "kind" and pattern.name == "publications:register_template":
            choices[param] = sorted(SHEETS)
        elif param in ("kind", "fmt"):
            choices[param] = _literals(pattern.callback, param) if param == "kind" else ["pdf"]
        elif param == "url":  # the admin's catch-all: any path below /admin/
            choices[param] = [f"applications/application/{o.application.pk}/"]
        elif param == "number":
            choices[param] = [1]
        else:
            pytest.fail(f"{pattern.route}: no value for the parameter “{param}”; add one in fill()")
    urls = [{}]
    for param, values in choices.items():
        urls = [dict(u, **{param: v}) for u in urls for v in values]
    out = []
    for kwargs in urls:
        if pattern.regex or not pattern.name:
            out.append(_substitute(pattern, kwargs))
        else:
            out.append(reverse(pattern.name, kwargs=kwargs))
    return out


def _substitute(pattern: Pattern, kwargs: dict[str, Any]) -> str:
    if pattern.name and pattern.regex:
        return reverse(pattern.name, kwargs=kwargs)
    route = pattern.route
    if pattern.regex:
        for key, value in kwargs.items():
            route = re.sub(rf"\(\?P<{key}>[^)]*\)", str(value), route)
        return "/" + route.replace("^", "").replace("$", "")
    for key, value in kwargs.items():
        route = re.sub(rf"<(?:\w+:)?{key}>", str(value), route)
    return "/" + route


# --- the checks ----------------------------------------------------------------------------


def fingerprint() -> str:
    """A hash of every row of every table that a refused request must leave alone."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.label_lower in UNHASHED or not model._meta.managed:
            continue
        digest.update(model._meta.label_lower.encode())
        for row in model._default_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def refused(response: Any, client: Client, hops: int = 3) -> bool:
    """A refusal: 403/404/405, a login redirect, the admin's "no such object" redirect to its
    index, or a redirect (the admin's legacy URLs, view-on-site) that leads to a refusal."""
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code != 302:
        return False
    location = response["Location"].removeprefix("http://testserver")
    if location.startswith(LOGIN_PATHS) or location == "/admin/":
        return True
    return hops > 0 and refused(client.get(location), client, hops - 1)


def must_not_act_in_a(pattern: Pattern) -> list[str]:
    """A's personas that must not change anything through this pattern."""
    if pattern.route.startswith("admin/"):
        return [n for n, r in PERSONAS_A.items() if r != Role.ADMIN]
    admin_actions = {a for a, roles in ACTION_ROLES.items() if Role.ADMIN in roles}
    configures = pattern.name in (
        "approvals:configure",
        "publications:channels",
        "publications:toggle_channel",
    )
    if configures or not pattern.route.startswith("backoffice/") or not admin_actions:
        return []
    if pattern.params:  # an object of A: the 系统管理员 configures, never handles it
        return ["heidi"]
    return []


def leaks(response: Any, names: tuple[str, ...]) -> list[str]:
    body = (
        response.content.decode(errors="replace")
        if not getattr(response, "streaming", False)
        else ""
    )
    return [n for n in names if n in body]


def test_it_refuses_every_protected_url_to_everyone_who_must_not_act(objects: Objects) -> None:
    world = objects.world
    clients: dict[str, Client] = {"anonymous": Client(raise_request_exception=False)}
    for name in [*PERSONAS_B, "oscar", "sam", *PERSONAS_A]:
        client = Client(raise_request_exception=False)
        client.force_login(world.users[name])
        clients[name] = client
    outsiders = ["anonymous", *PERSONAS_B, "oscar"]
    secrets = (
        SECRET_APPLICANT,
        SECRET_ID_NUMBER,
        SECRET_DRAFT,
        SECRET_APPEAL,
        objects.application.tracking_code,
    )

    patterns = protected_patterns()
    assert len(patterns) > 100  # the walk found the back office, the admin and the API
    failures: list[str] = []
    requests = 0
    for pattern in patterns:
        for url in fill(pattern, objects):
            cache.clear()
            before = fingerprint()
            model_admin = getattr(pattern.callback, "model_admin", None)
            object_of_a = bool(set(pattern.params) & A_PARAMS) and (
                model_admin is None or objects.owns(model_admin.model)
            )
            for who in [*outsiders, "sam", *must_not_act_in_a(pattern)]:
                client = clients[who]
                # A's own staff and the supervisor may read A: for them the check is that
                # nothing changes (fingerprint below); strangers must also be refused.
                reader_of_a = who == "sam" or who in PERSONAS_A
                for method in ("get", "post"):
                    if reader_of_a and method == "get":
                        continue
                    response = getattr(client, method)(url)
                    requests += 1
                    if who != "sam" and who not in PERSONAS_A:
                        leaked = leaks(response, secrets)
                    else:
                        leaked = leaks(response, (SECRET_ID_NUMBER,)) if who == "sam" else []
                    if leaked:
                        failures.append(f"{method.upper()} {url} as {who}: shows {leaked}")
                    if reader_of_a:
                        continue
                    must_refuse = object_of_a or who == "anonymous"
                    if must_refuse and not refused(response, client):
                        failures.append(
                            f"{method.upper()} {url} as {who}: {response.status_code} "
                            f"{response.get('Location', '')}"
                        )
            if fingerprint() != before:
                failures.append(f"{url}: a refused request changed the database")
    assert failures == [], "\n".join(failures[:50])
    assert requests > 1000
