"""``python -m ssguide``."""

from .shell.cli import main

if __name__ == "__main__":
    main()
