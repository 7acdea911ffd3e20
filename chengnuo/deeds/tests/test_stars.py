import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from chengnuo.deeds import services
from chengnuo.deeds.models import DeedStar, StarList
from chengnuo.ledger.models import LedgerEntry
from chengnuo.ledger.services import ledger_verify
from chengnuo.notifications.models import Notification
from chengnuo.tests.factories import (
    CycleFactory,
    MemberFactory,
    OrganizationFactory,
    RoleGrantFactory,
)

pytestmark = pytest.mark.django_db

CITATION = "风雨中为独居老人修屋顶，是全体党员的榜样。"
DAY = datetime.timedelta(days=1)


@pytest.fixture
def name(branch_secretary, branch, cycle):
    """name(deed, **changes): name deed's member the star of the quarter 1."""
    def make(deed, **changes):
        fields = {"actor": branch_secretary, "organization": branch, "cycle": cycle,
                  "quarter": 1, "member": deed.member, "deed": deed, "citation": CITATION,
                  **changes}
        return services.star_name(**fields)

    return make


def test_the_secretary_names_a_member_the_quarters_star(verified, name, member, member_user):
    deed = verified()
    star = name(deed)
    assert (star.member, star.deed, star.quarter, star.citation) == (member, deed, 1, CITATION)
    assert star.ledger_entry.kind == "deed_star.name"
    assert star.ledger_entry.payload["member"] == member.public_id
    assert Notification.objects.filter(recipient=member_user, kind="deed_star.named").exists()


def test_an_unverified_deed_earns_no_star(report, name):
    with pytest.raises(ValidationError) as refused:
        name(report())
    assert "只有经核实的闪光言行" in str(refused.value)
    assert not DeedStar.objects.exists()


def test_a_dismissed_deed_earns_no_star(report, name, branch_secretary):
    deed = services.deed_dismiss(actor=branch_secretary, deed=report(), reason="不属实")
    with pytest.raises(ValidationError) as refused:
        name(deed)
    assert "只有经核实的闪光言行" in str(refused.value)


def test_a_deed_of_another_quarter_earns_no_star_in_this_one(
        cycle, member, member_user, branch_secretary, name, second_quarter):
    first_quarter_deed = services.deed_verify(actor=branch_secretary, deed=services.deed_report(
        actor=member_user, member=member, occurred_on=cycle.quarter_1_ends - DAY,
        description="在小区组织义务理发，服务老人二十多位。"))
    second_quarter_deed = services.deed_verify(actor=branch_secretary, deed=services.deed_report(
        actor=member_user, member=member, occurred_on=second_quarter - DAY,
        description="连续一周帮邻居照看生病的孩子。"))
    with pytest.raises(ValidationError) as refused:
        name(first_quarter_deed, quarter=2)
    assert "必须发生在本季度" in str(refused.value)
    with pytest.raises(ValidationError):
        name(second_quarter_deed, quarter=1)
    assert name(first_quarter_deed, quarter=1).quarter == 1
    assert name(second_quarter_deed, quarter=2).quarter == 2


def test_a_quarter_that_has_not_begun_names_no_star(verified, name):
    with pytest.raises(ValidationError) as refused:
        name(verified(), quarter=2)
    assert "还没有开始" in str(refused.value)


def test_a_quarter_outside_one_to_four_is_refused(verified, name):
    with pytest.raises(ValidationError) as refused:
        name(verified(), quarter=5)
    assert "quarter" in refused.value.message_dict


def test_a_cycle_of_another_county_is_refused(verified, name, other_branch):
    foreign = CycleFactory(organization=other_branch.parent.parent)
    with pytest.raises(ValidationError) as refused:
        name(verified(), cycle=foreign)
    assert "不适用于本组织" in str(refused.value)
    assert not DeedStar.objects.exists()


