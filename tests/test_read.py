"""Bad input: each file yields a record or a per-document error, never a crash."""
from __future__ import annotations

from extractor.read import decode, read_file, DecodeError

import pytest

RUSSIAN = "Губернатор Смоленской области Василий Анохин встретился с министром."


def test_utf8_with_and_without_bom() -> None:
    assert decode(RUSSIAN.encode("utf-8")).encoding == "utf-8"
    decoded = decode(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (RUSSIAN, "utf-8-sig")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_single_byte_cyrillic(encoding: str) -> None:
    decoded = decode(RUSSIAN.encode(encoding))
    assert (decoded.text, decoded.encoding) == (RUSSIAN, encoding)


def test_invalid_utf8_in_the_middle_is_replaced_and_reported() -> None:
    data = (RUSSIAN * 20).encode("utf-8")
    data = data[:300] + b"\xff\xfe" + data[300:]
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and "\ufffd" in decoded.text
    assert decoded.warning and "invalid UTF-8" in decoded.warning


def test_binary_is_refused() -> None:
    with pytest.raises(DecodeError):
        decode(bytes(range(256)) * 10)


def test_missing_file_is_an_error_document(tmp_path) -> None:
    doc = read_file(tmp_path / "nope.txt")
    assert doc.failed and doc.errors[0].stage == "read"
