"""The interactive wizard's prompts: the only module that imports questionary.

questionary (and prompt_toolkit under it) is imported inside ``ask`` so that
``ssguide --help``, ``list`` and every non-interactive run stay fast and work
without a terminal. ``unsafe_ask`` is used on purpose: ``ask`` swallows
Ctrl-C and returns None, which would look like an answer.

Prompts are drawn on ``screen``, the terminal: standard output, or standard
error (or /dev/tty) when standard output is piped (``ssguide card | tee
card.txt``), so that the pipe gets the checklist alone (see ``Prompts.drawing``).
The screen is the terminal's own stream: what the prompts show of flows and
answers was made ``visible`` at its source (the loader, the answer labels),
and is made visible again where it is drawn (``ask``, ``_menu``, the plain
prompts), so that a source that forgot shows ``<U+202E>``, never applies it.
A text default that ``visible`` changes is never put in the field to edit.

On a terminal that cannot move the cursor (``TERM=dumb``: Emacs' shell, some
consoles) questions are plain text: numbered choices, a line typed and Enter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from ..core.model import Question
from ..core.qtypes import UNSURE, AnswerError
from ..core.safetext import visible
from ..lang.cells import cell_width, wrap_cells
from ..lang.progress import progress_text

if TYPE_CHECKING:
    from ..core.context import Context
    from .environment import Environment

BACK = object()
"""Returned by ``ask`` when the user chose to go back to the previous question."""

BACK_KEY = "<"  # "＜" (typed with a Chinese input method) counts too
_CONFIRM = "\x00confirm"  # not a valid question id, so never mistaken for one







def _stoppable(question: Any, ctrl_d: bool = True) -> Any:
    """Make ``kill -INT`` stop a prompt as Ctrl-C does, and (in menus) Ctrl-D end it as it ends a text prompt.

    prompt_toolkit turns SIGINT into a key of its own, which no binding
    handled: the signal was ignored. questionary binds only Ctrl-C in menus.
    The caller treats both like Ctrl-C: progress is saved and the run exits 130.
    A storm of other signals stays quiet too (``_quiet_signal_wakeup``).
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    extra = KeyBindings()

    @extra.add(Keys.SIGINT, eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    if ctrl_d:

        @extra.add(Keys.ControlD, eager=True)
        def _(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, extra]) if app.key_bindings else extra
    app.after_render += _quiet_signal_wakeup
    return question


def _quiet_signal_wakeup(app: Any) -> None:
    """Once the prompt is on screen: a burst of signals may fill asyncio's wakeup socket without a word.

    A window resized a thousand times a second (SIGWINCH) fills it while the
    prompt redraws, and Python printed "Exception ignored when trying to write
    to the signal wakeup fd: BlockingIOError" over the wizard each time, though
    nothing is lost (the signals are handled; one wake-up is enough). asyncio
    sets the socket with warnings on whenever it adds a signal handler, which
    prompt_toolkit does as the prompt starts: so it is set again, quiet, after.
    """
    import signal

    app.after_render -= _quiet_signal_wakeup
    try:
        fd = signal.set_wakeup_fd(-1)
        if fd != -1:
            signal.set_wakeup_fd(fd, warn_on_full_buffer=False)
    except ValueError:  # not the main thread: asyncio set none either
        pass






