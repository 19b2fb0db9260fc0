"""HTML text with BeautifulSoup: visible text only, block elements on their own lines.

Web exports of notices keep each table cell and list item in its own element; without explicit
line breaks `get_text()` would glue "Appeals" and "Call us" into one sentence.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from checkers.document import Document, single_page
from checkers.extract.normalize import LIST_MARK, normalize

INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
BLOCKS = (
    "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "title",
)
_WS = re.compile(r"\s+")
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)


def html_text(data: bytes) -> str:
    """Visible text of an HTML document, one block element per line."""
    soup = BeautifulSoup(data, "html.parser")
    for el in soup.find_all(INVISIBLE):
        el.decompose()
    for node in soup.find_all(string=True):
        if isinstance(node, _NOT_TEXT):
            node.extract()
        elif node.find_parent("pre") is None:
            node.replace_with(NavigableString(_WS.sub(" ", str(node))))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for el in soup.find_all(BLOCKS):
        el.insert_before(NavigableString("\n"))
        el.append(NavigableString("\n"))
    for li in soup.find_all("li"):
        li.insert(0, NavigableString(LIST_MARK))
    return re.sub(r"[ \t]*\n\s*", "\n", soup.get_text())


def read_html(path: str, notes: list[str]) -> Document:
    """Read an HTML file as one page (encoding from BOM/meta, as BeautifulSoup detects it)."""
    with open(path, "rb") as f:
        data = f.read()
    text, _ = normalize(html_text(data))
    return single_page(path, "html", text, notes)
