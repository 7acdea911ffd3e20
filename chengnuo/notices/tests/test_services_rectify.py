import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.evidence.tests.files import image_upload
from chengnuo.ledger.models import LedgerEntry
from chengnuo.notices import services
from chengnuo.notices.models import Rectification
from chengnuo.notifications.models import Notification
from chengnuo.supervision.models import OverdueKind, OverdueRecord
from chengnuo.tests.factories import MemberFactory, UserFactory

from .conftest import DAY, criticize

pytestmark = pytest.mark.django_db

DONE = "已补齐12户走访记录，并在支部会议上作了检查。"


def answer(actor, order, text=DONE, uploads=()):
    return services.rectification_answer(actor=actor, rectification=order, text=text,
                                         uploads=uploads)


# ---- answering ----------------------------------------------------------------------------

def test_the_branch_secretary_answers_with_evidence(county_admin, branch_secretary, order):
    reply = answer(branch_secretary, order, uploads=[image_upload()])
    order.refresh_from_db()
    assert order.state == "answered"
    assert (reply.number, reply.answered_by, reply.late) == (1, branch_secretary, False)
    assert reply.evidence.count() == 1 and not reply.evidence.get().public
    told = Notification.objects.get(kind="rectification.answered")
    assert told.recipient == county_admin and told.url == f"/rectifications/{order.pk}/"


def test_an_answer_needs_text(branch_secretary, order):
    with pytest.raises(ValidationError):
        answer(branch_secretary, order, text="  ")
    order.refresh_from_db()
    assert order.state == "open" and not order.answers.exists()


def test_a_forged_upload_refuses_the_whole_answer(branch_secretary, order):
    from django.core.files.uploadedfile import SimpleUploadedFile

    forged = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    with pytest.raises(ValidationError):
        answer(branch_secretary, order, uploads=[forged])
    order.refresh_from_db()
    assert order.state == "open" and not order.answers.exists()


def test_someone_elses_order_is_404_outside_reach(other_secretary, order):
    with pytest.raises(OutOfReach):
        answer(other_secretary, order)


def test_a_member_of_the_branch_may_not_answer_the_branchs_order(member_user, order):
    with pytest.raises(ValidationError) as refused:
        answer(member_user, order)
    assert refused.value.messages == ["只有被责令整改的组织或党员本人才能报告整改情况。"]


def test_the_issuer_does_not_answer_its_own_order(county_admin, order):
    with pytest.raises(ValidationError):
        answer(county_admin, order)


def test_a_member_answers_their_own_order_and_not_a_fellows(county_admin, county, member,
                                                           member_user, fellow_member,
                                                           record):
    fellow_member.user = UserFactory(username="fellow")
    fellow_member.save()
    notice = criticize(county_admin, county, members=[member, fellow_member],
                       records=[record], orders=[member, fellow_member])
    mine = notice.rectifications.get(member=member)
    theirs = notice.rectifications.get(member=fellow_member)
    answer(member_user, mine)
    with pytest.raises(ValidationError):
        answer(member_user, theirs)


def test_the_secretary_records_the_answer_of_a_member_without_an_account(
        county_admin, county, branch, branch_secretary, record):
    elderly = MemberFactory(organization=branch, name="周桂兰")
    notice = criticize(county_admin, county, members=[elderly], records=[record],
                       orders=[elderly])
    answer(branch_secretary, notice.rectifications.get())


def test_an_answered_order_is_not_answered_again(branch_secretary, answered):
    with pytest.raises(ValidationError) as refused:
        answer(branch_secretary, answered)
    assert refused.value.messages == ["整改情况已经报告，请等待发文组织审核。"]


# ---- deciding -----------------------------------------------------------------------------

def test_the_issuer_accepts_and_the_order_closes_with_its_result(
        county_admin, branch_secretary, order):
    answer(branch_secretary, order, uploads=[image_upload()])
    services.rectification_accept(actor=county_admin, rectification=order,
                                  result="整改到位，走访记录齐全。")
    order.refresh_from_db()
    assert order.state == "accepted" and order.closed_at is not None
    assert order.result == "整改到位，走访记录齐全。"
    reply = order.answers.get()
    assert reply.decision == "accepted" and reply.decided_by == county_admin
    assert reply.evidence.get().public
    entry = LedgerEntry.objects.get(kind="rectification.accept")
    assert order.ledger_entry == entry and entry.payload["result"] == order.result
    assert entry.payload["late"] is False
    assert Notification.objects.filter(kind="rectification.accepted",
                                       recipient=branch_secretary).exists()


def test_an_inspector_of_the_issuer_decides(county_inspector, answered):
    services.rectification_accept(actor=county_inspector, rectification=answered,
                                  result="整改到位")
    answered.refresh_from_db()
    assert answered.state == "accepted" and answered.result == "整改到位"


def test_the_target_cannot_accept_its_own_answer(branch_secretary, answered):
    with pytest.raises(ValidationError) as refused:
        services.rectification_accept(actor=branch_secretary, rectification=answered,
                                      result="自己说整改好了")
    assert "只有发文组织" in refused.value.messages[0]
    answered.refresh_from_db()
    assert answered.state == "answered"


