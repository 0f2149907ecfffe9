"""The command line: a thin typer shell around the pure core.

Exit statuses are ``errors.ExitStatus``: 0 done; 1 a flow file is invalid; 2
bad input from the user (a wrong answer, a missing answer with --no-input, an
unwritable export path, no terminal to ask in); 130 interrupted; 70 a bug.
Every error is one clear line on stderr — no tracebacks.

One command per bundled flow is generated from the flow files, all sharing
one option list, so a new flow in ``flows/`` is a new command without new
code. Importing this module does nothing: ``main`` builds the app for the
command line it is given (``app`` builds one on first use, for tests).
"""

import inspect
import sys
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

from .. import __version__
from ..errors import ExitStatus

if TYPE_CHECKING:
    from .environment import Environment

# help(key) -> the text (catalogs/<language>/help.po) in the language of --help
Helper = Callable[[str], str]


def _version_callback(value: bool) -> None:
    if value:
        import typer

        print(f"ssguide {__version__}")
        raise typer.Exit()


def build_app(help_lang: str, only: Optional[str] = None) -> Any:
    """The typer app with its help in ``help_lang``.

    ``only``: when the command line names a command, just that one is built —
    typer turns every registered command into click's objects at each start
    (~4 ms for a dozen), and a run needs one. ``ssguide --help``, options
    before the command and a mistyped command get the whole app.
    """
    import typer

    from ..lang.i18n import wording

    def h(key: str) -> str:
        return wording(key, help_lang, "help")

    from .helpgroup import group_class

    app = typer.Typer(
        name="ssguide",
        help=h("help_app"),
        add_completion=False,
        no_args_is_help=False,
        invoke_without_command=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=group_class(help_lang, h),  # help in sections, and outside English click's own words too
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
            _flow_command(None, "Run a flow by id or path.", h, help_lang)
        )
    from ..lang.i18n import locale
    from .registry import bundled_flows

    for info in bundled_flows():
        if wanted(info.command):
            title = info.title.get(help_lang)
            description = info.description.get(help_lang)
            help_text = f"{title}{locale(help_lang).full_stop}\n\n{description}" if description else title
            app.command(info.command, help=help_text)(_flow_command(info.id, title, h, help_lang))
    if only is not None:
        named = [info for info in app.registered_commands if info.name == only]
        if not named:
            return build_app(help_lang)  # a mistyped command: the whole app, to list the right ones
        app.registered_commands = named
    return app


def _add_root(app: Any, h: Helper) -> None:
    import typer

    from .report import Language

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
        from ..core.safetext import install

        install()  # again here for in-process callers that never pass through main()
        if ctx.invoked_subcommand is not None:
            return
        from .environment import current

        env = current()
        if not env.interactive():
            print(ctx.get_help())
            raise typer.Exit()
        from . import prompts
        from ..lang.i18n import detect_language, t
        from .registry import bundled_flows
        from .interactive import interrupted_status, restore_signals, stop_on_signals
        from .run import RunOptions, run_flow

        language = detect_language(lang.value if lang else None, env.environ)
        options = [(f.command, f.title.get(language)) for f in bundled_flows()]
        previous_handlers = stop_on_signals()
        try:
            command = prompts.choose_flow(options, language)
        except (KeyboardInterrupt, EOFError) as exc:  # prompt_toolkit has already ended its line
            env.stderr.write(f"ssguide: {t('interrupted', language)}\n")
            raise typer.Exit(interrupted_status(exc)) from None
        finally:
            restore_signals(previous_handlers)
        run_flow(command, RunOptions(lang=language), bundled=True)


def _add_list(app: Any, h: Helper) -> None:
    import typer

    from .exporters import OutputFormat
    from .report import Language

    @app.command("list", help=h("help_list"))
    def list_flows(
        output: Annotated[OutputFormat, typer.Option("--format", help=h("help_list_format"))] = OutputFormat.text,
        lang: Annotated[Optional[Language], typer.Option("--lang", help=h("help_list_lang"))] = None,
    ) -> None:
        """List the bundled procedures."""
        from ..lang.cells import cell_width
        from ..lang.i18n import detect_language, t
        from .registry import bundled_flows
        from .environment import current

        env = current()
        language = detect_language(lang.value if lang else None, env.environ)
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
        if not env.stdout_isatty():
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


