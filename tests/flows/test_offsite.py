"""offsite: every off-site patient files first, unless filed already; the 2022 notice only for cross-province treatment;
routes for those who are home again, who move, and for a child living away."""

from __future__ import annotations

import pytest
from support.scenarios import (
    NOTICE, all_text, assert_absent, assert_consistent, assert_current_rule, assert_no_notice, assert_present, by_id,
    cites, do_now_ids, run, step_ids,
)

SHORT_NO_EMERGENCY = ("stay=short_trip", "emergency_happened=no", "filed=no", "paid_home=no", "networked=networked")
SHORT_EMERGENCY = (
    "stay=short_trip", "emergency_happened=yes", "emergency_on=2026-11-21", "reported=no", "paid_home=no", "networked=not_networked",
)
HOME_WITHOUT_FILING = ("stay=short_trip", "emergency_happened=no", "filed=no", "paid_home=yes")
RETIREE = ("stay=long_term", "destination=other_province", "filed=yes")


def test_short_trip_without_emergency_files_first_and_has_no_emergency_deadline() -> None:
    data = run("offsite", *SHORT_NO_EMERGENCY, "destination=other_province")
    assert_consistent(data)
    assert step_ids(data)[0] == "st-file"
    assert data["do_now"]["actions"][0]["id"] == "st-file"
    assert data["steps"][0]["text"].startswith("File now, as a person temporarily seeking treatment off-site")
    assert data["deadlines"] == [] and data["do_now"]["act_by"] is None
    assert_absent(data, "st-emergency-deadline", "st-emergency-filed", "st-rate-emergency")
    assert "emergency treatment" not in data["steps"][0]["text"]


def test_a_short_trip_across_provinces_files_now_through_any_channel_even_from_hospital() -> None:
    """M2: "before you seek treatment" may be too late: file now, where, and before the discharge settlement if in hospital."""
    data = run("offsite", *SHORT_NO_EMERGENCY, "destination=other_province")
    step = by_id(data)["st-file"]
    assert "before you seek treatment" not in step["text"]
    for words in ("File now", "at its counter", "国家医保服务平台", "国家异地就医备案",
                  "If you are already in hospital, file before the discharge settlement (2022 notice; your insured place sets how)."):
        assert words in step["text"], words
    assert set(step["sources"]) == {NOTICE, "editors-late"}
    # Said once: the channels and the discharge settlement are not repeated by an information line or a note.
    assert_absent(data, "filing-channels", "st-file-before-discharge")
    near = by_id(run("offsite", *SHORT_NO_EMERGENCY[:4], "destination=same_province"))["st-file"]
    assert near["earlier"] is None and NOTICE not in near["sources"]


def test_short_trip_without_emergency_across_provinces_is_told_the_20_point_rule() -> None:
    items = by_id(run("offsite", *SHORT_NO_EMERGENCY, "destination=other_province"))
    rate = items["st-rate-not-emergency"]
    assert rate["kind"] == "warning" and rate["sources"] == [NOTICE]
    assert "neither an emergency nor a referral" in rate["text"] and "20 percentage points" in rate["text"]
    assert_current_rule(items["st-file"], "temporarily seeking treatment off-site", "at least six months")
    assert "st-rate-emergency" not in items


def test_short_trip_with_emergency_is_deemed_filed_first_and_told_the_10_point_rule() -> None:
    data = run("offsite", *SHORT_EMERGENCY, "destination=other_province")
    assert_consistent(data)
    items = by_id(data)
    assert step_ids(data)[0] == "st-emergency-filed"
    deemed = items["st-emergency-filed"]
    assert "deemed filed (视同已备案)" in deemed["text"] and deemed["info"] and deemed["sources"] == [NOTICE]
    assert_absent(data, "st-file", "filing-channels", "st-rate-not-emergency")
    assert "six months" not in all_text(data), "an emergency patient is not told to file as their own group"
    assert "10 percentage points" in items["st-rate-emergency"]["text"]
    deadline = items["st-emergency-deadline"]
    assert deadline["sources"] == [NOTICE, "seed-001"] and "promptly" in deadline["text"]
    assert "some places still ask within three days" in deadline["text"] and "three days" in deadline["earlier"]["text"]
    assert deadline["deadline"]["date"] == "2026-11-24"
    assert data["do_now"]["act_by"]["date"] == "2026-11-24"
    assert data["do_now"]["actions"][0]["id"] == "st-emergency-deadline"


def test_same_province_shows_no_cross_province_update() -> None:
    for sets in (SHORT_NO_EMERGENCY[:4], SHORT_EMERGENCY[:5], ("stay=long_term", "filed=no")):
        data = run("offsite", *sets, "destination=same_province")
        assert_consistent(data)
        assert_no_notice(data)
        assert all(e["earlier"] is None for e in data["steps"] + data["deadlines"])


