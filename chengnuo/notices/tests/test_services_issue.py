import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.ledger.models import LedgerEntry
from chengnuo.ledger.services import ledger_verify
from chengnuo.notices import services
from chengnuo.notices.models import Notice, Rectification
from chengnuo.notifications.models import Notification
from chengnuo.tests.factories import MemberFactory, UserFactory

from .conftest import DAY, criticize, overdue_record

pytestmark = pytest.mark.django_db


def commend(actor, issuer, **targets):
    return services.notice_issue(actor=actor, issuer=issuer, kind="commendation",
                                 title="表扬第一党支部", body="该支部按期完成全部承诺事项。",
                                 **targets)


def test_county_admin_issues_a_criticism_with_an_order(criticism, branch, record, county):
    assert criticism.kind == "criticism" and criticism.state == "published"
    assert list(criticism.organizations.all()) == [branch]
    assert list(criticism.records.all()) == [record]
    order = criticism.rectifications.get()
    assert (order.organization, order.member, order.home) == (branch, None, branch)
    assert order.state == "open" and order.deadline > timezone.localdate()
    assert AuditEvent.objects.filter(action="notice.issue", subject_id=criticism.pk).exists()
    assert AuditEvent.objects.filter(action="rectification.order", subject_id=order.pk).exists()


def test_the_notice_is_appended_to_the_ledger(criticism, branch, record):
    entry = LedgerEntry.objects.get(kind="notice.issue")
    assert criticism.ledger_entry == entry and entry.subject == f"notice:{criticism.pk}"
    payload = entry.payload
    assert payload["kind"] == "criticism" and payload["title"] == criticism.title
    assert payload["body"] == criticism.body
    assert payload["organizations"] == [branch.slug]
    assert payload["records"] == [record.subject_key]
    assert payload["rectifications"][0]["requirement"] == "补齐走访记录并报告整改情况"
    assert ledger_verify()[1] is None


def test_an_inspector_of_the_issuer_may_issue(county_inspector, county, branch, record):
    notice = criticize(county_inspector, county, organizations=[branch], records=[record])
    assert notice.issued_by == county_inspector


def test_a_reviewer_may_not_issue(county_reviewer, county, branch, record):
    with pytest.raises(OutOfReach):
        criticize(county_reviewer, county, organizations=[branch], records=[record])
    assert not Notice.objects.exists()


def test_a_notice_outside_the_issuers_subtree_is_refused(county_admin, county, other_branch,
                                                         record):
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, organizations=[other_branch], records=[record])
    assert refused.value.messages == ["通报只能发给发文组织的下级组织。"]
    assert not Notice.objects.exists() and not LedgerEntry.objects.exists()


def test_the_issuer_itself_is_not_a_target(county_admin, county, record):
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, organizations=[county], records=[record])
    assert refused.value.message_dict["organizations"] == ["通报只能发给发文组织的下级组织。"]


def test_a_member_outside_the_subtree_is_refused(county_admin, county, other_member, record):
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, members=[other_member], records=[record])
    assert refused.value.messages == ["通报只能发给发文组织所辖范围内的党员。"]
    assert not Notice.objects.exists()


def test_a_record_outside_the_subtree_is_refused(county_admin, county, branch, other_branch):
    far = overdue_record(other_branch, key="item:far")
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, organizations=[branch], records=[far])
    assert "只能引用" in refused.value.messages[0]


def test_an_admin_of_another_county_gets_404(other_secretary, county, branch, record):
    with pytest.raises(OutOfReach):
        criticize(other_secretary, county, organizations=[branch], records=[record])


def test_a_criticism_needs_a_record_or_a_finding(county_admin, county, branch):
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, organizations=[branch])
    assert refused.value.message_dict["records"] == [
        "通报批评须引用至少一条逾期记录，或写明所依据的问题。"]
    notice = criticize(county_admin, county, organizations=[branch],
                       finding="9月随机抽查发现该支部未按期召开组织生活会")
    assert notice.finding.startswith("9月")


def test_a_notice_names_at_least_one_target(county_admin, county, record):
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, records=[record])
    assert refused.value.message_dict["organizations"] == [
        "请至少选择一个通报涉及的组织或党员。"]


def test_a_commendation_carries_no_order_and_cites_no_record(county_admin, county, branch,
                                                             record):
    refusal = ["表扬不引用逾期记录，也不下达整改要求。"]
    with pytest.raises(ValidationError) as refused:
        commend(county_admin, county, organizations=[branch], records=[record])
    assert refused.value.message_dict["kind"] == refusal
    with pytest.raises(ValidationError) as refused:
        commend(county_admin, county, organizations=[branch],
                rectifications=[(branch, "整改", timezone.localdate() + 5 * DAY)])
    assert refused.value.message_dict["kind"] == refusal
    assert not Notice.objects.exists()
    notice = commend(county_admin, county, organizations=[branch])
    assert notice.kind == "commendation" and not notice.rectifications.exists()


def test_an_order_goes_to_one_of_the_notices_targets(county_admin, county, branch,
                                                     committee, record):
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, organizations=[branch], records=[record],
                  orders=[committee])
    assert "rectifications" in refused.value.message_dict


def test_an_order_needs_a_requirement_and_a_future_deadline(county_admin, county, branch,
                                                            record):
    today = timezone.localdate()
    for requirement, deadline in (("", today + DAY), ("补齐记录", today),
                                  ("补齐记录", None)):
        with pytest.raises(ValidationError):
            services.notice_issue(actor=county_admin, issuer=county, kind="criticism",
                                  title="通报", body="正文", organizations=[branch],
                                  records=[record],
                                  rectifications=[(branch, requirement, deadline)])
    assert not Rectification.objects.exists()


