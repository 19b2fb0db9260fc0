"""Compose the generated part of the corpus sources from clinical scenarios and pools of wording.

Reads corpus/src/<split>/_gen_<type>.yaml (scenarios, carriers, per-element wording pools, and a plan
of defect profiles) and writes corpus/src/<split>/gen_<type>.yaml in the ordinary source format, which
the builder then loads like any hand-written file. Deterministic: choices rotate through the pools by
document number; no randomness.

Pool entries are blocks without labels; the generator adds the `el` / `bad` / `v` / `decoy` tags
from the profile, so the label of each block follows from which pool it was drawn from:
  pools.<element>.present    wording that carries the element
  pools.<element>.incorrect  wording that carries it with a wrong value
  pools.<element>.decoy      wording that mentions it without carrying it (negated)
  pools.<violation id>       wording that commits the violation (tagged v) and, where the entry has
                             `el`, also carries those elements
Scenario fields carry the case-specific elements (service, codes, records, rationale, criteria...).
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_model import SRC  # noqa: E402

PRODUCER_CYCLE = ["libreoffice", "weasyprint", "reportlab", "docx", "weasyprint", "reportlab", "libreoffice",
                  "text", "html", "docx"]
SCENARIO_EL = {
    "adverse_determination": {"service": "ad.service_identified", "claim": "ad.claim_identification",
                              "info": "ad.information_relied_on", "rationale": "ad.clinical_rationale",
                              "alt": "ad.alternative_treatment", "criteria": "ad.criteria_referenced",
                              "reviewer": "ad.reviewer_credentials"},
    "grievance_decision": {"decision": "gd.decision_reason", "info": "gd.information_relied_on",
                           "rationale": "gd.clinical_rationale", "criteria": "gd.criteria_referenced",
                           "reviewer": "gd.reviewer_attestation"},
}


ROW_LABELS = {"ad.service_identified": "What was requested", "ad.claim_identification": "Reference and codes",
              "ad.information_relied_on": "Records reviewed", "ad.clinical_rationale": "Reason",
              "ad.alternative_treatment": "Other options", "ad.criteria_referenced": "Guideline used",
              "ad.reviewer_credentials": "Reviewer", "gd.decision_reason": "Decision",
              "gd.information_relied_on": "Documents considered", "gd.clinical_rationale": "Clinical basis",
              "gd.criteria_referenced": "Criteria", "gd.reviewer_attestation": "Reviewer"}


class Str(str):
    pass


def _str_rep(dumper, data):
    style = ">" if len(data) > 70 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


yaml.add_representer(Str, _str_rep)


def _s(x):
    if isinstance(x, str):
        return Str(x)
    if isinstance(x, list):
        return [_s(i) for i in x]
    if isinstance(x, dict):
        return {k: _s(v) for k, v in x.items()}
    return x


def pick(pool, n, salt=0):
    if not pool:
        raise KeyError("empty pool")
    return dict(pool[(n + salt) % len(pool)]) if isinstance(pool[(n + salt) % len(pool)], dict) else \
        {"p": pool[(n + salt) % len(pool)]}


def generate(split: str, dtype: str) -> list[dict]:
    src = SRC / split / f"_gen_{dtype}.yaml"
    if not src.exists():
        return []
    g = yaml.safe_load(src.read_text(encoding="utf-8"))
    pools, carriers, scenarios = g["pools"], g["carriers"], g.get("scenarios") or [{}]
    order = g["order"]
    slots = g.get("violation_slots", {})
    sfields = SCENARIO_EL.get(dtype, {})
    docs = []
    for n, prof in enumerate(g["plan"]):
        sc = {**scenarios[n % len(scenarios)], **(prof.get("scenario") or {})}
        car = carriers[(n * 3 + 1) % len(carriers)]
        status = {e: "present" for e in order}
        status.update({e: "missing" for e in prof.get("missing", [])})
        status.update({e: "incorrect" for e in prof.get("incorrect", [])})
        status.update({e: "decoy" for e in prof.get("decoy", [])})
        viol = list(prof.get("v", []))
        review = sc.get("review")
        cont = "ad.continuation_of_services"
        if dtype == "adverse_determination" and review != "concurrent":
            status[cont] = "na"
        vars_ = {"C": car["name"], "ADDR": car["address"], "TF": car["tollfree"], "OPP": "1-800-436-7757",
                 "WEB": car["web"], "CH": car["chapter"], "LOCAL": car["local"]}
        vars_.update({k: str(v) for k, v in (prof.get("vars") or {}).items()})
        tf_key = {"adverse_determination": "ad.carrier_toll_free", "grievance_decision": "gd.carrier_toll_free"}.get(dtype)
        if tf_key and status.get(tf_key) == "missing":
            vars_["TF"] = car["local"]
            status[tf_key] = "present_as_missing"
        opp_key = {"adverse_determination": "ad.opp_contact", "grievance_decision": "gd.opp_contact",
                   "evidence_of_coverage": "eoc.opp_contact"}.get(dtype)
        if opp_key and status.get(opp_key) == "incorrect":
            vars_["OPP"] = g["wrong_opp"][n % len(g["wrong_opp"])]
            status[opp_key] = "incorrect_number"
        blocks = [{"lines": [x for x in pick(g["letterheads"], n)["p"].split("|")]}]
        if sc.get("date"):
            blocks.append({"lines": [sc["date"], sc["member"]]})
        blocks.append({"h": pick(g["titles"], n)["p"]})
        if sc.get("salutation"):
            blocks.append({"p": sc["salutation"]})
        if g.get("filler"):
            blocks += [dict(b) for b in g["filler"][n % len(g["filler"])]]
        voice = prof.get("voice", sc.get("voice", "plain"))
        layout = prof.get("layout", "letter")
        replaced = {slots[v]["element"]: v for v in viol if v in slots and slots[v].get("replace")}
        for e in order:
            st = status[e]
            field = next((k for k, v in sfields.items() if v == e), None)
            if field:
                if st == "present" and field in sc:
                    blk = {"p": sc[field]} if isinstance(sc[field], str) else dict(sc[field])
                    blk["el"] = e
                    blocks.append(blk)
                elif st == "missing" and field == "rationale" and sc.get("bare"):
                    blocks.append({"p": sc["bare"]})
                elif st == "decoy":
                    blocks.append({"p": sc.get(field + "_decoy") or pick(pools[e]["decoy"], n)["p"], "decoy": e})
                continue
            if e in ("ad.ma_language_statement",):
                continue  # emitted with the interpreter block
            if g.get("headings", {}).get(e) and st not in ("missing", "na") or (e in replaced):
                h = g["headings"].get(e)
                if h:
                    blocks.append({"h2": h[n % len(h)]})
            if e in replaced:
                v = replaced[e]
                blk = pick(pools[v], n)
                blk["v"] = v
                blocks.append(blk)
                continue
            if st in ("missing", "na"):
                if st == "missing" and e == "ad.interpreter_services" and status.get("ad.ma_language_statement") != "missing":
                    raise ValueError(f"{split}/{dtype} #{n}: interpreter missing needs the tagline missing too")
                continue
            pool = pools[e]
            if e in ("ad.internal_grievance_process", "eoc.grievance_process") and "v.two_level_internal_appeal" in viol:
                blk = pick(pools["v.two_level_internal_appeal"], n)
                blk.setdefault("el", [e])
                blk["v"] = "v.two_level_internal_appeal"
            elif st in ("present", "present_as_missing", "incorrect_number"):
                blk = pick(pool["present"], n, salt=len(e))
                if e in ("ad.external_review", "gd.external_review") and "v.outdated_opp_agency" in viol:
                    blk = pick(pools["v.outdated_opp_agency"], n)
                    blk["v"] = "v.outdated_opp_agency"
                if st == "present":
                    blk["el"] = e
                elif st == "incorrect_number":
                    blk["bad"] = e
            elif st == "incorrect":
                blk = pick(pool.get("incorrect") or pool["present"], n)
                blk["bad"] = e
            elif st == "decoy":
                blk = pick(pool["decoy"], n)
                blk["decoy"] = e
            else:
                raise ValueError(st)
            if "el" in blk and isinstance(blk["el"], str):
                blk["el"] = [blk["el"]]
            blocks.append(blk)
            for v in viol:
                if v in slots and not slots[v].get("replace") and slots[v]["element"] == e:
                    vb = pick(pools[v], n)
                    vb["v"] = v
                    blocks.append(vb)
            if e in ("ad.interpreter_services", "gd.interpreter_services", "eoc.translator_services"):
                ms = status.get("ad.ma_language_statement", "present" if dtype == "adverse_determination" else None)
                tsets = g["tagline_sets"]
                if dtype != "adverse_determination":
                    if n % 3 != 2:
                        blocks.append({"tag": tsets[n % len(tsets)], "style": ["labeled", "native", "plain"][n % 3]})
                elif ms == "present":
                    blocks.append({"tag": tsets[n % len(tsets)], "style": ["labeled", "native", "plain"][n % 3]})
                elif ms == "incorrect":
                    blocks.append({"tag": tsets[n % len(tsets)], "omit": g["omits"][n % len(g["omits"])]})
        for v in viol:
            if v in slots and slots[v]["element"] == "end":
                vb = pick(pools[v], n)
                vb["v"] = v
                blocks.append(vb)
        if g.get("closings"):
            blocks.append({"lines": pick(g["closings"], n)["p"].split("|")})
        doc = {"id": f"{split}-gen-{dtype[:3]}-{n + 1:02d}", "type": dtype,
               "producer": prof.get("producer", PRODUCER_CYCLE[n % len(PRODUCER_CYCLE)]),
               "voice": voice, "layout": layout, "vars": vars_, "blocks": _finish(blocks, layout)}
        meta = {"review": review} if dtype == "adverse_determination" else {}
        meta["footer"] = car["name"]
        meta.update(prof.get("meta") or {})
        doc["meta"] = meta
        if status.get(cont) == "na":
            doc["na"] = [cont]
        docs.append(doc)
    return docs


def _finish(blocks, layout):
    """Turn some paragraphs into list items or table rows for the bulleted / table layouts."""
    if layout == "bulleted":
        out = []
        for b in blocks:
            if "p" in b and len(b["p"]) > 60 and not b.get("decoy"):
                b = dict(b)
                b["ul"] = [b.pop("p")]
            out.append(b)
        return out
    if layout == "table":
        out, rows, tags = [], [], {"el": [], "bad": [], "v": []}
        for b in blocks:
            if "p" in b and "el" in b and not b.get("bad") and not b.get("v") and len(b["p"]) < 500 and len(rows) < 5:
                first = b["el"][0] if isinstance(b["el"], list) else b["el"]
                rows.append([ROW_LABELS.get(first, "Details"), b["p"]])
                tags["el"] += b["el"] if isinstance(b["el"], list) else [b["el"]]
                continue
            out.append(b)
        if rows:
            head = [{"table": [["Topic", "Details"]] + rows, "el": tags["el"]}]
            out = out[:3] + head + out[3:]
        return out
    return blocks


def main():
    for split in ("dev", "heldout"):
        for dtype in ("adverse_determination", "grievance_decision", "evidence_of_coverage",
                      "emergency_911_statement", "concurrent_approval", "pcp_disenrollment_notice"):
            docs = generate(split, dtype)
            target = SRC / split / f"gen_{dtype}.yaml"
            if not docs:
                continue
            head = (f"# GENERATED by scripts/corpus_gen.py from _gen_{dtype}.yaml: edit that file, not this one.\n")
            target.write_text(head + yaml.dump(_s({"docs": docs}), allow_unicode=True, sort_keys=False, width=110),
                              encoding="utf-8")
            print(f"  generated {len(docs)} {dtype} sources in {split}")


if __name__ == "__main__":
    main()
