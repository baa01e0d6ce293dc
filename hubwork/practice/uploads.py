"""Checks and cleans every file uploaded as trial evidence or as an output, and makes the
previews that evidence is shown with.

The type is decided from the file's content, never from its name or the browser's content
type. Images are re-encoded from their pixels alone, so nothing the camera wrote (EXIF with
GPS position, XMP, comments, PNG text chunks) reaches storage; PDFs are rewritten without
their document information, XMP metadata, scripts and running actions, or refused when
they cannot be. Office files are accepted for outputs only, checked for the right
structure and refused with macros.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Shown in the browser; everything else downloads as an attachment.
INLINE_TYPES = frozenset({JPEG, PNG, WEBP, PDF})
# The extensions a stored name may keep for each type; the first is used otherwise.
EXTENSIONS = {
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    WEBP: (".webp",),
    PDF: (".pdf",),
    DOCX: (".docx",),
    PPTX: (".pptx",),
    XLSX: (".xlsx",),
}
PILLOW_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}
# A 48-megapixel phone photo fits; a decompression bomb (a small file that unpacks into
# billions of pixels) is refused before its pixels are read.
MAX_IMAGE_PIXELS = 50_000_000
# An Office file is a zip: refuse one that unpacks into far more than it weighs.
MAX_OFFICE_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_OFFICE_PARTS = 5_000
OFFICE_FOLDERS = {"word/": DOCX, "ppt/": PPTX, "xl/": XLSX}
MAX_NAME_LENGTH = 150

EVIDENCE_TYPES_MESSAGE = "The file must be a JPG, PNG, WebP image or a PDF."
OUTPUT_TYPES_MESSAGE = (
    "The file must be a JPG, PNG, WebP image, a PDF, or a Word, PowerPoint or Excel file "
    "(DOCX, PPTX, XLSX)."
)


@dataclass(frozen=True)
class CleanedUpload:
    """A checked file, ready to store: cleaned content, its real type and a safe name."""

    file: ContentFile[bytes]
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return self.file.size


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def clean_upload(upload: UploadedFile, *, allow_office: bool = False) -> CleanedUpload:
    """Check `upload` and return it cleaned, or raise ValidationError with a plain message."""
    types_message = OUTPUT_TYPES_MESSAGE if allow_office else EVIDENCE_TYPES_MESSAGE
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            f"The file must be smaller than {describe_size(limit)}.", code="too_big"
        )
    if upload.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    upload.seek(0)
    data = upload.read()
    if len(data) > limit:
        raise ValidationError(
            f"The file must be smaller than {describe_size(limit)}.", code="too_big"
        )
    if data.startswith(b"%PDF-"):
        content, content_type = _clean_pdf(data), PDF
    elif data.startswith(b"PK\x03\x04") and allow_office:
        content, content_type = data, _office_type(data, types_message)
    else:
        content, content_type = _clean_image(data, types_message)
    name = safe_name(upload.name or "", content_type)
    return CleanedUpload(
        file=ContentFile(content, name=name), content_type=content_type, original_name=name
    )


def safe_name(name: str, content_type: str) -> str:
    """The original name without any folders or odd characters, ending as its type does."""
    base = PurePath(name.replace("\\", "/")).name
    path = PurePath(get_valid_filename(base.strip()) if base.strip(" .") else "file")
    stem, suffix = path.stem or "file", path.suffix.lower()
    allowed = EXTENSIONS[content_type]
    extension = suffix if suffix in allowed else allowed[0]
    if suffix and suffix not in allowed:
        stem = path.name  # "notes.txt" that is really a PDF becomes "notes.txt.pdf"
    return stem[: MAX_NAME_LENGTH - len(extension)] + extension


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        f"The image is too large: it must have fewer than {MAX_IMAGE_PIXELS // 1_000_000} "
        "million pixels. Make it smaller and try again.",
        code="too_many_pixels",
    )


def _clean_image(data: bytes, types_message: str) -> tuple[bytes, str]:
    formats = list(PILLOW_FORMATS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=formats) as image:
                image.verify()
            # verify() leaves the image unusable, so open it again to read the pixels.
            with Image.open(io.BytesIO(data), formats=formats) as image:
                content_type = PILLOW_FORMATS[image.format or ""]
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image.load()
                return _pixels_only(image, content_type), content_type
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, KeyError) as error:
        raise ValidationError(types_message, code="type") from error


def _pixels_only(image: Image.Image, content_type: str) -> bytes:
    """Re-encode from the pixels alone: upright as the camera meant, and nothing else."""
    upright = ImageOps.exif_transpose(image) or image
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    if content_type == JPEG:
        mode = "L" if upright.mode in ("L", "1") else "RGB"
    elif upright.mode in ("RGB", "RGBA", "L", "LA"):
        mode = upright.mode
    else:
        mode = "RGBA" if has_alpha else "RGB"
    converted = upright.convert(mode) if upright.mode != mode else upright
    # A new image from raw pixels carries no info at all: no EXIF, XMP, ICC, comments or
    # text chunks can survive, whatever the encoder would otherwise copy across.
    clean = Image.frombytes(mode, converted.size, converted.tobytes())
    output = io.BytesIO()
    if content_type == JPEG:
        clean.save(output, format="JPEG", quality=90, optimize=True)
    elif content_type == PNG:
        clean.save(output, format="PNG", optimize=True)
    else:
        clean.save(output, format="WEBP", quality=90)
    return output.getvalue()


# Evidence previews fit this box (twice the size they are shown at, for sharp screens).
PREVIEW_BOX = (320, 240)


@dataclass(frozen=True)
class Preview:
    """What a page shows in place of a bare file name: a small JPEG of an image or of a PDF's
    first page, and a PDF's number of pages."""

    image: ContentFile[bytes] | None = None
    width: int | None = None
    height: int | None = None
    page_count: int | None = None


