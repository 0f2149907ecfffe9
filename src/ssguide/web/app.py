"""The web server's thin layer: addresses to ``pages``, and the headers every response carries.

Stateless: no cookie, no session, nothing written, and no answer logged (the
answers are in the address, so ``ssguide serve`` turns uvicorn's access log
off; docs/web.md says how to keep a proxy's log free of them too). A page is a
pure function of its address, the flows and the day: its ``ETag`` is a digest
of exactly those, so a repeat is answered 304 without drawing anything, and
``Cache-Control`` lets a CDN or a reverse proxy serve it.

Nothing a visitor answered is kept in the server's memory: a page with
answers is drawn for its request and forgotten. Only the pages that hold no
answer (each language's home, each flow's first question) are kept once drawn,
per day: a few dozen, whatever the requests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import quote
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..core.context import Context
from .answers import QueryRefused, read_query
from .pages import ICON, LANGUAGES, MAX_PATH_BYTES, STYLESHEET, Download, Page, Redirect, Web, pick_language
from .site import STATIC, Site, fingerprint, load_site

if TYPE_CHECKING:
    from ..shell.environment import Environment

PAGE_CACHE = "public, max-age=600"  # pages change with the day (dates) and the flows: revalidate by ETag after 10 min
STATIC_CACHE = "public, max-age=31536000, immutable"  # the stylesheet's address names its contents
NO_STORE = "no-store"
SECURITY_HEADERS = {
    # No script, no inline style, nothing from elsewhere: only this site's stylesheet.
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # the answers are in the address: never hand it to another site
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

_SECURITY_RAW = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items()]


def create_app(site: Site, root_path: str = "", keep_unanswered: bool = True) -> Starlette:
    """The ASGI app serving ``site``; the pages that hold no answer are kept once drawn, unless ``keep_unanswered`` is false."""
    unanswered = Unanswered() if keep_unanswered else None
    # The stylesheet and the icon, each at an address that names its contents: cached for a year.
    static = {}
    for name, media_type in ((STYLESHEET, "text/css; charset=utf-8"), (ICON, "image/svg+xml")):
        data = (STATIC / name).read_bytes()
        stem, suffix = name.rsplit(".", 1)
        static[f"{stem}.{fingerprint(data)}.{suffix}"] = (data, media_type, name)
    addresses = {original: f"{root_path.rstrip('/')}/static/{name}" for name, (_, _, original) in static.items()}
    web = Web(site, root=root_path, stylesheet=addresses[STYLESHEET], icon=addresses[ICON])

    def send(request: Request, answer: Any, flow_version: str = "", etag: str = "") -> Response:
        """An answer as the response: a page in its language (Content-Language), a redirect or a file.

        ``etag``: the address's, when the caller has computed it already.
        """
        if isinstance(answer, Redirect):
            return _with_headers(RedirectResponse(answer.location, status_code=303), PAGE_CACHE)
        if isinstance(answer, Download):
            response = Response(answer.body, media_type=answer.media_type)
            response.headers["content-disposition"] = f'attachment; filename="{answer.filename}"'
            return _with_headers(response, PAGE_CACHE, etag=etag or _etag(request, web, flow_version))
        assert isinstance(answer, Page)
        if answer.status != 200:
            return _with_headers(Response(web.render(answer), status_code=answer.status, media_type="text/html; charset=utf-8"), NO_STORE, answer.lang)
        return _with_headers(Response(web.render(answer), media_type="text/html; charset=utf-8"), PAGE_CACHE, answer.lang, etag or _etag(request, web, flow_version))

    def request_context(request: Request) -> Context:
        """A request's language (its address's, else its Accept-Language's) and the site's day."""
        lang = request.path_params.get("lang", "")
        if lang not in LANGUAGES:
            lang = pick_language(request.headers.get("accept-language", ""))
        return Context.of(lang, web.site.day())

    def guarded(handler: Any) -> Any:
        """Bounds first; then the page, or 304 when the browser or a cache has it already."""

        async def endpoint(request: Request) -> Response:
            # A page is a function of its address and the day: a browser or a proxy that has it
            # already is answered 304 without drawing it. Only a page without answers is kept.
            lang = request.path_params.get("lang", "")
            site_flow = web.flow(request.path_params["flow"]) if "flow" in request.path_params else None
            if handler is submitted or lang not in LANGUAGES or (site_flow is None and "flow" in request.path_params):
                return draw(request)  # a form sent, or an address that is no page
            etag = _etag(request, web, site_flow.version if site_flow is not None else "")
            tags = _if_none_match(request)
            if etag in tags:
                return _with_headers(Response(status_code=304), PAGE_CACHE, lang, etag)
            if "*" in tags:  # any version of it: a page that is there (not a redirect, not an error) is 304
                response = draw(request, etag)
                return _with_headers(Response(status_code=304), PAGE_CACHE, lang, etag) if response.status_code == 200 else response
            if unanswered is None or handler not in (home, question) or request.scope.get("query_string"):
                return draw(request, etag)
            day, key = web.site.day(), (lang, request.path_params.get("flow"), request.path_params.get("qid"))
            kept = unanswered.get(day, key)
            if kept is not None:
                return _with_headers(Response(kept, media_type="text/html; charset=utf-8"), PAGE_CACHE, lang, etag)
            response = draw(request, etag)
            if response.status_code == 200:  # a page that is there (a first question; another one is a redirect)
                unanswered.put(day, key, bytes(response.body))
            return response

        def draw(request: Request, etag: str = "") -> Response:
            ctx = request_context(request)
            if request.path_params.get("lang", ctx.lang) != ctx.lang:  # an address in no language ssguide speaks
                return send(request, web.error(ctx, 404))
            try:
                fields = read_query(request.scope.get("query_string", b""))
            except QueryRefused as refused:
                return send(request, web.error(ctx, refused.status))
            site_flow = None
            if "flow" in request.path_params:
                site_flow = web.flow(request.path_params["flow"])
                if site_flow is None:
                    return send(request, web.error(ctx, 404))
            return send(request, handler(request, ctx, site_flow, fields), site_flow.version if site_flow is not None else "", etag)

        return endpoint

    def home(request: Request, ctx: Context, site_flow: Any, fields: Any) -> Any:
        return web.home(ctx)

    def submitted(request: Request, ctx: Context, site_flow: Any, fields: Any) -> Any:
        return web.submitted(ctx, site_flow, fields)

    def question(request: Request, ctx: Context, site_flow: Any, fields: Any) -> Any:
        return web.question_at(ctx, site_flow, request.path_params["qid"], fields)

    def check(request: Request, ctx: Context, site_flow: Any, fields: Any) -> Any:
        return web.check(ctx, site_flow, fields)

    def checklist(request: Request, ctx: Context, site_flow: Any, fields: Any) -> Any:
        return web.checklist(ctx, site_flow, fields)

    def download(request: Request, ctx: Context, site_flow: Any, fields: Any) -> Any:
        return web.download(ctx, site_flow, fields, "." + request.path_params["suffix"])

    async def root(request: Request) -> Response:
        """``/``: the procedures in the visitor's language (Accept-Language), at that language's address."""
        lang = pick_language(request.headers.get("accept-language", ""))
        response = _with_headers(RedirectResponse(web.href(lang), status_code=302), PAGE_CACHE)
        response.headers["vary"] = "Accept-Language"
        return response

    async def without_slash(request: Request) -> Response:
        lang = request.path_params["lang"]
        if lang not in LANGUAGES:
            return await guarded(home)(request)
        return _with_headers(RedirectResponse(web.href(lang), status_code=301), PAGE_CACHE)

    async def static_file(request: Request) -> Response:
        found = static.get(request.path_params["name"])
        if found is None:
            return send(request, web.error(request_context(request), 404))
        etag = f'"{request.path_params["name"]}"'
        if not {etag, "*"}.isdisjoint(_if_none_match(request)):
            return _with_headers(Response(status_code=304), STATIC_CACHE, etag=etag)
        return _with_headers(Response(found[0], media_type=found[1]), STATIC_CACHE, etag=etag)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) and exc.status_code in (404, 405) else 404
        if status == 404 and request.method in ("GET", "HEAD"):
            slashless = _without_trailing_slash(app, web, request)
            if slashless is not None:
                query = request.scope.get("query_string", b"").decode("latin-1")
                location = web.root + slashless + (f"?{query}" if query else "")
                return _with_headers(RedirectResponse(location, status_code=301), PAGE_CACHE)
        response = send(request, web.error(request_context(request), status))
        if status == 405:
            response.headers["allow"] = "GET, HEAD"
        return response

    async def server_error(request: Request, exc: Exception) -> Response:
        """A bug: one page saying so, never a traceback (and nothing of the request logged)."""
        try:
            return send(request, web.error(request_context(request), 500))
        except Exception:  # the error page itself failed: the plainest answer there is
            return _with_headers(Response("500 Internal Server Error", status_code=500, media_type="text/plain; charset=utf-8"), NO_STORE)

    routes = [
        Route("/", root),
        Route("/static/{name}", static_file),
        Route("/{lang}", without_slash),
        Route("/{lang}/", guarded(home)),
        Route("/{lang}/{flow}", guarded(submitted)),
        Route("/{lang}/{flow}/q/{qid}", guarded(question)),
        Route("/{lang}/{flow}/check", guarded(check)),
        Route("/{lang}/{flow}/checklist", guarded(checklist)),
        Route("/{lang}/{flow}/checklist.{suffix}", guarded(download)),
    ]
    class PathBound:
        """The path's length first, before any routing (static files and slash-less addresses too): over 1 KiB, 414."""

        def __init__(self, app: Any) -> None:
            self.app = app

        async def __call__(self, scope: Any, receive: Any, send_message: Any) -> None:
            if scope["type"] == "http" and len(scope.get("raw_path") or scope.get("path", "").encode("utf-8", "replace")) > MAX_PATH_BYTES:
                request = Request(scope, receive)
                return await send(request, web.error(request_context(request), 414, path=True))(scope, receive, send_message)
            return await self.app(scope, receive, send_message)

    app = Starlette(routes=routes, middleware=[Middleware(PathBound)],
                    exception_handlers={HTTPException: not_found, 404: not_found, 405: not_found, Exception: server_error})
    # Starlette's own redirect to the address without (or with) a trailing slash is absolute, built
    # from the Host and X-Forwarded-* headers a client chooses: a redirect to anywhere, and behind a
    # cache one served to everyone. not_found redirects instead, to a path only (a relative Location).
    app.router.redirect_slashes = False
    app.state.unanswered = unanswered  # for the tests: what is kept, and that no answer is
    return app


