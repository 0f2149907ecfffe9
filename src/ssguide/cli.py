"""The command line: a thin typer shell around the pure core.

Exit codes: 0 done; 1 a flow file is invalid; 2 bad input from the user (a
wrong answer, a missing answer with --no-input, an unwritable export path, no
terminal to ask in); 130 interrupted. Every error is one clear line on stderr
— no tracebacks.

One command per bundled flow is generated from the flow files at start-up,
all sharing one option list, so a new flow in ``flows/`` is a new command
without new code.
"""

import gc

# Start-up creates tens of thousands of objects (typer, click, our commands) and
# no garbage: the cyclic collector would only scan them again and again. It
# resumes at the end of this module, with what was built moved out of its sight.
gc.disable()

import inspect
import sys
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from . import __version__
from .cells import cell_width
from .i18n import SOURCE_LANGUAGE, SUPPORTED_LANGUAGES, detect_language, locale, plural, t, wording
from .messages import Message
from .yamlsafe import Pos

EXIT_INVALID_FLOW = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class OutputFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


# --lang's choices: the languages with a locale (i18n.LOCALES).
Language = Enum("Language", {code: code for code in SUPPORTED_LANGUAGES}, type=str)  # type: ignore[misc]


def fail(message: Any, code: int = EXIT_BAD_INPUT, lang: Optional[str] = None) -> NoReturn:
    """One line on stderr, then exit: the only way commands report errors.

    ``message`` is a ``qtypes.Message``, an error that carries one (InputProblem,
    AnswerError, UnknownFlow), or plain text. It is worded in ``lang``, by
    default the language of this run (--lang, else the locale).
    """
    from .messages import render

    language = lang or _run_lang()
    sys.stderr.write(t("error_line", language, message=render(message, language)) + "\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def _run_lang() -> str:
    """The language of this run for messages outside a flow: --lang anywhere on the command line, else the locale."""
    return detect_language(_argv_lang())


def _version_callback(value: bool) -> None:
    if value:
        print(f"ssguide {__version__}")
        raise typer.Exit()


def _argv_lang() -> Optional[str]:
    """--lang from the command line, read early so that --help texts follow it."""
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in SUPPORTED_LANGUAGES else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in SUPPORTED_LANGUAGES else None
    return None


_HELP_LANG = detect_language(_argv_lang())


def _h(key: str) -> str:
    """A --help text (catalogs/<language>/help.po) in the language of this run, decided before typer parses anything."""
    return wording(key, _HELP_LANG, "help")


from typer.core import TyperGroup

# Commands for people who write flows, listed apart so that users see the procedures first.
_AUTHOR_COMMANDS = ("validate", "graph", "paths", "schema")
_GENERAL_COMMANDS = ("run", "list")


class GuideGroup(TyperGroup):
    """The app's group: ``--help`` lists the procedures, then other commands, then the authoring tools."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = [(name, command) for name in self.list_commands(ctx) if (command := self.get_command(ctx, name)) and not command.hidden]
        if not commands:
            return
        widest = max(len(name) for name, _ in commands)
        limit = formatter.width - 6 - widest
        sections = [
            (_h("help_section_procedures"), [c for c in commands if c[0] not in _AUTHOR_COMMANDS + _GENERAL_COMMANDS]),
            (_h("help_section_other"), [c for c in commands if c[0] in _GENERAL_COMMANDS]),
            (_h("help_section_authors"), [c for c in commands if c[0] in _AUTHOR_COMMANDS]),
        ]
        for heading, members in sections:
            if members:
                with formatter.section(heading):
                    # Names padded to the widest, so that every section's texts start in one column.
                    formatter.write_dl([(name.ljust(widest), command.get_short_help_str(limit)) for name, command in members])


_group_class: type = GuideGroup
if _HELP_LANG != SOURCE_LANGUAGE:  # click's own words in that language too; English never loads this
    from .clickwords import LocalizedGroup, install_click_words

    install_click_words(_HELP_LANG)

    class _LocalizedGuideGroup(GuideGroup, LocalizedGroup):
        """Help and usage errors in the help language (see clickwords), commands in the same sections."""

    _group_class = _LocalizedGuideGroup


app = typer.Typer(
    name="ssguide",
    help=_h("help_app"),
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=_group_class,
)


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version_callback, is_eager=True, help=_h("help_version"))
    ] = False,
    lang: Annotated[
        Optional[Language], typer.Option("--lang", help=_h("help_menu_lang"))
    ] = None,
) -> None:
    """Personal checklists for Chinese social and medical insurance procedures."""
    from .safetext import install

    install()  # again here for in-process callers that never pass through main()
    if ctx.invoked_subcommand is not None:
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(ctx.get_help())
        raise typer.Exit()
    from . import prompts
    from .registry import bundled_flows

    language = detect_language(lang.value if lang else None)
    options = [(f.command, f.title.get(language)) for f in bundled_flows()]
    previous_handlers = _stop_on_signals()
    try:
        command = prompts.choose_flow(options, language)
    except (KeyboardInterrupt, EOFError) as exc:  # prompt_toolkit has already ended its line
        sys.stderr.write(f"ssguide: {t('interrupted', language)}\n")
        raise typer.Exit(128 + exc.signum if isinstance(exc, _Stopped) else EXIT_INTERRUPTED) from None
    finally:
        _restore_signals(previous_handlers)
    run_flow(command, RunOptions(lang=language), bundled=True)


# ---------------------------------------------------------------- list


@app.command("list", help=_h("help_list"))
def list_flows(
    output: Annotated[OutputFormat, typer.Option("--format", help=_h("help_list_format"))] = OutputFormat.text,
    lang: Annotated[Optional[Language], typer.Option("--lang", help=_h("help_list_lang"))] = None,
) -> None:
    """List the bundled procedures."""
    from .registry import bundled_flows

    language = detect_language(lang.value if lang else None)
    flows = bundled_flows()
    if output == OutputFormat.json:
        import json

        data = [
            {"id": f.id, "command": f.command, "title": f.title.get(language), "description": f.description.get(language)}
            for f in flows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    header = (t("list_header_command", language), t("list_header_procedure", language))
    rows = [(f"ssguide {f.command}", f.title.get(language)) for f in flows]
    if not sys.stdout.isatty():
        # For scripts and pipes: one line per flow, no wrapping, no padding at the ends.
        width = max(cell_width(cmd) for cmd, _ in [header, *rows])
        for cmd, title in [header, *rows]:
            print(f"{cmd}{' ' * (width - cell_width(cmd))}  {title}")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(header[0], no_wrap=True)
    table.add_column(header[1])
    for cmd, title in rows:
        table.add_row(cmd, title)
    Console().print(table)


# ---------------------------------------------------------------- authoring tools


@app.command("validate", help=_h("help_validate"))
def validate_flows(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATH]...", help=_h("help_validate_paths"))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_h("help_validate_strict"))] = False,
    today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=_h("help_validate_today"))] = None,
    lang: Annotated[Optional[Language], typer.Option("--lang", help=_h("help_validate_lang"))] = None,
) -> None:
    """Check flows: schema, references, conditions, routing, outcomes. Exit 1 on errors."""
    from .semantic import problems as semantic_problems
    from .model import FlowError, Problem
    from .loader import load_flow
    from .messages import Message
    from .registry import bundled_flows, display_path

    language = detect_language(lang.value if lang else _argv_lang())
    day = _parse_today(today, language)
    targets = [(p, str(p)) for p in paths] if paths else [(i.path, display_path(i.path)) for i in bundled_flows()]
    errors = warnings = 0
    for path, name in targets:
        try:
            flow = load_flow(path, display_name=name)
            found = semantic_problems(flow, day)
        except FlowError as exc:
            found = exc.problems
        except RecursionError:  # pragma: no cover - guarded by the loader's depth limit
            found = [Problem(Pos(name, 1, 1), Message("flow_too_deep"))]
        for problem in found:
            sys.stderr.write(f"{problem.render(language)}\n")
        file_errors = sum(p.severity == "error" for p in found)
        file_warnings = len(found) - file_errors
        errors += file_errors
        warnings += file_warnings
        if not found:
            print(t("validate_ok", language, name=name))
    if errors or (strict and warnings):
        fail(Message("validate_summary", errors=errors, warnings=warnings, flows=len(targets)), EXIT_INVALID_FLOW, lang=language)
    if warnings:
        sys.stderr.write(f"ssguide: {t('validate_warnings', language, n=warnings)}\n")


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


@app.command("graph", help=_h("help_graph"))
def graph_flow(
    flow_ref: Annotated[str, typer.Argument(metavar="FLOW", help=_h("help_graph_flow"))],
    output: Annotated[GraphFormat, typer.Option("--format", help=_h("help_graph_format"))] = GraphFormat.mermaid,
    lang: Annotated[Optional[Language], typer.Option("--lang", help=_h("help_graph_lang"))] = None,
) -> None:
    """Print a flow's routing as a Mermaid flowchart or Graphviz DOT."""
    from .graph import to_dot, to_mermaid
    from .safetext import visible

    language = detect_language(lang.value if lang else _argv_lang())
    flow = _load(flow_ref, lang=language)
    # visible: a value in a condition may hold a bidi control, shown even on a terminal.
    sys.stdout.write(visible(to_mermaid(flow, language) if output == GraphFormat.mermaid else to_dot(flow, language)))


@app.command("paths", help=_h("help_paths"))
def list_paths(
    flow_ref: Annotated[str, typer.Argument(metavar="FLOW", help=_h("help_paths_flow"))],
    write_answers: Annotated[Optional[Path], typer.Option("--write-answers", metavar="DIR", help=_h("help_paths_write_answers"))] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help=_h("help_paths_format"))] = OutputFormat.text,
    today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=_h("help_paths_today"))] = None,
    lang: Annotated[Optional[Language], typer.Option("--lang", help=_h("help_paths_lang"))] = None,
) -> None:
    """Every distinct outcome of a flow: answers that lead to a different checklist."""
    from .analysis import analyse
    from .answers import InputProblem, dump_answers, write_atomic

    flow = _load(flow_ref)
    day = _parse_today(today)
    analysis = analyse(flow, day)
    if not analysis.complete:
        fail(Message("err_too_many_routes", flow=flow.id, routes=_route_count(analysis.route_count)), EXIT_INVALID_FLOW)
    outcomes = analysis.outcomes
    unsure = analysis.unsure_outcomes
    if write_answers is not None:
        if not write_answers.is_dir():
            fail(Message("err_write_answers_folder", path=str(write_answers)))
        named = [(f"{flow.id}-{n:02d}.yaml", o) for n, o in enumerate(outcomes, start=1)]
        named += [(f"{flow.id}-unsure-{n:02d}.yaml", o) for n, o in enumerate(unsure, start=1)]
        for name, outcome in named:
            try:
                write_atomic(write_answers / name, dump_answers(flow, outcome.answer_dict()).encode(), force=True)
            except InputProblem as exc:
                fail(exc)
    if output == OutputFormat.json:
        import json

        from .answers import plain_answers

        data = [{"answers": plain_answers(flow, o.answer_dict()), "items": list(o.items)} for o in outcomes]
        unsure_data = [{"answers": plain_answers(flow, o.answer_dict()), "items": list(o.items)} for o in unsure]
        print(json.dumps({"flow": flow.id, "outcomes": data, "unsure_outcomes": unsure_data}, ensure_ascii=False, indent=2))
        return
    language = detect_language(lang.value if lang else _argv_lang())
    print(t("paths_header", language, flow=flow.id, n=len(outcomes)))
    from .analysis import _show
    from .safetext import visible

    # Answers files are written with ids and values, so they stay as they are in every language.
    items_label = t("paths_items", language) + locale(language).colon
    for n, outcome in enumerate(outcomes + unsure, start=1):
        if n == len(outcomes) + 1:
            print(t("paths_unsure_header", language, n=len(unsure)))
            n = 1
        elif n > len(outcomes):
            n -= len(outcomes)
        answers = " ".join(f"{k}={_show(v)}" for k, v in outcome.answers)
        print(visible(f"{n:3d}. {answers}"))  # values from conditions, shown even on a terminal
        print(f"     {items_label}{', '.join(outcome.items)}")
    if not analysis.unsure_complete:
        print(t("paths_unsure_too_many", language))


