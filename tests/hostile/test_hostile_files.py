"""Hostile files around a run: sessions, the cache index, exports and odd standard streams.

Each was a crash (exit 70), a hang, lost answers or a file readable by others.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import TINY_FLOW, cli_env, invoke
from support.context import context


def store():  # -> sessions.Sessions
    """Where a run keeps saved progress: SSGUIDE_DATA_DIR as the tests set it (``Environment.data_dir``)."""
    from ssguide.shell import sessions

    return sessions.Sessions(Path(os.environ["SSGUIDE_DATA_DIR"]) / "sessions", datetime.now)


def run(*args: str, cwd: Path, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([sys.executable, "-m", "ssguide", *args], cwd=cwd, env=env or cli_env(), capture_output=True,
                          text=True, timeout=60, **kwargs)  # type: ignore[call-overload]


def index_name() -> str:
    """The name of this install's flow-header index (the same for the subprocesses)."""
    from ssguide.shell.registry import index_path

    return index_path(Path("cache")).name


def no_crash(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.returncode != 70


# ------------------------------------------------------------ crashes and hangs


def test_closed_stdin_is_no_crash(tmp_path: Path) -> None:
    result = run("card", cwd=tmp_path, stdin=None, preexec_fn=lambda: os.close(0))
    no_crash(result)
    assert result.returncode == 2


@pytest.mark.parametrize("content", ["[" * 100_000, "x" * 3_000_000])
def test_a_broken_cache_index_is_ignored(tmp_path: Path, content: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / index_name()).write_text(content, encoding="utf-8")
    result = run("--version", cwd=tmp_path, env=cli_env(SSGUIDE_CACHE_DIR=str(cache)))
    no_crash(result)
    assert result.returncode == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_the_cache_index_does_not_hang(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    os.mkfifo(cache / index_name())
    result = run("list", cwd=tmp_path, env=cli_env(SSGUIDE_CACHE_DIR=str(cache)))  # the timeout fails the test if it hangs
    assert result.returncode == 0 and "card" in result.stdout
    from ssguide.shell.registry import bundled_dir, flow_cache_path

    os.mkfifo(flow_cache_path(cache, bundled_dir() / "card.yaml"))  # the parsed flow's cache too
    result = run("card", "--no-input", "--set", "reason=new", "--set", "urgent=no", cwd=tmp_path, env=cli_env(SSGUIDE_CACHE_DIR=str(cache)))
    no_crash(result)


def test_a_cache_index_cannot_point_a_command_at_another_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = cli_env(SSGUIDE_CACHE_DIR=str(cache))
    run("list", cwd=tmp_path, env=env)
    index = cache / index_name()
    data = json.loads(index.read_text(encoding="utf-8"))
    evil = tmp_path / "evil.yaml"
    evil.write_text(TINY_FLOW.replace("id: demo", "id: card").replace("Do it.", "EVIL STEP"), encoding="utf-8")
    for entry in data["flows"]:
        entry["file"] = str(evil) if entry["id"] == "card" else entry["file"]
    index.write_text(json.dumps(data), encoding="utf-8")
    result = run("card", "--no-input", "--set", "reason=new", "--set", "urgent=no", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "EVIL STEP" not in result.stdout


def test_a_deeply_nested_session_is_ignored(tmp_path: Path) -> None:
    from ssguide.core.loader import parse_flow

    flow = parse_flow(TINY_FLOW, "demo.yaml")
    path = store().path(flow)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[" * 100_000, encoding="utf-8")
    assert store().load(flow) is None
    with path.open("wb") as fh:  # a sparse 1 GB file is not read whole
        fh.truncate(1 << 30)
    assert store().load(flow) is None
    path.unlink()


def test_a_route_count_of_thousands_of_digits_is_no_crash(tmp_path: Path) -> None:
    n = 14_400  # 2**14400 routes: over 4,300 digits
    def rules(i: int) -> str:  # a rule reading each answer makes yes and no two routes
        return f", next: [{{when: {{q{i}: yes}}, goto: q{i + 1}}}, {{goto: q{i + 1}}}]" if i + 1 < n else ""

    questions = "".join(f"  - {{id: q{i}, type: yesno, text: Q{i}?{rules(i)}}}\n" for i in range(n))
    flow = tmp_path / "wide.yaml"
    flow.write_text("id: wide\ntitle: Wide\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"
                    f"questions:\n{questions}items:\n  - {{id: a, kind: step, text: A., source: s1, when: {{q0: yes}}}}\n"
                    "  - {id: b, kind: step, text: B., source: s1, when: {q0: no}}\n", encoding="utf-8")
    result = invoke("validate", str(flow))  # `paths` words its count with the same function
    assert result.returncode == 0, result.stderr
    assert "~10^4334" in result.stderr


def test_a_flow_with_too_many_questions_is_refused_before_it_fills_memory(tmp_path: Path) -> None:
    from ssguide.core.structure import MAX_QUESTIONS

    n = MAX_QUESTIONS + 1
    questions = "".join(f"  - {{id: q{i}, type: yesno, text: Q?}}\n" for i in range(n))
    flow = tmp_path / "huge.yaml"
    flow.write_text("id: huge\ntitle: Huge\nsources:\n  - {id: s1, title: S, citation: s.txt}\n"
                    f"questions:\n{questions}items:\n  - {{id: a, kind: step, text: A., source: s1}}\n", encoding="utf-8")
    result = invoke("validate", str(flow))
    assert result.returncode == 1
    assert f"huge.yaml:6:3: {n} questions" in result.stderr


# ------------------------------------------------------------ ids and answers files


def test_an_id_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    flow = tmp_path / "nl.yaml"
    flow.write_text(TINY_FLOW.replace("  - id: always\n", '  - id: "always\\n"\n'), encoding="utf-8")
    result = invoke("validate", str(flow))
    assert result.returncode == 1 and "nl.yaml:22:9" in result.stderr


def test_text_answers_in_an_answers_file_are_read_as_written(tmp_path: Path) -> None:
    flow = tmp_path / "t.yaml"
    flow.write_text(TINY_FLOW.replace("questions:\n", "questions:\n  - {id: code, type: text, text: Code?, next: time}\n"
                                      "  - {id: time, type: text, text: Time?, next: flag}\n"
                                      "  - {id: flag, type: text, text: Flag?, next: route}\n"), encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text("code: 0123456\ntime: 12:30\nflag: yes\nroute: home\n", encoding="utf-8")
    result = invoke("run", str(flow), "--no-input", "--answers", str(answers), "--format", "json")
    assert result.returncode == 0, result.stderr
    values = {k: v["value"] for k, v in json.loads(result.stdout)["answers"].items()}
    assert values["code"] == "0123456" and values["time"] == "12:30" and values["flag"] == "yes"


# ------------------------------------------------------------ writing files


def test_a_long_save_answers_name_fails_before_the_wizard(tmp_path: Path) -> None:
    name = "a" * 251 + ".yaml"  # 256 bytes
    result = invoke("card", "--set", "reason=new", "--set", "urgent=no", "--save-answers", str(tmp_path / name), "--no-input")
    assert result.returncode == 2
    assert "too long" in result.stderr and "disk" not in result.stderr
    name = "b" * 248 + ".yaml"  # a name the file system takes is written
    result = invoke("card", "--set", "reason=new", "--set", "urgent=no", "--save-answers", str(tmp_path / name), "--no-input")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).exists()


def test_duplicate_output_paths_are_refused_before_the_wizard(tmp_path: Path) -> None:
    out = str(tmp_path / "out.md")
    result = invoke("card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--export", out, "--export", str(tmp_path / "." / "out.md"))
    assert result.returncode == 2 and "more than once" in result.stderr
    assert not (tmp_path / "out.md").exists()


def test_a_dangling_symlink_is_not_replaced_without_force(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "nowhere.md")
    result = invoke("card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--export", str(link))
    assert result.returncode == 2 and "exists" in result.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere.md").exists()


def test_exports_follow_the_umask_and_force_keeps_a_private_mode(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        result = invoke("card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--export", str(tmp_path / "a.md"))
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o600
    private = tmp_path / "b.md"
    private.write_text("old")
    private.chmod(0o600)
    result = invoke("card", "--set", "reason=new", "--set", "urgent=no", "--no-input", "--export", str(private), "--force")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_sessions_are_private_atomic_and_keyed_by_file(tmp_path: Path) -> None:
    from ssguide.shell.registry import load_flow
    from ssguide.shell.registry import resolve

    bundled = resolve("card")
    (tmp_path / "card.yaml").write_text(TINY_FLOW.replace("id: demo", "id: card"), encoding="utf-8")
    mine = load_flow(tmp_path / "card.yaml")
    assert store().path(mine) != store().path(bundled)
    path = store().path(mine)
    path.parent.mkdir(parents=True, exist_ok=True)
    planted = tmp_path / "planted"
    for name in (path.with_suffix(".tmp"), path.parent / f".{path.name}.tmp"):
        name.symlink_to(planted)
    try:
        assert store().save(mine, {"route": "home"}, "treated") == path
        assert not planted.exists()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert store().load(mine) is not None and store().load(bundled) is None
    finally:
        store().clear(mine)
        for name in (path.with_suffix(".tmp"), path.parent / f".{path.name}.tmp"):
            name.unlink()


@pytest.mark.parametrize("step", ["save", "load", "clear"])
def test_a_sessions_folder_swapped_for_a_link_at_the_last_moment_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The folder is swapped for a link to another folder after every check, just before a session file is
    created, read or removed (the window #23 left between the link check and mkstemp): nothing in the other
    folder is written, read, made private or removed."""
    from ssguide.shell.registry import resolve

    monkeypatch.setenv("SSGUIDE_DATA_DIR", str(tmp_path / "data"))
    sessions = store()
    flow = resolve("apply-child")
    name = sessions.path(flow).name
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    planted = json.dumps({"flow": "apply-child", "at": "low_income", "answers": {"route": "not_in_school"}})
    (elsewhere / name).write_text(planted, encoding="utf-8")
    assert sessions.save(flow, {"route": "school"}, "low_income") is not None  # the user's own session
    folder = tmp_path / "data" / "sessions"
    swapped: list[str] = []

    def swap() -> None:
        if not swapped:
            swapped.append(name)
            folder.rename(folder.with_name("sessions.old"))
            folder.symlink_to(elsewhere)

    real_open, real_unlink = os.open, os.unlink

    def session_file(path: object) -> bool:
        return str(path).endswith((".json", ".tmp")) and not swapped

    def opening(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if session_file(path):
            swap()
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def unlinking(path, *, dir_fd=None):  # type: ignore[no-untyped-def]
        if session_file(path):
            swap()
        return real_unlink(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "unlink", unlinking)
    if step == "save":
        sessions.save(flow, {"route": "school", "low_income": True}, "poor_family")
    elif step == "load":
        saved = sessions.load(flow)
        assert saved is None or saved.answers == {"route": "school"}, "the other folder's file was read"
    else:
        sessions.clear(flow)
    monkeypatch.undo()
    assert swapped, "the folder was swapped"
    assert [p.name for p in elsewhere.iterdir()] == [name]
    assert (elsewhere / name).read_text(encoding="utf-8") == planted
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    kept = sorted(p.name for p in (tmp_path / "data" / "sessions.old").iterdir())
    assert kept == ([] if step == "clear" else [name]), "the session stays in the folder that was opened"


def test_a_data_folder_that_is_a_link_is_the_persons_own_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data folder moved elsewhere and linked back (a person's own doing) is used; only a link
    in place of its ``sessions`` folder is refused."""
    from ssguide.shell.registry import resolve

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "data").symlink_to(elsewhere)
    monkeypatch.setenv("SSGUIDE_DATA_DIR", str(tmp_path / "data"))
    sessions = store()
    flow = resolve("apply-child")
    assert sessions.save(flow, {"route": "school"}, "low_income") is not None
    saved = sessions.load(flow)
    assert saved is not None and saved.answers == {"route": "school"}
    assert stat.S_IMODE((elsewhere / "sessions").stat().st_mode) == 0o700
    (file,) = (elsewhere / "sessions").iterdir()
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    sessions.clear(flow)
    assert list((elsewhere / "sessions").iterdir()) == []


def test_a_sessions_folder_that_is_a_link_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssguide.shell.registry import resolve
    from ssguide.shell.sessions import interrupted_text

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sessions").symlink_to(elsewhere)
    monkeypatch.setenv("SSGUIDE_DATA_DIR", str(tmp_path / "data"))
    sessions = store()
    flow = resolve("apply-child")
    assert sessions.save(flow, {"route": "school"}, "low_income") is None
    assert sessions.load(flow) is None
    assert list(elsewhere.iterdir()) == [] and stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    line = interrupted_text("apply-child", 1, 2, False, context(), sessions.folder)
    assert f"{tmp_path / 'data' / 'sessions'} is a symbolic link" in line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_successful_run_with_stderr_on_a_full_disk_exits_0(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "ssguide", "card", "--no-input", "--set", "reason=new", "--set", "urgent=no", "--export", "out.md"],
                                cwd=tmp_path, env=cli_env(), stdout=subprocess.PIPE, stderr=full, text=True, timeout=60)
    assert result.returncode == 0
    assert (tmp_path / "out.md").exists()


def test_graph_labels_cannot_carry_html(tmp_path: Path) -> None:
    flow = tmp_path / "g.yaml"
    flow.write_text(TINY_FLOW.replace("text: Which route?", 'text: "<img src=x onerror=alert(1)> & <b>bold</b>"'), encoding="utf-8")
    result = invoke("graph", str(flow), today=None)
    assert result.returncode == 0, result.stderr
    assert "<img" not in result.stdout and "<b>" not in result.stdout
    assert "#lt;img" in result.stdout


def _save_many(path_and_n: tuple[str, int]) -> int:
    """Save a session over and over (in a process of its own); how many saves succeeded."""
    from ssguide.core.loader import parse_flow

    os.environ["SSGUIDE_DATA_DIR"] = path_and_n[0]
    flow = parse_flow(TINY_FLOW, "demo.yaml")
    return sum(store().save(flow, {"route": "home"}, "treated") is not None for _ in range(path_and_n[1]))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_concurrent_saves_never_corrupt_a_session(tmp_path: Path) -> None:
    import multiprocessing

    from ssguide.core.loader import parse_flow

    with multiprocessing.get_context("fork").Pool(4) as pool:
        done = pool.map(_save_many, [(str(tmp_path), 40)] * 4)
    assert done == [40] * 4
    folder = tmp_path / "sessions"
    assert [p.name for p in folder.iterdir()] == ["demo.json"]  # no temporary file left behind
    os.environ["SSGUIDE_DATA_DIR"], old = str(tmp_path), os.environ["SSGUIDE_DATA_DIR"]
    try:
        assert store().load(parse_flow(TINY_FLOW, "demo.yaml")) is not None
    finally:
        os.environ["SSGUIDE_DATA_DIR"] = old


def test_paths_write_answers_never_overwrites_unasked(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    mine = folder / "card-02.yaml"
    mine.write_text("my own answers\n", encoding="utf-8")
    result = invoke("paths", "card", "--write-answers", str(folder))
    assert result.returncode == 2
    assert f"--write-answers: {mine} already exists (1 of the" in result.stderr and "use --force" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["card-02.yaml"]  # nothing written, not even the files that were free
    assert mine.read_text(encoding="utf-8") == "my own answers\n"
    result = invoke("paths", "card", "--write-answers", str(folder), "--force")
    assert result.returncode == 0, result.stderr
    assert mine.read_text(encoding="utf-8").startswith("# ssguide answers for 'card'")


def test_paths_write_answers_replaces_nothing_when_a_later_file_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "card-01.yaml").write_text("first\n", encoding="utf-8")
    (folder / "card-03.yaml").mkdir()  # --force replaces files, never a folder
    result = invoke("paths", "card", "--write-answers", str(folder), "--force")
    assert result.returncode == 2
    assert "it is a folder" in result.stderr
    assert (folder / "card-01.yaml").read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in folder.iterdir()) == ["card-01.yaml", "card-03.yaml"]


def test_paths_write_answers_to_a_file_says_so(tmp_path: Path) -> None:
    target = tmp_path / "answers"
    target.write_text("not a folder\n", encoding="utf-8")
    result = invoke("paths", "card", "--write-answers", str(target))
    assert result.returncode == 2
    assert result.stderr == f"ssguide: error: --write-answers {target}: it is a file, not a folder; give a folder\n"


CARD_LOST = ("card", "--set", "reason=lost", "--set", "reported=no", "--set", "urgent=yes", "--no-input")


@pytest.mark.parametrize("force", [False, True])
def test_a_pipe_as_an_export_is_refused_as_no_file_with_or_without_force(tmp_path: Path, force: bool) -> None:
    """Without --force a FIFO was 'fifo.md already exists; use --force to overwrite it', and with --force
    it was then refused as no regular file: the first message sent the person to an option that fails."""
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    result = invoke(*CARD_LOST, "--export", str(fifo), *(["--force"] if force else []))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"ssguide: error: cannot write {fifo}: it is not a regular file (a device or a pipe); give a file name\n"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_where_a_file_can_be_made_but_not_removed_is_named_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An append-only folder (chattr +a) lets the check make its temporary file and refuses to remove it
    (and the write's rename): that OSError escaped, and the run said 'cannot write the output: Operation
    not permitted; check the disk, or send the output elsewhere' about standard output, naming no file.
    Simulated here by refusing the removal of the check's own file."""
    import errno

    real_unlink = os.unlink

    def append_only(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.basename(path).startswith(".ssguide-"):
            raise PermissionError(errno.EPERM, "Operation not permitted", path)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", append_only)
    for option in ("--export", "--save-answers"):
        target = tmp_path / ("out.md" if option == "--export" else "answers.yaml")
        result = invoke(*CARD_LOST, option, str(target))
        assert result.returncode == 2 and result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith(f"ssguide: error: cannot write {target}: files can be made in {tmp_path} but not removed (Operation not permitted)"), line
        assert "choose another folder (and remove .ssguide-" in line and not target.exists()
    chinese = invoke(*CARD_LOST, "--export", str(tmp_path / "out.md"), "--lang", "zh")
    assert chinese.returncode == 2 and "可以新建文件，但不能删除" in chinese.stderr, chinese.stderr


def test_saved_answers_are_private_whatever_the_umask(tmp_path: Path) -> None:
    """--save-answers wrote the person's answers 0644 under the usual umask 022, readable by every user of
    the machine; saved progress is 0600 in a 0700 folder. A new answers file is 0600 now (the checklist
    files still follow the umask), and --force keeps the mode of the file it replaces, as for exports."""
    old = os.umask(0o022)
    try:
        result = invoke(*CARD_LOST, "--save-answers", str(tmp_path / "mine.yaml"), "--export", str(tmp_path / "card.md"))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE((tmp_path / "mine.yaml").stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "card.md").stat().st_mode) == 0o644
        shared = tmp_path / "shared.yaml"
        shared.write_text("old", encoding="utf-8")
        shared.chmod(0o640)
        result = invoke(*CARD_LOST, "--save-answers", str(shared), "--force")
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(shared.stat().st_mode) == 0o640 and "reason: lost" in shared.read_text(encoding="utf-8")
    finally:
        os.umask(old)


@pytest.mark.parametrize("option", ["--export", "--save-answers"])
def test_a_path_longer_than_the_system_takes_is_named_in_one_line(tmp_path: Path, option: str) -> None:
    """A path over PATH_MAX (4,096 bytes on Linux) made pathlib's is_dir() raise ENAMETOOLONG in the
    pre-check, and the run said 'cannot write the output: File name too long; check the disk, or send
    the output elsewhere', about standard output and naming no file."""
    long = "a/" * 2100 + "out.md"
    result = invoke(*CARD_LOST, option, long)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"ssguide: error: cannot write {long}: File name too long\n"


def test_a_folder_path_longer_than_the_system_takes_is_no_folder_for_paths_and_serve(tmp_path: Path) -> None:
    """paths --write-answers and serve --flows asked pathlib whether such a path is a folder, and it raised:
    'cannot write the output: File name too long', for a run that had written nothing."""
    long = "a/" * 2100 + "answers"
    paths = invoke("paths", "card", "--write-answers", long)
    assert paths.returncode == 2 and paths.stderr == f"ssguide: error: --write-answers {long}: folder does not exist; create it first\n"
    serve = invoke("serve", "--flows", long, "--port", "0", today=None)
    assert serve.returncode == 2 and serve.stderr == f"ssguide: error: --flows {long}: no such folder\n"
