"""Start-up figures: median wall time of common invocations, as a Markdown table.

    python benchmarks/startup.py [--runs 7]

Aim: `ssguide --help` within 100 ms on a 2-core machine. Also reports whether
--help imports questionary or prompt_toolkit (it must not).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_ms(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ssguide", *args], capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def help_imports_prompt_toolkit() -> bool:
    code = (
        "import sys\nsys.argv=['ssguide','--help']\nimport ssguide.cli as c\n"
        "try:\n    c.app()\nexcept SystemExit:\n    pass\n"
        "print(any(m.split('.')[0] in ('questionary','prompt_toolkit') for m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return result.stderr.strip().endswith("True")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    full_run = [
        "apply-child", "--set", "route=school", "--set", "low_income=no", "--set", "card_accepted=yes",
        "--set", "accepted_on=2026-11-02", "--today", "2026-11-23", "--no-input", "--format", "markdown",
    ]
    rows = [
        ("ssguide --help", median_ms(["--help"], runs)),
        ("ssguide list", median_ms(["list"], runs)),
        ("ssguide apply-child (non-interactive, Markdown)", median_ms(full_run, runs)),
        ("python -c pass (interpreter baseline)", statistics.median(
            [_time([sys.executable, "-c", "pass"]) for _ in range(runs)])),
    ]
    print(f"| command | median of {runs} (ms) |")
    print("|---|---:|")
    for name, ms in rows:
        print(f"| `{name}` | {ms:.0f} |")
    print(f"\n--help imports questionary/prompt_toolkit: {help_imports_prompt_toolkit()}")


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False)
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
