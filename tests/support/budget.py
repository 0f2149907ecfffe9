"""Bounds on work that a busy machine cannot break: CPU time, never the clock on the wall.

Speed targets live in benchmarks/. A test only guards against blow-ups (exponential
routes, quadratic wrapping, alias bombs), with a bound many times what the work costs,
counted in CPU seconds of the process that does it: other processes on a loaded
machine make a run wait longer, not spend more. Where the code exposes a count (routes
followed, values read), the tests bound that as well.
"""

from __future__ import annotations

import resource
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class OverBudget(AssertionError):
    """The work spent more CPU time than the test allows."""


@contextmanager
def cpu_budget(seconds: float, what: str = "the work") -> Iterator[None]:
    """This process may spend at most ``seconds`` of CPU time (user and system) in the block.

    An ITIMER_PROF timer counts this process's own CPU time and stops the block with
    ``OverBudget`` once the budget is spent, so a blow-up fails then, instead of running
    on for minutes. The block fails even if the code it runs catches that exception (the
    timer fires again every half second until it gets out).
    (pytest and its xdist workers run tests in the main thread, where signals are handled.)
    """
    assert threading.current_thread() is threading.main_thread(), "cpu_budget needs the main thread (signals)"
    fired: list[str] = []  # where the code was when the budget ran out

    def spent(signum: int, frame: Any) -> None:
        fired.append(f"{frame.f_code.co_filename}:{frame.f_lineno} in {frame.f_code.co_name}" if frame else "?")
        raise OverBudget(f"{what} spent more than {seconds} s of CPU time (at {fired[0]})")

    previous = signal.signal(signal.SIGPROF, spent)
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.5)  # and again every 0.5 s, should the code catch it
    try:
        yield
    except OverBudget as exc:
        # Raised anew here: the frame the signal interrupted may have no line number for pytest to show.
        raise OverBudget(str(exc)) from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    if fired:
        raise OverBudget(f"{what} spent more than {seconds} s of CPU time (at {fired[0]}; the code caught the first stop)")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def children_cpu() -> Iterator[Callable[[], float]]:
    """CPU seconds (user and system) that child processes waited for in the block spent: ``with children_cpu() as cpu: …; cpu()``."""
    before = _children_cpu()
    after: list[float] = []
    yield lambda: (after[0] if after else _children_cpu()) - before
    after.append(_children_cpu())