def make_preview(cleaned: CleanedUpload) -> Preview:
    """A preview of a file `clean_upload` has checked; an empty one if it cannot be made."""
    cleaned.file.seek(0)
    data = cleaned.file.read()
    try:
        if cleaned.content_type == PDF:
            return _pdf_preview(data)
        if cleaned.content_type in PILLOW_FORMATS.values():
            with Image.open(io.BytesIO(data), formats=list(PILLOW_FORMATS)) as image:
                image.draft("RGB", PREVIEW_BOX)  # a JPEG decodes at a fraction of its size
                return _small_jpeg(image)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return Preview()


def _pdf_preview(data: bytes) -> Preview:
    """The number of pages (pypdf), and a picture of the first page drawn by PDFium (Chrome's
    PDF engine, built without JavaScript). A page PDFium cannot draw leaves the count alone."""
    page_count = len(PdfReader(io.BytesIO(data)).pages)
    try:
        document = pdfium.PdfDocument(data)
        try:
            page = document[0]
            width, height = page.get_size()
            scale = min(PREVIEW_BOX[0] / width, PREVIEW_BOX[1] / height)
            # A copy of the pixels: the bitmap's memory goes with the document.
            drawn = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            document.close()
    except (pdfium.PdfiumError, ValueError, ZeroDivisionError, OSError):
        return Preview(page_count=page_count)
    preview = _small_jpeg(drawn)
    return Preview(
        image=preview.image, width=preview.width, height=preview.height, page_count=page_count
    )


def _small_jpeg(image: Image.Image) -> Preview:
    """Fit `image` in the preview box, transparent parts on white, as a JPEG made from the
    pixels alone (so it carries no metadata whatever the original had)."""
    small = image.convert("RGBA")
    small.thumbnail(PREVIEW_BOX, Image.Resampling.LANCZOS)
    flat = Image.new("RGB", small.size, "white")
    flat.paste(small, mask=small.getchannel("A"))
    clean = Image.frombytes("RGB", flat.size, flat.tobytes())
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=80, optimize=True)
    return Preview(
        image=ContentFile(output.getvalue(), name="preview.jpg"),
        width=clean.width,
        height=clean.height,
    )


