"""``ssguide serve`` as a real process: what it prints, how it stops, what stops it from starting, no hidden state."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support.cli import TINY_FLOW, cli_env, run_cli
from support.web import serving

ADDRESSES = [
    "/en/",
    "/zh/",
    "/en/apply-child/q/route",
    "/zh/apply-child/q/accepted_on?route=school&low_income=no&poor_family=no&card_accepted=yes",
    "/en/offsite/check?stay=short_trip&destination=other_province&emergency_happened=yes&emergency_on=2026-11-21&reported=no&paid_home=no&networked=unsure",
    "/zh/offsite/checklist?stay=short_trip&destination=other_province&emergency_happened=yes&emergency_on=2026-11-21&reported=no&paid_home=no&networked=unsure",
    "/en/emergency/checklist.ics?situation=emergency&destination=other_province&emergency_on=2026-11-20&reported=no&costs=unpaid&networked=networked",
    "/en/card?reason=&reason=perhaps",
    "/en/nowhere",
]


def fetch(url: str) -> tuple[int, bytes, str, str]:
    """Status, body, ETag, and the address answered (after any redirect)."""
    request = urllib.request.Request(url, headers={"accept-language": "zh-CN"})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.read(), answer.headers.get("etag", ""), answer.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("etag", ""), error.geturl()


def test_two_servers_started_apart_serve_the_same_bytes(live_server: str) -> None:
    """No hidden state: a second process, started later, answers every address byte for byte as the first."""
    with serving("--today", "2026-11-23") as (second, _):
        for address in ADDRESSES:
            first_answer, second_answer = fetch(live_server + address), fetch(second + address)
            assert first_answer[0] in (200, 404, 422), (address, first_answer[0])
            assert first_answer[3] == live_server + address, (address, first_answer[3])  # the page asked for, not one it led to
            assert first_answer[:3] == second_answer[:3], address
    # ...and repeating an address in one process changes nothing either.
    assert fetch(live_server + ADDRESSES[2]) == fetch(live_server + ADDRESSES[2])


def test_it_says_where_it_listens_logs_no_answer_and_stops_on_ctrl_c() -> None:
    with serving("--lang", "zh", "--today", "2026-11-23") as (base, proc):
        assert base.startswith("http://127.0.0.1:")
        assert fetch(base + "/en/card/check?reason=lost&reported=no&urgent=yes")[0] == 200
        assert fetch(base + "/en/card?reason=&reason=perhaps")[0] == 422
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert out == "已停止。\n" and err == ""  # nothing of the requests, their answers least of all


def test_a_broken_flow_stops_the_start_with_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(TINY_FLOW, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(TINY_FLOW.replace("id: demo", "id: other").replace("goto: treated", "goto: nowhere"), encoding="utf-8")
    result = run_cli("serve", "--port", "0", "--flows", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'bad.yaml'}:16:15: question 'route': next goes to 'nowhere'" in result.stderr
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--flows", "/nonexistent-folder"], "--flows /nonexistent-folder: no such folder"),
        (["--today", "someday"], "--today"),
        (["--host", "256.1.1.1"], "cannot listen on 256.1.1.1:0"),
        (["--root-path", "ssguide"], "--root-path ssguide: give a path such as /ssguide"),
        (["--root-path", "/a/../b"], "--root-path /a/../b: give a path"),
        (["--root-path", "/a/./b"], "--root-path /a/./b: give a path"),
        (["--root-path", "//evil.example"], "--root-path //evil.example: give a path"),
        (["--root-path", "/a b"], "--root-path /a b: give a path"),
        (["--root-path", "/a\x1b]0;x\x07"], "--root-path /a<U+001B>]0;x<U+0007>: give a path"),
        (["--root-path", "/a?b=1"], "give a path"),
        (["--root-path", "/" + "a" * 300], "at most 256 characters"),
    ],
)
def test_what_stops_the_start_is_one_line(args: list[str], says: str) -> None:
    result = run_cli("serve", "--port", "0", *args, today=None)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ssguide: error: ") and says in lines[0], result.stderr


def test_a_port_in_use_is_one_line(live_server: str) -> None:
    port = live_server.rsplit(":", 1)[1]
    result = run_cli("serve", "--port", port)
    assert result.returncode == 2
    assert result.stderr.startswith(f"ssguide: error: cannot listen on 127.0.0.1:{port}: ") and result.stderr.count("\n") == 1


def test_without_the_web_extra_it_says_how_to_get_it() -> None:
    probe = "import sys; sys.modules['starlette'] = None; sys.argv = ['ssguide', 'serve']; from ssguide.shell.cli import main; sys.exit(main())"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=cli_env(), timeout=30)
    assert result.returncode == 2
    assert result.stderr == "ssguide: error: ssguide serve needs the web extra: pip install 'ssguide[web]' (missing: starlette)\n"


def test_the_app_factory_for_uvicorn_and_gunicorn_reads_the_environment(tmp_path: Path) -> None:
    """docs/web.md: uvicorn --factory ssguide.web.app:from_environment, with SSGUIDE_FLOWS, SSGUIDE_TODAY, SSGUIDE_ROOT_PATH,
    read from the shell's Environment it is given (the process's own when uvicorn calls it)."""
    from starlette.testclient import TestClient
    from support.environment_double import FakeEnvironment

    from ssguide.web.app import from_environment

    (tmp_path / "demo.yaml").write_text(TINY_FLOW, encoding="utf-8")
    environ = {"SSGUIDE_FLOWS": str(tmp_path), "SSGUIDE_TODAY": "2026-11-23", "SSGUIDE_ROOT_PATH": "/ssguide"}
    with TestClient(from_environment(FakeEnvironment(environ=environ, today=date(2031, 1, 1))), follow_redirects=False) as web:
        home = web.get("/en/")
        assert 'href="/ssguide/en/demo/q/route"' in home.text
        sent = web.get("/en/demo?route=&route=school&treated=&treated=2026-11-20")
        assert sent.headers["location"] == "/ssguide/en/demo/check?route=school&treated=2026-11-20"
        assert "2026-11-23" in web.get("/en/demo/checklist?route=school&treated=2026-11-20").text  # SSGUIDE_TODAY, not the clock


def test_without_a_day_given_the_pages_follow_the_environments_clock_day_by_day() -> None:
    """No --today: each request takes the day from the Environment, so "already past" turns over at midnight."""
    from starlette.testclient import TestClient
    from support.environment_double import FakeEnvironment

    from ssguide.web.app import create_app
    from ssguide.web.site import load_site

    env = FakeEnvironment(today=date(2026, 11, 23))
    address = "/en/emergency/checklist?situation=emergency&destination=other_province&emergency_on=2026-11-20&reported=no&costs=unpaid&networked=networked"
    with TestClient(create_app(load_site(None, None, env)), follow_redirects=False) as web:
        before = web.get(address)
        env._today = date(2026, 11, 24)  # midnight: the three days after 2026-11-20 are over
        after = web.get(address)
    assert "already past" not in before.text and "already past" in after.text
    assert before.headers["etag"] != after.headers["etag"]


def test_uvicorn_workers_started_by_the_factory_take_the_day_from_the_environment(tmp_path: Path) -> None:
    """`uvicorn --factory ssguide.web.app:from_environment --workers 2`: each worker process makes its app from its environment."""
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "uvicorn", "--factory", "ssguide.web.app:from_environment", "--host", "127.0.0.1",
               "--port", str(port), "--workers", "2", "--no-access-log", "--log-level", "warning"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(SSGUIDE_TODAY="2026-12-07"))
    try:
        address = f"http://127.0.0.1:{port}/en/emergency/checklist?situation=emergency&destination=other_province&emergency_on=2026-12-01&reported=no&costs=unpaid&networked=networked"
        for _ in range(300):
            try:
                status, body, _, _ = fetch(address)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError(f"no worker answered: {proc.stderr.read() if proc.poll() is not None and proc.stderr else ''}")
        assert status == 200
        assert "Today: 2026-12-07" in body.decode()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung server must not outlive the tests
            proc.kill()
            proc.communicate()


def test_keep_alive_requests_on_one_connection_are_not_held_back_by_nagle(live_server: str) -> None:
    """The listening socket has TCP_NODELAY, as uvicorn sets it on its own: without it each answer on a
    kept-alive connection waits for the client's delayed ACK (~40 ms on Linux) before its last part leaves."""
    import re
    import socket
    import statistics
    import time

    host, port = live_server.removeprefix("http://").rsplit(":", 1)
    times = []
    with socket.create_connection((host, int(port)), timeout=20) as connection:
        stream = connection.makefile("rb")
        for n in range(21):
            start = time.perf_counter()
            connection.sendall(f"GET /{'en' if n % 2 else 'zh'}/ HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                head += stream.readline()
            assert head.startswith(b"HTTP/1.1 200"), head
            stream.read(int(re.search(rb"content-length: (\d+)", head, re.IGNORECASE).group(1)))
            if n:  # the first one draws the page; the rest are kept pages
                times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.020, [f"{t * 1000:.1f} ms" for t in times]


@pytest.mark.parametrize("option", ["--limit-concurrency", "--timeout-keep-alive"])
def test_a_bound_of_zero_is_a_usage_error(option: str) -> None:
    result = run_cli("serve", "--port", "0", option, "0", today=None)
    assert result.returncode == 2 and f"Invalid value for '{option}': 0 is not in the range" in result.stderr


def test_a_good_root_path_is_taken(tmp_path: Path) -> None:
    with serving("--root-path", "/help-desk/ssguide_1.0~x", "--today", "2026-11-23") as (base, _):
        assert base.endswith("/help-desk/ssguide_1.0~x")


def test_serve_bounds_connections_and_idle_keep_alive_by_default_and_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Uvicorn leaves both unbounded (concurrency) or short (keep-alive) by its own defaults: serve says what it wants."""
    import uvicorn
    from support.cli import run_main

    from ssguide.shell import serve as serve_module

    told: list[Any] = []

    def run(self: Any, sockets: Any = None) -> None:
        told.append(self.config)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    assert run_main(["serve", "--port", "0", "--today", "2026-11-23"]).exit_code == 0
    assert run_main(["serve", "--port", "0", "--today", "2026-11-23", "--limit-concurrency", "40", "--timeout-keep-alive", "30"]).exit_code == 0
    defaults, chosen = told
    assert (defaults.limit_concurrency, defaults.timeout_keep_alive) == (serve_module.LIMIT_CONCURRENCY, serve_module.TIMEOUT_KEEP_ALIVE) == (512, 5)
    assert (chosen.limit_concurrency, chosen.timeout_keep_alive) == (40, 30)
    assert defaults.server_header is False and defaults.access_log is False


def test_the_app_factory_checks_its_root_path_as_serve_does() -> None:
    from support.environment_double import FakeEnvironment

    from ssguide.errors import InputProblem
    from ssguide.web.app import from_environment

    with pytest.raises(InputProblem) as refused:
        from_environment(FakeEnvironment(environ={"SSGUIDE_ROOT_PATH": "//evil.example"}, today=date(2026, 11, 23)))
    assert refused.value.render("en").startswith("--root-path //evil.example: give a path such as /ssguide")
