"""apply-child: poor families (school route excluded) and low-income families (Art. 25) are separate facts."""

from __future__ import annotations

import pytest
from support.scenarios import all_text, assert_absent, assert_consistent, assert_present, by_id, do_now_ids, run, step_ids

SCHOOL = ("school-get-materials", "school-fill-declare", "school-review", "school-card-issued")
HOME = ("home-get-materials", "home-fill-declare", "home-card-making", "home-card-collect")


@pytest.mark.parametrize("poor", ["no", "yes"])
def test_low_income_family_at_school_gets_steps_not_a_dead_end(poor: str) -> None:
    data = run("apply-child", "route=school", "low_income=yes", f"poor_family={poor}", "card_accepted=no")
    assert_consistent(data)
    assert len(data["steps"]) >= 5
    assert_present(data, "ask-subsidy", "subsidy-art25")
    if poor == "no":
        assert step_ids(data)[0] == "school-get-materials"
        assert_absent(data, *HOME, "poor-family-excluded")
    else:
        assert step_ids(data)[:2] == ["poor-family-excluded", "home-get-materials"]
        assert_present(data, *HOME)
        assert_absent(data, *SCHOOL)
        assert "domain-notes" in by_id(data)["poor-family-excluded"]["sources"]


def test_poor_family_is_asked_only_on_the_school_route() -> None:
    data = run("apply-child", "route=not_in_school", "low_income=no", "card_accepted=no")
    assert list(data["answers"]) == ["route", "low_income", "card_accepted"]
    assert_absent(data, "ask-subsidy", "subsidy-art25")


def test_the_card_is_something_to_wait_for_not_a_deadline() -> None:
    data = run("apply-child", "route=school", "low_income=no", "poor_family=no", "card_accepted=yes", "accepted_on=2026-10-01")
    assert data["deadlines"] == [] and data["do_now"]["act_by"] is None
    (expect,) = data["expect"]
    assert expect["id"] == "school-card-deadline" and expect["deadline"]["past"] is False
    assert expect["deadline"]["summary"].startswith("expected by ")


def test_registered_outside_the_city_is_labelled_as_the_chinese_says() -> None:
    """Review: 户籍在市外 is the household registration, not where the child is settled."""
    data = run("apply-child", "route=registered_elsewhere", "low_income=no", "card_accepted=no")
    assert data["answers"]["route"]["label"] == "Under 18, household registered outside the city"
    assert "settled" not in data["answers"]["route"]["label"]


def test_cover_is_the_sources_very_low_and_the_agency_note_cites_the_domain_notes() -> None:
    data = run("apply-child", "route=not_in_school", "low_income=no", "card_accepted=no")
    items = by_id(data)
    assert "very low" in items["commercial-insurance"]["text"]
    assert "domain-notes" in items["older-procedure"]["sources"]


def test_chinese_says_少儿医保卡() -> None:
    data = run("apply-child", "route=not_in_school", "low_income=yes", "card_accepted=no", lang="zh")
    text = all_text(data)
    assert "少儿社保卡" not in text and "少儿医保卡" in text
    assert by_id(data)["home-card-collect"]["text"] == "到社保征收机构领取少儿医保卡并交给孩子。"


# ---------------------------------------------------------------- progress: card-making accepted (fixes 3.1, 3.2)

SCHOOL = ("route=school", "low_income=no", "poor_family=no")
GUARDIAN = ("route=not_in_school", "low_income=no")


def test_school_card_accepted_waits_for_the_card_never_collects_the_forms() -> None:
    """Fix 3.1, school route, the date still to come: nothing to do but wait, with the date and whom to ask then."""
    data = run("apply-child", *SCHOOL, "card_accepted=yes", "accepted_on=2026-11-30", today="2026-12-07")
    assert_consistent(data)
    now = data["do_now"]
    assert now["actions"] == [] and now["find_out"] == []
    assert now["waiting"]["id"] == "school-card-deadline" and now["waiting"]["date"] == "2026-12-28"
    assert now["waiting"]["text"].startswith("Nothing to do now but wait until 2026-12-28")
    assert "If that date passes, ask the school about your child's card" in now["waiting"]["text"]
    done = {e["id"] for e in data["steps"] if e["done"]}
    assert {"school-get-materials", "school-fill-declare", "school-card-making"} <= done
    assert not by_id(data)["school-card-issued"]["done"] and by_id(data)["school-card-issued"]["info"]


