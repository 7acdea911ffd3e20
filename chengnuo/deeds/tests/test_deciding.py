import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from chengnuo.deeds import services
from chengnuo.deeds.models import DeedState
from chengnuo.evidence.tests.files import image_upload
from chengnuo.ledger.models import LedgerEntry
from chengnuo.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_secretary_verifies_a_deed_its_photos_go_public_and_the_member_is_told(
        report, branch_secretary, member_user, member):
    deed = report(uploads=[image_upload()])
    services.deed_verify(actor=branch_secretary, deed=deed, note="已向陈奶奶核实")
    deed.refresh_from_db()
    assert (deed.state, deed.decided_by, deed.decision_note) == (
        DeedState.VERIFIED, branch_secretary, "已向陈奶奶核实")
    assert deed.decided_at is not None
    assert all(item.public for item in deed.evidence.all())
    entry = LedgerEntry.objects.get(kind="deed.verify")
    assert entry.payload["member"] == member.public_id
    told = Notification.objects.get(recipient=member_user, kind="deed.verified")
    assert told.url == f"/deeds/member/{member.pk}/"


def test_a_secretary_browsing_in_english_still_tells_the_member_in_chinese(
        report, branch_secretary, member_user):
    from django.utils import translation

    deed = report()
    with translation.override("en"):
        services.deed_verify(actor=branch_secretary, deed=deed)
    told = Notification.objects.get(recipient=member_user, kind="deed.verified")
    assert told.title == "您的闪光言行已经核实"


def test_a_county_admin_above_may_decide(report, county_admin):
    deed = services.deed_verify(actor=county_admin, deed=report())
    assert deed.state == DeedState.VERIFIED


def test_a_secretary_of_another_county_gets_404(report, other_secretary):
    deed = report()
    with pytest.raises(Http404):
        services.deed_verify(actor=other_secretary, deed=deed)
    with pytest.raises(Http404):
        services.deed_dismiss(actor=other_secretary, deed=deed, reason="不属实")
    deed.refresh_from_db()
    assert deed.state == DeedState.REPORTED


def test_a_member_cannot_verify_their_own_deed(report, member_user, county_reviewer):
    deed = report()
    for actor in (member_user, county_reviewer):
        with pytest.raises(Http404):
            services.deed_verify(actor=actor, deed=deed)


def test_verifying_twice_is_refused_as_already_decided(report, branch_secretary, county_admin):
    deed = report()
    services.deed_verify(actor=branch_secretary, deed=deed)
    for decide in (lambda: services.deed_verify(actor=county_admin, deed=deed),
                   lambda: services.deed_dismiss(actor=county_admin, deed=deed,
                                                 reason="重复")):
        with pytest.raises(ValidationError) as refused:
            decide()
        assert refused.value.messages == ["这条报告已经处理过了。"]
    assert LedgerEntry.objects.filter(kind="deed.verify").count() == 1


def test_dismissing_needs_a_reason(report, branch_secretary):
    deed = report()
    with pytest.raises(ValidationError) as refused:
        services.deed_dismiss(actor=branch_secretary, deed=deed, reason="  ")
    assert "不予认定的理由" in str(refused.value)
    deed.refresh_from_db()
    assert deed.state == DeedState.REPORTED


def test_a_dismissed_deed_keeps_its_reason_and_its_photos_stay_private(
        report, branch_secretary, member_user):
    deed = report(uploads=[image_upload()])
    services.deed_dismiss(actor=branch_secretary, deed=deed, reason="经核实与事实不符")
    deed.refresh_from_db()
    assert (deed.state, deed.decision_note) == (DeedState.DISMISSED, "经核实与事实不符")
    assert not any(item.public for item in deed.evidence.all())
    assert not LedgerEntry.objects.filter(kind="deed.verify").exists()
    assert not Notification.objects.filter(recipient=member_user,
                                           kind="deed.verified").exists()


def test_an_overlong_note_is_refused(report, branch_secretary):
    deed = report()
    for decide in (lambda: services.deed_verify(actor=branch_secretary, deed=deed,
                                                note="长" * 301),
                   lambda: services.deed_dismiss(actor=branch_secretary, deed=deed,
                                                 reason="长" * 301)):
        with pytest.raises(ValidationError) as refused:
            decide()
        assert "300字以内" in str(refused.value)
    deed.refresh_from_db()
    assert deed.state == DeedState.REPORTED