def _add_serve(app: Any, h: Helper) -> None:
    from pathlib import Path

    import typer

    from .report import Language

    @app.command("serve", help=h("help_serve"))
    def serve_flows(
        host: Annotated[str, typer.Option("--host", metavar="HOST", help=h("help_serve_host"))] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535, help=h("help_serve_port"))] = 8000,
        today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=h("help_serve_today"))] = None,
        flows: Annotated[Optional[Path], typer.Option("--flows", metavar="DIR", help=h("help_serve_flows"))] = None,
        root_path: Annotated[str, typer.Option("--root-path", metavar="PATH", help=h("help_serve_root_path"))] = "",
        lang: Annotated[Optional[Language], typer.Option("--lang", help=h("help_serve_lang"))] = None,
    ) -> None:
        """Serve the procedures as web pages."""
        from .report import run_lang
        from .serve import serve

        serve(host, port, today, flows, root_path, run_lang(lang.value if lang else None))


def _option_parameters(h: Helper, help_lang: str) -> list[inspect.Parameter]:
    """The options every flow command shares, declared once."""
    from pathlib import Path

    import typer

    from ..lang.i18n import locale
    from .exporters import OutputFormat, format_choices, shown_suffixes
    from .report import Language

    words = locale(help_lang)
    formats = words.list_separator.join(format_choices()[:-1]) + words.condition_words["or"] + format_choices()[-1]
    kw = inspect.Parameter.KEYWORD_ONLY
    specs: list[tuple[str, Any, Any]] = [
        ("answers", Annotated[Optional[Path], typer.Option("--answers", metavar="FILE", help=h("help_run_answers"))], None),
        ("set_values", Annotated[list[str], typer.Option("--set", metavar="ID=VALUE", help=h("help_run_set"))], []),
        ("no_input", Annotated[bool, typer.Option("--no-input", help=h("help_run_no_input"))], False),
        ("defaults", Annotated[bool, typer.Option("--defaults", help=h("help_run_defaults"))], False),
        ("export", Annotated[list[Path], typer.Option("--export", metavar="PATH", help=h("help_run_export").format(suffixes=shown_suffixes(words.list_separator)))], []),
        ("force", Annotated[bool, typer.Option("--force", help=h("help_run_force"))], False),
        ("output", Annotated[OutputFormat, typer.Option("--format", help=h("help_run_format").format(formats=formats))], OutputFormat.text),
        ("save_answers", Annotated[Optional[Path], typer.Option("--save-answers", metavar="FILE", help=h("help_run_save_answers"))], None),
        ("lang", Annotated[Optional[Language], typer.Option("--lang", help=h("help_run_lang"))], None),
        ("today", Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=h("help_run_today"))], None),
        ("why", Annotated[bool, typer.Option("--why", help=h("help_run_why"))], False),
        ("fresh", Annotated[bool, typer.Option("--fresh", help=h("help_run_fresh"))], False),
        ("no_pager", Annotated[bool, typer.Option("--no-pager", help=h("help_run_no_pager"))], False),
    ]
    return [inspect.Parameter(name, kw, default=default, annotation=annotation) for name, annotation, default in specs]


def _flow_command(fixed_flow: Optional[str], help_text: str, h: Helper, help_lang: str) -> Callable[..., None]:
    """A typer command running one flow (or, for ``run``, the flow named by FLOW)."""
    import typer

    def command(**kwargs: Any) -> None:
        from .report import argv_lang
        from .run import RunOptions, run_flow

        ref = fixed_flow if fixed_flow is not None else kwargs.pop("flow")
        lang = kwargs.pop("lang")
        # `ssguide --lang zh card` and `ssguide card --lang zh` mean the same.
        run_flow(ref, RunOptions(lang=lang.value if lang else argv_lang(), **kwargs), bundled=fixed_flow is not None)

    params = _option_parameters(h, help_lang)
    if fixed_flow is None:
        flow_arg = inspect.Parameter(
            "flow",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=Annotated[str, typer.Argument(metavar="FLOW", help=h("help_run_flow"))],
        )
        params.insert(0, flow_arg)
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = help_text
    return command


