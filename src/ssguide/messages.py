"""What ``ssguide validate`` tells a flow author, in English and Simplified Chinese.

Every problem the flow loader (``flow``), the YAML reader (``yamlsafe``), the
condition parser (``conditions``) and the analysis (``analysis``) report is a
``Message``: a key of ``CATALOG`` plus named values, put into words when it is
shown. A ``Message`` *is* its English text (a ``str`` subclass), so
``problem.message``, ``str(problem)`` and every comparison with English text
work as they always did; ``render("zh")`` gives the Chinese.

Values are ids, file names, positions, values from the file and lists of
allowed keys: they are shown as they are in every language. A value that is
itself a ``Message`` (or anything with ``render(lang)``, such as the wizard's
``qtypes.AnswerError``) is worded in the same language.

Messages are only built when something is wrong: the loader passes the
description of what it is reading ("the title", "a choice of 'route'") as a
cheap ``what`` (a key, or a tuple of a key and its values, see ``describe``)
that becomes a ``Message`` only in an error.
"""

from __future__ import annotations

import string
from typing import Any

# key → {language: template}. Templates are str.format templates with named
# fields; English and Chinese use the same fields. Keys starting "what_" and
# "kind_" describe a part of the flow or a value, for use inside other messages.
CATALOG: dict[str, dict[str, str]] = {
    # ------------------------------------------------ shared pieces
    "warning_prefix": {"en": "warning: ", "zh": "警告："},
    "did_you_mean": {"en": " (did you mean '{word}'?)", "zh": "（您是不是想写 '{word}'？）"},
    "no_questions": {"en": "none", "zh": "无"},
    "kind_nothing": {"en": "nothing", "zh": "空值"},
    "kind_mapping": {"en": "a mapping", "zh": "映射"},
    "kind_list": {"en": "a list", "zh": "列表"},
    "id_hint_lower": {"en": "use lower-case letters, digits and '-'", "zh": "只能用小写字母、数字和 '-'"},
    "id_hint_question": {
        "en": "start with a letter; use letters, digits and '_'",
        "zh": "须以字母开头，只能用字母、数字和 '_'",
    },
    # ------------------------------------------------ what is being read (flow.py)
    "what_flow_file": {"en": "the flow file", "zh": "流程文件"},
    "what_flow": {"en": "flow", "zh": "流程"},
    "what_source": {"en": "source", "zh": "依据"},
    "what_a_source": {"en": "a source", "zh": "依据"},
    "what_question": {"en": "question", "zh": "问题"},
    "what_a_question": {"en": "a question", "zh": "问题"},
    "what_question_named": {"en": "question '{qid}'", "zh": "问题 '{qid}' "},
    "what_item": {"en": "item", "zh": "条目"},
    "what_an_item": {"en": "an item", "zh": "条目"},
    "what_item_named": {"en": "item '{iid}'", "zh": "条目 '{iid}' "},
    "what_choice_of": {"en": "a choice of '{qid}'", "zh": "问题 '{qid}' 的选项"},
    "what_rule_of": {"en": "a routing rule of '{qid}'", "zh": "问题 '{qid}' 的路由规则"},
    "what_update_of": {"en": "an update of item '{iid}'", "zh": "条目 '{iid}' 的更新"},
    "what_deadline_of": {"en": "the deadline of item '{iid}'", "zh": "条目 '{iid}' 的截止日期"},
    "what_title": {"en": "title", "zh": "标题"},
    "what_description": {"en": "description", "zh": "说明"},
    "what_source_title": {"en": "source title", "zh": "依据的标题"},
    "what_source_citation": {"en": "source citation", "zh": "依据的出处"},
    "what_question_text": {"en": "question '{qid}' text", "zh": "问题 '{qid}' 的文字"},
    "what_question_help": {"en": "question '{qid}' help", "zh": "问题 '{qid}' 的帮助说明"},
    "what_question_short": {"en": "question '{qid}' short", "zh": "问题 '{qid}' 的简称"},
    "what_question_event": {"en": "question '{qid}' event", "zh": "问题 '{qid}' 的事件名称"},
    "what_choice_label": {"en": "choice '{value}' label of '{qid}'", "zh": "问题 '{qid}' 的选项 '{value}' 的标签"},
    "what_choice_help": {"en": "choice '{value}' help of '{qid}'", "zh": "问题 '{qid}' 的选项 '{value}' 的帮助说明"},
    "what_item_text": {"en": "item '{iid}' text", "zh": "条目 '{iid}' 的文字"},
    "what_item_short": {"en": "item '{iid}' short", "zh": "条目 '{iid}' 的简称"},
    "what_update_text": {"en": "update text of item '{iid}'", "zh": "条目 '{iid}' 的更新文字"},
    # ------------------------------------------------ the flow loader (flow.py)
    "not_a_flow": {"en": "not a flow", "zh": "不是流程文件"},
    "flow_too_deep": {"en": "flow is nested too deeply to check", "zh": "流程嵌套太深，无法检查"},
    "must_be_mapping": {
        "en": "{what} must be a mapping (key: value), not {kind}",
        "zh": "{what}应是映射（键: 值），实际是：{kind}",
    },
    "unknown_key": {
        "en": "unknown key '{key}' in {what}{hint} (allowed: {allowed})",
        "zh": "{what}中有未知的键 '{key}'{hint}（可用的键：{allowed}）",
    },
    "missing_key": {"en": "{what} is missing '{key}'", "zh": "{what}缺少 '{key}'"},
    "text_missing": {"en": "{what} is missing", "zh": "缺少{what}"},
    "text_empty": {"en": "{what} is empty", "zh": "{what}是空的"},
    "text_unknown_language": {
        "en": "{what}: unknown language '{lang}' (use {languages})",
        "zh": "{what}：未知的语言 '{lang}'（可用：{languages}）",
    },
    "text_not_string": {"en": "{what} ({lang}) must be a non-empty string", "zh": "{what}（{lang}）应是非空字符串"},
    "text_missing_language": {
        "en": "{what} has no '{lang}' text, but the flow declares languages {languages}",
        "zh": "{what}缺少 '{lang}' 语言的文本，而流程声明的语言是 {languages}",
    },
    "text_wrong_type": {
        "en": "{what} must be a string or a mapping of language to string, not {kind}",
        "zh": "{what}应是字符串，或“语言: 字符串”形式的映射，实际是：{kind}",
    },
    "id_invalid": {"en": "{what} id {value!r} is not valid: {hint}", "zh": "{what}编号 {value!r} 无效：{hint}"},
    "command_invalid": {
        "en": "command {command!r} is not valid: use lower-case letters, digits and '-'",
        "zh": "命令名 {command!r} 无效：只能用小写字母、数字和 '-'",
    },
    "reviewed_invalid": {
        "en": "reviewed must be a date YYYY-MM-DD, not {value!r}",
        "zh": "reviewed 应是 YYYY-MM-DD 格式的日期，实际是 {value!r}",
    },
    "start_unknown": {
        "en": "start names question {start!r}, which does not exist{hint}",
        "zh": "start 指定的问题 {start!r} 不存在{hint}",
    },
    "languages_not_list": {"en": "languages must be a list such as [en, zh]", "zh": "languages 应是列表，例如 [en, zh]"},
    "languages_unsupported": {
        "en": "unsupported language(s) {unknown}; supported: {supported}",
        "zh": "不支持的语言 {unknown}；支持的语言：{supported}",
    },
    "sources_empty": {
        "en": "sources must be a non-empty list: every item needs a source",
        "zh": "sources 应是非空列表：每个条目都要有依据",
    },
    "version_invalid": {
        "en": "version must be a number or a string, not {value!r}",
        "zh": "版本号应是数字或字符串，实际是 {value!r}",
    },
    "source_date_invalid": {
        "en": "a source's date must be a date, a year or a string, not {value!r}",
        "zh": "依据的日期应是日期、年份或字符串，实际是 {value!r}",
    },
    "source_url_invalid": {
        "en": "a source's url must be a string, not {value!r}",
        "zh": "依据的网址应是字符串，实际是 {value!r}",
    },
    "source_kind_invalid": {
        "en": "source kind {kind!r} is not one of {kinds}",
        "zh": "依据的类型 {kind!r} 无效，应是其中之一：{kinds}",
    },
    "duplicate_source": {
        "en": "duplicate source id '{id}' (first at {first})",
        "zh": "依据编号 '{id}' 重复（第一次出现在 {first}）",
    },
    "questions_empty": {"en": "questions must be a non-empty list", "zh": "questions 应是非空列表"},
    "duplicate_question": {
        "en": "duplicate question id '{id}' (first at {first})",
        "zh": "问题编号 '{id}' 重复（第一次出现在 {first}）",
    },
    "question_id_reserved": {
        "en": "'{id}' is reserved and cannot be a question id",
        "zh": "'{id}' 是保留字，不能用作问题编号",
    },
    "question_type_unknown": {
        "en": "question '{qid}': unknown type {type!r}{hint} (use one of: {types})",
        "zh": "问题 '{qid}'：未知的类型 {type!r}{hint}（可用：{types}）",
    },
    "bound_not_number": {"en": "question '{qid}': {key} must be a number", "zh": "问题 '{qid}'：{key} 应是数字"},
    "bound_not_date": {
        "en": "question '{qid}': {key} must be a date or 'today'",
        "zh": "问题 '{qid}'：{key} 应是日期或 'today'",
    },
    "bound_wrong_type": {
        "en": "question '{qid}': {key} only applies to number and date questions",
        "zh": "问题 '{qid}'：{key} 只适用于 number 和 date 类型的问题",
    },
    "event_wrong_type": {
        "en": "question '{qid}': event only applies to date questions",
        "zh": "问题 '{qid}'：event 只适用于 date 类型的问题",
    },
    "default_invalid": {
        "en": "question '{qid}': default {value!r} is {problem}",
        "zh": "问题 '{qid}'：默认值 {value!r} {problem}",
    },
    "choices_not_allowed": {
        "en": "question '{qid}': a {type} question has no choices",
        "zh": "问题 '{qid}'：{type} 类型的问题没有选项",
    },
    "choices_missing": {
        "en": "question '{qid}': a {type} question needs a list of choices (at least two for choice)",
        "zh": "问题 '{qid}'：{type} 类型的问题需要一个选项列表（choice 类型至少两个选项）",
    },
    "choice_value_invalid": {
        "en": "question '{qid}': choice value must be a non-empty string (got {value!r})",
        "zh": "问题 '{qid}'：选项的 value 应是非空字符串（实际是 {value!r}）",
    },
    "choice_value_duplicate": {
        "en": "question '{qid}': duplicate choice value '{value}'",
        "zh": "问题 '{qid}'：选项值 '{value}' 重复",
    },
    "next_invalid": {
        "en": "question '{qid}': next must be a question id, 'end', or a list of {{when, goto}} rules",
        "zh": "问题 '{qid}'：next 应是问题编号、'end'，或由 {{when, goto}} 路由规则组成的列表",
    },
    "rule_needs_goto": {
        "en": "question '{qid}': every rule needs goto: <question id or end>",
        "zh": "问题 '{qid}'：每条路由规则都要有 goto: <问题编号或 end>",
    },
    "rule_always_holds": {
        "en": "question '{qid}': a rule without 'when' always holds, so the rules after it are never used",
        "zh": "问题 '{qid}'：没有 'when' 的路由规则总是成立，它后面的规则永远用不上",
    },
    "items_empty": {"en": "items must be a non-empty list", "zh": "items 应是非空列表"},
    "item_kind_invalid": {
        "en": "item '{iid}': kind {kind!r} is not one of {kinds}{hint}",
        "zh": "条目 '{iid}'：kind {kind!r} 无效，应是其中之一：{kinds}{hint}",
    },
    "item_source_invalid": {
        "en": "item '{iid}': source must be a source id or a list of them",
        "zh": "条目 '{iid}'：source 应是一个依据编号，或依据编号的列表",
    },
    "item_order_invalid": {"en": "item '{iid}': order must be a whole number", "zh": "条目 '{iid}'：order 应是整数"},
    "duplicate_item": {
        "en": "duplicate item id '{id}' (first at {first})",
        "zh": "条目编号 '{id}' 重复（第一次出现在 {first}）",
    },
    "updates_not_list": {
        "en": "item '{iid}': updates must be a list of {{source, text}}",
        "zh": "条目 '{iid}'：updates 应是由 {{source, text}} 组成的列表",
    },
    "update_needs_source": {
        "en": "item '{iid}': an update needs a source id or a list of them",
        "zh": "条目 '{iid}'：每条更新都要有依据编号（source），可以是一个或一组",
    },
    "deadline_from_invalid": {
        "en": "item '{iid}': deadline 'from' must name a question or an item id",
        "zh": "条目 '{iid}'：截止日期的 'from' 应指明一个问题或条目的编号",
    },
    "deadline_from_missing": {
        "en": "item '{iid}': deadline needs from: {{question: <date question>}} or from: {{item: <item id>}}",
        "zh": "条目 '{iid}'：截止日期要有 from: {{question: <日期问题>}} 或 from: {{item: <条目编号>}}",
    },
    "deadline_direction": {
        "en": "item '{iid}': deadline needs exactly one of 'after' or 'before'",
        "zh": "条目 '{iid}'：截止日期要有 'after' 或 'before'，且只能有其中一个",
    },
    "deadline_offset_invalid": {
        "en": "item '{iid}': deadline {direction} must be one of {{days: N}}, {{working_days: N}}, {{months: N}}, {{years: N}}",
        "zh": "条目 '{iid}'：截止日期的 {direction} 应是 {{days: N}}、{{working_days: N}}、{{months: N}}、{{years: N}} 之一",
    },
    "deadline_unit_unknown": {
        "en": "item '{iid}': unknown deadline unit {unit!r}{hint} (use {units})",
        "zh": "条目 '{iid}'：未知的截止日期单位 {unit!r}{hint}（可用：{units}）",
    },
    "deadline_amount_invalid": {
        "en": "item '{iid}': deadline amount must be a whole number from 0 to 3650",
        "zh": "条目 '{iid}'：截止日期的数量应是 0 到 3650 之间的整数",
    },
    "deadline_meaning_invalid": {
        "en": "item '{iid}': meaning must be one of {meanings}",
        "zh": "条目 '{iid}'：meaning 应是其中之一：{meanings}",
    },
    "next_unknown": {
        "en": "question '{qid}': next goes to '{goto}', which is not a question{hint}",
        "zh": "问题 '{qid}'：next 指向 '{goto}'，但没有这个问题{hint}",
    },
    "item_source_undeclared": {
        "en": "item '{iid}': source '{sid}' is not declared in sources{hint}",
        "zh": "条目 '{iid}'：依据 '{sid}' 没有在 sources 中声明{hint}",
    },
    "update_source_undeclared": {
        "en": "item '{iid}': update source '{sid}' is not declared in sources{hint}",
        "zh": "条目 '{iid}'：更新的依据 '{sid}' 没有在 sources 中声明{hint}",
    },
    "deadline_question_unknown": {
        "en": "item '{iid}': deadline is anchored to question '{qid}', which does not exist{hint}",
        "zh": "条目 '{iid}'：截止日期从问题 '{qid}' 起算，但没有这个问题{hint}",
    },
    "deadline_question_not_date": {
        "en": "item '{iid}': deadline is anchored to '{qid}', a {type} question; it must be a date question",
        "zh": "条目 '{iid}'：截止日期从 {type} 类型的问题 '{qid}' 起算；起算的问题必须是 date 类型",
    },
    "deadline_item_unknown": {
        "en": "item '{iid}': deadline is anchored to item '{anchor}', which does not exist{hint}",
        "zh": "条目 '{iid}'：截止日期从条目 '{anchor}' 起算，但没有这个条目{hint}",
    },
    "deadline_item_no_deadline": {
        "en": "item '{iid}': deadline is anchored to item '{anchor}', which has no deadline of its own",
        "zh": "条目 '{iid}'：截止日期从条目 '{anchor}' 起算，但该条目自己没有截止日期",
    },
    "deadline_cycle": {
        "en": "item '{iid}': deadlines anchored to each other in a circle",
        "zh": "条目 '{iid}'：几个截止日期互相起算，形成了循环",
    },
    "routing_cycle": {
        "en": "routing cycle: '{qid}' goes back to '{target}', so the wizard would never end",
        "zh": "路由循环：'{qid}' 又回到 '{target}'，向导将永远无法结束",
    },
    # ------------------------------------------------ the analysis (analysis.py)
    "question_unreachable": {
        "en": "question '{qid}' is never asked: no route from '{start}' reaches it",
        "zh": "问题 '{qid}' 永远不会被问到：从 '{start}' 出发的路线都到不了它",
    },
    "question_never_asked": {
        "en": "question '{qid}' is never asked: the conditions leading to it never hold",
        "zh": "问题 '{qid}' 永远不会被问到：通向它的条件从不成立",
    },
    "too_many_states": {
        "en": (
            "the routing reads so many earlier answers that its routes cannot be followed within {limit:,} states; "
            "item and empty-checklist checks skipped"
        ),
        "zh": "路由规则读取的先前回答太多，在 {limit:,} 个状态以内走不完所有路线；已跳过条目检查和空清单检查",
    },
    "item_never_used": {
        "en": "item '{iid}' is never on any checklist: its condition cannot hold on any route",
        "zh": "条目 '{iid}' 不会出现在任何清单上：它的条件在任何路线上都不成立",
    },
    "update_never_applies": {
        "en": "item '{iid}': its update citing '{sid}' never applies: its condition cannot hold on any route where the item is shown",
        "zh": "条目 '{iid}'：引用 '{sid}' 的更新永远不会生效：在显示该条目的任何路线上，它的条件都不成立",
    },
    "empty_checklist": {
        "en": "a route ends with an empty checklist ({answers})",
        "zh": "有一条路线最后得到的清单是空的（{answers}）",
    },
    "no_answers": {"en": "no answers", "zh": "没有回答"},
    "deadline_anchor_not_asked": {
        "en": "item '{iid}': deadline is anchored to '{qid}', which is never asked on a route where the item appears",
        "zh": "条目 '{iid}'：截止日期从 '{qid}' 起算，但在出现该条目的路线上从不问这个问题",
    },
    "too_many_routes": {
        "en": (
            "{count} routes are too many to check each for an empty checklist; "
            "an item without 'when' (shown on every route) makes sure none is empty"
        ),
        "zh": "共有 {count} 条路线，太多，无法逐条检查清单是否为空；加一个没有 'when' 的条目（每条路线都会列出）即可保证清单不为空",
    },
    # ------------------------------------------------ reading YAML (yamlsafe.py)
    "file_not_found": {"en": "file not found", "zh": "找不到该文件"},
    "not_regular_file": {
        "en": "not a regular file (a pipe or a device?); give the path of a file",
        "zh": "不是普通文件（是管道或设备？）；请给出文件的路径",
    },
    "bad_character": {
        "en": "character {code} is not allowed in YAML; remove it",
        "zh": "YAML 中不允许出现字符 {code}；请删除它",
    },
    "control_character": {
        "en": "control character {code} is not allowed here (it could steer the terminal); remove it",
        "zh": "此处不允许出现控制字符 {code}（它可能操纵终端）；请删除它",
    },
    "is_directory": {"en": "is a directory, not a file", "zh": "这是文件夹，不是文件"},
    "permission_denied": {"en": "permission denied", "zh": "没有读取权限"},
    "cannot_read": {"en": "cannot read: {reason}", "zh": "无法读取（系统提示：{reason}）"},
    "file_too_large": {"en": "file is larger than {size} MiB; refusing to read it", "zh": "文件大于 {size} MiB，不予读取"},
    "not_utf8": {"en": "not UTF-8 text (byte {byte})", "zh": "不是 UTF-8 文本（第 {byte} 字节）"},
    "document_too_large": {
        "en": "document is larger than {size} MiB; refusing to read it",
        "zh": "文档大于 {size} MiB，不予读取",
    },
    "yaml_syntax": {
        "en": "YAML syntax error: {problem}",
        "zh": "YAML 语法错误，请检查这一行的缩进、冒号和引号（解析器提示：{problem}）",
    },
    "yaml_error": {"en": "YAML error: {problem}", "zh": "YAML 错误（解析器提示：{problem}）"},
    "document_too_deep": {"en": "document is nested too deeply", "zh": "文档嵌套太深"},
    "file_empty": {"en": "the file is empty", "zh": "文件是空的"},
    "merge_keys": {
        "en": "merge keys ('<<') are not supported; write the keys out",
        "zh": "不支持合并键（'<<'）；请把各个键逐一写出",
    },
    "tag_not_allowed": {
        "en": "YAML tag '{tag}' is not allowed: files hold plain data only (strings, numbers, lists, mappings)",
        "zh": "不允许使用 YAML 标签 '{tag}'：文件只能包含普通数据（字符串、数字、列表、映射）",
    },
    "alias_bomb": {
        "en": "aliases expand to too many values (an alias bomb?); refusing to read further",
        "zh": "别名展开后的值太多（别名炸弹？），不再继续读取",
    },
    "nested_too_deep": {"en": "nested more than {depth} levels deep", "zh": "嵌套超过 {depth} 层"},
    "key_not_plain": {"en": "a mapping key must be a plain value", "zh": "映射的键必须是普通的值"},
    "duplicate_key": {"en": "duplicate key '{key}'", "zh": "键 '{key}' 重复"},
    "cannot_read_value": {"en": "cannot read value {value!r}: {problem}", "zh": "无法读取值 {value!r}（解析器提示：{problem}）"},
    # ------------------------------------------------ conditions (conditions.py)
    "condition_not_mapping": {
        "en": "a condition must be a non-empty mapping such as {{question_id: value}}",
        "zh": "条件应是非空映射，例如 {{问题编号: 值}}",
    },
    "text_too_long": {
        "en": "{what} has {n} characters, more than the {limit} allowed; shorten it or split it into several items",
        "zh": "{what}有 {n} 个字符，超过上限 {limit}；请缩短，或拆成几个条目",
    },
    "too_many_questions": {
        "en": "{count} questions, more than the {limit} a flow may have; split it into several flows",
        "zh": "共 {count} 个问题，超过一个流程的上限 {limit}；请拆分成几个流程",
    },
    "too_many_items": {
        "en": "{count} items, more than the {limit} a flow may have; split it into several flows",
        "zh": "共 {count} 个条目，超过一个流程的上限 {limit}；请拆分成几个流程",
    },
    "condition_too_large": {
        "en": "condition has {count} comparisons and groups, more than the {limit} allowed; split it, or use a list of values ({{q: [a, b]}})",
        "zh": "条件含 {count} 个比较和分组，超过上限 {limit}；请拆分，或改用值列表（{{q: [a, b]}}）",
    },
    "condition_needs_list": {
        "en": "'{key}' needs a non-empty list of conditions",
        "zh": "'{key}' 需要一个非空的条件列表",
    },
    "condition_key_invalid": {"en": "condition key {key!r} must be a question id", "zh": "条件的键 {key!r} 应是问题编号"},
    "comparison_empty": {
        "en": "comparison on '{key}' is empty; use e.g. {{lt: 18}}",
        "zh": "对 '{key}' 的比较是空的；请写成例如 {{lt: 18}}",
    },
    "operator_unknown": {
        "en": "unknown operator '{op}' on '{key}' (use one of: {operators})",
        "zh": "'{key}' 上的运算符 '{op}' 未知（可用：{operators}）",
    },
    "operator_needs_list": {"en": "'{op}' on '{key}' needs a list of values", "zh": "'{key}' 上的 '{op}' 需要一个值的列表"},
    "operator_needs_values": {
        "en": "'{op}' on '{key}' needs a list with at least one value",
        "zh": "'{key}' 上的 '{op}' 需要至少含一个值的列表",
    },
    "answered_needs_bool": {"en": "'answered' on '{key}' needs true or false", "zh": "'{key}' 上的 'answered' 需要 true 或 false"},
    "condition_values_empty": {"en": "the list of values for '{key}' is empty", "zh": "'{key}' 的值列表是空的"},
    "condition_unknown_question": {
        "en": "condition names question '{qid}', which does not exist (known: {known})",
        "zh": "条件中的问题 '{qid}' 不存在（现有的问题：{known}）",
    },
    "condition_value": {"en": "condition on '{qid}': {problem}", "zh": "对问题 '{qid}' 的条件：{problem}"},
    # Why a comparison can never be meaningful (``qtypes.QuestionType.condition_problem``).
    "cond_unordered": {
        "en": "'{op}' compares order, but a {type} answer has none",
        "zh": "'{op}' 比较的是大小先后，但 {type} 类型的回答没有大小先后",
    },
    "cond_not_choice": {"en": "{value} is not one of its choices ({choices})", "zh": "{value} 不是它的选项（{choices}）"},
    "cond_not_bool": {"en": "{value} is not true or false", "zh": "{value} 不是 true 或 false"},
    "cond_not_date": {
        "en": "{value} is not a date (write YYYY-MM-DD or 'today')",
        "zh": "{value} 不是日期（请写成 YYYY-MM-DD 或 'today'）",
    },
    "cond_not_number": {"en": "{value} is not a number", "zh": "{value} 不是数字"},
    "cond_not_text": {"en": "{value} is not text", "zh": "{value} 不是文本"},
}

