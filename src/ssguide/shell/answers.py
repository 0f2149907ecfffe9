"""Answers from outside the wizard: files, ``--set`` flags, saved answers, atomic writes.

Layering follows copier (``shell.layers``): ``--set`` > answers file > prompt > defaults. Every
value is checked against its question before anything is asked or computed, so
a typo in an answers file is reported with its file and line, not discovered
half-way through a wizard.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.model import Flow
from ..core.yamlsafe import load_located, pos_of
from .files import read_limited
from ..position import Pos
from ..errors import AnswerError, InputProblem, YamlInputError
from ..lang.messages import Message, suggest

if TYPE_CHECKING:
    from ..core.context import Context

MAX_ANSWERS_BYTES = 1024 * 1024
# An answers file maps question ids (20,000 at most) to values: far fewer
# values than a flow may hold, so a hostile one is refused at once.
MAX_ANSWERS_VALUES = 100_000


def _os_reason(exc: OSError) -> Message | str:
    """Why the system refused a write: the system's own words in English, ours in other languages."""
    text = exc.strerror or str(exc)
    key = {
        errno.EACCES: "os_permission",
        errno.EPERM: "os_permission",
        errno.EROFS: "os_read_only",
        errno.ENOSPC: "os_no_space",
        errno.ENOENT: "os_not_found",
        errno.ENAMETOOLONG: "os_name_too_long",
    }.get(exc.errno or 0)
    return Message(key, text=text) if key else text


def _shown(value: Any) -> str:
    """A wrong answer as the error line quotes it: as written in the file, and short."""
    if isinstance(value, (date, datetime)):
        value = value.isoformat()
    if isinstance(value, str):
        return repr(value if len(value) < 60 else value[:57] + "...")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def load_answers_file(path: Path) -> dict[str, Any]:
    """A mapping of question id → raw value from a YAML or JSON file (JSON is YAML)."""
    try:
        text = read_limited(path, MAX_ANSWERS_BYTES)
        data = load_located(text, str(path), max_values=MAX_ANSWERS_VALUES)
    except YamlInputError as exc:
        raise InputProblem("err_answers_file", pos=str(exc.pos), problem=exc.message) from None  # a messages.Message
    if not isinstance(data, dict):
        raise InputProblem("err_answers_not_mapping", path=str(path))
    return data


