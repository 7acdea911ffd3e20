"""The facts a quarterly review is written from: what each member and the organization
committed to, what fell due, was done, late, at risk, reported and recognized."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chengnuo.deeds.models import Deed
from chengnuo.pledges.models import Milestone
from chengnuo.progress.services import progress_report
from chengnuo.supervision.facts import Facts, QuarterFacts, quarter_facts
from chengnuo.supervision.hints import facts_sentence, suggested_rating
from chengnuo.tests.factories import MemberFactory, UserFactory

from .conftest import items_of

pytestmark = pytest.mark.django_db


def test_the_facts_count_each_members_quarter(branch, cycle, member, member_user,
                                              fellow_member, publish, travel):
    pledge = publish(member=member, items=3)
    first, second, third = items_of(pledge)
    type(first).objects.filter(pk=first.pk).update(due_date=datetime.date(2025, 5, 10))
    type(second).objects.filter(pk=second.pk).update(due_date=datetime.date(2025, 5, 20))
    type(third).objects.filter(pk=third.pk).update(due_date=datetime.date(2025, 7, 31))
    Milestone.objects.create(item=third, title="第一轮", due_date=datetime.date(2025, 4, 15))
    travel(datetime.date(2025, 5, 15))
    progress_report(actor=member_user, item=first, reported_on=datetime.date(2025, 5, 12),
                    percent=100, narrative="完成")
    progress_report(actor=member_user, item=third, reported_on=datetime.date(2025, 4, 10),
                    percent=40, narrative="第一轮走访完成", milestone=third.milestones.get())
    Deed.objects.create(member=member, organization=branch, cycle=cycle,
                        occurred_on=datetime.date(2025, 4, 20), description="救助落水儿童",
                        source="organization", state="verified")
    Deed.objects.create(member=member, organization=branch, occurred_on=datetime.date(
        2025, 4, 21), description="未核实", source="public")
    facts = quarter_facts(branch, cycle, 2, datetime.date(2025, 5, 25))
    mine = facts.for_member(member.pk)
    assert (mine.items, mine.due, mine.done, mine.done_late) == (3, 2, 1, 1)
    # The second item is past its date; the third falls due next quarter.
    assert (mine.overdue, mine.milestones_reached, mine.reports, mine.deeds) == (1, 1, 2, 1)
    assert facts.for_member(fellow_member.pk) == Facts()
    assert facts.totals.items == 3 and facts.own == Facts()
    assert [row.name for row in facts.members] == ["李建国", "王秀英"]


def test_the_organizations_own_items_are_counted_apart(branch, cycle, publish, member):
    publish(organization=branch, items=3)
    facts = quarter_facts(branch, cycle, 2, datetime.date(2025, 5, 5))
    assert (facts.own.items, facts.own.due, facts.own.overdue) == (3, 3, 3)
    assert facts.for_member(member.pk).items == 0 and facts.totals.items == 3


def test_the_snapshot_reads_back_the_same(branch, cycle, member, publish):
    publish(member=member)
    facts = quarter_facts(branch, cycle, 2, datetime.date(2025, 5, 5))
    assert QuarterFacts.from_json(facts.as_json()) == facts


def test_the_facts_cost_four_queries_for_any_number_of_members(
        branch, cycle, publish, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            publish(member=MemberFactory(organization=branch, user=UserFactory()))

    add(2)
    with django_assert_num_queries(4):
        quarter_facts(branch, cycle, 2, datetime.date(2025, 5, 5))
    add(6)
    with CaptureQueriesContext(connection) as captured:
        facts = quarter_facts(branch, cycle, 2, datetime.date(2025, 5, 5))
    assert len(captured) == 4 and facts.totals.items == 24


@pytest.mark.parametrize(("facts", "rating"), [
    (Facts(), None),
    (Facts(items=3, overdue=2, reports=4), "poor"),
    (Facts(items=3, overdue=1), "poor"),
    (Facts(items=3, overdue=1, reports=1), "average"),
    (Facts(items=3, due=1, done=1, reports=2), "good"),
    (Facts(items=3, deeds=1), "good"),
    (Facts(items=3, reports=1), "fairly_good"),
])
def test_the_facts_point_to_a_rating(facts, rating):
    assert suggested_rating(facts) == rating


def test_the_hint_says_the_facts_in_one_sentence():
    assert facts_sentence(Facts()) == "本年度没有公开的承诺。"
    assert facts_sentence(Facts(items=3, due=2, done=1, done_late=1, overdue=1, reports=3,
                                evidence=2, deeds=1)) == (
        "本季度到期2项，完成1项；逾期完成1项；目前逾期1项；上报进展3次，佐证材料2份；"
        "经核实的闪光言行1件。")
