"""The authoring tools on the command line: validate, graph, paths and schema."""

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from ..position import Pos
from ..core.safetext import inline
from ..errors import InputProblem, InvalidFlow, listed_problems
from ..core.context import Context
from .exporters import DEFAULT_LISTING, ListingFormat
from .report import Language, command_lang, environment
from .run import load, parse_today


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


def _route_count(count: Optional[int]) -> str:
    """A route count for people: exact while short, else its order of magnitude."""
    from ..lang.messages import big_number

    return big_number(count)


def flow_files(paths: list[Path]) -> list[tuple[Path, Optional[Path]]]:
    """The paths, each folder among them as the flow files in it (``*.yaml``, ``*.yml``, as ``serve --flows`` reads a folder), in order;
    each with the folder it was found in (None for a file named itself).

    A folder with none stays itself, for validate to say so.
    """
    found: list[tuple[Path, Optional[Path]]] = []
    seen: set[str] = set()
    for path in paths:
        try:
            inside = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()) if path.is_dir() else []
        except OSError:  # a folder that cannot be listed or entered: the loader says why, for it
            inside = []
        named: list[tuple[Path, Optional[Path]]] = [(p, path) for p in inside] or [(path, None)]
        for file, folder in named:
            same = os.path.realpath(file)
            if same not in seen:  # a file named twice (or a folder and a file in it) is checked once
                seen.add(same)
                found.append((file, folder))
    return found