def _route_count(count: Optional[int]) -> str:
    """A route count for people: exact while short, else its order of magnitude."""
    from .messages import big_number

    return big_number(count)


@app.command("schema", help=_h("help_schema"))
def print_schema() -> None:
    """Print the JSON Schema of the flow format (for editors and other tools)."""
    from .schema import schema_json

    sys.stdout.write(schema_json())


# ---------------------------------------------------------------- running a flow


@dataclass
class RunOptions:
    answers: Optional[Path] = None
    set_values: list[str] = field(default_factory=list)
    no_input: bool = False
    defaults: bool = False
    export: list[Path] = field(default_factory=list)
    force: bool = False
    output: OutputFormat = OutputFormat.text
    save_answers: Optional[Path] = None
    lang: Optional[str] = None
    today: Optional[str] = None
    why: bool = False
    fresh: bool = False
    no_pager: bool = False


def _option_parameters() -> list[inspect.Parameter]:
    """The options every flow command shares, declared once."""
    kw = inspect.Parameter.KEYWORD_ONLY
    specs: list[tuple[str, Any, Any]] = [
        ("answers", Annotated[Optional[Path], typer.Option("--answers", metavar="FILE", help=_h("help_run_answers"))], None),
        ("set_values", Annotated[list[str], typer.Option("--set", metavar="ID=VALUE", help=_h("help_run_set"))], []),
        ("no_input", Annotated[bool, typer.Option("--no-input", help=_h("help_run_no_input"))], False),
        ("defaults", Annotated[bool, typer.Option("--defaults", help=_h("help_run_defaults"))], False),
        ("export", Annotated[list[Path], typer.Option("--export", metavar="PATH", help=_h("help_run_export"))], []),
        ("force", Annotated[bool, typer.Option("--force", help=_h("help_run_force"))], False),
        ("output", Annotated[OutputFormat, typer.Option("--format", help=_h("help_run_format"))], OutputFormat.text),
        ("save_answers", Annotated[Optional[Path], typer.Option("--save-answers", metavar="FILE", help=_h("help_run_save_answers"))], None),
        ("lang", Annotated[Optional[Language], typer.Option("--lang", help=_h("help_run_lang"))], None),
        ("today", Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=_h("help_run_today"))], None),
        ("why", Annotated[bool, typer.Option("--why", help=_h("help_run_why"))], False),
        ("fresh", Annotated[bool, typer.Option("--fresh", help=_h("help_run_fresh"))], False),
        ("no_pager", Annotated[bool, typer.Option("--no-pager", help=_h("help_run_no_pager"))], False),
    ]
    return [inspect.Parameter(name, kw, default=default, annotation=annotation) for name, annotation, default in specs]


