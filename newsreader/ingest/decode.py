"""Bytes to text by the rules the web and XML set, then detection; never silent mojibake.

Order (RFC 7303 and the XML 1.0 appendix F, as browsers and feed readers apply them):

1. A byte order mark decides (UTF-8, UTF-16, UTF-32).
2. The HTTP `Content-Type` charset, when the media type is `text/*` or the document declares
   no encoding of its own.
3. The document's own declaration: `<?xml … encoding="…"?>` (leading whitespace allowed, as
   real feeds have it) or, for HTML, `<meta charset>`.
4. Valid UTF-8 is UTF-8.
5. Otherwise the encoding is detected with charset-normalizer (koi8-r, windows-1255, EUC-JP and
   the like with no declaration).

A declared encoding the bytes do not decode in is not trusted: the text is detected instead
and `Decoded.note` says so, so the caller can report it in one line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode_bytes", "header_charset"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECLARATION = re.compile(
    rb"""^[ \t\r\n]*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
DETECTION_SAMPLE = 256 * 1024
"""Bytes charset-normalizer looks at: enough to decide, and bounded for 20 MB documents."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded document."""

    text: str
    encoding: str
    """The Python codec name the text was decoded with."""
    note: str = ""
    """Why the declared encoding was not used (empty when it was, or when none was given)."""


def header_charset(content_type: str) -> str:
    """The `charset` parameter of a `Content-Type` header value, or ''."""
    found = _HEADER_CHARSET.search(content_type or "")
    return found.group(1) if found else ""


# Labels read as their supersets, as the WHATWG Encoding Standard (encoding.spec.whatwg.org,
# "Encodings" table) has every browser do: documents labelled Latin-1 or ASCII are in practice
# Windows-1252, GB2312 documents use GB18030 characters, and so on.
_SUPERSETS = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
    "big5": "big5hkscs",
}


def _codec(name: str) -> str | None:
    """Python's name for an encoding label, or None when it is unknown or not a text codec."""
    label = name.strip().strip("'\"").lower()
    if label in ("x-user-defined", "utf-7", "utf7", "unicode-1-1-utf-7"):
        return None  # encodings that can hide markup from every check; no feed needs them
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:4]
    if len(head) == 4 and head.count(0) >= 2 and b"<" in head:
        # UTF-16/32 without a BOM, recognised by how `<` is laid out (XML 1.0 appendix F).
        if head.count(0) == 3:
            return ("utf-32-be" if head[3] else "utf-32-le"), 0
        return ("utf-16-be" if head[0] == 0 else "utf-16-le"), 0
    return None


def _declared(data: bytes, markup: str) -> str:
    head = data[:2048]
    found = _XML_DECLARATION.match(head)
    if found is None and markup == "html":
        found = _META_CHARSET.search(head)
    return found.group(1).decode("ascii", "replace") if found else ""


_LATIN_CODECS = frozenset(
    [
        "latin_1",
        "iso8859_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "mac_latin2",
        "mac_roman",
        "mac_iceland",
        "mac_turkish",
        "cp850",
        "cp437",
    ]
)


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def _western(data: bytes) -> bool:
    """Whether undeclared, non-UTF-8 bytes are Windows-1252 text with accents here and there.

    In Western text a non-ASCII byte stands alone between ASCII letters (é, ü, a smart quote);
    Cyrillic, Greek or Hebrew in a one-byte encoding makes whole words of them, and CJK
    encodings use two bytes a character. Short Western text is where detectors guess wildest
    (one é read as Arabic), so it is decided here: most non-ASCII runs one byte long.
    """
    runs = [len(run) for run in _HIGH_RUN.findall(data[:DETECTION_SAMPLE])]
    if not runs:
        return False
    single = sum(1 for length in runs if length == 1)
    return single >= 0.6 * len(runs) and _try(data[:DETECTION_SAMPLE], "cp1252") is not None


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess; Latin-script guesses become Windows-1252.

    Short Latin text cannot tell its code pages apart, and Windows-1252 is what mislabelled
    and unlabelled Western documents are in practice (WHATWG reads every Latin-1 label so).
    """
    import charset_normalizer  # imported when needed: most documents are UTF-8

    best = charset_normalizer.from_bytes(data[:DETECTION_SAMPLE]).best()
    if best is None:
        return None
    if best.encoding in _LATIN_CODECS and _try(data, "cp1252") is not None:
        return "cp1252"
    return _codec(best.encoding)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, *, content_type: str = "", markup: str = "xml") -> Decoded:
    """Decode a document's bytes by the rules above.

    Args:
        data: The raw bytes.
        content_type: The HTTP `Content-Type` header value, if the bytes came over HTTP.
        markup: `xml` (feeds), `html` (pages: `<meta charset>` counts) or `text`.

    Returns:
        The text and how it was decoded; undecodable bytes become U+FFFD only when no
        encoding fits them, and then `note` says so.
    """
    bom = _bom(data)
    if bom is not None:
        bom_codec, skip = bom
        bom_text = _try(data[skip:], bom_codec)
        if bom_text is not None:
            return Decoded(bom_text, bom_codec)
    media_type = (content_type or "").split(";")[0].strip().lower()
    from_header = header_charset(content_type)
    declared = _declared(data, markup) if markup != "text" else ""
    choice = from_header if from_header and (media_type.startswith("text/") or not declared) else ""
    choice = choice or declared
    if choice:
        codec = _codec(choice)
        text = _try(data, codec) if codec else None
        if text is not None and codec is not None:
            disagree = declared and choice is from_header and _codec(declared) != codec
            note = (
                f"the server says {from_header!r} but the document says {declared!r}; "
                f"read as {codec} (the server's, as the HTTP rules have it)"
                if disagree
                else ""
            )
            return Decoded(text, codec, note)
        return _fallback(data, f"declared encoding {choice!r} does not fit the bytes")
    return _fallback(data, "")


def _fallback(data: bytes, note: str) -> Decoded:
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", f"{note}; read as UTF-8" if note else "")
    codec = "cp1252" if _western(data) else _detect(data)
    if codec is not None:
        text = _try(data, codec)
        if text is not None:
            return Decoded(text, codec, f"{note}; read as {codec}" if note else "")
    text = data.decode("cp1252" if _try(data, "cp1252") is not None else "utf-8", "replace")
    return Decoded(text, "cp1252", (note + "; " if note else "") + "encoding unknown, guessed")
