import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from chengnuo.evidence.uploads import DOCX, XLSX, check_upload, check_uploads

from .files import (
    PDF,
    image_bytes,
    image_upload,
    office_upload,
    pdf_upload,
    upload,
)


def refusal(file) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(file)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize(("fmt", "name", "content_type"), [
    ("JPEG", "照片.jpg", "image/jpeg"),
    ("PNG", "截图.png", "image/png"),
    ("WEBP", "photo.webp", "image/webp"),
])
def test_real_images_are_accepted_as_what_they_are(fmt, name, content_type):
    checked = check_upload(image_upload(name, fmt))
    assert (checked.kind, checked.content_type) == ("image", content_type)
    assert (checked.width, checked.height) == (64, 48)


def test_documents_are_accepted_as_what_they_are():
    assert check_upload(pdf_upload()).content_type == "application/pdf"
    assert check_upload(office_upload("台账.docx")).content_type == DOCX
    assert check_upload(office_upload("统计.xlsx", kind="xlsx")).content_type == XLSX


def test_a_real_spreadsheet_from_openpyxl_is_accepted():
    from openpyxl import Workbook

    book, out = Workbook(), io.BytesIO()
    book.active["A1"] = "走访户数"
    book.save(out)
    assert check_upload(upload("走访.xlsx", out.getvalue())).extension == "xlsx"


def test_html_named_jpg_is_refused_naming_the_file_in_chinese():
    message = refusal(upload("照片.jpg", b"<html><script>alert(1)</script></html>"))
    assert message == "照片.jpg：文件内容不是允许的图片或文件类型"


def test_an_executable_named_jpg_is_refused():
    assert "文件内容不是允许的" in refusal(upload("照片.jpg", b"MZ\x90\x00" + b"\x00" * 200))


def test_a_pdf_named_png_is_refused_for_lying_about_its_type():
    assert refusal(upload("照片.png", PDF, "image/png")) == (
        "照片.png：文件内容与文件名不符（实际是 PDF 文件）")


def test_a_file_without_a_known_ending_is_judged_by_content():
    assert check_upload(upload("image", image_bytes())).content_type == "image/jpeg"


def test_a_jpeg_header_followed_by_junk_is_refused_as_damaged():
    assert "图片已损坏或不完整" in refusal(upload("坏.jpg", b"\xff\xd8\xff\xe0" + b"x" * 500))


def test_a_truncated_jpeg_is_refused():
    data = image_bytes(size=(400, 300))
    assert "图片已损坏或不完整" in refusal(upload("半张.jpg", data[: len(data) // 2]))


def test_an_image_with_too_many_pixels_is_refused_before_decoding(settings):
    settings.EVIDENCE_MAX_PIXELS = 1_000_000
    assert "图片像素过多" in refusal(image_upload("大.png", "PNG", size=(1200, 1000)))


def test_a_decompression_bomb_png_is_refused():
    # 20000 x 20000 one-bit pixels compress to a few kilobytes.
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    assert len(out.getvalue()) < 200_000
    assert "图片像素过多" in refusal(upload("炸弹.png", out.getvalue(), "image/png"))


def test_an_oversize_file_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    big = upload("大.pdf", PDF[:-7] + b"0" * (1024 * 1024) + b"\n%%EOF\n", "application/pdf")
    assert refusal(big) == "大.pdf：文件超过 1 MB"


def test_an_empty_file_is_refused():
    assert refusal(upload("空.pdf", b"")) == "空.pdf：文件是空的"


def test_a_pdf_without_its_end_marker_is_refused():
    assert "PDF 文件不完整" in refusal(pdf_upload(data=PDF.replace(b"%%EOF", b"")))


def test_a_pdf_with_javascript_is_refused():
    data = PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript >>")
    assert "不接受含脚本的 PDF" in refusal(pdf_upload(data=data))


def test_an_encrypted_pdf_is_refused():
    data = PDF.replace(b"trailer <<", b"trailer << /Encrypt 3 0 R")
    assert "不接受加密" in refusal(pdf_upload(data=data))


def test_a_macro_enabled_document_is_refused():
    assert "不接受含宏的文件" in refusal(office_upload("宏.docx", macro=True))


def test_an_encrypted_office_document_is_refused():
    # Password-protected Office files are OLE compound files, not zips.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    assert "文件内容不是允许的" in refusal(upload("加密.docx", ole))


def test_a_zip_that_is_not_an_office_document_is_refused():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "文件内容不是允许的" in refusal(upload("资料.docx", out.getvalue()))


def test_a_broken_zip_is_refused_as_damaged():
    assert "文件已损坏" in refusal(upload("坏.docx", b"PK\x03\x04" + b"\x00" * 100))


def test_too_many_files_at_once_are_refused(settings):
    settings.EVIDENCE_MAX_FILES = 2
    with pytest.raises(ValidationError) as caught:
        check_uploads([image_upload(), image_upload(), image_upload()])
    assert caught.value.messages == ["一次最多上传 2 个文件。"]


def test_every_refused_file_is_named_in_one_error():
    with pytest.raises(ValidationError) as caught:
        check_uploads([image_upload("好.jpg"), upload("一.jpg", b"<html>"),
                       upload("二.png", PDF)])
    assert [m.split("：")[0] for m in caught.value.messages] == ["一.jpg", "二.png"]


def test_a_directory_in_the_name_is_dropped():
    assert check_upload(image_upload("../../etc/照片.jpg")).original_name == "照片.jpg"
    assert check_upload(image_upload("C:\\Users\\王\\照片.jpg")).original_name == "照片.jpg"


def test_images_are_re_encoded_without_metadata_and_upright():
    checked = check_upload(image_upload(gps=True, orientation=6))
    stored = Image.open(io.BytesIO(checked.data))
    assert not stored.getexif() and "exif" not in stored.info
    assert "icc_profile" not in stored.info
    # Orientation 6 means "turn a quarter right to view": the stored image is upright.
    assert stored.size == (48, 64)


def test_large_images_are_downscaled_to_2000_pixels_on_the_long_side():
    checked = check_upload(image_upload(size=(3000, 1500)))
    assert (checked.width, checked.height) == (2000, 1000)
    assert Image.open(io.BytesIO(checked.data)).size == (2000, 1000)


def test_png_text_chunks_are_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "王秀英 13800000000")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(out, "PNG", pnginfo=info)
    checked = check_upload(upload("透明.png", out.getvalue(), "image/png"))
    stored = Image.open(io.BytesIO(checked.data))
    assert "Author" not in stored.info and stored.mode == "RGBA"
