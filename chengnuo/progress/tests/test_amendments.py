"""Progress follows a commitment through an amendment (pledge_publish carries it over)."""

import pytest
from django.utils import timezone

from chengnuo.pledges import services as pledge_services
from chengnuo.pledges.models import State
from chengnuo.progress.models import ProgressReport
from chengnuo.progress.services import progress_report
from chengnuo.tests.factories import ALL_CRITERIA

from .conftest import DAY, first_item


@pytest.fixture
def pledge(publish, member, member_user, time_machine):
    pledge = publish(member=member, actor=member_user)
    time_machine.move_to(timezone.now() + 20 * DAY, tick=False)
    return pledge


def report(actor, item, percent, milestone=None, narrative="走访了两户困难群众"):
    return progress_report(actor=actor, item=item, reported_on=timezone.localdate(),
                           percent=percent, narrative=narrative, milestone=milestone)


def publish_amendment(pledge, *, member_user, secretary, change=None):
    if change is not None:
        change(pledge)
    pledge_services.pledge_submit(actor=member_user, pledge=pledge)
    pledge_services.pledge_review(actor=secretary, pledge=pledge, decision="approved",
                                  criteria_met=ALL_CRITERIA)
    pledge_services.pledge_publish(actor=secretary, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.PUBLISHED
    return pledge.published_version


def test_progress_reported_while_an_amendment_is_under_review_is_carried_over(
        pledge, member_user, branch_secretary):
    old_item = first_item(pledge)
    milestone = old_item.milestones.order_by("due_date").first()
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="调整走访户数")
    # The draft copied 0%; the member keeps reporting on the published version meanwhile.
    first = report(member_user, old_item, 20)
    second = report(member_user, old_item, 45, milestone=milestone)
    version = publish_amendment(pledge, member_user=member_user, secretary=branch_secretary)

    new_item = version.items.get(key=old_item.key)
    assert new_item.pk != old_item.pk
    assert (new_item.percent, new_item.last_reported_on, new_item.done_on) == (
        45, timezone.localdate(), None)
    new_milestone = new_item.milestones.get(key=milestone.key)
    assert new_milestone.reached_on == timezone.localdate()
    for moved in (first, second):
        moved.refresh_from_db()
        assert moved.item == new_item
    assert second.milestone == new_milestone
    assert list(ProgressReport.objects.filter(item=old_item)) == []


def test_a_done_item_stays_done_after_an_amendment(pledge, member_user, branch_secretary):
    item = first_item(pledge)
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="补充说明")
    report(member_user, item, 100)
    version = publish_amendment(pledge, member_user=member_user, secretary=branch_secretary)
    assert version.items.get(key=item.key).done_on == timezone.localdate()


def test_progress_keeps_going_on_the_amended_items(pledge, member_user, branch_secretary):
    item = first_item(pledge)
    report(member_user, item, 30)
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="补充说明")
    version = publish_amendment(pledge, member_user=member_user, secretary=branch_secretary)
    new_item = version.items.get(key=item.key)
    report(member_user, new_item, 50)
    new_item.refresh_from_db()
    assert new_item.percent == 50
    assert ProgressReport.objects.filter(item=new_item).count() == 2


def test_an_item_dropped_by_the_amendment_keeps_its_reports_in_the_history(
        pledge, member_user, branch_secretary):
    dropped = pledge.published_version.items.order_by("-position").first()
    report(member_user, dropped, 30)
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="删去一项")

    def remove(pledge):
        pledge.refresh_from_db()
        pledge_services.item_remove(actor=member_user,
                                    item=pledge.current_version.items.get(key=dropped.key))
        pledge_services.item_add(actor=member_user, pledge=pledge, category="lead_service",
                                 content="每月为独居老人代买药品一次",
                                 due_date=pledge.cycle.quarter_2_ends)

    version = publish_amendment(pledge, member_user=member_user, secretary=branch_secretary,
                                change=remove)
    assert not version.items.filter(key=dropped.key).exists()
    assert ProgressReport.objects.get().item == dropped
    added = version.items.get(content="每月为独居老人代买药品一次")
    assert added.percent == 0 and added.last_reported_on is None


def test_a_milestone_whose_date_the_amendment_moves_stays_reached(pledge, member_user,
                                                                  branch_secretary):
    item = first_item(pledge)
    first, second = item.milestones.order_by("due_date")
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="推迟第二阶段")
    report(member_user, item, 40, milestone=first)

    def move_second(pledge):
        pledge.refresh_from_db()
        draft = pledge.current_version.items.get(key=item.key)
        pledge_services.item_update(
            actor=member_user, item=draft, category=draft.category, content=draft.content,
            target=draft.target, due_date=draft.due_date,
            milestones=[(first.title, first.due_date),
                        (second.title, second.due_date + 5 * DAY)])

    version = publish_amendment(pledge, member_user=member_user, secretary=branch_secretary,
                                change=move_second)
    marks = {m.title: m.reached_on for m in version.items.get(key=item.key).milestones.all()}
    assert marks == {first.title: timezone.localdate(), second.title: None}
