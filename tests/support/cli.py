"""How the tests run the real command line: as a child process, or in-process through typer's CliRunner."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FLOWS = REPO / "flows"
TODAY = "2026-11-23"

# A small valid flow for tests that break one thing in it: a choice that routes
# to a date question, an unconditional step, a conditional step, and a deadline
# anchored to the date. Tests replace lines in it to make one mistake each.
TINY_FLOW = """\
id: demo
title: Demo
sources:
  - id: s1
    title: Source one
    citation: one.txt
questions:
  - id: route
    type: choice
    text: Which route?
    choices:
      - {value: school, label: School}
      - {value: home, label: Home}
    next:
      - when: {route: school}
        goto: treated
      - goto: end
  - id: treated
    type: date
    text: When were you treated?
items:
  - id: always
    kind: step
    text: Do it.
    source: s1
  - id: school-step
    kind: step
    text: School.
    when: {route: school}
    source: s1
  - id: claim-by
    kind: deadline
    text: Claim.
    when: {route: school}
    source: s1
    deadline:
      from: {question: treated}
      after: {days: 30}
"""


def cli_env(lang: str = "C.UTF-8", **extra: str) -> dict[str, str]:
    """The environment of a user whose locale is ``lang`` (English by default).

    LC_ALL and LC_MESSAGES win over LANG, so they are removed: the test's LANG decides.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG=lang, PYTHONIOENCODING="utf-8")
    env.pop("PROMPT_TOOLKIT_NO_CPR", None)  # people don't set it: a pseudo-terminal test answers the requests (support.screen)
    env.pop("PYTHONWARNINGS", None)
    env.update(extra)
    return env


def run_cli(
    *args: str,
    today: str | None = TODAY,
    env: dict[str, str] | None = None,
    cwd: Path | str | None = None,
    stdin: int | None = subprocess.DEVNULL,
    timeout: float = 30,
) -> subprocess.CompletedProcess[str]:
    """``python -m ssguide ARGS --today TODAY`` as a real process, stdin not a terminal."""
    argv = [sys.executable, "-m", "ssguide", *args]
    if today is not None:
        argv += ["--today", today]
    return subprocess.run(
        argv,
        stdin=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env if env is not None else cli_env(),
        cwd=cwd,
        timeout=timeout,
    )


def run_main(
    args: list[str] | tuple[str, ...],
    *,
    input: str | None = None,
    env: dict[str, str | None] | None = None,
    environment: Any = None,
) -> Any:
    """``ssguide ARGS`` in-process through ``main``, as the console script runs it.

    Without ``environment``: the process's own, its streams captured by typer's
    CliRunner and wrapped as ``main`` wraps a real process's. With one (an
    ``environment_double.FakeEnvironment``): nothing of the process at all.
    ``env``: environment variables to set (None removes one). Returns click's
    ``Result`` (``exit_code``, ``stdout``, ``stderr``, ``output``,
    ``exception``). A bug is not reported as exit 70 but kept as the result's
    exception (SSGUIDE_DEBUG), with its traceback in ``exc_info``.
    """
    from typer.testing import CliRunner, Result

    from ssguide.shell.cli import main

    variables = {"SSGUIDE_DEBUG": "1", **(env or {})}
    runner = CliRunner()
    exception: BaseException | None = None
    exc_info = None

    def run(environment: Any) -> int:
        nonlocal exception, exc_info
        try:
            return main(list(args), environment)
        except Exception as exc:
            exception, exc_info = exc, sys.exc_info()
            return 1

    if environment is None:
        from ssguide.shell.streams import install
        from ssguide.shell.environment import Environment

        with runner.isolation(input=input, env=variables) as (stdout, stderr, output):
            install()  # as main does for the real process; the runner puts the streams back
            code = run(Environment.of_process())
            sys.stdout.flush()
            sys.stderr.flush()
            captured = stdout.getvalue(), stderr.getvalue(), output.getvalue()
    else:
        environ = {**environment.environ, **variables}
        environment.environ = {name: value for name, value in environ.items() if value is not None}
        if input is not None:
            environment.stdin = io.StringIO(input)
        code = run(environment)
        out, err = environment.stdout.getvalue().encode(), environment.stderr.getvalue().encode()
        captured = out, err, out + err
    if exception is None and code != 0:
        exception = SystemExit(code)  # as CliRunner reports a non-zero exit
    return Result(runner, *captured, return_value=None, exit_code=code, exception=exception, exc_info=exc_info)  # type: ignore[arg-type]


def invoke(*args: str, today: str | None = TODAY, lang: str = "C.UTF-8", columns: int = 100) -> subprocess.CompletedProcess[str]:
    """The same command run in-process through ``main`` (``run_main``): fast, for many runs.

    Returns a CompletedProcess like ``run_cli`` so tests read the same either way.
    A Python exception escaping the command counts as a failure of the test.
    """
    argv = list(args) + (["--today", today] if today is not None else [])
    result = run_main(argv, env={"LANG": lang, "LC_ALL": None, "LC_MESSAGES": None, "COLUMNS": str(columns)})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        raise AssertionError(
            "ssguide raised " + "".join(traceback.format_exception(*result.exc_info))  # type: ignore[misc]
        )
    return subprocess.CompletedProcess(argv, result.exit_code, result.stdout, result.stderr)


# ssguide's entry point in a fresh interpreter that, at exit, writes its peak
# resident memory to the file named first: VmHWM is this process's own
# high-water mark (wait4's includes the parent's, kept across exec).
_MEASURED = """
import atexit, sys
peak_file = sys.argv.pop(1)
def report():
    with open("/proc/self/status") as status, open(peak_file, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(report)
sys.argv[0] = "ssguide"
from ssguide.shell.cli import main
sys.exit(main())
"""


def run_measured(*args: str, cwd: Path | str | None = None, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """``ssguide ARGS`` as a real process (stdin not a terminal), and its peak resident memory in MiB (Linux)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        result = subprocess.run([sys.executable, "-c", _MEASURED, str(peak_file), *args], stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, encoding="utf-8", env=cli_env(), cwd=cwd, timeout=timeout)
        return result, int(peak_file.read_text()) / 1024