def test_same_province_emergency_reports_within_three_days_in_one_action() -> None:
    data = run("offsite", *SHORT_EMERGENCY[:5], "destination=same_province")
    items = by_id(data)
    assert_absent(data, "st-emergency-filed")
    deadline = items["st-emergency-deadline"]
    assert deadline["text"].startswith("Within three days after the emergency treatment") and "by telephone" in deadline["text"]
    assert [e["id"] for e in data["steps"] + data["deadlines"] if "telephone" in e["text"]] == ["st-emergency-deadline"]


def test_same_province_says_what_the_sources_say_and_what_to_check() -> None:
    """Fix 3.5: no hedge that contradicts "file first"; the card works province-wide; ask how to file for the city."""
    data = run("offsite", *SHORT_NO_EMERGENCY[:4], "destination=same_province")
    assert do_now_ids(data)[:2] == ["st-file", "province-settle"]
    note = by_id(data)["same-province"]
    assert note["text"].startswith("Ask your insured place's medical insurance agency how to file")
    assert "still needs a filing" not in all_text(data)
    assert note["sources"] == ["seed-000"]
    assert_absent(data, "file-online")


@pytest.mark.parametrize("stay", [("stay=long_term", "filed=no"), ("stay=long_term", "filed=yes", "moving=staying"),
                                  ("stay=child_away", "filed=no"), ("stay=short_trip", "emergency_happened=no", "filed=yes", "paid_home=no")])
def test_same_province_is_never_asked_about_the_national_networked_platform(stay: tuple[str, ...]) -> None:
    """H6: within the province the card settles at the designated institution (seeds 001, 003): no networked question,
    never "pay the full amount yourself" as the plan; if settlement fails, pay and claim with the vouchers."""
    data = run("offsite", *stay, "destination=same_province")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert_absent(data, "direct-settlement", "advance-pay", "reimburse")
    settle = by_id(data)["province-settle"]
    assert "throughout your province" in settle["text"] and "settled directly by card" in settle["text"]
    assert set(settle["sources"]) == {"domain-notes", "seed-001", "seed-003"}
    assert "province-settle" in do_now_ids(data)
    assert "pay the full amount yourself and claim it back" in by_id(data)["settlement-fails"]["text"]
    assert "Networked" not in run("offsite", *stay, "destination=same_province", fmt="text")


@pytest.mark.parametrize("destination", ["same_province", "other_province"])
def test_long_term_files_first(destination: str) -> None:
    data = run("offsite", "stay=long_term", f"destination={destination}", "filed=no", "networked=networked")
    assert_consistent(data)
    assert step_ids(data)[0] == "lt-register"
    assert_absent(data, "st-file", "st-emergency-filed", "st-emergency-deadline", "st-rate-not-emergency")
    register = by_id(data)["lt-register"]
    if destination == "other_province":
        assert_current_rule(register, "covers the whole destination area", "stays valid until you change it")
        assert "1 to 3" in register["earlier"]["text"] and "1 to 3" not in register["text"]
    else:
        assert "1 to 3" in register["text"] and register["earlier"] is None


def test_the_filing_area_is_part_of_the_filing_step_not_a_second_action() -> None:
    """M1: "use any networked institution in the area you filed for" was information numbered as an action and said
    what the filing step says; now the filing step says it, once, and nothing clashes with a hospital not networked."""
    for networked in ("networked", "not_networked", "unsure"):
        data = run("offsite", "stay=long_term", "destination=other_province", "filed=no", f"networked={networked}")
        assert_consistent(data)
        assert "lt-choose-institutions" not in by_id(data)
        now = " ".join(a["text"] for a in data["do_now"]["actions"])
        assert now.count("destination area") == 1 and "Use any networked" not in now


def test_treated_elsewhere_without_filing_and_home_again_files_afterwards_and_claims() -> None:
    """Route 4.1: paid yourself, now home: what to bring, by when (the sources give no period), whom to ask."""
    data = run("offsite", *HOME_WITHOUT_FILING, "destination=other_province")
    assert_consistent(data)
    assert "networked" not in data["answers"]
    assert do_now_ids(data) == ["ph-file-after", "ph-claim"]
    after = by_id(data)["ph-file-after"]
    assert set(after["sources"]) == {"editors-late", NOTICE} and "your insured place sets how" in after["text"]
    claim = by_id(data)["ph-claim"]["text"]
    assert "The sources don't say how long you have to claim; your insured place decides. Ask it soon." in claim
    assert_present(data, "mat-claim-receipts", "mat-claim-discharge", "mat-vouchers", "mat-card")
    assert_absent(data, "st-file", "advance-pay", "reimburse", "direct-settlement")


