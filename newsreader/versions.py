"""The extractor's version, stored with every article's indexed quotes.

It lives outside `newsreader.extract` so that reading it (the app does at start, to see
whether quotes wait to be found) does not import the extractor, which takes 40 ms.

Bump `EXTRACTOR_VERSION` whenever a change to `newsreader.extract` changes what it finds: the
indexer then re-extracts every article indexed by an older version, newest first, and the
speakers view and `export-quotes` say how many are still waiting meanwhile.
"""

from __future__ import annotations

__all__ = ["EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = 2
"""1: the first round's rules; 2: real-news attribution (issue 11) on the document model."""
