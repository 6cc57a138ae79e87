"""Embedded posts in their flattened paragraph form."""

from __future__ import annotations

import pytest

from newsreader.extract import extract
from newsreader.extract.posts import parse_post


def test_tweet_with_pic_link() -> None:
    paragraph = (
        "Crews are working through the night. pic.twitter.com/Ab12Cd34Ef "
        "— City of Lakeside (@LakesideCity) March 3, 2024"
    )
    (post,) = extract([paragraph]).posts
    assert post.text == "Crews are working through the night. pic.twitter.com/Ab12Cd34Ef"
    assert (post.author, post.handle, post.date) == (
        "City of Lakeside",
        "LakesideCity",
        "2024-03-03",
    )
    assert (post.url, post.platform, post.paragraph) == (None, "twitter", 0)


def test_em_dash_inside_the_post_text_is_kept() -> None:
    post = parse_post("We said it in 2019 — and meant it. — Fire Dept (@LakesideFD) July 4, 2023")
    assert post is not None
    assert post.text == "We said it in 2019 — and meant it."
    assert post.author == "Fire Dept"


@pytest.mark.parametrize("dash", ["—", "―", "--"])
def test_dash_variants(dash: str) -> None:
    post = parse_post(f"Big night -- for us. {dash} Riverton Gazette (@RivGazette) Nov 6, 2024")
    assert post is not None
    assert (post.author, post.handle, post.date) == ("Riverton Gazette", "RivGazette", "2024-11-06")


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://twitter.com/a/status/1234567890", "twitter"),
        ("https://x.com/a/status/1234567890", "twitter"),
        ("https://bsky.app/profile/a.bsky.social/post/3kxyz", "bluesky"),
        ("https://mastodon.social/@a/1234567890", "mastodon"),
    ],
)
def test_platform_comes_from_the_url(url: str, platform: str) -> None:
    post = parse_post(f"Hello. — A (@a) May 2, 2025 {url}")
    assert post is not None
    assert (post.platform, post.url) == (platform, url)


def test_bluesky_handle_and_time_of_day() -> None:
    post = parse_post(
        "Ferry resumes at 6am. — Harbor Transit (@harbortransit.bsky.social) May 2, 2025 at 9:15 PM"
    )
    assert post is not None
    assert (post.handle, post.date, post.platform) == (
        "harbortransit.bsky.social",
        "2025-05-02",
        "bluesky",
    )


def test_mastodon_without_date() -> None:
    post = parse_post(
        "— weatherdesk (@weatherdesk@mastodon.social) https://mastodon.social/@weatherdesk/1"
    )
    assert post is not None
    assert (post.text, post.handle, post.date, post.platform) == (
        "",
        "weatherdesk@mastodon.social",
        None,
        "mastodon",
    )


def test_mastodon_placeholder_text() -> None:
    (post,) = extract(["Post by @weatherdesk@mastodon.social View on Mastodon"]).posts
    assert (post.text, post.handle, post.platform) == (
        "",
        "weatherdesk@mastodon.social",
        "mastodon",
    )


def test_tail_without_date_or_url_is_not_a_post() -> None:
    assert parse_post("He thanked his fans — Jo Ode (@joode) on stage.") is None
    assert extract(["A reply — Jo Ode (@joode)"]).posts == ()


def test_post_split_over_several_paragraphs() -> None:
    paragraphs = [
        "The weather service sent a warning on Thursday.",
        "🔥 Red flag warning through 8 PM.",
        "Gusts to 45 mph along the ridge. #CedarRidgeFire",
        "Stay ready. — NWS Boise (@NWSBoise) August 14, 2023",
    ]
    (post,) = extract(paragraphs).posts
    assert post.text == (
        "🔥 Red flag warning through 8 PM.\nGusts to 45 mph along the ridge. #CedarRidgeFire\n"
        "Stay ready."
    )
    assert post.paragraph == 3
    assert post.first_paragraph == 1


def test_posts_and_quotes_in_reading_order() -> None:
    found = extract(
        [
            "“Power is back for most homes,” said utility manager Sam Ito.",
            "All but 40 restored. — Lakeside Power (@LakesidePower) March 4, 2024",
            "“The last 40 will take another day,” Ito added.",
        ]
    )
    assert [q.speaker for q in found.quotes] == ["Sam Ito", "Sam Ito"]
    assert [p.handle for p in found.posts] == ["LakesidePower"]
