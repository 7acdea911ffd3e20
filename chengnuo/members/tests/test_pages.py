import pytest
from django.urls import reverse

from chengnuo.audit.models import AuditEvent
from chengnuo.members.models import Member
from chengnuo.tests.factories import OrganizationFactory


def test_member_sees_own_page_with_full_phone(client, member_user, member):
    client.force_login(member_user)
    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert member.phone in page


def test_member_gets_404_for_a_fellow_members_page(client, member_user, fellow_member):
    client.force_login(member_user)
    assert client.get(reverse("members:detail", args=[fellow_member.pk])).status_code == 404


def test_reviewer_sees_a_masked_phone(client, county_reviewer, member):
    client.force_login(county_reviewer)
    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert member.phone not in page and member.masked_phone in page


@pytest.mark.parametrize("name", ["members:detail", "members:edit"])
def test_member_of_another_county_is_404(client, county_admin, other_member, name):
    client.force_login(county_admin)
    assert client.get(reverse(name, args=[other_member.pk])).status_code == 404


def test_guessing_an_id_that_does_not_exist_is_404(client, county_admin):
    client.force_login(county_admin)
    assert client.get(reverse("members:detail", args=[999999])).status_code == 404


def test_secretary_adds_a_member_through_the_form(client, branch_secretary, branch):
    client.force_login(branch_secretary)
    response = client.post(reverse("members:create", args=[branch.slug]), {
        "name": "周红梅", "gender": "female", "birth_date": "1975-04-03",
        "joined_date": "2001-07-01", "phone": "13600001111", "in_service": "on"})
    member = Member.objects.get(name="周红梅")
    assert response.url == reverse("members:detail", args=[member.pk])
    assert member.organization == branch and member.in_service


def test_contradictory_categories_are_shown_beside_the_field(client, branch_secretary, branch):
    client.force_login(branch_secretary)
    response = client.post(reverse("members:create", args=[branch.slug]), {
        "name": "周红梅", "gender": "female", "birth_date": "1975-04-03",
        "joined_date": "2001-07-01", "in_service": "on", "retired": "on"})
    assert response.status_code == 200
    assert "不能同时是在职和离退休" in response.content.decode()
    assert not Member.objects.filter(name="周红梅").exists()


def test_residence_community_is_chosen_by_its_code(client, branch_secretary, branch, township):
    community = OrganizationFactory(kind="committee", sector="community", parent=township,
                                    slug="beishan-sq")
    client.force_login(branch_secretary)
    client.post(reverse("members:create", args=[branch.slug]), {
        "name": "钱进", "gender": "male", "birth_date": "1980-01-01",
        "joined_date": "2005-07-01", "in_service": "on", "residence_code": "beishan-sq"})
    assert Member.objects.get(name="钱进").residence_organization == community


def test_editing_records_the_change_in_the_history(client, branch_secretary, member):
    client.force_login(branch_secretary)
    client.post(reverse("members:edit", args=[member.pk]), {
        "name": "王秀兰", "gender": member.gender, "birth_date": "1970-05-01",
        "joined_date": "1995-07-01", "phone": member.phone})
    member.refresh_from_db()
    assert member.name == "王秀兰"
    assert AuditEvent.objects.filter(subject_id=member.pk, action="member.update").exists()
    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert "王秀英" in page and "王秀兰" in page


def _png(size=(60, 80)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_photo_is_stored_with_the_member(client, branch_secretary, member, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(branch_secretary)
    client.post(reverse("members:edit", args=[member.pk]), {
        "name": member.name, "gender": member.gender, "birth_date": "1970-05-01",
        "joined_date": "1995-07-01", "phone": member.phone,
        "photo": SimpleUploadedFile("me.png", _png(), content_type="image/png")})
    member.refresh_from_db()
    assert member.photo and (tmp_path / member.photo.name).exists()


def test_a_file_that_is_not_an_image_is_refused_as_photo(client, branch_secretary, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(branch_secretary)
    response = client.post(reverse("members:edit", args=[member.pk]), {
        "name": member.name, "gender": member.gender, "birth_date": "1970-05-01",
        "joined_date": "1995-07-01", "phone": member.phone,
        "photo": SimpleUploadedFile("me.png", b"not an image", content_type="image/png")})
    assert response.status_code == 200
    member.refresh_from_db()
    assert not member.photo


def test_county_admin_transfers_a_member_between_branches(client, county_admin, member,
                                                          committee):
    target = OrganizationFactory(kind="branch", sector="community", parent=committee,
                                 slug="second-branch")
    client.force_login(county_admin)
    response = client.post(reverse("members:transfer", args=[member.pk]),
                           {"organization_code": "second-branch"})
    assert response.url == reverse("members:detail", args=[member.pk])
    member.refresh_from_db()
    assert member.organization == target
    assert AuditEvent.objects.filter(subject_id=member.pk,
                                     changes__has_key="organization").exists()


def test_transfer_to_an_organization_outside_reach_reads_as_unknown(client, branch_secretary,
                                                                    member, other_branch):
    client.force_login(branch_secretary)
    response = client.post(reverse("members:transfer", args=[member.pk]),
                           {"organization_code": other_branch.slug})
    assert "找不到该组织" in response.content.decode()
    member.refresh_from_db()
    assert member.organization != other_branch


def test_transfer_to_a_township_is_refused_beside_the_field(client, county_admin, member,
                                                            township):
    client.force_login(county_admin)
    response = client.post(reverse("members:transfer", args=[member.pk]),
                           {"organization_code": township.slug})
    assert "基层党组织" in response.content.decode()
    member.refresh_from_db()
    assert member.organization != township
