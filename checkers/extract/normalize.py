"""Normalisation of raw page text, with an offset map back to the raw text.

The checker matches rules against normalised text, but evidence boxes come from the raw characters
the PDF library returned. So every transformation here records, for each normalised character, the
index of the raw character it came from (`OffsetMap`). Ordinary text is copied in slices, and only
the few special sequences go through Python code, which keeps this close to `str.translate` speed.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter

from checkers.document import PAGE_SEPARATOR

OffsetMap = array
"""Normalised index -> raw index (same length as the normalised text): array('H') when the raw page
is shorter than 65,536 characters (every page in practice; half the memory of a 3,000-page PDF's
maps), array('i') otherwise."""


def offset_map(raw_length: int) -> OffsetMap:
    """An empty map wide enough for indices into a raw text of this length."""
    return array("H" if raw_length < 1 << 16 else "i")

LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}
QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
}
# Bullets that Symbol and Wingdings fonts put in the private use area (Word and LibreOffice lists).
BULLETS = {ch: "•" for ch in "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e8\uf0be"}
# Spaces other than U+0020 (NBSP, en/em/thin spaces, ideographic space, tab).
_SPACE_CLASS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_HS = f"[ {_SPACE_CLASS}]"
# Removed outright: soft hyphen, zero-width chars, BOM, and C0 controls other than \t \n \r \f.
_DROP_CLASS = "\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f"
# Second halves that make a line-end hyphen a real one ("self-\nfunded" stays "self-funded").
HYPHEN_COMPOUND_SECOND = frozenset({
    "funded", "insured", "network", "pocket", "emergency", "party", "related", "based",
    "term", "payment", "service", "services", "english", "speaking", "free", "site", "time",
})
HYPHEN_COMPOUND_FIRST = frozenset({"self", "non", "out-of", "third", "co"})

# pdfium marks a hyphen it removed at a line end with U+FFFE (and drops the line break).
_EOL = r"(?:\r\n|\r|\n)"
# A hyphen at a line end before a capital ("A-" / "Diagnosis:") ends the line: words are not split
# before a capital letter.
_HYPHEN_BREAK = (
    rf"(?<=[^\W\d_])(?:[-\u2010]{_HS}*{_EOL}{_HS}*(?=[^\W\d_A-Z])|[\u00ad\ufffe\x02]{_HS}*{_EOL}?{_HS}*(?=[^\W\d_]))"
)
# "1-800-436-\n7757": a number broken after a hyphen is one number.
_DIGIT_BREAK = rf"(?<=\d)-{_HS}*{_EOL}{_HS}*(?=\d)"
# Every alternative starts with one of these; the lookahead lets the engine skip plain letters fast.
_FIRST = rf"[-\u2010 {_SPACE_CLASS}\r\n\f\v\u2028\u2029{_DROP_CLASS}\ufffe{''.join(LIGATURES)}{''.join(QUOTES)}{''.join(BULLETS)}]"
_TOKEN = re.compile(
    rf"(?={_FIRST})(?:"
    rf"(?P<hy>{_HYPHEN_BREAK})"
    rf"|(?P<dh>{_DIGIT_BREAK})"
    rf"|(?P<nl>{_HS}*(?:\r\n|\r|\n|\f|\v|\u2028|\u2029){_HS}*)"
    rf"|(?P<sp>{_HS}{{2,}}|[{_SPACE_CLASS}])"
    rf"|(?P<drop>[{_DROP_CLASS}\ufffe]+)"
    rf"|(?P<sub>[{''.join(LIGATURES)}{''.join(QUOTES)}{''.join(BULLETS)}]))"
)
_WORD_BEFORE = re.compile(r"[\w-]+$")
_WORD_AFTER = re.compile(r"\w+")


def _hyphen_kept(raw: str, start: int, end: int) -> bool:
    """Whether a line-end hyphen belongs to a compound ("self-funded") rather than a split word."""
    if raw[start] == "\ufffe" or raw[start] == "-" or raw[start] == "\u2010":
        before = _WORD_BEFORE.search(raw, max(0, start - 40), start)
        after = _WORD_AFTER.match(raw, end)
        first = before.group(0).lower() if before else ""
        second = after.group(0).lower() if after else ""
        return second in HYPHEN_COMPOUND_SECOND or first in HYPHEN_COMPOUND_FIRST
    return False


def _replacement(raw: str, m: re.Match[str]) -> str:
    """Normalised text for one special sequence found by `_TOKEN`."""
    kind = m.lastgroup
    if kind == "hy":
        return "-" if _hyphen_kept(raw, m.start(), m.end()) else ""
    if kind == "nl":
        return "\n"
    if kind == "dh":
        return "-"
    if kind == "sp":
        return " "
    if kind == "drop":
        return ""
    ch = m.group(0)
    return LIGATURES.get(ch) or BULLETS.get(ch) or QUOTES[ch]


def normalize(raw: str) -> tuple[str, OffsetMap]:
    """Normalise one page of raw text; return the text and its normalised->raw offset map.

    Ligatures become letters, curly quotes straight quotes, unicode spaces one space, every line
    break (pdfium's CRLF included) one LF with no spaces around it, soft hyphens and controls vanish,
    and a word split by a hyphen at a line end is joined. A form feed never survives, so
    `PAGE_SEPARATOR` stays unambiguous in the joined document.
    """
    parts: list[str] = []
    offsets = offset_map(len(raw))
    pos = 0
    for m in _TOKEN.finditer(raw):
        s = m.start()
        if s > pos:
            parts.append(raw[pos:s])
            offsets.extend(range(pos, s))
        rep = _replacement(raw, m)
        if rep:
            parts.append(rep)
            anchor = _anchor(raw, m)
            offsets.extend([anchor] * len(rep))
        pos = m.end()
    if pos < len(raw):
        parts.append(raw[pos:])
        offsets.extend(range(pos, len(raw)))
    text = "".join(parts)
    return _strip(text, offsets)


def _anchor(raw: str, m: re.Match[str]) -> int:
    """Raw index a replacement maps to: the meaningful char inside the match, not padding."""
    if m.lastgroup == "nl":
        for i in range(m.start(), m.end()):
            if raw[i] not in " \t":
                return i
    return m.start()


def _strip(text: str, offsets: OffsetMap) -> tuple[str, OffsetMap]:
    """Trim leading/trailing whitespace of the page, keeping the map aligned."""
    lead = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if lead == 0 and end == len(text):
        return text, offsets
    return text[lead:end], offsets[lead:end]


LIST_MARK = "• "
"""What a DOCX or HTML list item starts with, as on the printed page: a short item ("Hospital and
surgery") is then not read as a heading that would cut its list from the heading above it."""

_DIGITS = re.compile(r"\d+")
EDGE_LINES = 2
"""How many lines at the top and at the bottom of a page count as header/footer candidates."""


def _edge_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "top"/"bottom") of the first and last `EDGE_LINES` non-empty lines of a page."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    # A short page keeps its middle: only its very first and last lines may be running lines.
    k = EDGE_LINES if len(spans) > 2 * EDGE_LINES + 1 else 1
    top = [(a, b, "top") for a, b in spans[:k]]
    return top + [(a, b, "bottom") for a, b in spans[k:][-k:]]


def _line_key(line: str, slot: str) -> str:
    """Identity of a running line: its edge and its words; digits (page numbers) do not count."""
    return slot + ":" + _DIGITS.sub("#", " ".join(line.split()))


Edge = tuple[int, int, str]
"""(start, end, key) of a header or footer candidate on a page."""


def _keyed_edges(text: str) -> list[Edge]:
    """A page's edge lines with their keys, computed once per page for every step that needs them."""
    return [(a, b, _line_key(text[a:b], s)) for a, b, s in _edge_lines(text)]


def running_lines(pages: list[str], share: float = 0.6, min_pages: int = 2) -> set[str]:
    """Keys of lines at a page edge on at least `share` of the pages (and `min_pages` pages)."""
    if len(pages) < min_pages:
        return set()
    counts: Counter[str] = Counter()
    for text in pages:
        counts.update({key for _, _, key in _keyed_edges(text)})
    need = max(min_pages, share * len(pages))
    return {key for key, n in counts.items() if n >= need}


def remove_lines(text: str, offsets: OffsetMap, keys: set[str], edges: list[Edge]) -> tuple[str, OffsetMap, bool]:
    """Drop the page's edge lines (`_keyed_edges`) whose key is in `keys`, with their line break."""
    cut = [(a, b) for a, b, key in edges if key in keys]
    if not cut:
        return text, offsets, False
    for a, b in reversed(cut):
        b = b + 1 if b < len(text) and text[b] == "\n" else b
        text = text[:a] + text[b:]
        del offsets[a:b]
    text, offsets = _strip(text, offsets)
    return text, offsets, True


def remove_running_lines(
    pages: list[tuple[str, OffsetMap]], notes: list[str], kept: list[tuple[int, str]] | None = None
) -> list[tuple[str, OffsetMap]]:
    """Remove repeated running headers/footers from every page but one.

    One occurrence is kept on purpose: a required statement printed in a footer (a phone number, a
    911 sentence) must still be found once in the document, but not once per page. It is kept on the
    first page that has it, except a footer under a sentence that runs on to the next page: that
    one waits for a page that ends cleanly (or the last), so the sentence is not cut in two. The
    kept lines, (page index, text), go to `kept`: printed on every page, they name the document.
    """
    keys = running_lines([t for t, _ in pages])
    if not keys:
        return pages
    edges = [_keyed_edges(t) for t, _ in pages]
    on_page = [{key for _, _, key in e} & keys for e in edges]
    keep_at: dict[str, int] = {}
    for i, ((text, _), here) in enumerate(zip(pages, on_page)):
        for key in here - keep_at.keys():
            last = not any(key in later for later in on_page[i + 1:])
            if key.startswith("top:") or last or _body_ends_cleanly(text, edges[i], keys):
                keep_at[key] = i
    out: list[tuple[str, OffsetMap]] = []
    for i, ((text, offsets), here) in enumerate(zip(pages, on_page)):
        if kept is not None:
            kept.extend((i, text[a:b].strip()) for a, b, key in edges[i] if keep_at.get(key) == i)
        drop = {k for k in here if keep_at[k] != i}
        cut = sum(1 for _, _, key in edges[i] if key in drop)
        if cut < sum(1 for line in text.split("\n") if line.strip()):  # a page of nothing else keeps them
            text, offsets, _ = remove_lines(text, offsets, drop, edges[i])
        out.append((text, offsets))
    notes.append("running headers/footers removed")
    return out


def _body_ends_cleanly(text: str, edges: list[Edge], keys: set[str]) -> bool:
    """Whether a page's last line that is not a running footer (nor a stray bullet) ends a sentence."""
    bottom = {(a, b) for a, b, key in edges if key.startswith("bottom:") and key in keys}
    pos, body = 0, []
    for line in text.split("\n"):
        if any(c.isalnum() for c in line) and (pos, pos + len(line)) not in bottom:
            body.append(line.strip())
        pos += len(line) + 1
    return not body or body[-1].endswith(tuple(".!?:;)"))


def join_pages(texts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join page texts with PAGE_SEPARATOR; return the text and each page's (start, end)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, t in enumerate(texts):
        if i:
            pos += len(PAGE_SEPARATOR)
        spans.append((pos, pos + len(t)))
        pos += len(t)
    return PAGE_SEPARATOR.join(texts), spans
