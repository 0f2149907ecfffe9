"""Running one flow: load it, gather the answers, ask what is missing, print and write the checklist."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..core.safetext import inline
from ..errors import FlowError, InputProblem, MissingAnswers
from ..lang.i18n import detect_language
from ..record import Factory, Record
from .exporters import BY_NAME, DEFAULT_OUTPUT, Exporter, OutputFormat, exporter_for
from .layers import AnswerLayers

if TYPE_CHECKING:
    from ..core.context import Context
    from ..render.context import RenderContext
    from .environment import Environment


class RunOptions(Record):
    """What the command line asked of this run (the flow aside)."""

    answers: Optional[Path] = None
    set_values: list[str] = Factory(list)
    no_input: bool = False
    defaults: bool = False
    export: list[Path] = Factory(list)
    force: bool = False
    output: OutputFormat = DEFAULT_OUTPUT
    save_answers: Optional[Path] = None
    lang: Optional[str] = None
    today: Optional[str] = None
    why: bool = False
    fresh: bool = False
    no_pager: bool = False


# Where a file goes: an exporter, or None for --save-answers.
Target = tuple[Path, Optional[Exporter]]


def parse_today(value: Optional[str], env: Environment) -> date:
    """--today, checked; without it, the environment's clock."""
    if value is None:
        return env.today()
    from ..core.dates import EARLIEST_DATE, LATEST_DATE

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputProblem("err_today", value=repr(value)) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InputProblem("err_today_range", value=repr(value), low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat())
    return day


def load(ref: str, env: Environment, bundled: bool = False, check: Optional[Context] = None):
    """Load a flow; with ``check``, a user's own flow file is also checked like ``validate``, on that context's day.

    ``bundled``: a bundled command, which never reads a file from the current
    folder. Raises ``UnknownFlow``, or ``FlowError`` with the flow file's problems.
    """
    from .registry import looks_like_path, resolve, resolve_bundled

    cache = env.cache_dir()
    flow = resolve_bundled(ref, cache) if bundled else resolve(ref, cache)
    if check is not None and looks_like_path(ref):
        from ..authoring.semantic import problems

        errors = [p for p in problems(flow, check) if p.severity == "error"]
        if errors:
            raise FlowError(errors)
    return flow


def check_targets(opts: RunOptions) -> list[Target]:
    """Refuse bad export paths before asking anything, so no answers are lost."""
    import os

    from .answers import check_target

    targets: list[Target] = []
    seen: set[str] = set()
    for path in [*opts.export, *([opts.save_answers] if opts.save_answers else [])]:
        exporter = None if path == opts.save_answers and path not in opts.export else exporter_for(path)
        check_target(path, opts.force)
        same = os.path.realpath(path)
        if same in seen:  # the second write would replace the first (or fail without --force after the wizard)
            raise InputProblem("err_write_twice", path=str(path))
        seen.add(same)
        targets.append((path, exporter))
    return targets


def given_answers(flow, opts: RunOptions, ctx: Context) -> AnswerLayers:
    """The command line's answers: the --answers file, then --set over it, each checked against its question."""
    from .answers import coerce_answers, load_answers_file, parse_set_options

    from_file = {} if opts.answers is None else coerce_answers(flow, load_answers_file(opts.answers), ctx, str(opts.answers))
    from_set = coerce_answers(flow, parse_set_options(opts.set_values), ctx, "--set")
    return AnswerLayers(set_values=from_set, answers_file=from_file)


def run_flow(ref: str, opts: RunOptions, env: Environment, bundled: bool = False) -> None:
    ctx = render_context(opts, env)
    flow = load(ref, env, bundled=bundled, check=ctx)
    if opts.why:  # which flow ran: a bundled one, or a file
        from .registry import looks_like_path

        which = ctx.t("why_flow_file", path=inline(ref)) if looks_like_path(ref) and not bundled else ctx.t("why_flow_bundled", id=flow.id, path=flow.path)
        env.write_err(f"ssguide: {which}")
    targets = check_targets(opts)
    answers = given_answers(flow, opts, ctx)

    from ..core.engine import missing_questions, next_question

    if opts.defaults:
        # --defaults answers what has a default; --no-input decides whether the rest may be asked.
        while (question := next_question(flow, answers, ctx)) is not None and question.default is not None:
            answers.take_default(question.id, question.default)

    if next_question(flow, answers, ctx) is not None:
        if opts.no_input:
            raise missing_answers(flow, answers, ctx, missing_questions(flow, answers, ctx, defaults=opts.defaults))
        screen = env.prompt_screen()
        if screen is None:
            missing = missing_questions(flow, answers, ctx, defaults=opts.defaults)
            names = ", ".join(q.id for q in missing)
            raise InputProblem("err_no_terminal", names=names)
        from .interactive import interact
        from .prompts import Prompts

        with Prompts(env, screen, ctx).drawing() as prompts:
            interact(flow, answers, ctx, env, prompts, fresh=opts.fresh, command=rerun_command(ref, flow, opts))

    from ..core.checklist import build

    checklist = build(flow, answers, ctx)
    emit(checklist, opts, ctx, env)
    write_outputs(checklist, targets, opts, ctx, env)


def missing_answers(flow, answers, ctx: Context, missing) -> MissingAnswers:
    """The error for --no-input with answers missing: those questions, then the ones the route may still ask."""
    from ..core.engine import questions_ahead

    later = [q for q in questions_ahead(flow, answers, ctx) if q not in missing]
    return MissingAnswers(flow.id, [(q.id, q.qtype.allowed(q)) for q in missing], [(q.id, q.qtype.allowed(q)) for q in later])


def rerun_command(ref: str, flow, opts: RunOptions) -> str:
    """What to type after ``ssguide`` to run this flow again (for the resume hint).

    A language chosen with --lang is repeated, so the resumed run speaks it too.
    """
    import shlex

    from .registry import looks_like_path

    command = f"run {shlex.quote(ref)}" if looks_like_path(ref) else flow.command
    return f"{command} --lang {opts.lang}" if opts.lang else command


def render_context(opts: RunOptions, env: Environment) -> RenderContext:
    """The run's one context: its language (--lang, else the locale's) and day (--today, else the clock's),
    and how it prints (the terminal's width and styles, --why, $TZ). The core takes it as a ``Context``."""
    from ..render.context import DEFAULT_TIMEZONE, RenderContext

    lang = detect_language(opts.lang, env.environ)
    today = parse_today(opts.today, env)
    styles, colour = env.output_styles()
    return RenderContext.of(
        lang, today, width=env.terminal_size().columns, styles=styles, colour=colour, why=opts.why, timezone=env.timezone() or DEFAULT_TIMEZONE
    )


def emit(checklist, opts: RunOptions, ctx: RenderContext, env: Environment) -> None:
    """The checklist on standard output, in the --format asked for (text on a terminal: styled)."""
    exporter = BY_NAME[OutputFormat(opts.output).value]
    on_terminal = env.stdout_isatty() and exporter.on_terminal is not None
    rendered = exporter.render(checklist, ctx, terminal=on_terminal)
    text = rendered if isinstance(rendered, str) else rendered.decode("utf-8")
    # A pager only for a person at the terminal, only when the checklist would scroll away, and
    # not on TERM=dumb, where less warns "terminal is not fully functional" and waits for RETURN.
    pager_wanted = on_terminal and not opts.no_pager and env.stdin_isatty() and not env.dumb_terminal()
    # In the pager the checklist has a screen of its own: the blank line that sets it apart from the
    # questions above would only push its last line off the first screen.
    if not pager_wanted or text.count("\n") < env.terminal_size().lines or not _page(text.lstrip("\n"), env):
        env.stdout.write(text)
    env.stdout.flush()


def _page(text: str, env: Environment) -> bool:
    from .pager import page

    return page(text, env.environ, getattr(env.stdout, "encoding", None) or "utf-8")


def write_outputs(checklist, targets: list[Target], opts: RunOptions, ctx: RenderContext, env: Environment) -> None:
    from .answers import dump_answers, write_atomic

    rendered = []
    for path, exporter in targets:  # every file rendered before any is written: all or none
        if exporter is None:
            data = dump_answers(checklist.flow, checklist.answers).encode("utf-8")
        else:
            data = exporter.data(checklist, ctx)
        rendered.append((path, exporter, data))
    messages = []
    for path, exporter, data in rendered:
        write_atomic(path, data, opts.force, private=exporter is None)  # saved answers: the person's alone
        messages.append(ctx.t("written_to" if exporter else "answers_saved", path=inline(str(path))))
    # Confirmations go to stderr so that stdout stays the checklist alone.
    for message in messages:
        env.write_err(message)