def test_school_card_late_asks_the_school() -> None:
    """Fix 3.1 and section 2: the expected date has passed: ask the school (seed 000: the school receives the card)."""
    data = run("apply-child", *SCHOOL, "card_accepted=yes", "accepted_on=2026-11-02", today="2026-12-07")
    assert_consistent(data)
    (action,) = data["do_now"]["actions"]
    assert action["id"] == "school-card-deadline" and action["why"] == "ask" and action["sources"] == ["seed-000"]
    assert action["text"].startswith(
        "The school should have had your child's card by 2026-11-30 (20 working days after card-making was accepted on 2026-11-02)."
        " Ask the school"
    )
    assert "school-get-materials" not in do_now_ids(data)


def test_guardian_card_accepted_collects_it_once_ready() -> None:
    """Fix 3.1, guardian route (seed 002 step 5): wait until 20 working days after acceptance, then collect the card."""
    early = run("apply-child", *GUARDIAN, "card_accepted=yes", "accepted_on=2026-11-30", today="2026-12-07")
    assert_consistent(early)
    assert early["do_now"]["actions"] == []
    waiting = early["do_now"]["waiting"]
    assert waiting["id"] == "home-card-deadline" and waiting["then"] == "home-card-collect" and waiting["date"] == "2026-12-28"
    assert waiting["text"] == (
        "Nothing to do now but wait until 2026-12-28 (20 working days after card-making was accepted on 2026-11-30)."
        " From then, collect the card at the social security collection agency and give it to your child."
    )
    ready = run("apply-child", *GUARDIAN, "card_accepted=yes", "accepted_on=2026-11-02", today="2026-12-07")
    (action,) = ready["do_now"]["actions"]
    assert action["id"] == "home-card-collect" and action["why"] == "ready" and action["date"] == "2026-11-30"
    assert action["note"].startswith("Child's card ready to collect from 2026-11-30")
    assert "home-get-materials" not in do_now_ids(ready)


def test_card_not_yet_accepted_starts_at_the_beginning() -> None:
    data = run("apply-child", *SCHOOL, "card_accepted=no")
    assert do_now_ids(data) == ["school-get-materials", "school-fill-declare"]
    assert not any(e["done"] for e in data["steps"])
    # The school's and the agency's own work is information, never an action of the family.
    assert [e["id"] for e in data["steps"] if e["info"]] == ["school-review", "school-agency-collect", "school-card-making", "school-card-issued"]


def test_not_sure_whether_card_making_was_accepted_finds_that_out_and_asks_no_date() -> None:
    """Fix 3.2: "not sure" leads to "Find out: has card-making been accepted?", never to the date question."""
    data = run("apply-child", *SCHOOL, "card_accepted=unsure")
    assert_consistent(data)
    assert list(data["answers"]) == ["route", "low_income", "poor_family", "card_accepted"]
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["card_accepted"]
    assert data["do_now"]["find_out"][0]["text"].startswith("Find out whether card-making was accepted: ask the school")
    assert do_now_ids(data) == [], "every step before the card hangs on the answer, and the card's date is unknown"
    assert data["do_now"]["order"] == [{"find_out": "card_accepted"}] and data["do_now"]["waiting"] is None
    how = data["depends_on"][0]["how_to_find_out"][0]["text"]
    assert how.startswith("Ask the school") and "agency" not in how  # the school route's own channel only (review item 11)


def test_settled_outside_the_city_is_told_which_agency_in_plain_words() -> None:
    """Route 4.4 (seed 000 route 2): the agency of the place where the household is registered."""
    data = run("apply-child", "route=registered_elsewhere", "low_income=no", "card_accepted=no")
    assert_consistent(data)
    assert do_now_ids(data)[0] == "home-get-materials-elsewhere"
    text = by_id(data)["home-get-materials-elsewhere"]["text"]
    assert "registered outside this city" in text and "social security agency of the place where it is registered" in text
    assert_absent(data, "home-get-materials")
    zh = run("apply-child", "route=registered_elsewhere", "low_income=no", "card_accepted=no", lang="zh")
    assert "户籍所在地的社保经办机构" in by_id(zh)["home-get-materials-elsewhere"]["text"]


def test_the_art_25_note_shows_the_wording_it_refers_to() -> None:
    """Fix 3.9: the note names the urban residents' insurance as Art. 25 does before it says that was merged."""
    note = by_id(run("apply-child", "route=school", "low_income=yes", "poor_family=no", "card_accepted=no"))["subsidy-art25"]
    assert "basic medical insurance for urban residents" in note["text"] and "Urban residents' basic medical insurance was merged" in note["text"]
    assert "it names" not in note["text"]


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("apply-child")
    assert not problems, "\n".join(problems)