def test_a_member_is_the_star_of_a_quarter_once(verified, name, member):
    name(verified())
    with pytest.raises(ValidationError) as refused:
        name(verified(description="帮助邻居把走失的老人找回了家。"))
    assert member.name in str(refused.value)
    assert DeedStar.objects.count() == 1


def test_another_members_deed_cannot_be_cited(verified, name, fellow_member):
    with pytest.raises(ValidationError) as refused:
        name(verified(), member=fellow_member)
    assert "deed" in refused.value.message_dict


def test_the_citation_is_required(verified, name):
    with pytest.raises(ValidationError) as refused:
        name(verified(), citation=" ")
    assert "citation" in refused.value.message_dict


def test_an_overlong_citation_is_refused(verified, name):
    with pytest.raises(ValidationError) as refused:
        name(verified(), citation="长" * 501)
    assert "citation" in refused.value.message_dict
    assert not DeedStar.objects.exists()


def test_a_secretary_of_another_county_gets_404(verified, name, other_secretary):
    with pytest.raises(Http404):
        name(verified(), actor=other_secretary)


def test_a_superior_names_no_star_of_its_own(verified, name, county_admin, county):
    with pytest.raises(ValidationError) as refused:
        name(verified(), actor=county_admin, organization=county)
    assert "基层党组织" in str(refused.value)


def test_a_member_of_another_branch_is_not_this_branchs_to_name(
        verified, name, county_admin, committee, branch):
    with pytest.raises(ValidationError) as refused:
        name(verified(), actor=county_admin, organization=committee)
    assert "本组织的党员" in str(refused.value)


def test_withdrawing_a_star_needs_a_reason_and_is_kept_in_the_ledger(
        verified, name, branch_secretary):
    star = name(verified())
    for reason in ("", "长" * 501):
        with pytest.raises(ValidationError) as refused:
            services.star_unname(actor=branch_secretary, star=star, reason=reason)
        assert "reason" in refused.value.message_dict
    assert not LedgerEntry.objects.filter(kind="deed_star.unname").exists()
    services.star_unname(actor=branch_secretary, star=star, reason="误选，应为另一名党员")
    assert not DeedStar.objects.exists()
    entry = LedgerEntry.objects.get(kind="deed_star.unname")
    assert entry.payload["reason"] == "误选，应为另一名党员"
    assert ledger_verify()[1] is None


def test_a_secretary_of_another_county_cannot_withdraw_a_star(verified, name, other_secretary):
    star = name(verified())
    with pytest.raises(Http404):
        services.star_unname(actor=other_secretary, star=star, reason="误选")


# ---- regional lists ------------------------------------------------------------------------

@pytest.fixture
def publish(county_admin, county, cycle):
    def make(stars, **changes):
        fields = {"actor": county_admin, "organization": county, "year": cycle.year,
                  "quarter": 1, "title": "西湖区第一季度闪光言行之星", "stars": stars,
                  **changes}
        return services.star_list_publish(**fields)

    return make


@pytest.fixture
def second_branch_star(committee, cycle):
    """A star named at a second branch of the same committee by its own secretary."""
    branch = OrganizationFactory(name="第二党支部", kind="branch", sector="community",
                                 parent=committee)
    secretary = RoleGrantFactory(organization=branch).user
    member = MemberFactory(organization=branch, name="赵敏")
    deed = services.deed_report(actor=secretary, member=member,
                                description="组织志愿者清理河道垃圾三十余袋。",
                                occurred_on=timezone.localdate() - DAY)
    services.deed_verify(actor=secretary, deed=deed)
    return services.star_name(actor=secretary, organization=branch, cycle=cycle, quarter=1,
                              member=member, deed=deed, citation="带头清理河道。")


