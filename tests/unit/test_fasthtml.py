"""The fast HTML path gives exactly the full converter's paragraphs, or declines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.sources.fasthtml import simple_html_paragraphs
from newsreader.text import html_to_paragraphs
from tests.conftest import SHARED

PIECES = [
    "<p>", "</p>", "<br>", "<br/>", "</br>", "<a href='x>y'>", "</a>", "<em>", "</em>",
    "<div class=\"c\">", "</div>", "<li>", "<ul>", "</ul>", "<h2>", "</h2>", "<img src=x>",
    "<blockquote class='twitter-tweet'>", "</blockquote>", "<script>", "</script>", "<!-- c -->",
    "&amp;", "&lt;", "&#8217;", "&#27;[31m", "&#x1b;", "&nbsp;", "&amp", "&bogus;", "<", ">",
    " ", "\n", "\t", "word", "Mayor said “yes”.", "\x1b[5m", "\u202e", "<table><td>", "<P>",
    "<SPAN>", "</span>", "<x-tag>", "<p/>", "<strong>", "<time datetime='2026'>",
]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=40))
@settings(max_examples=600, deadline=None)
def test_generated_html_matches_the_full_converter(pieces: list[str]) -> None:
    html = "".join(pieces)
    fast = simple_html_paragraphs(html)
    if fast is not None:
        assert fast == html_to_paragraphs(html), html


@pytest.mark.parametrize(
    ("html", "simple"),
    [
        ("<p>One &amp; two</p><p>Three<br>four<br><br>five</p>", True),
        ('<p>He said “no” <a href="https://e.org/?a=1&amp;b=2">here</a>.</p>', True),
        ("<blockquote class='twitter-tweet'><p>post</p></blockquote>", False),
        ("<p>a</p><!-- note --><p>b</p>", False),
        ("<p>x &#27;[31m y</p>", False),
        ("<table><tr><td>a</td></tr></table>", False),
        ("1 < 2", False),
    ],
)
def test_simple_html_is_recognised(html: str, simple: bool) -> None:
    fast = simple_html_paragraphs(html)
    assert (fast is not None) is simple
    if fast is not None:
        assert fast == html_to_paragraphs(html)


_BODY = re.compile(r"<(description|content:encoded|content|summary)[^>]*>(.*?)</\1>", re.DOTALL)


def real_world_bodies() -> list[str]:
    from html import unescape

    files = sorted((Path(__file__).parents[2] / "sample_feeds").glob("*.*"))
    corpus = SHARED / "corpus" / "feedparser"
    if corpus.is_dir():
        files += sorted(corpus.rglob("*.xml"))
    bodies = []
    for file in files:
        text = file.read_text("utf-8", errors="replace")
        bodies += [unescape(match.group(2)) for match in _BODY.finditer(text)]
    return bodies


def test_real_world_bodies_match_the_full_converter() -> None:
    bodies = real_world_bodies()
    taken = 0
    for html in bodies:
        fast = simple_html_paragraphs(html)
        if fast is not None:
            taken += 1
            assert fast == html_to_paragraphs(html), html
    assert taken > 0