def register(app: typer.Typer, h: Callable[..., str]) -> None:
    """Add the authoring commands to ``app``, their help worded by ``h(key)`` (lang/english.py's HELP)."""

    @app.command("validate", help=h("help_validate"))
    def validate_flows(
        ctx: typer.Context,
        paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATH]...", help=h("help_validate_paths"))] = None,
        strict: Annotated[bool, typer.Option("--strict", help=h("help_validate_strict"))] = False,
        today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=h("help_validate_today"))] = None,
        lang: Annotated[Optional[Language], typer.Option("--lang", help=h("help_validate_lang"))] = None,
    ) -> None:
        """Check flows: schema, references, conditions, routing, outcomes. Exit 1 on errors."""
        from ..authoring.semantic import problems as semantic_problems
        from ..core.model import FlowError, Problem
        from ..lang.messages import Message, render
        from .registry import bundled_commands, bundled_flows, display_path, load_flow

        env = environment(ctx)
        run = Context.of(command_lang(ctx), parse_today(today, env))
        targets = (
            [(p, str(p), folder) for p, folder in flow_files(paths)] if paths
            else [(i.path, display_path(i.path), None) for i in bundled_flows(env.cache_dir())]
        )
        errors = warnings = 0
        served: dict[tuple[Path, str], str] = {}  # (folder, command) → the file that has it: serve --flows refuses two
        for path, name, folder in targets:
            unlisted = 0  # errors beyond those the loader keeps
            try:
                if os.path.isdir(path):  # a folder named, with no flow found in it (a path too long is no folder)
                    # Empty, or not to be listed and entered (no r or no x): "no flow file" would be false then.
                    readable = os.access(path, os.R_OK | os.X_OK)
                    said = Message("folder_without_flows") if readable else Message("permission_denied")
                    raise FlowError([Problem(Pos(name, 1, 1), said)])
                flow = load_flow(path, display_name=name, flows=bundled_commands(env.cache_dir()))
                found = semantic_problems(flow, run)
                if folder is not None:
                    first = served.setdefault((folder, flow.command), name)
                    if first != name:
                        found = [Problem(flow.pos, Message("err_serve_same_command", command=flow.command, first=first, second=name)), *found]
            except FlowError as exc:
                found, unlisted = exc.problems, exc.unlisted
            except RecursionError:  # pragma: no cover - guarded by the loader's depth limit
                found = [Problem(Pos(name, 1, 1), Message("flow_too_deep"))]
            for line in listed_problems(found, unlisted):
                env.write_err(inline(render(line, run.lang)))
            file_errors = sum(p.severity == "error" for p in found) + unlisted
            file_warnings = sum(p.severity != "error" for p in found)
            errors += file_errors
            warnings += file_warnings
            if not found and not unlisted:
                env.write_out(run.t("validate_ok", name=inline(name)))
        if errors or (strict and warnings):
            raise InvalidFlow("validate_summary", errors=errors, warnings=warnings, flows=len(targets))
        if warnings:
            env.write_err(f"ssguide: {run.t('validate_warnings', n=warnings)}")


    @app.command("graph", help=h("help_graph"))
    def graph_flow(
        ctx: typer.Context,
        flow_ref: Annotated[str, typer.Argument(metavar="FLOW", help=h("help_graph_flow"))],
        output: Annotated[GraphFormat, typer.Option("--format", help=h("help_graph_format"))] = GraphFormat.mermaid,
        lang: Annotated[Optional[Language], typer.Option("--lang", help=h("help_graph_lang"))] = None,
    ) -> None:
        """Print a flow's routing as a Mermaid flowchart or Graphviz DOT."""
        from ..authoring.graph import to_dot, to_mermaid
        from ..core.safetext import visible

        env = environment(ctx)
        run = Context.of(command_lang(ctx), env.today())
        flow = load(flow_ref, env)
        # visible: a value in a condition may hold a bidi control, shown even on a terminal.
        env.stdout.write(visible(to_mermaid(flow, run) if output == GraphFormat.mermaid else to_dot(flow, run)))


    @app.command("paths", help=h("help_paths"))
    def list_paths(
        ctx: typer.Context,
        flow_ref: Annotated[str, typer.Argument(metavar="FLOW", help=h("help_graph_flow"))],
        write_answers: Annotated[Optional[Path], typer.Option("--write-answers", metavar="DIR", help=h("help_paths_write_answers"))] = None,
        output: Annotated[ListingFormat, typer.Option("--format", help=h("help_paths_format"))] = DEFAULT_LISTING,
        today: Annotated[Optional[str], typer.Option("--today", metavar="YYYY-MM-DD", help=h("help_paths_today"))] = None,
        lang: Annotated[Optional[Language], typer.Option("--lang", help=h("help_paths_lang"))] = None,
        force: Annotated[bool, typer.Option("--force", help=h("help_paths_force"))] = False,
    ) -> None:
        """Every distinct outcome of a flow: answers that lead to a different checklist."""
        from ..authoring.analysis import analyse
        from .answers import dump_answers, write_all_atomic

        env = environment(ctx)
        flow = load(flow_ref, env)
        run = Context.of(command_lang(ctx), parse_today(today, env))
        analysis = analyse(flow, run)
        if not analysis.complete:
            raise InvalidFlow("err_too_many_routes", flow=flow.id, routes=_route_count(analysis.route_count))
        outcomes = analysis.outcomes
        unsure = analysis.unsure_outcomes
        if write_answers is not None:
            # os.path's tests: pathlib's raise on a path longer than the system takes (ENAMETOOLONG)
            if os.path.exists(write_answers) and not os.path.isdir(write_answers):
                raise InputProblem("err_write_answers_not_folder", path=str(write_answers))
            if not os.path.isdir(write_answers):
                raise InputProblem("err_write_answers_folder", path=str(write_answers))
            named = [(f"{flow.id}-{n:02d}.yaml", o) for n, o in enumerate(outcomes, start=1)]
            named += [(f"{flow.id}-unsure-{n:02d}.yaml", o) for n, o in enumerate(unsure, start=1)]
            files = [(write_answers / name, dump_answers(flow, o.answer_dict()).encode()) for name, o in named]
            existing = [path for path, _ in files if os.path.lexists(path)]
            if existing and not force:  # all refused before one is written: earlier answers files are someone's work
                raise InputProblem("err_write_answers_exist", path=str(existing[0]), n=len(existing), total=len(files))
            write_all_atomic(files, force)
        if output == ListingFormat("json"):
            import json

            from .answers import plain_answers

            data = [{"answers": plain_answers(flow, o.answer_dict()), "items": list(o.items), "done": list(o.done)} for o in outcomes]
            unsure_data = [{"answers": plain_answers(flow, o.answer_dict()), "items": list(o.items), "done": list(o.done)} for o in unsure]
            env.stdout.write(json.dumps({"flow": flow.id, "outcomes": data, "unsure_outcomes": unsure_data}, ensure_ascii=False, indent=2) + "\n")
            return
        env.write_out(run.t("paths_header", flow=flow.id, n=len(outcomes)))
        from ..authoring.analysis import _show
        from ..core.safetext import visible

        # Answers files are written with ids and values, so they stay as they are in every language.
        items_label = run.t("paths_items") + run.locale.colon
        done_label = run.t("paths_done") + run.locale.colon
        for n, outcome in enumerate(outcomes + unsure, start=1):
            if n == len(outcomes) + 1:
                env.write_out(run.t("paths_unsure_header", n=len(unsure)))
                n = 1
            elif n > len(outcomes):
                n -= len(outcomes)
            answers = " ".join(f"{k}={_show(v)}" for k, v in outcome.answers)
            env.write_out(visible(f"{n:3d}. {answers}"))  # values from conditions, shown even on a terminal
            env.write_out(f"     {items_label}{', '.join(outcome.items)}")
            if outcome.done:
                env.write_out(f"     {done_label}{', '.join(outcome.done)}")
        if not analysis.unsure_complete:
            env.write_out(run.t("paths_unsure_too_many"))


    @app.command("schema", help=h("help_schema"))
    def print_schema(ctx: typer.Context) -> None:
        """Print the JSON Schema of the flow format (for editors and other tools)."""
        from ..authoring.schema import schema_json

        environment(ctx).stdout.write(schema_json())
