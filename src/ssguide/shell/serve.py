"""``ssguide serve``: the flows as web pages (``ssguide.web``), until Ctrl-C.

Nothing of the web is imported until the command runs, so ``--help``,
``list`` and every run of a flow start as fast as without it
(tests/shell/test_startup.py). Everything is checked before the server
starts: the web extra is there, the flows are valid (their problems as
``validate`` prints them), the address can be listened on. Each refusal is
an ``SsguideError``, reported by the command line's one error boundary.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExitStatus, InputProblem
from ..lang.i18n import t

if TYPE_CHECKING:
    from .environment import Environment


def serve(host: str, port: int, today: str | None, flows: Path | None, root_path: str, lang: str, env: Environment) -> None:
    import typer

    from .run import parse_today

    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn
    except ModuleNotFoundError as exc:
        raise InputProblem("err_serve_needs_web", module=exc.name or "?") from None
    day = parse_today(today, env) if today is not None else None
    from ..web.app import create_app
    from ..web.site import load_site

    site = load_site(flows, day, env)  # FlowError: every problem (file:line:col), then how many
    sock = _listen(host, port)
    bound_port = sock.getsockname()[1]
    url = f"http://[{host}]:{bound_port}" if ":" in host else f"http://{host}:{bound_port}"
    out = env.stdout
    try:
        ready = t("serve_listening", lang, n=len(site.flows), url=f"{url}{root_path.rstrip('/')}/")
        config = uvicorn.Config(
            _announcing(create_app(site, root_path=root_path), ready, out),
            log_level="warning",
            access_log=False,  # the answers are in the address: the server never logs them
            server_header=False,
            lifespan="on",
            root_path=root_path,
        )
        # uvicorn finishes the requests under way on Ctrl-C or SIGTERM, then raises the signal
        # again: Ctrl-C comes back here as KeyboardInterrupt, SIGTERM ends the process (143).
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        _stopped(out, lang)
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
    finally:
        sock.close()
    _stopped(out, lang)


def _announcing(app: Any, line: str, out: Any) -> Any:
    """``app``, saying ``line`` once the server is up: listening, and Ctrl-C in its hands."""

    async def announcing(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                out.write(line + "\n")
                out.flush()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    return announcing


def _stopped(out: Any, lang: str) -> None:
    out.write(t("serve_stopped", lang) + "\n")
    out.flush()


def _listen(host: str, port: int) -> Any:
    """The listening socket, made here so that a port in use is one line of ours, not uvicorn's traceback."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
        sock.set_inheritable(True)
    except (OSError, OverflowError) as exc:
        sock.close()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputProblem("err_serve_listen", host=host, port=port, reason=reason) from None
    return sock