class Unanswered:
    """The pages that hold no answer (a home page, a flow's first question), kept once drawn, for the day.

    Keyed by the route's parts (language, flow, question), never by the raw
    address, and only pages that exist are kept: so at most one per language
    and flow, whatever the requests. A new day starts afresh (pages show dates).
    One per process: the server's single event loop is the only one to touch it.
    """

    def __init__(self) -> None:
        self.day: date | None = None
        self.kept: dict[tuple[str, str | None, str | None], bytes] = {}

    def get(self, day: date, key: tuple[str, str | None, str | None]) -> bytes | None:
        return self.kept.get(key) if day == self.day else None

    def put(self, day: date, key: tuple[str, str | None, str | None], body: bytes) -> None:
        if day != self.day:
            self.day, self.kept = day, {}
        self.kept[key] = body


def _without_trailing_slash(app: Starlette, web: Web, request: Request) -> str | None:
    """The path (under the root) of an address that is a page but for a trailing slash, or None.

    Only a page's path: a route's, in a language the site speaks, of a flow it serves (not a static
    file's); never one that starts with ``//`` (to another site).
    """
    from starlette.routing import Match, get_route_path

    path = get_route_path(request.scope)
    if not path.endswith("/") or path == "/":
        return None
    candidate = path.rstrip("/")
    if not candidate or candidate.startswith("//") or "\\" in candidate:
        return None
    scope = {**request.scope, "path": request.scope.get("root_path", "") + candidate, "method": "GET"}
    for route in app.router.routes:
        match, child = route.matches(scope)
        if match is not Match.FULL:
            continue
        params = child.get("path_params", {})
        if "name" in params or params.get("lang", LANGUAGES[0]) not in LANGUAGES:
            return None
        if "flow" in params and web.flow(params["flow"]) is None:
            return None
        return quote(candidate, safe="/:@!$&'()*+,;=~-._")
    return None


