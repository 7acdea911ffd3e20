"""The commitment categories of the guideline (part 三, step 1 提诺).

Organizations commit to the 五个好 and to concrete service for the people; members to the
五带头, their post's duties, and concrete good deeds for the people.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    # Organizations: 五个好 + 为群众办实事
    LEADERSHIP_TEAM = "leadership_team", _("Good leadership team")
    MEMBER_TEAM = "member_team", _("Good body of members")
    WORKING_MECHANISM = "working_mechanism", _("Good working mechanism")
    WORK_RESULTS = "work_results", _("Good work results")
    PUBLIC_REPUTATION = "public_reputation", _("Good public reputation")
    PRACTICAL_SERVICE = "practical_service", _("Practical service for the people")
    # Members: 五带头 + 岗位职责 + 为群众办实事好事
    LEAD_LEARNING = "lead_learning", _("Lead in learning")
    LEAD_EXCELLENCE = "lead_excellence", _("Lead in excellent work")
    LEAD_SERVICE = "lead_service", _("Lead in serving the people")
    LEAD_DISCIPLINE = "lead_discipline", _("Lead in abiding by discipline and law")
    LEAD_INTEGRITY = "lead_integrity", _("Lead in upholding integrity")
    POST_DUTY = "post_duty", _("Duties of the post")
    GOOD_DEEDS = "good_deeds", _("Good deeds for the people")


ORGANIZATION_CATEGORIES = [
    "leadership_team", "member_team", "working_mechanism", "work_results",
    "public_reputation", "practical_service",
]
MEMBER_CATEGORIES = [
    "lead_learning", "lead_excellence", "lead_service", "lead_discipline", "lead_integrity",
    "post_duty", "good_deeds",
]
ALL_CATEGORIES = ORGANIZATION_CATEGORIES + MEMBER_CATEGORIES


def categories_for(*, is_member: bool, in_use: list[str]) -> list[tuple[str, str]]:
    """(value, label) choices an owner may use in a cycle, in the guideline's order."""
    allowed = MEMBER_CATEGORIES if is_member else ORGANIZATION_CATEGORIES
    return [(value, label) for value, label in Category.choices
            if value in allowed and value in in_use]