def parse_set_options(options: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise InputProblem("err_bad_set", option=repr(option))
        values[key.strip()] = value
    return values


def coerce_answers(
    flow: Flow, raw: Mapping[Any, Any], ctx: Context, origin: str
) -> dict[str, Any]:
    """Check and convert raw answers (strings from flags, values from files).

    ``origin`` names where they came from for the error message; when ``raw``
    remembers positions (an answers file) the message points at the line.
    """
    result: dict[str, Any] = {}
    for key, value in raw.items():
        where = str(pos_of(raw, key, Pos(origin, 1, 1))) if hasattr(raw, "pos_of") else origin
        if not isinstance(key, str) or key not in flow.questions:
            from ..core.safetext import inline

            known = ", ".join(flow.questions)
            raise InputProblem(
                "err_unknown_question",
                where=where,
                question=inline(str(key)),  # a key with a newline would forge a line of its own
                flow=flow.id,
                suggestion=suggest(str(key), flow.questions),
                known=known,
            )
        question = flow.questions[key]
        written = getattr(raw, "source_text", {})
        if question.qtype.as_written and key in written:
            value = written[key]  # as written: YAML 1.1 would make 0123456 a number and 12:30 a count of minutes
        if value is None:
            continue
        try:
            result[key] = question.qtype.coerce(question, value, ctx)
        except AnswerError as exc:
            raise InputProblem("err_answer_value", where=where, question=key, value=_shown(value), problem=exc.msg) from None
    return result


def plain_answers(flow: Flow, answers: Mapping[str, Any]) -> dict[str, Any]:
    return {qid: flow.questions[qid].qtype.to_plain(v) for qid, v in answers.items()}


def dump_answers(flow: Flow, answers: Mapping[str, Any]) -> str:
    """Answers as YAML that ``--answers`` reads back to the same values."""
    import yaml

    from ..core.safetext import CONTROL_RE, json_safe, visible

    bundled = flow.path.startswith("flows/")
    usage = f"ssguide {flow.command}" if bundled else f"ssguide run {flow.path}"
    # One comment line, whatever the file name holds.
    header = "# " + " ".join(visible(f"ssguide answers for '{flow.id}' — use with: {usage} --answers FILE").split()) + "\n"

    class Dumper(yaml.SafeDumper):
        pass

    def string(dumper: Any, value: str) -> Any:
        # A value holding a bidi or control character is double-quoted, so that
        # the escapes below are read back as the same character.
        quoted = CONTROL_RE.search(value) or visible(value) != value
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if quoted else None)

    Dumper.add_representer(str, string)
    body = yaml.dump(plain_answers(flow, answers), Dumper=Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return header + json_safe(body)  # "\u202e" instead of the raw character: the same value, nothing applied


def write_atomic(path: Path, data: bytes, force: bool, private: bool = False) -> None:
    """Write all of ``data`` or nothing: a temp file in the same folder, then rename.

    Refuses an existing file unless ``force``; never leaves a half-written file.
    ``private``: a new file is readable by the user alone (0600), whatever the umask: a person's answers.
    """
    write_all_atomic([(Path(path), data)], force, private)


def write_all_atomic(files: list[tuple[Path, bytes]], force: bool, private: bool = False) -> None:
    """Write every file or none: each target checked, then each written to a temp file, then all renamed.

    Refuses an existing file unless ``force`` before anything is written, and
    a write that fails (a full disk) removes the temp files before any target
    is replaced.
    """
    for target, _ in files:
        check_target(target, force, try_a_file=False)  # the temp file each write makes next is the trial
    written: list[tuple[str, Path]] = []
    try:
        for target, data in files:
            written.append((_write_temp(target, data, private), target))
        for tmp, target in written:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise InputProblem("err_write_failed", path=str(target), reason=_os_reason(exc)) from None
    finally:
        for tmp, _ in written:
            try:
                os.unlink(tmp)
            except OSError:
                pass  # renamed into place: nothing left to remove


def _write_temp(target: Path, data: bytes, private: bool = False) -> str:
    """``data`` in a new temporary file beside ``target``, on disk, with the mode ``target`` will have."""
    parent = target.parent if str(target.parent) else Path(".")
    # The mode the file would get from the umask (0600 for a private one); an existing file keeps
    # its own, so --force never makes a private file readable by others.
    mode = 0o600 if private else _new_file_mode()
    if os.path.lexists(target) and target.is_file():
        mode = stat.S_IMODE(os.stat(target).st_mode)
    fd, tmp = _make_temp(target, parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputProblem("err_write_failed", path=str(target), reason=_os_reason(exc)) from None
    return tmp


def check_target(target: Path, force: bool, try_a_file: bool = True) -> None:
    """Refuse an output path before anything is asked or written: a folder, an existing file
    (a dangling symlink included) without ``force``, a device, a missing folder, a name too long,
    and with ``try_a_file`` a folder where no file can be made (tried: a file is made there and removed)."""
    parent = target.parent if str(target.parent) else Path(".")
    try:
        exists = os.path.lexists(target)
        if exists and target.is_dir():
            raise InputProblem("err_write_is_folder", path=str(target))
        if exists and target.exists() and not target.is_file():  # --force replaces files, never a device or a pipe: said first
            raise InputProblem("err_write_not_file", path=str(target))
        if exists and not force:
            raise InputProblem("err_write_exists", path=str(target))
        if not parent.is_dir():
            if parent.exists():  # out.md/x.md where out.md is a file
                raise InputProblem("err_write_parent_is_file", path=str(target), folder=str(parent))
            raise InputProblem("err_write_no_folder", path=str(target), folder=str(parent))
    except OSError as exc:  # pathlib raises what the system says of a path longer than it takes (ENAMETOOLONG)
        raise InputProblem("err_write_failed", path=str(target), reason=_os_reason(exc)) from None
    try:
        limit = os.pathconf(parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    size = len(os.fsencode(target.name))
    if size > limit:
        raise InputProblem("err_write_name_too_long", path=str(target), n=size, limit=limit)
    if not try_a_file:
        return
    # Permissions alone do not say it (root may write anywhere the bits say no; a read-only file
    # system or /proc refuses whatever they say): make the temporary file the write will make.
    fd, tmp = _make_temp(target, parent)
    os.close(fd)
    try:
        os.unlink(tmp)
    except OSError as exc:  # an append-only folder (chattr +a): the write's rename would be refused too
        raise InputProblem("err_write_not_removable", path=str(target), folder=str(parent), reason=_os_reason(exc), temp=os.path.basename(tmp)) from None


def _make_temp(target: Path, parent: Path) -> tuple[int, str]:
    """A new empty temporary file beside ``target``, open, and its name (short: any name the file system takes for the target fits)."""
    import tempfile  # only when writing a file: not for a run that prints its checklist

    try:
        fd, tmp = tempfile.mkstemp(prefix=".ssguide-", suffix=".tmp", dir=parent)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise InputProblem("err_write_denied", path=str(target), reason=_os_reason(exc)) from None
        # The folder is there: its system's reason alone ("No such file or directory" from /proc) would say it is not.
        raise InputProblem("err_write_no_new_file", path=str(target), folder=str(parent), reason=_os_reason(exc)) from None
    return fd, tmp


def _new_file_mode() -> int:
    """0666 less the umask: what ``open`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask

