import segno
from django.urls import reverse

from chengnuo.boards.qr import qr_svg
from chengnuo.pledges import services
from chengnuo.tests.factories import MemberFactory, OrganizationFactory


def test_member_page_shows_published_pledges_with_fingerprint_and_no_phone(client, member,
                                                                          publish):
    pledge = publish(member=member)
    page = client.get(reverse("boards:member", args=[member.public_id])).content.decode()
    assert "王秀英" in page and "第一党支部" in page
    assert "每月走访困难群众不少于2户" in page
    assert pledge.published_version.ledger_entry.fingerprint in page
    assert member.phone not in page


def test_member_page_hides_a_draft_amendment(client, member, branch_secretary, publish):
    pledge = publish(member=member)
    services.pledge_amend(actor=branch_secretary, pledge=pledge, reason="调整")
    services.item_add(actor=branch_secretary, pledge=pledge, category="lead_learning",
                      content="尚未审核的新承诺")
    page = client.get(reverse("boards:member", args=[member.public_id])).content.decode()
    assert "尚未审核的新承诺" not in page
    assert "每月走访困难群众" in page


def test_member_page_names_leadership_and_residence_community(client, branch, committee,
                                                              publish):
    community = OrganizationFactory(name="北山社区居民党支部", kind="branch",
                                    sector="community", parent=committee)
    leader = MemberFactory(organization=branch, name="赵书记", holds_leadership_post=True,
                           in_service=True, residence_organization=community)
    page = client.get(reverse("boards:member", args=[leader.public_id])).content.decode()
    assert "担任领导职务" in page and "北山社区居民党支部" in page
    assert "尚无公开的承诺" in page


def test_unknown_member_is_404(client, db):
    assert client.get(reverse("boards:member", args=["nope"])).status_code == 404
    assert client.get(reverse("boards:badge", args=["nope"])).status_code == 404


def test_public_pages_set_no_cookie_and_do_not_vary_on_cookie(client, branch, member,
                                                              publish):
    publish(member=member)
    for url in (reverse("boards:member", args=[member.public_id]),
                reverse("boards:badge", args=[member.public_id]),
                reverse("boards:sheet", args=[branch.slug]) + "?size=a3"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "Set-Cookie" not in response
        assert "Cookie" not in response.get("Vary", ""), url
        assert "public" in response["Cache-Control"] and "max-age=60" in response[
            "Cache-Control"]
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_sheet_prints_on_a3_with_a_dated_header_and_a_qr_to_the_board(client, branch, member,
                                                                      publish):
    publish(member=member)
    publish(organization=branch)
    page = client.get(reverse("boards:sheet", args=[branch.slug]), {"size": "a3"}).content.decode()
    assert "size: A3" in page and "党务公开栏" in page
    assert "王秀英" in page and "打印日期" in page
    board_url = "http://testserver" + reverse("organizations:public", args=[branch.slug])
    assert str(qr_svg(board_url, title="第一党支部", scale=3)) in page


def test_badge_qr_encodes_the_absolute_member_url(client, member, publish):
    publish(member=member)
    page = client.get(reverse("boards:badge", args=[member.public_id])).content.decode()
    url = "http://testserver" + reverse("boards:member", args=[member.public_id])
    expected = segno.make(url, error="m", micro=False).svg_inline(
        scale=3, border=2, svgclass="qr", title="王秀英", dark="#000", light="#fff")
    assert expected in page
    assert "岗位牌" in page and "每月走访困难群众" in page


def test_qr_helper_encodes_exactly_the_data_it_is_given():
    a = qr_svg("https://example.org/m/abc/")
    assert a == qr_svg("https://example.org/m/abc/")
    assert a != qr_svg("https://example.org/m/abd/")
    assert a.startswith("<svg") and 'class="qr"' in a


def test_member_page_query_count_does_not_grow_with_items(client, member, fellow_member,
                                                          publish):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(member=member, items=3)
    publish(member=fellow_member, items=9)
    counts = []
    for who in (member, fellow_member):
        for name in ("boards:member", "boards:badge"):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(reverse(name, args=[who.public_id]))
            counts.append((name, len(queries)))
    assert counts[0] == counts[2] and counts[1] == counts[3]


def test_the_badges_page_prints_one_badge_per_member_with_their_own_qr(
        client, branch, member, fellow_member, publish):
    publish(member=member)
    publish(member=fellow_member)
    response = client.get(reverse("boards:badges", args=[branch.slug]))
    page = response.content.decode()
    assert page.count('class="badge-card"') == 2
    for who in (member, fellow_member):
        url = "http://testserver" + reverse("boards:member", args=[who.public_id])
        assert str(qr_svg(url, title=who.name, scale=3)) in page
    assert not response.cookies and "Cookie" not in response.get("Vary", "")


def test_the_badges_page_leaves_out_members_without_a_published_pledge(
        client, branch, member, fellow_member, publish):
    publish(member=member)
    page = client.get(reverse("boards:badges", args=[branch.slug])).content.decode()
    assert "王秀英" in page and "李建国" not in page


def test_the_badges_page_query_count_does_not_grow_with_members(client, branch, publish):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chengnuo.tests.factories import MemberFactory

    counts = []
    for extra in (1, 4):
        for _ in range(extra):
            publish(member=MemberFactory(organization=branch))
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("boards:badges", args=[branch.slug]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_printed_qr_codes_use_the_configured_public_address(client, member, publish,
                                                           settings):
    settings.PUBLIC_BASE_URL = "https://chengnuo.example.org"
    publish(member=member)
    page = client.get(reverse("boards:badge", args=[member.public_id])).content.decode()
    url = "https://chengnuo.example.org" + reverse("boards:member", args=[member.public_id])
    assert str(qr_svg(url, title="王秀英", scale=3)) in page
