"""Text written to a binary stream in blocks, and XML escaping, for the streaming writers."""

from __future__ import annotations

import re
from typing import BinaryIO
from xml.sax.saxutils import escape

# Characters XML 1.0 cannot hold at all, even escaped: replaced rather than written.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# In an attribute, also the quote and the whitespace a parser would otherwise normalize.
_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"}


def xml_text(value: object) -> str:
    return escape(_NOT_XML.sub("\ufffd", str(value)))


def xml_attr(value: object) -> str:
    """The value of an attribute, to write between double quotes."""
    return escape(_NOT_XML.sub("\ufffd", str(value)), _ATTRIBUTE)


class TextSink:
    """Collects text and writes it UTF-8 encoded in blocks of about `block` characters, so a
    writer may write one small piece per node or edge without one system call (or one HTTP
    chunk) for each."""

    def __init__(self, stream: BinaryIO, block: int = 1 << 16) -> None:
        self._stream = stream
        self._block = block
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self._block:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self._stream.write("".join(self._parts).encode("utf-8"))
            self._parts.clear()
            self._size = 0