def test_home_again_within_the_province_without_a_filing_asks_whether_the_claim_is_accepted() -> None:
    """M6: no source gives a within-province rule for filing afterwards: ask; "how to file" is not for someone home again."""
    near = run("offsite", *HOME_WITHOUT_FILING, "destination=same_province")
    assert_consistent(near)
    assert do_now_ids(near) == ["ph-no-filing", "ph-claim"]
    ask = by_id(near)["ph-no-filing"]
    assert ask["text"].startswith("You did not file, so ask your insured place's medical insurance agency whether it accepts your claim without a filing")
    assert NOTICE not in ask["sources"]
    assert_absent(near, "same-province", "ph-file-after", "province-settle")
    filed = run("offsite", "stay=short_trip", "emergency_happened=no", "filed=yes", "paid_home=yes", "destination=same_province")
    assert_absent(filed, "same-province", "ph-no-filing")
    for sets in (("stay=long_term", "filed=yes", "moving=staying"), ("stay=child_away", "filed=yes")):
        assert_absent(run("offsite", *sets, "destination=same_province"), "same-province")
    assert_present(run("offsite", "stay=long_term", "filed=no", "destination=same_province"), "same-province")
    filed = run("offsite", "stay=short_trip", "emergency_happened=no", "filed=yes", "paid_home=yes", "destination=other_province")
    assert do_now_ids(filed) == ["ph-claim"]


def test_a_retiree_who_filed_and_moves_back_changes_or_cancels_the_filing() -> None:
    """Route 4.2: moving back; the filing is done, nothing says to file first; never a fixed period."""
    data = run("offsite", *RETIREE, "moving=moving_back")
    assert_consistent(data)
    assert by_id(data)["lt-register"]["done"]
    assert do_now_ids(data) == ["lt-move-back"]
    back = by_id(data)["lt-move-back"]["text"]
    assert "change or cancel your off-site filing" in back and "ask whether yours can be changed now" in back
    assert "six months" not in back
    assert_present(data, "lt-back-treated")
    assert "networked" not in data["answers"]


def test_someone_who_filed_and_moves_files_again() -> None:
    away = run("offsite", *RETIREE, "moving=moving_elsewhere")
    assert do_now_ids(away) == ["lt-move"]
    assert_current_rule(by_id(away)["lt-move"], "change your filing (变更备案)", "valid until changed")
    near = run("offsite", "stay=long_term", "destination=same_province", "filed=yes", "moving=moving_elsewhere")
    assert by_id(near)["lt-move"]["earlier"] is None and "file again" in by_id(near)["lt-move"]["text"]


def test_someone_who_filed_and_stays_is_not_told_to_file() -> None:
    data = run("offsite", *RETIREE, "moving=staying", "networked=networked")
    assert_consistent(data)
    assert "lt-register" not in do_now_ids(data) and do_now_ids(data)[0] == "direct-settlement"
    assert by_id(data)["filing-channels"]["done"]
    assert_present(data, "lt-refile")


def test_not_sure_whether_filed_finds_out_before_what_follows_from_a_filing() -> None:
    data = run("offsite", "stay=long_term", "destination=other_province", "filed=unsure", "networked=networked")
    assert_consistent(data)
    assert "moving" not in data["answers"]
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["filed"]
    assert "lt-register" not in do_now_ids(data)


def test_a_child_living_away_is_registered_at_the_insured_place() -> None:
    """Route 4.3: the child's card is handled at home; a long absence means registering there first."""
    data = run("offsite", "stay=child_away", "destination=other_province", "filed=no", "networked=networked")
    assert_consistent(data)
    assert do_now_ids(data)[0] == "child-register"
    register = by_id(data)["child-register"]
    assert register["sources"] == ["seed-000"] and "handled at home" in register["text"]
    assert "also use the medical insurance for reimbursement in other cities" in register["text"]
    student = by_id(data)["child-student"]
    assert student["sources"] == ["editors-away"]
    # M7: the domain notes speak of university students only.
    assert student["text"].startswith("A university student may be insured through the university, in its city")
    assert "school or university" not in student["text"]
    assert_absent(data, "lt-register", "st-file")
    zh = run("offsite", "stay=child_away", "destination=other_province", "filed=no", "networked=networked", lang="zh")
    assert "少儿医保卡在参保地" in by_id(zh)["child-register"]["text"]
    assert "办理登记后，孩子在外地就医也可以用医保报销。" in by_id(zh)["child-register"]["text"]
    assert by_id(zh)["child-student"]["text"].startswith("在外地上大学的学生，也可能通过所在高校在当地参保")


