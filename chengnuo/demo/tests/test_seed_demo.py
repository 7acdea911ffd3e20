"""seed_demo: the 2010 province, every sector, members that keep the category rules."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from chengnuo.audit.models import AuditEvent
from chengnuo.demo.geography import DIVISIONS
from chengnuo.members.models import CATEGORY_FIELDS, PHONE_PATTERN, Member
from chengnuo.organizations.models import GRASSROOTS_KINDS, Kind, Organization, Sector
from chengnuo.tests.factories import OrganizationFactory, UserFactory

from .conftest import data_digest

HANGZHOU_2010 = ["上城区", "下城区", "江干区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区",
                 "建德市", "富阳市", "临安市", "桐庐县", "淳安县"]


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_the_province_has_its_eleven_cities_and_ninety_counties_of_2010(seeded):
    province = Organization.objects.get(kind=Kind.PROVINCE)
    assert province.name == "浙江省"
    cities = list(Organization.objects.filter(kind=Kind.CITY).values_list("name", flat=True))
    assert cities == ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市",
                      "衢州市", "舟山市", "台州市", "丽水市"]
    assert Organization.objects.filter(kind=Kind.COUNTY).count() == 90
    hangzhou = Organization.objects.get(name="杭州市")
    assert list(hangzhou.children.order_by("path").values_list("name", flat=True)) == HANGZHOU_2010
    for city in Organization.objects.filter(kind=Kind.CITY):
        names = list(city.children.order_by("path").values_list("name", flat=True))
        assert names == [county for county, _ in DIVISIONS[city.name]]


def test_counties_have_townships_and_later_divisions_are_absent(seeded):
    assert not Organization.objects.filter(kind=Kind.COUNTY).exclude(
        children__kind=Kind.TOWNSHIP).exists()
    assert Organization.objects.filter(name__in=["江东区", "绍兴县", "洞头县"]).count() == 3
    assert not Organization.objects.filter(name__in=["柯桥区", "临平区", "钱塘区"]).exists()


def test_every_sector_and_every_grassroots_shape_is_present(seeded):
    sectors = set(Organization.objects.exclude(sector="").values_list("sector", flat=True))
    assert sectors == set(Sector.values)
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == set(Kind.values)
    standalone = Organization.objects.filter(kind=Kind.BRANCH, parent__kind=Kind.TOWNSHIP)
    assert standalone.exists()


def test_paths_and_depths_follow_the_tree(seeded):
    for org in Organization.objects.select_related("parent"):
        if org.parent is None:
            assert org.depth == 1
        else:
            assert org.path.startswith(org.parent.path) and org.depth == org.parent.depth + 1


def test_a_few_hundred_members_pass_every_category_rule(seeded):
    members = list(Member.objects.select_related("organization", "post",
                                                 "residence_organization"))
    assert 300 <= len(members) <= 1000
    for member in members:
        member.full_clean()
        assert PHONE_PATTERN.match(member.phone)
        assert (member.joined_date.year - member.birth_date.year) >= 18
        if member.residence_organization:
            assert member.residence_organization.sector == Sector.COMMUNITY
    assert len({m.phone for m in members}) == len(members)
    for field in CATEGORY_FIELDS:
        share = sum(getattr(m, field) for m in members) / len(members)
        assert 0.03 < share < 0.7, field
    genders = {m.gender for m in members}
    assert genders == {"male", "female"}
    assert any(m.residence_organization for m in members)
    assert any(m.post for m in members)


def test_every_grassroots_organization_with_members_has_one_of_them_as_secretary(seeded):
    with_members = Organization.objects.filter(kind__in=GRASSROOTS_KINDS, members__isnull=False)
    assert with_members.exists()
    for org in with_members.distinct().select_related("secretary"):
        assert org.secretary is not None and org.secretary.organization_id == org.pk
        assert org.secretary.holds_leadership_post


def test_duty_posts_are_held_only_by_members_of_their_organization_without_a_post(seeded):
    holders = Member.objects.filter(post__isnull=False).select_related("post")
    assert holders.count() > 20
    for member in holders:
        assert member.without_post and member.post.organization_id == member.organization_id
    assert {"环境卫生监督岗", "政策宣传岗"} <= set(holders.values_list("post__name", flat=True))


def test_seeding_is_recorded_in_the_audit_trail(seeded):
    event = AuditEvent.objects.get(action="demo.seed")
    assert event.subject_label == "浙江省"
    assert event.changes["members"][1] == str(Member.objects.count())


def test_if_empty_leaves_an_existing_database_alone(db):
    OrganizationFactory(name="某省", kind="province")
    out = seed(if_empty=True)
    assert Organization.objects.count() == 1 and not Member.objects.exists()
    assert "已有组织" in out


def test_seeding_a_database_that_has_organizations_is_refused_in_chinese(db):
    OrganizationFactory(name="某省", kind="province")
    with pytest.raises(CommandError, match="已有组织"):
        seed()
    assert Organization.objects.count() == 1


def test_a_taken_demo_username_is_refused_and_nothing_is_created(db):
    UserFactory(username="reviewer")
    with pytest.raises(CommandError, match="reviewer"):
        seed()
    assert not Organization.objects.exists()
    assert get_user_model().objects.count() == 1


@pytest.mark.parametrize("scale", [0, -1, 1000])
def test_a_scale_out_of_range_is_refused_in_chinese(db, scale):
    with pytest.raises(CommandError, match="规模"):
        seed(scale=scale)
    assert not Organization.objects.exists()


def digest_of_a_run(**options) -> str:
    with transaction.atomic():
        seed(**options)
        digest = data_digest()
        transaction.set_rollback(True)
    return digest


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(db):
    first = digest_of_a_run(seed=2010)
    assert not Organization.objects.exists()
    assert digest_of_a_run(seed=2010) == first
    assert digest_of_a_run(seed=7) != first


def test_scale_two_gives_about_twice_the_members(db):
    with transaction.atomic():
        seed()
        single = Member.objects.count()
        transaction.set_rollback(True)
    out = seed(scale=2)
    assert 1.7 * single <= Member.objects.count() <= 2.3 * single
    assert str(Member.objects.count()) in out
