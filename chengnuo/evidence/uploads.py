"""Checking uploaded evidence by what it is, not by what it is called.

The name and the browser's content type are the uploader's claims; only the bytes count.
Images (JPEG, PNG, WebP) are decoded with Pillow and re-encoded from their pixels, which
drops everything else the file carried: GPS position, camera and owner in EXIF/XMP, ICC
profiles, trailing bytes. Documents (PDF, Word .docx, Excel .xlsx) are kept as uploaded
once their structure matches their type; macro-enabled and encrypted ones are refused.
"""

import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import Kind

MB = 1024 * 1024
LONG_SIDE = 2000
JPEG_QUALITY = 85

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What the file chooser offers; the server decides again from the content.
ACCEPT = ",".join(["image/jpeg", "image/png", "image/webp", "application/pdf", DOCX, XLSX,
                   ".jpg", ".jpeg", ".png", ".webp", ".pdf", ".docx", ".xlsx"])

IMAGE_FORMATS = {  # Pillow format: (content type, extension)
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}

# Names a file of each stored extension may carry. Content decides the type; a name that
# claims another allowed type is a lie worth refusing (a PDF called photo.png).
NAME_ALIASES = {
    "jpg": {"jpg", "jpeg", "jpe", "jfif"},
    "png": {"png"},
    "webp": {"webp"},
    "pdf": {"pdf"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
}
KNOWN_NAMES = set().union(*NAME_ALIASES.values())

NOT_ALLOWED = _("%(name)s: the file's content is not an allowed image or document type")


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed: the bytes to store (re-encoded for images) and what they are."""

    original_name: str
    kind: str
    content_type: str
    extension: str
    data: bytes
    width: int | None = None
    height: int | None = None


def max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", 10 * MB)


def max_files() -> int:
    return getattr(settings, "EVIDENCE_MAX_FILES", 6)


def max_pixels() -> int:
    # Decompression bombs: a few kilobytes of PNG can claim a gigapixel canvas.
    return getattr(settings, "EVIDENCE_MAX_PIXELS", 40_000_000)


def check_uploads(uploads) -> list[CheckedFile]:
    """Check every upload; one ValidationError naming each refused file and why, or the
    checked files in the order given. Nothing is stored here."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > max_files():
        raise ValidationError(_("At most %(limit)s files can be uploaded at once."),
                              code="too_many", params={"limit": max_files()})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return checked


def check_upload(upload) -> CheckedFile:
    """One upload checked by content; ValidationError saying which file and why."""
    name = display_name(getattr(upload, "name", "") or "")
    params = {"name": name}
    if upload.size is not None and upload.size > max_bytes():
        raise _too_large(name)
    upload.seek(0)
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise _too_large(name)
    if not data:
        raise ValidationError(_("%(name)s: the file is empty"), code="empty", params=params)
    if _looks_like_image(data):
        checked = _checked_image(name, data)
    elif data.startswith(b"%PDF-"):
        checked = _checked_pdf(name, data)
    elif data.startswith(b"PK\x03\x04"):
        checked = _checked_office(name, data)
    else:
        raise ValidationError(NOT_ALLOWED, code="type", params=params)
    _check_name_matches(checked)
    return checked


def _check_name_matches(checked: CheckedFile) -> None:
    """A name ending in an allowed type must be the type the content is; names without a
    known ending (a phone's "image", a scanner's "scan 001") are judged by content only."""
    claimed = PurePath(checked.original_name).suffix.lower().lstrip(".")
    if claimed in KNOWN_NAMES and claimed not in NAME_ALIASES[checked.extension]:
        raise ValidationError(
            _("%(name)s: the file's content does not match its name (it is a %(actual)s "
              "file)"), code="mismatch",
            params={"name": checked.original_name, "actual": checked.extension.upper()})


def display_name(name: str) -> str:
    """The uploader's file name without any directory part, short enough to store."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "file"
    return base[-200:]


def _too_large(name: str) -> ValidationError:
    return ValidationError(_("%(name)s: the file is larger than %(limit)s MB"), code="size",
                           params={"name": name, "limit": max_bytes() // MB})


def _looks_like_image(data: bytes) -> bool:
    return (data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")
            or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"))


def _checked_image(name: str, data: bytes) -> CheckedFile:
    params = {"name": name}
    damaged = ValidationError(_("%(name)s: the image is damaged or incomplete"),
                              code="damaged", params=params)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise ValidationError(NOT_ALLOWED, code="type", params=params)
                if probe.width * probe.height > max_pixels():
                    raise _too_many_pixels(name)
                probe.verify()
            # verify() leaves the image unusable; decode it afresh to get the pixels.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                fmt = image.format
                clean = _clean_pixels(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise damaged from None
    content_type, extension = IMAGE_FORMATS[fmt]
    return CheckedFile(original_name=name, kind=Kind.IMAGE, content_type=content_type,
                       extension=extension, data=_encode(clean, fmt),
                       width=clean.width, height=clean.height)


def _too_many_pixels(name: str) -> ValidationError:
    return ValidationError(_("%(name)s: the image has too many pixels (at most %(limit)s "
                             "million)"), code="pixels",
                           params={"name": name, "limit": max_pixels() // 1_000_000})


def _clean_pixels(image: Image.Image) -> Image.Image:
    """Upright, at most LONG_SIDE px, and a new image built from pixels alone: nothing of
    the original's metadata (EXIF, XMP, ICC, text chunks) can ride along."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=JPEG_QUALITY)
    return out.getvalue()


def _checked_pdf(name: str, data: bytes) -> CheckedFile:
    params = {"name": name}
    if b"%%EOF" not in data[-1024:]:
        raise ValidationError(_("%(name)s: the PDF is incomplete"), code="damaged",
                              params=params)
    if b"/Encrypt" in data:
        raise _encrypted(name)
    # Opened inline in the browser: a document that runs scripts or launches programs
    # is not evidence anyone needs.
    if b"/JavaScript" in data or b"/Launch" in data:
        raise ValidationError(_("%(name)s: PDF files with scripts are not accepted"),
                              code="active", params=params)
    return CheckedFile(original_name=name, kind=Kind.DOCUMENT, content_type="application/pdf",
                       extension="pdf", data=data)


def _encrypted(name: str) -> ValidationError:
    return ValidationError(_("%(name)s: encrypted or password-protected files are not "
                             "accepted"), code="encrypted", params={"name": name})


def _checked_office(name: str, data: bytes) -> CheckedFile:
    params = {"name": name}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            # A zip bomb expands far beyond the upload limit; a real document does not.
            if sum(entry.file_size for entry in entries) > 20 * max_bytes():
                raise ValidationError(NOT_ALLOWED, code="type", params=params)
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise _encrypted(name)
            if "[Content_Types].xml" not in names:
                raise ValidationError(NOT_ALLOWED, code="type", params=params)
            types = archive.read("[Content_Types].xml")
            if (any(n.lower().endswith("vbaproject.bin") for n in names)
                    or b"macroEnabled" in types):
                raise ValidationError(_("%(name)s: documents with macros are not accepted"),
                                      code="macro", params=params)
            if archive.testzip() is not None:
                raise ValidationError(_("%(name)s: the document is damaged"),
                                      code="damaged", params=params)
    except zipfile.BadZipFile:
        raise ValidationError(_("%(name)s: the document is damaged"), code="damaged",
                              params=params) from None
    if "word/document.xml" in names:
        content_type, extension = DOCX, "docx"
    elif "xl/workbook.xml" in names:
        content_type, extension = XLSX, "xlsx"
    else:
        raise ValidationError(NOT_ALLOWED, code="type", params=params)
    return CheckedFile(original_name=name, kind=Kind.DOCUMENT, content_type=content_type,
                       extension=extension, data=data)