def test_card_across_provinces_cites_seed_003_only_for_the_art_29_quote() -> None:
    data = run("offsite", "stay=long_term", "destination=other_province", "filed=no", "networked=networked")
    note = by_id(data)["other-province"]
    assert "seed-003" not in cites(note), "seed 003 says cross-province use is still a difficult problem"
    assert "law-sil-29" in note["sources"] and "Art. 29" in note["text"]
    law = next(s for s in data["sources"] if s["id"] == "law-sil-29")
    assert "Article 29" in law["title"]


def test_chinese_uses_one_agency_term_and_the_reviewed_wording() -> None:
    data = run("offsite", *SHORT_EMERGENCY, "destination=other_province", lang="zh")
    text = all_text(data)
    assert by_id(data)["st-emergency-filed"]["text"] == "跨省异地急诊抢救视同已备案，无需另行办理备案。"
    assert data["answers"]["stay"]["question"] == "您属于哪种外出情形？"
    assert "医疗保障经办机构" not in text and "参保地医保经办机构" in text
    assert "社保局" not in text.replace("（资料称社保局）", "")


def test_a_late_emergency_across_provinces_is_deemed_filed_not_a_missed_deadline() -> None:
    """H1 (offsite's own copy of the rule): soft wording across provinces, the seed's three days within one."""
    sets = ("stay=short_trip", "emergency_happened=yes", "emergency_on=2026-12-01", "reported=no", "paid_home=yes")
    away = run("offsite", *sets, "destination=other_province", today="2026-12-07")
    assert_consistent(away)
    first = away["do_now"]["actions"][0]
    assert first["id"] == "st-emergency-deadline" and first["text"].startswith(
        "Emergency treatment in another province is deemed filed. Some places ask to be told within three days (by 2026-12-04);"
        " that date has passed."
    )
    assert "late" not in first["text"]  # no missed binding deadline: some places' date, said to be gone
    near = run("offsite", *sets, "destination=same_province", today="2026-12-07")
    assert near["do_now"]["actions"][0]["text"].startswith("2026-12-04 has passed (3 days after emergency treatment on 2026-12-01).")
    soon = run("offsite", *sets[:2], "emergency_on=2026-12-06", *sets[3:], "destination=other_province", today="2026-12-07")
    assert soon["do_now"]["actions"][0]["note"].startswith("Some places ask by 2026-12-09")


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("offsite")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ second content review


def test_the_same_province_filing_note_is_not_for_an_emergency() -> None:
    """Review 2, item 9: after emergency treatment the action is to tell the agency (seed 001), not "how to file"."""
    for reported in ("no", "yes"):
        data = run("offsite", "stay=short_trip", "destination=same_province", "emergency_happened=yes", "emergency_on=2026-11-21",
                   f"reported={reported}", "paid_home=no")
        assert_absent(data, "same-province")
    plain = run("offsite", "stay=short_trip", "destination=same_province", "emergency_happened=no", "filed=no", "paid_home=no")
    assert_present(plain, "same-province")


def test_a_hospital_not_networked_pays_in_full_without_an_if() -> None:
    """Review 2, item 12: the answer already says the hospital is not networked."""
    data = run("offsite", *SHORT_EMERGENCY[:-1], "networked=not_networked", "destination=other_province")
    assert by_id(data)["advance-pay"]["text"].startswith("The hospital is not networked for direct settlement")
    zh = run("offsite", *SHORT_EMERGENCY[:-1], "networked=not_networked", "destination=other_province", lang="zh")
    assert by_id(zh)["advance-pay"]["text"].startswith("就医医院未联网")


def test_chinese_wording_of_the_second_review() -> None:
    """Review 2, items 17, 20, 21: natural sentences, no colon chain."""
    home = run("offsite", *HOME_WITHOUT_FILING, "destination=other_province", lang="zh")
    assert by_id(home)["ph-file-after"]["text"].startswith("您未办理异地就医备案，请")
    near = run("offsite", *HOME_WITHOUT_FILING, "destination=same_province", lang="zh")
    assert by_id(near)["ph-no-filing"]["text"].startswith("您未办理异地就医备案，请") and "：" not in by_id(near)["ph-no-filing"]["text"]
    settle = by_id(run("offsite", *SHORT_NO_EMERGENCY[:-1], "destination=same_province", lang="zh"))["province-settle"]["text"]
    assert settle.startswith("医保卡在全省范围内通用。") and "：" not in settle
    moving = run("offsite", *RETIREE, "moving=moving_back", lang="zh")
    assert moving["answers"]["moving"]["question"] == "您是否要迁居？"
