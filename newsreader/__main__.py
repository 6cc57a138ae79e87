"""`python -m newsreader` and the `newsreader` console script: see `newsreader.cli`."""

from __future__ import annotations

import sys

from newsreader.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
