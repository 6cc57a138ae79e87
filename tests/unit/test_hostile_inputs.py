"""Generated attacks through the real loaders, end to end: load → save → read back.

Each case runs in its own process (`tests/drivers/hostile_case.py`) so its time and peak memory
are its own. Every case must finish within the bounds, give articles or exactly one clear error
line, and leave no escape sequence, control character or bidi override in anything stored.
Unit-level checks of the entity filter and of `clean_text` live in test_feeds.py/test_text.py.
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsreader.ingest.safety import MAX_ENTRIES

REPO = Path(__file__).resolve().parents[2]
MAX_SECONDS = 15.0
MAX_EXTRA_MIB = 64.0

# Terminal attacks: CSI (blink), OSC 8 hyperlink, OSC 52 clipboard write, OSC 0 window title,
# the 8-bit CSI (C1 0x9B), a bidi override; and Rich/Textual markup that must stay literal.
CSI = "\x1b[5mBLINK\x1b[0m"
OSC8 = "\x1b]8;;file:///etc/passwd\x1b\\LINKTEXT\x1b]8;;\x1b\\"
OSC52 = "\x1b]52;c;T1NDNTJQV05FRA==\x07"
OSC0 = "\x1b]0;OSC0TITLEPWNED\x07"
C1_CSI = "\x9b31mC1RED"
BIDI = "\u202eDESREVER\u202c"
ESCAPES = CSI + OSC8 + OSC52 + OSC0 + C1_CSI + BIDI
MARKUP = "[/] [bold red]x [@click=app.quit] [link=file:///etc/passwd]x[/link]"
HOSTILE = f"{MARKUP} {ESCAPES} end"
PAYLOADS = ("T1NDNTJQV05FRA==", "OSC0TITLEPWNED")
"""Text inside OSC sequences: dropped with the sequence, never left as visible junk."""


def as_references(text: str) -> str:
    """`text` with every control, non-ASCII and markup-sensitive character as `&#N;`."""
    return "".join(
        f"&#{ord(c)};" if ord(c) < 32 or ord(c) > 126 or c in "<>&\"'" else c for c in text
    )


@dataclass(frozen=True)
class Outcome:
    """What the driver reported for one case."""

    articles: int
    errors: list[str]
    seconds: float
    extra_mib: float
    unsafe: list[Any]
    titles: list[str]
    bodies: list[str]


def run_case(mode: str, target: Path, tmp_path: Path, max_extra_mib: float) -> Outcome:
    """Load `target` in a fresh process and check the bounds every case shares."""
    database = tmp_path / "case.sqlite3"
    completed = subprocess.run(
        [sys.executable, "-m", "tests.drivers.hostile_case", mode, str(target), str(database)],
        cwd=REPO,
        capture_output=True,
        timeout=MAX_SECONDS * 4,
    )
    assert completed.returncode == 0, completed.stderr.decode()[-3000:]
    outcome = Outcome(**json.loads(completed.stdout.decode().splitlines()[-1]))
    assert outcome.seconds <= MAX_SECONDS
    assert outcome.extra_mib <= max_extra_mib
    assert outcome.unsafe == []
    assert outcome.articles > 0 or len(outcome.errors) == 1, outcome.errors
    for line in outcome.errors:
        assert line and "\n" not in line and len(line) < 500
    for text in outcome.titles + outcome.bodies:
        assert not any(payload in text for payload in PAYLOADS)
    return outcome


def rss(items: str, *, declarations: str = "", encoding: str = "utf-8", title: str = "T") -> str:
    """An RSS 2.0 document around `items`."""
    doctype = f"<!DOCTYPE rss [\n{declarations}\n]>\n" if declarations else ""
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{doctype}<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://example.org/</link><description>d</description>"
        f"{items}</channel></rss>\n"
    )


def item(title: str, body: str, guid: str = "g1", author: str = "a@example.org (A)") -> str:
    """One RSS item; `body` is put in as escaped HTML, as feeds carry it."""
    return (
        f"<item><title>{title}</title><guid>{guid}</guid><author>{author}</author>"
        f"<link>https://example.org/{guid}</link><category>{title[:200]}</category>"
        f"<description>{html.escape(body)}</description></item>"
    )


def write(path: Path, content: str | bytes) -> Path:
    """Write a case file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- entity attacks ------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
)
QUADRATIC_VALUE = "A" * 100_000
XXE = '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
XXE_REMOTE = '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">\n%remote;'