def _make_flow_command(fixed_flow: Optional[str], help_text: str):
    """A typer command running one flow (or, for ``run``, the flow named by FLOW)."""

    def command(**kwargs: Any) -> None:
        ref = fixed_flow if fixed_flow is not None else kwargs.pop("flow")
        lang = kwargs.pop("lang")
        # `ssguide --lang zh card` and `ssguide card --lang zh` mean the same.
        run_flow(ref, RunOptions(lang=lang.value if lang else _argv_lang(), **kwargs), bundled=fixed_flow is not None)

    params = _option_parameters()
    if fixed_flow is None:
        flow_arg = inspect.Parameter(
            "flow",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=Annotated[str, typer.Argument(metavar="FLOW", help=_h("help_run_flow"))],
        )
        params.insert(0, flow_arg)
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = help_text
    return command


app.command(
    "run",
    help=_h("help_run"),
)(_make_flow_command(None, "Run a flow by id or path."))


def _register_bundled_commands() -> None:
    from .registry import bundled_flows

    lang = _HELP_LANG
    for info in bundled_flows():
        title = info.title.get(lang)
        description = info.description.get(lang)
        stop = locale(lang).full_stop
        help_text = f"{title}{stop}\n\n{description}" if description else title
        app.command(info.command, help=help_text)(_make_flow_command(info.id, title))


