"""ssguide against cookiecutter, side by side, at every step a user waits for.

    python benchmarks/vs_cookiecutter.py [--runs 15] [--cookiecutter PATH]

Both are Python command-line tools that ask questions and write out the
result, so cookiecutter is the yardstick for start-up. Each row times a real
process (wall clock), ssguide and cookiecutter one after the other, in
alternating order, ``--runs`` times after one untimed warm-up each; it prints
the medians and the median of the pairwise ratios ssguide / cookiecutter, so
a comparison holds while the machine's speed drifts:

* ``ssguide --help`` vs ``cookiecutter --help``
* ``ssguide list`` vs ``cookiecutter --help`` (each tool's cheapest useful answer)
* a full non-interactive ``apply-child`` run printing Markdown
  (``--answers FILE --no-input --format markdown``) vs ``cookiecutter --no-input``
  on a three-variable template this script writes
* the time until the first question is on a pseudo-terminal (pexpect)

and the peak memory (maximum resident set) of each process, its own: each run
is started by a small launcher in a process of its own (see ``LAUNCHER``), the
first question read from /proc while it waits. cookiecutter is
the one on PATH, or ``--cookiecutter PATH``; if there is none it is installed
with pip into a temporary virtual environment, removed at the end. Everything
both tools write (caches, saved progress, cookiecutter's replay files) goes to
a temporary folder: the user's own are left alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TODAY = "2026-11-23"
COOKIECUTTER_FIRST_QUESTION = "project_name"
# The goals of ssguide / cookiecutter per row, and of peak memory for the full run.
GOALS = {"--help": 0.4, "list": 0.5, "full run": 0.5, "first question": 0.8}
MEMORY_GOAL_MIB = 25


@dataclass
class Row:
    label: str
    ours: list[float] = field(default_factory=list)
    theirs: list[float] = field(default_factory=list)
    our_rss: list[int] = field(default_factory=list)  # KiB
    their_rss: list[int] = field(default_factory=list)

    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.ours, self.theirs)]


def private_env(home: Path) -> dict[str, str]:
    """A user in a UTF-8 locale whose home, caches and saved progress are all under ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "SSGUIDE_", "XDG_", "COOKIECUTTER"))}
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        LANG="C.UTF-8",
        PYTHONIOENCODING="utf-8",
        TERM="xterm",
    )
    # As installed packages run: compiled bytecode cached, no warnings machinery.
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONWARNINGS", "COLUMNS", "LINES"):
        env.pop(name, None)
    return env


# Started fresh for each measured run, this small interpreter (no site, ~8 MiB) starts the
# command and reports its wall time and peak memory. Linux keeps a process's high-water
# mark across exec, so wait4 on a child started by this script (tens of MiB, ssguide's
# modules loaded) reported this script's peak for every run, never less.
LAUNCHER = """
import os, sys, time
report, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(report, "w") as out:
    out.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one run, its output thrown away (measured by ``LAUNCHER``)."""
    report = cwd / "run-report.txt"
    proc = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(report), *argv], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    elapsed, peak, status = report.read_text(encoding="utf-8").split()
    if int(status) != 0 or proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({status}): {proc.stderr.decode(errors='replace')[-500:]}")
    return float(elapsed), int(peak)


