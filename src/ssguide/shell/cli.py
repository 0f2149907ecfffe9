"""The command line: a thin typer shell around the pure core.

Exit statuses are ``errors.ExitStatus``: 0 done; 1 a flow file is invalid; 2
bad input from the user (a wrong answer, a missing answer with --no-input, an
unwritable export path, no terminal to ask in); 130 interrupted; 70 a bug.
Every error is one clear line on stderr — no tracebacks.

One command per bundled flow is generated from the flow files, all sharing
one option list, so a new flow in ``flows/`` is a new command without new
code. Importing this module does nothing: ``main`` builds the app for the
command line it is given and passes the ``Environment`` to every command as
click's context object (``ctx.obj``); ``app`` builds one on first use, for tests.
"""

import inspect
import sys
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

from .. import __version__
from ..errors import ExitStatus

if TYPE_CHECKING:
    from pathlib import Path

    from ..core.context import Context
    from .environment import Environment

# help(key, **values) -> the text (lang/english.py's HELP, translated) in the language of
# --help, its {fields} filled in ({languages} always: the languages ssguide speaks; and
# {listing_formats}: what `list` and `paths` print)
Helper = Callable[..., str]


def build_app(run: "Context", only: Optional[str] = None, cache: Optional["Path"] = None) -> Any:
    """The typer app with its help in the language of ``run`` (the run's context as the command line gives it).

    ``only``: when the command line names a command, just that one is built —
    typer turns every registered command into click's objects at each start
    (~4 ms for a dozen), and a run needs one. ``ssguide --help``, options
    before the command and a mistyped command get the whole app. ``cache``:
    the cache folder for the bundled flows' header index (``Environment.cache_dir``).
    """
    import typer

    from ..lang.i18n import wording

    from ..lang.i18n import SUPPORTED_LANGUAGES
    from .exporters import LISTING_FORMATS

    languages = run.locale.either(SUPPORTED_LANGUAGES)
    listing_formats = run.locale.either(LISTING_FORMATS)

    def h(key: str, **values: str) -> str:
        return wording(key, run.lang).format(languages=languages, listing_formats=listing_formats, **values)

    from .helpgroup import command_class, group_class

    app = typer.Typer(
        name="ssguide",
        help=h("help_app"),
        add_completion=False,
        no_args_is_help=False,
        invoke_without_command=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=group_class(run, h),  # help in sections, and click's own words from the catalogs, in every language
    )
    _add_root(app, h)
    wanted = (lambda name: True) if only is None else (lambda name: name == only)
    if wanted("list"):
        _add_list(app, h)
    if wanted("serve"):
        _add_serve(app, h)
    if only is None or only in ("validate", "graph", "paths", "schema"):
        from . import authoring

        authoring.register(app, h)
    if wanted("run"):
        app.command("run", help=h("help_run"))(
            _flow_command(None, "Run a flow by id or path.", h, run)
        )
    from .registry import bundled_flows

    for info in bundled_flows(cache):
        if wanted(info.command):
            title = run.text(info.title)
            description = run.text(info.description)
            help_text = f"{title}{run.locale.full_stop}\n\n{description}" if description else title
            app.command(info.command, help=help_text)(_flow_command(info.id, title, h, run))
    if only is not None:
        named = [info for info in app.registered_commands if info.name == only]
        if not named:
            return build_app(run, cache=cache)  # a mistyped command: the whole app, to list the right ones
        app.registered_commands = named
    commands = command_class(run)
    for command in app.registered_commands:  # every command: its --help on the run's stdout, its words in the run's language
        command.cls = commands
    return app


