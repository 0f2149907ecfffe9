"""What the pseudo-terminal tests share: keys, escape-sequence stripping, apply-child's texts."""

from __future__ import annotations

import re

TIMEOUT = 10  # seconds to wait for a text on screen
DOWN, UP, ENTER, CTRL_C, CTRL_D = "\x1b[B", "\x1b[A", "\r", "\x03", "\x04"

# CSI and OSC sequences, charset selection and keypad modes: what prompt_toolkit and rich send.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def plain(raw: str) -> str:
    """Terminal output as text: escape sequences gone, every run of whitespace (wrapped lines too) one space."""
    return " ".join(ANSI.sub("", raw).replace("\r", "").split())


# apply-child in English, as a user sees it.
Q_ROUTE = "Which describes your child"
Q_LOW = "Is your family on the"
Q_POOR = "Does the school count your child"
Q_ACCEPTED = "Has the card-making procedure"
Q_DATE = "On what date was"
REVIEW = "Review your answers"
SCHOOL_FIRST = "Get the insurance materials (insurance instructions and forms) from your child's school."
HOME_FIRST = "Go to the social security agency where your child's household is registered and collect the insurance application materials."
ELSEWHERE_NOTE = "Your child's household is registered outside this city"  # which agency, in plain words
