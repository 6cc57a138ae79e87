"""An entry id used twice: the same entry is kept once, different entries are both kept."""

from __future__ import annotations

from newsreader.ingest.feeds import parse_feed


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><description>{text}</description></item>"
        for guid, title, text in items
    )
    channel = f"<channel><title>T</title>{body}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def test_a_repeated_entry_is_kept_once_and_a_reused_id_is_numbered() -> None:
    _, articles, errors = parse_feed(
        rss(
            ("a", "First", "Same text."),
            ("b", "Second", "One text."),
            ("a", "First", "Same text."),
            ("c", "Third", "Its own."),
            ("b", "Second again", "Another text."),
        ),
        location="feed.xml",
        guid_prefix="feed.xml#",
    )
    assert errors == []
    assert [(a.guid, a.title) for a in articles] == [
        ("feed.xml#a", "First"),
        ("feed.xml#b", "Second"),
        ("feed.xml#c", "Third"),
        ("feed.xml#b~2", "Second again"),
    ]


def test_entries_with_their_own_ids_are_all_kept_in_order() -> None:
    items = [(f"id{n}", f"Title {n}", "Same body.") for n in range(50)]
    _, articles, _ = parse_feed(rss(*items), location="feed.xml")
    assert [a.guid for a in articles] == [f"id{n}" for n in range(50)]
