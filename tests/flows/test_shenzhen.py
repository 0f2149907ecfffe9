"""shenzhen: every route that can end in a claim lists the full materials for its type of care (seed 004)."""

from __future__ import annotations

import pytest
from support.scenarios import assert_absent, assert_consistent, assert_present, case_items, run

OUTPATIENT = ("sz-mat-out-receipts", "sz-mat-out-list")
HOSPITAL = ("sz-mat-in-discharge", "sz-mat-in-list", "sz-mat-in-receipt")


@pytest.mark.parametrize(
    ("networked", "province"),
    [("not_networked", "guangdong"), ("not_networked", "other_province"), ("networked", "other_province")],
)
@pytest.mark.parametrize("care", ["outpatient", "hospitalisation"])
def test_a_route_that_can_end_in_a_claim_lists_every_material(networked: str, province: str, care: str) -> None:
    data = run("shenzhen", f"networked={networked}", f"care={care}", f"province={province}")
    assert_consistent(data)
    if care == "hospitalisation":
        assert_present(data, *HOSPITAL)
        assert_absent(data, *OUTPATIENT)
    else:
        assert_present(data, *OUTPATIENT)
        assert_absent(data, *HOSPITAL)
    assert_present(data, "sz-result")


def test_networked_within_guangdong_needs_no_claim_materials() -> None:
    data = run("shenzhen", "networked=networked", "care=hospitalisation", "province=guangdong")
    assert_absent(data, *HOSPITAL, *OUTPATIENT, "sz-file-national")
    assert [e["id"] for e in data["steps"]][0] == "sz-file"


@pytest.mark.parametrize("care", ["outpatient", "hospitalisation"])
def test_not_sure_if_networked_lists_the_claim_materials_under_if_no(care: str) -> None:
    data = run("shenzhen", "networked=unsure", f"care={care}", "province=guangdong")
    assert_consistent(data)
    materials = HOSPITAL if care == "hospitalisation" else OUTPATIENT
    if_no = case_items(data, "networked", "If No")
    assert set(materials) <= set(if_no) and "sz-advance" in if_no and "sz-result" in if_no
    assert "sz-swipe" in case_items(data, "networked", "If Yes")
    assert not set(materials) & {e["id"] for e in data["materials"]}, "claim materials are not certain"
    assert data["do_now"]["find_out"] == [{"question": "networked", "text": "Find out: " + data["answers"]["networked"]["question"]}]
    how = data["depends_on"][0]["how_to_find_out"][0]
    assert "National Medical Insurance Service Platform" in how["text"] and how["sources"] == ["domain-notes"]