def _parse_today(value: Optional[str], lang: Optional[str] = None) -> date:
    if value is None:
        return date.today()
    from .dates import EARLIEST_DATE, LATEST_DATE

    try:
        day = date.fromisoformat(value)
    except ValueError:
        fail(Message("err_today", value=repr(value)), lang=lang)
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        fail(Message("err_today_range", value=repr(value), low=EARLIEST_DATE.isoformat(), high=LATEST_DATE.isoformat()), lang=lang)
    return day


def _load(ref: str, check_user_flow: bool = False, lang: Optional[str] = None, today: Optional[date] = None, bundled: bool = False):
    """Load a flow; a user's own flow file is also checked like ``validate`` when asked.

    ``bundled``: a bundled command, which never reads a file from the current
    folder. Errors, the flow file's own problems included, are worded in
    ``lang`` (default: the language of this run).
    """
    from .model import FlowError
    from .registry import UnknownFlow, looks_like_path, resolve, resolve_bundled

    try:
        flow = resolve_bundled(ref) if bundled else resolve(ref)
        if check_user_flow and looks_like_path(ref):
            from .semantic import problems

            errors = [p for p in problems(flow, today or date.today()) if p.severity == "error"]
            if errors:
                raise FlowError(errors)
        return flow
    except UnknownFlow as exc:
        fail(exc, lang=lang)
    except FlowError as exc:
        language = lang or _run_lang()
        for problem in exc.problems:
            sys.stderr.write(f"{problem.render(language)}\n")
        count = len(exc.problems)
        noun = plural("err_flow_invalid_noun", language, count)
        fail(Message("err_flow_invalid", n=count, noun=noun), EXIT_INVALID_FLOW, lang=language)


