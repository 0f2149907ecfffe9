"""Languages: texts from flows, the program's own messages, and dates.

Flow texts are ``LocalText`` values (one string per language). The program's
own words live in ``MESSAGES`` so that every heading, label and error can be
shown in English or Simplified Chinese without touching the renderers.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

SUPPORTED_LANGUAGES = ("en", "zh")
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class LocalText:
    """A user-visible text in one or more languages.

    A plain YAML string is stored under ``"*"`` and serves every language.
    """

    values: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> LocalText:
        return cls(((ANY_LANGUAGE, text),))

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> LocalText:
        return cls(tuple(mapping.items()))

    def get(self, lang: str) -> str:
        """The text in ``lang``, else English, else whatever there is."""
        table = dict(self.values)
        for key in (lang, ANY_LANGUAGE, "en"):
            if key in table:
                return table[key]
        return next(iter(table.values()), "")

    def languages(self) -> set[str]:
        return {k for k, _ in self.values}

    def has(self, lang: str) -> bool:
        langs = self.languages()
        return lang in langs or ANY_LANGUAGE in langs


def detect_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` if given, else the POSIX locale variables in their order of precedence."""
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            # The first variable that is set decides, as in POSIX locale lookup.
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def format_date(day: date, lang: str) -> str:
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


_WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "zh": "一二三四五六日"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_long_date(day: date, lang: str) -> str:
    """A date with its weekday, to confirm what the wizard understood: "Fri 20 Nov 2026", "2026年11月20日（周五）".

    Spelled out here rather than by strftime, whose names follow the process's locale.
    """
    if lang == "zh":
        return f"{format_date(day, lang)}（周{_WEEKDAYS['zh'][day.weekday()]}）"
    return f"{_WEEKDAYS['en'][day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "steps": "Steps",
        "materials": "Materials to bring",
        "deadlines": "Deadlines",
        "expect": "What to expect",
        "do_now": "Do this now",
        "act_by": "Act by {date} ({how})",
        "notes": "Notes and warnings",
        "sources": "Sources",
        "your_answers": "Your answers",
        "situation": "Your situation",
        "situation_names": "situation",  # a choice named one of these words is shown without its name
        "generated": "Generated on {date}",
        "reviewed": "Content last reviewed on {date}, against the sources listed.",
        "disclaimer": (
            "This checklist is guidance, not legal advice. The rules of your insured place decide: "
            "its medical insurance or social security agency (or that of your household registration) "
            "has the final word; check with it before you act."
        ),
        "source_label": "Source",
        "sources_label": "Sources",
        "why_label": "Because",
        "earlier_label": "Earlier practice (source {sources})",
        "warning_label": "Warning",
        "note_label": "Note",
        "by_date": "by {date}",
        "valid_until": "valid until {date}",
        "ready_from": "from {date}",
        "expected_by": "expected by {date}",
        "offset_after": "{amount} after {event}",
        "offset_before": "{amount} before {event}",
        "offset_after_on": "{amount} after {event} on {date}",
        "offset_before_on": "{amount} before {event} on {date}",
        "unit_days": "{n} day|{n} days",
        "unit_working_days": "{n} working day|{n} working days",
        "unit_months": "{n} month|{n} months",
        "unit_years": "{n} year|{n} years",
        "past": "already past",
        "estimate": "estimate: the official holiday calendar for that year is not published yet",
        "yes": "Yes",
        "no": "No",
        "written_to": "Checklist written to {path}",
        "answers_saved": "Answers saved to {path}",
        "interrupted": "Interrupted; nothing was written.",
        "interrupted_saved": "Interrupted; your answers so far are saved. Run 'ssguide {command}' again to resume (--fresh starts over).",
        "interrupted_at_start": "Interrupted at question {position}. Run 'ssguide {command}' again to resume there (--fresh starts over).",
        "interrupted_not_saved": "Interrupted; nothing was written, and your progress could not be saved in {folder}.",
        "answer_count": "{n} answer|{n} answers",
        "last_time": "Last time",
        "last_time_on": "Last time ({when})",
        "resume_at": "{last} you stopped at question {position} ({question}), with {count} saved.",
        "resume_at_start": "{last} you stopped at question {position} ({question}), before answering it.",
        "resume_at_review": "{last} you stopped at the review of your answers, with {count} saved.",
        "resume": "Resume where I left off",
        "start_over": "Start over",
        "session_dropped": "Saved answers that no longer fit this flow were dropped: {ids}.",
        "session_stale": "Saved progress no longer fits this flow (it has changed since); starting over.",
        "none": "(none)",
        "question": "Question",
        "answer": "Answer",
        "unanswered": "(not answered)",
        # Errors a user of the wizard can see. Values are ids, file names, option names and
        # values as typed; they stay as they are in every language.
        "error_line": "ssguide: error: {message}",
        "internal_error": "internal error: {kind}: {detail} (please report it; run with SSGUIDE_DEBUG=1 for details)",
        "interrupted_short": "interrupted",
        "answer_not_iso_date": "not a date in the form YYYY-MM-DD",
        "answer_not_choice": "not one of the choices ({allowed})",
        "answer_not_choice_list": "a list of choices ({allowed})",
        "answer_not_among_choices": "{wrong} not among the choices ({allowed})",
        "answer_not_yes_no": "not yes or no ({allowed})",
        "answer_not_date": "not a date ({allowed})",
        "answer_not_fixed_date": "not a date ({allowed})",
        "answer_date_too_early": "before the earliest allowed date {date}",
        "answer_date_too_late": "after the latest allowed date {date}",
        "answer_date_out_of_range": "outside the years ssguide can compute deadlines for ({low} to {high})",
        "answer_not_number": "not a number ({allowed})",
        "answer_not_finite": "not a finite number",
        "answer_too_small": "smaller than the minimum {min}",
        "answer_too_large": "larger than the maximum {max}",
        "answer_not_text": "not text ({allowed})",
        "answer_too_long": "longer than {n} characters",
        "answer_control_characters": "contains control characters",
        "allowed_choice": "one of: {values}",
        "allowed_multi": "any of: {values} (comma-separated)",
        "allowed_yes_no": "yes or no",
        "allowed_date": "a date as YYYY-MM-DD, or like 2026/11/20, 11-20, today",
        "allowed_date_iso": "a date as YYYY-MM-DD",
        "allowed_number": "a number",
        "allowed_number_range": "a number ({bounds})",
        "allowed_text": "text up to {n} characters",
        "err_answer_value": "{where}: question '{question}': {value} is {problem}",
        "err_unknown_question": "{where}: '{question}' is not a question of '{flow}'{suggestion} (questions: {known})",
        "err_answers_file": "{pos}: {problem} (answers file)",
        "err_answers_not_mapping": "{path}:1:1: an answers file must be a mapping of question id to answer, e.g. 'route: school'",
        "err_bad_set": "--set {option}: write it as QUESTION_ID=VALUE, e.g. --set route=school",
        "err_write_is_folder": "cannot write {path}: it is a folder; give a file name",
        "err_write_exists": "{path} already exists; use --force to overwrite it, or choose another name",
        "err_write_no_folder": "cannot write {path}: folder {folder} does not exist; create it first",
        "err_write_denied": "cannot write {path}: {reason} (check the folder's permissions)",
        "err_write_failed": "cannot write {path}: {reason}",
        "err_write_name_too_long": "cannot write {path}: the file name is too long ({n} bytes, at most {limit}); choose a shorter name",
        "err_write_twice": "{path} is given more than once (--export, --save-answers); give each output its own file",
        "os_permission": "{text}",
        "os_read_only": "{text}",
        "os_no_space": "{text}",
        "os_not_found": "{text}",
        "os_name_too_long": "{text}",
        "err_export_type": "--export {path}: unknown file type '{suffix}'; use .md, .json, .ics or .txt",
        "err_flow_file_missing": "no flow file {path}; check the path (or give a bundled flow's name: ssguide list)",
        "err_write_not_file": "cannot write {path}: it is not a regular file (a device or a pipe); give a file name",
        "err_unknown_flow": "no bundled flow named '{ref}' (bundled: {known}); or give a path to a .yaml file",
        "err_unknown_flow_file": "no bundled flow named '{ref}' (bundled: {known}); to run the file of that name, write {path}",
        "why_flow_bundled": "flow: {path} (bundled)",
        "why_flow_file": "flow: {path} (your file)",
        "err_today": "--today {value} is not a date; write it as YYYY-MM-DD",
        "output_failed": "cannot write the output: {reason}; check the disk, or send the output elsewhere",
        "output_closed": "standard output is closed; give somewhere to write, e.g. > checklist.txt",
        "err_today_range": "--today {value} is outside the years ssguide can compute deadlines for ({low} to {high})",
        "err_flow_invalid": "the flow has {n} {noun}; fix them and run again (see docs/flow-format.md)",
        "err_flow_invalid_noun": "error|errors",
        "err_too_many_routes": "'{flow}' has {routes} routes, too many to list one by one; 'ssguide validate' still checks it",
        "err_write_answers_folder": "--write-answers {path}: folder does not exist; create it first",
        "err_no_terminal": (
            "answers missing ({names}) and there is no terminal to ask in; "
            "give them with --answers FILE or --set ID=VALUE (add --no-input to list what is missing)"
        ),
        "err_missing_answers": (
            "--no-input given but {n} answer(s) are missing for '{flow}'"
            " (give them with --answers FILE or --set ID=VALUE):"
        ),
        "missing_later": "then, depending on those answers, probably also:",
        "validate_summary": "{errors} error(s), {warnings} warning(s) in {flows} flow(s)",
        "validate_warnings": "{n} warning(s); --strict makes them errors",
        "graph_start": "Start",
        "graph_end": "End",
        "graph_end_checklist": "End: checklist",
        "graph_otherwise": "otherwise",
        "paths_header": "{flow}: {n} distinct outcome(s)",
        "paths_items": "items",
        "validate_ok": "{name}: ok",
    },
    "zh": {
        "steps": "步骤",
        "materials": "需带材料",
        "deadlines": "截止日期",
        "expect": "预计进度",
        "do_now": "现在就办",
        "act_by": "请在{date}前办理（{how}）",
        "notes": "注意事项",
        "sources": "依据",
        "your_answers": "您的回答",
        "situation": "您的情况",
        "situation_names": "情况 情形",
        "generated": "生成日期：{date}",
        "reviewed": "内容最近一次对照依据核对于{date}。",
        "disclaimer": (
            "本清单仅供参考，不构成法律意见。以参保地（或户籍所在地）医保、社保经办机构的"
            "规定为准，办理前请先向其确认。"
        ),
        "source_label": "依据",
        "sources_label": "依据",
        "why_label": "依据回答",
        "earlier_label": "以往做法（依据{sources}）",
        "warning_label": "警告",
        "note_label": "提示",
        "by_date": "{date}前",
        "valid_until": "有效期至{date}",
        "ready_from": "{date}起",
        "expected_by": "预计{date}前",
        "offset_after": "{event}后{amount}",
        "offset_before": "{event}前{amount}",
        "offset_after_on": "{date}{event}后{amount}",
        "offset_before_on": "{date}{event}前{amount}",
        "unit_days": "{n}天",
        "unit_working_days": "{n}个工作日",
        "unit_months": "{n}个月",
        "unit_years": "{n}年",
        "past": "已过期",
        "estimate": "估算：该年度法定节假日安排尚未公布",
        "yes": "是",
        "no": "否",
        "written_to": "清单已写入 {path}",
        "answers_saved": "回答已保存到 {path}",
        "interrupted": "已中断，未写入任何文件。",
        "interrupted_saved": "已中断，已保存目前的回答。再次运行 'ssguide {command}' 即可继续（加 --fresh 重新开始）。",
        "interrupted_at_start": "已中断。再次运行 'ssguide {command}' 即可从第 {position} 题继续（加 --fresh 重新开始）。",
        "interrupted_not_saved": "已中断，未写入任何文件；进度无法保存到 {folder}。",
        "answer_count": "{n} 个回答",
        "last_time": "上次",
        "last_time_on": "上次（{when}）",
        "resume_at": "{last}您停在第 {position} 题（{question}），已保存 {count}。",
        "resume_at_start": "{last}您停在第 {position} 题（{question}），还没有作答。",
        "resume_at_review": "{last}您停在核对回答这一步，已保存 {count}。",
        "resume": "从上次停下的地方继续",
        "start_over": "重新开始",
        "session_dropped": "以下保存的回答已不适用于当前流程，已舍弃：{ids}。",
        "session_stale": "保存的进度已不适用于当前流程（流程已有改动），将重新开始。",
        "none": "（无）",
        "question": "问题",
        "answer": "回答",
        "unanswered": "（未回答）",
        "error_line": "ssguide: 错误：{message}",
        "internal_error": "内部错误：{kind}: {detail}（请报告此问题；用 SSGUIDE_DEBUG=1 运行可查看详情）",
        "interrupted_short": "已中断",
        "answer_not_iso_date": "不是 YYYY-MM-DD 格式的日期",
        "answer_not_choice": "不是可选的答案（{allowed}）",
        "answer_not_choice_list": "应为一组可选的答案（{allowed}）",
        "answer_not_among_choices": "其中 {wrong} 不是可选的答案（{allowed}）",
        "answer_not_yes_no": "不是“是”或“否”（{allowed}）",
        "answer_not_fixed_date": "不是日期（{allowed}）",
        "answer_not_date": "不是能识别的日期；请写成 2026-11-20、2026年11月20日、11月20日或“昨天”等",  # fits the prompt's one error line at 80 columns
        "answer_date_too_early": "早于允许的最早日期 {date}",
        "answer_date_too_late": "晚于允许的最晚日期 {date}",
        "answer_date_out_of_range": "超出 ssguide 能计算截止日期的年份范围（{low} 至 {high}）",
        "answer_not_number": "不是数字（{allowed}）",
        "answer_not_finite": "不是有限的数字",
        "answer_too_small": "小于最小值 {min}",
        "answer_too_large": "大于最大值 {max}",
        "answer_not_text": "不是文本（{allowed}）",
        "answer_too_long": "超过 {n} 个字符",
        "answer_control_characters": "含有控制字符",
        "allowed_choice": "可选：{values}",
        "allowed_multi": "可多选：{values}，用英文逗号分隔",
        "allowed_yes_no": "yes 或 no，也可写 是 或 否",
        "allowed_date": "日期，如 2026-11-20、2026年11月20日、11月20日、今天",
        "allowed_date_iso": "日期，格式为 YYYY-MM-DD",
        "allowed_number": "数字",
        "allowed_number_range": "数字（{bounds}）",
        "allowed_text": "不超过 {n} 个字符的文本",
        "err_answer_value": "{where}：问题 '{question}' 的回答 {value} {problem}",
        "err_unknown_question": "{where}：'{question}' 不是流程 '{flow}' 中的问题{suggestion}（问题有：{known}）",
        "err_answers_file": "回答文件 {pos}：{problem}",
        "err_answers_not_mapping": "{path}:1:1：回答文件应是“问题编号: 回答”形式的映射，例如 'route: school'",
        "err_bad_set": "--set {option}：请写成 问题编号=回答，例如 --set route=school",
        "err_write_is_folder": "无法写入 {path}：这是一个文件夹；请给出文件名",
        "err_write_exists": "{path} 已存在；加 --force 可覆盖，或换一个文件名",
        "err_write_no_folder": "无法写入 {path}：文件夹 {folder} 不存在；请先创建它",
        "err_write_denied": "无法写入 {path}：{reason}（请检查该文件夹的权限）",
        "err_write_failed": "无法写入 {path}：{reason}",
        "err_write_name_too_long": "无法写入 {path}：文件名太长（{n} 字节，最多 {limit}）；请换一个短一些的名字",
        "err_write_twice": "{path} 被指定了不止一次（--export、--save-answers）；每个输出请用不同的文件",
        "os_permission": "没有写入权限",
        "os_read_only": "文件系统是只读的",
        "os_no_space": "磁盘空间不足",
        "os_not_found": "文件夹不存在",
        "os_name_too_long": "文件名太长",
        "err_export_type": "--export {path}：不支持的文件类型 '{suffix}'；请使用 .md、.json、.ics 或 .txt",
        "err_flow_file_missing": "找不到流程文件 {path}；请检查路径（或给出内置流程的名称：ssguide list）",
        "err_write_not_file": "无法写入 {path}：它不是普通文件（是设备或管道）；请给出文件名",
        "err_unknown_flow": "没有名为 '{ref}' 的内置流程（内置流程：{known}）；也可以给出 .yaml 流程文件的路径",
        "err_unknown_flow_file": "没有名为 '{ref}' 的内置流程（内置流程：{known}）；要运行同名文件，请写 {path}",
        "why_flow_bundled": "流程：{path}（内置）",
        "why_flow_file": "流程：{path}（您的文件）",
        "err_today": "--today {value} 不是日期；请写成 YYYY-MM-DD",
        "output_failed": "无法写出结果：{reason}；请检查磁盘，或把结果输出到别处",
        "output_closed": "标准输出已关闭；请指定输出位置，例如 > checklist.txt",
        "err_today_range": "--today {value} 超出 ssguide 能计算截止日期的年份范围（{low} 至 {high}）",
        "err_flow_invalid": "该流程文件有 {n} 处错误；请改正后再运行（参见 docs/flow-format.md）",
        "err_flow_invalid_noun": "错误",
        "err_too_many_routes": "流程 '{flow}' 共有 {routes} 条路线，太多，无法逐一列出；'ssguide validate' 仍可检查它",
        "err_write_answers_folder": "--write-answers {path}：文件夹不存在；请先创建它",
        "err_no_terminal": (
            "缺少回答（{names}），而且没有可以提问的终端；"
            "请用 --answers FILE 或 --set ID=VALUE 给出（加 --no-input 可列出缺少哪些回答）"
        ),
        "err_missing_answers": "指定了 --no-input，但流程 '{flow}' 还缺少 {n} 个回答（请用 --answers FILE 或 --set ID=VALUE 给出）：",
        "missing_later": "根据这些回答，可能还需要：",
        "validate_summary": "{flows} 个流程中共有 {errors} 个错误、{warnings} 个警告",
        "validate_warnings": "{n} 个警告；加 --strict 会把警告当作错误",
        "graph_start": "开始",
        "graph_end": "结束",
        "graph_end_checklist": "结束：生成清单",
        "graph_otherwise": "其他情况",
        "paths_header": "{flow}：共 {n} 种不同结果",
        "paths_items": "条目",
        "validate_ok": "{name}：没有发现问题",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """A program message in ``lang`` (English if missing), with ``{name}`` values filled in."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    template = table.get(key) or MESSAGES["en"][key]
    return template.format(**values)


def plural(key: str, lang: str, n: int) -> str:
    """``"{n} day|{n} days"`` style messages: singular before the bar, plural after."""
    template = MESSAGES.get(lang, MESSAGES["en"]).get(key) or MESSAGES["en"][key]
    if "|" in template:
        one, many = template.split("|", 1)
        template = one if n == 1 else many
    return template.format(n=n)
