"""Pages: an HTML page's main text and publication date, offline, by trafilatura.

The page is parsed by lxml with `huge_tree` (without it libxml2 stops at 255 levels of
nesting, and trafilatura then finds no text at all). When trafilatura still finds no
main text in a page that has text (nested deeper than even `huge_tree` takes, 2048
levels, or a page it fails on), the page's plain text is used instead - Python's own
`html.parser`, which has no depth limit, scripts and styles left out - and `Page.note`
says so: a page's text is never silently gone.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")  # lxml refuses it in a str
# publication dates from the markup only (meta tags, <time>, the URL): a year in the text is no date
PAGE_DATES = {"extensive_search": False, "original_date": True}


@dataclass
class Page:
    text: str  # the main text
    date: dt.date | None  # the publication date stated in the markup
    note: str | None = None  # how the text was found, when not by trafilatura


_HTML_PARSER: Any = None


def _html_parser() -> Any:
    """lxml's HTML parser with `huge_tree`: without it libxml2 stops at 255 levels of
    nesting and the rest of the page (often all its text) is gone."""
    global _HTML_PARSER
    if _HTML_PARSER is None:
        import lxml.html

        _HTML_PARSER = lxml.html.HTMLParser(huge_tree=True)
    return _HTML_PARSER


def _main_text(markup: str) -> Page:
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.document_fromstring(markup, parser=_html_parser())  # takes fragments too, unlike trafilatura's own parsing
    except ParserError:  # nothing but comments or blanks
        return Page("", None)
    import trafilatura

    found = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=True, date_extraction_params=PAGE_DATES)
    if found is None:
        return Page("", None)
    try:
        date = dt.date.fromisoformat(found.date) if found.date else None
    except ValueError:
        date = None
    return Page(found.text or "", date)


class _PlainText(HTMLParser):
    """All the text of a page but its scripts and styles, a line per block: Python's own
    parser, which has no nesting limit."""

    SKIP = {"script", "style", "noscript", "template"}
    BLOCKS = {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(markup: str) -> str:
    parser = _PlainText()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def page_of(html: str) -> Page:
    """The main text and date of an HTML page (or fragment), offline, by trafilatura; its
    plain text (`Page.note` says so) when trafilatura finds nothing in a page that has text."""
    markup = XML_DECLARATION.sub("", html, count=1)
    if not markup.strip():
        return Page("", None)
    try:
        page = _main_text(markup)
        why = "it found no main text"
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura fail in many ways; the plain text is still there
        page, why = Page("", None), f"it failed: {type(exc).__name__}: {exc}"
    if page.text.strip():
        return page
    plain = plain_text(markup)
    if not plain:
        return page  # nothing was lost: the page has no text
    return Page(plain, page.date, f"the page's main text could not be found ({why}): its plain text is used, menus and all")
