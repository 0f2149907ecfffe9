"""Saved progress: answers kept on Ctrl-C so the next run can resume.

One JSON file per flow under the user data folder (``platformdirs``;
``SSGUIDE_DATA_DIR`` overrides it, for tests and portable setups). A file
that cannot be read is treated as no saved progress — resuming is a
convenience and must never stop anyone from starting again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .flow import Flow


def data_dir() -> Path:
    override = os.environ.get("SSGUIDE_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("ssguide", appauthor=False))


def session_path(flow: Flow) -> Path:
    return data_dir() / "sessions" / f"{flow.id}.json"


def load(flow: Flow) -> dict[str, Any]:
    """Saved raw answers for this flow (empty if none or unreadable)."""
    try:
        data = json.loads(session_path(flow).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    return dict(answers) if isinstance(answers, dict) else {}


def save(flow: Flow, answers: Mapping[str, Any]) -> Path | None:
    """Save plain answers; returns where, or None if the folder is not writable."""
    if not answers:
        return None
    path = session_path(flow)
    plain = {qid: flow.questions[qid].qtype.to_plain(v) for qid, v in answers.items() if qid in flow.questions}
    payload = {"flow": flow.id, "saved": datetime.now().isoformat(timespec="seconds"), "answers": plain}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=_iso), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return None
    return path


def clear(flow: Flow) -> None:
    try:
        session_path(flow).unlink()
    except OSError:
        pass


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
