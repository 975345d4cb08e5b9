"""Chinese search latency: the bigram index against a `LIKE '%q%'` scan, same run, same data.

Generates N items (1,000,000; quick: 50,000) into a scratch SQLite database (and into
PostgreSQL when XXGK_BENCH_PG_URL points at a scratch database), then measures p50/p95 of
`xxgk.portal.search.search()` for 2-, 4- and 8-character queries and of a plain
`SELECT ... WHERE title LIKE %q% OR text LIKE %q% ORDER BY published_at DESC LIMIT 20`
(plus its COUNT) over the same rows. Printed: the latencies and the ratio scan / index.

Each database runs in a child process (`python -m bench.bench_search --child URL N`) so
Django is configured for exactly that database.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import goals

WORDS = (
    "政府 信息 公开 预算 决算 财政 科技 项目 资金 管理 办法 通知 关于 印发 实施 方案 "
    "年度 报告 统计 公报 行政 许可 处罚 强制 收费 标准 采购 目录 建设 批准 教育 医疗 "
    "社会 保障 就业 扶贫 应急 预案 环境 保护 安全 生产 食品 药品 质量 监督 检查 招考 "
    "职位 录用 结果 规划 区域 专项 发展 经济 国民 机构 职能 设置 地址 时间 联系 方式 "
    "负责 人员 名单 公示 公告 意见 征求 会议 纪要 解读 政策 措施 落实 情况 工作 总结 计划"
).split()
QUERIES = {
    2: ["预算", "科技", "公示", "应急", "招考"],
    4: ["财政预算", "科技项目", "征求意见", "安全生产", "统计公报"],
    8: [
        "科技项目资金管理",
        "关于印发实施方案",
        "政府信息公开年度",
        "食品药品质量监督",
        "征求意见会议纪要",
    ],
}
# Several words: every word must occur (in the title or the text), as on the search page.
QUERIES["multi-word"] = [
    "财政 预算",
    "科技 项目 资金",
    "征求意见 会议",
    "安全生产 检查",
    "年度 报告 统计",
]
REPEATS = 5


def _where(q: str) -> tuple[str, list[str]]:
    """The LIKE scan's condition for a query: every word in the title or the text."""
    words = q.split()
    clause = " AND ".join("(title LIKE %s OR text LIKE %s)" for _ in words)
    params = [p for w in words for p in (f"%{w}%", f"%{w}%")]
    return clause, params


def _text(rng: random.Random, n_words: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n_words))


