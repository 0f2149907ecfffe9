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
    data = run("card", "reason=new")
    assert_consistent(data)
    step = by_id(data)["card-new"]
    for words in ("card service outlet", "cooperating bank", "电子社保卡", "掌上12333", "The sources name no channel", "12333"):
        assert words in step["text"], words
    assert set(step["sources"]) == {"editors-first-card", "seed-003"}
    (material,) = data["materials"]
    assert material["id"] == "card-new-materials" and "household register (户口簿)" in material["text"]
    zh = run("card", "reason=new", lang="zh")
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
