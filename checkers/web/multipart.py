"""A strict multipart/form-data parser for the upload form (the stdlib's `cgi` is gone in 3.13).

The body is read whole, after its Content-Length has been checked against the size limit, so
parsing works on bytes in memory and cannot be made to read more. Anything unexpected (no boundary,
a part without a name, too many parts, oversized headers) is refused with `MultipartError` rather
than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PARTS = 16
MAX_HEADER_BYTES = 4096
BOUNDARY = re.compile(r"^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$")


class MultipartError(ValueError):
    """The request body is not the form this app sends."""


@dataclass(frozen=True)
class Part:
    """One form field: its name, the uploaded file name (None for plain fields) and its bytes."""

    name: str
    filename: str | None
    content_type: str
    data: bytes


def header_params(value: str) -> tuple[str, dict[str, str]]:
    """`form-data; name="a"; filename="b.pdf"` -> ("form-data", {"name": "a", "filename": "b.pdf"})."""
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for match in re.finditer(r'\s*([A-Za-z0-9_*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)\s*;?', rest):
        key, raw = match.group(1).lower(), match.group(2).strip()
        if raw.startswith('"'):
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        params[key] = raw
    return main.strip().lower(), params


def boundary_of(content_type: str) -> bytes:
    kind, params = header_params(content_type)
    boundary = params.get("boundary", "")
    if kind != "multipart/form-data" or not BOUNDARY.match(boundary) or boundary.endswith(" "):
        raise MultipartError("expected multipart/form-data with a valid boundary")
    return boundary.encode("ascii")


def parse_part(chunk: bytes) -> Part:
    """One part between delimiters: headers, blank line, data."""
    if not chunk.startswith(b"\r\n"):
        chunk = chunk.lstrip(b" \t")  # transport padding after the delimiter
    if not chunk.startswith(b"\r\n"):
        raise MultipartError("malformed part delimiter")
    head, sep, data = chunk[2:].partition(b"\r\n\r\n")
    if not sep or len(head) > MAX_HEADER_BYTES:
        raise MultipartError("malformed or oversized part headers")
    headers: dict[str, str] = {}
    for line in head.decode("utf-8", "replace").split("\r\n"):
        key, colon, value = line.partition(":")
        if not colon:
            raise MultipartError("malformed part header")
        headers[key.strip().lower()] = value.strip()
    disposition, params = header_params(headers.get("content-disposition", ""))
    if disposition != "form-data" or not params.get("name"):
        raise MultipartError("part without a form-data name")
    return Part(params["name"], params.get("filename"), headers.get("content-type", "text/plain"), data)


def parse(body: bytes, content_type: str) -> dict[str, Part]:
    """The form's fields by name (the first of repeated names wins)."""
    delimiter = b"\r\n--" + boundary_of(content_type)
    chunks = (b"\r\n" + body).split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise MultipartError("body does not end with the closing delimiter")
    if len(chunks) - 2 > MAX_PARTS:
        raise MultipartError("too many form fields")
    fields: dict[str, Part] = {}
    for chunk in chunks[1:-1]:
        part = parse_part(chunk)
        fields.setdefault(part.name, part)
    return fields