def test_paths_lists_what_each_outcome_marks_done() -> None:
    """paths knows progress: an outcome with card-making accepted lists the steps it marks done, in text and JSON."""
    import json

    from support.cli import invoke

    listed = invoke("paths", "apply-child", "--format", "json", "--today", "2026-12-07")
    assert listed.returncode == 0, listed.stderr
    outcomes = json.loads(listed.stdout)["outcomes"]
    accepted = [o for o in outcomes if o["answers"].get("card_accepted") is True]
    assert accepted and all("school-get-materials" in o["done"] or "home-get-materials" in o["done"]
                            or "home-get-materials-elsewhere" in o["done"] for o in accepted)
    assert all(o["done"] == [] for o in outcomes if o["answers"].get("card_accepted") is False)
    text = invoke("paths", "apply-child", "--today", "2026-12-07")
    assert "     done already: school-mat-forms, school-mat-online, school-mat-other, school-get-materials," in text.stdout


# ---------------------------------------------------------------- content review of 2026-12-07


def test_a_find_out_line_says_whom_to_ask() -> None:
    """H3: "Find out …" names what to find out and whom to ask, with its sources; in Chinese one 请查明, no chain of colons."""
    data = run("apply-child", *SCHOOL, "card_accepted=unsure")
    (found,) = data["do_now"]["find_out"]
    # On the school route, the school alone (whom the other routes ask: test_whom_to_ask_about_card_making_…).
    assert found["text"] == "Find out whether card-making was accepted: ask the school (school route: it goes through the card-making procedure)."
    assert found["sources"] == ["seed-000"]
    zh = run("apply-child", *SCHOOL, "card_accepted=unsure", lang="zh")["do_now"]["find_out"][0]["text"]
    assert zh.startswith("请查明制卡手续是否已受理。可向学校询问") and "先查明" not in zh and zh.count("：") == 0


@pytest.mark.parametrize("accepted_on, why", [("2026-12-07", "wait"), ("2026-11-08", "ask")])
def test_card_accepted_keeps_its_date_beside_a_question_about_the_subsidy(accepted_on: str, why: str) -> None:
    """H5: the subsidy question (asked, or still to find out) never pushes the card's date off the first screen."""
    for low_income in ("yes", "unsure"):
        data = run("apply-child", "route=school", f"low_income={low_income}", "poor_family=no", "card_accepted=yes",
                   f"accepted_on={accepted_on}", today="2026-12-07")
        assert_consistent(data)
        now = data["do_now"]
        if why == "wait":
            # Review 2, item 6: the subsidy question was behind them once card-making was accepted; not sure of
            # it, there is nothing to find out either (a later review: the find-out stood beside the asking ticked).
            assert "ask-subsidy" not in do_now_ids(data) and now["find_out"] == []
            assert now["waiting"] is not None and now["waiting"]["id"] == "school-card-deadline", now
            assert now["waiting"]["text"].startswith("Nothing to do now but wait until 2027-01-05") and now["waiting"]["alone"]
        else:
            assert do_now_ids(data)[0] == "school-card-deadline" and now["actions"][0]["why"] == "ask"


@pytest.mark.parametrize("accepted_on", ["2026-12-07", "2026-11-08"])
def test_card_accepted_and_not_sure_of_a_poor_family_shows_each_way_the_card_comes(accepted_on: str) -> None:
    """H5: not sure whether the school counts the child as poor: under that find-out, what each answer brings (the
    school asked about a late card, or the card collected by the guardian), so no date drops off the first screen."""
    data = run("apply-child", "route=school", "low_income=no", "poor_family=unsure", "card_accepted=yes",
               f"accepted_on={accepted_on}", today="2026-12-07")
    assert_consistent(data)
    (found,) = data["do_now"]["find_out"]
    cases = {c["label"]: c for c in found["cases"]}
    assert set(cases) == {"If Yes", "If No"}
    if accepted_on == "2026-12-07":
        assert cases["If Yes"]["why"] == "wait" and "collect the card" in cases["If Yes"]["text"]
        assert cases["If No"]["why"] == "wait" and "ask the school" in cases["If No"]["text"]
    else:
        assert cases["If Yes"]["id"] == "home-card-collect" and cases["If Yes"]["why"] == "ready"
        assert cases["If No"]["id"] == "school-card-deadline" and cases["If No"]["why"] == "ask"
        assert cases["If No"]["text"].startswith("The school should have had your child's card by 2026-12-04")
    text = run("apply-child", "route=school", "low_income=no", "poor_family=unsure", "card_accepted=yes",
               f"accepted_on={accepted_on}", today="2026-12-07", fmt="text")
    first_screen = text.split("Do this now", 1)[1].split("\n\n", 1)[0]
    assert "If Yes: " in first_screen and "If No: " in first_screen


