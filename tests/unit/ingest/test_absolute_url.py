"""Links made absolute: the shortcut for plain addresses answers as the full resolution does."""

from __future__ import annotations

import random

import pytest

from newsreader.ingest.builder import _resolved, absolute_url

BASES = [
    "",
    "http://h/",
    "https://example.org/feed",
    "http://a:80/x/y?z=1",
    "https://[::1",  # a base urlsplit refuses
    "HTTP://up/",
    "file:///x",
    "https://example.org/a;b",
    "https://example.org/?",
]
PLAIN = "abcXYZ019.-_~!$&'()*+,=:@%/"
AWKWARD = "?#;[] \t\x1bé\u202e"


def addresses(count: int) -> list[str]:
    """Addresses near the plain form: schemes, hosts, ports, paths with a rare awkward
    character, empty queries and fragments, some longer than any link is kept."""
    rng = random.Random(7)
    found = []
    for _ in range(count):
        host = "".join(rng.choice("abc.-XY09") for _ in range(rng.randint(0, 8)))
        path = "".join(
            rng.choice(PLAIN if rng.random() > 0.05 else AWKWARD) for _ in range(rng.randint(0, 30))
        )
        scheme = rng.choice(["http://", "https://", "HTTP://", "ftp://", "//", ""])
        url = scheme + host + rng.choice(["", ":80", ":", "/"]) + path
        if rng.random() < 0.01:
            url += "a" * rng.randint(1_900, 2_100)
        found.append(url)
    return found


@pytest.mark.parametrize("base", BASES)
def test_every_address_resolves_as_urljoin_and_urlsplit_would(base: str) -> None:
    for url in addresses(6_000):
        for any_scheme in (False, True):
            expected = _resolved(url, base, any_scheme)
            assert absolute_url(url, base, any_scheme=any_scheme) == expected, (url, base)


def test_plain_addresses_are_kept_and_others_cleaned_or_refused() -> None:
    assert absolute_url("https://example.org/a/b?c=1", "http://h/") == "https://example.org/a/b?c=1"
    assert absolute_url("https://example.org/a?", "https://h/") == "https://example.org/a"
    assert absolute_url("https://example.org/a#", "https://h/") == "https://example.org/a"
    assert absolute_url(" https://example.org/\x1b[31ma ", None) == "https://example.org/a"
    assert absolute_url("https://example.org/" + "a" * 2_100, None) == ""
    assert absolute_url("javascript:alert(1)", "https://example.org/") == ""
    assert absolute_url("../up", "https://example.org/a/b/c") == "https://example.org/a/up"
