"""Fixtures the notice tests share: an overdue record of the branch, a criticism by the
county citing it with a rectification order for the branch, and its helpers."""

import datetime

import pytest
from django.utils import timezone

from chengnuo.notices import services
from chengnuo.supervision.models import OverdueKind, OverdueRecord

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Evidence files go to a fresh directory per test, never the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def overdue_record(organization, member=None, key="item:late-1", text="走访困难群众未按期完成"):
    today = timezone.localdate()
    return OverdueRecord.objects.create(
        kind=OverdueKind.ITEM, subject_key=key, organization=organization, member=member,
        description=text, due_on=today - 10 * DAY, detected_on=today - 9 * DAY)


@pytest.fixture
def record(branch):
    return overdue_record(branch)


def criticize(actor, issuer, *, organizations=(), members=(), records=(), orders=(),
              title="关于第一党支部承诺事项逾期的通报", finding=""):
    """A criticism with an order for each target in orders (deadline two weeks ahead)."""
    deadline = timezone.localdate() + 14 * DAY
    return services.notice_issue(
        actor=actor, issuer=issuer, kind="criticism", title=title,
        body="经查，该支部承诺的走访事项未按期完成，现予通报批评。", finding=finding,
        organizations=organizations, members=members, records=records,
        rectifications=[(target, "补齐走访记录并报告整改情况", deadline) for target in orders])


@pytest.fixture
def criticism(county_admin, county, branch, record):
    return criticize(county_admin, county, organizations=[branch], records=[record],
                     orders=[branch])


@pytest.fixture
def order(criticism):
    return criticism.rectifications.get()


@pytest.fixture
def member_order(county_admin, county, member, record):
    """The order of a criticism naming a member, for the member to rectify."""
    return criticize(county_admin, county, members=[member], records=[record],
                     orders=[member]).rectifications.get()


@pytest.fixture
def answered(order, branch_secretary):
    services.rectification_answer(actor=branch_secretary, rectification=order,
                                  text="已补齐12户走访记录，并在支部会议上作了检查。")
    order.refresh_from_db()
    return order
