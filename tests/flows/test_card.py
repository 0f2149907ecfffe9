"""card: a lost card is reported lost first; what works while the new card is made; where a first card is applied for."""

from __future__ import annotations

from support.scenarios import assert_absent, assert_consistent, assert_present, by_id, do_now_ids, run, step_ids


def test_lost_card_reports_the_loss_first() -> None:
    data = run("card", "reason=lost", "reported=no", "urgent=yes")
    assert_consistent(data)
    assert step_ids(data)[0] == "card-report-loss"
    assert data["do_now"]["actions"][0]["id"] == "card-report-loss"
    first = data["steps"][0]["text"]
    assert "12333" in first and "temporary loss report" in first
    assert data["sources"][0]["title"].startswith("ssguide editors' note")


def test_lost_and_urgent_names_what_works_today() -> None:
    """Fix 3.7: the e-credential (usable at once) beside the temporary card, asked for with the replacement."""
    data = run("card", "reason=lost", "reported=no", "urgent=yes")
    assert_present(data, "card-e-credential-now", "card-replace-lost-urgent")
    assert_absent(data, "card-replace-lost", "card-e-credential", "card-temp-info")
    assert step_ids(data) == ["card-report-loss", "card-e-credential-now", "card-replace-lost-urgent"]
    assert do_now_ids(data) == ["card-report-loss", "card-e-credential-now", "card-replace-lost-urgent"]
    replace = by_id(data)["card-replace-lost-urgent"]
    assert "temporary card (临时卡) for the replacement period" in replace["text"] and "apply for a new card" in replace["text"]
    assert "seed-003" in replace["sources"]
    assert "医保电子凭证" in by_id(data)["card-e-credential-now"]["text"]
    damaged = run("card", "reason=damaged", "urgent=yes")
    assert do_now_ids(damaged) == ["card-e-credential-now", "card-replace-damaged-urgent"]
    assert "temporary card" in by_id(damaged)["card-replace-damaged-urgent"]["text"]


def test_a_loss_already_reported_is_ticked_and_not_in_do_this_now() -> None:
    data = run("card", "reason=lost", "reported=yes", "urgent=no")
    assert_consistent(data)
    report = by_id(data)["card-report-loss"]
    assert report["done"] and report["why"][-1] == {"question": "reported", "value": True}
    assert do_now_ids(data) == ["card-replace-lost"]


def test_not_sure_whether_the_loss_was_reported_finds_out_first() -> None:
    data = run("card", "reason=lost", "reported=unsure", "urgent=no")
    assert_consistent(data)
    assert [f["question"] for f in data["do_now"]["find_out"]] == ["reported"]
    how = data["depends_on"][0]["how_to_find_out"][0]
    assert "12333" in how["text"] and how["sources"] == ["editors-card"]
    assert do_now_ids(data) == ["card-replace-lost"]
    assert data["do_now"]["order"] == [{"find_out": "reported"}, {"action": "card-replace-lost"}], "finding out comes first"


def test_damaged_card_is_not_reported_lost() -> None:
    data = run("card", "reason=damaged", "urgent=no")
    assert_consistent(data)
    assert_absent(data, "card-report-loss", "card-replace-lost", "card-replace-damaged-urgent")
    assert_present(data, "card-replace-damaged", "card-temp-info", "card-e-credential")
    assert "reported" not in data["answers"]


def test_first_card_says_where_and_how_to_apply() -> None:
    """Fix 3.7: the one step names the usual channels, says the sources name none for the place, and names 12333."""
    data = run("card", "reason=new", "urgent=no")
    assert_consistent(data)
    step = by_id(data)["card-new"]
    for words in ("card service outlet", "cooperating bank", "电子社保卡", "掌上12333", "The sources name no channel", "12333"):
        assert words in step["text"], words
    assert set(step["sources"]) == {"editors-first-card", "seed-003"}
    (material,) = data["materials"]
    assert material["id"] == "card-new-materials" and "household register (户口簿)" in material["text"]
    zh = run("card", "reason=new", "urgent=no", lang="zh")
    assert "户口簿" in zh["materials"][0]["text"] and "社保卡服务网点" in zh["steps"][0]["text"]


