"""DOCX -> PDF with LibreOffice headless: one converter process per batch, with a timeout.

Why this shape (lessons from docassemble): starting soffice costs seconds, so a batch is converted
in one invocation; concurrent converters sharing a profile clash, so each run uses its own
profile directory under a lock; and a hung converter must not hang the batch, so every call has a
timeout and one retry.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

CHUNK = 200
"""Files per soffice invocation: bounds the command line and what one timeout covers."""
BASE_TIMEOUT = 90.0
PER_FILE_TIMEOUT = 5.0


class ConversionError(Exception):
    """LibreOffice is missing, timed out, or did not produce every PDF."""


def soffice_binary() -> str:
    """The LibreOffice executable ($NOTICES_SOFFICE, else soffice on PATH)."""
    found = os.environ.get("NOTICES_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConversionError("LibreOffice (soffice) not found: install libreoffice-writer-nogui or set NOTICES_SOFFICE")
    return found


def _profile_dir() -> Path:
    """A profile kept between runs (creating one costs seconds), private to this tool."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "ma-notices" / "lo-profile"
    path.mkdir(parents=True, exist_ok=True)
    return path


def convert(docx_files: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
    """Convert every file to out_dir/<stem>.pdf; raises ConversionError unless all were made."""
    out_dir.mkdir(parents=True, exist_ok=True)
    produced: list[Path] = []
    for start in range(0, len(docx_files), CHUNK):
        chunk = list(docx_files[start : start + CHUNK])
        limit = timeout or BASE_TIMEOUT + PER_FILE_TIMEOUT * len(chunk)
        produced.extend(_convert_chunk(chunk, out_dir, limit))
    return produced


def _convert_chunk(files: list[Path], out_dir: Path, timeout: float) -> list[Path]:
    """One soffice run for a chunk, retried once for the files it did not produce."""
    expected = {f: out_dir / f"{f.stem}.pdf" for f in files}
    for attempt in range(2):
        missing = [f for f, pdf in expected.items() if not (pdf.exists() and pdf.stat().st_size > 0)]
        if not missing:
            break
        try:
            _run_soffice(missing, out_dir, timeout)
        except subprocess.TimeoutExpired as error:
            if attempt == 1:
                raise ConversionError(f"LibreOffice timed out after {timeout:.0f}s") from error
    failed = [f.name for f, pdf in expected.items() if not (pdf.exists() and pdf.stat().st_size > 0)]
    if failed:
        raise ConversionError(f"LibreOffice produced no PDF for: {', '.join(failed)}")
    return list(expected.values())


def _run_soffice(files: list[Path], out_dir: Path, timeout: float) -> None:
    """Run the converter under a lock on the profile, killing it on timeout."""
    profile = _profile_dir()
    with open(profile.parent / "lo-profile.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        command = [
            soffice_binary(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck", "--nodefault",
            "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(out_dir),
            *[str(f) for f in files],
        ]
        with tempfile.TemporaryFile() as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
                raise
