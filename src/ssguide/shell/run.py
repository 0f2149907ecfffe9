"""Running one flow: load it, gather the answers, ask what is missing, print and write the checklist."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NoReturn, Optional

from ..errors import ExitStatus, FlowError, InputProblem, UnknownFlow
from ..lang.i18n import detect_language, plural, t
from ..lang.messages import Message
from ..record import Factory, Record
from .environment import current, write_err
from .exporters import BY_NAME, DEFAULT_FORMAT, ExportContext, Exporter, OutputFormat, exporter_for
from .layers import AnswerLayers
from .report import fail, run_lang, write_problems


class RunOptions(Record):
    """What the command line asked of this run (the flow aside)."""

    answers: Optional[Path] = None
    set_values: list[str] = Factory(list)
    no_input: bool = False
    defaults: bool = False
    export: list[Path] = Factory(list)
    force: bool = False
    output: OutputFormat = OutputFormat(DEFAULT_FORMAT)
    save_answers: Optional[Path] = None
    lang: Optional[str] = None
    today: Optional[str] = None
    why: bool = False
    fresh: bool = False
    no_pager: bool = False


# Where a file goes: an exporter, or None for --save-answers.
Target = tuple[Path, Optional[Exporter]]


def parse_today(value: Optional[str], lang: Optional[str] = None) -> date:
    """--today, checked; without it, the environment's clock."""
    if value is None:
        return current().today()
    from ..core.dates import EARLIEST_DATE, LATEST_DATE

    try:
        day = date.fromisoformat(value)
    except ValueError:
        fail(Message("err_today", value=repr(value)), lang=lang)
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        fail(Message("err_today_range", value=repr(value), low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat()), lang=lang)
    return day


def load(ref: str, check_user_flow: bool = False, lang: Optional[str] = None, today: Optional[date] = None, bundled: bool = False):
    """Load a flow; a user's own flow file is also checked like ``validate`` when asked.

    ``bundled``: a bundled command, which never reads a file from the current
    folder. Errors, the flow file's own problems included, are worded in
    ``lang`` (default: the language of this run).
    """
    from .registry import looks_like_path, resolve, resolve_bundled

    try:
        flow = resolve_bundled(ref) if bundled else resolve(ref)
        if check_user_flow and looks_like_path(ref):
            from ..authoring.semantic import problems

            errors = [p for p in problems(flow, today or current().today()) if p.severity == "error"]
            if errors:
                raise FlowError(errors)
        return flow
    except UnknownFlow as exc:
        fail(exc, lang=lang)
    except FlowError as exc:
        language = lang or run_lang()
        write_problems(exc.problems, language, exc.unlisted)
        count = exc.count
        noun = plural("err_flow_invalid_noun", language, count)
        fail(Message("err_flow_invalid", n=count, noun=noun), exc.exit_status, lang=language)


def check_targets(opts: RunOptions, lang: Optional[str] = None) -> list[Target]:
    """Refuse bad export paths before asking anything, so no answers are lost."""
    import os

    from .answers import check_target

    targets: list[Target] = []
    seen: set[str] = set()
    for path in [*opts.export, *([opts.save_answers] if opts.save_answers else [])]:
        try:
            exporter = None if path == opts.save_answers and path not in opts.export else exporter_for(path)
            check_target(path, opts.force)
        except InputProblem as exc:
            fail(exc, lang=lang)
        same = os.path.realpath(path)
        if same in seen:  # the second write would replace the first (or fail without --force after the wizard)
            fail(Message("err_write_twice", path=str(path)), lang=lang)
        seen.add(same)
        targets.append((path, exporter))
    return targets


def given_answers(flow, opts: RunOptions, today: date, lang: str) -> AnswerLayers:
    """The command line's answers: the --answers file, then --set over it, each checked against its question."""
    from .answers import coerce_answers, load_answers_file, parse_set_options

    try:
        from_file = {} if opts.answers is None else coerce_answers(flow, load_answers_file(opts.answers), today, str(opts.answers))
        from_set = coerce_answers(flow, parse_set_options(opts.set_values), today, "--set")
    except InputProblem as exc:
        fail(exc, lang=lang)
    return AnswerLayers(set_values=from_set, answers_file=from_file)