def test_a_poor_family_is_told_the_sources_do_not_name_its_route() -> None:
    """M4: the sources say only that the school route excludes poor families, not which route they take."""
    data = run("apply-child", "route=school", "low_income=no", "poor_family=yes", "card_accepted=no")
    text = by_id(data)["poor-family-excluded"]["text"]
    assert "the sources do not say which route they use" in text and "its general procedure is below" in text
    assert "so apply through the guardian" not in text
    zh = run("apply-child", "route=school", "low_income=no", "poor_family=yes", "card_accepted=no", lang="zh")
    assert "资料未说明这类孩子通过什么途径办理" in by_id(zh)["poor-family-excluded"]["text"]


@pytest.mark.parametrize("route", ["school", "not_in_school"])
def test_the_subsidy_is_asked_about_before_the_forms_go_in(route: str) -> None:
    """M8: the subsidy changes the fee, so asking about it (or finding out) comes before handing the forms in."""
    extra = ["poor_family=no"] if route == "school" else []
    hand_in = "school-fill-declare" if route == "school" else "home-fill-declare"
    known = run("apply-child", f"route={route}", "low_income=yes", *extra, "card_accepted=no")
    steps = step_ids(known)
    assert steps.index("ask-subsidy") < steps.index(hand_in)
    unsure = run("apply-child", f"route={route}", "low_income=unsure", *extra, "card_accepted=no")
    order = unsure["do_now"]["order"]
    assert order.index({"find_out": "low_income"}) < order.index({"action": hand_in}), order


def test_chinese_wording_of_the_review() -> None:
    """The reviewer's Chinese: a late card, waiting, ready from, the footer and the subsidy's law by name."""
    late = run("apply-child", *SCHOOL, "card_accepted=yes", "accepted_on=2026-11-08", today="2026-12-07", lang="zh")
    text = late["do_now"]["actions"][0]["text"]
    # Review 2, items 15 and 16: natural Chinese for the date gone by, "受理满20个工作日后".
    assert text.startswith("学校本应在2026年12月4日前领到少儿医保卡（2026年11月8日制卡手续受理满20个工作日后），这一日期已过。")
    assert "原预计" not in text and "过期" not in text
    wait = run("apply-child", *GUARDIAN, "card_accepted=yes", "accepted_on=2026-11-30", today="2026-12-07", lang="zh")
    assert wait["do_now"]["waiting"]["text"] == (
        "目前只需等待。2026年12月28日（2026年11月30日制卡手续受理满20个工作日后）起，到社保征收机构领取少儿医保卡并交给孩子。"
    )
    school_wait = run("apply-child", *SCHOOL, "card_accepted=yes", "accepted_on=2026-11-30", today="2026-12-07", lang="zh")
    assert school_wait["do_now"]["waiting"]["text"] == (
        "目前只需等到2026年12月28日（2026年11月30日制卡手续受理满20个工作日后）。"
        "如到时仍无消息，请向学校询问（少儿医保卡由学校从社保经办机构领取后发给孩子）。"
    )
    ready = run("apply-child", *GUARDIAN, "card_accepted=yes", "accepted_on=2026-11-02", today="2026-12-07", lang="zh")
    assert ready["do_now"]["actions"][0]["note"].startswith("2026年11月30日起少儿医保卡可以领取")
    assert "《中华人民共和国社会保险法》第二十五条" in by_id(run("apply-child", *GUARDIAN[:1], "low_income=yes", "card_accepted=no", lang="zh"))["ask-subsidy"]["text"]
    shown = run("apply-child", *SCHOOL, "card_accepted=no", lang="zh", fmt="text")
    assert "本清单内容已于2026年12月7日对照所列依据核对。" in shown
    assert "【您的情况】办理途径：" in shown and "您的情况：" not in shown


# ------------------------------------------------------------------ second content review


