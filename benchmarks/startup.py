"""How fast the command starts: wall time of real processes, as a user waits for them.

    python benchmarks/startup.py [--runs 7]

Prints a Markdown table with the median (and min/max) wall time of:

* ``python -m ssguide --help``
* ``python -m ssguide list``
* a full non-interactive ``apply-child`` run printing Markdown
  (``--answers FILE --no-input --format markdown``)

each started with ``sys.executable``, and whether ``--help`` imports the prompt
libraries (questionary, prompt_toolkit), which only an interactive wizard needs,
with the slowest imports of ``--help`` from ``python -X importtime``.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
PROMPT_LIBRARIES = ("questionary", "prompt_toolkit")


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    e.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    e.pop("PYTHONWARNINGS", None)
    # As an installed package runs: with compiled bytecode cached (pip writes it at
    # install time), not recompiling every module at every start.
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    return e


def wall_times(argv: list[str], runs: int) -> list[float]:
    # One untimed run first: it writes the bytecode cache and ssguide's flow-header index.
    subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env(), timeout=120)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env(), timeout=120)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return times


def write_answers(folder: Path) -> Path:
    """An answers file for apply-child: the outcome with the most answers."""
    sys.path.insert(0, str(REPO / "src"))
    from ssguide.authoring import analysis
    from ssguide.core.context import Context
    from ssguide.shell.answers import dump_answers
    from ssguide.shell.registry import resolve

    flow = resolve("apply-child")
    outcome = max(analysis.analyse(flow, Context.of("en", date.fromisoformat(TODAY))).outcomes, key=lambda o: len(o.answers))
    path = folder / "apply-child.yaml"
    path.write_text(dump_answers(flow, outcome.answer_dict()), encoding="utf-8")
    return path


def help_imports() -> tuple[list[str], list[tuple[float, str]], int]:
    """Prompt libraries imported by `--help`, the slowest imports, and how many modules in all."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ssguide", "--help"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
    )
    modules: list[tuple[float, str]] = []
    for line in proc.stderr.splitlines():
        # import time: self [us] | cumulative | imported package
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            modules.append((int(m.group(1)) / 1e6, m.group(3)))
    names = {name for _, name in modules}
    prompt = sorted(n for n in names if n.split(".")[0] in PROMPT_LIBRARIES)
    top_level = sorted(((t, n) for t, n in modules if "." not in n), reverse=True)[:8]
    return prompt, top_level, len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    py = [sys.executable, "-m", "ssguide"]
    with tempfile.TemporaryDirectory(prefix="ssguide-startup-") as tmp:
        answers = write_answers(Path(tmp))
        commands = {
            "`python -m ssguide --help`": py + ["--help"],
            "`python -m ssguide list`": py + ["list"],
            "`python -m ssguide apply-child --answers FILE --no-input --format markdown`": py
            + ["apply-child", "--answers", str(answers), "--no-input", "--today", TODAY, "--format", "markdown", "--lang", "en"],
        }
        baseline = wall_times([sys.executable, "-c", "pass"], args.runs)
        results = {label: wall_times(argv, args.runs) for label, argv in commands.items()}
    print(f"Python {sys.version.split()[0]}; median of {args.runs} runs; wall time of the whole process")
    print()
    print("| command | median s | min s | max s |")
    print("|---|---:|---:|---:|")
    print(f"| `python -c pass` (interpreter alone) | {statistics.median(baseline):.3f} | {min(baseline):.3f} | {max(baseline):.3f} |")
    for label, times in results.items():
        print(f"| {label} | {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f} |")
    print()
    prompt, slowest, count = help_imports()
    if prompt:
        print(f"`--help` imports the prompt libraries: {', '.join(prompt[:6])}{' …' if len(prompt) > 6 else ''} (it should not)")
    else:
        print(f"`--help` imports neither questionary nor prompt_toolkit ({count} modules in all).")
    print("Slowest top-level imports of `--help` (cumulative): " + ", ".join(f"{n} {t * 1000:.0f} ms" for t, n in slowest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
