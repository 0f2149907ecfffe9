"""How long the calendar export takes: `ssguide run FILE --export x.ics` on flows of many dated items.

    python benchmarks/ics.py                      # 1,000 (the limit), 10,000 and 20,000 dated items
    python benchmarks/ics.py --sizes 500 1000
    python benchmarks/ics.py --profile 1000       # cProfile of one render, sorted by internal time

Each synthetic flow is the worst the hostile tests build (tests/hostile/test_hostile_ics.py):
one date question and N deadline items, each a long Chinese and English sentence with a
comma, a semicolon and a backslash to escape, lines to fold, and a reminder.

Two measurements, each in a fresh process (median of 3):

* "whole run": the real command, `ssguide run FILE --set d=… --no-input --export x.ics`
  (the checklist printed to a pipe, the calendar written), wall time and the child's CPU
  time. Only up to MAX_DATED_ITEMS: a flow with more is refused at load.
* "render": `render.ics.render` alone on the built checklist (imports excluded), also for
  sizes beyond the limit (the benchmark lifts it in its own process): what the limit is
  weighed against.

The goal: the whole run at MAX_DATED_ITEMS under 2 s. The load average is printed with
the table: on a busy machine wall time is not the program's.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
try:
    import ssguide  # noqa: F401
except ImportError:  # pragma: no cover - run from a checkout without an install
    sys.path.insert(0, str(REPO / "src"))

from ssguide.core.structure import MAX_DATED_ITEMS  # noqa: E402

TODAY = date(2026, 11, 23)
ANCHOR = date(2026, 11, 20)
DEFAULT_SIZES = (MAX_DATED_ITEMS, 10_000, 20_000)
GOAL_SECONDS = 2.0  # the whole run at MAX_DATED_ITEMS
RUNS = 3


def synthetic_flow(n: int) -> str:
    items = "".join(
        f"  - {{id: dl{i}, kind: deadline, text: 'Deadline {i}, with a comma; a semicolon \\\\ and 中文的长句子，一直写到需要折行为止。', "
        f"source: s1, deadline: {{from: {{question: d}}, after: {{days: {i % 300}}}}}}}\n"
        for i in range(n)
    )
    return ("id: r\ntitle: R\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"
            f"questions:\n  - {{id: d, type: date, text: When?}}\nitems:\n{items}")


def checklist_of(path: Path):  # type: ignore[no-untyped-def]
    """The built checklist, the dated-item limit lifted in this process only."""
    from ssguide.core import loader_items
    from ssguide.core.checklist import build
    from ssguide.core.context import Context
    from ssguide.core.loader import parse_flow

    loader_items.MAX_DATED_ITEMS = 10**9  # type: ignore[misc]
    flow = parse_flow(path.read_text(encoding="utf-8"), path.name)
    return build(flow, {"d": ANCHOR}, Context.of("zh", TODAY))


def child(path: Path) -> None:
    """The render alone, in a fresh process: CPU and wall seconds, and the calendar's size."""
    from ssguide.render.context import RenderContext
    from ssguide.render.ics import render

    checklist = checklist_of(path)
    ctx = RenderContext.of("zh", TODAY)
    render(checklist.__class__(checklist.flow, checklist.answers, (), TODAY, ()), ctx)  # imports, outside the timing
    cpu, wall = time.process_time(), time.perf_counter()
    data = render(checklist, ctx)
    print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "bytes": len(data)}))


def render_alone(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(path)],
                         capture_output=True, text=True, check=True, timeout=600).stdout
    return json.loads(out.splitlines()[-1])


def whole_run(path: Path, folder: Path) -> dict[str, float]:
    """`ssguide run FILE --export x.ics` as a user runs it: wall seconds and the child's CPU seconds."""
    target = folder / "x.ics"
    target.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "ssguide", "run", str(path), "--set", f"d={ANCHOR}", "--today", str(TODAY),
            "--lang", "zh", "--no-input", "--export", str(target)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True, timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu}


def benchmark(sizes: list[int]) -> None:
    rows = []
    at_limit: float | None = None
    with tempfile.TemporaryDirectory(prefix="ssguide-bench-") as tmp:
        folder = Path(tmp)
        for n in sizes:
            path = folder / f"dated-{n}.yaml"
            path.write_text(synthetic_flow(n), encoding="utf-8")
            renders = [render_alone(path) for _ in range(RUNS)]
            runs = [whole_run(path, folder) for _ in range(RUNS)] if n <= MAX_DATED_ITEMS else []
            median = {k: statistics.median(r[k] for r in renders) for k in ("cpu", "wall")}
            if runs:
                run_wall, run_cpu = (statistics.median(r[k] for r in runs) for k in ("wall", "cpu"))
                whole = f"{run_wall:.2f} | {run_cpu:.2f}"
                if n == MAX_DATED_ITEMS:
                    at_limit = run_wall
            else:
                whole = "refused at load | –"
            rows.append(f"| {n:,} | {whole} | {median['wall']:.2f} | {median['cpu']:.2f} | "
                        f"{median['cpu'] / n * 1000:.2f} | {renders[0]['bytes'] / 2**20:.1f} |")
            print(f"  measured {n:,} dated items", file=sys.stderr, flush=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {sys.version.split()[0]}; median of {RUNS} runs, each in a fresh process; load average {load}")
    print()
    print("| dated items | whole run wall s | whole run CPU s | render wall s | render CPU s | render CPU ms an event | calendar MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print()
    if at_limit is not None:
        print(f"goal: the whole run at {MAX_DATED_ITEMS:,} dated items (the limit) under {GOAL_SECONDS:.0f} s: "
              + ("met" if at_limit < GOAL_SECONDS else "over (on a busy machine, compare the CPU column)"))


def profile(n: int) -> None:
    from ssguide.render.context import RenderContext
    from ssguide.render.ics import render

    with tempfile.TemporaryDirectory(prefix="ssguide-bench-") as tmp:
        path = Path(tmp) / f"dated-{n}.yaml"
        path.write_text(synthetic_flow(n), encoding="utf-8")
        checklist = checklist_of(path)
    ctx = RenderContext.of("zh", TODAY)
    profiler = cProfile.Profile()
    profiler.enable()
    render(checklist, ctx)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--profile", type=int, metavar="N", help="profile one render of N dated items instead")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
    elif args.profile:
        profile(args.profile)
    else:
        benchmark(args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
