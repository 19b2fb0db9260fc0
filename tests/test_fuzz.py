"""Fuzz: mutated PDFs and DOCX files (bits flipped, cut short, spliced, zeroed) always give a
report with a valid status and a text-free reason, never an exception.

Brief in `make test` (150 examples, about 5 s); at length with `make fuzz`, which sets
FUZZ_EXAMPLES (e.g. FUZZ_EXAMPLES=5000). Hypothesis keeps failing inputs in .hypothesis/ and
replays them first on the next run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkers.catalog import load_catalog
from checkers.check import check_file
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import make_hostile_fixtures as fx  # noqa: E402

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
CORPUS = ["dev/doc-001.pdf", "dev/doc-002.docx", "dev/doc-024.pdf"]  # text PDF, DOCX, scan


def _seeds() -> list[bytes]:
    seeds = [fx.text_pdf(pages=2), fx.text_pdf(pages=2, compress=0), fx.many_pages(3), fx.page_loop()]
    return seeds + [(REPO / "corpus" / p).read_bytes() for p in CORPUS if (REPO / "corpus" / p).exists()]


SEEDS = _seeds()
CATALOG = load_catalog()


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    """A seed with 1-4 mutations, and the suffix it is saved under (sometimes the wrong one)."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "splice", "zero", "duplicate"]))
        n = len(data)
        i = draw(st.integers(0, max(0, n - 1)))
        if kind == "flip" and n:
            for _ in range(draw(st.integers(1, 300))):
                j = draw(st.integers(0, n - 1))
                data[j] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del data[i:]
        elif kind == "splice":
            other = draw(st.sampled_from(SEEDS))
            j = draw(st.integers(0, len(other)))
            data[i:i] = other[j : j + draw(st.integers(1, 4096))]
        elif kind == "zero":
            k = draw(st.integers(1, 4096))
            data[i : i + k] = bytes(len(data[i : i + k]))
        elif kind == "duplicate":
            data[i:i] = data[i : i + draw(st.integers(1, 4096))]
    return bytes(data), draw(st.sampled_from([".pdf", ".docx", ".txt"]))


@settings(max_examples=EXAMPLES, deadline=None, derandomize="FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(case=mutated())
def test_mutated_documents_always_get_a_status(tmp_path: Path, case: tuple[bytes, str]) -> None:
    data, suffix = case
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    report = check_file(str(path), catalog=CATALOG)
    assert report["status"] in {"ok", "unreadable", "error"}
    if report["status"] != "ok":
        assert report["reason"] and report["verdict"] is None
    assert "internal error" not in (report["reason"] or ""), report["reason"]
    assert "Jane" not in (report["reason"] or "")


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_every_seed_reads(tmp_path: Path, seed: int) -> None:
    """The unmutated seeds are readable or a known refusal: mutations start from real documents."""
    path = tmp_path / "seed.pdf"
    path.write_bytes(SEEDS[seed])
    assert check_file(str(path), catalog=CATALOG)["status"] in {"ok", "unreadable", "error"}
