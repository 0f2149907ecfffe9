"""A flow text pointing at another flow: ``{flow:offsite}``, worded by each face.

On the terminal and in every file it is "run `ssguide offsite`" (the catalog's
``flow_ref``); on the web, a link to that flow's first question (``web.html``).
The loader checks each one names a flow there is, at its file:line:col
(``structure.StructureChecker.check_flow_refs``).
"""

from __future__ import annotations

import re

FLOW_REF_START = "{flow:"
FLOW_REF = re.compile(r"\{flow:(?P<ref>[^{}\s]+)\}")
# Also what is meant as one and is not: "{flow:" with spaces or braces inside, or no closing brace ("ref" is None).
FLOW_REF_ANY = re.compile(r"\{flow:(?:(?P<ref>[^{}\s]+)\}|[^}]{0,40})")
