"""factory_boy factories for the whole project; every app's tests build from these."""

import datetime

import factory
from django.contrib.auth import get_user_model

from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.members.models import Member
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization, Post
from chengnuo.organizations.services import next_child_path

PASSWORD = "cn-test-Passw0rd"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class OrganizationFactory(factory.django.DjangoModelFactory):
    """Builds a node in place under parent; the path is allocated like the service does."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"第{n}党支部")
    kind = "branch"
    sector = factory.LazyAttribute(
        lambda o: "rural" if o.kind in {"committee", "general_branch", "branch"} else "")
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        path = next_child_path(kwargs.get("parent"))
        kwargs.update(path=path, depth=tree.depth_of(path))
        return super()._create(model_class, *args, **kwargs)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"环境卫生监督岗{n}")
    responsibilities = "每周巡查小区环境卫生，发现问题及时报告。"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"党员{n}")
    gender = "female"
    birth_date = datetime.date(1970, 5, 1)
    joined_date = datetime.date(1995, 7, 1)
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    organization = factory.SubFactory(OrganizationFactory)


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.ADMIN


# ---- Commitments (cycles, pledges) ---------------------------------------------------------

def cycle_dates(today: datetime.date | None = None) -> dict:
    """Dates of a cycle whose solicitation is open today and whose deadline lies ahead."""
    from django.utils import timezone

    today = today or timezone.localdate()
    day = datetime.timedelta(days=1)
    return {
        "solicitation_opens": today - 30 * day,
        "commitment_deadline": today + 30 * day,
        "quarter_1_ends": today + 60 * day,
        "quarter_2_ends": today + 150 * day,
        "quarter_3_ends": today + 240 * day,
        "quarter_4_ends": today + 330 * day,
    }


class CycleFactory(factory.django.DjangoModelFactory):
    """This year's cycle: solicitation opened a month ago, the deadline a month ahead."""

    class Meta:
        model = "cycles.Cycle"

    organization = factory.SubFactory(OrganizationFactory, kind="county")
    year = factory.LazyFunction(lambda: cycle_dates()["commitment_deadline"].year)
    solicitation_opens = factory.LazyFunction(lambda: cycle_dates()["solicitation_opens"])
    commitment_deadline = factory.LazyFunction(lambda: cycle_dates()["commitment_deadline"])
    quarter_1_ends = factory.LazyFunction(lambda: cycle_dates()["quarter_1_ends"])
    quarter_2_ends = factory.LazyFunction(lambda: cycle_dates()["quarter_2_ends"])
    quarter_3_ends = factory.LazyFunction(lambda: cycle_dates()["quarter_3_ends"])
    quarter_4_ends = factory.LazyFunction(lambda: cycle_dates()["quarter_4_ends"])
    minimum_items = 3
    minimum_items_leader = 5
    maximum_items = 12


# Pledges are built through their services, so every helper below leaves exactly the rows
# and audit events the real workflow would.

ALL_CRITERIA = ("scientific", "advanced", "helps_work", "fits_post", "people_want")


def add_items(pledge, *, actor, count: int, category: str | None = None) -> list:
    """Add count concrete items to the pledge's draft (members: 带头服务群众 by default)."""
    from chengnuo.pledges import services

    category = category or ("lead_service" if pledge.member_id else "practical_service")
    due = pledge.cycle.commitment_deadline + datetime.timedelta(days=30)
    return [services.item_add(actor=actor, pledge=pledge, category=category,
                              content=f"每月走访困难群众不少于{n + 2}户，帮助解决实际困难",
                              target=f"全年走访{(n + 2) * 12}户次", due_date=due)
            for n in range(count)]


def submitted_pledge(*, actor, cycle, member=None, organization=None, items: int = 3,
                     scope: str = "work"):
    """A pledge started, filled with items and submitted by actor."""
    from chengnuo.pledges import services

    pledge = services.pledge_start(actor=actor, cycle=cycle, member=member,
                                   organization=organization, scope=scope)
    add_items(pledge, actor=actor, count=items)
    return services.pledge_submit(actor=actor, pledge=pledge)


def approved_pledge(*, actor, reviewer, **kwargs):
    """A pledge submitted by actor and approved by reviewer on all five criteria."""
    from chengnuo.pledges import services

    pledge = submitted_pledge(actor=actor, **kwargs)
    services.pledge_review(actor=reviewer, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA, higher_standard_confirmed=True)
    pledge.refresh_from_db()
    return pledge


def published_pledge(*, actor, reviewer, publisher, channels=(), **kwargs):
    """A pledge approved by reviewer and published by publisher."""
    from chengnuo.pledges import services

    pledge = approved_pledge(actor=actor, reviewer=reviewer, **kwargs)
    services.pledge_publish(actor=publisher, pledge=pledge, channels=channels)
    pledge.refresh_from_db()
    return pledge