def _etag(request: Request, web: Web, flow_version: str) -> str:
    """A digest of everything a page is a function of: the code, the flow, the day and the address."""
    day = web.site.day().isoformat()
    target = request.scope.get("raw_path", b"") + b"?" + request.scope.get("query_string", b"")
    return f'"{fingerprint(web.site.code_version.encode(), flow_version.encode(), day.encode(), web.root.encode(), target)}"'


def _if_none_match(request: Request) -> set[str]:
    """The entity tags of every If-None-Match line (a list on one line, or lines), weak or strong alike; ``*`` as itself.

    At most 2 KiB of them are read: a longer list is cut, and what is cut matches nothing.
    """
    header = ",".join(request.headers.getlist("if-none-match"))[:2048]
    return {tag.strip().removeprefix("W/") for tag in header.split(",")} - {""}


def _with_headers(response: Response, cache: str, lang: str = "", etag: str = "") -> Response:
    # Appended to the raw list: a response made here has none of these yet, and setting each
    # through MutableHeaders scans the list every time (a tenth of a small page's time).
    raw = response.raw_headers
    raw += _SECURITY_RAW
    raw.append((b"cache-control", cache.encode("latin-1")))
    if lang:
        raw.append((b"content-language", lang.encode("latin-1")))
    if etag:
        raw.append((b"etag", etag.encode("latin-1")))
    return response


def from_environment(env: Environment | None = None) -> Starlette:
    """An app factory for ``uvicorn --factory`` and gunicorn: ``SSGUIDE_FLOWS`` (a folder), ``SSGUIDE_TODAY``, ``SSGUIDE_ROOT_PATH``.

    Each worker reads them, and takes its day, from the shell's ``Environment``
    (the process's own when the server calls it with nothing), as ``ssguide
    serve`` does: the world comes in through one object, which tests replace.
    A flows folder, a day or a root path that is not one is an ``InputProblem``, saying so.
    """
    if env is None:  # a server's worker: this is its entry point, as main is the command line's
        from ..shell.environment import Environment

        env = Environment.of_process()
    from ..shell.run import parse_today
    from ..shell.serve import check_root_path

    environ = env.environ
    folder = environ.get("SSGUIDE_FLOWS")
    today = environ.get("SSGUIDE_TODAY")
    root_path = environ.get("SSGUIDE_ROOT_PATH", "")
    check_root_path(root_path)  # as --root-path: a path such as /ssguide, else InputProblem
    return create_app(
        load_site(Path(folder) if folder else None, parse_today(today, env) if today else None, env),
        root_path=root_path,
    )
