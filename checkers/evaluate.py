"""`notices eval`: score the checker against a labelled corpus (manifest.jsonl), split by split.

Metrics (the positive class of an element is a defect: missing or incorrect):
- per element: precision and recall of defects, and status accuracy;
- defect F1 over all elements; the false-assurance rate (a true defect reported present);
- violation F1 over (document, violation) pairs; document-type, status and verdict accuracy.
Elements are scored with the labelled document type forced when detection picked another one, so a
classification error is counted once (in type accuracy), not again in every element.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from typing import Any

DEFECTS = ("missing", "incorrect")


def load_manifest(directory: str) -> list[dict[str, Any]]:
    with open(os.path.join(directory, "manifest.jsonl"), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _check_pair(args: tuple[str, str | None]) -> tuple[dict, dict | None]:
    """Detected-type report, plus a forced-type report when detection disagreed with the label."""
    from checkers.check import check_file

    path, expected_type = args
    report = check_file(path)
    forced = None
    if expected_type and report["status"] == "ok" and report["document_type"] != expected_type:
        forced = check_file(path, doc_type=expected_type)
    return report, forced


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


class Tally:
    """Counts for one split."""

    def __init__(self) -> None:
        self.docs = 0
        self.status_ok = self.type_ok = self.verdict_ok = 0
        self.per_element: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.defect = [0, 0, 0]  # tp, fp, fn
        self.assurance = [0, 0]  # true defects reported present, true defects
        self.violation = [0, 0, 0]
        self.errors: list[dict[str, Any]] = []

    def add(self, label: dict, report: dict, forced: dict | None) -> None:
        self.docs += 1
        self.status_ok += report["status"] == label["status"]
        self.type_ok += report["document_type"] == label["document_type"]
        self.verdict_ok += report["verdict"] == label["verdict"]
        scored = forced or report
        got = {e["id"]: e["status"] for e in scored["elements"]}
        for eid, want in label["elements"].items():
            self._element(label["path"], eid, want, got.get(eid, "missing"))
        want_v, got_v = set(label["violations"]), {v["id"] for v in report["violations"]}
        self.violation[0] += len(want_v & got_v)
        self.violation[1] += len(got_v - want_v)
        self.violation[2] += len(want_v - got_v)
        for vid in sorted(want_v ^ got_v):
            self.errors.append({"path": label["path"], "id": vid, "expected": vid in want_v, "got": vid in got_v})
        if report["document_type"] != label["document_type"]:
            self.errors.append({"path": label["path"], "id": "document_type",
                                "expected": label["document_type"], "got": report["document_type"]})

    def _element(self, path: str, eid: str, want: str, got: str) -> None:
        stats = self.per_element[eid]
        stats["n"] += 1
        stats["exact"] += want == got
        true_defect, said_defect = want in DEFECTS, got in DEFECTS
        stats["tp"] += true_defect and said_defect
        stats["fp"] += said_defect and not true_defect
        stats["fn"] += true_defect and not said_defect
        self.defect[0] += true_defect and said_defect
        self.defect[1] += said_defect and not true_defect
        self.defect[2] += true_defect and not said_defect
        if true_defect:
            self.assurance[1] += 1
            self.assurance[0] += got == "present"
        if want != got:
            self.errors.append({"path": path, "id": eid, "expected": want, "got": got})

    def scores(self) -> dict[str, Any]:
        n = max(self.docs, 1)
        return {
            "documents": self.docs,
            "status_accuracy": round(self.status_ok / n, 4),
            "document_type_accuracy": round(self.type_ok / n, 4),
            "verdict_accuracy": round(self.verdict_ok / n, 4),
            "defect": _f1(*self.defect),
            "false_assurance_rate": round(self.assurance[0] / self.assurance[1], 4) if self.assurance[1] else 0.0,
            "violation": _f1(*self.violation),
            "elements": {eid: {**_f1(s["tp"], s["fp"], s["fn"]), "accuracy": round(s["exact"] / s["n"], 4),
                               "n": s["n"]} for eid, s in sorted(self.per_element.items())},
            "errors": self.errors,
        }


def evaluate_corpus(directory: str, split: str = "all", jobs: int = 2) -> dict[str, Any]:
    """Scores per split ("dev", "heldout") and over all documents."""
    labels = [m for m in load_manifest(directory) if split == "all" or m["split"] == split]
    from checkers.runner import warm_up_or_fail

    warm_up_or_fail()  # a broken rule file fails here, once and loudly, not as a corpus of "error" reports
    jobs_args = [(os.path.join(directory, m["path"]), m["document_type"]) for m in labels]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_check_pair, jobs_args, chunksize=2))
    else:
        results = [_check_pair(a) for a in jobs_args]
    tallies: dict[str, Tally] = defaultdict(Tally)
    for label, (report, forced) in zip(labels, results):
        tallies[label["split"]].add(label, report, forced)
        tallies["all"].add(label, report, forced)
    return {name: tally.scores() for name, tally in sorted(tallies.items())}


def format_scores(scores: dict[str, Any]) -> str:
    """A readable summary per split, worst elements first."""
    lines = []
    for split, s in scores.items():
        lines.append(f"== {split}: {s['documents']} documents")
        lines.append(f"   defect F1 {s['defect']['f1']:.3f} (P {s['defect']['precision']:.3f} "
                     f"R {s['defect']['recall']:.3f})   false assurance {s['false_assurance_rate']:.3%}   "
                     f"violation F1 {s['violation']['f1']:.3f}")
        lines.append(f"   document type {s['document_type_accuracy']:.3f}   verdict {s['verdict_accuracy']:.3f}"
                     f"   status {s['status_accuracy']:.3f}")
        lines.append(f"   {'element':36} {'n':>4} {'acc':>6} {'P':>6} {'R':>6}")
        ranked = sorted(s["elements"].items(), key=lambda kv: kv[1]["accuracy"])
        for eid, e in ranked:
            lines.append(f"   {eid:36} {e['n']:4} {e['accuracy']:6.3f} {e['precision']:6.3f} {e['recall']:6.3f}")
    return "\n".join(lines)
