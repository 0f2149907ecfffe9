"""How `ssguide validate` scales: load_flow + analysis.problems on big synthetic flows.

    python benchmarks/validate.py                 # 1,000 / 10,000 / 20,000 questions
    python benchmarks/validate.py --sizes 500 2000
    python benchmarks/validate.py --profile 10000 # cProfile of one run, sorted by cumtime

Each synthetic flow is a realistic mix written as YAML text (short texts, so that
20,000 questions stay under the loader's 8 MiB limit): a date question first,
then choice questions with three choices whose `next` rules skip ahead, yes/no
questions, one item per question with a `when` on that question, and every
tenth item a deadline anchored to the date question. The flows are written to
a temporary folder and loaded from there, as `ssguide validate FILE` does.

Prints a Markdown table (median of 3 timed runs; peak memory from tracemalloc
in a separate run) and the 20k/10k time ratio: linear scaling gives about 2.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
try:
    import ssguide  # noqa: F401
except ImportError:  # pragma: no cover - run from a checkout without an install
    sys.path.insert(0, str(REPO / "src"))

from ssguide import analysis  # noqa: E402
from ssguide.flow import load_flow  # noqa: E402
from ssguide.yamlsafe import MAX_FILE_BYTES  # noqa: E402

TODAY = date(2026, 11, 23)
DEFAULT_SIZES = (1_000, 10_000, 20_000)
RUNS = 3


def synthetic_flow(n: int) -> str:
    """A valid flow of ``n`` questions and ``n`` items as YAML text."""
    assert n >= 2
    out = [
        "# yaml-language-server: $schema=../docs/flow.schema.json",
        f"id: synthetic-{n}",
        f"title: {{en: Synthetic flow of {n} questions, zh: 合成流程}}",
        "languages: [en, zh]",
        "reviewed: 2026-11-23",
        "sources:",
        "  - {id: s, kind: other, title: Synthetic source, citation: synthetic.txt}",
        "questions:",
        "  - {id: q0, type: date, text: When did it happen?, event: the event, max: today, next: q1}",
    ]
    last = n - 1

    def ahead(i: int, k: int) -> str:
        return f"q{i + k}" if i + k <= last else "end"

    for i in range(1, n):
        nxt = ahead(i, 1)
        if i % 3 == 0:
            out.append(f"  - {{id: q{i}, type: yesno, text: Q{i}?, next: {nxt}}}")
        else:
            # Choice 'c' skips the next two questions; anything else goes on.
            skip = ahead(i, 3)
            out.append(
                f"  - {{id: q{i}, type: choice, text: Q{i}?, "
                f"choices: [{{value: a, label: A}}, {{value: b, label: B}}, {{value: c, label: C}}], "
                f"next: [{{when: {{q{i}: c}}, goto: {skip}}}, {{goto: {nxt}}}]}}"
            )
    out.append("items:")
    out.append("  - {id: i0, kind: note, text: Always., source: s}")
    kinds = ("step", "material", "note", "warning")
    for i in range(1, n):
        when = f"{{q{i}: true}}" if i % 3 == 0 else f"{{q{i}: [a, b]}}"
        if i % 10 == 0:
            unit = "working_days" if i % 20 == 0 else "days"
            out.append(
                f"  - {{id: i{i}, kind: deadline, text: Due {i}., when: {when}, source: s, "
                f"deadline: {{from: {{question: q0}}, after: {{{unit}: {i % 60 + 1}}}}}}}"
            )
        else:
            out.append(f"  - {{id: i{i}, kind: {kinds[i % 4]}, text: Do {i}., when: {when}, source: s}}")
    return "\n".join(out) + "\n"


def validate_once(path: Path) -> tuple[float, float, list]:
    start = time.perf_counter()
    flow = load_flow(path)
    loaded = time.perf_counter()
    found = analysis.problems(flow, TODAY)
    done = time.perf_counter()
    return loaded - start, done - loaded, found


def peak_memory(path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        flow = load_flow(path)
        analysis.problems(flow, TODAY)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def write_flows(folder: Path, sizes: list[int]) -> dict[int, Path]:
    paths = {}
    for n in sizes:
        path = folder / f"synthetic-{n}.yaml"
        path.write_text(synthetic_flow(n), encoding="utf-8")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            sys.exit(f"synthetic flow of {n} questions is {size} bytes, over the loader's limit")
        paths[n] = path
    return paths


def benchmark(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="ssguide-bench-") as tmp:
        paths = write_flows(Path(tmp), sizes)
        rows = []
        medians = {}
        for n in sizes:
            runs = [validate_once(paths[n]) for _ in range(RUNS)]
            totals = [load + check for load, check, _ in runs]
            found = runs[0][2]
            errors = sum(p.severity == "error" for p in found)
            warnings = len(found) - errors
            medians[n] = statistics.median(totals)
            rows.append(
                (
                    f"{n:,}",
                    f"{paths[n].stat().st_size / 1024 / 1024:.2f}",
                    f"{statistics.median(load for load, _, _ in runs):.3f}",
                    f"{statistics.median(check for _, check, _ in runs):.3f}",
                    f"{medians[n]:.3f}",
                    f"{peak_memory(paths[n]) / 1024 / 1024:.1f}",
                    f"{errors} / {warnings}",
                )
            )
    print(f"Python {sys.version.split()[0]}; median of {RUNS} runs; today = {TODAY}")
    print()
    print("| questions | file MiB | load_flow s | analysis.problems s | total s | peak MiB (tracemalloc) | errors / warnings |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    if 10_000 in medians and 20_000 in medians:
        ratio = medians[20_000] / medians[10_000]
        print(f"20k/10k time ratio: {ratio:.2f} (linear ≈ 2.0)")
        if medians[10_000] > 1.0 or ratio > 2.2:
            print("over budget (10k > 1 s or ratio > 2.2): profile with `python benchmarks/validate.py --profile 10000`")


def profile(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ssguide-bench-") as tmp:
        path = write_flows(Path(tmp), [n])[n]
        profiler = cProfile.Profile()
        profiler.enable()
        validate_once(path)
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--profile", type=int, metavar="N", help="profile one run with N questions instead")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile)
    else:
        benchmark(args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
