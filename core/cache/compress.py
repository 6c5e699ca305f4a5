"""Compressed HTML: gzip for every text response the client accepts it for (TextGZipMiddleware,
Django's GZipMiddleware with its "Heal The Breach" padding), and for the page cache a page
compressed once when stored (GzipParts) and put together on each hit around the visitor's
own CSRF token, without compressing anything again.

Why this is safe from BREACH (an attacker who sees the compressed length of a page that
reflects their input alongside a secret, and guesses the secret byte by byte):
- The only secret on our pages is the CSRF token, and Django masks it anew for every
  response (get_token() returns the secret XORed with a fresh random mask), so what a page
  carries is never the same twice and there is nothing stable to guess.
- GZipMiddleware (Django >= 4.2) adds 0-99 random bytes to the gzip header of every response
  it compresses ("Heal The Breach"), so its length does not reveal a one-byte difference
  without very many requests; we keep that (max_random_bytes = 100).
- A cached page carries the token as an uncompressed (stored) deflate block between parts
  compressed without it: the token's bytes are never matched against anything on the page,
  so the length does not depend on them at all; the same random header padding is added.
- Session and signed-in pages are never in the page cache; their secrets (session, CSRF
  cookie) travel in headers, which gzip does not touch.
"""

import re
import secrets
import struct
import zlib

from django.middleware.gzip import GZipMiddleware

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
MAX_RANDOM_BYTES = GZipMiddleware.max_random_bytes
# Content types worth compressing; images, PDFs, spreadsheets and archives are compressed
# already (and whitenoise serves its own precompressed static files before this runs).
TEXT_TYPES = re.compile(
    r"^(text/|application/(json|xml|javascript|manifest\+json|rss\+xml|atom\+xml)\b)"
)


def accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text responses only (HTML, JSON, CSV, XML, text)."""

    def process_response(self, request, response):
        if not TEXT_TYPES.match(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)


def _deflate(part: bytes) -> bytes:
    """Raw deflate of one part, ending on a byte boundary with nothing referring back, so
    other blocks may be put after it."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(part) + compressor.flush(zlib.Z_FULL_FLUSH)


def _stored_block(data: bytes) -> bytes:
    """A non-final uncompressed deflate block holding `data` (under 64 KiB)."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def _gzip_header() -> bytes:
    """gzip's header with a random file name of 0-99 bytes, as Django's compress_string adds
    (mtime 0, no other flags)."""
    name = b"a" * secrets.randbelow(MAX_RANDOM_BYTES) + b"\x00"
    return b"\x1f\x8b\x08\x08" + b"\x00\x00\x00\x00" + b"\x00\xff" + name


def compress_parts(parts: list[bytes]) -> list[bytes]:
    """A page split where the CSRF token goes, each part compressed once (for the cache)."""
    return [_deflate(part) for part in parts]


def assemble(compressed: list[bytes], plain: bytes, tokens: list[bytes]) -> bytes:
    """The gzip body of `plain` (the page as sent) from its parts compressed once, with the
    tokens as stored blocks between them: only the checksum reads the page again."""
    body = [_gzip_header(), compressed[0]]
    for token, part in zip(tokens, compressed[1:], strict=True):
        body += [_stored_block(token), part]
    body += [b"\x03\x00", struct.pack("<II", zlib.crc32(plain), len(plain) & 0xFFFFFFFF)]
    return b"".join(body)