def _check_export_targets(opts: RunOptions, lang: Optional[str] = None) -> list[tuple[Path, str]]:
    """Refuse bad export paths before asking anything, so no answers are lost."""
    import os

    from .answers import InputProblem, check_target, export_format

    targets = []
    seen: set[str] = set()
    for path in [*opts.export, *([opts.save_answers] if opts.save_answers else [])]:
        try:
            kind = "answers" if path == opts.save_answers and path not in opts.export else export_format(path)
            check_target(path, opts.force)
        except InputProblem as exc:
            fail(exc, lang=lang)
        same = os.path.realpath(path)
        if same in seen:  # the second write would replace the first (or fail without --force after the wizard)
            fail(Message("err_write_twice", path=str(path)), lang=lang)
        seen.add(same)
        targets.append((path, kind))
    return targets


def run_flow(ref: str, opts: RunOptions, bundled: bool = False) -> None:
    from .answers import InputProblem, coerce_answers, load_answers_file, parse_set_options

    lang = detect_language(opts.lang)
    today = _parse_today(opts.today, lang)
    flow = _load(ref, check_user_flow=True, lang=lang, today=today, bundled=bundled)
    if opts.why:  # which flow ran: a bundled one, or a file
        from .registry import looks_like_path

        which = t("why_flow_file", lang, path=ref) if looks_like_path(ref) and not bundled else t("why_flow_bundled", lang, id=flow.id, path=flow.path)
        sys.stderr.write(f"ssguide: {which}\n")
    targets = _check_export_targets(opts, lang)

    try:
        answers: dict[str, Any] = {}
        if opts.answers is not None:
            answers.update(coerce_answers(flow, load_answers_file(opts.answers), today, str(opts.answers)))
        sets = coerce_answers(flow, parse_set_options(opts.set_values), today, "--set")
        answers.update(sets)
    except InputProblem as exc:
        fail(exc, lang=lang)

    from .engine import missing_questions, next_question

    if opts.defaults:
        # --defaults answers what has a default; --no-input decides whether the rest may be asked.
        while (question := next_question(flow, answers, today)) is not None and question.default is not None:
            answers[question.id] = question.default

    if next_question(flow, answers, today) is not None:
        if opts.no_input:
            _report_missing(flow, answers, today, missing_questions(flow, answers, today, defaults=opts.defaults), lang)
        screen = _prompt_screen()
        if screen is None:
            missing = missing_questions(flow, answers, today, defaults=opts.defaults)
            names = ", ".join(q.id for q in missing)
            fail(Message("err_no_terminal", names=names), lang=lang)
        from . import prompts

        with prompts.on_terminal(screen):
            _interactive(flow, answers, today, lang, fixed=frozenset(answers), fresh=opts.fresh, command=_rerun_command(ref, flow, opts.lang))

    from .checklist import build

    checklist = build(flow, answers, today)
    _emit(checklist, opts, lang)
    _write_outputs(checklist, targets, opts, lang)


