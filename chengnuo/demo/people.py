"""Demonstration members: who they are and which of the guideline's categories they fall in.

The roster is drawn as of mid-2010, the guideline's year: everyone joined the party by then,
at 18 or older. The categories follow guideline part 一 item 四 and respect Member.clean():
a leader is never "without a post", nobody is both in service and retired, and only
members in service report to a residence community (assigned later, by the builder).
"""

import datetime
import random
from dataclasses import dataclass

from chengnuo.members.models import Gender
from chengnuo.organizations.models import Sector

from .names import person_name

AS_OF = datetime.date(2010, 7, 1)
WORK_UNIT_SECTORS = {Sector.GOVERNMENT, Sector.PUBLIC_INSTITUTION, Sector.STATE_ENTERPRISE,
                     Sector.PRIVATE_ENTERPRISE, Sector.SOCIAL_ORGANIZATION, Sector.SCHOOL}
# Mobile prefixes in use in 2010 (China Mobile, Unicom, Telecom).
PHONE_PREFIXES = ("134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158",
                  "159", "187", "188", "130", "131", "132", "155", "156", "186", "133", "153",
                  "180", "189")


@dataclass
class Person:
    name: str
    gender: str
    birth_date: datetime.date
    joined_date: datetime.date
    phone: str
    holds_leadership_post: bool = False
    in_service: bool = False
    without_post: bool = False
    elderly_or_low_literacy: bool = False
    retired: bool = False


def age_range(sector: str, *, leader: bool, retirees: bool) -> tuple[int, int]:
    if retirees:  # a retirees' branch is led by one of them, a younger retiree
        return (58, 75) if leader else (58, 88)
    if leader:
        return 30, 58
    if sector in {Sector.RURAL, Sector.COMMUNITY}:
        return 24, 88
    if sector == Sector.PRIVATE_ENTERPRISE:
        return 22, 52
    return 23, 59


def female_share(birth_year: int) -> float:
    """Women were about a fifth of older members and a good third of younger ones."""
    if birth_year < 1950:
        return 0.18
    if birth_year < 1970:
        return 0.28
    return 0.42


def dates(rng: random.Random, age: int) -> tuple[datetime.date, datetime.date]:
    birth = datetime.date(AS_OF.year - age, rng.randint(1, 12), rng.randint(1, 28))
    # Most join in their twenties; some later, never before 18.
    join_age = min(age - 1, 18 + int(rng.triangular(0, 27, 5)))
    eighteenth = birth.replace(year=birth.year + 18)
    joined = birth.replace(year=birth.year + join_age) + datetime.timedelta(
        days=rng.randint(0, 300))
    latest = AS_OF - datetime.timedelta(days=rng.randint(30, 360))
    return birth, max(eighteenth, min(joined, latest))


def new_person(rng: random.Random, *, sector: str, leader: bool, retirees: bool,
               phones: set[str]) -> Person:
    low, high = age_range(sector, leader=leader, retirees=retirees)
    age = int(rng.triangular(low, high, low + (high - low) * 0.4))
    birth, joined = dates(rng, age)
    gender = Gender.FEMALE if rng.random() < female_share(birth.year) else Gender.MALE
    person = Person(name=person_name(rng, gender, birth.year), gender=gender,
                    birth_date=birth, joined_date=joined, phone=new_phone(rng, phones))
    assign_categories(rng, person, sector=sector, age=age, leader=leader, retirees=retirees)
    return person


def assign_categories(rng: random.Random, person: Person, *, sector: str, age: int,
                      leader: bool, retirees: bool) -> None:
    retiring_age = 55 if person.gender == Gender.FEMALE else 60
    working_age = age < retiring_age
    person.holds_leadership_post = leader
    if sector in WORK_UNIT_SECTORS:
        person.in_service = working_age and not retirees
        person.retired = not person.in_service
        person.without_post = not leader and person.in_service and rng.random() < 0.2
    elif sector == Sector.COMMUNITY:
        person.retired = not working_age and rng.random() < 0.8
        person.in_service = working_age and rng.random() < 0.3
        person.without_post = not leader and rng.random() < 0.75
    else:  # rural: farmers neither retire nor are "in service"; most hold no post
        person.in_service = working_age and rng.random() < 0.15
        person.without_post = not leader and rng.random() < 0.8
    frail_chance = 0.85 if age >= 75 else 0.45 if age >= 65 else 0.05
    if sector == Sector.RURAL and age >= 60:
        frail_chance = max(frail_chance, 0.5)  # older villagers: often little schooling
    person.elderly_or_low_literacy = not leader and rng.random() < frail_chance


def new_phone(rng: random.Random, phones: set[str]) -> str:
    """A mobile number not yet handed out (11 digits, starting 1[3-9])."""
    while True:
        phone = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if phone not in phones:
            phones.add(phone)
            return phone