# Actions that run something rather than go somewhere: scripts, and programs or files opened
# by the viewer. Links (/URI, /GoTo) keep working.
RUNNING_ACTIONS = frozenset({"/JavaScript", "/Launch", "/Rendition", "/ImportData"})
# Keys whose values are scripts or run on their own: additional actions (on the document,
# pages, annotations and form fields), the action run on opening, named scripts, scripts in
# actions, XFA forms (which carry scripts), and XMP metadata.
RUNNING_KEYS = frozenset({"/AA", "/OpenAction", "/JavaScript", "/JS", "/XFA", "/Metadata"})
PDF_UNCHECKABLE = "The PDF could not be checked. Save it again as a PDF and try again."


def _clean_pdf(data: bytes) -> bytes:
    """Check pypdf can read the PDF, then rewrite it without its metadata and anything that
    runs: every script and running action is cut from the document before it is rewritten,
    and the rewrite keeps only the objects still reachable from the document, so no script
    is left behind in objects nothing points to. A PDF that cannot be cleaned is refused,
    never kept as it was sent."""
    unreadable = ValidationError(
        "The PDF could not be read. Save it again as a PDF and try again.", code="pdf"
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                "The PDF is protected with a password. Save a copy without one and try again.",
                code="pdf_password",
            )
        if len(reader.pages) == 0:
            raise unreadable
    except ValidationError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise unreadable from error
    try:
        _cut_running_parts(reader.root_object)
        writer = PdfWriter(clone_from=reader)  # copies what the document still reaches
        writer.metadata = None
        output = io.BytesIO()
        writer.write(output)
        cleaned = output.getvalue()
        # Read back what will be stored: anything that runs still in it refuses the file.
        if _cut_running_parts(PdfReader(io.BytesIO(cleaned)).root_object):
            raise ValueError("a script survived cleaning")
    except Exception as error:  # whatever stops the cleaning, the file is refused
        raise ValidationError(PDF_UNCHECKABLE, code="pdf_uncheckable") from error
    return cleaned


def _is_running_action(value: PdfObject) -> bool:
    action = value.get_object()
    return isinstance(action, DictionaryObject) and action.get("/S") in RUNNING_ACTIONS


def _cut_running_parts(root: PdfObject) -> int:
    """Remove every script and running action from the objects reachable from `root`, in
    place; return how many were removed. Walks every dictionary and array once."""
    removed = 0
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            resolved = item.get_object()
            if resolved is None:
                continue
            item = resolved
        if isinstance(item, DictionaryObject):  # streams too: their dictionaries
            for key in list(item.keys()):
                value = item.raw_get(key)
                if key in RUNNING_KEYS or _is_running_action(value):
                    del item[key]
                    removed += 1
                else:
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            kept = [value for value in item if not _is_running_action(value)]
            if len(kept) != len(item):
                removed += len(item) - len(kept)
                item[:] = kept
            stack.extend(kept)
    return removed


def _office_type(data: bytes, types_message: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            names = {part.filename for part in parts}
            content_types = (
                archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            )
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as error:
        raise ValidationError(types_message, code="type") from error
    if not content_types:
        raise ValidationError(types_message, code="type")
    if len(parts) > MAX_OFFICE_PARTS or (
        sum(part.file_size for part in parts) > MAX_OFFICE_UNPACKED_BYTES
    ):
        raise ValidationError("The file is too large once unpacked.", code="zip_bomb")
    if any(name.lower().endswith("vbaproject.bin") for name in names) or (
        b"macroEnabled" in content_types
    ):
        raise ValidationError(
            "The file contains macros. Save a copy without macros (DOCX, PPTX or XLSX) and "
            "try again.",
            code="macros",
        )
    found = {
        content_type
        for folder, content_type in OFFICE_FOLDERS.items()
        if any(name.startswith(folder) for name in names)
    }
    if len(found) != 1:
        raise ValidationError(types_message, code="type")
    return found.pop()