def test_a_member_cannot_accept_their_own_answer(member_user, member_order):
    answer(member_user, member_order)
    with pytest.raises(ValidationError) as refused:
        services.rectification_accept(actor=member_user, rectification=member_order,
                                      result="好了")
    assert refused.value.messages == [
        "只有发文组织（或整改上报到的上级组织）才能审核整改报告。"]


def test_outside_reach_deciding_is_404(other_secretary, answered):
    with pytest.raises(OutOfReach):
        services.rectification_accept(actor=other_secretary, rectification=answered,
                                      result="好")


def test_accepting_twice_is_refused(county_admin, county_inspector, answered):
    services.rectification_accept(actor=county_admin, rectification=answered, result="好")
    with pytest.raises(ValidationError) as refused:
        services.rectification_accept(actor=county_inspector, rectification=answered,
                                      result="好")
    assert refused.value.messages == ["这项整改已经通过了。"]


def test_an_open_order_is_not_decided(county_admin, order):
    refusal = ["整改对象报告后才能审核，请等待整改报告。"]
    with pytest.raises(ValidationError) as refused:
        services.rectification_accept(actor=county_admin, rectification=order, result="好")
    assert refused.value.messages == refusal
    with pytest.raises(ValidationError) as refused:
        services.rectification_return(actor=county_admin, rectification=order, note="缺")
    assert refused.value.messages == refusal


def test_accepting_needs_a_result(county_admin, answered):
    with pytest.raises(ValidationError) as refused:
        services.rectification_accept(actor=county_admin, rectification=answered, result="")
    assert refused.value.message_dict["result"] == ["请写明办结时的整改结果。"]
    answered.refresh_from_db()
    assert answered.state == "answered"


def test_returning_needs_a_note(county_admin, answered):
    with pytest.raises(ValidationError) as refused:
        services.rectification_return(actor=county_admin, rectification=answered, note=" ")
    assert refused.value.messages == ["退回时请写明还缺什么。"]
    answered.refresh_from_db()
    assert answered.state == "answered"


def test_a_returned_answer_reopens_the_order_and_is_answered_again(
        county_admin, branch_secretary, answered):
    services.rectification_return(actor=county_admin, rectification=answered,
                                  note="缺少走访照片")
    answered.refresh_from_db()
    assert answered.state == "open" and answered.overdue_since is None
    assert answered.answers.get().decision == "returned"
    assert Notification.objects.filter(kind="rectification.returned",
                                       recipient=branch_secretary).exists()
    second = answer(branch_secretary, answered, text="补充了走访照片")
    assert second.number == 2


def test_returned_after_the_deadline_the_order_is_overdue_and_escalates(
        county_admin, city, branch_secretary, answered, time_machine):
    from chengnuo.tests.factories import RoleGrantFactory

    city_admin = RoleGrantFactory(organization=city, user=UserFactory(username="city")).user
    time_machine.move_to(timezone.now() + 20 * DAY)
    services.rectification_return(actor=county_admin, rectification=answered,
                                  note="缺少走访照片")
    answered.refresh_from_db()
    assert answered.state == "overdue"
    assert answered.overdue_since == timezone.localdate()
    assert answered.escalated_to == city and answered.escalated_at is not None
    assert Notification.objects.filter(kind="rectification.overdue",
                                       recipient=city_admin).exists()
    # Still answerable late, then accepted; the late answer says so.
    late = answer(branch_secretary, answered, text="补充了走访照片")
    assert late.late
    services.rectification_accept(actor=city_admin, rectification=answered, result="逾期完成")
    answered.refresh_from_db()
    assert answered.state == "accepted"
    assert LedgerEntry.objects.get(kind="rectification.accept").payload["late"] is True


def test_accepting_resolves_the_orders_overdue_record(county_admin, branch_secretary, order):
    OverdueRecord.objects.create(kind=OverdueKind.RECTIFICATION, subject_key=order.subject_key,
                                 organization=order.home, description="逾期",
                                 due_on=order.deadline, detected_on=order.deadline)
    answer(branch_secretary, order)
    services.rectification_accept(actor=county_admin, rectification=order, result="好")
    assert OverdueRecord.objects.get(subject_key=order.subject_key).resolved_on is not None


def test_every_transition_is_in_the_map():
    from chengnuo.notices.models import TRANSITIONS, RectificationState

    assert set(TRANSITIONS) == set(RectificationState.values)
    assert TRANSITIONS["accepted"] == set() == TRANSITIONS["withdrawn"]


def test_an_unlisted_transition_is_refused(order):
    from chengnuo.notices.services._base import move

    order.state = "accepted"
    with pytest.raises(ValidationError):
        move(order, "open")


def test_orders_deadline_unchanged_by_return(county_admin, answered):
    before = answered.deadline
    services.rectification_return(actor=county_admin, rectification=answered, note="缺")
    assert Rectification.objects.get(pk=answered.pk).deadline == before == (
        timezone.localdate() + 14 * DAY)
    assert isinstance(before, datetime.date)
