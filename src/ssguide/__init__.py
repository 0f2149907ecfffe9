"""ssguide: a terminal wizard for Chinese medical-insurance procedures.

Kept import-light on purpose: ``ssguide --help`` must start fast.
"""

__version__ = "0.1.0"