ENTITY_CASES: dict[str, Callable[[], str]] = {
    "billion_laughs": lambda: rss(item("&lol9;", "x"), declarations=BILLION_LAUGHS),
    "quadratic_blowup": lambda: rss(
        item("q", "x").replace("<title>q</title>", "<title>" + "&a;" * 20_000 + "</title>"),
        declarations=f'<!ENTITY a "{QUADRATIC_VALUE}">',
    ),
    "xxe_file": lambda: rss(item("&xxe;", "x"), declarations=XXE),
    "xxe_remote_parameter_entity": lambda: rss(item("t", "x"), declarations=XXE_REMOTE),
}


@pytest.mark.parametrize("mode", ["path", "feed"])
@pytest.mark.parametrize("name", sorted(ENTITY_CASES))
def test_entity_attacks_are_refused_with_one_line(name: str, mode: str, tmp_path: Path) -> None:
    document = ENTITY_CASES[name]()
    if name == "quadratic_blowup":
        assert 150_000 < len(document) < 200_000
    target = write(tmp_path / "feeds" / f"{name}.xml", document)
    outcome = run_case(mode, target, tmp_path, MAX_EXTRA_MIB)
    assert outcome.articles == 0
    assert "entity" in outcome.errors[0].lower()
    assert not any("root:" in text for text in outcome.titles + outcome.bodies)


# --- size attacks --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_item_is_bounded(tmp_path: Path) -> None:
    paragraph = "<p>" + "Words of a very long article. " * 40 + "</p>"
    body = paragraph * (50_000_000 // len(paragraph))
    target = write(tmp_path / "feeds" / "huge_item.xml", rss(item("Huge", body)))
    assert target.stat().st_size > 50_000_000
    # The document itself is 50 MB: reading it costs that much before any parsing. (Over HTTP
    # the fetcher stops at its size cap before `parse_feed` sees the bytes.)
    outcome = run_case("path", target, tmp_path, MAX_EXTRA_MIB + 2 * 50)
    assert outcome.articles == 0
    assert "too large" in outcome.errors[0]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["path", "feed"])
def test_50_000_items_in_one_feed_are_read_up_to_the_cap(mode: str, tmp_path: Path) -> None:
    items = "".join(item(f"Item {n}", f"<p>Body {n}.</p>", guid=f"g{n}") for n in range(50_000))
    target = write(tmp_path / "feeds" / "many.xml", rss(items))
    size_mib = target.stat().st_size / 2**20
    outcome = run_case(mode, target, tmp_path, MAX_EXTRA_MIB + 2 * size_mib)
    assert outcome.articles == MAX_ENTRIES
    assert "45,000 entries skipped" in outcome.errors[0]


@pytest.mark.slow
def test_the_largest_feed_accepted_is_bounded(tmp_path: Path) -> None:
    count = MAX_ENTRIES
    items = "".join(item(f"Item {n}", f"<p>Body {n}.</p>", guid=f"g{n}") for n in range(count))
    target = write(tmp_path / "feeds" / "many.xml", rss(items))
    outcome = run_case("feed", target, tmp_path, MAX_EXTRA_MIB)
    assert outcome.articles == count


def test_a_1_mb_title_is_bounded(tmp_path: Path) -> None:
    title = "Long " * 200_000
    target = write(tmp_path / "feeds" / "long_title.rss", rss(item(title, "<p>b</p>")))
    outcome = run_case("path", target, tmp_path, MAX_EXTRA_MIB)
    assert outcome.articles == 1
    assert len(outcome.titles[0]) <= 1000


def test_a_1_mb_first_line_in_a_text_file_is_bounded(tmp_path: Path) -> None:
    target = write(tmp_path / "desk" / "long.txt", "Long " * 200_000 + "\n\nBody.\n")
    outcome = run_case("path", target, tmp_path, MAX_EXTRA_MIB)
    assert outcome.articles == 1


@pytest.mark.parametrize("mode", ["html_file", "feed_item"])
def test_deeply_nested_html_is_bounded(mode: str, tmp_path: Path) -> None:
    nested = "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000
    if mode == "html_file":
        target = write(tmp_path / "desk" / "nested.html", f"<html><body>{nested}</body></html>")
    else:
        target = write(tmp_path / "feeds" / "nested.xml", rss(item("Nested", nested)))
    outcome = run_case("path", target, tmp_path, MAX_EXTRA_MIB)
    assert outcome.articles == 1
    assert "deep text" in outcome.bodies[0]


# --- encodings -----------------------------------------------------------------------------