def _prompt_screen() -> Optional[Any]:
    """Where the wizard can draw its questions, or None when there is no terminal to ask in.

    Keys come from standard input, so it must be a terminal. Like git and fzf,
    prompts go to standard error (or /dev/tty) when standard output is piped
    or redirected, so that it carries the checklist alone.
    """
    if not sys.stdin.isatty():
        return None
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and stream.isatty():
            return stream
    try:
        return open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - open for the rest of the run
    except OSError:
        return None


def _report_missing(flow, answers, today, missing, lang: str = "en") -> NoReturn:
    from .engine import questions_ahead

    # "id: what is allowed", the way an answers file writes it.
    lines = [f"  {q.id}: {q.qtype.allowed(q).render(lang)}" for q in missing]
    later = [q for q in questions_ahead(flow, answers, today) if q not in missing]
    if later:
        lines.append(f"  {t('missing_later', lang)}")
        lines += [f"  {q.id}: {q.qtype.allowed(q).render(lang)}" for q in later]
    header = t("error_line", lang, message=t("err_missing_answers", lang, n=len(missing), flow=flow.id))
    sys.stderr.write(header + "\n" + "\n".join(lines) + "\n")
    raise typer.Exit(EXIT_BAD_INPUT)


def _rerun_command(ref: str, flow, explicit_lang: Optional[str] = None) -> str:
    """What to type after ``ssguide`` to run this flow again (for the resume hint).

    A language chosen with --lang is repeated, so the resumed run speaks it too.
    """
    import shlex

    from .registry import looks_like_path

    command = f"run {shlex.quote(ref)}" if looks_like_path(ref) else flow.command
    return f"{command} --lang {explicit_lang}" if explicit_lang else command


def _interactive(
    flow, answers: dict[str, Any], today: date, lang: str, fixed: frozenset[str], fresh: bool, command: str
) -> None:
    """Ask what is missing, offer a review, and keep progress safe on Ctrl-C/Ctrl-D.

    An interrupted run always leaves a session (even before the first answer)
    and exits 130 with one line saying how to pick up again; a finished one
    removes it. Saved progress that no longer fits the flow is dropped with a note.
    """
    from . import prompts, sessions
    from .engine import walk
    from .wizard import change_answer, interview, review_options

    remembered: dict[str, Any] = {}
    at: list[Optional[str]] = [flow.start]  # the question on screen; sessions.REVIEW at the review
    offer: Optional[Any] = None  # the saved session while its offer is on screen

    def ask(question, default, can_go_back, progress):
        at[0] = question.id
        return prompts.ask(question, lang, default, can_go_back, today, progress)

    previous_handlers = _stop_on_signals()
    try:
        saved = None if fresh else sessions.load(flow)
        if saved is not None:
            fitted = sessions.fit(flow, saved, today, answers)
            if not fitted.usable:
                sys.stderr.write(f"ssguide: {t('session_stale', lang)}\n")
                sessions.clear(flow)
            else:
                if fitted.dropped:
                    sys.stderr.write(f"ssguide: {t('session_dropped', lang, ids=', '.join(fitted.dropped))}\n")
                offer = fitted
                if prompts.ask_resume(sessions.offer_text(flow, saved, fitted, lang), lang):
                    answers.update(fitted.answers)
                    remembered.update(fitted.remembered)
                else:
                    sessions.clear(flow)
                offer = None
        while True:
            interview(
                flow,
                answers,
                today,
                ask,
                prompts.BACK,
                lambda pos, total: prompts.progress_text(pos, total, lang),
                fixed=fixed,
                remembered=remembered,
            )
            changeable = review_options(flow, answers, today, fixed)
            if not changeable:
                break
            at[0] = sessions.REVIEW
            from .render import answer_label  # not needed before the review: the first question comes sooner

            labels = [answer_label(q, answers[q.id], lang) for q in changeable]
            to_change = prompts.review(changeable, labels, lang)
            if to_change is None:
                break
            change_answer(answers, to_change, remembered)
    except (KeyboardInterrupt, EOFError) as exc:
        _restore_signals(previous_handlers)
        if offer is not None:  # stopped at the offer itself: the saved session stays as it was
            kept, position, stored = offer.count, offer.position, True
        else:
            kept, position = sum(k not in fixed for k in answers), len(walk(flow, answers, today).answered) + 1
            stored = sessions.save(flow, answers, at[0], remembered) is not None
        # prompt_toolkit leaves the cursor at the start of a fresh line: the message is the one line added.
        sys.stderr.write(f"ssguide: {sessions.interrupted_text(command, kept, position, stored, lang)}\n")
        raise typer.Exit(128 + exc.signum if isinstance(exc, _Stopped) else EXIT_INTERRUPTED) from None
    finally:
        _restore_signals(previous_handlers)
    sessions.clear(flow)


