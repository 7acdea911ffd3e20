"""Real files for tests that upload evidence: images drawn with Pillow, a minimal PDF,
Word and Excel documents built as the Office Open XML zips they are. Other apps' tests
import these (chengnuo.evidence.tests.files)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (30.0, 15.0, 12.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (120.0, 9.0, 30.0),
}


def image_bytes(fmt: str = "JPEG", size=(64, 48), *, gps: bool = False,
                orientation: int | None = None, color="red") -> bytes:
    """An image in fmt; with gps, EXIF carrying a location and a camera make."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "TestCam"
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    out = io.BytesIO()
    image.save(out, fmt, **({"exif": exif} if len(exif) or gps else {}))
    return out.getvalue()


def image_upload(name: str = "照片.jpg", fmt: str = "JPEG", **kwargs) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")


def pdf_upload(name: str = "会议记录.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def office_bytes(kind: str = "docx", *, macro: bool = False) -> bytes:
    """A minimal Word (docx) or Excel (xlsx) package; macro adds a VBA project."""
    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
    suffix = ".macroEnabled.main+xml" if macro else ".main+xml"
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
             f'package/2006/content-types"><Override PartName="/{main}" ContentType='
             f'"application/vnd.test{suffix}"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(main, "<document/>")
        if macro:
            archive.writestr(main.split("/")[0] + "/vbaProject.bin", b"\x00" * 16)
    return out.getvalue()


def office_upload(name: str = "台账.docx", kind: str = "docx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, office_bytes(kind, **kwargs),
                              content_type="application/octet-stream")


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    """Anything under any name and claimed type: for forged files."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(root) -> list:
    """Every file under a storage directory."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
