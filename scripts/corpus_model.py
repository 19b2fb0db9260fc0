"""Source model of the evaluation corpus: load the YAML sources, expand them into blocks, derive labels.

A source file (corpus/src/<split>/*.yaml) holds `docs:`, a list of documents. Files whose name starts
with an underscore hold shared data (tagline sets). See corpus/README.md for the format.

Labels are derived from the blocks, never typed twice: an element is `present` when some block is
tagged with it (`el:`), `incorrect` when a block is tagged with it under `bad:`, `not_applicable` when
the document lists it under `na:`, and `missing` otherwise. Violations are the union of the blocks'
`v:` tags. A `tag:` block (the 958 CMR 3.700(2) statement) tags the type's language elements itself.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SRC = CORPUS / "src"
LEVELS = json.loads((CORPUS / "levels.json").read_text(encoding="utf-8"))
TYPES = LEVELS["document_types"]
VIOLATIONS = set(LEVELS["violations"])

PRODUCERS = {"docx": ".docx", "libreoffice": ".pdf", "weasyprint": ".pdf", "reportlab": ".pdf",
             "text": ".txt", "html": ".html"}

# The twelve languages of 958 CMR 3.700(2), in the order the statement is usually printed.
LANGS = ["english", "arabic", "khmer", "chinese", "french", "greek", "haitian", "italian", "lao",
         "portuguese", "russian", "spanish"]
LANG_NAMES = {
    "english": ("English", "English"), "arabic": ("Arabic", "العربية"), "khmer": ("Khmer (Cambodian)", "ភាសាខ្មែរ"),
    "chinese": ("Chinese", "中文"), "french": ("French", "Français"), "greek": ("Greek", "Ελληνικά"),
    "haitian": ("Haitian Creole", "Kreyòl Ayisyen"), "italian": ("Italian", "Italiano"), "lao": ("Lao", "ພາສາລາວ"),
    "portuguese": ("Portuguese", "Português"), "russian": ("Russian", "Русский"), "spanish": ("Spanish", "Español"),
}
# The elements a language block carries, by document type.
TAG_ELEMENTS = {
    "adverse_determination": ("ad.interpreter_services", "ad.ma_language_statement"),
    "grievance_decision": ("gd.interpreter_services", None),
    "evidence_of_coverage": ("eoc.translator_services", None),
}
KINDS = ("h", "h2", "p", "small", "box", "ul", "ol", "table", "qa", "tag", "lines", "hr")


@dataclass
class Block:
    kind: str
    value: object
    el: list = field(default_factory=list)
    bad: list = field(default_factory=list)
    v: list = field(default_factory=list)
    decoy: list = field(default_factory=list)
    opts: dict = field(default_factory=dict)


@dataclass
class Doc:
    sid: str
    split: str
    source: str
    producer: str
    voice: str
    layout: str
    document_type: str | None
    status: str
    blocks: list
    meta: dict
    na: list
    path: str = ""

    # ---- labels -------------------------------------------------------------------------------
    def elements(self) -> dict:
        if self.status != "ok" or self.document_type is None:
            return {}
        out = {}
        for e in TYPES[self.document_type]:
            st = "missing"
            if e in self.na:
                st = "not_applicable"
            if any(e in b.el for b in self.blocks):
                st = "present"
            if any(e in b.bad for b in self.blocks):
                st = "incorrect"
            out[e] = st
        return out

    def violations(self) -> list:
        if self.status != "ok":
            return []
        return sorted({x for b in self.blocks for x in b.v})

    def verdict(self):
        if self.status != "ok" or self.document_type is None:
            return None
        levels = TYPES[self.document_type]
        els = self.elements()
        bad = [e for e, s in els.items() if levels[e] == "required" and s in ("missing", "incorrect")]
        return "noncompliant" if bad or self.violations() else "compliant"

    def manifest(self) -> dict:
        return {"path": self.path, "split": self.split, "producer": self.producer, "voice": self.voice,
                "layout": self.layout,
                "document_type": self.document_type if self.status == "ok" else None,
                "status": self.status, "verdict": self.verdict(), "elements": self.elements(),
                "violations": self.violations()}


def _as_list(x):
    if x is None:
        return []
    return [x] if isinstance(x, str) else list(x)


def load_taglines(split: str) -> dict:
    sets = {}
    for f in sorted((SRC / split).glob("_*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        sets.update(data.get("taglines", {}))
    return sets


def _subst(obj, vars_):
    if isinstance(obj, str):
        return Template(obj).safe_substitute(vars_)
    if isinstance(obj, list):
        return [_subst(x, vars_) for x in obj]
    if isinstance(obj, dict):
        return {k: _subst(v, vars_) for k, v in obj.items()}
    return obj


def parse_block(raw: dict, vars_: dict, taglines: dict, dtype: str | None, where: str) -> Block:
    kinds = [k for k in KINDS if k in raw]
    if len(kinds) != 1:
        raise ValueError(f"{where}: block needs exactly one of {KINDS}: {raw!r}")
    kind = kinds[0]
    extra = set(raw) - set(KINDS) - {"el", "bad", "v", "decoy", "omit", "style", "intro", "header"}
    if extra:
        raise ValueError(f"{where}: unknown block keys {extra}")
    b = Block(kind=kind, value=_subst(raw[kind], vars_), el=_as_list(raw.get("el")),
              bad=_as_list(raw.get("bad")), v=_as_list(raw.get("v")), decoy=_as_list(raw.get("decoy")),
              opts={k: _subst(raw[k], vars_) for k in ("omit", "style", "intro", "header") if k in raw})
    if kind == "tag":
        tset = taglines[b.value]
        omit = _as_list(b.opts.get("omit"))
        for o in omit:
            if o not in LANGS:
                raise ValueError(f"{where}: unknown language {o}")
        b.opts["lines"] = [(lang, tset[lang]) for lang in LANGS if lang not in omit]
        interp, stmt = TAG_ELEMENTS.get(dtype, (None, None))
        if interp and interp not in b.el:
            b.el.append(interp)
        if stmt:
            if "english" in omit or len([o for o in omit if o != "english"]) > 0:
                b.bad.append(stmt)
            else:
                b.el.append(stmt)
    for e in b.el + b.bad:
        if dtype is None or e not in TYPES[dtype]:
            raise ValueError(f"{where}: element {e} is not an element of {dtype}")
    for x in b.v:
        if x not in VIOLATIONS:
            raise ValueError(f"{where}: unknown violation {x}")
    return b


def load(split: str) -> list[Doc]:
    taglines = load_taglines(split)
    docs, seen = [], set()
    for f in sorted((SRC / split).glob("[!_]*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        defaults = data.get("defaults", {})
        for raw in data["docs"]:
            raw = {**defaults, **raw}
            sid = raw["id"]
            if sid in seen:
                raise ValueError(f"duplicate source id {sid}")
            seen.add(sid)
            where = f"{f.name}:{sid}"
            dtype = raw.get("type")
            if dtype is not None and dtype not in TYPES:
                raise ValueError(f"{where}: unknown type {dtype}")
            if raw["producer"] not in PRODUCERS:
                raise ValueError(f"{where}: unknown producer")
            vars_ = {k: str(v) for k, v in (raw.get("vars") or {}).items()}
            blocks = [parse_block(b, vars_, taglines, dtype, f"{where}[{i}]") for i, b in enumerate(raw["blocks"])]
            na = _as_list(raw.get("na"))
            for e in na:
                if dtype is None or e not in TYPES[dtype]:
                    raise ValueError(f"{where}: na element {e} not of type")
            docs.append(Doc(sid=sid, split=split, source=f.name, producer=raw["producer"],
                            voice=raw["voice"], layout=raw["layout"], document_type=dtype,
                            status=raw.get("status", "ok"), blocks=blocks, meta=raw.get("meta") or {},
                            na=na))
    return docs


# ---- plain text view (used by the text producer and by the lint) ------------------------------
INLINE = re.compile(r"\*\*(.+?)\*\*")


def strip_marks(s: str) -> str:
    return INLINE.sub(r"\1", s)


def block_text(b: Block) -> str:
    v = b.value
    if b.kind in ("ul", "ol"):
        return "\n".join(strip_marks(x) for x in v)
    if b.kind == "table":
        return "\n".join(" | ".join(strip_marks(str(c)) for c in row) for row in v)
    if b.kind == "qa":
        return strip_marks(v[0]) + "\n" + strip_marks(v[1])
    if b.kind == "lines":
        return "\n".join(strip_marks(x) for x in v)
    if b.kind == "tag":
        intro = b.opts.get("intro")
        return ((intro + "\n") if intro else "") + "\n".join(t for _, t in b.opts["lines"])
    if b.kind == "hr":
        return ""
    return strip_marks(v)
