"""The demonstration accounts: one per role, all with one published password.

Everything that says who the demo users are lives here, so seed_demo creates exactly what
demo_accounts prints. The password passes Django's validators but is public: demo data only.
"""

from dataclasses import dataclass

from chengnuo.accounts.models import Role

from .geography import PROVINCE, SHOWCASE_CITY, SHOWCASE_COUNTY, SHOWCASE_TOWNSHIP

DEMO_PASSWORD = "chengnuo-demo-2010"

SHOWCASE_COMMUNITY = "曙光社区"
SHOWCASE_COMMITTEE = f"{SHOWCASE_COMMUNITY}党委"
SHOWCASE_BRANCH = f"{SHOWCASE_COMMUNITY}第一党支部"
SHOWCASE_BRANCH_POST = "环境卫生监督岗"

# Where an account works, as the names from the province down.
PLACES: dict[str, tuple[str, ...]] = {
    "province": (PROVINCE,),
    "city": (PROVINCE, SHOWCASE_CITY),
    "county": (PROVINCE, SHOWCASE_CITY, SHOWCASE_COUNTY),
    "branch": (PROVINCE, SHOWCASE_CITY, SHOWCASE_COUNTY, SHOWCASE_TOWNSHIP,
               SHOWCASE_COMMITTEE, SHOWCASE_BRANCH),
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    place: str  # a key of PLACES: where the account lands after login
    role: str | None = None  # a Role granted at place
    superuser: bool = False
    member: str | None = None  # "secretary" or "member": the member record it is linked to

    @property
    def organization_names(self) -> tuple[str, ...]:
        return PLACES[self.place]


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", "province", superuser=True),
    DemoAccount("county_admin", "county", role=Role.ADMIN),
    DemoAccount("reviewer", "city", role=Role.REVIEWER),
    DemoAccount("inspector", "county", role=Role.INSPECTOR),
    DemoAccount("secretary", "branch", role=Role.ADMIN, member="secretary"),
    DemoAccount("member", "branch", member="member"),
)