_FORMATTER = string.Formatter()


def fields(template: str) -> list[str]:
    """The named fields of a template, in order of first appearance."""
    names: dict[str, None] = {}
    for _, name, _, _ in _FORMATTER.parse(template):
        if name is not None:
            names.setdefault(name, None)
    return list(names)


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    values = {k: (v.render(lang) if hasattr(v, "render") else v) for k, v in params.items()}
    return template.format(**values)


def _rebuild(key: str, params: dict[str, Any]) -> Message:
    return Message(key, **params)


def template(key: str, lang: str) -> str:
    """The wording of ``key`` in ``lang`` (else English): from ``CATALOG``, else the program's ``i18n.MESSAGES``."""
    entry = CATALOG.get(key)
    if entry is not None:
        return entry.get(lang) or entry["en"]
    from .i18n import MESSAGES

    return MESSAGES.get(lang, {}).get(key) or MESSAGES["en"][key]


class Message(str):
    """A message not yet worded: its English text, plus the key and values to word it in any language.

    The key is one of ``CATALOG`` (what ``validate`` tells flow authors) or
    of ``i18n.MESSAGES`` (the wizard's own words and errors): one type for
    every message the program shows, whichever table holds its wording.
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Message:
        self = super().__new__(cls, _fill(template(key, "en"), params, "en"))
        self.key = key
        self.params = params
        return self

    def render(self, lang: str) -> str:
        """The message in ``lang`` (English when there is no wording in that language)."""
        if lang == "en":
            return str.__str__(self)
        return _fill(template(self.key, lang), self.params, lang)

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"

    def __reduce__(self) -> Any:
        return _rebuild, (self.key, self.params)


def suggest(word: str, options: Any) -> Message | str:
    """A "did you mean" hint for a mistyped id, key or value ("" when nothing is close)."""
    import difflib

    matches = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.75)
    return Message("did_you_mean", word=matches[0]) if matches else ""


def describe(what: Any) -> Any:
    """A ``what`` as the loader passes it around: a key, or ``(key, value, ...)`` → a Message.

    The values follow the order their fields first appear in the English
    template: ``("what_choice_label", value, qid)`` for "choice '{value}' label of '{qid}'".
    Anything else (plain text) is returned as it is.
    """
    if isinstance(what, tuple):
        key, *values = what
        return Message(key, **dict(zip(fields(CATALOG[key]["en"]), values)))
    if isinstance(what, str) and what in CATALOG and not isinstance(what, Message):
        return Message(what)
    return what


def render(message: Any, lang: str) -> str:
    """Any message in ``lang``: a ``Message`` (or anything with ``render``) or plain text, shown as it is."""
    return message.render(lang) if hasattr(message, "render") else str(message)


def big_number(count: int | None) -> str:
    """A count for people: exact with thousands separators while short, else its order of magnitude.

    Not ``f"{count:,}"`` for every count: Python refuses to format integers of
    over 4,300 digits, and a flow of 15,000 yes/no questions has that many routes.
    """
    if count is None:
        return "?"
    if count < 10**15:
        return f"{count:,}"
    return f"~10^{int((count.bit_length() - 1) * 0.30103)}"