def _add_root(app: Any, h: Helper) -> None:
    import typer

    from .report import Language, environment

    def _version_callback(ctx: typer.Context, value: bool) -> None:
        if value:
            environment(ctx).write_out(f"ssguide {__version__}")
            raise typer.Exit()

    @app.callback()
    def _root(
        ctx: typer.Context,
        version: Annotated[
            bool, typer.Option("--version", callback=_version_callback, is_eager=True, help=h("help_version"))
        ] = False,
        lang: Annotated[
            Optional[Language], typer.Option("--lang", help=h("help_menu_lang"))
        ] = None,
    ) -> None:
        """Personal checklists for Chinese social and medical insurance procedures."""
        if ctx.invoked_subcommand is not None:
            return
        from .report import command_lang

        env = environment(ctx)
        if not env.interactive():
            env.write_out(ctx.get_help())
            raise typer.Exit()
        from ..core.context import Context
        from ..errors import Interrupted
        from .interactive import interrupted_status, restore_signals, stop_on_signals
        from .prompts import Prompts
        from .registry import bundled_flows
        from .run import RunOptions, run_flow

        language = command_lang(ctx)
        words = Context.of(language, env.today())
        options = [(f.command, words.text(f.title)) for f in bundled_flows(env.cache_dir())]
        previous_handlers = stop_on_signals()
        try:
            with Prompts(env, env.prompt_screen() or env.stdout, words).drawing() as prompts:
                command = prompts.choose_flow(options)
        except (KeyboardInterrupt, EOFError) as exc:  # prompt_toolkit has already ended its line
            raise Interrupted(words.t("interrupted"), interrupted_status(exc)) from None
        finally:
            restore_signals(previous_handlers)
        run_flow(command, RunOptions(lang=language), env, bundled=True)


def _add_list(app: Any, h: Helper) -> None:
    import typer

    from .exporters import DEFAULT_LISTING, ListingFormat
    from .report import Language

    @app.command("list", help=h("help_list"))
    def list_flows(
        ctx: typer.Context,
        output: Annotated[ListingFormat, typer.Option("--format", help=h("help_list_format"))] = DEFAULT_LISTING,
        lang: Annotated[Optional[Language], typer.Option("--lang", help=h("help_list_lang"))] = None,
    ) -> None:
        """List the bundled procedures."""
        from ..lang.cells import cell_width
        from ..lang.i18n import t
        from .registry import bundled_flows
        from .report import command_lang, environment

        env = environment(ctx)
        language = command_lang(ctx)
        flows = bundled_flows(env.cache_dir())
        if output == ListingFormat("json"):
            import json

            data = [
                {"id": f.id, "command": f.command, "title": f.title.get(language), "description": f.description.get(language)}
                for f in flows
            ]
            env.write_out(json.dumps(data, ensure_ascii=False, indent=2))
            return
        header = (t("list_header_command", language), t("list_header_procedure", language))
        rows = [(f"ssguide {f.command}", f.title.get(language)) for f in flows]
        if not env.stdout_isatty():
            # For scripts and pipes: one line per flow, no wrapping, no padding at the ends.
            width = max(cell_width(cmd) for cmd, _ in [header, *rows])
            for cmd, title in [header, *rows]:
                env.write_out(f"{cmd}{' ' * (width - cell_width(cmd))}  {title}")
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column(header[0], no_wrap=True)
        table.add_column(header[1])
        for cmd, title in rows:
            table.add_row(cmd, title)
        styles, colour = env.output_styles()
        size = env.terminal_size()
        Console(
            file=env.stdout,
            width=size.columns,
            height=size.lines,
            force_terminal=styles,
            color_system="standard" if styles else None,
            no_color=not colour,
            _environ={},  # what rich would read there, the Environment has said
        ).print(table)


def _add_serve(app: Any, h: Helper) -> None:
    from pathlib import Path

    import typer

    from .report import Language

    from .serve import LIMIT_CONCURRENCY, TIMEOUT_KEEP_ALIVE  # two numbers: nothing of the web is imported

    @app.command("serve", help=h("help_serve"))
    def serve_flows(
        ctx: typer.Context,
        host: Annotated[str, typer.Option("--host", metavar="HOST", help=h("help_serve_host"))] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535, help=h("help_serve_port"))] = 8000,
        today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=h("help_serve_today"))] = None,
        flows: Annotated[Optional[Path], typer.Option("--flows", metavar="DIR", help=h("help_serve_flows"))] = None,
        root_path: Annotated[str, typer.Option("--root-path", metavar="PATH", help=h("help_serve_root_path"))] = "",
        limit_concurrency: Annotated[int, typer.Option("--limit-concurrency", metavar="N", min=1, max=100_000, help=h("help_serve_limit_concurrency"))] = LIMIT_CONCURRENCY,
        timeout_keep_alive: Annotated[int, typer.Option("--timeout-keep-alive", metavar="SECONDS", min=1, max=3600, help=h("help_serve_timeout_keep_alive"))] = TIMEOUT_KEEP_ALIVE,
        lang: Annotated[Optional[Language], typer.Option("--lang", help=h("help_serve_lang"))] = None,
    ) -> None:
        """Serve the procedures as web pages."""
        from .report import command_lang, environment
        from .serve import serve

        serve(host, port, today, flows, root_path, command_lang(ctx), environment(ctx), limit_concurrency, timeout_keep_alive)


