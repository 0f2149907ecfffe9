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


# Uvicorn's bounds on connections, which ``ssguide serve`` sets rather than leaving unbounded:
# beyond LIMIT_CONCURRENCY connections and requests at once, a new request is answered 503 at once
# (a flood or idle connections cannot exhaust the process's file descriptors); a kept-alive
# connection idle for TIMEOUT_KEEP_ALIVE seconds is closed. A proxy in front does the rest
# (docs/web.md: a connection that sends its request slowly is the proxy's to time out).
LIMIT_CONCURRENCY = 512
TIMEOUT_KEEP_ALIVE = 5
MAX_ROOT_PATH = 256


def serve(host: str, port: int, today: str | None, flows: Path | None, root_path: str, lang: str, env: Environment,
          limit_concurrency: int = LIMIT_CONCURRENCY, timeout_keep_alive: int = TIMEOUT_KEEP_ALIVE) -> None:
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError as exc:
        raise InputProblem("err_serve_needs_web", module=exc.name or "?") from None
    from .run import parse_today

    check_root_path(root_path)
    day = parse_today(today, env) if today is not None else None
    from ..web.app import create_app
    from ..web.site import load_site

    site = load_site(flows, day, env)  # FlowError: every problem (file:line:col), then how many
    serve_app(create_app(site, root_path=root_path), host, port, root_path, lang, env.stdout,
        lambda url: t("serve_listening", lang, n=len(site.flows), url=url), limit_concurrency, timeout_keep_alive)


def check_root_path(root_path: str) -> None:
    """``--root-path``: empty, or a path a proxy could serve under (``/ssguide``); else ``InputProblem``, saying what to give.

    Segments of letters, digits, ``-``, ``_``, ``.`` and ``~`` (no ``.`` or ``..``), each after a ``/``, at most
    ``MAX_ROOT_PATH`` characters: it is written into every address of every page.
    """
    import re

    from ..core.safetext import inline

    if not root_path or root_path == "/":
        return
    segments = root_path.rstrip("/").split("/")[1:]
    if (len(root_path) > MAX_ROOT_PATH or not re.fullmatch(r"(/[A-Za-z0-9._~-]+)+/?", root_path)
            or any(segment in (".", "..") for segment in segments)):
        shown = root_path if len(root_path) <= 60 else root_path[:59] + "…"
        raise InputProblem("err_serve_root_path", path=inline(shown), n=MAX_ROOT_PATH)


def serve_app(app: Any, host: str, port: int, root_path: str, lang: str, out: Any, ready: Any,
        limit_concurrency: int = LIMIT_CONCURRENCY, timeout_keep_alive: int = TIMEOUT_KEEP_ALIVE) -> None:
    """Serve ``app`` on ``host:port`` until Ctrl-C, saying ``ready(url)`` once it listens (also the benchmark's way in)."""
    import typer
    import uvicorn

    sock = _listen(host, port)
    bound_port = sock.getsockname()[1]
    url = f"http://[{host}]:{bound_port}" if ":" in host else f"http://{host}:{bound_port}"
    try:
        config = uvicorn.Config(
            _announcing(app, ready(f"{url}{root_path.rstrip('/')}/"), out),
            **server_options(root_path, limit_concurrency, timeout_keep_alive),
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


def server_options(root_path: str, limit_concurrency: int = LIMIT_CONCURRENCY, timeout_keep_alive: int = TIMEOUT_KEEP_ALIVE) -> dict[str, Any]:
    """What ``ssguide serve`` tells uvicorn."""
    return {
        "log_level": "warning",
        "access_log": False,  # the answers are in the address: the server never logs them
        "server_header": False,
        "lifespan": "on",
        "root_path": root_path,
        "limit_concurrency": limit_concurrency,
        "timeout_keep_alive": timeout_keep_alive,
    }


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
    """The listening socket, made here so that a port in use is one line of ours, not uvicorn's traceback.

    A TCP socket by name (``IPPROTO_TCP``), with ``TCP_NODELAY``: asyncio turns Nagle's algorithm off
    only on connections whose socket says it is TCP, and a socket made with protocol 0 does not; then
    each answer on a kept-alive connection waits for the client's delayed ACK (~40 ms) before it ends.
    """
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # accepted connections inherit it on Linux
        sock.bind((host, port))
        sock.listen(2048)
        sock.set_inheritable(True)
    except (OSError, OverflowError) as exc:
        sock.close()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputProblem("err_serve_listen", host=host, port=port, reason=reason) from None
    return sock
