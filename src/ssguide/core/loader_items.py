"""The loader's items section: items, their current-rule updates and deadlines, read from located YAML.

Part of the loader (``loader._Builder`` extends it); apart only to keep each
module short. Problems are collected with their file:line:col, as everywhere
in the loader.
"""

from __future__ import annotations

from typing import Any

from ..lang.messages import Message, suggest
from .dates import Direction, Offset
from .model import DEADLINE_MEANINGS, DEADLINE_UNITS, ITEM_KINDS, DeadlineRule, Item, Overdue, Update
from .structure import ITEM_ID_RE, MAX_DATED_ITEMS, MAX_DEADLINE_AMOUNT, MAX_ITEMS, StructureChecker
from ..position import Pos
from .yamlsafe import pos_of


def source_ids(raw: Any) -> tuple[str, ...] | None:
    """``source:`` as an item, an update, an overdue text or a how-to-find-out writes it: one id or a
    non-empty list of ids; None for anything else (the caller says what it belongs to)."""
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list) and raw and all(isinstance(s, str) for s in raw):
        return tuple(raw)
    return None


class ItemsBuilder(StructureChecker):
    """Reads a flow's ``items``: each item, its updates (the current rule) and its deadline."""

    def parse_items(self, raw: Any, pos: Pos) -> list[Item]:
        items: list[Item] = []
        if not isinstance(raw, list) or not raw:
            self.error(pos, Message("items_empty"))
            return items
        if len(raw) > MAX_ITEMS:
            self.error(pos, Message("too_many_items", count=len(raw), limit=MAX_ITEMS))
            return items
        dated = [d for d in raw if isinstance(d, dict) and "deadline" in d]
        if len(dated) > MAX_DATED_ITEMS:  # refused before any item is read, where the first one too many is
            first = dated[MAX_DATED_ITEMS]
            self.error(pos_of(first, "deadline", pos), Message("too_many_dated_items", count=len(dated), limit=MAX_DATED_ITEMS))
            return items
        seen: dict[str, Pos] = {}
        for i, epos, data in self.mappings(raw, pos, "what_an_item", "item"):
            iid = self.id_field(data, epos, "what_item", ITEM_ID_RE, "id_hint_lower")
            what_item = ("what_item_named", iid)
            kind = self.required(data, "kind", epos, what_item)
            if kind is not None and kind not in ITEM_KINDS:
                hint = suggest(str(kind), ITEM_KINDS)
                self.error(pos_of(data, "kind", epos), Message("item_kind_invalid", iid=iid, kind=kind, kinds=", ".join(ITEM_KINDS), hint=hint))
                kind = None
            text = self.text(data.get("text"), pos_of(data, "text", epos), ("what_item_text", iid), refs=True)
            short = self.text(data.get("short"), pos_of(data, "short", epos), ("what_item_short", iid), required=False)
            when = self.condition(data.get("when"), pos_of(data, "when", epos))
            raw_sources = self.required(data, "source", epos, what_item)
            sources = source_ids(raw_sources)
            if sources is None:
                if raw_sources is not None:  # missing: required() said so
                    self.error(pos_of(data, "source", epos), Message("item_source_invalid", iid=iid))
                sources = ()
            order = data.get("order", 0)
            if isinstance(order, bool) or not isinstance(order, int):
                self.error(pos_of(data, "order", epos), Message("item_order_invalid", iid=iid))
                order = 0
            updates = self.parse_updates(iid, data.get("updates"), pos_of(data, "updates", epos))
            deadline = self.parse_deadline(iid, data.get("deadline"), pos_of(data, "deadline", epos))
            done_when = self.condition(data.get("done_when"), pos_of(data, "done_when", epos))
            info = self.parse_info(iid, kind, data, epos)
            waits_for = data.get("waits_for")
            waits_pos = pos_of(data, "waits_for", epos)
            if waits_for is not None and not (isinstance(waits_for, str) and ITEM_ID_RE.fullmatch(waits_for)):
                self.error(waits_pos, Message("waits_for_invalid", iid=iid))
                waits_for = None
            overdue = self.parse_overdue(iid, data.get("overdue"), pos_of(data, "overdue", epos))
            if overdue is not None and "deadline" not in data:
                self.error(pos_of(data, "overdue", epos), Message("overdue_without_deadline", iid=iid))
            act_by = self.template(data.get("act_by"), pos_of(data, "act_by", epos), ("what_act_by", iid))
            if act_by is not None and "deadline" not in data:
                self.error(pos_of(data, "act_by", epos), Message("act_by_without_deadline", iid=iid))
            for update in updates:
                if (update.overdue is not None or update.act_by is not None) and "deadline" not in data:
                    self.error(update.pos, Message("update_dated_without_deadline", iid=iid))
            if iid is None or kind is None or text is None:
                continue
            if iid in seen:
                self.error(pos_of(data, "id", epos), Message("duplicate_item", id=iid, first=seen[iid]))
                continue
            seen[iid] = epos
            items.append(
                Item(
                    iid, kind, text, when, sources, order, i, updates, deadline, epos, pos_of(data, "source", epos), short,
                    done_when, info, waits_for, waits_pos if waits_for is not None else None, overdue, act_by,
                )
            )
        return items

    def parse_info(self, iid: str | None, kind: Any, data: Any, pos: Pos) -> bool:
        """``info: true``: a step that tells, not asks (notes and warnings tell already)."""
        info = data.get("info", False)
        ipos = pos_of(data, "info", pos)
        if not isinstance(info, bool):
            self.error(ipos, Message("info_not_bool", iid=iid))
            return False
        if info and kind is not None and kind != "step":
            self.error(ipos, Message("info_not_step", iid=iid, kind=kind))
            return False
        return info

    def parse_overdue(self, iid: str | None, raw: Any, pos: Pos) -> Overdue | None:
        """``overdue: {text, source, short, passed}``: what still helps once the item's date has passed."""
        if raw is None:
            return None
        data = self.mapping(raw, pos, ("what_overdue_of", iid), "overdue")
        if data is None:
            return None
        text = self.text(data.get("text"), pos_of(data, "text", pos), ("what_overdue_text", iid), refs=True)
        short = self.text(data.get("short"), pos_of(data, "short", pos), ("what_overdue_short", iid), required=False)
        passed = self.template(data.get("passed"), pos_of(data, "passed", pos), ("what_overdue_passed", iid))
        spos = pos_of(data, "source", pos)
        sources = source_ids(data.get("source"))
        if sources is None:
            self.error(spos, Message("overdue_needs_source", iid=iid))
            return None
        if text is None:
            return None
        return Overdue(text, sources, spos, short, passed)

    def parse_updates(self, iid: str | None, raw: Any, pos: Pos) -> tuple[Update, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.error(pos, Message("updates_not_list", iid=iid))
            return ()
        updates = []
        for _, epos, u in self.mappings(raw, pos, ("what_update_of", iid), "update"):
            source = u.get("source")
            text = self.text(u.get("text"), pos_of(u, "text", epos), ("what_update_text", iid), refs=True)
            short = self.text(u.get("short"), pos_of(u, "short", epos), ("what_update_short", iid), required=False)
            when = self.condition(u.get("when"), pos_of(u, "when", epos), given="when" in u)
            overdue = self.parse_overdue(iid, u.get("overdue"), pos_of(u, "overdue", epos))
            act_by = self.template(u.get("act_by"), pos_of(u, "act_by", epos), ("what_act_by", iid))
            sources = source_ids(source)
            if sources is None:
                self.error(pos_of(u, "source", epos), Message("update_needs_source", iid=iid))
                continue
            if when is None and "when" in u:
                continue  # the condition's own error was reported
            if text is not None:
                updates.append(Update(sources, text, pos_of(u, "source", epos), when, short, overdue, act_by))
        return tuple(updates)

    def parse_deadline(self, iid: str | None, raw: Any, pos: Pos) -> DeadlineRule | None:
        if raw is None:
            return None
        d = self.mapping(raw, pos, ("what_deadline_of", iid), "deadline")
        if d is None:
            return None
        anchor = d.get("from")
        apos = pos_of(d, "from", pos)
        anchor_question = anchor_item = None
        if isinstance(anchor, dict) and len(anchor) == 1 and ("question" in anchor or "item" in anchor):
            anchor_question = anchor.get("question")
            anchor_item = anchor.get("item")
            if not isinstance(anchor_question or anchor_item, str):
                self.error(apos, Message("deadline_from_invalid", iid=iid))
                return None
        else:
            self.error(apos, Message("deadline_from_missing", iid=iid))
            return None
        directions: list[Direction] = [k for k in ("after", "before") if k in d]
        if len(directions) != 1:
            self.error(pos, Message("deadline_direction", iid=iid))
            return None
        direction = directions[0]
        amount_raw = d[direction]
        opos = pos_of(d, direction, pos)
        if not isinstance(amount_raw, dict) or len(amount_raw) != 1:
            self.error(opos, Message("deadline_offset_invalid", iid=iid, direction=direction))
            return None
        unit, amount = next(iter(amount_raw.items()))
        if unit not in DEADLINE_UNITS:
            hint = suggest(str(unit), DEADLINE_UNITS)
            self.error(opos, Message("deadline_unit_unknown", iid=iid, unit=unit, hint=hint, units=", ".join(DEADLINE_UNITS)))
            return None
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0 or amount > MAX_DEADLINE_AMOUNT:
            self.error(pos_of(amount_raw, unit, opos), Message("deadline_amount_invalid", iid=iid, limit=MAX_DEADLINE_AMOUNT))
            return None
        meaning = d.get("meaning", "due")
        if meaning not in DEADLINE_MEANINGS:
            self.error(pos_of(d, "meaning", pos), Message("deadline_meaning_invalid", iid=iid, meanings=", ".join(DEADLINE_MEANINGS)))
            meaning = "due"
        return DeadlineRule(anchor_question, anchor_item, Offset(amount, unit, direction), meaning, apos)