def _option_parameters(h: Helper, run: "Context") -> list[inspect.Parameter]:
    """The options every flow command shares, declared once."""
    from pathlib import Path

    import typer

    from .exporters import DEFAULT_OUTPUT, OutputFormat, format_choices, shown_suffixes
    from .report import Language

    words = run.locale
    formats = words.either(format_choices())
    kw = inspect.Parameter.KEYWORD_ONLY
    specs: list[tuple[str, Any, Any]] = [
        ("answers", Annotated[Optional[Path], typer.Option("--answers", metavar="FILE", help=h("help_run_answers"))], None),
        ("set_values", Annotated[list[str], typer.Option("--set", metavar="ID=VALUE", help=h("help_run_set"))], []),
        ("no_input", Annotated[bool, typer.Option("--no-input", help=h("help_run_no_input"))], False),
        ("defaults", Annotated[bool, typer.Option("--defaults", help=h("help_run_defaults"))], False),
        ("export", Annotated[list[Path], typer.Option("--export", metavar="PATH", help=h("help_run_export", suffixes=shown_suffixes(words.list_separator)))], []),
        ("force", Annotated[bool, typer.Option("--force", help=h("help_run_force"))], False),
        ("output", Annotated[OutputFormat, typer.Option("--format", help=h("help_run_format", formats=formats))], DEFAULT_OUTPUT),
        ("save_answers", Annotated[Optional[Path], typer.Option("--save-answers", metavar="FILE", help=h("help_run_save_answers"))], None),
        ("lang", Annotated[Optional[Language], typer.Option("--lang", help=h("help_run_lang"))], None),
        ("today", Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=h("help_run_today"))], None),
        ("why", Annotated[bool, typer.Option("--why", help=h("help_run_why"))], False),
        ("fresh", Annotated[bool, typer.Option("--fresh", help=h("help_run_fresh"))], False),
        ("no_pager", Annotated[bool, typer.Option("--no-pager", help=h("help_run_no_pager"))], False),
    ]
    return [inspect.Parameter(name, kw, default=default, annotation=annotation) for name, annotation, default in specs]


def _flow_command(fixed_flow: Optional[str], help_text: str, h: Helper, run: "Context") -> Callable[..., None]:
    """A typer command running one flow (or, for ``run``, the flow named by FLOW)."""
    import typer

    def command(ctx: typer.Context, **kwargs: Any) -> None:
        from .report import environment, explicit_lang
        from .run import RunOptions, run_flow

        ref = fixed_flow if fixed_flow is not None else kwargs.pop("flow")
        # `ssguide --lang zh card` and `ssguide card --lang zh` mean the same.
        kwargs.pop("lang")  # read through ctx, with the one before the command
        lang = explicit_lang(ctx)
        run_flow(ref, RunOptions(lang=lang, **kwargs), environment(ctx), bundled=fixed_flow is not None)

    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context), *_option_parameters(h, run)]
    if fixed_flow is None:
        flow_arg = inspect.Parameter(
            "flow",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=Annotated[str, typer.Argument(metavar="FLOW", help=h("help_run_flow"))],
        )
        params.insert(1, flow_arg)
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = help_text
    return command


def __getattr__(name: str) -> Any:
    """``cli.app``: the whole app, built on first use (tests run it in-process)."""
    if name == "app":
        from .environment import Environment
        from .report import run_lang

        env = Environment.of_process()
        from ..core.context import Context

        run = Context.of(run_lang(sys.argv[1:], env.environ), env.today())
        globals()["app"] = built = build_app(run, cache=env.cache_dir())
        return built
    raise AttributeError(name)


