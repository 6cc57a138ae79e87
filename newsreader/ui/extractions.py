"""What the article view remembers: the quotes of recently opened articles (so reopening one
is instant) and how far down each article the reader got."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from newsreader.models import Article, Extraction
from newsreader.store import Store

EXTRACTION_CACHE_SIZE = 128
INLINE_EXTRACTION_CHARS = 30_000
"""Articles up to this size are analysed as they open (a few milliseconds); longer ones are
shown at once and their quotes follow from a worker."""


class ExtractionCache:
    """The last `size` extractions by article id, least recently used dropped first."""

    def __init__(self, size: int = EXTRACTION_CACHE_SIZE) -> None:
        self.size = size
        self._extractions: OrderedDict[int, Extraction] = OrderedDict()

    def remember(self, article_id: int, extraction: Extraction) -> Extraction:
        """Cache `extraction` for `article_id`; returns it."""
        self._extractions[article_id] = extraction
        self._extractions.move_to_end(article_id)
        if len(self._extractions) > self.size:
            self._extractions.popitem(last=False)
        return extraction

    def forget(self, article_id: int) -> None:
        """Drop what is cached for an article whose text changed (its page was fetched)."""
        self._extractions.pop(article_id, None)

    def at_hand(self, article: Article) -> Extraction | None:
        """The article's quotes if cached or quick to find here (a few milliseconds); None
        for a long article, whose quotes must be found in a worker."""
        cached = self._extractions.get(article.id)
        if cached is not None:
            self._extractions.move_to_end(article.id)
            return cached
        if sum(len(text) for text in article.paragraphs) > INLINE_EXTRACTION_CHARS:
            return None
        # Imported on first use so the first paint does not wait for the extractor.
        from newsreader.extract import extract

        return self.remember(article.id, extract(article.paragraphs))


class ReadingOffsets:
    """Reading positions (lines scrolled) by article, read from the store and saved through
    the screen's writer (`save`), so a busy database never blocks scrolling away."""

    def __init__(self, store: Store, save: Callable[[Callable[[Store], object], str], object]):
        self.store = store
        self.save = save

    def get(self, article_id: int) -> int:
        """Lines scrolled when the article was last left (0: never opened, or at the top)."""
        return self.store.reading_offset(article_id)

    def set(self, article_id: int, offset: int) -> None:
        """Remember `offset` for the article (saved only when it changed)."""
        if offset != self.store.reading_offset(article_id):
            self.save(
                lambda store: store.set_reading_offset(article_id, offset), "reading position"
            )
