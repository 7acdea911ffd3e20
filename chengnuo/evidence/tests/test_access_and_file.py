"""Who may open evidence, and how the file is served."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from chengnuo.deeds.models import Deed
from chengnuo.evidence.access import may_view
from chengnuo.evidence.services import evidence_store, evidence_store_many
from chengnuo.progress.models import ProgressReport
from chengnuo.tests.factories import CycleFactory, published_pledge

from .files import image_upload, office_upload, pdf_upload


@pytest.fixture
def photo(member_user):
    return evidence_store(actor=member_user, upload=image_upload())


@pytest.fixture
def reported(photo, county, member, member_user, branch_secretary):
    """The photo backs a progress report on the member's published pledge."""
    pledge = published_pledge(actor=member_user, reviewer=branch_secretary,
                              publisher=branch_secretary,
                              cycle=CycleFactory(organization=county),
                              member=member)
    report = ProgressReport.objects.create(
        item=pledge.published_version.items.first(), pledge=pledge,
        reported_on=datetime.date.today(), percent=30, narrative="走访了三户",
        reported_by=member_user)
    report.evidence.add(photo)
    return photo


@pytest.fixture
def deed_photo(fellow_member, branch, branch_secretary):
    photo = evidence_store(actor=branch_secretary, upload=image_upload())
    deed = Deed.objects.create(member=fellow_member, organization=branch,
                               occurred_on=datetime.date.today(), description="扶老人过马路",
                               source="organization")
    deed.evidence.add(photo)
    return photo


def test_public_evidence_is_open_to_everyone(photo, anonymous):
    photo.public = True
    assert may_view(anonymous, photo)


def test_private_evidence_is_closed_to_the_public(photo, anonymous):
    assert not may_view(anonymous, photo)


def test_the_uploader_sees_their_own_evidence(photo, member_user):
    assert may_view(member_user, photo)


def test_unattached_evidence_is_only_the_uploaders(photo, branch_secretary):
    assert not may_view(branch_secretary, photo)


def test_progress_evidence_is_seen_by_whoever_reaches_the_pledge(reported, branch_secretary,
                                                                  county_reviewer):
    assert may_view(branch_secretary, reported) and may_view(county_reviewer, reported)


def test_progress_evidence_is_hidden_outside_the_subtree(reported, other_secretary,
                                                         fellow_member):
    assert not may_view(other_secretary, reported)


def test_deed_evidence_is_seen_by_whoever_reaches_the_member(deed_photo, county_admin,
                                                             other_secretary, member_user):
    assert may_view(county_admin, deed_photo)
    assert not may_view(other_secretary, deed_photo)
    assert not may_view(member_user, deed_photo)  # a fellow member's record


def test_a_system_admin_sees_everything(photo, system_admin):
    assert may_view(system_admin, photo)


def test_another_app_adds_its_attachment_in_one_entry(photo, branch_secretary, monkeypatch):
    from chengnuo.evidence import access

    monkeypatch.setattr(access, "REACH", dict(access.REACH))
    assert not may_view(branch_secretary, photo)
    # As if the photo were attached through "deeds" to something the secretary reaches.
    access.reach_through("deeds", lambda user, deeds: type(photo).objects.filter(pk=photo.pk))
    assert may_view(branch_secretary, photo)


# The file view


def test_the_uploader_gets_the_image_inline_and_private(client, photo, member_user):
    client.force_login(member_user)
    response = client.get(reverse("evidence:file", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_an_office_document_is_downloaded_not_opened(client, member_user):
    sheet = evidence_store(actor=member_user, upload=office_upload("统计.xlsx", kind="xlsx"))
    client.force_login(member_user)
    response = client.get(reverse("evidence:file", args=[sheet.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert "xlsx" in response["Content-Disposition"]


def test_a_pdf_opens_in_the_browser(client, member_user):
    minutes = evidence_store(actor=member_user, upload=pdf_upload())
    client.force_login(member_user)
    response = client.get(reverse("evidence:file", args=[minutes.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")


def test_public_evidence_sets_no_cookie_and_may_be_cached(client, photo,
                                                           django_assert_num_queries):
    photo.public = True
    photo.save(update_fields=["public"])
    with django_assert_num_queries(1):
        response = client.get(reverse("evidence:file", args=[photo.pk]))
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["Cache-Control"].startswith("public")


def test_private_evidence_is_404_for_the_public(client, photo):
    assert client.get(reverse("evidence:file", args=[photo.pk])).status_code == 404


def test_private_evidence_is_404_outside_the_subtree(client, reported, other_secretary,
                                                     branch_secretary):
    client.force_login(other_secretary)
    assert client.get(reverse("evidence:file", args=[reported.pk])).status_code == 404
    client.force_login(branch_secretary)
    assert client.get(reverse("evidence:file", args=[reported.pk])).status_code == 200


def test_an_unknown_evidence_id_is_404(client, db):
    url = reverse("evidence:file", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_only_reading_is_allowed(client, photo, member_user):
    client.force_login(member_user)
    assert client.post(reverse("evidence:file", args=[photo.pk])).status_code == 405


# The list partial


def test_the_list_shows_photos_as_sized_thumbnails_and_documents_with_their_size(
        member_user, django_assert_num_queries):
    evidence = evidence_store_many(actor=member_user,
                                   uploads=[image_upload(), pdf_upload("会议记录.pdf")])
    with django_assert_num_queries(0):
        html = render_to_string("evidence/_list.html", {"evidence": evidence})
    url = reverse("evidence:file", args=[evidence[0].pk])
    assert f'src="{url}"' in html and 'width="64" height="48"' in html
    assert 'alt="佐证照片 1"' in html
    assert "会议记录.pdf" in html and "字节" in html


def test_the_list_renders_nothing_without_evidence():
    assert render_to_string("evidence/_list.html", {"evidence": []}).strip() == ""
