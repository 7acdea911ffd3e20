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
