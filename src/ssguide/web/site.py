"""The flows a server serves: loaded and checked once, at start, with a fingerprint of each.

The bundled flows, or every ``*.yaml``/``*.yml`` file of a folder the operator
names; never a path from a request. A broken flow stops the start with its
problems (file:line:col), as ``ssguide validate`` reports them. The day comes
from ``--today``, else from the clock of the shell's ``Environment`` the
server was given (never straight from ``date.today()``), as for every command.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..core.model import Flow
from ..errors import FlowError, InputProblem
from ..record import Record

if TYPE_CHECKING:
    from ..shell.environment import Environment

_PACKAGE = Path(__file__).resolve().parent
TEMPLATES = _PACKAGE / "templates"
STATIC = _PACKAGE / "static"


def fingerprint(*parts: bytes) -> str:
    """A short stable digest: the same bytes give the same value on every machine."""
    digest = hashlib.blake2b(digest_size=10)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class SiteFlow(Record):
    flow: Flow
    version: str  # a fingerprint of the flow file: pages change when it does


class Site(Record):
    """The flows by command, in command order, and the fingerprint of the code that draws them."""

    flows: Mapping[str, SiteFlow]
    code_version: str  # ssguide's version, its templates and stylesheet
    today: date | None  # --today: every page as on that day; None: the clock's day, day by day
    clock: Callable[[], date]  # the Environment's today()
    _uncompared = ("clock",)

    def day(self) -> date:
        return self.today or self.clock()


def _code_version() -> str:
    files = sorted([*TEMPLATES.glob("*.html"), *STATIC.glob("*")])
    return fingerprint(__version__.encode(), *(f.name.encode() + f.read_bytes() for f in files))


def load_site(folder: Path | None, today: date | None, env: Environment) -> Site:
    """The bundled flows (parsed ones kept in ``env``'s cache folder), or those of ``folder``, as on ``today``
    or on ``env``'s day; raises ``FlowError`` (every problem) or ``InputProblem``."""
    from ..authoring.semantic import problems as semantic_problems
    from ..core.context import Context
    from ..lang.i18n import SOURCE_LANGUAGE
    from ..shell.registry import bundled_commands, bundled_flows, display_path, load_bundled, load_flow

    cache = env.cache_dir()

    if folder is None:
        sources = [(info.path, lambda info=info: load_bundled(info, cache)) for info in bundled_flows(cache)]
    else:
        if not os.path.isdir(folder):  # not pathlib's: it raises on a path longer than the system takes
            raise InputProblem("err_serve_folder", path=str(folder))
        paths = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        sources = [(p, lambda p=p: load_flow(p, display_name=str(p), flows=bundled_commands(cache))) for p in paths]
    if not sources:
        raise InputProblem("err_serve_no_flows", path=str(folder))
    problems = []
    flows: dict[str, SiteFlow] = {}
    for path, read in sources:
        try:
            flow = read()
            found = [p for p in semantic_problems(flow, Context.of(SOURCE_LANGUAGE, today or env.today())) if p.severity == "error"]
        except FlowError as exc:
            found = exc.problems
        if found:
            problems += found
            continue
        if flow.command in flows:
            raise InputProblem("err_serve_same_command", command=flow.command, first=flows[flow.command].flow.path, second=str(path) if folder else display_path(path))
        flows[flow.command] = SiteFlow(flow, fingerprint(path.read_bytes()))
    if problems:
        raise FlowError(problems)
    return Site(dict(sorted(flows.items())), _code_version(), today, env.today)
