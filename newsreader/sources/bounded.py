"""Decoding an HTTP body in bounded steps, so no compressed input can outgrow a cap.

A gzip or brotli bomb of 1 MB can decode to gigabytes, and the stock decoders hand back each
network chunk fully decoded. Here every step produces at most `DECODE_STEP` bytes and the
decoded body may not pass `max_bytes`: memory stays within the cap plus one step.
"""

from __future__ import annotations

import zlib

import brotli

from newsreader.text import clean_line

__all__ = ["DECODE_STEP", "BodyRefused", "BoundedDecoder"]

DECODE_STEP = 256 * 1024
"""Most bytes one decompression step may produce: the cap overshoots by at most this."""


class BodyRefused(Exception):
    """The body is too large once decoded, or in an encoding we do not read."""


class BoundedDecoder:
    """Decompresses a body in bounded steps into a buffer that may not pass the cap."""

    def __init__(self, encoding: str, max_bytes: int, what: str = "feed") -> None:
        """Prepare to decode a body sent with `Content-Encoding: encoding`.

        `what` names the body in the error line ("feed", "page").

        Raises:
            BodyRefused: For an encoding other than gzip, deflate, br or identity.
        """
        self._encoding = encoding
        self._max_bytes = max_bytes
        self._what = what
        self._body = bytearray()
        self._zlib: zlib._Decompress | None = None
        self._brotli: brotli.Decompressor | None = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            self._zlib = zlib.decompressobj(wbits=47 if "gzip" in encoding else 15)
        elif encoding == "br":
            self._brotli = brotli.Decompressor()
        elif encoding not in ("identity", ""):
            raise BodyRefused(f"unsupported Content-Encoding {clean_line(encoding)[:40]}")

    def feed(self, data: bytes) -> None:
        """Decode one raw chunk into the body."""
        if self._zlib is not None:
            self._inflate(data)
        elif self._brotli is not None:
            self._unbrotli(data)
        else:
            self._append(data)

    def _append(self, data: bytes) -> None:
        if len(self._body) + len(data) > self._max_bytes:
            megabytes = self._max_bytes / (1024 * 1024)
            raise BodyRefused(
                f"{self._what} larger than {megabytes:g} MB (decoded); stopped reading"
            )
        self._body += data

    def _inflate(self, data: bytes) -> None:
        assert self._zlib is not None
        while data:
            try:
                self._append(self._zlib.decompress(data, DECODE_STEP))
            except zlib.error:
                if not self._may_be_raw_deflate():
                    raise
                # Servers send raw deflate as "deflate" as often as zlib-wrapped data.
                self._zlib = zlib.decompressobj(wbits=-15)
                self._encoding = "raw-deflate"
                continue
            data = self._zlib.unconsumed_tail
            if self._zlib.eof and self._zlib.unused_data and "gzip" in self._encoding:
                data = self._zlib.unused_data  # concatenated gzip members
                self._zlib = zlib.decompressobj(wbits=47)

    def _may_be_raw_deflate(self) -> bool:
        """Whether a zlib error at the start of a "deflate" body calls for a raw retry."""
        return self._encoding == "deflate" and not self._body

    def _unbrotli(self, data: bytes) -> None:
        assert self._brotli is not None
        self._append(self._brotli.process(data, output_buffer_limit=DECODE_STEP))
        while not self._brotli.can_accept_more_data():
            self._append(self._brotli.process(b"", output_buffer_limit=DECODE_STEP))

    def finish(self) -> bytes:
        """The whole decoded body."""
        if self._zlib is not None:
            self._append(self._zlib.flush())
        return bytes(self._body)
