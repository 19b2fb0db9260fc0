"""Consistency checks of the corpus sources: labels against the words on the page.

Errors stop the build; warnings are printed. The checks are deliberately simple (numbers, key words):
they catch a block that carries an element by accident, not every mistake.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from corpus_model import TYPES, VIOLATIONS, block_text

OPP_RIGHT = re.compile(r"800[\s\-\.\)]*436[\s\-\.]*7757")
OPP_WRONG_HINT = re.compile(r"436[\s\-\.]*7575|Patient Protection[^.\n]{0,80}617[\s\-\.\)]*(?!624)\d{3}")
TOLL_FREE = re.compile(r"\b(?:1[\s\-\.])?\(?(800|888|877|866|855|844|833)\)?[\s\-\.]*(\d{3})[\s\-\.]*(\d{4})\b")
EXTERNAL = re.compile(r"external review|independent review|outside review|review panel|independent (?:medical )?reviewer|external appeal|independent external", re.I)
EXPEDITED = re.compile(r"expedit|urgent|fast appeal|fast-track|72 hours|72-hour|rush", re.I)
N911 = re.compile(r"\b9-?1-?1\b")
OUTDATED = re.compile(r"Department of Public Health|250 Washington|Two Boylston|state\.ma\.us", re.I)
LEVEL2 = re.compile(r"level (?:2|two|ii)\b|second[- ]level|second (?:internal )?appeal", re.I)
SENT = re.compile(r"(?<=[.!?:;])\s+|\n+")

EXTERNAL_ELEMENTS = {"ad.external_review", "gd.external_review"}


def _text(doc, skip_decoy_for=None):
    parts = []
    for b in doc.blocks:
        if skip_decoy_for and skip_decoy_for in b.decoy:
            continue
        parts.append(block_text(b))
    return "\n".join(parts)


def _sentences(doc):
    for b in doc.blocks:
        if b.kind in ("tag", "lines", "hr"):
            continue
        for s in SENT.split(block_text(b)):
            n = re.sub(r"[^a-z ]", "", s.lower())
            n = re.sub(r"\s+", " ", n).strip()
            if len(n) >= 40:
                yield n, s.strip()


def lint(docs):
    errors, warnings = [], []
    byid = {}
    for d in docs:
        byid[d.sid] = d
        if d.status != "ok" or d.document_type is None:
            continue
        els = d.elements()
        t = d.document_type
        full = _text(d)
        name = f"{d.split}/{d.sid}"
        pre = t.split("_")[0][:3]
        # OPP number
        for e in ("ad.opp_contact", "gd.opp_contact", "eoc.opp_contact"):
            if e in els:
                has = bool(OPP_RIGHT.search(full))
                if els[e] == "present" and not has:
                    errors.append(f"{name}: {e} present but 800-436-7757 not in text")
                if els[e] in ("missing", "incorrect") and has:
                    errors.append(f"{name}: {e} {els[e]} but 800-436-7757 in text")
                if els[e] == "incorrect" and not OPP_WRONG_HINT.search(full):
                    warnings.append(f"{name}: {e} incorrect: no wrong number pattern found (check by hand)")
        # carrier toll-free
        for e in ("ad.carrier_toll_free", "gd.carrier_toll_free"):
            if e in els:
                nums = {"".join(m.groups()) for m in TOLL_FREE.finditer(full)} - {"8004367757"}
                if els[e] == "present" and not nums:
                    errors.append(f"{name}: {e} present but no toll-free number")
                if els[e] == "missing" and nums:
                    errors.append(f"{name}: {e} missing but toll-free {nums} in text")
        # external review
        for e in EXTERNAL_ELEMENTS:
            if e in els and els[e] == "missing" and EXTERNAL.search(_text(d, e)):
                errors.append(f"{name}: {e} missing but an external-review phrase is in the text: "
                              f"{EXTERNAL.search(_text(d, e)).group(0)!r}")
        if els.get("eoc.grievance_process") == "missing" and EXTERNAL.search(_text(d, "eoc.grievance_process")):
            warnings.append(f"{name}: eoc.grievance_process missing but external review is mentioned")
        if els.get("ad.expedited_grievance") == "missing" and EXPEDITED.search(_text(d, "ad.expedited_grievance")):
            errors.append(f"{name}: ad.expedited_grievance missing but {EXPEDITED.search(_text(d, 'ad.expedited_grievance')).group(0)!r} in text")
        # 911
        for e in ("eoc.emergency_911", "e911.option_to_call_911"):
            if e in els and els[e] == "missing" and N911.search(_text(d, e)):
                errors.append(f"{name}: {e} missing but 911 appears outside decoy blocks")
            if e in els and els[e] == "present" and not N911.search(full):
                if "emergency medical service" not in full.lower():
                    errors.append(f"{name}: {e} present but no 911")
        # violations by words
        vs = set(d.violations())
        if OUTDATED.search(full) and "v.outdated_opp_agency" not in vs:
            errors.append(f"{name}: outdated OPP agency words but no v.outdated_opp_agency")
        if "v.outdated_opp_agency" in vs and not OUTDATED.search(full):
            errors.append(f"{name}: v.outdated_opp_agency labelled but no outdated words")
        if LEVEL2.search(full) and "v.two_level_internal_appeal" not in vs:
            warnings.append(f"{name}: second level words but no v.two_level_internal_appeal")
        # pcp dates
        if t == "pcp_disenrollment_notice":
            nd, ld = d.meta.get("notice_date"), d.meta.get("leave_date")
            st = els["pcp.departure_date"]
            if st != "missing":
                if not (nd and ld):
                    errors.append(f"{name}: pcp dates needed in meta")
                else:
                    gap = (date.fromisoformat(str(ld)) - date.fromisoformat(str(nd))).days
                    if (gap < 30) != (st == "incorrect"):
                        errors.append(f"{name}: departure gap {gap} days but labelled {st}")
        # continuation
        if t == "adverse_determination":
            review = d.meta.get("review")
            cont = els["ad.continuation_of_services"]
            if review not in ("prospective", "retrospective", "concurrent"):
                errors.append(f"{name}: meta.review must be prospective/retrospective/concurrent")
            elif (review == "concurrent") == (cont == "not_applicable"):
                errors.append(f"{name}: review {review} but continuation {cont}")
        if d.voice is None or d.layout is None:
            errors.append(f"{name}: voice and layout are required")
    # sentence reuse
    seen = defaultdict(set)
    for d in docs:
        for n, s in _sentences(d):
            seen[n].add((d.split, d.sid, s))
    repeats = 0
    for n, where in seen.items():
        splits = {w[0] for w in where}
        ids = sorted({w[1] for w in where})
        if len(splits) > 1:
            errors.append(f"sentence shared by splits {sorted(splits)} ({', '.join(ids)}): {next(iter(where))[2][:90]!r}")
        elif len(ids) > 1:
            repeats += 1
    if repeats:
        warnings.append(f"{repeats} sentences recur in more than one document of a split (pooled wording)")
    # coverage
    for split in ("dev", "heldout"):
        types = {d.document_type for d in docs if d.split == split and d.status == "ok"}
        missing_types = set(TYPES) - types
        if missing_types:
            warnings.append(f"{split}: no document of type {sorted(missing_types)}")
    counts = defaultdict(lambda: defaultdict(int))
    for d in docs:
        for e, s in d.elements().items():
            counts[e][s] += 1
    for t, els in TYPES.items():
        for e in els:
            c = counts[e]
            if c["present"] < 2 or c["missing"] < 2:
                warnings.append(f"coverage: {e} present {c['present']} missing {c['missing']}")
    for e in ("ad.opp_contact", "gd.opp_contact", "eoc.opp_contact", "ad.internal_grievance_process",
              "ad.external_review", "gd.external_review", "ad.ma_language_statement", "pcp.departure_date"):
        if counts[e]["incorrect"] < 1:
            warnings.append(f"coverage: {e} never incorrect")
    vcount = defaultdict(int)
    for d in docs:
        for v in d.violations():
            vcount[v] += 1
    for v in VIOLATIONS:
        if vcount[v] < 3:
            warnings.append(f"coverage: {v} only {vcount[v]} times")
    return errors, warnings