def _silence_stdout(env: "Environment") -> None:
    """Point stdout at /dev/null so that Python's own flush at exit cannot fail again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), env.stdout.fileno())
    except (OSError, ValueError):
        pass


def _command_for(argv: list[str], env: "Environment", process: bool) -> Any:
    """click's command for this command line (see ``build_app``).

    For the whole process (``process``), built with the cyclic collector
    paused: start-up creates tens of thousands of objects (typer, click, our
    commands) and no garbage, which the collector would only scan again and
    again. What was built is then moved out of its sight (``gc.freeze``).
    """
    import gc

    import typer.main

    from .report import run_lang

    named = argv[0] if argv and not argv[0].startswith("-") else None
    from ..core.context import Context

    run = Context.of(run_lang(argv, env.environ), env.today())  # the help's language, before the command line is parsed
    if not process:
        return typer.main.get_command(build_app(run, only=named, cache=env.cache_dir()))
    gc.disable()
    try:
        return typer.main.get_command(build_app(run, only=named, cache=env.cache_dir()))
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Optional[list[str]] = None, env: Optional["Environment"] = None) -> int:
    """The command line, start to end; returns the exit status (``errors.ExitStatus``).

    The one error boundary: an ``SsguideError`` from anywhere in the run
    becomes its report on stderr (one line: what, where, how to fix) and its
    exit status; click's usage errors are shown as click words them; a failed
    write of our own output is the user's disk, not a bug; anything else is a
    bug, one line and 70. Without ``env`` this is the real process (the
    console script): its process-wide settings are made here and only here,
    and its ``Environment`` is made from it. A test passes its own
    environment, and nothing of the process is read or changed.
    """
    process = env is None
    if env is None:
        refused = _prepare_process()
        if refused is not None:
            return refused
        from .environment import Environment

        env = Environment.of_process()
    return _run(sys.argv[1:] if argv is None else list(argv), env, process)


def _prepare_process() -> Optional[int]:
    """What only the whole process may set: its standard streams, and the garbage collector's pace."""
    import gc
    import os

    from ..lang.i18n import t
    from .report import run_lang

    if sys.stdout is None:  # started with standard output closed (ssguide >&-)
        if sys.stderr is not None:
            lang = run_lang(sys.argv[1:], os.environ)
            sys.stderr.write(t("error_line", lang, message=t("output_closed", lang)) + "\n")
        return int(ExitStatus.BAD_INPUT)
    from .streams import install

    if sys.stdin is None:  # started with standard input closed (ssguide <&-): nothing to read, not a crash
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - the process's stdin from now on
    install()  # before anything is written: what was typed may hold controls
    # A run makes little cyclic garbage: at the default threshold (700 new objects)
    # the collector would run some thirty times before the first question is on
    # screen (~3 ms) only to find nothing. Long runs still collect, less often.
    gc.set_threshold(50_000)
    return None


def _run(argv: list[str], env: "Environment", process: bool) -> int:
    from ..errors import SsguideError
    from ..lang.i18n import t
    from .helpgroup import help_width
    from .report import run_lang

    command = None
    try:
        try:
            command = _command_for(argv, env, process)
            # Not standalone: click raises its errors here, and returns the status of an exit (--help, typer.Exit).
            status = command.main(
                args=argv,
                prog_name=None if process else "ssguide",
                standalone_mode=False,
                obj=env,
                # The help's width, from the Environment's terminal (click would ask the process's).
                terminal_width=help_width(env.terminal_size().columns),
            )
        finally:
            env.stdout.flush()  # here, so that a full disk is reported, not lost at exit
    except SystemExit as exc:  # click's own, on a broken pipe
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except SsguideError as exc:
        env.stderr.write(exc.report(run_lang(argv, env.environ)))
        env.stderr.flush()
        return int(exc.exit_status)
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _silence_stdout(env)
        return int(ExitStatus.SUCCESS)
    except OSError as exc:
        # Writing our own output failed (a full disk, /dev/full): the user's
        # environment, not a bug. Files we write report their own errors.
        _silence_stdout(env)
        lang = run_lang(argv, env.environ)
        env.write_err(t("error_line", lang, message=t("output_failed", lang, reason=exc.strerror or exc)))
        return int(ExitStatus.BAD_INPUT)
    except KeyboardInterrupt:
        env.write_err(f"\nssguide: {t('interrupted_short', run_lang(argv, env.environ))}")
        return int(ExitStatus.INTERRUPTED)
    except Exception as exc:
        from .helpgroup import click_failure

        shown = click_failure(command, exc, env.stderr)  # a usage error, or Abort
        if shown is not None:
            return shown
        if env.debug():
            raise
        # Last resort: a bug must still read as one line.
        env.write_err(f"ssguide: {t('internal_error', run_lang(argv, env.environ), kind=type(exc).__name__, detail=exc)}")
        return int(ExitStatus.INTERNAL_ERROR)
    return status if isinstance(status, int) else int(ExitStatus.SUCCESS)
