"""Hostile answer files and --set values: a clear one-line error (exit 2) or a valid run.

Hypothesis generates random structures, wrong types, huge strings and odd
Unicode; whatever comes in, the CLI must never crash with a traceback.
Examples are bounded so CI stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.cli import run_main


QUESTION_IDS = ["route", "low_income", "card_accepted", "accepted_on", "nonexistent", "", "💥"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0x2000, max_codepoint=0x2FFFF), max_size=20),
    st.sampled_from(["school", "not_in_school", "yes", "no", "2026-11-02", "2026-02-30", "<", "x" * 5000]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)), max_leaves=6)
answer_maps = st.dictionaries(st.sampled_from(QUESTION_IDS) | st.text(max_size=10), values, max_size=5)


def _run(args: list[str]):
    return run_main(["apply-child", "--no-input", "--today", "2026-11-23", "--format", "json", *args])


def _assert_clean(result) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        error_lines = [line for line in result.output.splitlines() if line.startswith("ssguide: error:")]
        assert len(error_lines) == 1, result.output
    else:
        assert json.loads(result.stdout)["steps"] or json.loads(result.stdout)["notes"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_maps, as_json=st.booleans())
def test_random_answer_files(tmp_path_factory, answers, as_json) -> None:
    folder = tmp_path_factory.mktemp("answers")
    path = folder / ("a.json" if as_json else "a.yaml")
    try:
        text = json.dumps(answers, ensure_ascii=False) if as_json else yaml.safe_dump(answers, allow_unicode=True)
        data = text.encode("utf-8")
    except (ValueError, TypeError, UnicodeEncodeError):
        return  # not representable as a UTF-8 file (lone surrogates); nothing to test
    path.write_bytes(data)
    _assert_clean(_run(["--answers", str(path)]))


@settings(max_examples=80, deadline=None)
@given(raw=st.binary(max_size=300))
def test_random_bytes_as_answers_file(tmp_path_factory, raw) -> None:
    path = tmp_path_factory.mktemp("bytes") / "a.yaml"
    path.write_bytes(raw)
    _assert_clean(_run(["--answers", str(path)]))


@settings(max_examples=80, deadline=None)
@given(pairs=st.lists(st.tuples(st.sampled_from(QUESTION_IDS), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)), max_size=4))
def test_random_set_options(pairs) -> None:
    args = [arg for qid, value in pairs for arg in ("--set", f"{qid}={value}")]
    _assert_clean(_run(args))


def test_object_tag_in_answers_file_is_refused(tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    path = tmp_path / "a.yaml"
    path.write_text(f'route: !!python/object/apply:os.system ["touch {sentinel}"]\n', encoding="utf-8")
    result = _run(["--answers", str(path)])
    assert result.exit_code == 2
    assert "not allowed" in result.output
    assert not sentinel.exists()


def test_locale_fallback() -> None:
    from ssguide.lang.i18n import detect_language

    assert detect_language(None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert detect_language(None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert detect_language(None, {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}) == "zh"
    assert detect_language(None, {}) == "en"
    assert detect_language("zh", {"LANG": "en_US.UTF-8"}) == "zh"