ENCODING_CASES: dict[str, tuple[str, bytes]] = {
    "invalid_utf8_feed.xml": (
        "feed",
        rss(item("Caf\udcff title", "<p>body</p>")).encode("utf-8", "surrogateescape"),
    ),
    "cp1252_labelled_utf8.xml": ("feed", rss(item("Café “quoted”", "<p>b</p>")).encode("cp1252")),
    "utf8_labelled_latin1.xml": (
        "feed",
        rss(item("Café “quoted”", "<p>b</p>"), encoding="iso-8859-1").encode("utf-8"),
    ),
    "nul_bytes_feed.xml": ("feed", rss(item("Nul\x00title", "<p>b\x00ody</p>")).encode()),
    "nul_bytes.txt": ("path", b"date 2026-01-02 Desk\n\nText with \x00 NUL.\n"),
    "invalid_utf8.txt": ("path", b"date 2026-01-02 Desk\n\nCaf\xe9 \xff\xfe broken \x80.\n"),
    "utf16_without_bom.md": ("path", "# Title\n\nBody text.\n".encode("utf-16-le")),
}


@pytest.mark.parametrize("name", sorted(ENCODING_CASES))
def test_broken_and_lying_encodings_give_articles_or_one_error(name: str, tmp_path: Path) -> None:
    mode, data = ENCODING_CASES[name]
    target = write(tmp_path / "desk" / name, data)
    run_case(mode, target, tmp_path, MAX_EXTRA_MIB)


# --- markup and terminal escapes in every field --------------------------------------------


def escape_cases(text: str) -> dict[str, tuple[str, str, str]]:
    """Files carrying `text` in every field: name -> (mode, file name, content)."""
    referenced = as_references(text)
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": text,
        "authors": [{"name": text}],
        "items": [
            {
                "id": text,
                "url": "https://example.org/" + text,
                "title": text,
                "content_html": f"<p>{html.escape(text)}</p><blockquote>{text}</blockquote>",
                "authors": [{"name": text}],
            },
            {"id": "2", "title": "plain", "content_text": text + "\n\n“" + text + ",” she said."},
        ],
    }
    post = f"{text} — {text} (@handle) January 2, 2026"
    return {
        "rss_raw": ("feed", "raw.xml", rss(item(text, f"<p>{text}</p>", text, text), title=text)),
        "rss_references": (
            "feed",
            "refs.xml",
            rss(item(referenced, f"<p>{referenced}</p>", referenced, referenced), title=referenced),
        ),
        "atom_references": (
            "path",
            "refs.atom",
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{referenced}</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>"
            f"<entry><title type='html'>{html.escape(referenced)}</title><id>{referenced}</id>"
            f"<updated>2026-01-01T00:00:00Z</updated><author><name>{referenced}</name></author>"
            f"<content type='html'>{html.escape(f'<p>{referenced}</p>')}</content></entry></feed>",
        ),
        "json_feed": ("path", "feed.json", json.dumps(json_feed)),
        "seed_text": (
            "path",
            "seed.txt",
            f"date 2026-01-02 {text}\n\n{text}\n\n“{text},” said {text}.\n\n{post}\n",
        ),
        "markdown": ("path", "story.md", f"# {text}\n\n{text}\n\n> “{text},” she said.\n"),
        "html_raw": (
            "path",
            "page.html",
            f"<html><head><title>{text}</title></head><body><h1>{text}</h1><p>{text}</p>"
            f'<blockquote class="twitter-tweet"><p>{text}</p>&mdash; {text} (@h) '
            f'<a href="https://twitter.com/h/status/12345678">January 2, 2026</a></blockquote>'
            "</body></html>",
        ),
        "html_references": (
            "path",
            "page_refs.html",
            f"<html><head><title>{referenced}</title></head><body><p>{referenced}</p></body></html>",
        ),
        "plain_text": ("path", "plain.txt", f"{text}\n\n{text}\n"),
    }


@pytest.mark.parametrize("name", sorted(escape_cases(HOSTILE)))
def test_markup_and_escapes_in_every_field_are_stored_clean(name: str, tmp_path: Path) -> None:
    mode, file_name, content = escape_cases(HOSTILE)[name]
    target = write(tmp_path / "desk" / file_name, content)
    outcome = run_case(mode, target, tmp_path, MAX_EXTRA_MIB)
    assert outcome.articles >= 1
    stored = "\n".join(outcome.titles + outcome.bodies)
    # Markup is text: brackets are kept literally, not interpreted or dropped.
    assert "[bold red]x" in stored
    assert "[/]" in stored