def first_question(argv: list[str], text: str, env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """Seconds until ``text`` is on a pseudo-terminal, and the process's peak memory (KiB) then."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=str(cwd), dimensions=(30, 100), encoding="utf-8", timeout=30)
    try:
        child.expect_exact(text)
        elapsed = time.perf_counter() - start
        rss = _peak_rss_kib(child.pid)
    finally:
        child.terminate(force=True)  # killed, not interrupted: nothing saved for the next run
        child.close(force=True)
    return elapsed, rss


def _peak_rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def write_template(folder: Path) -> Path:
    """A cookiecutter template with three variables and one file."""
    template = folder / "template"
    (template / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(
        json.dumps({"project_name": "Demo", "project_slug": "{{ cookiecutter.project_name.lower() }}", "author": "Someone"}),
        encoding="utf-8",
    )
    (template / "{{cookiecutter.project_slug}}" / "README.md").write_text(
        "# {{ cookiecutter.project_name }}\n\nBy {{ cookiecutter.author }}.\n", encoding="utf-8"
    )
    return template


def apply_child(home: Path) -> tuple[str, str]:
    """An answers file for apply-child's outcome with the most answers (it has a
    working-day deadline), and the start of its first question as the wizard shows it."""
    from datetime import date

    os.environ["SSGUIDE_CACHE_DIR"] = str(home / "cache" / "ssguide")  # not the user's cache

    from ssguide.authoring import analysis
    from ssguide.core.context import Context
    from ssguide.shell.answers import dump_answers
    from ssguide.shell.registry import resolve

    flow = resolve("apply-child")
    outcome = max(analysis.analyse(flow, Context.of("en", date.fromisoformat(TODAY))).outcomes, key=lambda o: len(o.answers))
    first = flow.question(flow.start).text.get("en")
    return dump_answers(flow, outcome.answer_dict()), " ".join(first.split()[:4])


def find_ssguide() -> list[str]:
    script = Path(sys.executable).parent / "ssguide"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "ssguide"]


def find_cookiecutter(given: str | None, scratch: Path) -> str:
    if given:
        return given
    found = shutil.which("cookiecutter")
    if found:
        return found
    venv = scratch / "cookiecutter-venv"
    print("cookiecutter not found: installing it into a temporary virtual environment…", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "cookiecutter"], check=True)
    return str(venv / "bin" / "cookiecutter")


def version_of(argv: list[str], env: dict[str, str]) -> str:
    out = subprocess.run(argv + ["--version"], capture_output=True, text=True, env=env).stdout.strip()
    return out.split(" from ")[0]


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed pairs per row (default 15)")
    parser.add_argument("--cookiecutter", help="the cookiecutter command to compare with (default: on PATH, else installed)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ssguide-vs-cookiecutter-") as tmp:
        scratch = Path(tmp)
        home = scratch / "home"
        home.mkdir()
        env = private_env(home)
        ours = find_ssguide()
        theirs = [find_cookiecutter(args.cookiecutter, scratch)]
        template = write_template(scratch)
        answers, ssguide_first_question = apply_child(home)
        (scratch / "answers.yaml").write_text(answers, encoding="utf-8")
        out = scratch / "out"
        batch = [
            ("--help", ours + ["--help"], theirs + ["--help"]),
            ("list", ours + ["list"], theirs + ["--help"]),
            (
                "full run",
                ours + ["apply-child", "--answers", "answers.yaml", "--no-input", "--today", TODAY, "--format", "markdown", "--lang", "en"],
                theirs + ["--no-input", "--overwrite-if-exists", "--output-dir", str(out), str(template)],
            ),
        ]
        interactive = (
            # --fresh: the terminated run before saved its place (SIGHUP saves), so no resume offer comes first.
            ours + ["apply-child", "--today", TODAY, "--lang", "en", "--fresh"],
            theirs + ["--overwrite-if-exists", "--output-dir", str(out), str(template)],
        )
        rows = [Row(label) for label, _, _ in batch] + [Row("first question")]

        # One untimed warm-up of each: bytecode caches, ssguide's flow-header index.
        for _, a, b in batch:
            run_once(a, env, scratch)
            run_once(b, env, scratch)
        first_question(interactive[0], ssguide_first_question, env, scratch)
        first_question(interactive[1], COOKIECUTTER_FIRST_QUESTION, env, scratch)

        for i in range(args.runs):
            ours_first = i % 2 == 0  # alternate who goes first, so neither always runs on a warmer machine
            for row, (_, a, b) in zip(rows, batch):
                pair = [(a, row.ours, row.our_rss), (b, row.theirs, row.their_rss)]
                for command, times, rss in pair if ours_first else reversed(pair):
                    elapsed, peak = run_once(command, env, scratch)
                    times.append(elapsed)
                    rss.append(peak)
            row = rows[-1]
            pair = [
                (interactive[0], ssguide_first_question, row.ours, row.our_rss),
                (interactive[1], COOKIECUTTER_FIRST_QUESTION, row.theirs, row.their_rss),
            ]
            for command, text, times, rss in pair if ours_first else reversed(pair):
                elapsed, peak = first_question(command, text, env, scratch)
                times.append(elapsed)
                rss.append(peak)

        our_version, their_version = version_of(ours, env), version_of(theirs, env)

    print(f"{our_version} vs {their_version}; Python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    print(f"wall time of whole processes: median of {args.runs} interleaved pairs after one warm-up; ratio = median of ssguide/cookiecutter per pair")
    print()
    print("| step | ssguide ms | cookiecutter ms | ratio | goal | ssguide peak MiB | cookiecutter peak MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    met = True
    for row in rows:
        ratio = statistics.median(row.ratios())
        goal = GOALS[row.label]
        met &= ratio <= goal
        print(
            f"| {row.label} | {median_ms(row.ours)} | {median_ms(row.theirs)} | {ratio:.2f} | ≤ {goal} {'✓' if ratio <= goal else '✗'} "
            f"| {statistics.median(row.our_rss) / 1024:.1f} | {statistics.median(row.their_rss) / 1024:.1f} |"
        )
    full_run_mib = statistics.median(rows[2].our_rss) / 1024
    met &= full_run_mib <= MEMORY_GOAL_MIB
    print()
    print(f"peak memory of the full run: {full_run_mib:.1f} MiB (goal ≤ {MEMORY_GOAL_MIB} MiB {'✓' if full_run_mib <= MEMORY_GOAL_MIB else '✗'})")
    print("every goal met" if met else "some goals not met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
