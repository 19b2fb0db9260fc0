"""Normalisation keeps an exact map back to the raw characters."""

from __future__ import annotations

from checkers.extract.normalize import normalize, remove_running_lines, running_lines


def raw_of(raw: str, offsets, start: int, end: int) -> str:
    """The raw characters a normalised range came from (deduplicated, in order)."""
    idx = sorted(set(offsets[start:end]))
    return "".join(raw[i] for i in idx)


def test_ligature_offsets() -> None:
    raw = "the \ufb01nal \ufb03davit \ufb02ow"
    text, offsets = normalize(raw)
    assert text == "the final ffidavit flow"
    assert len(offsets) == len(text)
    i = text.index("final")
    assert raw_of(raw, offsets, i, i + 5) == "\ufb01nal"
    assert offsets[i] == offsets[i + 1] == raw.index("\ufb01")
    j = text.index("flow")
    assert offsets[j + 2] == raw.index("ow")


def test_end_of_line_hyphenation_joined_with_offsets() -> None:
    raw = "request an exter-\r\nnal review"
    text, offsets = normalize(raw)
    assert text == "request an external review"
    i = text.index("external")
    assert raw_of(raw, offsets, i, i + len("external")) == "exter" + "nal"
    assert offsets[i + 5] == raw.index("nal")


def test_pdfium_hyphen_marker_and_compounds() -> None:
    text, _ = normalize("exter\ufffenal review of a self\ufffefunded plan, out-of-\nnetwork care")
    assert text == "external review of a self-funded plan, out-of-network care"


def test_real_hyphens_and_phone_numbers_kept() -> None:
    text, offsets = normalize("Call 1-800-436-\r\n7757 or TTY 711. A well-known plan.")
    assert text == "Call 1-800-436-7757 or TTY 711. A well-known plan."
    assert len(offsets) == len(text)


def test_spaces_quotes_soft_hyphens_and_line_ends() -> None:
    raw = "  \u201cYour\u00a0 right\u201d \u2019s  appeal\u00ad\u00adable \r\n\r\n  next\rline\fpage\u200b "
    text, offsets = normalize(raw)
    assert text == "\"Your right\" 's appealable\n\nnext\nline\npage"
    assert "\f" not in text and len(offsets) == len(text)
    assert raw[offsets[text.index("next")]] == "n"
    assert raw[offsets[text.index("\n")]] == "\r"


def test_running_lines_need_sixty_percent_and_two_pages() -> None:
    page = "Header Co\nbody {n} text\nmore\nmiddle\nlines\nPage {n}"
    pages = [page.format(n=w) for w in ("one", "two", "three", "four", "five")]
    assert running_lines(pages[:1]) == set()
    assert "top:Header Co" in running_lines(pages[:2])
    keys = running_lines(pages)
    assert "top:Header Co" in keys and "bottom:Page one" not in keys
    out = remove_running_lines([normalize(p) for p in pages], notes := [])
    assert notes == ["running headers/footers removed"]
    assert out[0][0].startswith("Header Co")
    assert all(not t.startswith("Header Co") for t, _ in out[1:])
    for t, offsets in out:
        assert len(t) == len(offsets)
    raw = pages[3]
    t, offsets = out[3]
    assert raw[offsets[0] : offsets[0] + 4] == "body"


def test_page_numbers_alone_removed() -> None:
    pages = [f"Intro {w}\nbody a\nbody b\nbody c\nend {w}\n{n}" for n, w in enumerate("abcd", 1)]
    out = remove_running_lines([normalize(p) for p in pages], [])
    # each page ends mid-sentence ("end a" has no full stop), so the one copy kept is the last page's
    assert [t.rsplit("\n", 1)[-1] for t, _ in out] == ["end a", "end b", "end c", "4"]


def test_a_footer_is_kept_where_it_cuts_no_sentence() -> None:
    """Page 1 ends mid-sentence: its footer copy goes, page 2's stays, and the kept line is reported."""
    pages = ["Letter\nbody a\nbody b\nbody c\nIf your doctor\nAcme Health - Appeal decision",
             "certifies it, we decide fast.\nbody d\nbody e\nbody f\nEnd.\nAcme Health - Appeal decision"]
    out = remove_running_lines([normalize(p) for p in pages], [], kept := [])
    assert out[0][0].endswith("If your doctor")
    assert out[1][0].endswith("Acme Health - Appeal decision")
    assert kept == [(1, "Acme Health - Appeal decision")]


def test_private_use_bullets_become_bullets() -> None:
    """Symbol-font bullets (U+F0B7 from Word and LibreOffice lists) start list items like any bullet."""
    from checkers.extract.normalize import normalize

    text, offsets = normalize("\uf0b7 Employee: X\n\uf0a7 Patient: Y")
    assert text == "\u2022 Employee: X\n\u2022 Patient: Y" and len(offsets) == len(text)


def test_a_line_ending_in_a_hyphen_before_a_capital_is_not_a_split_word() -> None:
    assert normalize("condition A-\nDiagnosis: back pain")[0] == "condition A-\nDiagnosis: back pain"
    assert normalize("treat-\nment")[0] == "treatment"


def test_offset_maps_are_two_bytes_a_character_for_a_page_and_four_for_a_huge_one() -> None:
    from checkers.extract.normalize import normalize

    text, offsets = normalize("The e\ufb00ective date is May 1.")
    assert offsets.typecode == "H" and text == "The effective date is May 1." and offsets[5] == offsets[6] == 5
    big, big_offsets = normalize("x" * 70_000)
    assert big_offsets.typecode == "i" and big_offsets[-1] == 69_999
