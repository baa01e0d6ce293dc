"""Checking and cleaning uploaded files: type from content, size, metadata stripped."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from hubwork.practice.uploads import (
    DOCX,
    EVIDENCE_TYPES_MESSAGE,
    JPEG,
    PDF,
    PNG,
    PPTX,
    WEBP,
    XLSX,
    clean_upload,
    safe_name,
)

# File builders, shared with the other upload tests. ----------------------------------------


def jpeg_with_gps(*, orientation: int = 1, size: tuple[int, int] = (40, 30)) -> bytes:
    """A JPEG a phone might take: camera make, orientation, GPS position and a comment."""
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (52.0, 28.0, 59.0),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (1.0, 53.0, 39.0),
        }
    )
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif, comment=b"Jamie Smith's work")
    data = output.getvalue()
    assert_has_gps(data)
    return data


def assert_has_gps(data: bytes) -> None:
    exif = Image.open(io.BytesIO(data)).getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)


def assert_no_metadata(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert dict(exif) == {}
        assert ExifTags.IFD.GPSInfo not in exif
        assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "exif" not in image.info
        assert "comment" not in image.info
        assert "xmp" not in image.info
        image.verify()
    assert b"PhoneMaker" not in data
    assert b"Jamie" not in data


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jamie Smith")
    info.add_itxt("Description", "Year 4 class photo")
    output = io.BytesIO()
    Image.new("RGBA", (12, 8), (0, 128, 255, 200)).save(output, format="PNG", pnginfo=info)
    return output.getvalue()


def pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Jamie Smith", "/Title": "Fractions"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def office_file(folder: str, *, macros: bool = False) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
        if macros:
            archive.writestr(f"{folder}vbaProject.bin", b"\x00")
    return output.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# Images ------------------------------------------------------------------------------------


def test_jpeg_loses_exif_gps_and_comment_and_stays_upright():
    cleaned = clean_upload(upload("photo.jpeg", jpeg_with_gps(orientation=6)))
    data = cleaned.file.read()
    assert cleaned.content_type == JPEG
    assert cleaned.original_name == "photo.jpeg"
    assert cleaned.size == len(data)
    assert_no_metadata(data)
    # Orientation 6 means "rotate 90°": the pixels are turned so the photo stays upright.
    assert Image.open(io.BytesIO(data)).size == (30, 40)


def test_png_loses_its_text_chunks():
    cleaned = clean_upload(upload("board.png", png_with_text(), "image/png"))
    data = cleaned.file.read()
    assert cleaned.content_type == PNG
    with Image.open(io.BytesIO(data)) as image:
        assert image.info == {}
        assert image.mode == "RGBA"
    assert b"Jamie" not in data
    assert b"tEXt" not in data
    assert b"iTXt" not in data


def test_webp_is_accepted_and_re_encoded():
    output = io.BytesIO()
    image = Image.new("RGB", (10, 10), "blue")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    image.save(output, format="WEBP", exif=exif)
    cleaned = clean_upload(upload("work.webp", output.getvalue(), "image/webp"))
    assert cleaned.content_type == WEBP
    assert b"PhoneMaker" not in cleaned.file.read()


def test_type_comes_from_content_not_name_or_browser():
    cleaned = clean_upload(upload("notes.txt", png_with_text(), "text/plain"))
    assert cleaned.content_type == PNG
    assert cleaned.original_name == "notes.txt.png"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),  # a Windows program
        ("photo.jpg", b"Just some text pretending to be a photo."),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50),  # a broken JPEG
        ("anim.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_anything_else_is_refused(name, data):
    with pytest.raises(ValidationError) as error:
        clean_upload(upload(name, data))
    assert error.value.messages == [EVIDENCE_TYPES_MESSAGE]


def test_other_image_formats_are_refused():
    output = io.BytesIO()
    Image.new("RGB", (5, 5)).save(output, format="BMP")
    with pytest.raises(ValidationError, match="must be a JPG, PNG, WebP image or a PDF"):
        clean_upload(upload("picture.jpg", output.getvalue()))


def test_a_decompression_bomb_is_refused_cleanly():
    # A small file that claims 10,000 × 10,000 pixels (100 million).
    output = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(output, format="PNG")
    assert len(output.getvalue()) < 200_000
    with pytest.raises(ValidationError, match="fewer than 50 million pixels"):
        clean_upload(upload("bomb.png", output.getvalue(), "image/png"))


def test_too_big_a_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="must be smaller than 1 KB"):
        clean_upload(upload("big.pdf", b"%PDF-1.4" + b"\x00" * 2000))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        clean_upload(upload("empty.jpg", b""))


# PDFs --------------------------------------------------------------------------------------


def test_pdf_keeps_its_pages_and_loses_its_document_information():
    original = pdf_with_author()
    assert b"Jamie Smith" in original
    cleaned = clean_upload(upload("scan", original, "application/octet-stream"))
    data = cleaned.file.read()
    assert cleaned.content_type == PDF
    assert cleaned.original_name == "scan.pdf"
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.metadata is None or "/Author" not in reader.metadata
    assert b"Jamie Smith" not in data


def test_a_file_that_only_starts_like_a_pdf_is_refused():
    with pytest.raises(ValidationError, match="could not be read"):
        clean_upload(upload("fake.pdf", b"%PDF-1.7\nnot really a pdf at all"))


# Office files: outputs only ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "content_type"), [("word/", DOCX), ("ppt/", PPTX), ("xl/", XLSX)]
)
def test_office_files_are_accepted_for_outputs(folder, content_type):
    data = office_file(folder)
    cleaned = clean_upload(upload("plan.docx", data), allow_office=True)
    assert cleaned.content_type == content_type
    assert cleaned.original_name.endswith(
        {DOCX: ".docx", PPTX: ".pptx", XLSX: ".xlsx"}[content_type]
    )
    with pytest.raises(ValidationError, match="must be a JPG, PNG, WebP image or a PDF"):
        clean_upload(upload("plan.docx", data))


def test_office_files_with_macros_or_without_their_parts_are_refused():
    with pytest.raises(ValidationError, match="macros"):
        clean_upload(upload("plan.docm", office_file("word/", macros=True)), allow_office=True)
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError, match="Word, PowerPoint or Excel"):
        clean_upload(upload("plan.docx", plain_zip.getvalue()), allow_office=True)


# Names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("../../etc/passwd", PDF, "passwd.pdf"),
        ("C:\\Users\\me\\Desktop\\Lesson plan.PDF", PDF, "Lesson_plan.pdf"),
        ("<script>.jpg", JPEG, "script.jpg"),
        ("...", PNG, "file.png"),
        ("", JPEG, "file.jpg"),
        ("a" * 300 + ".png", PNG, "a" * 146 + ".png"),
    ],
)
def test_safe_name(name, content_type, expected):
    assert safe_name(name, content_type) == expected
