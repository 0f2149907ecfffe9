"""Property: whatever Unicode a flow or an answers file holds, nothing that steers a terminal gets out.

For random flows and answers with C0 and C1 controls, bidi overrides and ESC
sequences anywhere in their texts, values and answers, no byte 0x00-0x1F but
tab and newline, no ESC and no C1 control reaches stdout, stderr or the .md,
.json and .ics files (iCalendar's own CRLF line ends aside), and every run
ends in exit 0, 1, 2 or 130 within seconds of CPU time. In-process, bounded, for CI.
"""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.budget import cpu_budget
from support.cli import invoke

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NASTY = ["\x1b]0;pwned\x07", "\x1b]52;c;cm0gLXJm\x07", "\x1b[2J", "\x9b31m", "\x9d0;x\x9c", "\u202e", "\u2066", "\r", "\x00",
         "\x7f", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\t", "\n"]
hostile_texts = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8), st.sampled_from(["Claim", "办理", " "])),
                 min_size=1, max_size=5).map("".join)
# What the loader lets through (no C0 but tab and newline, no DEL, no C1): bidi and separators must still be shown.
SHOWABLE = ["\u202e", "\u2066", "\u2028", "\u2029", "\u200f", "\t", "\n", "<b>", "*_", "#"]
safe_texts = st.lists(st.one_of(st.sampled_from(SHOWABLE), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8),
                                st.sampled_from(["Claim", "办理"])), min_size=1, max_size=5).map("".join).filter(str.strip)


@st.composite
def flows_and_answers(draw: st.DrawFn) -> tuple[dict, dict]:
    # Half the flows are hostile throughout (refused at load); the others hold
    # only what the loader accepts, so that every output is rendered.
    texts = draw(st.sampled_from([hostile_texts, safe_texts]))
    values = draw(st.lists(st.one_of(st.sampled_from(["a", "b", "c"]), texts), min_size=2, max_size=3, unique=True))
    questions = [
        {"id": "pick", "type": "choice", "text": draw(texts), "choices": [{"value": v, "label": draw(texts)} for v in values],
         "next": "note"},
        {"id": "note", "type": "text", "text": draw(texts), "next": "day"},
        {"id": "day", "type": "date", "text": draw(texts), "event": draw(texts)},
    ]
    items = [
        {"id": "always", "kind": "step", "text": draw(texts), "source": "s1"},
        {"id": "picked", "kind": "material", "text": draw(texts), "source": "s1", "when": {"pick": values[0]}},
        {"id": "due", "kind": "deadline", "text": draw(texts), "source": "s1",
         "deadline": {"from": {"question": "day"}, "after": {"days": 30}},
         "updates": [{"source": "s1", "text": draw(texts)}]},
    ]
    flow = {"id": "prop", "title": draw(texts), "description": draw(texts),
            "sources": [{"id": "s1", "title": draw(texts), "citation": draw(texts), "date": draw(texts)}],
            "questions": questions, "items": items}
    answers = {"pick": draw(st.one_of(st.sampled_from(values), st.sampled_from(values), hostile_texts)), "note": draw(st.one_of(safe_texts, hostile_texts)),
               "day": "2026-11-20"}
    return flow, answers


EXIT_CODES: list[tuple[int, ...]] = []


def check(data: bytes | str, what: str, ics: bool = False) -> None:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if ics:
        text = text.replace("\r\n", "\n")  # the format's own line ends
    match = UNSAFE.search(text)
    assert match is None, f"{what}: {match.group(0)!r} in {text[max(0, match.start() - 40):match.end() + 40]!r}"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=flows_and_answers(), lang=st.sampled_from(["en", "zh"]))
def test_no_control_character_gets_out(tmp_path_factory, case: tuple[dict, dict], lang: str) -> None:
    flow, answers = case
    folder = tmp_path_factory.mktemp("prop")
    flow_file, answers_file = folder / "flow.yaml", folder / "answers.yaml"
    flow_file.write_text(yaml.safe_dump(flow, allow_unicode=True), encoding="utf-8")
    answers_file.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    outputs = {kind: folder / f"out.{kind}" for kind in ("md", "json", "ics")}
    runs = [
        ["validate", str(flow_file), "--lang", lang],
        ["graph", str(flow_file), "--lang", lang],
        ["paths", str(flow_file), "--lang", lang],
        ["run", str(flow_file), "--no-input", "--lang", lang, "--answers", str(answers_file), "--why",
         *[arg for path in outputs.values() for arg in ("--export", str(path))], "--force"],
        ["run", str(flow_file), "--no-input", "--lang", lang, "--answers", str(answers_file), "--format", "json"],
        ["run", str(flow_file), "--no-input", "--lang", lang, "--set", f"note={answers['note']}"],
    ]
    codes = []
    for argv in runs:
        with cpu_budget(10, f"ssguide {argv[0]}"):  # each run of these small flows costs well under 0.1 s
            result = invoke(*argv, today=None if argv[0] == "graph" else "2026-11-23")
        assert result.returncode in (0, 1, 2, 130), (argv, result.returncode, result.stderr)
        check(result.stdout, f"{argv[0]} stdout")
        check(result.stderr, f"{argv[0]} stderr")
        codes.append(result.returncode)
    EXIT_CODES.append(tuple(codes))
    for kind, path in outputs.items():
        if path.exists():
            check(path.read_bytes(), str(path.name), ics=kind == "ics")
