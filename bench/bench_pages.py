"""Portal page throughput against a trivial Django view, same process, same run.

Requests go through Django's full stack (middleware, URL routing, templates, database) via
the test client, on a scratch SQLite database with N published items (2,000; quick: 300).
Reported: requests/s of the category list, the item page and a two-character search, each
as a ratio of a trivial view's requests/s (`HttpResponse("ok")`) measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from bench import goals


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def __getattr__(name: str) -> object:
    # The URLconf of the child (ROOT_URLCONF = this module), built only once Django is set up.
    if name == "urlpatterns":
        return [path("__trivial/", trivial), path("", include("xxgk.urls"))]
    raise AttributeError(name)


def _interleaved(fns: dict[str, Callable[[], object]], seconds: float) -> dict[str, float]:
    """Requests/s of each page, measured in alternating slices.

    The machine is shared: measuring one page after the other lets a change of load
    between them pass for a difference between pages. Slices spread it over all of them.
    """
    rounds = 6
    counts = dict.fromkeys(fns, 0)
    spent = dict.fromkeys(fns, 0.0)
    for fn in fns.values():
        fn()  # warm up
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            while True:
                fn()
                counts[name] += 1
                elapsed = time.perf_counter() - start
                if elapsed >= seconds / rounds:
                    spent[name] += elapsed
                    break
    return {name: counts[name] / spent[name] for name in fns}


def child(n: int, seconds: float) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-pages-") as data_dir:
        os.environ["XXGK_DATABASE_URL"] = f"sqlite:///{data_dir}/pages.sqlite3"
        os.environ["XXGK_DATA_DIR"] = data_dir
        os.environ.setdefault("XXGK_SECRET_KEY", "bench-secret-key-not-for-production-0123456789")
        os.environ["DJANGO_SETTINGS_MODULE"] = "xxgk.settings"
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        settings.ROOT_URLCONF = "bench.bench_pages"
        settings.ALLOWED_HOSTS = ["*"]
        settings.DEBUG = False
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        from xxgk.agencies.models import Agency, AgencyKind
        from xxgk.portal.tests import factories

        agency = Agency.objects.create(
            name="大冶市科技局", short_name="冶科", code="daye-kjj", kind=AgencyKind.DEPARTMENT
        )
        cat = factories.category(agency)
        pubs = [
            factories.publication(agency, f"第{i}号科技项目资金预算公示", cat=cat) for i in range(n)
        ]
        client = Client()
        pages = {
            "trivial view": "/__trivial/",
            "category list": f"/daye-kjj/proactive/?category={cat.id}",
            "item page": f"/daye-kjj/publications/{pubs[n // 2].pk}/",
            "search (2 chars)": "/search/?q=%E9%A2%84%E7%AE%97",
        }
        for name, url in pages.items():
            status = client.get(url).status_code
            if status != 200:
                return [f"基准失败：{name} 返回 {status}"]
        rates = _interleaved(
            {name: (lambda u=url: client.get(u)) for name, url in pages.items()}, seconds
        )
        from xxgk.portal.pagecache import page_cache

        def uncached(u: str) -> None:
            page_cache().clear()  # every request renders: the worst case, right after a change
            client.get(u)

        cold = _interleaved(
            {
                name: (lambda u=url: uncached(u))
                for name, url in pages.items()
                if name != "trivial view"
            },
            seconds,
        )
        base = rates["trivial view"]
        lines = [f"{n} published items; trivial view {base:.0f} req/s"]
        ratios = {}
        for name, rate in rates.items():
            if name != "trivial view":
                ratios[name] = rate / base
                lines.append(
                    f"{name}: {rate:.0f} req/s = {rate / base:.2f} × trivial view "
                    f"(uncached {cold[name]:.0f} req/s = {cold[name] / base:.2f} ×)"
                )
        lines.append("#json " + json.dumps({"ratios": ratios, "n": n}))
        return lines


def run(quick: bool) -> list[str]:
    n, seconds = (300, 0.5) if quick else (2000, 3.0)
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [sys.executable, "-m", "bench.bench_pages", "--child", str(n), str(seconds)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return [f"基准失败：{(proc.stderr.strip().splitlines() or ['?'])[-1]}"]
    lines = proc.stdout.strip().splitlines()
    for line in lines:
        if line.startswith("#json "):
            data = json.loads(line.removeprefix("#json "))
            for name, ratio in data["ratios"].items():
                goals.record(
                    "pages",
                    f"{name} {ratio:.2f}× ({data['n']} items)",
                    "≥ 0.5×",
                    ratio >= 0.5,
                )
    return [line for line in lines if not line.startswith("#json ")]


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    for line in child(int(sys.argv[2]), float(sys.argv[3])):
        print(line)