def __getattr__(name: str) -> Any:
    """``cli.app``: the whole app, built on first use (tests run it in-process)."""
    if name == "app":
        from .report import run_lang

        globals()["app"] = built = build_app(run_lang())
        return built
    raise AttributeError(name)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit cannot fail again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _command_for(argv: list[str], process: bool) -> Any:
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
    if not process:
        return typer.main.get_command(build_app(run_lang(), only=named))
    gc.disable()
    try:
        return typer.main.get_command(build_app(run_lang(), only=named))
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Optional[list[str]] = None, env: Optional["Environment"] = None) -> int:
    """The command line, start to end; returns the exit status (``errors.ExitStatus``).

    The one error boundary: an ``SsguideError`` from anywhere in the run
    becomes its report on stderr (one line: what, where, how to fix) and its
    exit status; a failed write of our own output is the user's disk, not a
    bug; anything else is a bug, one line and 70. Without ``env`` this is the
    real process (the console script), whose process-wide settings are made
    here and only here; a test passes its own environment and ``argv``.
    """
    from .environment import current, use

    process = env is None
    environment = current() if env is None else env
    with use(environment):
        if process:
            refused = _prepare_process()
            if refused is not None:
                return refused
        return _run(environment.argv if argv is None else list(argv), environment, process)


def _prepare_process() -> Optional[int]:
    """What only the whole process may set: its standard streams, and the garbage collector's pace."""
    import gc
    import os

    from ..lang.i18n import t
    from .report import run_lang

    if sys.stdout is None:  # started with standard output closed (ssguide >&-)
        if sys.stderr is not None:
            sys.stderr.write(f"ssguide: {t('output_closed', run_lang())}\n")
        return int(ExitStatus.BAD_INPUT)
    from ..core.safetext import install

    if sys.stdin is None:  # started with standard input closed (ssguide <&-): nothing to read, not a crash
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - the process's stdin from now on
    install()  # before anything is written: click's usage errors repeat what was typed
    # A run makes little cyclic garbage: at the default threshold (700 new objects)
    # the collector would run some thirty times before the first question is on
    # screen (~3 ms) only to find nothing. Long runs still collect, less often.
    gc.set_threshold(50_000)
    return None


def _run(argv: list[str], env: "Environment", process: bool) -> int:
    from ..errors import SsguideError
    from ..lang.i18n import t
    from .report import run_lang

    try:
        try:
            # click's standalone mode ends every run with SystemExit: done, --help, a usage error, typer.Exit.
            _command_for(argv, process).main(args=argv, prog_name=None if process else "ssguide")
        finally:
            env.stdout.flush()  # here, so that a full disk is reported, not lost at exit
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except SsguideError as exc:
        env.stderr.write(exc.report(run_lang()))
        env.stderr.flush()
        return int(exc.exit_status)
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _silence_stdout()
        return int(ExitStatus.SUCCESS)
    except OSError as exc:
        # Writing our own output failed (a full disk, /dev/full): the user's
        # environment, not a bug. Files we write report their own errors.
        _silence_stdout()
        env.stderr.write(f"ssguide: {t('output_failed', run_lang(), reason=exc.strerror or exc)}\n")
        return int(ExitStatus.BAD_INPUT)
    except KeyboardInterrupt:
        env.stderr.write(f"\nssguide: {t('interrupted_short', run_lang())}\n")
        return int(ExitStatus.INTERRUPTED)
    except Exception as exc:  # last resort: a bug must still read as one line
        if env.debug():
            raise
        line = t("internal_error", run_lang(), kind=type(exc).__name__, detail=exc)
        env.stderr.write(f"ssguide: {line}\n")
        return int(ExitStatus.INTERNAL_ERROR)
    return int(ExitStatus.SUCCESS)
