"""How fast ``ssguide serve`` answers: pages with answers, drawn for each request, beside a minimal Starlette page.

    python benchmarks/web.py [--seconds 10] [--rounds 5] [--connections 50]

Needs the web extra (``pip install -e '.[web]'``) and, for the load, ``wrk``
(``apt-get install wrk``); without wrk a bounded asyncio client of its own
does the same work. Everything runs on 127.0.0.1.

One uvicorn worker, started as ``ssguide serve`` starts it (its socket, its options), serves the bundled
flows and, on the same server, ``/hello``: a minimal Starlette page, the
yardstick. The headline rows are the pages people answer on, drawn anew for
every request as the server draws them (it keeps no page with answers): a
question page part-way through a flow, with the answers so far, and a
checklist page. Each is a rotation of addresses (other dates, both
languages), so that nothing could serve a repeat of one address. Below them,
for comparison, the two pages without answers the server keeps once drawn (a
home page, a flow's first question). Prints a Markdown table with, for each:

* server-side time: the median time the app takes for one request, called
  in-process through ASGI (no network, no HTTP parsing), as wall time and as
  CPU time (which other work on a shared machine does not inflate);
* requests per second and latency (median, p99) under ``--connections``
  concurrent keep-alive connections for ``--seconds`` in all, and the
  throughput as a share of hello's. The pages take turns in ``--rounds``
  short runs and each figure is the median of its rounds, so that a change
  in what else the machine runs falls on every page alike.

Goals (issue #22): a question page at least 50% of hello's throughput, a
checklist page at least 25%, p99 under 20 ms at 50 connections. A second
table says what those goals leave to draw a page with answers: the time per
request a goal allows beyond hello's, less what sending a page already drawn
costs (the first question, kept in memory), beside the time the page takes
now and the time its templates alone take (Jinja2 laying out values already
computed, and the sanitiser). The load average before and after is printed:
on a shared machine, read the numbers with it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
# 16 dates of emergency treatment, in both languages: 32 addresses per page, each drawn as the first time.
DATES = [(TODAY - timedelta(days=n)).isoformat() for n in range(2, 18)]
ON_ROUTE = "stay=short_trip&destination=other_province&emergency_happened=yes&emergency_on={day}"
QUESTION = [f"/{lang}/offsite/q/reported?{ON_ROUTE.format(day=day)}" for day in DATES for lang in ("zh", "en")]
CHECKLIST = [
    f"/{lang}/offsite/checklist?{ON_ROUTE.format(day=day)}&reported=no&paid_home=no&networked=unsure" for day in DATES for lang in ("zh", "en")
]
PAGES = {
    "hello (minimal Starlette)": ["/hello"],
    "question page with answers, drawn anew": QUESTION,
    "checklist page, drawn anew": CHECKLIST,
    "home page (no answers: kept once drawn)": ["/zh/"],
    "first question (no answers: kept once drawn)": ["/zh/offsite/q/stay"],
}


def app():
    """The ssguide app with the yardstick page added on the same router."""
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    from ssguide.shell.environment import Environment
    from ssguide.web.app import create_app
    from ssguide.web.site import load_site

    async def hello(request):
        return HTMLResponse("<!DOCTYPE html><html lang=en><title>Hello</title><p>Hello, world!</p>")

    site = load_site(None, TODAY, Environment.of_process())
    served = create_app(site)
    served.router.routes[:0] = [Route("/hello", hello)]
    return served


def serve(port: int) -> None:
    """The app as ``ssguide serve`` serves it: its socket (TCP_NODELAY), its uvicorn options."""
    from ssguide.shell.serve import serve_app

    try:
        serve_app(app(), "127.0.0.1", port, "", "en", sys.stdout, lambda url: f"benchmark server on {url}")
    except BaseException:  # typer.Exit on Ctrl-C: the benchmark stops it
        pass


def server_side_ms(paths: list[str], runs: int = 1000) -> tuple[float, float]:
    """Median wall and CPU time of one request through the app itself, called directly as ASGI, the addresses in turn."""
    served = app()

    async def one(path: str) -> tuple[float, float]:
        raw_path, _, query = path.partition("?")
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
            "path": raw_path, "raw_path": raw_path.encode(), "query_string": query.encode(), "root_path": "",
            "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        }
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        start, cpu = time.perf_counter(), time.thread_time()
        await served(scope, receive, send)
        elapsed, cpu_elapsed = time.perf_counter() - start, time.thread_time() - cpu
        assert sent[0]["status"] == 200, (path, sent[0]["status"])
        return elapsed, cpu_elapsed

    async def many() -> list[tuple[float, float]]:
        for n in range(50):  # warm: templates compiled, the pages without answers kept
            await one(paths[n % len(paths)])
        return [await one(paths[n % len(paths)]) for n in range(runs)]

    found = asyncio.run(many())
    return statistics.median(w for w, _ in found) * 1000, statistics.median(c for _, c in found) * 1000


def layout_ms(paths: list[str], runs: int = 500) -> float:
    """Median time of the templates alone for one of ``paths``' pages: Jinja2 laying out values already computed, and the sanitiser.

    A question page: ``Web.render`` of its ``Page``. A checklist page: the
    checklist's own template (``html.lay_out`` of its ``checklist_view``) and
    then the page's. What the app does around them (reading the address,
    routing, building the checklist, its view, the headers) is not counted.
    """
    from ssguide.core.checklist import build
    from ssguide.core.context import Context
    from ssguide.render.context import RenderContext
    from ssguide.shell.environment import Environment
    from ssguide.web.answers import read_query
    from ssguide.web.html import checklist_view, flow_links, lay_out, words
    from ssguide.web.pages import Web
    from ssguide.web.site import load_site

    web = Web(load_site(None, TODAY, Environment.of_process()))
    prepared = []
    for path in paths:
        address, _, query = path.partition("?")
        lang, command, *rest = address.strip("/").split("/")
        ctx, fields, site_flow = Context.of(lang, TODAY), read_query(query.encode()), web.flow(command)
        if rest[0] == "q":
            prepared.append((web.question_at(ctx, site_flow, rest[1], fields), None))
        else:
            reading, route = web._complete(ctx, site_flow, fields, "checklist")
            shown = RenderContext.of(lang, TODAY, flow_links=True)
            target, say = web.flow_target(ctx), words(shown)
            view = checklist_view(build(site_flow.flow, reading.answers, ctx, route), shown, partial(flow_links, target=target, say=say))
            prepared.append((web.checklist(ctx, site_flow, fields), (view, shown)))
    times = []
    for n in range(runs):
        page, checklist = prepared[n % len(prepared)]
        start = time.perf_counter()
        if checklist is not None:
            lay_out(*checklist)
        web.render(page)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def load_with_wrk(base: str, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    """wrk on ``paths`` in turn (a Lua script hands each request the next address)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("paths = {" + ", ".join(f'"{p}"' for p in paths) + "}\n")
        script.write("n = 0\nrequest = function()\n  n = n % #paths + 1\n  return wrk.format(\"GET\", paths[n])\nend\n")
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name, base],
            capture_output=True, text=True, timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(v, unit) for p, v, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", out)
    if errors:
        sys.exit(f"errors under load at {base}{paths[0]}:\n{out}")
    return {"rate": rate, "p50": latency["50"], "p99": latency["99"]}


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load_with_asyncio(port: int, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    """wrk's measurement without wrk: keep-alive connections, each sending its next request when the last is answered."""
    requests = [f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode() for path in paths]
    latencies: list[float] = []

    async def connection(deadline: float) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(requests[len(latencies) % len(requests)])
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"content-length: (\d+)", head, re.IGNORECASE).group(1))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
        writer.close()

    async def run() -> float:
        start = time.perf_counter()
        await asyncio.gather(*(connection(start + seconds) for _ in range(connections)))
        return time.perf_counter() - start

    elapsed = asyncio.run(run())
    latencies.sort()
    return {"rate": len(latencies) / elapsed, "p50": latencies[len(latencies) // 2] * 1000, "p99": latencies[int(len(latencies) * 0.99)] * 1000}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="load per page (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="turns the pages take (default 5)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections (default 50)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))

    before = os.getloadavg()
    timing = {name: server_side_ms(paths) for name, paths in PAGES.items()}
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)], cwd=REPO)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        tool = "wrk" if shutil.which("wrk") else "asyncio client"
        turn = max(1, args.seconds // args.rounds)
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in PAGES}
        for _ in range(args.rounds):
            for name, paths in PAGES.items():
                if tool == "wrk":
                    rounds[name].append(load_with_wrk(f"http://127.0.0.1:{port}", paths, turn, args.connections))
                else:
                    rounds[name].append(load_with_asyncio(port, paths, turn, args.connections))
        loads = {name: {k: statistics.median(r[k] for r in found) for k in ("rate", "p50", "p99")} for name, found in rounds.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    after = os.getloadavg()

    hello = loads["hello (minimal Starlette)"]["rate"]
    print(f"One uvicorn worker on 127.0.0.1, {args.connections} connections, {args.rounds} rounds of {turn} s per page, load by {tool}; "
          f"{os.cpu_count()} CPUs, load average {before[0]:.2f} before, {after[0]:.2f} after.\n")
    print("| page | server-side time (median, wall / CPU) | requests/s | share of hello | latency p50 | latency p99 |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in PAGES:
        found = loads[name]
        wall, cpu = timing[name]
        print(f"| {name} | {wall:.2f} / {cpu:.2f} ms | {found['rate']:.0f} | {found['rate'] / hello:.0%} | {found['p50']:.1f} ms | {found['p99']:.1f} ms |")

    # What the goals leave to draw a page with answers: the time per request a goal allows beyond
    # hello's, less what serving a page already drawn costs beyond hello's (the first question, kept).
    kept = loads["first question (no answers: kept once drawn)"]["rate"]
    sending = 1000 / kept - 1000 / hello
    print("\nWhat the goals leave to draw a page (per request, in ms; the templates alone: Jinja2 and the sanitiser on values already computed):\n")
    print("| page | goal (share of hello) | time the goal allows beyond hello | of which sending a page already drawn | left to draw the page | drawing it now (server-side) | the templates alone |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, goal in (("question page with answers, drawn anew", 0.5), ("checklist page, drawn anew", 0.25)):
        allowed = 1000 / (goal * hello) - 1000 / hello
        print(f"| {name} | {goal:.0%} | {allowed:.3f} | {sending:.3f} | {allowed - sending:.3f} | {timing[name][0]:.3f} | {layout_ms(PAGES[name]):.3f} |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        sys.path.insert(0, str(REPO / "src"))
        serve(int(sys.argv[2]))
    else:
        main()
