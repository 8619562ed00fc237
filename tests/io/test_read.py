"""Reading files: encodings detected, HTML pages to their main text, and bad input
yielding a record or a per-document error, never a crash."""
from __future__ import annotations

import datetime as dt

import pytest

from extractor.io.read import DecodeError, decode, decode_html, document_from_bytes, is_page, page_of, read_file

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


PAGE = """<html><head><meta charset="{charset}"><title>Встреча</title>
<meta property="article:published_time" content="2024-09-25T10:00:00+03:00"></head>
<body><nav><a href="/">Главная</a> | <a href="/news">Новости</a></nav>
<article><h1>Анохин встретился с Мурашко</h1><p>{text}</p>
<p>Они обсудили строительство больницы в Смоленске стоимостью 3,5 млрд рублей.</p></article>
<footer>© 2024 Все права защищены</footer></body></html>"""


@pytest.mark.parametrize(("charset", "encoding"), [("windows-1251", "cp1251"), ("koi8-r", "koi8_r"), ("utf-8", "utf-8")])
def test_html_page_main_text_date_and_declared_charset(tmp_path, charset: str, encoding: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=charset, text=RUSSIAN).encode(encoding))
    doc = read_file(path)
    assert (doc.encoding, doc.date, doc.failed, doc.errors) == (encoding, dt.date(2024, 9, 25), False, [])
    assert RUSSIAN in doc.text and "Главная" not in doc.text and "права защищены" not in doc.text and "<" not in doc.text
    assert is_page(doc.source) and not is_page(str(tmp_path / "a.txt"))


def test_utf8_page_that_claims_windows_1251_is_read_as_utf8() -> None:
    decoded = decode_html(PAGE.format(charset="windows-1251", text=RUSSIAN).encode("utf-8"))
    assert decoded.encoding == "utf-8" and RUSSIAN in decoded.text


def test_fragments_and_empty_pages() -> None:
    assert page_of(f"<p>{RUSSIAN}</p>").text == RUSSIAN  # no <html>: still read
    assert page_of('<?xml version="1.0" encoding="windows-1251"?><html><body><p>Текст.</p></body></html>').text == "Текст."
    assert page_of(f"<html><body><p>{RUSSIAN} 25 сентября 2023 года.</p></body></html>").date is None  # dates in the text are no page date
    for empty in ("", "  ", "<!-- -->", "<html><body></body></html>"):
        assert page_of(empty).text == ""
    doc = document_from_bytes("e", b"<html><body></body></html>", "e.html", html=True)
    assert doc.failed and doc.text == "" and [e.message for e in doc.errors] == ["empty text: no main text found in the page"]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty text"),
    (b" \n\t \r\n  ", "empty text: only whitespace"),
    (b"\xef\xbb\xbf\n", "empty text: only whitespace"),  # a BOM is no text
    ("\u00a0\u3000\n".encode("utf-8"), "empty text: only whitespace"),
])
def test_a_file_with_nothing_to_read_is_an_error_document(tmp_path, data: bytes, message: str) -> None:
    path = tmp_path / "nothing.txt"
    path.write_bytes(data)
    doc = read_file(path)
    assert (doc.id, doc.failed, doc.text, [(e.stage, e.message) for e in doc.errors]) == ("nothing", True, "", [("read", message)])
    assert doc.encoding is not None  # read and decoded: only empty
    assert not document_from_bytes("x", RUSSIAN.encode(), "x.txt").failed
