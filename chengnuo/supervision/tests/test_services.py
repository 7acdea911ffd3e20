"""Filing and correcting the quarterly review (督诺): the rules and every refusal."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.notifications.models import Notification
from chengnuo.supervision.models import (
    MemberComment,
    OverdueKind,
    OverdueRecord,
    QuarterlyReview,
)
from chengnuo.supervision.services import (
    quarterly_review_correct,
    quarterly_review_file,
)
from chengnuo.tests.factories import CycleFactory

pytestmark = pytest.mark.django_db

SUMMARY = "本季度支部承诺事项总体推进顺利，走访困难群众工作按计划开展。"


@pytest.fixture
def members(member, fellow_member):
    return [member, fellow_member]


def good_comments(*members, rating="good"):
    return {m.pk: (rating, f"{m.name}认真履诺，按时上报进展。") for m in members}


def file(actor, organization, cycle, quarter=1, **overrides):
    arguments = {"summary": SUMMARY, "comments": good_comments(
        *organization.members.all())} | overrides
    return quarterly_review_file(actor=actor, organization=organization, cycle=cycle,
                                 quarter=quarter, **arguments)


def messages_of(error: ValidationError) -> list[str]:
    return error.messages


def test_the_secretary_files_a_summary_and_one_comment_on_every_member(
        branch_secretary, branch, cycle, members, publish):
    publish(member=members[0])
    review = file(branch_secretary, branch, cycle)
    assert (review.number, review.quarter, review.summary) == (1, 1, SUMMARY)
    assert review.filed_by == branch_secretary and review.supersedes is None
    assert {c.member_id: c.rating for c in review.comments.all()} == {
        members[0].pk: "good", members[1].pk: "good"}
    # The facts the page showed are kept with the filing.
    assert [row["name"] for row in review.facts["members"]] == ["李建国", "王秀英"]
    assert review.facts["totals"]["items"] == 3
    event = AuditEvent.objects.get(action="quarterly_review.file")
    assert event.actor == branch_secretary and event.changes["comments"] == [None, 2]


def test_filing_resolves_the_record_of_the_missing_review(
        branch_secretary, branch, cycle, members, travel):
    travel(datetime.date(2025, 4, 3))
    record = OverdueRecord.objects.create(
        kind=OverdueKind.QUARTERLY_REVIEW, subject_key=f"review:{branch.pk}:{cycle.pk}:1",
        organization=branch, cycle=cycle, quarter=1, description="第一季度督诺",
        due_on=datetime.date(2025, 3, 31), detected_on=datetime.date(2025, 4, 1))
    file(branch_secretary, branch, cycle)
    record.refresh_from_db()
    assert record.resolved_on == datetime.date(2025, 4, 3)


def test_a_member_rated_poor_is_told_the_comment(
        branch_secretary, branch, cycle, member, member_user, fellow_member):
    comments = good_comments(fellow_member) | {member.pk: ("poor", "两项承诺逾期，请抓紧整改。")}
    review = file(branch_secretary, branch, cycle, comments=comments)
    (told,) = Notification.objects.filter(kind="supervision.comment")
    assert told.recipient == member_user and told.body == "两项承诺逾期，请抓紧整改。"
    assert told.dedupe_key == f"review-comment:{review.pk}:{member.pk}"


def test_the_poorly_rated_member_is_told_in_chinese_whatever_the_secretarys_language(
        branch_secretary, branch, cycle, member, fellow_member):
    from django.utils import translation

    comments = good_comments(fellow_member) | {member.pk: ("poor", "两项承诺逾期。")}
    with translation.override("en"):
        file(branch_secretary, branch, cycle, comments=comments)
    (told,) = Notification.objects.filter(kind="supervision.comment")
    assert "差" in told.title and "Poor" not in told.title


def test_a_second_review_for_the_same_quarter_is_refused(
        branch_secretary, branch, cycle, members):
    file(branch_secretary, branch, cycle)
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, summary="再交一次")
    assert messages_of(refused.value) == ["本季度督诺已经提交，如需更正请提交更正。"]
    assert QuarterlyReview.objects.count() == 1


def test_a_quarter_that_has_not_started_is_refused(branch_secretary, branch, cycle, members):
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, quarter=2)
    assert "2025-04-01" in messages_of(refused.value)[0]
    assert not QuarterlyReview.objects.exists()


def test_a_quarter_outside_one_to_four_is_refused(branch_secretary, branch, cycle, members):
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, quarter=5)
    assert refused.value.message_dict == {"quarter": ["一个年度只有第一至第四季度。"]}
    assert not QuarterlyReview.objects.exists()


def test_a_member_left_without_a_comment_is_named(branch_secretary, branch, cycle, member,
                                                   fellow_member):
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, comments=good_comments(member))
    assert "李建国" in messages_of(refused.value)[0]
    assert not QuarterlyReview.objects.exists() and not MemberComment.objects.exists()


def test_a_comment_on_someone_outside_the_organization_is_refused(
        branch_secretary, branch, cycle, members, other_member):
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle,
             comments=good_comments(*members, other_member))
    assert messages_of(refused.value) == ["只点评本组织的党员。"]
    assert not QuarterlyReview.objects.exists()


def test_an_unknown_rating_is_refused_beside_the_member(branch_secretary, branch, cycle,
                                                        member, fellow_member):
    comments = good_comments(fellow_member) | {member.pk: ("excellent", "很好")}
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, comments=comments)
    assert refused.value.message_dict == {f"rating_{member.pk}": ["请为王秀英选择评价等次。"]}
    assert not QuarterlyReview.objects.exists()


def test_a_comment_without_words_is_refused(branch_secretary, branch, cycle, member,
                                            fellow_member):
    comments = good_comments(fellow_member) | {member.pk: ("good", "  ")}
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, comments=comments)
    assert list(refused.value.message_dict) == [f"words_{member.pk}"]


def test_an_empty_summary_is_refused(branch_secretary, branch, cycle, members):
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, summary=" ")
    assert list(refused.value.message_dict) == ["summary"]
    assert not QuarterlyReview.objects.exists()


def test_a_summary_too_long_is_refused(branch_secretary, branch, cycle, members):
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, summary="长" * 5001)
    assert refused.value.message_dict == {"summary": ["梳理总结太长了。"]}
    assert not QuarterlyReview.objects.exists()


def test_a_comment_too_long_is_refused_beside_the_member(branch_secretary, branch, cycle,
                                                         member, fellow_member):
    comments = good_comments(fellow_member) | {member.pk: ("good", "好" * 1001)}
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, comments=comments)
    assert refused.value.message_dict == {f"words_{member.pk}": ["对王秀英的点评太长了。"]}
    assert not QuarterlyReview.objects.exists() and not MemberComment.objects.exists()


def test_a_comment_keyed_by_something_not_a_member_id_is_refused(branch_secretary, branch,
                                                                 cycle, members):
    comments = good_comments(*members) | {"somebody": ("good", "很好")}
    with pytest.raises(ValidationError) as refused:
        file(branch_secretary, branch, cycle, comments=comments)
    assert refused.value.message_dict == {"comments": ["未知的党员。"]}
    assert not QuarterlyReview.objects.exists()


@pytest.mark.parametrize("who", ["member_user", "county_reviewer"])
def test_someone_who_sees_the_organization_but_does_not_manage_it_is_refused(
        request, who, branch, cycle, members):
    with pytest.raises(ValidationError) as refused:
        file(request.getfixturevalue(who), branch, cycle)
    assert messages_of(refused.value) == ["只有本组织的管理员才能提交季度督诺。"]


def test_a_secretary_of_another_county_gets_404(other_secretary, branch, cycle, members):
    with pytest.raises(OutOfReach):
        file(other_secretary, branch, cycle)


def test_the_county_admin_may_file_for_a_branch_of_the_county(county_admin, branch, cycle,
                                                               members):
    assert file(county_admin, branch, cycle).filed_by == county_admin


def test_an_administrative_level_files_no_quarterly_review(county_admin, township, cycle):
    with pytest.raises(ValidationError) as refused:
        file(county_admin, township, cycle, comments={})
    assert messages_of(refused.value) == ["只有基层党组织提交季度督诺。"]


def test_a_cycle_that_does_not_cover_the_organization_is_refused(
        other_secretary, other_branch, other_county, cycle):
    with pytest.raises(ValidationError) as refused:
        file(other_secretary, other_branch, cycle, comments={})
    assert messages_of(refused.value) == ["该年度不适用于本组织。"]


def test_an_organization_without_members_files_only_its_summary(county_admin, committee,
                                                                cycle):
    review = file(county_admin, committee, cycle, comments={})
    assert review.comments.count() == 0


# ---- corrections ---------------------------------------------------------------------------

def test_a_correction_is_a_new_version_and_the_filed_one_stays(
        branch_secretary, branch, cycle, member, fellow_member):
    first = file(branch_secretary, branch, cycle)
    comments = good_comments(fellow_member) | {member.pk: ("average", "进展偏慢。")}
    second = quarterly_review_correct(actor=branch_secretary, review=first,
                                      summary=SUMMARY + "（更正）", comments=comments,
                                      reason="王秀英的点评写错了")
    assert (second.number, second.supersedes, second.correction_reason) == (
        2, first, "王秀英的点评写错了")
    first.refresh_from_db()
    assert first.summary == SUMMARY
    assert first.comments.get(member=member).rating == "good"
    assert second.comments.get(member=member).rating == "average"
    assert AuditEvent.objects.filter(action="quarterly_review.correct").count() == 1


def test_a_correction_without_a_reason_is_refused(branch_secretary, branch, cycle, members):
    first = file(branch_secretary, branch, cycle)
    with pytest.raises(ValidationError) as refused:
        quarterly_review_correct(actor=branch_secretary, review=first, summary=SUMMARY,
                                 comments=good_comments(*members), reason="  ")
    assert list(refused.value.message_dict) == ["reason"]
    assert QuarterlyReview.objects.count() == 1


def test_a_correction_with_a_reason_too_long_is_refused(branch_secretary, branch, cycle,
                                                        members):
    first = file(branch_secretary, branch, cycle)
    with pytest.raises(ValidationError) as refused:
        quarterly_review_correct(actor=branch_secretary, review=first, summary=SUMMARY,
                                 comments=good_comments(*members), reason="因" * 501)
    assert refused.value.message_dict == {"reason": ["理由太长了。"]}
    assert QuarterlyReview.objects.count() == 1


def test_a_version_already_corrected_is_not_corrected_again(branch_secretary, branch,
                                                            cycle, members):
    first = file(branch_secretary, branch, cycle)
    quarterly_review_correct(actor=branch_secretary, review=first, summary=SUMMARY,
                             comments=good_comments(*members), reason="补充")
    with pytest.raises(ValidationError) as refused:
        quarterly_review_correct(actor=branch_secretary, review=first, summary=SUMMARY,
                                 comments=good_comments(*members), reason="再补充")
    assert messages_of(refused.value) == ["该版本已经更正过，请更正最新版本。"]
    assert QuarterlyReview.objects.count() == 2


def test_a_correction_by_someone_who_does_not_manage_is_refused(
        branch_secretary, member_user, other_secretary, branch, cycle, members):
    first = file(branch_secretary, branch, cycle)
    with pytest.raises(ValidationError) as refused:
        quarterly_review_correct(actor=member_user, review=first, summary=SUMMARY,
                                 comments=good_comments(*members), reason="改")
    assert messages_of(refused.value) == ["只有本组织的管理员才能提交季度督诺。"]
    with pytest.raises(OutOfReach):
        quarterly_review_correct(actor=other_secretary, review=first, summary=SUMMARY,
                                 comments=good_comments(*members), reason="改")
    assert QuarterlyReview.objects.count() == 1


def test_a_correction_tells_only_members_whose_poor_comment_is_new(
        branch_secretary, branch, cycle, member, fellow_member, member_user):
    fellow_member.user = member_user.__class__.objects.create(username="fellow")
    fellow_member.save(update_fields=["user"])
    poor = {member.pk: ("poor", "逾期未完成。"), fellow_member.pk: ("good", "很好。")}
    first = file(branch_secretary, branch, cycle, comments=poor)
    poor[fellow_member.pk] = ("poor", "未上报进展。")
    quarterly_review_correct(actor=branch_secretary, review=first, summary=SUMMARY,
                             comments=poor, reason="补充李建国的点评")
    told = Notification.objects.filter(kind="supervision.comment")
    assert sorted(n.recipient.username for n in told) == ["fellow", "member_user"]


def test_the_database_keeps_one_version_per_number(branch_secretary, branch, cycle, members):
    from django.db import IntegrityError, transaction

    first = file(branch_secretary, branch, cycle)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuarterlyReview.objects.create(organization=branch, cycle=cycle, quarter=1,
                                       number=1, summary="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        # A later version without a reason breaks the correction rule.
        QuarterlyReview.objects.create(organization=branch, cycle=cycle, quarter=1,
                                       number=2, summary="x", supersedes=first)


def test_cycles_of_another_year_keep_their_own_quarters(branch_secretary, branch, county,
                                                        cycle, members):
    file(branch_secretary, branch, cycle)
    later = CycleFactory(organization=county, year=2024, solicitation_opens=datetime.date(
        2024, 1, 1), commitment_deadline=datetime.date(2024, 3, 31),
        quarter_1_ends=datetime.date(2024, 3, 31), quarter_2_ends=datetime.date(2024, 6, 30),
        quarter_3_ends=datetime.date(2024, 9, 30), quarter_4_ends=datetime.date(2024, 12, 31))
    assert file(branch_secretary, branch, later).number == 1
