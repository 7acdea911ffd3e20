import datetime
import os

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from chengnuo.deeds.models import Deed
from chengnuo.evidence.models import Evidence
from chengnuo.evidence.services import evidence_prune, evidence_store

from .files import image_upload, stored_files

DAY = datetime.timedelta(days=1)


def _age(path, days: float):
    old = (timezone.now() - days * DAY).timestamp()
    os.utime(path, (old, old))


def test_unattached_evidence_older_than_a_day_is_deleted_with_its_file(member_user,
                                                                        media_root):
    with time_machine.travel(timezone.now() - 2 * DAY):
        stale = evidence_store(actor=member_user, upload=image_upload())
    fresh = evidence_store(actor=member_user, upload=image_upload())
    assert evidence_prune() == (1, 0)
    assert list(Evidence.objects.all()) == [fresh]
    assert not default_storage.exists(stale.file.name)
    assert len(stored_files(media_root)) == 1


def test_attached_evidence_is_kept_however_old(member_user, fellow_member, branch):
    with time_machine.travel(timezone.now() - 30 * DAY):
        photo = evidence_store(actor=member_user, upload=image_upload())
    deed = Deed.objects.create(member=fellow_member, organization=branch,
                               occurred_on=datetime.date.today(), description="帮扶",
                               source="member")
    deed.evidence.add(photo)
    assert evidence_prune() == (0, 0)
    assert default_storage.exists(photo.file.name)


def test_files_of_a_rolled_back_upload_are_deleted_a_day_later(member_user, media_root):
    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), transaction.atomic():
        evidence_store(actor=member_user, upload=image_upload())
        raise Abandon
    assert not Evidence.objects.exists()
    [left] = stored_files(media_root)
    assert evidence_prune() == (0, 0)  # it might still be a running upload
    _age(left, 2)
    assert evidence_prune() == (0, 1)
    assert stored_files(media_root) == []


def test_the_command_prunes_and_says_what_it_did(member_user, media_root, capsys):
    with time_machine.travel(timezone.now() - 2 * DAY):
        evidence_store(actor=member_user, upload=image_upload())
    call_command("prune_evidence")
    assert "Deleted 1 unattached evidence rows and 0 stray files." in capsys.readouterr().out
    assert stored_files(media_root) == []
