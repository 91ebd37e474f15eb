"""Decode a text file: UTF-8 when it is, else the encoding the bytes reveal (often cp1252)."""

from __future__ import annotations

from charset_normalizer import from_bytes

from kamervragen.errors import UnsupportedInput


def decode_text(data: bytes) -> str:
    """Text of the bytes; binary garbage is refused rather than parsed as nonsense."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnsupportedInput("binary data, not text (no known document format recognised)")
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
