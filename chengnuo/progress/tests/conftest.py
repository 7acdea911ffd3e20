"""Fixtures of the progress tests: a cycle open at the county, and published pledges built
through the real workflow, with a schedule (milestones) when asked.

Dates: the cycle is laid out around today (factories.cycle_dates); tests that report
progress travel forward with time_machine, because a report cannot be dated before the
pledge was made public nor after today.
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chengnuo.pledges import services
from chengnuo.tests.factories import ALL_CRITERIA, CycleFactory

DAY = datetime.timedelta(days=1)


@pytest.fixture
def cycle(county):
    return CycleFactory(organization=county)


@pytest.fixture
def publish(branch_secretary, county_reviewer, cycle):
    """publish(member=…|organization=…, items=3, milestones=2, oral=False): a published
    pledge whose items are due at the end of the second quarter, each with `milestones`
    milestones spread before that."""

    def publish(*, member=None, organization=None, items=3, milestones=2, oral=False,
                actor=None):
        actor = actor or branch_secretary
        pledge = services.pledge_start(actor=actor, cycle=cycle, member=member,
                                       organization=organization, oral=oral)
        due = cycle.quarter_2_ends
        category = "lead_service" if member is not None else "practical_service"
        for n in range(items):
            services.item_add(
                actor=actor, pledge=pledge, category=category,
                content=f"每月走访困难群众不少于{n + 2}户，帮助解决实际困难",
                target=f"全年走访{(n + 2) * 12}户次", due_date=due,
                milestones=[(f"第{m + 1}阶段完成", cycle.quarter_1_ends + m * 10 * DAY)
                            for m in range(milestones)])
        services.pledge_submit(actor=actor, pledge=pledge)
        services.pledge_review(actor=county_reviewer if member is None else branch_secretary,
                               pledge=pledge, decision="approved", criteria_met=ALL_CRITERIA,
                               higher_standard_confirmed=True)
        services.pledge_publish(actor=branch_secretary, pledge=pledge)
        pledge.refresh_from_db()
        return pledge

    return publish


def first_item(pledge):
    return pledge.published_version.items.order_by("position", "pk").first()


def jpeg(name: str = "photo.jpg", size=(64, 48)) -> SimpleUploadedFile:
    """A real JPEG photo, as a phone would upload it."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def forged(name: str = "photo.jpg") -> SimpleUploadedFile:
    """A file that calls itself a JPEG photo and is not one."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a picture at all" * 20,
                              content_type="image/jpeg")
