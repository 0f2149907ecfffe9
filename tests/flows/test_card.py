"""card: a lost card is reported lost first; what works while the new card is made."""

from __future__ import annotations

from support.scenarios import assert_absent, assert_consistent, assert_present, by_id, run, step_ids


def test_lost_card_reports_the_loss_first() -> None:
    data = run("card", "reason=lost", "urgent=yes")
    assert_consistent(data)
    assert step_ids(data)[0] == "card-report-loss"
    assert data["do_now"]["actions"][0]["id"] == "card-report-loss"
    first = data["steps"][0]["text"]
    assert "12333" in first and "temporary loss report" in first
    assert data["sources"][0]["title"].startswith("ssguide editors' note")


def test_lost_and_urgent_names_what_works_today() -> None:
    data = run("card", "reason=lost", "urgent=yes")
    assert_present(data, "card-temp", "card-e-credential", "card-replace-lost")
    assert step_ids(data) == ["card-report-loss", "card-temp", "card-replace-lost"]
    assert [a["id"] for a in data["do_now"]["actions"]] == ["card-report-loss", "card-temp"]
    assert by_id(data)["card-temp"]["sources"] == ["seed-003"]
    assert "医保电子凭证" in by_id(data)["card-e-credential"]["text"]


def test_damaged_card_is_not_reported_lost() -> None:
    data = run("card", "reason=damaged", "urgent=no")
    assert_consistent(data)
    assert_absent(data, "card-report-loss", "card-replace-lost", "card-temp")
    assert_present(data, "card-replace-damaged", "card-temp-info", "card-e-credential")


def test_no_source_lists_the_documents_so_the_checklist_says_ask() -> None:
    for sets in (("reason=new",), ("reason=lost", "urgent=no")):
        data = run("card", *sets)
        assert_consistent(data)
        (material,) = data["materials"]
        assert "do not list" in material["text"] and "12333" in material["text"]
