"""Run the benchmarks: `make bench` or `python -m bench [NAME ...] [--quick]`.

Each module `bench/bench_<name>.py` defines `run(quick: bool) -> list[str]` and prints or
returns result lines. Every result is a ratio against a baseline measured in the same run
on the same machine, never an absolute time compared to a constant.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from bench import goals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="xxgk 性能基准")
    parser.add_argument("names", nargs="*", help="只运行这些基准（默认全部）")
    parser.add_argument("--quick", action="store_true", help="缩小数据规模，快速试跑")
    args = parser.parse_args(argv)
    available = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    names = args.names or available
    unknown = [n for n in names if n not in available]
    if unknown:
        sys.stderr.write(f"没有这些基准：{', '.join(unknown)}；可用：{', '.join(available)}\n")
        return 2
    if args.quick:
        print("（--quick：缩小的数据规模，结果不用于对照目标）")
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        print(f"== {name}", flush=True)
        for line in module.run(quick=args.quick) or []:
            print(line, flush=True)
    for line in goals.summary(names):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
