"""PDFs lose every script they carry, or are refused: a file is never stored uncleaned.

Scripts hide in many places in a PDF: actions on link annotations and form fields, the
document's open action, its named scripts, and additional actions (/AA) on the document, its
pages, annotations and fields. Each builder below puts a script in one of them, in its own
objects, so a cleaner that only cuts the reference would leave the script in the file.
"""

import io
from typing import cast

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from hubwork.practice.models import ClassroomTrial, Evidence
from hubwork.practice.tests.factories import ClassroomTrialFactory
from hubwork.practice.tests.test_uploads import upload
from hubwork.practice.uploads import PDF, clean_upload

pytestmark = pytest.mark.usefixtures("media")

SCRIPT = "app.alert('hostile script ran')"
LINK = "https://www.ncetm.org.uk/"


def name(text: str) -> NameObject:
    return NameObject(text)


def script_action(writer: PdfWriter) -> IndirectObject:
    """A JavaScript action in its own object, its script in another (a stream)."""
    script = StreamObject()
    script.set_data(SCRIPT.encode())
    return writer._add_object(
        DictionaryObject(
            {
                name("/Type"): name("/Action"),
                name("/S"): name("/JavaScript"),
                name("/JS"): writer._add_object(script),
            }
        )
    )


def link_annotation(writer: PdfWriter, action: IndirectObject | DictionaryObject) -> IndirectObject:
    return writer._add_object(
        DictionaryObject(
            {
                name("/Type"): name("/Annot"),
                name("/Subtype"): name("/Link"),
                name("/Rect"): ArrayObject([FloatObject(n) for n in (10, 10, 100, 30)]),
                name("/A"): action,
            }
        )
    )


def uri_action(then: IndirectObject | None = None) -> DictionaryObject:
    action = DictionaryObject({name("/S"): name("/URI"), name("/URI"): TextStringObject(LINK)})
    if then is not None:
        action[name("/Next")] = then
    return action


def finished(writer: PdfWriter) -> bytes:
    output = io.BytesIO()
    writer.write(output)
    data = output.getvalue()
    assert SCRIPT.encode() in data  # the builder really did put the script in
    return data


def pdf_with(where: str) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    root = writer.root_object
    if where == "link annotation":
        page[name("/Annots")] = ArrayObject([link_annotation(writer, script_action(writer))])
    elif where == "action after a link":
        action = uri_action(then=script_action(writer))
        page[name("/Annots")] = ArrayObject([link_annotation(writer, action)])
    elif where == "annotation additional actions":
        annotation = link_annotation(writer, uri_action())
        cast(DictionaryObject, annotation.get_object())[name("/AA")] = DictionaryObject(
            {name("/E"): script_action(writer)}
        )
        page[name("/Annots")] = ArrayObject([annotation])
    elif where == "open action":
        root[name("/OpenAction")] = script_action(writer)
    elif where == "named scripts":
        tree = DictionaryObject(
            {name("/Names"): ArrayObject([TextStringObject("hello"), script_action(writer)])}
        )
        root[name("/Names")] = writer._add_object(
            DictionaryObject({name("/JavaScript"): writer._add_object(tree)})
        )
    elif where == "page additional actions":
        page[name("/AA")] = DictionaryObject({name("/O"): script_action(writer)})
    elif where == "document additional actions":
        root[name("/AA")] = DictionaryObject({name("/WC"): script_action(writer)})
    elif where == "form field":
        field = writer._add_object(
            DictionaryObject(
                {
                    name("/FT"): name("/Btn"),
                    name("/T"): TextStringObject("Press"),
                    name("/Type"): name("/Annot"),
                    name("/Subtype"): name("/Widget"),
                    name("/Rect"): ArrayObject([FloatObject(n) for n in (10, 40, 100, 60)]),
                    name("/A"): script_action(writer),
                    name("/AA"): DictionaryObject({name("/K"): script_action(writer)}),
                }
            )
        )
        page[name("/Annots")] = ArrayObject([field])
        root[name("/AcroForm")] = DictionaryObject({name("/Fields"): ArrayObject([field])})
    else:
        raise AssertionError(where)
    return finished(writer)


def assert_no_script(data: bytes) -> None:
    assert b"/JavaScript" not in data
    assert b"/JS" not in data
    assert SCRIPT.encode() not in data


PLACES = [
    "link annotation",
    "action after a link",
    "annotation additional actions",
    "open action",
    "named scripts",
    "page additional actions",
    "document additional actions",
    "form field",
]


@pytest.mark.parametrize("where", PLACES)
def test_every_script_and_its_objects_are_removed(where):
    cleaned = clean_upload(upload("worksheet.pdf", pdf_with(where), PDF))
    data = cleaned.file.read()
    assert cleaned.content_type == PDF
    assert_no_script(data)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_an_ordinary_link_keeps_working():
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    page[name("/Annots")] = ArrayObject([link_annotation(writer, uri_action())])
    output = io.BytesIO()
    writer.write(output)
    cleaned = clean_upload(upload("links.pdf", output.getvalue(), PDF))
    page = PdfReader(io.BytesIO(cleaned.file.read())).pages[0]
    (annotation,) = cast(ArrayObject, page["/Annots"])
    action = cast(DictionaryObject, annotation.get_object())["/A"]
    assert cast(DictionaryObject, action)["/URI"] == LINK


def test_a_stored_pdf_evidence_file_carries_no_script(client, member, work_group, media):
    trial: ClassroomTrial = ClassroomTrialFactory.create(
        author=member, work_group=work_group, gap_task=None, own_idea="Number talks"
    )
    client.force_login(member)
    response = client.post(
        f"/my/trials/{trial.pk}/evidence/",
        {"evidence": [upload("worksheet.pdf", pdf_with("link annotation"), PDF)]},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    stored = (media / evidence.file.name).read_bytes()
    assert_no_script(stored)


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written by hand, object by object, with its cross-reference table."""
    data = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(data)
    data += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    data += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    data += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    return data + f"startxref\n{xref}\n%%EOF\n".encode()


def pdf_that_cannot_be_rewritten() -> bytes:
    """Its pages read, but an object nested too deep stops it being rewritten."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Extra 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"[" * 5000 + b"]" * 5000,
        ]
    )


def test_a_pdf_that_cannot_be_rewritten_is_refused_not_kept_as_sent():
    data = pdf_that_cannot_be_rewritten()
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    with pytest.raises(ValidationError, match="could not be checked"):
        clean_upload(upload("scan.pdf", data, PDF))


@pytest.mark.parametrize(
    "data", [pdf_that_cannot_be_rewritten(), b"%PDF-1.7\n" + b"\x00\xff garbage " * 200]
)
def test_a_pdf_that_cannot_be_cleaned_gets_a_message_and_nothing_is_stored(
    client, member, work_group, media, data
):
    trial = ClassroomTrialFactory.create(
        author=member, work_group=work_group, gap_task=None, own_idea="Number talks"
    )
    client.force_login(member)
    response = client.post(
        f"/my/trials/{trial.pk}/evidence/", {"evidence": [upload("scan.pdf", data, PDF)]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_evidence_error"' in html
    assert "Save it again as a PDF and try again." in html
    assert not Evidence.objects.exists()
    assert [path for path in media.rglob("*") if path.is_file()] == []
