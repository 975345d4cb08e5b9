"""Flatten any HTML page (CMS pages, Word-converted markup) to text for the text reader.

lxml directly, one pass: BeautifulSoup took most of the time on a 300 KB published page (issue
17: ≥ 200 reports/s). Tables become pipe-separated rows (``label | 0 | 0 |``; a merged cell
appears once, a blank cell stays empty; a nested table's text stays in its cell), block elements
end lines, scripts and styles are dropped. Rows keep their place ("表格2 第5行").
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from xxgk.ingestion.flat import FlatText

_SKIP = frozenset({"script", "style", "noscript", "head", "title", "template"})
_BLOCKS = frozenset(
    {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article"}
)
_SPACES = re.compile(r"\s+")
_ROWS = etree.XPath("./tr|./thead/tr|./tbody/tr|./tfoot/tr|.//tr")
_CELLS = etree.XPath("./td|./th")


def parse_html(data: bytes | str) -> etree._Element:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return lxml_html.document_fromstring(data)


def flatten_html(root: etree._Element) -> FlatText:
    flat = FlatText()
    buffer: list[str] = []
    tables = 0

    def flush() -> None:
        text = "".join(buffer).replace("\xa0", " ").replace("\u3000", " ")
        buffer.clear()
        for line in text.split("\n"):
            # Indentation is the page source's, not the report's (and leading tabs would read
            # as the seed's one-cell-per-line shape).
            flat.line(line.strip(), "正文")

    def walk(el: etree._Element) -> None:
        nonlocal tables
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "table":
            flush()
            tables += 1
            seen: set[int] = set()
            for r, tr in enumerate(_ROWS(el), start=1):
                if id(tr) in seen:
                    continue
                seen.add(id(tr))
                cells = [_SPACES.sub("", td.text_content()) for td in _CELLS(tr)]
                flat.line(" | ".join(cells) + " |", f"表格{tables} 第{r}行")
            return
        block = tag in _BLOCKS
        if block:
            buffer.append("\n")
        if el.text and tag:
            buffer.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buffer.append(child.tail)
        if block:
            buffer.append("\n")

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return flat