def test_a_county_publishes_a_regional_list_in_tree_order_to_the_ledger(
        verified, name, publish, second_branch_star, county_admin):
    first = name(verified())
    star_list = publish([second_branch_star, first])
    entries = list(star_list.entries.order_by("position"))
    assert [e.star for e in entries] == [first, second_branch_star]  # by organization path
    assert star_list.ledger_entry.kind == "star_list.publish"
    assert len(star_list.ledger_entry.payload["stars"]) == 2
    assert star_list.published_by == county_admin
    assert ledger_verify()[1] is None


def test_a_listed_star_can_no_longer_be_withdrawn(verified, name, publish, branch_secretary):
    star = name(verified())
    publish([star])
    with pytest.raises(ValidationError) as refused:
        services.star_unname(actor=branch_secretary, star=star, reason="误选")
    assert "区域榜单" in str(refused.value)
    assert DeedStar.objects.filter(pk=star.pk).exists()


def test_a_star_outside_the_subtree_is_refused(verified, name, publish, city, other_branch,
                                              other_secretary, cycle, yesterday):
    from chengnuo.cycles.services import cycle_open
    from chengnuo.tests.factories import cycle_dates

    other_county = other_branch.parent.parent
    admin = RoleGrantFactory(organization=other_county).user
    other_cycle = cycle_open(actor=admin, organization=other_county, year=cycle.year,
                             **cycle_dates())
    member = MemberFactory(organization=other_branch)
    deed = services.deed_verify(actor=other_secretary, deed=services.deed_report(
        actor=other_secretary, member=member, occurred_on=yesterday,
        description="帮村里的孤寡老人收割晚稻。"))
    outside = services.star_name(actor=other_secretary, organization=other_branch,
                                 cycle=other_cycle, quarter=1, member=member, deed=deed,
                                 citation="助老收割。")
    inside = name(verified())
    with pytest.raises(ValidationError) as refused:
        publish([inside, outside])
    assert "本辖区" in str(refused.value)
    assert not StarList.objects.exists()


def test_a_star_of_another_quarter_or_year_is_refused(verified, name, publish, cycle):
    star = name(verified())
    for changes in ({"quarter": 2}, {"year": cycle.year - 1}):
        with pytest.raises(ValidationError):
            publish([star], **changes)
    assert not StarList.objects.exists()


def test_a_quarters_list_is_published_once_and_never_changed(verified, name, publish):
    star = name(verified())
    publish([star])
    with pytest.raises(ValidationError) as refused:
        publish([star], title="重新发布")
    assert "已经发布" in str(refused.value)
    assert StarList.objects.get().title == "西湖区第一季度闪光言行之星"


def test_a_list_needs_a_title_and_a_star(verified, name, publish):
    star = name(verified())
    for changes, field in (({"title": ""}, "title"), ({"title": "长" * 101}, "title"),
                           ({"quarter": 5}, "quarter")):
        with pytest.raises(ValidationError) as refused:
            publish([star], **changes)
        assert field in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        publish([])
    assert "stars" in refused.value.message_dict
    assert not StarList.objects.exists()


def test_a_list_holds_at_most_a_hundred_stars(publish):
    with pytest.raises(ValidationError) as refused:
        publish(list(range(1, 102)))
    assert "最多100名" in str(refused.value)


def test_a_grassroots_organization_publishes_no_regional_list(
        verified, name, publish, branch_secretary, branch):
    star = name(verified())
    with pytest.raises(ValidationError) as refused:
        publish([star], actor=branch_secretary, organization=branch)
    assert "由上级党组织发布" in str(refused.value)


def test_an_admin_of_another_county_gets_404_for_a_list_of_this_county(
        verified, name, publish, other_secretary):
    with pytest.raises(Http404):
        publish([name(verified())], actor=other_secretary)


def test_a_list_of_another_county_cannot_carry_this_countys_stars(
        verified, name, publish, other_branch):
    other_county = other_branch.parent.parent
    admin = RoleGrantFactory(organization=other_county).user
    with pytest.raises(ValidationError) as refused:
        publish([name(verified())], actor=admin, organization=other_county)
    assert "本辖区" in str(refused.value)
