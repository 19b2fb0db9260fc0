"""The reviewers' web app: upload a PDF or DOCX, read the HTML report, download the annotated PDF
and the JSON report.

Standard library only (http.server): a reviewer tool on a laptop needs no framework, and fewer
moving parts means less to trust with notices that may carry member health information. For the
same reason an upload lives in a temporary directory that is deleted before the response is sent;
the downloads are inlined in the page as data: links, so nothing has to stay on the server. Only
when the reviewer ticks "keep" are the upload and its reports copied to the keep directory.
"""

from __future__ import annotations

import base64
import html
import json
import re
import secrets
import shutil
import socket
import tempfile
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from checkers.web.multipart import MultipartError, Part, parse

ALLOWED_SUFFIXES = {".pdf", ".docx"}
DEFAULT_MAX_UPLOAD = 25 * 1024 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class UploadError(ValueError):
    """A request the app refuses, with the HTTP status to refuse it with."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Settings:
    """What the server was started with."""

    max_upload: int = DEFAULT_MAX_UPLOAD
    keep_dir: Path | None = None


# --- pages ---------------------------------------------------------------------------------------

def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            '<style>body{font:15px/1.45 system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em}'
            'label{display:block;margin:.8em 0}.error{color:#b42318}</style></head>'
            f'<body><h1>{html.escape(title)}</h1>{body}</body></html>')


def upload_form(settings: Settings, document_types: list[str]) -> str:
    """The one form: file, optional document type, keep checkbox."""
    options = "".join(f'<option value="{html.escape(t)}">{html.escape(t)}</option>' for t in document_types)
    keep = ('<label><input type="checkbox" name="keep" value="1"> Keep the upload and its reports on the '
            'server (otherwise they are deleted once the report is sent)</label>') if settings.keep_dir else ""
    return page("Check a notice", (
        '<form method="post" action="/check" enctype="multipart/form-data">'
        '<label>Notice (PDF or DOCX, at most '
        f'{settings.max_upload // (1024 * 1024)} MB) <input type="file" name="document" accept=".pdf,.docx" required></label>'
        f'<label>Document type <select name="type"><option value="">detect</option>{options}</select></label>'
        f'{keep}<button type="submit">Check</button></form>'))


def data_link(label: str, filename: str, mime: str, content: bytes, test_id: str) -> str:
    encoded = base64.b64encode(content).decode("ascii")
    return (f'<a class="download" data-testid="{test_id}" download="{html.escape(filename)}" '
            f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>')


def download_bar(name: str, report: dict[str, Any], annotated: bytes | None, kept: str | None) -> str:
    """Links placed above the report: JSON always, annotated PDF for PDFs, and what was kept."""
    stem = Path(name).stem or "notice"
    links = [data_link("Download the JSON report", f"{stem}.report.json", "application/json",
                       json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8"), "json")]
    if annotated is not None:
        links.append(data_link("Download the annotated PDF", f"{stem}.annotated.pdf", "application/pdf",
                               annotated, "annotated"))
    note = (f"<p>Kept on the server as <code>{html.escape(kept)}</code>.</p>" if kept
            else "<p>The upload has been deleted from the server.</p>")
    return (f'<nav class="downloads" style="display:flex;gap:1.5em;flex-wrap:wrap">{" ".join(links)}'
            f'<a href="/">Check another notice</a></nav>{note}')


# --- checking one upload -------------------------------------------------------------------------

def safe_name(filename: str | None) -> str:
    """The upload's base name with only harmless characters (it is shown and used as a stem)."""
    base = re.split(r"[\\/]", filename or "")[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._ -]", "_", base).strip(" .")[:120]
    return cleaned or "upload"


def form_value(fields: dict[str, Part], name: str) -> str:
    part = fields.get(name)
    return part.data.decode("utf-8", "replace").strip() if part and part.filename is None else ""


