"""Tests for newsreader.text: control stripping, HTML to paragraphs, embedded posts, titles."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.ingest.html import html_to_paragraphs, parse_html_page
from newsreader.text import HEADLINE_LIMIT, clean_line, clean_text, derive_title, take_headline

TWEET_HTML = (
    '<blockquote class="twitter-tweet" data-dnt="true"><p lang="en" dir="ltr">We called in the'
    ' Air Cav &amp; Marines. <a href="https://t.co/x">pic.twitter.com/U7ZSxiLJYt</a></p>&mdash;'
    " OIR Spokesman Col. Myles B. Caggins III (@OIRSpox) "
    '<a href="https://twitter.com/OIRSpox/status/1212781316646875137?ref_src=twsrc%5Etfw">'
    "January 2, 2020</a></blockquote>"
    ' <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'
)
TWEET_FLAT = (
    "We called in the Air Cav & Marines. pic.twitter.com/U7ZSxiLJYt — OIR Spokesman Col. Myles"
    " B. Caggins III (@OIRSpox) January 2, 2020"
    " https://twitter.com/OIRSpox/status/1212781316646875137"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain [bold red]x [/] [USD]", "plain [bold red]x [/] [USD]"),
        ("a\x1b[5mb\x1b[0m", "ab"),
        ("a\x1b]0;pwned title\x07b", "ab"),
        ("a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"),
        ("a\x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07b", "alinkb"),
        ("a\x9b31mb", "ab"),
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),
        ("a\u202egnp.exe\u202cb\u2066c\u2069", "agnp.exebc"),
        ("nul\x00 bell\x07 del\x7f", "nul bell del"),
        ("keep\ttab\nnewline\r\nwindows", "keep\ttab\nnewline\nwindows"),
        ("a\x1bcb", "ab"),
    ],
)
def test_clean_text_strips_controls_and_keeps_markup_literal(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_line_collapses_whitespace() -> None:
    assert clean_line("  a\n\tb \u00a0 c\x1b[1m ") == "a b c"


def test_clean_text_is_linear_on_hostile_input() -> None:
    hostile = "\x1b]" * 200_000 + "\x1b[" + "1;" * 200_000 + "\x9b" * 100_000
    started = time.perf_counter()
    cleaned = clean_text(hostile)
    assert time.perf_counter() - started < 2
    assert "\x1b" not in cleaned and "\x9b" not in cleaned


def test_block_tags_br_and_entities() -> None:
    html = (
        "<div><h2>Head</h2><p>One&nbsp;two &amp; <b>three</b><br>four<br><br>five</p>"
        "<ul><li>x</li><li>y</ul><p>   </p><img src='pixel.gif' width=1>"
        "<table><tr><td>c1</td><td>c2</td></tr></table></div>"
    )
    # A line break stays a line break inside its paragraph; list items stay apart.
    assert html_to_paragraphs(html) == ["Head", "One two & three\nfour\nfive", "x", "y", "c1 c2"]


def test_dropped_subtrees() -> None:
    html = (
        "<head><title>t</title><style>p{}</style></head><p>kept</p><script>alert(1)</script>"
        "<noscript>no</noscript><svg><text>svg</text></svg><template><p>tpl</p></template>"
        "<iframe src='x'>frame</iframe><p>also kept</p>"
    )
    assert html_to_paragraphs(html) == ["kept", "also kept"]


def test_plain_blockquote_stays_paragraphs() -> None:
    html = '<p>Intro.</p><blockquote><p>"Quoted," he said.</p><p>More.</p></blockquote>'
    assert html_to_paragraphs(html) == ["Intro.", '"Quoted," he said.', "More."]


def test_twitter_embed_is_one_flattened_paragraph() -> None:
    html = f"<p>Before.</p>{TWEET_HTML}<p>After.</p>"
    assert html_to_paragraphs(html) == ["Before.", TWEET_FLAT, "After."]


def test_twitter_video_with_extra_classes_and_x_link() -> None:
    html = (
        '<blockquote data-lang="en" class="tw-align-center twitter-video"><p>Clip <br>here</p>'
        '&#8212; Jane (@jane_doe) <a href="https://x.com/jane_doe/status/123456789">'
        "March 5, 2024</a></blockquote>"
    )
    assert html_to_paragraphs(html) == [
        "Clip here — Jane (@jane_doe) March 5, 2024 https://x.com/jane_doe/status/123456789"
    ]


def test_bluesky_embed_keeps_the_day() -> None:
    html = (
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3k">'
        '<p lang="en">Hello sky</p>&mdash; Jane Doe (<a href="https://bsky.app/profile/did:plc:abc'
        '?ref_src=embed">@jane.bsky.social</a>) <a href="https://bsky.app/profile/did:plc:abc/post/'
        '3k?ref_src=embed">May 2, 2025 at 9:15 PM</a></blockquote>'
    )
    assert html_to_paragraphs(html) == [
        "Hello sky — Jane Doe (@jane.bsky.social) May 2, 2025"
        " https://bsky.app/profile/did:plc:abc/post/3k"
    ]


def test_mastodon_embeds_take_the_handle_from_the_url() -> None:
    html = (
        '<blockquote class="mastodon-embed" data-embed-url="https://mastodon.social/@Gargron/113/'
        'embed"><a href="https://mastodon.social/@Gargron/113"><svg></svg><div>Post by'
        " @Gargron@mastodon.social</div><div>View on Mastodon</div></a></blockquote>"
        '<iframe src="https://fosstodon.org/@bob/99999/embed" class="mastodon-embed"></iframe>'
    )
    assert html_to_paragraphs(html) == [
        "— Gargron (@Gargron@mastodon.social) https://mastodon.social/@Gargron/113",
        "— bob (@bob@fosstodon.org) https://fosstodon.org/@bob/99999",
    ]


def test_escape_sequences_removed_raw_and_as_character_references() -> None:
    html = "<p>a&#27;[31mred&#x1b;]0;title&#7;b \x1b[5mblink\x9b1m &#x202E;c [bold red]x [/]</p>"
    assert html_to_paragraphs(html) == ["aredb blink c [bold red]x [/]"]


def test_deep_nesting_is_linear() -> None:
    html = "<div>" * 100_000 + "deep" + "</div>" * 100_000
    started = time.perf_counter()
    assert html_to_paragraphs(html) == ["deep"]
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "unit", ["<!--", "<a ", '<a b="', "<x", "<![", "</p", "<a/", "<!DOCTYPE ", "<![CDATA["]
)
def test_unterminated_markup_is_linear(unit: str) -> None:
    started = time.perf_counter()
    html_to_paragraphs("<p>text</p>" + unit * 50_000)
    assert time.perf_counter() - started < 2


def test_parse_html_page_prefers_article() -> None:
    page = parse_html_page(
        "<html><head><title>Page title</title><meta property='article:published_time'"
        " content='2020-01-02T03:04:05Z'></head><body><nav><p>Menu</p></nav><article>"
        "<h1>Headline</h1><p>Body.</p></article><footer><p>Footer</p></footer></body></html>"
    )
    assert page.title == "Page title"
    assert page.first_heading == "Headline"
    assert page.published == "2020-01-02T03:04:05Z"
    assert page.document.paragraphs == ("Headline", "Body.")


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            [
                "UPDATED 3:15 PM PT — Friday, January 3, 2020",
                "The U.S. is planning to deploy over 3,000 additional troops to the Middle East"
                " following the death of Iranian General Qasem Soleimani. Reports detailed it.",
            ],
            "The U.S. is planning to deploy over 3,000 additional troops to the Middle East"
            " following the death of Iranian General Qasem Soleimani",
        ),
        (["Gen. Mark Milley spoke on Friday. He said more."], "Gen. Mark Milley spoke on Friday"),
        (["Dr. Jane B. Doe met Mr. Smith. Then left."], "Dr. Jane B. Doe met Mr. Smith"),
        (["Is it over? Nobody knows."], "Is it over?"),
        (["", "   ", "Short lead"], "Short lead"),
        ([], ""),
    ],
)
def test_derive_title(paragraphs: list[str], expected: str) -> None:
    assert derive_title(paragraphs) == expected


def test_derive_title_respects_limit() -> None:
    title = derive_title(["word " * 40], limit=30)
    assert len(title) <= 30 and title.endswith("…") and " …" not in title
    very_long = "The council said " + "that the plan would go ahead, " * 12 + "it said."
    title = derive_title([very_long])
    assert 200 < len(title) <= HEADLINE_LIMIT and title.endswith("…") and " …" not in title


@pytest.mark.parametrize(
    ("paragraphs", "headline", "body"),
    [
        (["Lead one. Then more.", "Second."], "Lead one", ["Then more.", "Second."]),
        (["Whole lead sentence.", "Second."], "Whole lead sentence", ["Second."]),
        (["Only sentence."], "Only sentence", ["Only sentence."]),  # nothing else to show
        # A quotation stays in the body, where the quote pane finds it.
        (
            ["“We won,” she said. Cheers.", "Next."],
            "“We won,” she said",
            ["“We won,” she said. Cheers.", "Next."],
        ),
        (
            ["Dr. A. Smith met Gen. Lee on Friday. More."],
            "Dr. A. Smith met Gen. Lee on Friday",
            ["More."],
        ),
        (
            ["The vote is on Jan. 3. Polls open at 7."],
            "The vote is on Jan. 3",
            ["Polls open at 7."],
        ),
        ([], "", []),
    ],
)
def test_take_headline_moves_the_whole_lead_out_of_the_body(
    paragraphs: list[str], headline: str, body: list[str]
) -> None:
    assert take_headline(paragraphs) == (headline, body)


def test_a_lead_too_long_for_a_headline_stays_in_the_body() -> None:
    lead = "The council said " + "that the plan would go ahead, " * 12 + "it said."
    title, body = take_headline([lead, "Second."])
    assert title.endswith("…") and body == [lead, "Second."]


@pytest.mark.parametrize(
    "lead",
    [
        "“We will rebuild,” the mayor said on Tuesday.",
        'Officials said the ferry was "unsafe at any speed."',
        "« Nous reconstruirons », a déclaré la maire mardi.",
    ],
)
def test_a_lead_that_quotes_someone_stays_in_the_body(lead: str) -> None:
    title, body = take_headline([lead, "Second paragraph."])
    assert title and body == [lead, "Second paragraph."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!-=\"' abp&#;x\x1b[]\n")), max_size=400))
def test_html_to_paragraphs_never_fails_and_stays_bounded(html: str) -> None:
    paragraphs = html_to_paragraphs(html)
    assert sum(len(p) for p in paragraphs) <= len(html) * 2 + 16
    assert all(p and "\x1b" not in p and "\n\n" not in p for p in paragraphs)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_html_to_paragraphs_any_text(html: str) -> None:
    paragraphs = html_to_paragraphs(html)
    assert sum(len(p) for p in paragraphs) <= len(html) * 2 + 16