def test_no_source_lists_the_documents_for_a_replacement_so_the_checklist_says_ask() -> None:
    for sets in (("reason=lost", "reported=no", "urgent=no"), ("reason=damaged", "urgent=yes")):
        data = run("card", *sets)
        assert_consistent(data)
        (material,) = data["materials"]
        assert "do not list" in material["text"] and "12333" in material["text"]


def test_every_outcome_opens_with_a_right_first_screen() -> None:
    """Section 5: for every outcome (route, progress, dates passed or not, "not sure"), nothing done, no information,
    nothing twice and no date gone by without what still helps in Do this now, which is never empty."""
    from support.scenarios import every_first_screen_problem

    problems = every_first_screen_problem("card")
    assert not problems, "\n".join(problems)


def test_not_sure_whether_the_loss_was_reported_says_how_to_check_and_report_it_at_once() -> None:
    """H4: the loss report never drops off the first screen: call 12333 or the bank, ask, and report it lost if not."""
    data = run("card", "reason=lost", "reported=unsure", "urgent=no")
    (found,) = data["do_now"]["find_out"]
    assert found["text"].startswith("Find out whether the card is already reported lost: call 12333")
    assert "hotline of the bank that issued the card" in found["text"] and "report it lost now" in found["text"]
    assert "临时挂失" in found["text"] and found["sources"] == ["editors-card"]
    zh = run("card", "reason=lost", "reported=unsure", "urgent=no", lang="zh")["do_now"]["find_out"][0]["text"]
    # Review 2, item 19: "可拨打12333…".
    assert "请查明卡片是否已挂失。可拨打人力资源社会保障服务热线12333或发卡银行客服热线查询；尚未挂失的，可在同一通电话中办理临时挂失。" in zh


def test_a_first_card_needed_urgently_points_to_the_e_credential_not_the_temporary_card() -> None:
    """Review (low): the e-credential helps a newly insured person at once; the temporary card is for replacements (seed 003)."""
    data = run("card", "reason=new", "urgent=yes")
    assert_consistent(data)
    assert do_now_ids(data) == ["card-new", "card-e-credential-now"]
    assert_absent(data, "card-temp-info", "card-replace-lost-urgent", "card-replace-damaged-urgent")
    assert "temporary card" not in " ".join(e["text"] for e in data["steps"] + data["notes"])
    zh = run("card", "reason=new", "urgent=yes", lang="zh")
    assert by_id(zh)["card-e-credential-now"]["text"] == "医保电子凭证与社会保障卡一样可用于就医。卡片办好前需要就医的，可先使用医保电子凭证。"


def test_the_temporary_card_is_asked_for_not_from_the_social_security_department_there() -> None:
    """Review (low): "there" may be a bank: ask for a temporary card with the replacement."""
    for sets in (("reason=lost", "reported=yes", "urgent=yes"), ("reason=damaged", "urgent=yes")):
        data = run("card", *sets)
        step = next(e for e in data["steps"] if e["id"].endswith("-urgent"))
        assert "and ask for a temporary card (临时卡)" in step["text"] and "department there" not in step["text"]


def test_not_sure_whether_reported_shows_the_loss_report_once() -> None:
    """Review 2, item 13: under "If Yes" the ticked copy of the step under "If No" said it twice: nothing more to do."""
    data = run("card", "reason=lost", "reported=unsure", "urgent=no")
    (group,) = data["depends_on"]
    cases = {c["label"]: [i["id"] for i in c["items"]] for c in group["cases"]}
    assert cases == {"If Yes": [], "If No": ["card-report-loss"]}
    text = run("card", "reason=lost", "reported=unsure", "urgent=no", fmt="text")
    assert text.count("Report the card lost first") == 1
