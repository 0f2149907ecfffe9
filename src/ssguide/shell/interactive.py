"""The wizard on a terminal: resume offer, questions, review, and progress kept safe on Ctrl-C."""

from typing import TYPE_CHECKING, Any, Optional

from ..errors import ExitStatus, Interrupted
from .layers import AnswerLayers

if TYPE_CHECKING:
    from ..core.context import Context
    from .environment import Environment
    from .prompts import Prompts


def interact(flow, answers: AnswerLayers, ctx: "Context", env: "Environment", prompts: "Prompts", fresh: bool, command: str) -> None:
    """Ask what is missing, offer a review, and keep progress safe on Ctrl-C/Ctrl-D.

    An interrupted run always leaves a session (even before the first answer)
    and exits 130 with one line saying how to pick up again; a finished one
    removes it. The next run offers to resume only when an answer was saved;
    answers taken back with Back are its defaults either way.
    Saved progress that no longer fits the flow is dropped with a note.
    """
    from . import sessions
    from ..core.engine import relevant_answers, walk
    from ..core.safetext import inline
    from .prompts import BACK
    from .wizard import interview, review_options

    store = sessions.Sessions(env.data_dir() / "sessions", env.now)
    answers.position = flow.start
    offer: Optional[Any] = None  # the saved session while its offer is on screen

    def ask(question, default, can_go_back, progress):
        answers.position = question.id
        return prompts.ask(question, default, can_go_back, progress, relevant_answers(flow, answers, ctx))

    terminal_modes = _terminal_modes(env.stdin)
    previous_handlers = stop_on_signals()
    try:
        saved = None if fresh else store.load(flow)
        if saved is not None:
            fitted = sessions.fit(flow, saved, ctx, answers)
            if not fitted.usable:
                env.write_err(f"ssguide: {ctx.t('session_stale')}")
                store.clear(flow)
            elif not fitted.count:
                # No answer kept (none given, or taken back with Back): nothing to offer, but
                # the answers taken back are still this run's defaults, as they were last time.
                answers.resume({}, fitted.remembered)
            else:
                if fitted.dropped:
                    # A session file's ids, as the file has them: each kept on the note's one line.
                    env.write_err(f"ssguide: {ctx.t('session_dropped', ids=', '.join(inline(i) for i in fitted.dropped))}")
                offer = fitted
                if prompts.ask_resume(sessions.offer_text(flow, saved, fitted, ctx)):
                    answers.resume(fitted.answers, fitted.remembered)
                else:
                    store.clear(flow)
                offer = None
        while True:
            interview(
                flow,
                answers,
                ctx,
                ask,
                BACK,
                prompts.progress_text,
                fixed=answers.fixed,
                remembered=answers.remembered,
            )
            changeable = review_options(flow, answers, ctx, answers.fixed)
            if not changeable:
                break
            answers.position = sessions.REVIEW
            from ..render import answer_label  # not needed before the review: the first question comes sooner

            labels = [answer_label(q, answers[q.id], ctx) for q in changeable]
            to_change = prompts.review(changeable, labels)
            if to_change is None:
                break
            answers.forget(to_change)
    except (KeyboardInterrupt, EOFError) as exc:
        restore_signals(previous_handlers)
        # A signal can land while prompt_toolkit is between raw and cooked mode: put the terminal back ourselves.
        _restore_terminal_modes(terminal_modes)
        if offer is not None:  # stopped at the offer itself: the saved session stays as it was
            kept, position, stored = offer.count, offer.position, True
        else:
            kept, position = len(answers.run), len(walk(flow, answers, ctx).answered) + 1
            stored = store.save(flow, answers, answers.position, answers.remembered) is not None
        # prompt_toolkit leaves the cursor at the start of a fresh line: the message is the one line added.
        raise Interrupted(sessions.interrupted_text(command, kept, position, stored, ctx, store.folder), interrupted_status(exc)) from None
    finally:
        restore_signals(previous_handlers)
    store.clear(flow)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP during the wizard: handled like Ctrl-C, exit 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def interrupted_status(exc: BaseException) -> int:
    """Ctrl-C or Ctrl-D: 130; SIGTERM or SIGHUP: 128 + its number, as if the signal had ended the process."""
    return ExitStatus.for_signal(exc.signum) if isinstance(exc, Stopped) else int(ExitStatus.INTERRUPTED)


def stop_on_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP raise ``Stopped`` so the wizard saves progress and prompt_toolkit
    restores the terminal on its way out (by default they killed the process mid-prompt,
    terminal still raw). Returns the handlers to put back."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise Stopped(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            try:
                previous[signum] = signal.signal(signum, stop)
            except (ValueError, OSError):  # not the main thread (an in-process test runner)
                pass
    return previous


def _terminal_modes(stdin: Any) -> Optional[tuple[int, list]]:
    """The terminal's modes (echo, line editing) as the wizard found them, to put back if it is stopped."""
    try:
        import termios
    except ImportError:
        return None
    try:
        fd = stdin.fileno()
        return (fd, termios.tcgetattr(fd)) if stdin.isatty() else None
    except (termios.error, OSError, ValueError, AttributeError):  # termios.error is no OSError
        return None


def _restore_terminal_modes(saved: Optional[tuple[int, list]]) -> None:
    if saved is None:
        return
    import termios  # it gave the modes

    try:
        termios.tcsetattr(saved[0], termios.TCSADRAIN, saved[1])
    except (termios.error, OSError, ValueError):
        pass  # the terminal is gone (SIGHUP, EIO): nothing to restore


def restore_signals(previous: dict[int, Any]) -> None:
    import signal

    for signum, handler in previous.items():
        signal.signal(signum, handler)
    previous.clear()
