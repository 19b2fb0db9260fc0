"""The web app without a browser: multipart parsing, limits, refusals, and that uploads are not kept."""

from __future__ import annotations

import http.client
import threading
from pathlib import Path

import pytest

from checkers.commands.serve import is_loopback
from checkers.web.app import Settings, make_server, safe_name
from checkers.web.multipart import MultipartError, parse

GOLDEN = Path(__file__).resolve().parent / "golden"
CT = "multipart/form-data; boundary=XyZ"


def body(*parts: tuple[str, str | None, bytes]) -> bytes:
    out = b""
    for name, filename, data in parts:
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--XyZ\r\nContent-Disposition: {disp}\r\n\r\n".encode() + data + b"\r\n"
    return out + b"--XyZ--\r\n"


def test_parse_fields_and_file_bytes_exactly():
    data = b"%PDF-1.4 --XyZ mid-line is not a delimiter\r\n\x00\xff\r\n"
    fields = parse(body(("document", "a.pdf", data), ("keep", None, b"1")), CT)
    assert fields["document"].filename == "a.pdf" and fields["document"].data == data
    assert fields["keep"].data == b"1" and fields["keep"].filename is None


@pytest.mark.parametrize("raw, ctype", [
    (b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n", CT),  # no closing delimiter
    (b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n", CT),  # no name
    (b"--XyZ\r\nno header line\r\n\r\nx\r\n--XyZ--\r\n", CT),
    (b"", "text/plain"),
    (body(*[(f"f{i}", None, b"x") for i in range(40)]), CT),  # too many parts
])
def test_parse_refuses_malformed(raw, ctype):
    with pytest.raises(MultipartError):
        parse(raw, ctype)


def test_safe_name():
    assert safe_name("C:\\Users\\x\\..\\notice <1>.pdf") == "notice _1_.pdf"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("") == "upload"


def test_loopback_only_by_default():
    assert is_loopback("127.0.0.1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0")


@pytest.fixture
def server(tmp_path):
    srv = make_server("127.0.0.1", 0, Settings(max_upload=200_000, keep_dir=tmp_path / "kept"))
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def post(srv, data: bytes, ctype: str = CT) -> tuple[int, str]:
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=60)
    conn.request("POST", "/check", body=data, headers={"Content-Type": ctype})
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8")


def test_refusals(server):
    assert post(server, body(("document", "n.txt", b"hello")))[0] == 415
    assert post(server, body(("document", "n.pdf", b"x" * 300_000)))[0] == 413
    assert post(server, b"garbage", "text/plain")[0] == 400
    assert post(server, body(("keep", None, b"1")))[0] == 400


def test_upload_is_deleted_unless_kept(server, tmp_path, monkeypatch):
    import tempfile

    seen: list[str] = []
    real = tempfile.TemporaryDirectory

    def spy(*args, **kwargs):
        made = real(*args, **kwargs)
        seen.append(made.name)
        return made

    monkeypatch.setattr(tempfile, "TemporaryDirectory", spy)
    pdf = (GOLDEN / "grievance-decision.pdf").read_bytes()
    status, page = post(server, body(("document", "gd.pdf", pdf)))
    assert status == 200 and "noncompliant" in page and "deleted from the server" in page
    assert seen and not any(Path(p).exists() for p in seen)
    assert not (tmp_path / "kept").exists()
    status, page = post(server, body(("document", "gd.pdf", pdf), ("keep", None, b"1")))
    kept = list((tmp_path / "kept").iterdir())
    assert status == 200 and len(kept) == 1
    assert sorted(p.name for p in kept[0].iterdir()) == ["annotated.pdf", "gd.pdf", "report.json"]
