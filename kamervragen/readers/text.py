"""Decode a text file: UTF-8 when it is, else the encoding the bytes reveal (often cp1252)."""

from __future__ import annotations

from charset_normalizer import from_bytes

from kamervragen.errors import UnsupportedInput

_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f") + b"\x7f"


def utf16_text(data: bytes) -> str | None:
    """UTF-16 by its byte-order mark, or without one when every other byte of ASCII is NUL."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    head = data[:4096]
    if len(head) >= 8:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return data.decode("utf-16-le", errors="replace")
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return data.decode("utf-16-be", errors="replace")
    return None


def decode_text(data: bytes) -> str:
    """Text of the bytes; binary garbage is refused rather than parsed as nonsense.

    Binary is judged by the share of control bytes, not by one NUL: a stray NUL in an exported
    text file does not make it binary.
    """
    wide = utf16_text(data)
    if wide is not None:
        return wide.lstrip("\ufeff").replace("\x00", "")
    head = data[:4096]
    if sum(head.count(c) for c in _CONTROL) > 0.02 * len(head):
        raise UnsupportedInput("binary data, not text (no known document format recognised)")
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252",):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _mostly_text(text):
            return text
    best = from_bytes(data).best()
    if best is None or not _mostly_text(str(best)):
        raise UnsupportedInput("binary data, not text (no known document format recognised)")
    return str(best)


def _mostly_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0x7F <= ord(ch) < 0xA0)
    return bad / len(text) < 0.01