def _setup(url: str, data_dir: str) -> None:
    os.environ["XXGK_DATABASE_URL"] = url
    os.environ["XXGK_DATA_DIR"] = data_dir
    os.environ.setdefault("XXGK_SECRET_KEY", "bench-secret-key-not-for-production-0123456789")
    os.environ["DJANGO_SETTINGS_MODULE"] = "xxgk.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _generate(n: int) -> None:
    from django.db import connection, transaction

    from xxgk.agencies.models import Agency, AgencyKind
    from xxgk.portal import bigrams, search
    from xxgk.portal.models import SearchDocument

    SearchDocument.objects.all().delete()
    agency, _ = Agency.objects.get_or_create(
        code="bench",
        defaults={"name": "基准测试局", "short_name": "基准", "kind": AgencyKind.DEPARTMENT},
    )
    rng = random.Random(20250301)
    batch: list[tuple[object, ...]] = []
    sql = (
        "INSERT INTO portal_searchdocument (key, agency_id, title, text, category, category_id, "
        "item_code, year, validity, url, published_at, index_number, tokens, sort_key) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    from datetime import UTC, datetime, timedelta

    start = datetime(2015, 1, 1, tzinfo=UTC)
    for i in range(n):
        title = _text(rng, 6)
        text = _text(rng, 30)
        published = start + timedelta(minutes=5 * i)
        filters = bigrams.filter_tokens(
            agency_id=agency.id, category_id=None, year=published.year, validity="valid"
        )
        tokens = bigrams.document_tokens(title, text, filters=filters)
        sort_key = int(published.timestamp() * 1000)
        batch.append(
            (f"bench:{i}", agency.id, title, text, "财政预决算", None, "art20.7", published.year)
            + ("valid", f"/bench/{i}/", published, "", tokens, sort_key)
        )
        if len(batch) == 5000:
            with transaction.atomic(), connection.cursor() as cur:
                cur.executemany(sql, batch)
            batch.clear()
    if batch:
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(sql, batch)
    search.rebuild()
    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def _like_count(q: str) -> int:
    from django.db import connection

    where, params = _where(q)
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM portal_searchdocument WHERE {where}", params)
        return int(cur.fetchone()[0])


def _check(queries: list[str]) -> None:
    """The index must find exactly what the scan finds (else the timings mean nothing)."""
    from xxgk.portal import search

    for q in queries:
        page = search.search(q)
        expected = _like_count(q)
        if page.total_is_lower_bound:
            assert expected >= page.total, (q, page.total, expected)
        else:
            assert page.total == expected, (q, page.total, expected)


def _like_scan(q: str) -> None:
    from django.db import connection

    where, params = _where(q)
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM portal_searchdocument WHERE {where}", params)
        cur.fetchone()
        cur.execute(
            f"SELECT id FROM portal_searchdocument WHERE {where} "
            "ORDER BY published_at DESC LIMIT 20",
            params,
        )
        cur.fetchall()


def _measure(fn: object, queries: list[str]) -> list[float]:
    times = []
    for _ in range(REPEATS):
        for q in queries:
            t = time.perf_counter()
            fn(q)  # type: ignore[operator]
            times.append((time.perf_counter() - t) * 1000)
    return times


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def child(url: str, n: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-data-") as data_dir:
        _setup(url, data_dir)
        from django.db import connection

        from xxgk.portal import search

        t = time.perf_counter()
        _generate(n)
        lines = [
            f"{connection.vendor}: {n} items generated and indexed in {time.perf_counter() - t:.1f}s"
        ]
        for length, queries in QUERIES.items():
            _check(queries)
            idx = _measure(lambda q: search.search(q), queries)
            scan = _measure(_like_scan, queries)
            shape = f"{length}-char" if isinstance(length, int) else length
            ratio = statistics.median(scan) / statistics.median(idx)
            lines.append(
                "#json "
                + json.dumps(
                    {"vendor": connection.vendor, "shape": shape, "n": n, "ratio": ratio}
                    | {"p50": _pct(idx, 0.5), "p95": _pct(idx, 0.95)}
                )
            )
            lines.append(
                f"{connection.vendor} {shape}: index p50 {_pct(idx, 0.5):.1f} ms p95 {_pct(idx, 0.95):.1f} ms | "
                f"LIKE scan p50 {_pct(scan, 0.5):.1f} ms p95 {_pct(scan, 0.95):.1f} ms | "
                f"ratio scan/index p50 {ratio:.1f}x "
                f"p95 {_pct(scan, 0.95) / _pct(idx, 0.95):.1f}x"
            )
        return lines


def run(quick: bool) -> list[str]:
    n = 50_000 if quick else 1_000_000
    root = Path(__file__).resolve().parents[1]
    targets = []
    if quick:
        print(f"search: --quick, {n} items instead of 1,000,000", flush=True)
    scratch = tempfile.mkdtemp(prefix="xxgk-bench-search-")
    targets.append(f"sqlite:///{scratch}/search.sqlite3")
    if os.environ.get("XXGK_BENCH_PG_URL"):
        targets.append(os.environ["XXGK_BENCH_PG_URL"])
    lines: list[str] = []
    try:
        for url in targets:
            proc = subprocess.run(
                [sys.executable, "-m", "bench.bench_search", "--child", url, str(n)],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                lines.append(
                    f"基准失败（{url.split(':', 1)[0]}）：{proc.stderr.strip().splitlines()[-1:]}"
                )
                continue
            for line in proc.stdout.strip().splitlines():
                if not line.startswith("#json "):
                    lines.append(line)
                    continue
                r = json.loads(line.removeprefix("#json "))
                goals.record(
                    "search",
                    f"{r['vendor']} {r['shape']} {r['ratio']:.0f}× LIKE, p50 {r['p50']:.1f} ms, "
                    f"p95 {r['p95']:.1f} ms ({r['n']} items)",
                    "≥ 100× at 1M items, p95 ≤ 50 ms",
                    r["ratio"] >= 100 and r["p95"] <= 50 and r["n"] >= 1_000_000,
                )
    finally:
        for f in Path(scratch).glob("*"):
            f.unlink()
        os.rmdir(scratch)
    return lines


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    for line in child(sys.argv[2], int(sys.argv[3])):
        print(line)
