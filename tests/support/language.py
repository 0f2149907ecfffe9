"""Telling English words from names and values in a line meant to be Chinese."""

from __future__ import annotations

import re

CHINESE = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Words that are names, not sentences: the program, formats, placeholders, answers one types.
TECHNICAL = {
    "ssguide", "YAML", "JSON", "UTF", "MiB", "FILE", "PATH", "ID", "VALUE", "YYYY", "MM", "DD",
    "yes", "no", "md", "json", "ics", "txt", "yaml", "SSGUIDE", "DEBUG", "docs",
}


def english_left(line: str, ids: set[str] = frozenset()) -> list[str]:
    """English words in a Chinese line once names and values are set aside."""
    text = re.sub(r"（解析器提示：.*?）", " ", line)  # the YAML parser's own words, labelled as such
    text = re.sub(r"'[^']*'|\"[^\"]*\"", " ", text)  # quoted ids and values
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths
    text = re.sub(r"--[\w-]+", " ", text)  # option names
    text = re.sub(r"[\w.-]+\.(?:md|json|ics|txt|yaml|yml|pdf)\b", " ", text)  # file names
    text = re.sub(r"\b[\w-]+(?=[=:])", " ", text)  # "id: allowed" and "ID=VALUE"
    for name in sorted(ids, key=len, reverse=True):  # ids and choice values, whole
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    return sorted(w for w in set(WORD.findall(text)) if w not in TECHNICAL)
