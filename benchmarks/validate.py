"""How `ssguide validate` scales: load_flow + semantic.problems on big synthetic flows.

    python benchmarks/validate.py                 # 1,000 / 5,000 / 10,000 questions
    python benchmarks/validate.py --sizes 500 2000
    python benchmarks/validate.py --profile 10000 # cProfile of one run, sorted by cumtime

"total" is load_flow + semantic.problems. "of which parser events" is libyaml
parsing the same text into the events load_flow reads, alone: the floor under
load_flow that ssguide's own code cannot lower.

Each synthetic flow is a realistic mix written as YAML text (short texts, so that
10,000 questions, some 420,000 values, stay under the loader's limit of 500,000
values): a date question first,
then choice questions with three choices whose `next` rules skip ahead, yes/no
questions, one item per question with a `when` on that question, and every
tenth item a deadline anchored to the date question. The flows are written to
a temporary folder and loaded from there, as `ssguide validate FILE` does.

Every measurement runs in a fresh process (imports excluded from the timings)
with a time limit (--timeout) and a 6 GiB memory limit, so that a size that
does not scale is reported as such instead of hanging the machine. Prints a
Markdown table (median of 3 timed runs; the peak resident memory of the whole
process, VmHWM, from the timed runs, and Python's own allocations from
tracemalloc in a separate run) and the 10k/5k ratios of time and memory:
linear scaling gives about 2. The goal: at 10,000 questions, at most 1 s and
100 MiB.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
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

from ssguide.authoring import semantic  # noqa: E402
from ssguide.shell.registry import load_flow  # noqa: E402
from ssguide.core.yamlsafe import MAX_FILE_BYTES  # noqa: E402
from ssguide.core.context import Context  # noqa: E402

TODAY = date(2026, 11, 23)
DEFAULT_SIZES = (1_000, 5_000, 10_000)
GOAL_SECONDS, GOAL_MIB = 1.0, 100  # at 10,000 questions
RUNS = 3
DEFAULT_TIMEOUT = 120.0  # seconds per run; a size that takes longer is reported as such
MEMORY_LIMIT_GIB = 6


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
    found = semantic.problems(flow, Context.of("en", TODAY))
    done = time.perf_counter()
    return loaded - start, done - loaded, found


def child(path: Path, mode: str) -> None:
    """One measurement in a fresh process; prints JSON lines as each phase ends."""
    try:  # never let a runaway analysis take the whole machine's memory
        import resource

        limit = MEMORY_LIMIT_GIB * 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform
        pass
    if mode == "memory":
        tracemalloc.start()
    if mode == "time":
        # The floor under load_flow: libyaml's events for the document, nothing built from them.
        from ssguide.core.yamlsafe import _loader_classes, paused_gc

        yaml, loader = _loader_classes()
        text = path.read_text(encoding="utf-8")
        parser = loader(text)
        with paused_gc():
            start = time.perf_counter()
            while not isinstance(parser.get_event(), yaml.StreamEndEvent):
                pass
            print(json.dumps({"events": time.perf_counter() - start}), flush=True)
        parser.dispose()
        del text, parser
    start = time.perf_counter()
    flow = load_flow(path)
    loaded = time.perf_counter()
    print(json.dumps({"load": loaded - start}), flush=True)
    try:
        found = semantic.problems(flow, Context.of("en", TODAY))
    except MemoryError:
        print(json.dumps({"error": f"MemoryError (over {MEMORY_LIMIT_GIB} GiB)"}), flush=True)
        return
    done = time.perf_counter()
    result = {
        "analysis": done - loaded,
        "errors": sum(p.severity == "error" for p in found),
        "warnings": sum(p.severity != "error" for p in found),
    }
    if mode == "memory":
        result["peak"] = tracemalloc.get_traced_memory()[1]
    else:  # the whole process's high-water mark (a fresh process: its own, interpreter and imports included)
        with open("/proc/self/status", encoding="ascii") as status:
            result["rss"] = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
    print(json.dumps(result), flush=True)


def measure(path: Path, mode: str, timeout: float) -> dict:
    """Run ``child`` in a subprocess; what it printed before finishing or timing out."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), "--mode", mode]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        timed_out = True
    result: dict = {"timed_out": timed_out}
    for line in out.splitlines():
        result.update(json.loads(line))
    return result


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


def _seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.3f}" if values else "–"


def benchmark(sizes: list[int], timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="ssguide-bench-") as tmp:
        paths = write_flows(Path(tmp), sizes)
        rows = []
        medians: dict[int, float] = {}
        peaks: dict[int, float] = {}
        for n in sizes:
            runs = []
            for _ in range(RUNS):
                runs.append(measure(paths[n], "time", timeout))
                if "analysis" not in runs[-1]:
                    break  # timed out or out of memory: once is enough
            loads = [r["load"] for r in runs if "load" in r]
            floors = [r["events"] for r in runs if "events" in r]
            done = [r for r in runs if "analysis" in r]
            if len(done) == len(runs):
                totals = [r["load"] + r["analysis"] for r in done]
                medians[n] = statistics.median(totals)
                peaks[n] = statistics.median(r["rss"] for r in done) / 2**20
                analysis_s, total_s, rss = _seconds([r["analysis"] for r in done]), f"{medians[n]:.3f}", f"{peaks[n]:.1f}"
                problems = f"{done[0]['errors']} / {done[0]['warnings']}"
                memory = measure(paths[n], "memory", timeout * 5)
                traced = f"{memory['peak'] / 1024 / 1024:.1f}" if "peak" in memory else "timed out"
            else:
                why = runs[-1].get("error") or f"timed out after {timeout:.0f} s"
                analysis_s, total_s, rss, traced, problems = why, f"> {timeout:.0f}", "–", "–", "–"
            size_mib = f"{paths[n].stat().st_size / 1024 / 1024:.2f}"
            rows.append((f"{n:,}", size_mib, _seconds(floors), _seconds(loads), analysis_s, total_s, rss, traced, problems))
            print(f"  measured {n:,} questions", file=sys.stderr, flush=True)
    print(f"Python {sys.version.split()[0]}; median of {RUNS} runs, each in a fresh process; today = {TODAY}")
    print()
    print(
        "| questions | file MiB | of which parser events s | load_flow s | semantic.problems s | total s "
        "| peak MiB (process) | peak MiB (tracemalloc) | errors / warnings |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    if 5_000 in sizes and 10_000 in sizes:
        if 5_000 in medians and 10_000 in medians:
            ratio = medians[10_000] / medians[5_000]
            growth = (peaks[10_000] - peaks[1_000]) / (peaks[5_000] - peaks[1_000]) if 1_000 in peaks else peaks[10_000] / peaks[5_000]
            print(f"10k/5k time ratio: {ratio:.2f} (linear ≈ 2.0); memory above 1k, 10k/5k: {growth:.2f} (linear ≈ 2.25)")
            over = medians[10_000] > GOAL_SECONDS or peaks[10_000] > GOAL_MIB or ratio > 2.2
        else:
            print("10k/5k ratio: not measurable (a size did not finish)")
            over = True
        print(
            f"goal at 10,000 questions: ≤ {GOAL_SECONDS:.0f} s and ≤ {GOAL_MIB} MiB, time ratio ≤ 2.2: "
            + ("over; profile with `python benchmarks/validate.py --profile N`" if over else "met")
        )


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
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds allowed per measured run")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one run with N questions instead")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="time", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.mode)
    elif args.profile:
        profile(args.profile)
    else:
        benchmark(args.sizes, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
