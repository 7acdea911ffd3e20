import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.ledger.models import LedgerEntry
from chengnuo.ledger.services import ledger_verify
from chengnuo.notices import services
from chengnuo.notifications.models import Notification
from chengnuo.supervision.models import OverdueKind, OverdueRecord

pytestmark = pytest.mark.django_db


def withdraw(actor, notice, reason="引用的逾期记录有误，该事项已按期完成。"):
    return services.notice_withdraw(actor=actor, notice=notice, reason=reason)


def test_withdrawing_keeps_the_notice_marked_with_its_reason(branch_secretary,
                                                             county_admin, criticism):
    withdraw(county_admin, criticism)
    criticism.refresh_from_db()
    assert criticism.state == "withdrawn" and criticism.withdrawn_by == county_admin
    assert criticism.withdrawal_reason == "引用的逾期记录有误，该事项已按期完成。"
    assert criticism.title == "关于第一党支部承诺事项逾期的通报"
    entry = LedgerEntry.objects.get(kind="notice.withdraw")
    assert criticism.withdrawal_entry == entry and entry.payload["reason"].startswith("引用")
    assert ledger_verify()[1] is None
    assert Notification.objects.filter(kind="notice.withdrawn",
                                       recipient=branch_secretary).exists()


def test_open_orders_close_with_the_withdrawal(county_admin, criticism, order):
    withdraw(county_admin, criticism)
    order.refresh_from_db()
    assert order.state == "withdrawn" and order.closed_at is not None
    assert order.result == "引用的逾期记录有误，该事项已按期完成。"


def test_withdrawing_resolves_the_overdue_records_of_the_orders_it_closes(county_admin,
                                                                         criticism, order):
    record = OverdueRecord.objects.create(
        kind=OverdueKind.RECTIFICATION, subject_key=order.subject_key, organization=order.home,
        description="逾期", due_on=order.deadline, detected_on=order.deadline)
    withdraw(county_admin, criticism)
    record.refresh_from_db()
    assert record.resolved_on is not None


def test_an_accepted_order_keeps_its_result(county_admin, criticism, answered):
    services.rectification_accept(actor=county_admin, rectification=answered, result="到位")
    withdraw(county_admin, criticism)
    answered.refresh_from_db()
    assert answered.state == "accepted" and answered.result == "到位"


def test_withdrawing_needs_a_reason(county_admin, criticism):
    with pytest.raises(ValidationError) as refused:
        withdraw(county_admin, criticism, reason="  ")
    assert refused.value.messages == ["请写明撤回理由，理由会和通报一起公开。"]
    criticism.refresh_from_db()
    assert criticism.state == "published"


def test_withdrawing_twice_is_refused(county_admin, criticism):
    withdraw(county_admin, criticism)
    with pytest.raises(ValidationError) as refused:
        withdraw(county_admin, criticism)
    assert refused.value.messages == ["这份通报已经撤回了。"]


def test_the_target_may_not_withdraw(branch_secretary, criticism):
    with pytest.raises(ValidationError) as refused:
        withdraw(branch_secretary, criticism)
    assert refused.value.messages == ["只有发文组织才能撤回通报。"]


def test_outside_reach_withdrawing_is_404(other_secretary, criticism):
    with pytest.raises(OutOfReach):
        withdraw(other_secretary, criticism)


def test_a_withdrawn_orders_answer_is_refused(county_admin, branch_secretary, criticism,
                                              order):
    withdraw(county_admin, criticism)
    with pytest.raises(ValidationError) as refused:
        services.rectification_answer(actor=branch_secretary, rectification=order,
                                      text="已整改")
    assert refused.value.messages == ["这项整改已经办结。"]
    assert not order.answers.exists()
