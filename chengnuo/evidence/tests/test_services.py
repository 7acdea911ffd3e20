import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from chengnuo.evidence.models import Evidence
from chengnuo.evidence.services import evidence_make_public, evidence_store, evidence_store_many

from .files import image_upload, office_upload, pdf_upload, stored_files, upload


def test_every_file_is_stored_with_its_real_type_size_and_hash(member_user, media_root):
    photo, minutes = evidence_store_many(actor=member_user,
                                         uploads=[image_upload(), pdf_upload()])
    assert (photo.kind, photo.content_type, photo.original_name) == (
        "image", "image/jpeg", "照片.jpg")
    assert (minutes.kind, minutes.content_type) == ("document", "application/pdf")
    for evidence in (photo, minutes):
        evidence.refresh_from_db()
        data = default_storage.open(evidence.file.name).read()
        assert evidence.size == len(data)
        assert evidence.sha256 == hashlib.sha256(data).hexdigest()
        assert evidence.uploaded_by == member_user and evidence.public is False
        assert evidence.file.name.startswith("evidence/")
    assert len(stored_files(media_root)) == 2


def test_the_stored_name_is_random_not_the_uploaders(member_user):
    evidence = evidence_store(actor=member_user, upload=image_upload("王秀英家门口.jpg"))
    assert "王秀英" not in evidence.file.name and evidence.file.name.endswith(".jpg")


def test_gps_exif_is_gone_from_the_stored_photo(member_user):
    original = image_upload(gps=True)
    assert Image.open(original).getexif().get_ifd(0x8825)  # the test file does carry GPS
    original.seek(0)
    evidence = evidence_store(actor=member_user, upload=original)
    with default_storage.open(evidence.file.name) as stored:
        image = Image.open(stored)
        image.load()
    assert not image.getexif()
    assert not image.getexif().get_ifd(0x8825)
    assert "exif" not in image.info and "xmp" not in image.info
    assert (evidence.width, evidence.height) == image.size


def test_one_bad_file_stores_nothing_at_all(member_user, media_root):
    with pytest.raises(ValidationError) as caught:
        evidence_store_many(actor=member_user, uploads=[
            image_upload(), office_upload(), upload("病毒.jpg", b"MZ" + b"\x00" * 64)])
    assert caught.value.messages == ["病毒.jpg：文件内容不是允许的图片或文件类型"]
    assert not Evidence.objects.exists()
    assert stored_files(media_root) == []


def test_files_stored_before_a_failure_are_deleted_again(member_user, media_root,
                                                         monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Evidence.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        evidence_store_many(actor=member_user, uploads=[image_upload(), pdf_upload()])
    assert stored_files(media_root) == []


def test_the_public_may_upload_with_a_report(anonymous, db):
    evidence = evidence_store(actor=anonymous, upload=image_upload())
    assert evidence.uploaded_by is None


def test_evidence_stored_public_is_public(member_user):
    assert evidence_store(actor=member_user, upload=image_upload(), public=True).public


def test_making_evidence_public_flips_the_flag_in_one_update(member_user,
                                                            django_assert_num_queries):
    stored = evidence_store_many(actor=member_user, uploads=[image_upload(), pdf_upload()])
    with django_assert_num_queries(1):
        assert evidence_make_public(evidence=stored) == 2
    assert all(e.public for e in stored)
    assert Evidence.objects.filter(public=True).count() == 2


def test_nothing_to_store_stores_nothing(member_user):
    assert evidence_store_many(actor=member_user, uploads=[]) == []
