"""Named actors shared by every test: a small province with two counties.

    浙江省 (province)
    └── 杭州市 (city)
        ├── 西湖区 (county)            ← county_admin, county_reviewer, county_inspector
        │   └── 北山街道 (township)
        │       └── 北山社区党委 (committee, community)
        │           └── 第一党支部 (branch)   ← branch_secretary; member_user is a member here
        └── 余杭区 (county)
            └── 良渚街道 (township)
                └── 良渚村党支部 (branch)      ← other_secretary (another county)
"""

import pytest

from chengnuo.accounts.models import Role
from chengnuo.tests.factories import (
    MemberFactory,
    OrganizationFactory,
    RoleGrantFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Production hashing is deliberately slow; tests only need it to be a real hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached public pages and login-failure counters must not leak from one test to another.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path_factory):
    # Evidence and photos stored by a test go to a throwaway folder, never the project's.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _chinese_first():
    # The interface defaults to Chinese; a test that switched to English must not leave the
    # thread's language behind for the next one.
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


@pytest.fixture
def province(db):
    return OrganizationFactory(name="浙江省", kind="province", parent=None)


@pytest.fixture
def city(province):
    return OrganizationFactory(name="杭州市", kind="city", parent=province)


@pytest.fixture
def county(city):
    return OrganizationFactory(name="西湖区", kind="county", parent=city)


@pytest.fixture
def township(county):
    return OrganizationFactory(name="北山街道", kind="township", parent=county)


@pytest.fixture
def committee(township):
    return OrganizationFactory(name="北山社区党委", kind="committee", sector="community",
                               parent=township)


@pytest.fixture
def branch(committee):
    return OrganizationFactory(name="第一党支部", kind="branch", sector="community",
                               parent=committee)


@pytest.fixture
def other_county(city):
    return OrganizationFactory(name="余杭区", kind="county", parent=city)


@pytest.fixture
def other_branch(other_county):
    town = OrganizationFactory(name="良渚街道", kind="township", parent=other_county)
    return OrganizationFactory(name="良渚村党支部", kind="branch", sector="rural", parent=town)


@pytest.fixture
def county_admin(county):
    return RoleGrantFactory(organization=county, role=Role.ADMIN,
                            user=UserFactory(username="county_admin")).user


@pytest.fixture
def county_reviewer(county):
    return RoleGrantFactory(organization=county, role=Role.REVIEWER,
                            user=UserFactory(username="county_reviewer")).user


@pytest.fixture
def county_inspector(county):
    return RoleGrantFactory(organization=county, role=Role.INSPECTOR,
                            user=UserFactory(username="county_inspector")).user


@pytest.fixture
def branch_secretary(branch):
    return RoleGrantFactory(organization=branch, role=Role.ADMIN,
                            user=UserFactory(username="branch_secretary")).user


@pytest.fixture
def other_secretary(other_branch):
    return RoleGrantFactory(organization=other_branch, role=Role.ADMIN,
                            user=UserFactory(username="other_secretary")).user


@pytest.fixture
def member(branch):
    return MemberFactory(organization=branch, name="王秀英",
                         user=UserFactory(username="member_user"))


@pytest.fixture
def member_user(member):
    return member.user


@pytest.fixture
def fellow_member(branch):
    return MemberFactory(organization=branch, name="李建国")


@pytest.fixture
def other_member(other_branch):
    return MemberFactory(organization=other_branch, name="张伟")


@pytest.fixture
def system_admin(db):
    return UserFactory(username="system_admin", is_superuser=True, is_staff=True)


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