class _Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP during the wizard: handled like Ctrl-C, exit 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> dict[int, Any]:
    """SIGTERM and SIGHUP raise ``_Stopped`` so the wizard saves progress and prompt_toolkit
    restores the terminal on its way out (by default they killed the process mid-prompt,
    terminal still raw). Returns the handlers to put back."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        raise _Stopped(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            try:
                previous[signum] = signal.signal(signum, stop)
            except (ValueError, OSError):  # not the main thread (an in-process test runner)
                pass
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    import signal

    for signum, handler in previous.items():
        signal.signal(signum, handler)
    previous.clear()


def _emit(checklist, opts: RunOptions, lang: str) -> None:
    from . import render

    if opts.output == OutputFormat.json:
        sys.stdout.write(render.to_json(checklist, lang))
    elif opts.output == OutputFormat.markdown:
        sys.stdout.write(render.to_markdown(checklist, lang))
    elif sys.stdout.isatty():
        import shutil

        from rich.console import Console

        # rich assumes 80x25 on TERM=dumb whatever the terminal's real size: ask the terminal.
        size = shutil.get_terminal_size((80, 24))
        console = Console(highlight=False, emoji=False, width=size.columns, height=size.lines)
        with console.capture() as captured:
            console.print()
            render.print_checklist(checklist, console, lang, why=opts.why)
        text = captured.get()
        # A pager only for a person at the terminal, and only when the checklist would scroll away.
        if opts.no_pager or not sys.stdin.isatty() or text.count("\n") < size.lines or not _page(text):
            sys.stdout.write(text)
    else:
        sys.stdout.write(_plain_text(checklist, lang, opts.why))
    sys.stdout.flush()


def _page(text: str) -> bool:
    """Show ``text`` in $PAGER, else ``less -R``; False when there is no pager to run.

    $PAGER is split like a shell would (``less -FR``), not run by a shell; an
    empty $PAGER or ``cat`` means no pager, and the caller prints the text itself.
    """
    import os
    import shlex
    import shutil
    import subprocess

    try:
        argv = shlex.split(os.environ.get("PAGER", "less -R"))
    except ValueError:
        return False
    if not argv or argv[0] == "cat" or shutil.which(argv[0]) is None:
        return False
    # As git does: less keeps colours (R), leaves the checklist on screen when it quits (X), and
    # quits at once if it all fits (F), unless the user set LESS themselves.
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    try:
        assert pager.stdin is not None
        pager.stdin.write(text.encode("utf-8", "replace"))
        pager.stdin.close()
    except BrokenPipeError:  # quit before reading it all
        pass
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less ignores it); wait until it quits
            continue


def _write_outputs(checklist, targets: list[tuple[Path, str]], opts: RunOptions, lang: str) -> None:
    from . import render
    from .answers import InputProblem, dump_answers, write_atomic

    rendered = []
    for path, kind in targets:  # every file rendered before any is written: all or none
        if kind == "markdown":
            data = render.to_markdown(checklist, lang).encode("utf-8")
        elif kind == "json":
            data = render.to_json(checklist, lang).encode("utf-8")
        elif kind == "ics":
            data = render.to_ics(checklist, lang, timezone=_user_timezone())
        elif kind == "text":
            data = _plain_text(checklist, lang, opts.why).encode("utf-8")
        else:
            data = dump_answers(checklist.flow, checklist.answers).encode("utf-8")
        rendered.append((path, kind, data))
    messages = []
    for path, kind, data in rendered:
        try:
            write_atomic(path, data, opts.force)
        except InputProblem as exc:
            fail(exc, lang=lang)
        messages.append(t("answers_saved" if kind == "answers" else "written_to", lang, path=path))
    # Confirmations go to stderr so that stdout stays the checklist alone.
    for message in messages:
        sys.stderr.write(message + "\n")


def _user_timezone() -> str:
    """The user's time zone for calendar reminders: $TZ when it names one (e.g. Europe/Berlin), else China's."""
    import os

    from .render import DEFAULT_TIMEZONE

    name = os.environ.get("TZ", "").lstrip(":")
    if not name or name.startswith("/") or ".." in name:
        return DEFAULT_TIMEZONE
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(name)
    except (ValueError, OSError, LookupError):  # not a zone name (TZ=CST-8 style), or no such zone
        return DEFAULT_TIMEZONE
    return name


def _plain_text(checklist, lang: str, why: bool) -> str:
    import io

    from rich.console import Console

    from . import render

    import shutil

    buffer = io.StringIO()
    # Piped or exported text: no escape codes, the terminal's width if there is one, no padding.
    width = max(shutil.get_terminal_size((80, 24)).columns, 40)
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False, emoji=False)
    render.print_checklist(checklist, console, lang, why=why)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


_register_bundled_commands()
gc.freeze()
gc.enable()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit cannot fail again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _app_for(argv: list[str]) -> typer.Typer:
    """``app``, or, when the first word names a command, a copy holding only that command.

    Each start, typer turns every registered command into click's objects
    (~4 ms for a dozen); a run that names its command needs just that one.
    ``ssguide --help``, options before the command and a mistyped command
    still get the whole app.
    """
    import copy

    if not argv or argv[0].startswith("-"):
        return app
    named = [info for info in app.registered_commands if info.name == argv[0]]
    if not named:
        return app  # a mistyped command: the whole app, to list the right ones
    only = copy.copy(app)
    only.registered_commands = named
    return only


def main() -> None:
    """Console-script entry point."""
    import os

    if sys.stdout is None:  # started with standard output closed (ssguide >&-)
        if sys.stderr is not None:
            sys.stderr.write(f"ssguide: {t('output_closed', _run_lang())}\n")
        sys.exit(EXIT_BAD_INPUT)
    from .safetext import install

    if sys.stdin is None:  # started with standard input closed (ssguide <&-): nothing to read, not a crash
        sys.stdin = open(os.devnull, encoding="utf-8")
    install()  # before anything is written: click's usage errors repeat what was typed
    # A run makes little cyclic garbage: at the default threshold (700 new objects)
    # the collector would run some thirty times before the first question is on
    # screen (~3 ms) only to find nothing. Long runs still collect, less often.
    gc.set_threshold(50_000)
    try:
        try:
            _app_for(sys.argv[1:])()
        finally:
            sys.stdout.flush()  # here, so that a full disk is reported, not lost at exit
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _silence_stdout()
        sys.exit(0)
    except OSError as exc:
        # Writing our own output failed (a full disk, /dev/full): the user's
        # environment, not a bug. Files we write report their own errors.
        _silence_stdout()
        sys.stderr.write(f"ssguide: {t('output_failed', _run_lang(), reason=exc.strerror or exc)}\n")
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        sys.stderr.write(f"\nssguide: {t('interrupted_short', _run_lang())}\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # last resort: a bug must still read as one line
        if os.environ.get("SSGUIDE_DEBUG"):
            raise
        line = t("internal_error", _run_lang(), kind=type(exc).__name__, detail=exc)
        sys.stderr.write(f"ssguide: {line}\n")
        sys.exit(70)
