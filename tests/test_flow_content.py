"""What each bundled flow tells a user, checked against the sources it may use.

Every scenario runs the real command line in-process (typer's CliRunner) with
``--set ... --no-input --format json`` and checks three things:

* the items the situation needs are there, with the right sources and the dated
  2022 policy updates the domain notes ask for;
* NONE of the items of the other branches are there (a short trip must not get
  the long-term filing, outpatient claims must not ask for a discharge summary…);
* the JSON is self-consistent: every item's and update's source is listed in
  ``sources``, every update cites the 2022 notice (with its date) or the domain
  notes (with a year in the text), and the footer's ``flow.reviewed`` is set.

Facts come only from /work/shared/seeds/*.txt and /work/shared/domain-notes.md.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from ssguide.cli import app

TODAY = "2026-11-23"
NOTICE = "nhsa-2022-22"
NOTICE_CITATION = "医保发〔2022〕22号"

runner = CliRunner()


def run(flow: str, *sets: str, today: str = TODAY, lang: str = "en", fmt: str = "json") -> Any:
    args = [flow]
    for value in sets:
        args += ["--set", value]
    args += ["--no-input", "--format", fmt, "--today", today, "--lang", lang]
    result = runner.invoke(app, args, env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == 0, f"ssguide {' '.join(args)} exited {result.exit_code}: {result.stderr}{result.stdout}"
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["steps"] + data["materials"] + data["deadlines"] + data["notes"]


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {e["id"]: e for e in entries(data)}
    assert len(found) == len(entries(data)), "an item appears twice in the checklist"
    return found


def section_of(data: dict[str, Any], item_id: str) -> str:
    for section in ("steps", "materials", "deadlines", "notes"):
        if any(e["id"] == item_id for e in data[section]):
            return section
    raise AssertionError(f"{item_id} is not on the checklist")


def source(data: dict[str, Any], sid: str) -> dict[str, Any]:
    for s in data["sources"]:
        if s["id"] == sid:
            return s
    raise AssertionError(f"source {sid} not listed in the checklist's sources")


def assert_present(data: dict[str, Any], *ids: str) -> None:
    missing = [i for i in ids if i not in by_id(data)]
    assert not missing, f"expected items missing: {missing}; got {sorted(by_id(data))}"


def assert_absent(data: dict[str, Any], *ids: str) -> None:
    wrong = [i for i in ids if i in by_id(data)]
    assert not wrong, f"items of another branch on the checklist: {wrong}"


def assert_has_notice_update(item: dict[str, Any], *fragments: str) -> dict[str, Any]:
    """The item carries a 2022-notice update whose text has every fragment."""
    updates = [u for u in item["updates"] if u["source"] == NOTICE]
    assert updates, f"{item['id']}: no update citing {NOTICE}"
    text = " ".join(u["text"] for u in updates)
    for fragment in fragments:
        assert fragment in text, f"{item['id']}: update lacks {fragment!r}: {text}"
    return updates[0]


YEAR = re.compile(r"(19|20)\d\d")


def assert_consistent(data: dict[str, Any]) -> None:
    """Sources, updates and footer data hold together, whatever the scenario."""
    listed = {s["id"] for s in data["sources"]}
    cited: set[str] = set()
    for e in entries(data):
        assert e["sources"], f"{e['id']}: no source"
        for sid in e["sources"]:
            assert sid in listed, f"{e['id']}: source {sid} is not in the checklist's sources"
        cited.update(e["sources"])
        for u in e["updates"]:
            assert u["source"] in listed, f"{e['id']}: update source {u['source']} not listed"
            cited.add(u["source"])
            assert u["source"] in (NOTICE, "domain-notes"), (
                f"{e['id']}: a policy update must cite {NOTICE} or the domain notes, not {u['source']}"
            )
            if u["source"] == NOTICE:
                s = source(data, NOTICE)
                assert s["date"] == "2022", f"{NOTICE} must carry its date 2022, got {s['date']!r}"
                assert s["citation"] == NOTICE_CITATION
            else:
                assert YEAR.search(u["text"]), f"{e['id']}: a domain-notes update must say when policy changed"
    assert listed == cited, f"sources listed but never cited: {sorted(listed - cited)}"
    reviewed = data["flow"]["reviewed"]
    assert reviewed, "flow.reviewed (the footer's review date) is not set"
    date.fromisoformat(reviewed)  # a real date, as the footer prints it
    for e in data["deadlines"]:
        assert e["kind"] == "deadline" and "deadline" in e


# ---------------------------------------------------------------- offsite

LONG_TERM = ("lt-register", "lt-choose-institutions", "lt-refile")
SHORT_TRIP = ("st-phone-now", "st-phone-if", "st-emergency-deadline")


@pytest.mark.parametrize("destination", ["same_province", "other_province"])
@pytest.mark.parametrize("networked", ["networked", "not_networked", "not_sure"])
def test_offsite_long_term_move(destination: str, networked: str) -> None:
    data = run("offsite", "stay=long_term", f"destination={destination}", f"networked={networked}")
    assert_consistent(data)
    items = by_id(data)
    assert_present(data, *LONG_TERM, "file-online", "mat-card")
    assert_absent(data, *SHORT_TRIP)
    assert data["deadlines"] == [], "a long-term move has no emergency deadline"
    assert "emergency_happened" not in data["answers"] and "emergency_on" not in data["answers"]

    register = items["lt-register"]
    assert section_of(data, "lt-register") == "steps"
    assert set(register["sources"]) >= {"seed-001"}
    assert "social security card" in register["text"] and "register" in register["text"]
    assert_has_notice_update(register, "long-term residents", "e-credential")

    choose = items["lt-choose-institutions"]
    assert choose["sources"] == ["seed-001"]
    assert "1 to 3" in choose["text"] and "one year" in choose["text"]
    assert_has_notice_update(choose, "destination area", "valid until you change it")

    refile = items["lt-refile"]
    assert "file again" in refile["text"]
    assert_has_notice_update(refile, "destination area", "valid until changed")

    # Steps come in the order of the procedure: register before choosing institutions.
    steps = [e["id"] for e in data["steps"]]
    assert steps.index("lt-register") < steps.index("lt-choose-institutions") < steps.index("lt-refile")

    if destination == "other_province":
        assert_present(data, "other-province")
        assert_absent(data, "same-province")
        assert {"law-sil-29", "seed-000"} <= set(items["other-province"]["sources"])
        assert source(data, "law-sil-29")["citation"] == "《中华人民共和国社会保险法》第二十九条"
    else:
        assert_present(data, "same-province")
        assert_absent(data, "other-province")
        assert items["same-province"]["sources"] == ["seed-003"]

    if networked == "networked":
        assert_present(data, "direct-settlement", "settlement-fails")
        assert_absent(data, "advance-pay", "reimburse", "mat-vouchers", "check-networked")
    elif networked == "not_networked":
        assert_present(data, "advance-pay", "reimburse", "mat-vouchers")
        assert_absent(data, "direct-settlement", "settlement-fails", "check-networked")
    else:
        assert_present(data, "check-networked", "direct-settlement", "advance-pay", "reimburse", "mat-vouchers")


def test_offsite_short_trip_emergency_deadline_is_three_days_later() -> None:
    # The emergency date may not be after --today (it already happened), so the
    # run is dated the day after the emergency.
    data = run(
        "offsite",
        "stay=short_trip",
        "destination=other_province",
        "emergency_happened=yes",
        "emergency_on=2026-12-03",
        "networked=networked",
        today="2026-12-04",
    )
    assert_consistent(data)
    items = by_id(data)
    assert_present(data, "st-phone-now", "st-emergency-deadline", "file-online", "direct-settlement", "mat-card")
    assert_absent(data, *LONG_TERM, "st-phone-if")

    assert [e["id"] for e in data["deadlines"]] == ["st-emergency-deadline"]
    deadline = items["st-emergency-deadline"]
    assert deadline["sources"] == ["seed-001"]
    assert "three days" in deadline["text"]
    due = deadline["deadline"]
    assert due["date"] == "2026-12-06"
    assert due["anchor_date"] == "2026-12-03"
    assert due["past"] is False and due["estimate"] is False
    assert due["meaning"] == "due"
    assert "2026-12-06" in due["summary"] and "3 days after emergency treatment on 2026-12-03" in due["summary"]

    update = assert_has_notice_update(deadline, "deemed filed", "视同已备案", "3 days")
    notice = source(data, update["source"])
    assert notice["citation"] == NOTICE_CITATION and notice["date"] == "2022"
    assert notice["kind"] == "notice"

    phone = items["st-phone-now"]
    assert set(phone["sources"]) == {"seed-000", "seed-001"}
    assert_has_notice_update(phone, "six months")


def test_offsite_short_trip_deadline_in_chinese() -> None:
    data = run(
        "offsite",
        "stay=short_trip",
        "destination=same_province",
        "emergency_happened=yes",
        "emergency_on=2026-12-03",
        "networked=not_networked",
        today="2026-12-04",
        lang="zh",
    )
    assert_consistent(data)
    due = by_id(data)["st-emergency-deadline"]["deadline"]
    assert due["date"] == "2026-12-06"
    assert "2026年12月6日" in due["summary"] and "2026年12月3日" in due["summary"]
    assert "视同已备案" in by_id(data)["st-emergency-deadline"]["updates"][0]["text"]


def test_offsite_short_trip_without_emergency_has_no_dated_deadline() -> None:
    data = run("offsite", "stay=short_trip", "destination=other_province", "emergency_happened=no", "networked=networked")
    assert_consistent(data)
    assert_present(data, "st-phone-if")
    assert_absent(data, *LONG_TERM, "st-phone-now")
    assert "emergency_on" not in data["answers"]
    for e in data["deadlines"]:
        assert e["deadline"]["date"] is None and e["deadline"]["past"] is False


def test_offsite_emergency_date_after_today_is_refused() -> None:
    result = runner.invoke(
        app,
        ["offsite", "--set", "stay=short_trip", "--set", "destination=other_province", "--set", "emergency_happened=yes",
         "--set", "emergency_on=2026-12-03", "--set", "networked=networked", "--no-input", "--format", "json",
         "--today", TODAY],
        env={"LANG": "C.UTF-8"},
    )
    assert result.exit_code == 2
    assert "emergency_on" in result.stderr


@pytest.mark.parametrize(
    ("flow", "sets", "item"),
    [
        ("emergency", ["situation=emergency", "emergency_on=2026-11-01"], "em-deadline"),
        ("offsite", ["stay=short_trip", "destination=other_province", "emergency_happened=yes",
                     "emergency_on=2026-11-01", "networked=not_sure"], "st-emergency-deadline"),
    ],
)
def test_deadline_before_today_is_flagged_past(flow: str, sets: list[str], item: str) -> None:
    data = run(flow, *sets)
    assert_consistent(data)
    due = by_id(data)[item]["deadline"]
    assert due["date"] == "2026-11-04"
    assert due["past"] is True
    assert "already past" in due["summary"]
    text = run(flow, *sets, fmt="text")
    assert "already past" in text


def test_deadline_on_today_is_not_past() -> None:
    data = run("emergency", "situation=emergency", "emergency_on=2026-11-20")
    due = by_id(data)["em-deadline"]["deadline"]
    assert due["date"] == TODAY and due["past"] is False


# ---------------------------------------------------------------- emergency

REFERRAL = (
    "ref-certificate", "ref-register", "ref-window-seal", "ref-reimburse", "ref-rate",
    "mat-ref-certificate", "mat-ref-seal", "mat-ref-registration",
)
EMERGENCY = ("em-phone", "em-deadline", "em-advance-pay", "em-reimburse", "em-non-agreement", "em-rate", "mat-em-vouchers")


def test_emergency_referral() -> None:
    data = run("emergency", "situation=referral")
    assert_consistent(data)
    items = by_id(data)
    assert_present(data, *REFERRAL, "mat-card", "help")
    assert_absent(data, *EMERGENCY)
    assert data["deadlines"] == []
    assert "emergency_on" not in data["answers"]

    cert = items["ref-certificate"]
    assert section_of(data, "ref-certificate") == "steps"
    assert "referral certificate" in cert["text"] and "county-level hospital or above" in cert["text"]
    assert_has_notice_update(cert, "set by your insured place")

    assert "referral certificate" in items["mat-ref-certificate"]["text"].lower()
    assert section_of(data, "mat-ref-certificate") == "materials"
    assert "seal" in items["mat-ref-seal"]["text"] and "social security window" in items["mat-ref-seal"]["text"]
    assert section_of(data, "mat-ref-seal") == "materials"
    assert "seal" in items["ref-window-seal"]["text"]

    rate = items["ref-rate"]
    assert rate["kind"] == "warning"
    assert rate["sources"] == ["seed-000"]
    assert "30%–50%" in rate["text"]
    assert_has_notice_update(rate, "at most 10 percentage points", "at most 20 points")
    # Warnings come before notes.
    assert data["notes"][0]["id"] == "ref-rate"

    assert_has_notice_update(items["ref-register"], "six months")
    assert "county social security bureau" in items["ref-reimburse"]["text"]


def test_emergency_treatment() -> None:
    data = run("emergency", "situation=emergency", "emergency_on=2026-11-21")
    assert_consistent(data)
    items = by_id(data)
    assert_present(data, *EMERGENCY, "mat-card")
    assert_absent(data, *REFERRAL)
    due = items["em-deadline"]["deadline"]
    assert due["date"] == "2026-11-24" and due["past"] is False
    assert_has_notice_update(items["em-deadline"], "deemed filed")
    assert items["em-rate"]["sources"] == [NOTICE] and "at most 10 percentage points" in items["em-rate"]["text"]
    sources = set(items["em-non-agreement"]["sources"])
    assert {"law-impl-8", "law-sil-28"} <= sources
    assert "Art. 8" in items["em-non-agreement"]["text"] and "Art. 28" in items["em-non-agreement"]["text"]


# ---------------------------------------------------------------- shenzhen

OUTPATIENT_MATERIALS = ("sz-mat-out-receipts", "sz-mat-out-list")
HOSPITAL_MATERIALS = ("sz-mat-in-discharge", "sz-mat-in-list", "sz-mat-in-receipt")
NETWORKED_ONLY = ("sz-swipe", "sz-hosp-guangdong", "sz-hosp-cross", "sz-cross-fallback", "sz-check")


def test_shenzhen_outpatient_not_networked() -> None:
    data = run("shenzhen", "networked=not_networked", "care=outpatient")
    assert_consistent(data)
    items = by_id(data)
    assert "province" not in data["answers"], "a non-networked claim does not depend on the province"
    assert_present(data, "sz-file", "sz-advance", "sz-reimburse", "sz-result", *OUTPATIENT_MATERIALS, "sz-mat-card")
    assert_absent(data, *HOSPITAL_MATERIALS, *NETWORKED_ONLY)
    assert "fee receipts" in items["sz-mat-out-receipts"]["text"] and "Original" in items["sz-mat-out-receipts"]["text"]
    assert "Itemised" in items["sz-mat-out-list"]["text"]
    for iid in OUTPATIENT_MATERIALS:
        assert section_of(data, iid) == "materials"
        assert "hospital seal" in items[iid]["text"]
        assert items[iid]["sources"] == ["seed-004"]
    assert source(data, "seed-004")["citation"] == "004_bcc65f882c2c5f0a.txt"
    text = " ".join(e["text"] for e in entries(data)).lower()
    assert "discharge" not in text
    assert_has_notice_update(items["sz-file"], "mini-program")


def test_shenzhen_hospitalisation_not_networked() -> None:
    data = run("shenzhen", "networked=not_networked", "care=hospitalisation")
    assert_consistent(data)
    items = by_id(data)
    assert_present(data, "sz-file", "sz-advance", "sz-reimburse", "sz-result", *HOSPITAL_MATERIALS, "sz-mat-card")
    assert_absent(data, *OUTPATIENT_MATERIALS, *NETWORKED_ONLY)
    assert "discharge summary" in items["sz-mat-in-discharge"]["text"]
    assert "Detailed expense list" in items["sz-mat-in-list"]["text"]
    assert "Original receipt" in items["sz-mat-in-receipt"]["text"]
    for iid in HOSPITAL_MATERIALS:
        assert section_of(data, iid) == "materials"
        assert "hospital seal" in items[iid]["text"]
        assert items[iid]["sources"] == ["seed-004"]
    text = " ".join(e["text"] for e in entries(data))
    assert "Itemised cost list" not in text and "fee receipts" not in text


@pytest.mark.parametrize("province", ["guangdong", "other_province"])
def test_shenzhen_hospitalisation_networked(province: str) -> None:
    data = run("shenzhen", "networked=networked", "care=hospitalisation", f"province={province}")
    assert_consistent(data)
    assert_present(data, "sz-file", "sz-swipe")
    assert_absent(data, "sz-advance", "sz-reimburse", *OUTPATIENT_MATERIALS, *HOSPITAL_MATERIALS)
    if province == "guangdong":
        assert_present(data, "sz-hosp-guangdong")
        assert_absent(data, "sz-hosp-cross", "sz-cross-fallback")
    else:
        assert_present(data, "sz-hosp-cross", "sz-cross-fallback")
        assert_absent(data, "sz-hosp-guangdong")


# ---------------------------------------------------------------- card


def test_card_lost_with_urgent_need_gets_temporary_card() -> None:
    data = run("card", "reason=replace", "urgent=yes")
    assert_consistent(data)
    items = by_id(data)
    assert_present(data, "card-replace", "card-temp", "card-functions", "card-province")
    assert_absent(data, "card-new", "card-temp-info")
    temp = items["card-temp"]
    assert section_of(data, "card-temp") == "steps"
    assert temp["sources"] == ["seed-003"]
    assert "temporary card" in temp["text"] and "临时卡" in temp["text"]
    assert "social security card" in items["card-replace"]["text"]


def test_card_lost_without_urgent_need() -> None:
    data = run("card", "reason=replace", "urgent=no")
    assert_consistent(data)
    assert_present(data, "card-replace", "card-temp-info")
    assert_absent(data, "card-new", "card-temp")
    assert section_of(data, "card-temp-info") == "notes"
    assert all("temporary card" not in e["text"] for e in data["steps"])


def test_card_new() -> None:
    data = run("card", "reason=new")
    assert_consistent(data)
    assert_present(data, "card-new")
    assert_absent(data, "card-replace", "card-temp", "card-temp-info")
    assert "urgent" not in data["answers"]


# ---------------------------------------------------------------- apply-child

SCHOOL = (
    "school-get-materials", "school-fill-declare", "school-review", "school-agency-collect",
    "school-card-making", "school-card-issued", "school-card-deadline",
    "school-mat-forms", "school-mat-online", "school-mat-other",
)
HOME = (
    "home-get-materials", "home-fill-declare", "home-ask-subsidy", "home-agency-collect",
    "home-card-making", "home-card-collect", "home-card-deadline",
    "home-mat-forms", "home-mat-online", "home-mat-other", "home-mat-fee",
)


def test_apply_child_low_income_school_child() -> None:
    data = run("apply-child", "route=school", "low_income=yes")
    assert_consistent(data)
    items = by_id(data)
    assert list(data["answers"]) == ["route", "low_income"], "no card-making questions on this route"
    assert_present(data, "low-income-school-excluded", "low-income-ask-agency", "subsidy-art25", "older-procedure")
    assert_absent(data, *SCHOOL, *HOME)
    assert data["deadlines"] == [] and data["materials"] == []

    excluded = items["low-income-school-excluded"]
    assert excluded["kind"] == "warning"
    assert excluded["sources"] == ["seed-000"]
    assert "excludes children from poor families" in excluded["text"]

    art25 = items["subsidy-art25"]
    assert "law-sil-25" in art25["sources"]
    assert "Art. 25" in art25["text"] and "minors from low-income families" in art25["text"]
    assert "over sixty" in art25["text"]
    assert source(data, "law-sil-25")["citation"] == "《中华人民共和国社会保险法》第二十五条"
    merged = [u for u in art25["updates"] if u["source"] == "domain-notes"]
    assert merged and "2016" in merged[0]["text"]

    ask = items["low-income-ask-agency"]
    assert "law-sil-25" in ask["sources"]


def test_apply_child_school_route_not_low_income() -> None:
    data = run("apply-child", "route=school", "low_income=no", "card_accepted=yes", "accepted_on=2026-11-02")
    assert_consistent(data)
    assert_present(data, *SCHOOL)
    assert_absent(data, *HOME, "low-income-school-excluded", "low-income-ask-agency", "subsidy-art25")
    due = by_id(data)["school-card-deadline"]["deadline"]
    assert due["anchor_date"] == "2026-11-02" and due["date"] is not None


@pytest.mark.parametrize("route", ["not_in_school", "registered_elsewhere"])
def test_apply_child_home_route_low_income(route: str) -> None:
    data = run("apply-child", f"route={route}", "low_income=yes", "card_accepted=no")
    assert_consistent(data)
    assert_present(data, *(i for i in HOME if i != "home-card-deadline"), "subsidy-art25")
    assert_absent(data, *SCHOOL, "low-income-school-excluded", "low-income-ask-agency")
    if route == "registered_elsewhere":
        assert_present(data, "registered-elsewhere")
    else:
        assert_absent(data, "registered-elsewhere")


# ---------------------------------------------------------------- the rendered footer and updates


@pytest.mark.parametrize(
    ("flow", "sets"),
    [
        ("offsite", ["stay=long_term", "destination=other_province", "networked=networked"]),
        ("emergency", ["situation=referral"]),
        ("shenzhen", ["networked=not_networked", "care=outpatient"]),
        ("card", ["reason=replace", "urgent=yes"]),
        ("apply-child", ["route=school", "low_income=yes"]),
    ],
)
def test_markdown_shows_dated_updates_and_review_footer(flow: str, sets: list[str]) -> None:
    data = run(flow, *sets)
    md = run(flow, *sets, fmt="markdown")
    assert f"Content last reviewed on {data['flow']['reviewed']}" in md
    if any(u["source"] == NOTICE for e in entries(data) for u in e["updates"]):
        assert "Policy update 2022 (医保发〔2022〕22号)" in md
        assert "The rules of your insured place decide." in md