class Checker:
    """Runs one check at a time: the spaCy pipeline is shared by the server's threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()

    def document_types(self) -> list[str]:
        from checkers.catalog import load_catalog

        return sorted(load_catalog().document_types)

    def handle(self, fields: dict[str, Part]) -> str:
        """The report page for the uploaded notice."""
        upload = fields.get("document")
        if upload is None or upload.filename is None or not upload.data:
            raise UploadError(HTTPStatus.BAD_REQUEST, "choose a PDF or DOCX file to check")
        name = safe_name(upload.filename)
        suffix = Path(name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise UploadError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "only PDF and DOCX files can be checked here")
        doc_type = form_value(fields, "type") or None
        if doc_type is not None and doc_type not in self.document_types():
            raise UploadError(HTTPStatus.BAD_REQUEST, "unknown document type")
        keep = form_value(fields, "keep") == "1" and self.settings.keep_dir is not None
        with tempfile.TemporaryDirectory(prefix="notices-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(upload.data)
            return self.report_page(path, name, doc_type, keep)

    def report_page(self, path: Path, name: str, doc_type: str | None, keep: bool) -> str:
        """Check, annotate and render while the upload exists; the caller deletes it afterwards."""
        from checkers.annotate import AnnotateError, annotate
        from checkers.check import check_file
        from checkers.formatters.html import render_document
        from checkers.options import CheckOptions

        with self.lock:
            report = check_file(str(path), options=CheckOptions(doc_type=doc_type))
        report["path"] = name  # the reviewer's name for the file, not the temporary one
        annotated = None
        if report["status"] == "ok" and path.suffix == ".pdf":
            out = path.with_name("annotated.pdf")
            try:
                annotate(str(path), report, str(out))
                annotated = out.read_bytes()
            except AnnotateError:
                annotated = None
        kept = self.keep(path, name, report, annotated) if keep else None
        return render_document([report], sources=[str(path)], extra=download_bar(name, report, annotated, kept))

    def keep(self, path: Path, name: str, report: dict[str, Any], annotated: bytes | None) -> str:
        """Copy the upload and its reports to a fresh folder of the keep directory; returns its name."""
        assert self.settings.keep_dir is not None
        folder = self.settings.keep_dir / secrets.token_hex(8)
        folder.mkdir(parents=True)
        shutil.copyfile(path, folder / name)
        (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
        if annotated is not None:
            (folder / "annotated.pdf").write_bytes(annotated)
        return folder.name


# --- HTTP ----------------------------------------------------------------------------------------

class ReviewHandler(BaseHTTPRequestHandler):
    """GET / is the form, POST /check the report; nothing else is served."""

    server_version = "notices-review"
    sys_version = ""
    checker: Checker  # set on the subclass made by make_server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.split("?")[0] != "/":
            self.send_page(HTTPStatus.NOT_FOUND, page("Not found", "<p>Nothing here. <a href='/'>Upload a notice</a>.</p>"))
            return
        self.send_page(HTTPStatus.OK, upload_form(self.checker.settings, self.checker.document_types()))

    def do_POST(self) -> None:  # noqa: N802
        try:
            if self.path != "/check":
                raise UploadError(HTTPStatus.NOT_FOUND, "nothing to post here")
            fields = parse(self.read_body(), self.headers.get("Content-Type", ""))
            self.send_page(HTTPStatus.OK, self.checker.handle(fields))
        except UploadError as exc:
            self.refuse(exc.status, str(exc))
        except MultipartError as exc:
            self.refuse(HTTPStatus.BAD_REQUEST, str(exc))

    def read_body(self) -> bytes:
        """The whole body, refused before reading when it is over the limit or of unknown length."""
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise UploadError(HTTPStatus.LENGTH_REQUIRED, "the upload needs a Content-Length") from None
        limit = self.checker.settings.max_upload + 64 * 1024  # room for the form's other fields
        if length < 0 or length > limit:
            self.close_connection = True  # the unread body must not be parsed as a next request
            raise UploadError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                              f"the file is larger than {self.checker.settings.max_upload // (1024 * 1024)} MB")
        body = self.rfile.read(length)
        if len(body) != length:
            raise UploadError(HTTPStatus.BAD_REQUEST, "the upload was cut short")
        return body

    def refuse(self, status: HTTPStatus, message: str) -> None:
        body = f'<p class="error">{html.escape(message)}</p><p><a href="/">Back to the form</a></p>'
        self.send_page(status, page(f"{status.value} {status.phrase}", body))

    def send_page(self, status: HTTPStatus, content: str) -> None:
        data = content.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in SECURITY_HEADERS.items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Request lines only (method, path, status): never a file name or document text."""
        super().log_message(format, *args)


def make_server(host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> ThreadingHTTPServer:
    """A server bound to host:port (port 0 picks a free one), not yet serving."""
    handler = type("BoundReviewHandler", (ReviewHandler,), {"checker": Checker(settings or Settings())})
    server_class = ThreadingHTTPServer
    if ":" in host:  # an IPv6 literal such as ::1
        server_class = type("ReviewServer6", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
    server = server_class((host, port), handler)
    server.daemon_threads = True
    return server
