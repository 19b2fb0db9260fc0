"""Crafted templates cannot escape the Jinja sandbox or exhaust the machine; hostile case data
always gives a valid DOCX."""

from __future__ import annotations

import copy
import io
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError

from notices.rendering import Renderer, docx_text, jinja_environment
from notices.samples import load_sample, sample_files
from notices.validation import validate

ESCAPES = {
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals via cycler": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "attr filter": "{{ ''|attr('__class__') }}",
    "format string": "{{ '{0.__class__}'.format('') }}",
    "case object internals": "{{ member.__class__.__init__.__globals__ }}",
    "template reference": "{{ self.__dict__ }}",
    "import": "{% import 'os' as os %}{{ os }}",
    "include a file": "{% include '/etc/passwd' %}",
    "from import": "{% from 'subprocess' import run %}",
    "repetition bomb": "{{ 'x' * 10000000000 }}",
    "padding bomb": "{{ 'x'|center(10000000000) }}",
    "method padding bomb": "{{ 'x'.ljust(10000000000) }}",
    "lipsum": "{{ lipsum(n=100000000) }}",
    "huge power": "{{ 10 ** 1000000 }}",
    "huge range": "{% for i in range(10**9) %}{% endfor %}",
}


class Member:
    name = "Jane"


def _template(body: str) -> DocxTemplate:
    doc = Document()
    doc.add_paragraph(body)
    buf = io.BytesIO()
    doc.save(buf)
    return DocxTemplate(io.BytesIO(buf.getvalue()))


@pytest.mark.parametrize("body", list(ESCAPES.values()), ids=list(ESCAPES))
def test_crafted_template_fails_in_the_sandbox(body: str) -> None:
    with pytest.raises((SecurityError, OverflowError)) as exc:
        _template(body).render({"member": Member()}, jinja_env=jinja_environment(), autoescape=True)
    assert str(exc.value)  # a clear message: what was refused


def test_ordinary_template_still_renders() -> None:
    tpl = _template("Dear {{ member.name }}, {{ 'ab' * 3 }} {{ 2 ** 10 }} {{ 'x'|center(9) }}")
    tpl.render({"member": Member()}, jinja_env=jinja_environment(), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    assert "Dear Jane, ababab 1024 " + "x".center(9) in docx_text(buf.getvalue())


HOSTILE = [
    '<w:t>&amp; </w:p> ]]> {{ x }} {% if %} "q" \'a\'',
    "tab\tnew\nline\r\x0bvt\x0cff",
    "\u202eRTL override \u200f עברית عربى",
    "中文 日本語 한국어 𠀀 🩺",
]


@pytest.mark.parametrize("value", HOSTILE + ["".join(HOSTILE) * 80], ids=["markup", "controls", "rtl", "cjk", "long"])
def test_hostile_case_data_gives_a_valid_docx(value: str) -> None:
    path = next(p for p in sample_files() if p.name == "adverse_determination.prospective.yaml")
    data = copy.deepcopy(load_sample(path))
    long_value = (value * (10_000 // len(value) + 1))[:10_000]
    data["member"]["name"] = value
    data["determination"]["failed_criteria"] = long_value
    case, refusals = validate("adverse_determination", data)
    assert case is not None, [r.message() for r in refusals]
    blob = Renderer().render("adverse_determination", case)
    Document(io.BytesIO(blob))
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        assert archive.testzip() is None
    text = docx_text(blob)
    assert "Dear" in text or "member" in text.lower()
    for word in ("RTL override", "中文", "]]>", "vt"):
        if word in value:
            assert word in text
