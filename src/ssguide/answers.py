"""Answers from outside the wizard: files, ``--set`` flags, saved answers, atomic writes.

Layering follows copier: ``--set`` > answers file > prompt > defaults. Every
value is checked against its question before anything is asked or computed, so
a typo in an answers file is reported with its file and line, not discovered
half-way through a wizard.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from .flow import Flow, _suggest
from .qtypes import AnswerError
from .yamlsafe import Pos, YamlInputError, load_located, pos_of, read_limited

MAX_ANSWERS_BYTES = 1024 * 1024


class InputProblem(Exception):
    """Bad input from the user: one line, exit code 2."""


def load_answers_file(path: Path) -> dict[str, Any]:
    """A mapping of question id → raw value from a YAML or JSON file (JSON is YAML)."""
    try:
        text = read_limited(path, MAX_ANSWERS_BYTES)
        data = load_located(text, str(path))
    except YamlInputError as exc:
        raise InputProblem(f"{exc.pos}: {exc.message} (answers file)") from None
    if not isinstance(data, dict):
        raise InputProblem(f"{path}:1:1: an answers file must be a mapping of question id to answer, e.g. 'route: school'")
    return data


def parse_set_options(options: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise InputProblem(f"--set {option!r}: write it as QUESTION_ID=VALUE, e.g. --set route=school")
        values[key.strip()] = value
    return values


def coerce_answers(
    flow: Flow, raw: Mapping[Any, Any], today: date, origin: str
) -> dict[str, Any]:
    """Check and convert raw answers (strings from flags, values from files).

    ``origin`` names where they came from for the error message; when ``raw``
    remembers positions (an answers file) the message points at the line.
    """
    result: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{pos_of(raw, key, Pos(origin, 1, 1))}: " if hasattr(raw, "pos_of") else f"{origin}: "
        if not isinstance(key, str) or key not in flow.questions:
            known = ", ".join(flow.questions)
            raise InputProblem(
                f"{where}'{key}' is not a question of '{flow.id}'{_suggest(str(key), flow.questions)} (questions: {known})"
            )
        question = flow.questions[key]
        if value is None:
            continue
        try:
            result[key] = question.qtype.coerce(question, value, today)
        except AnswerError as exc:
            shown = value if not isinstance(value, str) or len(value) < 60 else value[:57] + "..."
            raise InputProblem(f"{where}question '{key}': {shown!r} is {exc}") from None
    return result


def plain_answers(flow: Flow, answers: Mapping[str, Any]) -> dict[str, Any]:
    return {qid: flow.questions[qid].qtype.to_plain(v) for qid, v in answers.items()}


def dump_answers(flow: Flow, answers: Mapping[str, Any]) -> str:
    """Answers as YAML that ``--answers`` reads back to the same values."""
    import yaml

    bundled = flow.path.startswith("flows/")
    usage = f"ssguide {flow.command}" if bundled else f"ssguide run {flow.path}"
    header = f"# ssguide answers for '{flow.id}' — use with: {usage} --answers FILE\n"
    body = yaml.safe_dump(plain_answers(flow, answers), allow_unicode=True, sort_keys=False, default_flow_style=False)
    return header + body


def write_atomic(path: Path, data: bytes, force: bool) -> None:
    """Write all of ``data`` or nothing: a temp file in the same folder, then rename.

    Refuses an existing file unless ``force``; never leaves a half-written file.
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if target.exists() and target.is_dir():
        raise InputProblem(f"cannot write {target}: it is a folder; give a file name")
    if target.exists() and not force:
        raise InputProblem(f"{target} already exists; use --force to overwrite it, or choose another name")
    if not parent.is_dir():
        raise InputProblem(f"cannot write {target}: folder {parent} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputProblem(f"cannot write {target}: {exc.strerror or exc} (check the folder's permissions)") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InputProblem(f"cannot write {target}: {exc.strerror or exc}") from None


def export_format(path: Path) -> str:
    """The export format a file name asks for."""
    suffix = path.suffix.lower()
    formats = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".ics": "ics", ".txt": "text"}
    if suffix not in formats:
        raise InputProblem(f"--export {path}: unknown file type '{suffix or '(none)'}'; use .md, .json, .ics or .txt")
    return formats[suffix]