def run_flow(ref: str, opts: RunOptions, bundled: bool = False) -> None:
    env = current()
    lang = detect_language(opts.lang, env.environ)
    today = parse_today(opts.today, lang)
    flow = load(ref, check_user_flow=True, lang=lang, today=today, bundled=bundled)
    if opts.why:  # which flow ran: a bundled one, or a file
        from .registry import looks_like_path

        which = t("why_flow_file", lang, path=ref) if looks_like_path(ref) and not bundled else t("why_flow_bundled", lang, id=flow.id, path=flow.path)
        write_err(f"ssguide: {which}")
    targets = check_targets(opts, lang)
    answers = given_answers(flow, opts, today, lang)

    from ..core.engine import missing_questions, next_question

    if opts.defaults:
        # --defaults answers what has a default; --no-input decides whether the rest may be asked.
        while (question := next_question(flow, answers, today)) is not None and question.default is not None:
            answers.take_default(question.id, question.default)

    if next_question(flow, answers, today) is not None:
        if opts.no_input:
            report_missing(flow, answers, today, missing_questions(flow, answers, today, defaults=opts.defaults), lang)
        screen = env.prompt_screen()
        if screen is None:
            missing = missing_questions(flow, answers, today, defaults=opts.defaults)
            names = ", ".join(q.id for q in missing)
            fail(Message("err_no_terminal", names=names), lang=lang)
        from . import prompts
        from .interactive import interact

        with prompts.on_terminal(screen):
            interact(flow, answers, today, lang, fresh=opts.fresh, command=rerun_command(ref, flow, opts.lang))

    from ..core.checklist import build

    checklist = build(flow, answers, today)
    emit(checklist, opts, lang)
    write_outputs(checklist, targets, opts, lang)


def report_missing(flow, answers, today, missing, lang: str = "en") -> NoReturn:
    import typer

    from ..core.engine import questions_ahead

    # "id: what is allowed", the way an answers file writes it.
    lines = [f"  {q.id}: {q.qtype.allowed(q).render(lang)}" for q in missing]
    later = [q for q in questions_ahead(flow, answers, today) if q not in missing]
    if later:
        lines.append(f"  {t('missing_later', lang)}")
        lines += [f"  {q.id}: {q.qtype.allowed(q).render(lang)}" for q in later]
    header = t("error_line", lang, message=t("err_missing_answers", lang, n=len(missing), flow=flow.id))
    current().stderr.write(header + "\n" + "\n".join(lines) + "\n")
    raise typer.Exit(int(ExitStatus.BAD_INPUT))


def rerun_command(ref: str, flow, explicit_lang: Optional[str] = None) -> str:
    """What to type after ``ssguide`` to run this flow again (for the resume hint).

    A language chosen with --lang is repeated, so the resumed run speaks it too.
    """
    import shlex

    from .registry import looks_like_path

    command = f"run {shlex.quote(ref)}" if looks_like_path(ref) else flow.command
    return f"{command} --lang {explicit_lang}" if explicit_lang else command


def export_context(opts: RunOptions, lang: str, calendar: bool = False) -> ExportContext:
    """Plain text as wide as the terminal, if there is one; for a calendar, reminders in the user's time zone."""
    env = current()
    return ExportContext(lang=lang, why=opts.why, width=env.terminal_size().columns, timezone=env.timezone() if calendar else None)


def emit(checklist, opts: RunOptions, lang: str) -> None:
    """The checklist on standard output: styled on a terminal, else in the --format asked for."""
    env = current()
    exporter = BY_NAME[OutputFormat(opts.output).value]
    if exporter.name == DEFAULT_FORMAT and env.stdout_isatty():
        from rich.console import Console

        from ..render.terminal import print_checklist

        size = env.terminal_size()
        console = Console(highlight=False, emoji=False, width=size.columns, height=size.lines)
        with console.capture() as captured:
            console.print()
            print_checklist(checklist, console, lang, why=opts.why)
        text = captured.get()
        # A pager only for a person at the terminal, and only when the checklist would scroll away.
        if opts.no_pager or not env.stdin_isatty() or text.count("\n") < size.lines or not _page(text):
            env.stdout.write(text)
    else:
        rendered = exporter.render(checklist, export_context(opts, lang))
        env.stdout.write(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))
    env.stdout.flush()


def _page(text: str) -> bool:
    from .pager import page

    return page(text)


def write_outputs(checklist, targets: list[Target], opts: RunOptions, lang: str) -> None:
    from .answers import dump_answers, write_atomic

    context = export_context(opts, lang, calendar=any(exporter is BY_NAME["ics"] for _, exporter in targets))
    rendered = []
    for path, exporter in targets:  # every file rendered before any is written: all or none
        if exporter is None:
            data = dump_answers(checklist.flow, checklist.answers).encode("utf-8")
        else:
            data = exporter.data(checklist, context)
        rendered.append((path, exporter, data))
    messages = []
    for path, exporter, data in rendered:
        try:
            write_atomic(path, data, opts.force)
        except InputProblem as exc:
            fail(exc, lang=lang)
        messages.append(t("written_to" if exporter else "answers_saved", lang, path=path))
    # Confirmations go to stderr so that stdout stays the checklist alone.
    for message in messages:
        write_err(message)
