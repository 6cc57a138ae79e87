"""Bytes to text by the HTTP and XML rules, then detection (newsreader.ingest.decode)."""

from __future__ import annotations

import pytest

from newsreader.ingest.decode import decode_bytes, header_charset

RSS = "<?xml version='1.0' encoding='{declared}'?><rss><title>{text}</title></rss>"


def test_a_byte_order_mark_wins_over_everything() -> None:
    data = "\ufeff<rss>Café</rss>".encode("utf-16-le")
    decoded = decode_bytes(data, content_type="text/xml; charset=iso-8859-1")
    assert decoded.text == "<rss>Café</rss>" and decoded.encoding.startswith("utf-16")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_are_recognised(codec: str) -> None:
    assert decode_bytes("<rss>Überall</rss>".encode(codec)).text == "<rss>Überall</rss>"


def test_the_header_charset_wins_for_text_types() -> None:
    data = RSS.format(declared="iso-8859-1", text="Новости").encode("koi8-r")
    decoded = decode_bytes(data, content_type="text/xml; charset=KOI8-R")
    assert "Новости" in decoded.text and "the server says 'KOI8-R'" in decoded.note


def test_the_declaration_wins_over_an_application_header() -> None:
    data = RSS.format(declared="windows-1251", text="Новости").encode("cp1251")
    decoded = decode_bytes(data, content_type="application/rss+xml; charset=utf-8")
    assert "Новости" in decoded.text


def test_the_header_decides_when_the_document_declares_nothing() -> None:
    data = "<rss><title>公园开放时间调整</title></rss>".encode("gb2312")
    assert "公园" in decode_bytes(data, content_type="application/rss+xml; charset=gb2312").text


def test_leading_whitespace_before_the_declaration_is_allowed() -> None:
    data = ("\r\n  " + RSS.format(declared="iso-8859-1", text="Crème")).encode("latin-1")
    assert "Crème" in decode_bytes(data).text


def test_a_declaration_the_bytes_do_not_fit_is_said_not_shown_as_mojibake() -> None:
    data = RSS.format(declared="utf-8", text="Crème brûlée").encode("latin-1")
    decoded = decode_bytes(data)
    assert "Crème brûlée" in decoded.text
    assert "does not fit" in decoded.note


@pytest.mark.parametrize("label", ["utf-7", "x-user-defined", "no-such-charset"])
def test_labels_no_feed_needs_or_nobody_knows_are_not_trusted(label: str) -> None:
    data = RSS.format(declared=label, text="plain").encode("ascii")
    decoded = decode_bytes(data)
    assert "plain" in decoded.text and decoded.encoding in ("utf-8", "cp1252")


def test_labels_read_as_their_supersets() -> None:
    # 0x80 is the euro sign in Windows-1252, a control character in real Latin-1.
    data = RSS.format(declared="iso-8859-1", text="5 \x80").encode("latin-1")
    assert "5 €" in decode_bytes(data).text


def test_header_charset_parsing() -> None:
    assert header_charset('text/xml; charset="UTF-8"') == "UTF-8"
    assert header_charset("text/xml;charset = us-ascii") == "us-ascii"
    assert header_charset("text/xml; qs=0.9") == ""


@pytest.mark.parametrize(
    "text", ["Café\n\nNaïve.", "Prix 5 €\n\nÇa coûte cher.", "Müller sagt „Grüße“ – naïv."]
)
def test_short_western_text_without_a_declaration_is_windows_1252(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), markup="text").text == text


def test_a_header_that_contradicts_the_document_is_said() -> None:
    data = "<?xml version='1.0' encoding='koi8-r'?><rss>Привет</rss>".encode("koi8-r")
    decoded = decode_bytes(data, content_type="text/xml; charset=windows-1251")
    assert "the server says 'windows-1251' but the document says 'koi8-r'" in decoded.note
