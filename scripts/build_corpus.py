#!/usr/bin/env python3
"""Build the labelled evaluation corpus from corpus/src/{dev,heldout,dev2,dev3}/*.yaml.

    python scripts/build_corpus.py                # rebuild everything, write corpus/manifest.jsonl
    python scripts/build_corpus.py --split dev2   # rebuild one split; other splits' files and lines are kept
    python scripts/build_corpus.py --check        # load, label and lint the sources only (no rendering)

Producers: docx (python-docx, kept as .docx), libreoffice (DOCX -> PDF with one headless soffice call
per batch), weasyprint (HTML -> PDF with the weasyprint CLI or module), reportlab (platypus; two-column
frames, running header/footer with page numbers, hyphenation), text (.txt), html (.html). Documents
with `status: unreadable` are rendered with ReportLab and turned into an image-only PDF.

Output names are opaque (doc-NNN) and assigned after a seeded shuffle, so neither the name nor the
order reveals the type or the verdict. The mapping to source ids is kept in corpus/src/paths.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_lint import lint  # noqa: E402
from corpus_model import CORPUS, PRODUCERS, SRC, load  # noqa: E402
from corpus_render import render_docx, render_html, render_reportlab, render_scan, render_text  # noqa: E402

SEED = 176
SPLITS = ("dev", "heldout", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50")


def assign_paths(docs):
    for split in SPLITS:
        group = sorted((d for d in docs if d.split == split), key=lambda d: d.sid)
        random.Random(f"{SEED}-{split}").shuffle(group)
        for i, d in enumerate(group, 1):
            ext = ".pdf" if d.status == "unreadable" else PRODUCERS[d.producer]
            d.path = f"{split}/doc-{i:03d}{ext}"


def soffice_convert(docx_files, outdir: Path, timeout=900):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("soffice not found: install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as prof:
        cmd = [exe, f"-env:UserInstallation=file://{prof}", "--headless", "--norestore", "--convert-to", "pdf",
               "--outdir", str(outdir)] + [str(f) for f in docx_files]
        subprocess.run(cmd, check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def weasy(html_text: str, out: Path, tmp: Path):
    try:
        import weasyprint  # type: ignore
        weasyprint.HTML(string=html_text).write_pdf(str(out))
        return
    except ImportError:
        pass
    exe = shutil.which("weasyprint") or "/usr/bin/weasyprint"
    src = tmp / (out.stem + ".html")
    src.write_text(html_text, encoding="utf-8")
    subprocess.run([exe, "-q", str(src), str(out)], check=True, timeout=120)


def build(docs, splits=SPLITS):
    for split in splits:
        d = CORPUS / split
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="corpus-build-") as tmpd:
        tmp = Path(tmpd)
        lo_jobs = []
        for doc in docs:
            out = CORPUS / doc.path
            if doc.status == "unreadable":
                render_scan(doc, out, tmp / f"{doc.sid}-scan.pdf")
            elif doc.producer == "docx":
                render_docx(doc, out)
            elif doc.producer == "libreoffice":
                src = tmp / "lo" / (Path(doc.path).stem + "-" + doc.split + ".docx")
                src.parent.mkdir(exist_ok=True)
                render_docx(doc, src)
                lo_jobs.append((src, out))
            elif doc.producer == "weasyprint":
                weasy(render_html(doc), out, tmp)
            elif doc.producer == "reportlab":
                render_reportlab(doc, out)
            elif doc.producer == "text":
                out.write_text(render_text(doc), encoding="utf-8")
            elif doc.producer == "html":
                out.write_text(render_html(doc), encoding="utf-8")
            print(f"  {doc.path:24} {doc.producer:12} {doc.sid}", flush=True)
        if lo_jobs:
            outdir = tmp / "lo-out"
            outdir.mkdir()
            print(f"  soffice: converting {len(lo_jobs)} DOCX files in one call", flush=True)
            soffice_convert([s for s, _ in lo_jobs], outdir)
            for src, out in lo_jobs:
                pdf = outdir / (src.stem + ".pdf")
                if not pdf.exists():
                    raise SystemExit(f"LibreOffice did not convert {src.name}")
                shutil.move(str(pdf), out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="lint the sources only")
    ap.add_argument("--split", choices=SPLITS, help="render only this split; keep the others' files, "
                    "manifest lines and paths.json entries as they are")
    args = ap.parse_args(argv)
    import corpus_gen
    corpus_gen.main()
    docs = [d for s in SPLITS for d in load(s)]
    assign_paths(docs)
    errors, warnings = lint(docs)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    if errors:
        raise SystemExit(f"{len(errors)} lint errors")
    if args.check:
        print(f"{len(docs)} documents OK")
        return
    if args.split:
        docs = [d for d in docs if d.split == args.split]
        build(docs, (args.split,))
        # Lines and paths of the other splits are kept verbatim; only this split's are replaced.
        old = [x for x in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
        lines = [(json.loads(x)["path"], x) for x in old if json.loads(x)["split"] != args.split]
        old_paths = json.loads((SRC / "paths.json").read_text(encoding="utf-8"))
        paths = {p: v for p, v in old_paths.items() if not p.startswith(args.split + "/")}
    else:
        build(docs)
        lines, paths = [], {}
    lines += [(d.path, json.dumps(d.manifest(), ensure_ascii=False)) for d in docs]
    lines.sort(key=lambda x: x[0])
    with open(CORPUS / "manifest.jsonl", "w", encoding="utf-8") as f:
        for _, line in lines:
            f.write(line + "\n")
    paths.update({d.path: f"{d.split}/{d.source}#{d.sid}" for d in docs})
    (SRC / "paths.json").write_text(json.dumps(dict(sorted(paths.items())), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(docs)} documents and corpus/manifest.jsonl")


if __name__ == "__main__":
    os.chdir(CORPUS.parent)
    main()
