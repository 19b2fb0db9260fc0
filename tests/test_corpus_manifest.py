"""Consistency of the labelled evaluation corpus (corpus/manifest.jsonl).

Self-contained: uses only files inside the repository (corpus/levels.json holds each element's level,
copied from the public catalog)."""
import json
from collections import defaultdict
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
KEYS = {"path", "split", "producer", "voice", "layout", "document_type", "status", "verdict", "elements", "violations"}
STATUSES = {"present", "missing", "incorrect", "not_applicable"}
PRODUCERS = {"docx", "libreoffice", "weasyprint", "reportlab", "text", "html"}


@pytest.fixture(scope="module")
def manifest():
    lines = (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


@pytest.fixture(scope="module")
def levels():
    return json.loads((CORPUS / "levels.json").read_text(encoding="utf-8"))


def test_keys_and_paths(manifest):
    assert len(manifest) >= 160
    paths = [r["path"] for r in manifest]
    assert len(paths) == len(set(paths))
    for r in manifest:
        assert set(r) == KEYS, r["path"]
        assert r["split"] in ("dev", "heldout", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50")
        assert r["path"].startswith(r["split"] + "/")
        assert (CORPUS / r["path"]).is_file(), r["path"]
        assert r["producer"] in PRODUCERS
        assert r["status"] in ("ok", "unreadable")
        assert isinstance(r["voice"], str) and isinstance(r["layout"], str)


def test_types_and_element_ids(manifest, levels):
    types = levels["document_types"]
    ids_by_type = defaultdict(set)
    for r in manifest:
        t = r["document_type"]
        if r["status"] == "unreadable" or t is None:
            assert t is None and r["verdict"] is None and r["elements"] == {}, r["path"]
            continue
        assert t in types, r["path"]
        assert set(r["elements"]) == set(types[t]), r["path"]
        assert set(r["elements"].values()) <= STATUSES
        ids_by_type[t].add(frozenset(r["elements"]))
    for t, sets in ids_by_type.items():
        assert len(sets) == 1, f"{t}: documents list different element ids"


def test_verdict_rule(manifest, levels):
    types = levels["document_types"]
    for r in manifest:
        if r["document_type"] is None or r["status"] != "ok":
            continue
        lv = types[r["document_type"]]
        bad = [e for e, s in r["elements"].items() if lv[e] == "required" and s in ("missing", "incorrect")]
        expected = "noncompliant" if bad or r["violations"] else "compliant"
        assert r["verdict"] == expected, r["path"]


def test_violations_known_and_covered(manifest, levels):
    known = set(levels["violations"])
    seen = defaultdict(int)
    for r in manifest:
        assert set(r["violations"]) <= known, r["path"]
        for v in r["violations"]:
            seen[v] += 1
    for v in known:
        assert seen[v] >= 3, f"{v} appears {seen[v]} times"


def test_every_element_present_and_missing(manifest, levels):
    counts = defaultdict(lambda: defaultdict(int))
    for r in manifest:
        for e, s in r["elements"].items():
            counts[e][s] += 1
    for t, els in levels["document_types"].items():
        for e in els:
            assert counts[e]["present"] >= 2, f"{e} present {counts[e]['present']}"
            assert counts[e]["missing"] >= 1, f"{e} missing {counts[e]['missing']}"
    for e in ("ad.opp_contact", "gd.opp_contact", "eoc.opp_contact", "ad.internal_grievance_process",
              "ad.external_review", "gd.external_review", "ad.ma_language_statement", "pcp.departure_date"):
        assert counts[e]["incorrect"] >= 1, f"{e} never incorrect"
    assert counts["ad.continuation_of_services"]["not_applicable"] >= 1


def test_splits_cover_every_type_and_producers(manifest, levels):
    for split in ("dev", "heldout"):
        rows = [r for r in manifest if r["split"] == split]
        assert set(levels["document_types"]) <= {r["document_type"] for r in rows}, split
        assert any(r["document_type"] is None and r["status"] == "ok" for r in rows), split
        assert any(r["status"] == "unreadable" for r in rows), split
        assert any(r["verdict"] == "compliant" for r in rows) and any(r["verdict"] == "noncompliant" for r in rows)
    assert len({r["producer"] for r in manifest}) >= 3