def _is_back(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip() == BACK_KEY








_SELECT_INDENT = 3  # " » " before a menu choice
_CHECKBOX_INDENT = 5  # " » ● " before a checkbox choice


def _hanging(text: str, columns: int, indent: int) -> str:
    """``text`` wrapped to end before the terminal's last column, its later lines indented by ``indent``.

    Its first line goes where the caller writes it, after ``indent`` cells of its own
    (a choice's " » ", a plain line's "  "): prompt_toolkit cuts lines that are too long.
    """
    return ("\n" + " " * indent).join(wrap_cells(text, max(columns - indent - 1, 10)))


def _fit_instruction(message: str, instruction: str, titles: list[str], columns: int) -> str:
    """End ``message`` with a new line when what follows it on its last line would not fit.

    questionary puts the instruction after the message, and the chosen
    answer there once it is picked; both must stay within the terminal. A
    title wrapped over lines goes on a line of its own too: its later lines
    are indented to the menu's labels, and so is its first (``_SELECT_INDENT``
    columns: the new line's two spaces and the one questionary adds).
    """
    lines = message.split("\n")
    if not lines[-1].strip():  # already ends on a line of its own (after a question's help)
        return message
    used = sum(cell_width(ch) for ch in lines[-1]) + (2 if len(lines) == 1 else 0)  # "? " starts the first line
    after = max(sum(cell_width(ch) for ch in text.split("\n")[0]) for text in [instruction, *titles])
    wrapped = any("\n" in title for title in titles)
    return message + "\n  " if wrapped or used + 1 + after > columns - 1 else message




def _import_questionary() -> Any:
    """questionary and prompt_toolkit (a third of the wait for the first question), imported as fast as can be.

    The cyclic collector is paused (imports make no garbage), and asyncio,
    which prompt_toolkit runs on, is kept from loading OpenSSL (~5 ms): it
    only needs it for network connections, and the wizard opens none.
    """
    import sys

    if "questionary" in sys.modules:
        return sys.modules["questionary"]
    from ..core.yamlsafe import paused_gc

    without_ssl = "ssl" not in sys.modules
    if without_ssl:
        sys.modules["ssl"] = None  # type: ignore[assignment]  # makes `import ssl` fail: asyncio then runs without TLS
    try:
        with paused_gc():
            import questionary
    finally:
        if without_ssl:
            del sys.modules["ssl"]  # anything later that wants ssl imports it as usual
    _build_default_key_bindings_once()
    return questionary


def _build_default_key_bindings_once() -> None:
    """prompt_toolkit's default key bindings, built once per run instead of three times per question.

    Every prompt_toolkit Application builds the ~600 emacs and vi bindings
    afresh (~3.5 ms), and questionary makes three Applications for each menu.
    The bindings hold no state of their own (each handler acts on the
    application of the key press it is given), so one set can serve them all.
    """
    from functools import lru_cache

    from prompt_toolkit.application import application

    build = getattr(application, "load_key_bindings", None)
    if build is not None and not hasattr(build, "cache_info"):
        application.load_key_bindings = lru_cache(maxsize=1)(build)












def _errors_under_the_input(prompt: Any) -> None:
    """Keep the error for a wrong answer on the lines under the input, whole and indented like it.

    prompt_toolkit's input window grows to fill the terminal below it, and
    the error is drawn under the window: at the bottom of the terminal,
    twenty lines from what it is about. An input window that does not grow
    keeps it next to the input. The error's own window is one line high and
    does not wrap, so a narrow terminal cut it off: it wraps now, under the
    input's indent.
    """
    from prompt_toolkit.enums import DEFAULT_BUFFER
    from prompt_toolkit.filters import has_validation_error, to_filter
    from prompt_toolkit.layout import ConditionalContainer, Window
    from prompt_toolkit.layout.controls import BufferControl

    layout = prompt.application.layout
    inputs = [
        window
        for window in layout.find_all_windows()
        if isinstance(window.content, BufferControl) and window.content.buffer.name == DEFAULT_BUFFER
    ]
    errors = [
        container.content
        for container in layout.walk()
        if isinstance(container, ConditionalContainer) and container.filter is has_validation_error and isinstance(container.content, Window)
    ]
    if not inputs or not errors:  # prompt_toolkit lays its prompt out otherwise now: a bug to see, not to skip
        raise RuntimeError(f"prompt_toolkit's text prompt has {len(inputs)} input and {len(errors)} error windows where ssguide expects both")
    for window in inputs:
        window.dont_extend_height = to_filter(True)
    for error in errors:
        error.height = None  # as many lines as the wrapped message needs
        error.wrap_lines = to_filter(True)
        error.dont_extend_height = to_filter(True)
        error.get_line_prefix = lambda line_number, wrap_count: "  "


# ---------------------------------------------------------------- plain prompts (TERM=dumb)






def _numbered(options: list[str], columns: int) -> str:
    """"  1. label" lines, a long label wrapped under itself."""
    digits = len(str(len(options)))
    lines = []
    for n, label in enumerate(options, start=1):
        number = f"{n:>{digits}}. "
        indent = 2 + len(number)
        lines.append("  " + number + _hanging(label, columns, indent))
    return "\n".join(lines)


def _number(word: str, count: int) -> int | None:
    """The choice numbered ``word`` (1 to ``count``), or None when it names none.

    Only ASCII digits once NFKC has made full-width ones ASCII ("２"): other
    scripts' digits ("፩") are digits to ``str.isdigit`` but not to ``int``,
    and a number is a few digits long, not thousands.
    """
    word = unicodedata.normalize("NFKC", word).strip()
    if not (word.isascii() and word.isdigit() and len(word) <= 6):
        return None
    number = int(word)
    return number if 1 <= number <= count else None


class Prompts:
    """The wizard's questions on one terminal: drawn on ``screen``, keys read from the environment's
    standard input, worded in the language of ``ctx``."""

    def __init__(self, env: Environment, screen: TextIO, ctx: Context) -> None:
        self.env = env
        self.screen = screen
        self.ctx = ctx

    @contextmanager
    def drawing(self) -> Iterator[Prompts]:
        """Ask inside: prompt_toolkit draws on ``screen`` and reads keys from the environment's standard input."""
        if self._plain():  # plain lines need no prompt_toolkit
            yield self
            return
        _import_questionary()  # first: it keeps prompt_toolkit's asyncio from loading OpenSSL
        from prompt_toolkit.application import create_app_session
        from prompt_toolkit.input import create_input
        from prompt_toolkit.output import create_output

        with create_app_session(input=create_input(stdin=self.env.stdin), output=create_output(stdout=self.screen)):
            yield self

    def progress_text(self, position: int, total: tuple[int, int] | None) -> str:
        """ "Question 2 of 5", worded as on the web (``lang.progress``)."""
        return progress_text(position, total, self.ctx.lang)

    def _columns(self) -> int:
        return self.env.screen_columns(self.screen)

    def _plain(self) -> bool:
        """Whether to ask in plain lines: the terminal cannot move the cursor or show styles."""
        return self.env.dumb_terminal()

    def _write(self, text: str) -> None:
        """Text on the terminal the prompts use."""
        self.screen.write(text)
        self.screen.flush()

    def _echo(self, answer: str) -> None:
        """The answer taken, under its prompt: "  → answer", a long one wrapped under itself."""
        self._write(f"  → {_hanging(visible(answer), self._columns(), 4)}\n")

    def _say(self, text: str) -> None:
        """A line of the prompt's own under the input (what was wrong with it), wrapped at the input's indent."""
        self._write(f"  {_hanging(text, self._columns(), 2)}\n")

    def _menu(self, message: str, options: list[tuple[Any, str]], default: Any = None) -> Any:
        """A one-choice menu that fits the terminal; Ctrl-D ends it like Ctrl-C."""
        message, options = visible(message), [(value, visible(label)) for value, label in options]
        if self._plain():
            return self._plain_menu(message, options, default)
        questionary = _import_questionary()

        columns = self._columns()
        titles = [_hanging(label, columns, _SELECT_INDENT) for _, label in options]
        instruction = self.ctx.t("prompt_select_hint")
        choices = [questionary.Choice(title=title, value=value) for (value, _), title in zip(options, titles)]
        menu = questionary.select(
            _fit_instruction(message, instruction, titles, columns),
            choices=choices,
            default=default,
            qmark="?",
            instruction=instruction,
        )
        return _stoppable(menu).unsafe_ask()

    def ask(self, question: Question, default: Any, can_go_back: bool, progress: str = "", before: Mapping[str, Any] | None = None) -> Any:
        """Ask one question; returns the typed answer or ``BACK``.

        ``before``: the answers on the route before it, which choose its help where that depends on them.

        Raises KeyboardInterrupt on Ctrl-C and EOFError on Ctrl-D; the caller
        handles both once, at the top.
        """
        questionary: Any = None if self._plain() else _import_questionary()

        columns = self._columns()
        # What is drawn is made visible here, whatever its source did: flow texts and answers are untrusted.
        message = visible(self.ctx.text(question.text))
        if progress:
            message = f"[{progress}] {message}"
        message = _hanging(message, columns, 2)  # after the "? ", and under it
        shown_help = question.help_for(before or {}, self.ctx)
        help_text = visible(self.ctx.text(shown_help)) if shown_help is not None else None
        if help_text:
            message += "\n  " + _hanging(help_text, columns, 2) + "\n  "
        back_label = self.ctx.t("prompt_back")
        widget = question.qtype.widget
        options: list[tuple[Any, str]]  # (value, label) of a menu's or a checkbox's choices

        if widget in ("select", "confirm"):
            if widget == "confirm":
                options = [(True, self.ctx.t("yes")), (False, self.ctx.t("no"))]
            else:
                options = [(c.value, self.ctx.text(c.label)) for c in question.choices]
            if question.unsure:
                options.append((UNSURE, self.ctx.t("unsure")))
            selected = default if default in [v for v, _ in options] else None
            if can_go_back:
                options.append((BACK, back_label))
            return self._menu(message, options, default=selected)

        if widget == "checkbox":
            options = [(c.value, visible(self.ctx.text(c.label))) for c in question.choices]
            if question.unsure:  # ticked alone or with others, it means the user does not know which apply
                options.append((UNSURE, self.ctx.t("unsure")))
            checked = {UNSURE} if default is UNSURE else set(default or ())
            if can_go_back:
                options.append((BACK, back_label))
            if self._plain():
                answer = self._ticked(question, self._plain_checkbox(message, options, checked))
                self._echo(back_label if answer is BACK else question.qtype.display(question, answer, self.ctx))  # Enter alone too: what was kept
                return answer
            titles = [_hanging(label, columns, _CHECKBOX_INDENT) for _, label in options]
            choices = [questionary.Choice(title=title, value=value, checked=value in checked) for (value, _), title in zip(options, titles)]
            instruction = self.ctx.t("prompt_checkbox_hint")
            # Once answered, questionary shows "[one title]" or "done (n selections)" after the message.
            answered = [f"[{title}]" for title in titles] + ["done (99 selections)"]
            message = _fit_instruction(message, instruction, answered, columns)
            boxes = questionary.checkbox(message, choices=choices, qmark="?", instruction=instruction)
            return self._ticked(question, _stoppable(boxes).unsafe_ask())

        example = self.ctx.t(question.qtype.example_key)
        hint = self.ctx.t("prompt_text_hint" if can_go_back else "prompt_text_hint_first", example=example)
        if question.unsure:
            hint += self.ctx.locale.clause_separator + self.ctx.t("unsure_hint")

        initial = str((self.ctx.t("unsure") if default is UNSURE else question.qtype.to_plain(default)) if default is not None else "")
        shown = visible(initial)  # a default from a flow or a saved session may hold a bidi control: shown, never applied
        # Put in the field to edit, unless it is not what it shows (editing "<U+202E>" would keep
        # those eight characters): then, as on a plain terminal, the hint says Enter alone keeps it.
        prefill = initial if not self._plain() and shown == initial else ""

        def kept(typed: str) -> str:
            """What was typed; the default itself for Enter alone when it was not in the field."""
            return typed if typed.strip() or not initial or prefill else initial

        def validate(typed: str) -> bool | str:
            text = kept(typed)
            if can_go_back and _is_back(text):
                return True
            try:
                question.qtype.coerce(question, text, self.ctx)
            except AnswerError as exc:
                # Shown under the input, in the run's language; its window (or the plain prompt) indents every line.
                return "\n".join(wrap_cells(exc.render(self.ctx.lang), max(columns - 3, 10)))
            return True

        # The hint under the help (not under the new line the help ends with, for a menu's answer).
        message = message.rstrip(" \n") + "\n  " + _hanging(self.ctx.locale.aside(hint), columns, 2)
        if initial and not prefill:
            message += "\n  " + _hanging(self.ctx.t("prompt_plain_default", value=shown), columns, 2)
        if self._plain():
            typed = self._plain_text(message, validate)
        else:
            prompt = questionary.text(
                f"{message}\n ",
                default=prefill,
                validate=validate,
                qmark="?",
                # A long answer wraps under itself, not at the terminal's left edge.
                prompt_continuation=lambda width, line_number, wrap_count: " " * width,
            )
            _errors_under_the_input(prompt)
            typed = _stoppable(prompt, ctrl_d=False).unsafe_ask()  # a text prompt ends on Ctrl-D by itself
        text = kept(typed)
        kept_default = bool(initial) and not prefill and not typed.strip()
        if can_go_back and _is_back(text):
            return BACK
        answer = question.qtype.coerce(question, text, self.ctx)
        if isinstance(answer, date):
            self._echo(self.ctx.locale.format_long_date(answer))  # the date understood, before moving on
        elif answer is UNSURE:
            self._echo(self.ctx.t("unsure"))  # "not sure" typed in any of its forms: say it was taken so
        elif kept_default:
            self._echo(shown)  # the default kept with Enter alone, said as a choice is
        return answer

    def _ticked(self, question: Question, picked: list[Any]) -> Any:
        """A checkbox's answer: ``BACK``, ``UNSURE`` (ticked alone or with others), or the values ticked."""
        if BACK in picked:
            return BACK
        if UNSURE in picked:
            return UNSURE
        return question.qtype.coerce(question, picked, self.ctx)

    def ask_resume(self, message: str) -> bool:
        """Offer saved progress (``message`` says where the user stopped): True to resume, False to start over."""
        options = [(True, self.ctx.t("resume")), (False, self.ctx.t("start_over"))]
        return bool(self._menu(_hanging(message, self._columns(), 2), options))

    def review(self, questions: list[Question], labels: list[str]) -> str | None:
        """Show the answers; None to confirm them, or the id of a question to change."""
        message, confirm, change = self.ctx.t("review_message"), self.ctx.t("review_confirm"), self.ctx.t("review_change")
        # questionary replaces a None value by the title, so confirming needs a real token.
        options: list[tuple[Any, str]] = [(_CONFIRM, confirm)]
        for question, label in zip(questions, labels):
            options.append((question.id, f"{change}{self.ctx.locale.colon}{self.ctx.text(question.short or question.text)} → {label}"))
        picked = self._menu(message, options)
        return None if picked == _CONFIRM else picked

    def choose_flow(self, options: list[tuple[str, str]]) -> str:
        """The menu shown by a bare ``ssguide`` in a terminal: returns a command name."""
        message = self.ctx.t("choose_flow")
        return self._menu(message, list(options))

    def _ask_plain(self, message: str, lines: str) -> None:
        """The question (its help's trailing indent, there for questionary's answer, dropped), then ``lines``, made visible."""
        self._write(visible(f"? {message.rstrip()}\n" + (f"{lines}\n" if lines else "")))

    def _read_line(self, mark: str = "  > ") -> str:
        """One line typed on the terminal (its own line editing: the terminal is left as it is).

        Ctrl-C raises KeyboardInterrupt and Ctrl-D (end of input) EOFError, as in
        the other prompts; either way the line is ended, so what follows starts on
        a fresh one.
        """
        stdin = self.env.stdin
        self._write(mark)
        try:
            line = stdin.buffer.readline() if hasattr(stdin, "buffer") else stdin.readline().encode("utf-8")
        except KeyboardInterrupt:
            self._write("\n")
            raise
        if not line:
            self._write("\n")
            raise EOFError
        return line.decode(getattr(stdin, "encoding", None) or "utf-8", "replace").rstrip("\r\n")

    def _plain_choices(self, message: str, labels: list[str], hint: str, parse: Any) -> Any:
        """``labels`` numbered under the question, ``hint`` under them; lines read until ``parse`` takes one (not None)."""
        columns = self._columns()
        self._ask_plain(message, f"{_numbered(labels, columns)}\n  {_hanging(hint, columns, 2)}")
        while True:
            picked = parse(self._read_line())
            if picked is not None:
                return picked
            self._say(self.ctx.t("prompt_plain_not_a_choice", n=len(labels)))

    def _plain_menu(self, message: str, options: list[tuple[Any, str]], default: Any = None) -> Any:
        """A menu as numbered lines; the number typed, Enter alone for the preselected choice, < for Back (when it is one)."""
        values = [value for value, _ in options]
        preselected = values.index(default) + 1 if default is not None and default in values else 1

        def parse(typed: str) -> int | None:
            if not typed.strip():
                return preselected
            if BACK in values and _is_back(typed):
                return values.index(BACK) + 1
            return _number(typed, len(options))

        hint = self.ctx.t("prompt_plain_select_hint", n=preselected)
        picked = self._plain_choices(message, [label for _, label in options], hint, parse)
        self._echo(options[picked - 1][1])  # the choice in words, as the other prompts show it
        return values[picked - 1]

    def _plain_checkbox(self, message: str, options: list[tuple[Any, str]], checked: set[Any]) -> list[Any]:
        """Ticks as numbers typed on one line: Enter alone keeps those ``checked``, 0 (or -) ticks none, < goes back."""
        values = [value for value, _ in options]
        ticked = [n for n, value in enumerate(values, start=1) if value in checked]
        hint = self.ctx.t("prompt_plain_checkbox_hint")
        if ticked:
            hint += self.ctx.locale.clause_separator + self.ctx.t("prompt_plain_checkbox_kept", numbers=" ".join(map(str, ticked)))

        def parse(typed: str) -> list[int] | None:
            words = unicodedata.normalize("NFKC", typed).replace(",", " ").split()
            if not words:
                return ticked
            if words in (["0"], ["-"]):
                return []
            if BACK in values and _is_back(typed):
                return [values.index(BACK) + 1]
            numbers = [_number(word, len(options)) for word in words]
            return None if None in numbers else [n for n in dict.fromkeys(numbers) if n is not None]

        picked = self._plain_choices(message, [label for _, label in options], self.ctx.locale.aside(hint), parse)
        return [values[n - 1] for n in picked]

    def _plain_text(self, message: str, validate: Any) -> str:
        """A typed answer on a line of its own; a wrong one is explained on the next line and asked again."""
        self._ask_plain(message, "")
        while True:
            typed = self._read_line()
            verdict = validate(typed)
            if verdict is True:
                return typed
            self._write("  " + str(verdict).replace("\n", "\n  ") + "\n")  # wrapped by ``validate``
