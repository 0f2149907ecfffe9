"""Where flows live: the bundled ones inside the package, or a file the user names.

Bundled flows ship inside the wheel as ``ssguide/flows/*.yaml``; in a source
checkout they are read from the top-level ``flows/`` folder. Building the CLI
needs only each flow's id, command and title, read with libyaml's fast safe
loader, so ``ssguide --help`` never parses and checks every flow in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

from .i18n import LocalText

if TYPE_CHECKING:
    from .flow import Flow

_PACKAGE_DIR = Path(__file__).resolve().parent


class UnknownFlow(LookupError):
    """The user named a flow that is neither bundled nor a file."""


def bundled_dir() -> Path:
    installed = _PACKAGE_DIR / "flows"
    if installed.is_dir():
        return installed
    # A source checkout (editable install or PYTHONPATH=src): src/ssguide → ../../flows
    return _PACKAGE_DIR.parent.parent / "flows"


@dataclass(frozen=True)
class FlowInfo:
    id: str
    command: str
    title: LocalText
    description: LocalText
    path: Path


def _text(raw: object) -> LocalText:
    if isinstance(raw, dict):
        return LocalText.of({str(k): str(v) for k, v in raw.items()})
    return LocalText.plain(str(raw or ""))


@lru_cache(maxsize=1)
def bundled_flows() -> tuple[FlowInfo, ...]:
    """id, command and title of every bundled flow, sorted by command."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    infos = []
    for path in sorted(bundled_dir().glob("*.yaml")):
        try:
            # libyaml's *safe* loader, driven directly: fast, and never constructs objects.
            reader = loader(path.read_text(encoding="utf-8"))
            try:
                data = reader.get_single_data()
            finally:
                reader.dispose()
        except (OSError, yaml.YAMLError):
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            # Still listed, so that running it reports the real errors.
            infos.append(FlowInfo(path.stem, path.stem, LocalText.plain(path.stem), LocalText.plain(""), path))
            continue
        infos.append(
            FlowInfo(
                id=data["id"],
                command=str(data.get("command") or data["id"]),
                title=_text(data.get("title")),
                description=_text(data.get("description")),
                path=path,
            )
        )
    return tuple(sorted(infos, key=lambda i: i.command))


def looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def resolve(ref: str) -> Flow:
    """A bundled flow by id or command, or a flow file by path."""
    from .flow import load_flow  # the full loader is not needed to build --help

    if looks_like_path(ref) or Path(ref).is_file():
        return load_flow(Path(ref))
    for info in bundled_flows():
        if ref in (info.id, info.command):
            return load_flow(info.path, display_name=display_path(info.path))
    known = ", ".join(i.command for i in bundled_flows())
    raise UnknownFlow(f"no bundled flow named '{ref}' (bundled: {known}); or give a path to a .yaml file")


def display_path(path: Path) -> str:
    """Bundled flows are shown as flows/NAME.yaml, wherever they are installed."""
    return f"flows/{path.name}"
