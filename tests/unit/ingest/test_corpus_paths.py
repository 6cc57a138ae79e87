"""feedparser's and gofeed's test corpus through every path: files, and HTTP with the headers
each file was written for. Zero crashes, and no mojibake in any title.

Skips cleanly when `../shared/corpus` is absent (a clone outside this workspace).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.ingest.decode import decode_bytes
from newsreader.ingest.feeds import parse_feed
from newsreader.sources.refresh import refresh_sources
from newsreader.store import Store
from tests.feedserver import FeedServer, serving, static

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")

_HEADER = re.compile(rb"Header:\s*Content-type:\s*([^\r\n]*)", re.IGNORECASE)
# UTF-8 read as Latin-1/Windows-1252 (Ã©, â€™, Ð¸ ...) or bytes that fit no encoding.
MOJIBAKE = re.compile("\ufffd|Ã[\u0080-\u00bf\u2018-\u203a]|â€|Ð[\u0080-\u00bf]|Ñ[\u0080-\u00bf]")
MOJIBAKE_IN_SOURCE = {"encoding_attribute_crash_2.xml"}
"""Files whose text is written as mojibake on purpose (double-escaped `&amp;acirc;&amp;#128;`)."""
# The undeclared legacy encodings (illformed/chardet): each title in its own script.
SCRIPTS = {
    "koi8r.xml": "[\u0400-\u04ff]",
    "windows1255.xml": "[\u0590-\u05ff]",
    "eucjp.xml": "[\u3040-\u30ff\u4e00-\u9fff]",
    "shiftjis.xml": "[\u3040-\u30ff\u4e00-\u9fff]",
    "euckr.xml": "[\uac00-\ud7af]",
    "gb2312.xml": "[\u4e00-\u9fff]",
    "big5.xml": "[\u4e00-\u9fff]",
    "tis620.xml": "[\u0e00-\u0e7f]",
}


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.name != "LICENSE"]


def header_of(data: bytes) -> str:
    found = _HEADER.search(data[:2000])
    return found.group(1).decode("latin-1").strip() if found else ""


def test_every_file_parses_without_a_crash_or_mojibake() -> None:
    files = corpus_files()
    garbled = []
    for path in files:
        if path.name in MOJIBAKE_IN_SOURCE:
            continue
        data = path.read_bytes()
        title, articles, _errors = parse_feed(
            data, location=str(path), content_type=header_of(data)
        )
        for text in [title, *(a.title for a in articles)]:
            if MOJIBAKE.search(text):
                garbled.append(f"{path.name}: {text[:60]}")
    assert len(files) > 2000 and not garbled


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_undeclared_legacy_encodings_read_in_their_script(name: str) -> None:
    data = (CORPUS / "feedparser" / "illformed" / "chardet" / name).read_bytes()
    decoded = decode_bytes(data)
    assert re.search(SCRIPTS[name], decoded.text)
    assert not MOJIBAKE.search(decoded.text.replace("??", ""))
    _title, articles, _errors = parse_feed(data, location=name)
    for article in articles:
        assert not MOJIBAKE.search(article.title + " ".join(article.paragraphs))


@pytest.fixture
def server() -> Iterator[FeedServer]:
    yield from serving()


def test_files_written_for_http_go_through_a_real_server(
    tmp_path: Path, server: FeedServer
) -> None:
    """Every corpus file that names its Content-Type, served with it and refreshed."""
    served = [p for p in corpus_files() if header_of(p.read_bytes()[:2000])]
    database = tmp_path / "db.sqlite3"
    store = Store(database)
    for number, path in enumerate(served):
        data = path.read_bytes()
        route = f"/{number}/{path.name}"
        server.routes[route] = static(data, header_of(data))
        store.add_subscription(server.url(route), title="", location=server.url(route), kind="feed")
    store.close()
    outcomes = refresh_sources(database, None, Config(fetch_timeout_seconds=5.0)).outcomes
    assert len(outcomes) == len(served) > 40
    assert all(not o.failed or (o.error and "\n" not in o.error) for o in outcomes)
    store = Store(database)
    titles = [row.title for row in store.rows()] + [s.title for s in store.sources()]
    assert not [title for title in titles if MOJIBAKE.search(title)]