@pytest.mark.parametrize("route", ["school", "not_in_school"])
def test_the_subsidy_question_is_done_once_card_making_is_accepted(route: str) -> None:
    """Review 2, item 6: the subsidy is of the contribution, asked before the forms go in and collected before
    card-making (seed 000, seed 002): card-making accepted means it is behind the family."""
    extra = ["poor_family=no"] if route == "school" else []
    data = run("apply-child", f"route={route}", "low_income=yes", *extra, "card_accepted=yes", "accepted_on=2026-11-02",
               today="2026-12-07")
    assert_consistent(data)
    assert by_id(data)["ask-subsidy"]["done"] and "ask-subsidy" not in do_now_ids(data)
    assert_present(data, "subsidy-art25")
    before = run("apply-child", f"route={route}", "low_income=yes", *extra, "card_accepted=no")
    assert not by_id(before)["ask-subsidy"]["done"] and "ask-subsidy" in do_now_ids(before)


@pytest.mark.parametrize("low_income", ["yes", "no"])
def test_the_date_of_card_making_is_found_out_before_what_waits_on_it(low_income: str) -> None:
    """Review 2, item 10 (not-sure outcomes 7 and 16): each way the poor-family answer turns out waits "until 20
    working days after card-making was accepted", so finding out that date comes first."""
    data = run("apply-child", "route=school", f"low_income={low_income}", "poor_family=unsure", "card_accepted=yes",
               "accepted_on=unsure", today="2026-12-07")
    assert_consistent(data)
    finds = [line["find_out"] for line in data["do_now"]["order"] if "find_out" in line]
    assert finds == ["accepted_on", "poor_family"], data["do_now"]["order"]


# Who goes through card-making, and so whom to ask about it: the school on the school route (seed 000, list 1);
# the guardian, at the social security agency of the household registration, on the other (seed 000 list 2,
# seed 002), which the flow also shows a child from a poor family. "Not sure" of a poor family: both.
ROUTES = {
    "school": (("route=school", "low_income=no", "poor_family=no"), "school"),
    "not in school": (("route=not_in_school", "low_income=no"), "agency"),
    "registered elsewhere": (("route=registered_elsewhere", "low_income=no"), "agency"),
    "poor family": (("route=school", "low_income=no", "poor_family=yes"), "agency"),
    "not sure of a poor family": (("route=school", "low_income=no", "poor_family=unsure"), "both"),
}
CHANNEL_WORDS = {"en": {"school": "school", "agency": "agency"}, "zh": {"school": "学校", "agency": "社保经办机构"}}


def names(text: str, lang: str) -> set[str]:
    return {channel for channel, word in CHANNEL_WORDS[lang].items() if word in text}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("route", list(ROUTES))
@pytest.mark.parametrize("unsure", [("card_accepted=unsure",), ("card_accepted=yes", "accepted_on=unsure")], ids=["accepted", "accepted-on"])
def test_whom_to_ask_about_card_making_is_the_route_s_own_channel(route: str, unsure: tuple[str, ...], lang: str) -> None:
    """Review item 11: the how-to-find-out of card-making named both the school and the agency on every route."""
    sets, channel = ROUTES[route]
    data = run("apply-child", *sets, *unsure, lang=lang)
    qid = unsure[-1].split("=")[0]
    (line,) = [f for f in data["do_now"]["find_out"] if f["question"] == qid]
    (how,) = [h for group in data["depends_on"] for h in group["how_to_find_out"] if h["question"] == qid]
    expected = {"school", "agency"} if channel == "both" else {channel}
    assert names(line["text"], lang) == expected, line["text"]
    assert names(how["text"], lang) == expected, how["text"]
    # The school route is seed 000's alone; the agency's is in both child-card pages.
    assert sorted(how["sources"]) == (["seed-000"] if channel == "school" else ["seed-000", "seed-002"])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("route", list(ROUTES))
def test_the_help_of_card_accepted_names_only_the_route_s_channel(route: str, lang: str) -> None:
    """Its help said "On the school route the school goes through this procedure: ask the school" on every route."""
    from datetime import date

    from ssguide.core.engine import relevant_answers
    from ssguide.shell.answers import coerce_answers
    from ssguide.shell.registry import bundled_flows, load_flow
    from support.context import context

    ctx = context(date(2026, 12, 7), lang=lang)
    flow = load_flow(next(info.path for info in bundled_flows() if info.id == "apply-child"))
    sets, channel = ROUTES[route]
    answers = coerce_answers(flow, dict(s.split("=") for s in sets), ctx, "--set")
    question = flow.questions["card_accepted"]
    shown = ctx.text(question.help_for(relevant_answers(flow, answers, ctx), ctx))
    assert names(shown, lang) == ({"school", "agency"} if channel == "both" else {channel}), shown
    assert ("20个工作日" if lang == "zh" else "20 working days") in shown