def test_a_kind_other_than_commendation_or_criticism_is_refused(county_admin, county,
                                                                branch, record):
    with pytest.raises(ValidationError) as refused:
        services.notice_issue(actor=county_admin, issuer=county, kind="praise", title="通报",
                              body="正文", organizations=[branch], records=[record])
    assert refused.value.message_dict["kind"] == ["请选择表扬或通报批评。"]
    assert not Notice.objects.exists()


def test_a_target_gets_at_most_one_order(county_admin, county, branch, record):
    deadline = timezone.localdate() + 5 * DAY
    with pytest.raises(ValidationError) as refused:
        services.notice_issue(actor=county_admin, issuer=county, kind="criticism",
                              title="通报", body="正文", organizations=[branch],
                              records=[record],
                              rectifications=[(branch, "补齐记录", deadline),
                                              (branch, "再次检查", deadline)])
    assert refused.value.message_dict["rectifications"] == [
        "每个组织或党员最多下达一项整改要求。"]
    assert not Notice.objects.exists() and not Rectification.objects.exists()


def test_a_target_deleted_meanwhile_is_refused(county_admin, county, branch, record):
    gone = MemberFactory(organization=branch)
    type(gone).objects.filter(pk=gone.pk).delete()  # the instance keeps its pk
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, organizations=[branch], members=[gone],
                  records=[record])
    assert refused.value.messages == ["所选的组织或党员中有已不存在的。"]
    assert not Notice.objects.exists()


def test_a_text_over_its_limit_is_refused(county_admin, county, branch, record):
    with pytest.raises(ValidationError) as refused:
        criticize(county_admin, county, organizations=[branch], records=[record],
                  title="长" * 121)
    assert refused.value.message_dict["title"] == ["请控制在 120 字以内。"]
    assert not Notice.objects.exists()


def test_title_and_text_are_required(county_admin, county, branch, record):
    for title, body in (("", "正文"), ("标题", "  ")):
        with pytest.raises(ValidationError):
            services.notice_issue(actor=county_admin, issuer=county, kind="criticism",
                                  title=title, body=body, organizations=[branch],
                                  records=[record])


def test_an_order_to_a_member_belongs_to_the_members_organization(branch, member,
                                                                  member_order):
    assert (member_order.member, member_order.organization, member_order.home) == (
        member, None, branch)


def test_the_targets_their_admins_and_members_are_told(branch_secretary, member_user,
                                                       county_admin, criticism):
    told = set(Notification.objects.filter(kind="notice.criticism")
               .values_list("recipient__username", flat=True))
    assert told == {"branch_secretary", "member_user"}
    order_told = Notification.objects.get(kind="rectification.order")
    assert order_told.recipient == branch_secretary
    assert order_told.url == f"/rectifications/{criticism.rectifications.get().pk}/"


def test_a_member_named_is_told_even_from_another_branch_of_the_subtree(
        county_admin, county, committee, record):
    from chengnuo.tests.factories import OrganizationFactory

    second = OrganizationFactory(kind="branch", parent=committee)
    named = MemberFactory(organization=second, user=UserFactory(username="named"))
    criticize(county_admin, county, members=[named], records=[record], orders=[named])
    assert set(Notification.objects.values_list("recipient__username", "kind")) == {
        ("named", "notice.criticism"), ("named", "rectification.order")}


def _branches_with_secretaries(committee, count: int, start: int) -> list:
    from chengnuo.accounts.models import Role
    from chengnuo.tests.factories import OrganizationFactory, RoleGrantFactory

    branches = [OrganizationFactory(kind="branch", parent=committee) for _ in range(count)]
    for number, branch in enumerate(branches, start):
        RoleGrantFactory(organization=branch, role=Role.ADMIN, user=UserFactory(
            username=f"secretary{number}", email=f"secretary{number}@example.cn"))
    return branches


def test_issuing_orders_to_more_targets_takes_no_more_queries(
        county_admin, county, committee, record, django_capture_on_commit_callbacks):
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A first notice warms what is read once per process (content types, the grants).
    criticize(county_admin, county, organizations=[committee], records=[record])
    counts = []
    for count, start in ((2, 0), (5, 10)):
        branches = _branches_with_secretaries(committee, count, start)
        with CaptureQueriesContext(connection) as queries:
            criticize(county_admin, county, organizations=branches, records=[record],
                      orders=branches)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    told = Notification.objects.filter(kind="rectification.order")
    assert sorted(told.values_list("recipient__username", flat=True)) == sorted(
        [f"secretary{n}" for n in (0, 1, 10, 11, 12, 13, 14)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        criticize(county_admin, county, organizations=branches, records=[record],
                  orders=branches)
    assert sorted(m.to[0] for m in mail.outbox if "整改" in m.subject) == sorted(
        f"secretary{n}@example.cn" for n in (10, 11, 12, 13, 14))


def test_a_notice_is_never_edited(criticism):
    assert not hasattr(services, "notice_update")
    criticism.title = "改过的标题"
    with pytest.raises(ValueError):
        criticism.save()
    with pytest.raises(ValueError):
        criticism.save(update_fields=["title"])
    criticism.refresh_from_db()
    assert criticism.title == "关于第一党支部承诺事项逾期的通报"


def test_deadline_is_compared_with_today(county_admin, county, branch, record, time_machine):
    time_machine.move_to(datetime.datetime(2024, 6, 1, 9, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError):
        services.notice_issue(actor=county_admin, issuer=county, kind="criticism",
                              title="通报", body="正文", organizations=[branch],
                              records=[record],
                              rectifications=[(branch, "整改", datetime.date(2024, 5, 31))])
