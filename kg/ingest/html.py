"""Article extraction from HTML: body text without boilerplate, scripts or styles."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from kg.isodate import iso_date

#: Elements whose content is never article text.
DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
             "iframe", "svg", "button", "select", "figure")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section",
              "article", "main", "td", "tr", "br", "dd", "dt"}
#: Elements a browser does not show: hidden content is not article text either.
HIDDEN_XPATH = ('//*[@hidden] | //*[@aria-hidden="true"] | '
                '//*[contains(translate(@style, " ", ""), "display:none")]')
#: lxml refuses str input that declares an encoding; the text is already decoded, so drop it.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
DATE_META = ("article:published_time", "og:article:published_time", "datePublished", "date",
             "pubdate", "dc.date", "DC.date.issued")


@dataclass(frozen=True)
class Article:
    """What an HTML page yields: body text plus whatever metadata it declares."""

    text: str
    title: str = ""
    date: str = ""
    url: str = ""


def extract_article(html: str) -> Article:
    """Parse ``html`` and return the article body (``<article>``, ``<main>`` or ``<body>``)."""
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return Article(text="")
    title = _title(root)
    date = _meta_date(root)
    url = _first(root.xpath('//link[@rel="canonical"]/@href') + root.xpath('//meta[@property="og:url"]/@content'))
    for bad in root.xpath("|".join(f"//{t}" for t in DROP_TAGS)) + root.xpath(HIDDEN_XPATH):
        if bad.getparent() is not None:  # not already dropped with a hidden ancestor
            bad.drop_tree()
    # Elements without children are falsy in lxml: choose with explicit None tests.
    containers = root.xpath("//article") + root.xpath("//main") + [root.body]
    container = next((c for c in containers if c is not None), None)
    text = _block_text(container) if container is not None else ""
    return Article(text=text, title=title, date=date, url=url if isinstance(url, str) else "")


def _first(items: list) -> object:
    return items[0] if items else None


def _title(root: lxml.html.HtmlElement) -> str:
    for expr in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        found = root.xpath(expr)
        if found:
            value = found[0] if isinstance(found[0], str) else found[0].text_content()
            value = " ".join(value.split())
            if value:
                return value
    return ""


def _meta_date(root: lxml.html.HtmlElement) -> str:
    for name in DATE_META:
        for value in root.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'):
            if iso_date(value):
                return iso_date(value)
    for value in root.xpath("//time/@datetime"):
        if iso_date(value):
            return iso_date(value)
    return ""


def _block_text(node: lxml.html.HtmlElement) -> str:
    """Text with paragraph breaks at block elements, so sentences never run together."""
    parts: list[str] = []
    for event, el in etree.iterwalk(node, events=("start", "end")):
        if not isinstance(el.tag, str):
            if event == "end" and el.tail:
                parts.append(el.tail)
            continue
        tag = el.tag.lower()
        if event == "start":
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            if el.tail and el is not node:
                parts.append(el.tail)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n\n")]
    return "\n\n".join(line for line in lines if line)
